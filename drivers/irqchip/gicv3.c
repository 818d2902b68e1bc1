/* GICv3: recognised, not driven yet.  QEMU virt uses GICv2 unless started
 * with gic-version=3 (or max). */
#include <irqchip.h>
#include <dt.h>
#include <kernel.h>

const struct irqchip *gicv3_probe(const struct dt *d, int node)
{
	printk("irqchip: %s is a GICv3 (arm,gic-v3), which this kernel does not drive yet; "
	       "no interrupts (on QEMU: -M virt,gic-version=2)\n", dt_node_name(d, node));
	return NULL;
}
