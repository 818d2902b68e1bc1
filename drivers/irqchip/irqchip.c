/* The interrupt controller: found by compatible in the device tree, one per
 * machine, with a table of handlers indexed by interrupt number.  The arch
 * IRQ vector calls irq_dispatch(). */
#include <irqchip.h>
#include <dt.h>
#include <kernel.h>

const struct irqchip *gicv2_probe(const struct dt *d, int node);
const struct irqchip *gicv3_probe(const struct dt *d, int node);

static const struct irqchip_driver drivers[] = {
	{ "arm,gic-400", gicv2_probe },
	{ "arm,cortex-a15-gic", gicv2_probe },
	{ "arm,cortex-a9-gic", gicv2_probe },
	{ "arm,gic-v3", gicv3_probe },
};

static const struct irqchip *chip;
static int chip_node = -1;
static uint32_t chip_phandle;    /* 0: the node has none */

static struct {
	irq_handler_fn fn;
	void *arg;
	uint64_t count;
} handlers[IRQ_MAX];

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

int irqchip_init(const struct dt *d)
{
	for (size_t i = 0; i < ARRAY_SIZE(drivers); i++) {
		int node = dt_find_compatible(d, -1, drivers[i].compatible);
		if (node < 0)
			continue;
		const struct irqchip *c = drivers[i].probe(d, node);
		if (!c)
			return -1;       /* the driver said why */
		chip = c;
		chip_node = node;
		if (dt_prop_u32(d, node, "phandle", &chip_phandle) != DT_OK &&
		    dt_prop_u32(d, node, "linux,phandle", &chip_phandle) != DT_OK)
			chip_phandle = 0;
		return 0;
	}
	printk("irqchip: the device tree names no interrupt controller this kernel drives\n");
	return -1;
}

const struct irqchip *irqchip_get(void)
{
	return chip;
}

/* The phandle of the controller node's interrupts go to: the nearest
 * interrupt-parent up the tree, 0 if none says. */
static uint32_t interrupt_parent(const struct dt *d, int node)
{
	for (; node >= 0; node = dt_parent(d, node)) {
		uint32_t ph;
		if (dt_prop_u32(d, node, "interrupt-parent", &ph) == DT_OK)
			return ph;
	}
	return 0;
}

int irq_of_dt(const struct dt *d, int node, int index, unsigned *flags)
{
	uint32_t ncells, cells[4];
	int len;

	if (!chip || index < 0)
		return -1;
	uint32_t parent = interrupt_parent(d, node);
	if (parent && chip_phandle && parent != chip_phandle)
		return -1;
	if (dt_prop_u32(d, chip_node, "#interrupt-cells", &ncells) != DT_OK || ncells == 0 ||
	    ncells > ARRAY_SIZE(cells))
		return -1;
	const uint8_t *p = dt_prop(d, node, "interrupts", &len);
	size_t spec = 4 * ncells;
	if (!p || len < 0 || (size_t)len % spec || (size_t)(index + 1) * spec > (size_t)len)
		return -1;
	for (uint32_t i = 0; i < ncells; i++)
		cells[i] = be32(p + index * spec + 4 * i);
	unsigned fl = 0;
	int irq = chip->xlate(cells, ncells, &fl);
	if (irq < 0 || irq >= IRQ_MAX)
		return -1;
	if (flags)
		*flags = fl;
	return irq;
}

int irq_request(unsigned irq, unsigned flags, irq_handler_fn fn, void *arg)
{
	if (!chip || irq >= IRQ_MAX || !fn || handlers[irq].fn)
		return -1;
	handlers[irq].fn = fn;
	handlers[irq].arg = arg;
	chip->enable(irq, flags);
	return 0;
}

void irq_release(unsigned irq)
{
	if (!chip || irq >= IRQ_MAX)
		return;
	chip->disable(irq);
	handlers[irq].fn = NULL;
	handlers[irq].arg = NULL;
}

unsigned irq_dispatch(struct arch_regs *regs)
{
	unsigned n = 0;
	uint32_t cookie;
	int irq;

	if (!chip)
		return 0;
	/* Bounded, so a stuck line cannot hold the CPU here forever. */
	while (n < 32 && (irq = chip->ack(&cookie)) >= 0) {
		if (irq < IRQ_MAX && handlers[irq].fn) {
			handlers[irq].count++;
			handlers[irq].fn(regs, handlers[irq].arg);
		} else {
			printk("irqchip: interrupt %d has no handler; masked\n", irq);
			chip->disable((unsigned)irq);
		}
		chip->eoi(cookie);
		n++;
	}
	return n;
}

uint64_t irq_count(unsigned irq)
{
	return irq < IRQ_MAX ? handlers[irq].count : 0;
}
