/* The BCM2836 per-core ("local") interrupt controller, "brcm,bcm2836-l1-intc":
 * the root controller of the BCM2836 and BCM2837 (Raspberry Pi 2 and 3),
 * which have no GIC.  Each core has its own IRQ source register; the
 * sources are the core's four generic-timer outputs, four mailboxes, the
 * "GPU" line (everything of the BCM2835-style peripheral controller, routed
 * to one core), the PMU, the AXI counter and the local timer.
 *
 * Interrupt numbers are the bit numbers of the source register, which are
 * also the first cell of the device-tree binding: 0 CNTPSIRQ, 1 CNTPNSIRQ,
 * 2 CNTHPIRQ, 3 CNTVIRQ, 4-7 mailbox 0-3, 8 GPU, 9 PMU, 10 AXI, 11 local
 * timer.  All are level-sensitive and have no acknowledge: a handler clears
 * its source (the timer handler by moving the compare value).
 *
 * Register offsets from the BCM2836 "QA7" ARM-local peripherals document:
 * GPU routing 0x0c, PMU routing set/clear 0x10/0x14, local timer routing
 * 0x24, per-core timer interrupt control 0x40 + 4*core (bits 0-3 IRQ,
 * 4-7 FIQ), mailbox interrupt control 0x50 + 4*core, IRQ source
 * 0x60 + 4*core, mailbox write-set 0x80 + 16*core + 4*mailbox, mailbox
 * read / write-clear 0xc0 + 16*core + 4*mailbox.
 *
 * Several cores: each has its own copy of the per-core sources (timers,
 * mailboxes, PMU); a core started later enables there the ones enabled so
 * far (local_cpu_init).  Mailbox 0 is the IPI: another core writes a bit
 * into it, and the receiver clears it when it acknowledges. */
#include <irqchip.h>
#include <arch.h>
#include <dt.h>
#include <mm.h>
#include <kernel.h>
#include <cpu.h>

#define GPU_ROUTING      0x0c   /* bits 1:0: IRQ core, bits 3:2: FIQ core */
#define PMU_ROUTE_SET    0x10   /* bit n: core n's IRQ */
#define PMU_ROUTE_CLR    0x14
#define LTIMER_ROUTING   0x24   /* bits 2:0: core (0-3 IRQ, 4-7 FIQ) */
#define TIMER_CTRL(c)    (0x40 + 4 * (c))
#define MAILBOX_CTRL(c)  (0x50 + 4 * (c))
#define IRQ_SOURCE(c)    (0x60 + 4 * (c))
#define MBOX_SET(c, m)   (0x80 + 16 * (c) + 4 * (m))
#define MBOX_CLR(c, m)   (0xc0 + 16 * (c) + 4 * (m))
#define LOCAL_REGS_SIZE  0x100

#define HW_TIMER_LAST    3
#define HW_MAILBOX_FIRST 4
#define HW_MAILBOX_LAST  7
#define HW_GPU           8
#define HW_PMU           9
#define HW_LTIMER        11
#define NR_LOCAL         32     /* the source register's bits */

static volatile uint8_t *regs;
static uint32_t enabled;         /* sources unmasked (per-core ones: on every core) */
static bool have_mailboxes;      /* the register block reaches them */
static uint8_t core_of[MAX_CPUS];     /* cpu.h's index -> core number */

/* The running core: Aff0 is the core number on these SoCs. */
static unsigned this_core(void)
{
	return arch_gic_cpu_affinity() & 0x3;
}

static uint32_t rd(unsigned off)
{
	return *(volatile uint32_t *)(regs + off);
}

static void wr(unsigned off, uint32_t v)
{
	*(volatile uint32_t *)(regs + off) = v;
}

static void local_disable(unsigned hw)
{
	unsigned cpu = this_core();
	if (hw >= NR_LOCAL)
		return;
	enabled &= ~(1u << hw);
	if (hw <= HW_TIMER_LAST)
		wr(TIMER_CTRL(cpu), rd(TIMER_CTRL(cpu)) & ~(1u << hw));
	else if (hw <= HW_MAILBOX_LAST)
		wr(MAILBOX_CTRL(cpu), rd(MAILBOX_CTRL(cpu)) & ~(1u << (hw - HW_MAILBOX_FIRST)));
	else if (hw == HW_PMU)
		wr(PMU_ROUTE_CLR, 1u << cpu);
	/* The GPU line and the local timer have one route and no mask here:
	 * masked in software (ack ignores them) and at their source. */
}

