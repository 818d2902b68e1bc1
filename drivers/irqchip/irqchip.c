/* Interrupt controllers: found by compatible in the device tree, a root (the
 * one the CPU's IRQ comes from) and the controllers chained to it, with one
 * table of handlers indexed by global interrupt number.  The arch IRQ
 * vector calls irq_dispatch(). */
#include <irqchip.h>
#include <dt.h>
#include <kernel.h>
#include <cpu.h>

const struct irqchip *gicv2_probe(const struct dt *d, int node);
const struct irqchip *gicv3_probe(const struct dt *d, int node);
const struct irqchip *bcm2836_local_probe(const struct dt *d, int node);
const struct irqchip *bcm2835_intc_probe(const struct dt *d, int node);

static const struct irqchip_driver drivers[] = {
	{ "arm,gic-400", gicv2_probe },
	{ "arm,cortex-a15-gic", gicv2_probe },
	{ "arm,cortex-a9-gic", gicv2_probe },
	{ "arm,gic-v3", gicv3_probe },
	{ "brcm,bcm2836-l1-intc", bcm2836_local_probe },
	{ "brcm,bcm2836-armctrl-ic", bcm2835_intc_probe },
	{ "brcm,bcm2835-armctrl-ic", bcm2835_intc_probe },
};

/* A started controller and the global numbers it owns:
 * base .. base + count - 1.  domains[0] is the root. */
struct irq_domain {
	const struct irqchip *chip;
	const struct irqchip_driver *drv;
	int node;
	uint32_t phandle;               /* 0: the node has none */
	unsigned base, count;
	int parent_irq;                 /* global number it is chained to; -1 for the root */
};

#define MAX_DOMAINS 4
static struct irq_domain domains[MAX_DOMAINS];
static unsigned n_domains;

static struct {
	irq_handler_fn fn;
	void *arg;
	uint64_t count;
	bool lockless;
} handlers[IRQ_MAX];

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t node_phandle(const struct dt *d, int node)
{
	uint32_t ph;
	if (dt_prop_u32(d, node, "phandle", &ph) != DT_OK &&
	    dt_prop_u32(d, node, "linux,phandle", &ph) != DT_OK)
		return 0;
	return ph;
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

/* The started controller that receives node's interrupts, or NULL.  A tree
 * that names no interrupt-parent anywhere means the root. */
static struct irq_domain *domain_of(const struct dt *d, int node)
{
	uint32_t parent = interrupt_parent(d, node);
	if (!n_domains)
		return NULL;
	if (!parent)
		return &domains[0];
	for (unsigned i = 0; i < n_domains; i++)
		if (domains[i].phandle == parent)
			return &domains[i];
	/* The root node's phandle may be missing from a hand-written tree
	 * whose controllers all point at it: only then is it the root. */
	return !domains[0].phandle && n_domains == 1 ? &domains[0] : NULL;
}

static struct irq_domain *domain_of_irq(unsigned irq)
{
	for (unsigned i = 0; i < n_domains; i++)
		if (irq >= domains[i].base && irq - domains[i].base < domains[i].count)
			return &domains[i];
	return NULL;
}

static bool driver_started(const struct irqchip_driver *drv)
{
	for (unsigned i = 0; i < n_domains; i++)
		if (domains[i].drv->probe == drv->probe)
			return true;
	return false;
}

/* Handle what dom has pending: acknowledge, run the handler, end of
 * interrupt, until nothing is left.  Bounded, so a stuck line cannot hold
 * the CPU here forever. */
static unsigned dispatch(struct irq_domain *dom, struct arch_regs *regs)
{
	unsigned n = 0;
	uint32_t cookie;
	int hw;

	while (n < 32 && (hw = dom->chip->ack(&cookie)) >= 0) {
		unsigned irq = dom->base + (unsigned)hw;
		if ((unsigned)hw < dom->count && handlers[irq].fn) {
			handlers[irq].count++;
			/* Handlers run under the kernel lock (cpu.h), except the
			 * IPI's, which must never wait for it. */
			if (handlers[irq].lockless) {
				handlers[irq].fn(regs, handlers[irq].arg);
			} else {
				kernel_lock();
				handlers[irq].fn(regs, handlers[irq].arg);
				kernel_unlock();
			}
		} else {
			printk("irqchip: interrupt %u (%s %d) has no handler; masked\n",
			       irq, dom->chip->name, hw);
			dom->chip->disable((unsigned)hw);
		}
		dom->chip->eoi(cookie);
		n++;
	}
	return n;
}

/* The parent's handler for a chained controller's output. */
static void chained_irq(struct arch_regs *regs, void *arg)
{
	dispatch(arg, regs);
}

/* The node is a root if its interrupts go nowhere else: no interrupt-parent,
 * or itself (a GIC's maintenance interrupt, the BCM2836 controller). */
static bool is_controller(const struct dt *d, int node)
{
	int len;
	return dt_prop(d, node, "interrupt-controller", &len) != NULL;
}

static bool is_root(const struct dt *d, int node)
{
	uint32_t parent = interrupt_parent(d, node);
	return !parent || parent == node_phandle(d, node);
}

static int start_root(const struct dt *d)
{
	for (size_t i = 0; i < ARRAY_SIZE(drivers); i++) {
		int node = -1;
		while ((node = dt_find_compatible(d, node, drivers[i].compatible)) >= 0) {
			if (!is_controller(d, node) || !is_root(d, node))
				continue;
			const struct irqchip *c = drivers[i].probe(d, node);
			if (!c)
				return -1;       /* the driver said why */
			domains[0] = (struct irq_domain){
				.chip = c, .drv = &drivers[i], .node = node,
				.phandle = node_phandle(d, node), .base = 0,
				.count = c->nr_irqs && c->nr_irqs < IRQ_MAX ? c->nr_irqs : IRQ_MAX,
				.parent_irq = -1,
			};
			n_domains = 1;
			return 0;
		}
	}
	printk("irqchip: the device tree names no interrupt controller this kernel drives\n");
	return -1;
}

/* Start one chained controller whose parent is started.  true if one was. */
static bool start_one_chained(const struct dt *d)
{
	for (size_t i = 0; i < ARRAY_SIZE(drivers); i++) {
		if (driver_started(&drivers[i]))
			continue;
		int node = -1;
		while ((node = dt_find_compatible(d, node, drivers[i].compatible)) >= 0) {
			if (!is_controller(d, node) || is_root(d, node) || !domain_of(d, node))
				continue;
			struct irq_domain *last = &domains[n_domains - 1];
			unsigned base = last->base + last->count;
			unsigned flags = 0;
			int parent_irq = irq_of_dt(d, node, 0, &flags);
			if (parent_irq < 0 || n_domains == MAX_DOMAINS || base >= IRQ_MAX) {
				printk("irqchip: %s: %s; not started\n", dt_node_name(d, node),
				       parent_irq < 0 ? "no usable parent interrupt"
				       : "no room for another controller");
				continue;
			}
			const struct irqchip *c = drivers[i].probe(d, node);
			if (!c)
				continue;        /* the driver said why */
			unsigned count = c->nr_irqs ? c->nr_irqs : IRQ_MAX;
			struct irq_domain *dom = &domains[n_domains];
			*dom = (struct irq_domain){
				.chip = c, .drv = &drivers[i], .node = node,
				.phandle = node_phandle(d, node), .base = base,
				.count = MIN(count, IRQ_MAX - base), .parent_irq = parent_irq,
			};
			n_domains++;
			if (irq_request((unsigned)parent_irq, flags, chained_irq, dom) < 0) {
				printk("irqchip: %s: parent interrupt %d is taken\n",
				       dt_node_name(d, node), parent_irq);
				n_domains--;
				continue;
			}
			printk("irqchip: %s chained to interrupt %d, interrupts %u-%u\n",
			       c->name, parent_irq, dom->base, dom->base + dom->count - 1);
			return true;
		}
	}
	return false;
}

int irqchip_init(const struct dt *d)
{
	if (start_root(d) < 0)
		return -1;
	while (n_domains < MAX_DOMAINS && start_one_chained(d))
		;
	return 0;
}

const struct irqchip *irqchip_get(void)
{
	return n_domains ? domains[0].chip : NULL;
}

int irq_of_dt(const struct dt *d, int node, int index, unsigned *flags)
{
	uint32_t ncells, cells[4];
	int len;

	if (index < 0)
		return -1;
	struct irq_domain *dom = domain_of(d, node);
	if (!dom)
		return -1;
	if (dt_prop_u32(d, dom->node, "#interrupt-cells", &ncells) != DT_OK || ncells == 0 ||
	    ncells > ARRAY_SIZE(cells))
		return -1;
	const uint8_t *p = dt_prop(d, node, "interrupts", &len);
	size_t spec = 4 * ncells;
	if (!p || len < 0 || (size_t)len % spec || (size_t)(index + 1) * spec > (size_t)len)
		return -1;
	for (uint32_t i = 0; i < ncells; i++)
		cells[i] = be32(p + index * spec + 4 * i);
	unsigned fl = 0;
	int hw = dom->chip->xlate(cells, ncells, &fl);
	if (hw < 0 || (unsigned)hw >= dom->count)
		return -1;
	if (flags)
		*flags = fl;
	return (int)(dom->base + (unsigned)hw);
}

int irq_request(unsigned irq, unsigned flags, irq_handler_fn fn, void *arg)
{
	struct irq_domain *dom = irq < IRQ_MAX ? domain_of_irq(irq) : NULL;
	if (!dom || !fn || handlers[irq].fn)
		return -1;
	handlers[irq].fn = fn;
	handlers[irq].arg = arg;
	dom->chip->enable(irq - dom->base, flags);
	return 0;
}

void irq_release(unsigned irq)
{
	struct irq_domain *dom = irq < IRQ_MAX ? domain_of_irq(irq) : NULL;
	if (!dom)
		return;
	dom->chip->disable(irq - dom->base);
	handlers[irq].fn = NULL;
	handlers[irq].arg = NULL;
}

void irqchip_cpu_init(void)
{
	if (n_domains && domains[0].chip->cpu_init)
		domains[0].chip->cpu_init();
}

void irq_set_lockless(unsigned irq)
{
	if (irq < IRQ_MAX)
		handlers[irq].lockless = true;
}

unsigned irq_dispatch(struct arch_regs *regs)
{
	return n_domains ? dispatch(&domains[0], regs) : 0;
}

uint64_t irq_count(unsigned irq)
{
	return irq < IRQ_MAX ? handlers[irq].count : 0;
}