static void local_enable(unsigned hw, unsigned flags)
{
	(void)flags;                    /* every source is level-sensitive */
	unsigned cpu = this_core();
	if (hw >= NR_LOCAL)
		return;
	if (hw <= HW_TIMER_LAST)        /* IRQ on, FIQ off */
		wr(TIMER_CTRL(cpu), (rd(TIMER_CTRL(cpu)) | 1u << hw) & ~(0x10u << hw));
	else if (hw <= HW_MAILBOX_LAST)
		wr(MAILBOX_CTRL(cpu), (rd(MAILBOX_CTRL(cpu)) | 1u << (hw - HW_MAILBOX_FIRST)) &
		   ~(0x10u << (hw - HW_MAILBOX_FIRST)));
	else if (hw == HW_GPU)
		wr(GPU_ROUTING, cpu);   /* IRQ and FIQ fields to this core; FIQ unused */
	else if (hw == HW_PMU)
		wr(PMU_ROUTE_SET, 1u << cpu);
	else if (hw == HW_LTIMER)
		wr(LTIMER_ROUTING, cpu);
	enabled |= 1u << hw;
}

static int local_ack(uint32_t *cookie)
{
	unsigned cpu = this_core();
	uint32_t pending = rd(IRQ_SOURCE(cpu)) & enabled;
	if (!pending)
		return -1;
	int hw = __builtin_ctz(pending);
	*cookie = (uint32_t)hw;
	/* A mailbox is cleared here, before its handler looks at what it was
	 * sent for: a message that comes after this raises it again. */
	if (hw >= HW_MAILBOX_FIRST && hw <= HW_MAILBOX_LAST)
		wr(MBOX_CLR(cpu, hw - HW_MAILBOX_FIRST), 0xffffffff);
	return hw;
}

static void local_eoi(uint32_t cookie)
{
	(void)cookie;                   /* nothing to end: the source is cleared at the device */
}

/* The binding: <source flags>, flags as in the GIC binding's trigger bits
 * (1/2 edge, 4/8 level). */
static int local_xlate(const uint32_t *cells, unsigned ncells, unsigned *flags)
{
	if (ncells < 1 || cells[0] >= NR_LOCAL)
		return -1;
	*flags = ncells >= 2 && (cells[1] & 0x3) ? IRQ_EDGE : 0;
	return (int)cells[0];
}

/* Mask bits for this core's control registers: those of the per-core
 * sources in 'enabled' (IRQ on, FIQ off). */
static void local_cpu_init(void)
{
	unsigned cpu = this_core();
	core_of[this_cpu()->index] = (uint8_t)cpu;
	wr(TIMER_CTRL(cpu), enabled & 0xf);
	wr(MAILBOX_CTRL(cpu), enabled >> HW_MAILBOX_FIRST & 0xf);
	if (have_mailboxes)
		for (unsigned m = 0; m < 4; m++)
			wr(MBOX_CLR(cpu, m), 0xffffffff);
	if (enabled & 1u << HW_PMU)
		wr(PMU_ROUTE_SET, 1u << cpu);
	else
		wr(PMU_ROUTE_CLR, 1u << cpu);
}

/* Mailbox 0 of the target core.  The caller made its memory writes visible
 * first (dsb). */
static void local_send_ipi(unsigned idx)
{
	if (have_mailboxes && idx < MAX_CPUS)
		wr(MBOX_SET(core_of[idx], 0), 1);
}

static const struct irqchip bcm2836_local = {
	.name = "BCM2836 local",
	.enable = local_enable,
	.disable = local_disable,
	.ack = local_ack,
	.eoi = local_eoi,
	.xlate = local_xlate,
	.nr_irqs = NR_LOCAL,
	.cpu_init = local_cpu_init,
	.send_ipi = local_send_ipi,
	.ipi_irq = HW_MAILBOX_FIRST,
};

const struct irqchip *bcm2836_local_probe(const struct dt *d, int node)
{
	uint64_t pa, size;
	if (dt_reg_translated(d, node, 0, &pa, &size) != DT_OK || size < IRQ_SOURCE(4) ||
	    !(regs = ioremap(pa, size))) {
		printk("irqchip: %s: cannot map its registers\n", dt_node_name(d, node));
		return NULL;
	}
	unsigned cpu = this_core();
	have_mailboxes = size >= LOCAL_REGS_SIZE;
	core_of[this_cpu()->index] = (uint8_t)cpu;
	/* Everything of this core masked; the other cores' registers are
	 * theirs to set up when they start. */
	wr(TIMER_CTRL(cpu), 0);
	wr(MAILBOX_CTRL(cpu), 0);
	wr(PMU_ROUTE_CLR, 1u << cpu);
	enabled = 0;
	printk("irqchip: BCM2836 local %s at %#lx, core %u\n", dt_node_name(d, node),
	       (unsigned long)pa, cpu);
	return &bcm2836_local;
}
