/* Arm Generic Interrupt Controller v3 (GICv3): the distributor (GICD) and
 * one redistributor per CPU (GICR: RD_base frame, then SGI_base frame for
 * SGIs and PPIs) memory-mapped, the first two entries of the node's reg;
 * the CPU interface is system registers, reached through the arch's
 * arch_gic_* hooks (<arch.h>).  Register offsets from the GICv3 architecture specification
 * (IHI 0069).  Affinity routing on; every interrupt in group 1 (signalled
 * as IRQ), one priority; SPIs routed to the boot CPU.  SGIs and PPIs live
 * in each CPU's redistributor: a CPU started later wakes its own and
 * enables there the ones enabled so far (gicv3_cpu_init); SGI 0 is the
 * IPI, sent through ICC_SGI1R_EL1 with the target's affinity. */
#include <irqchip.h>
#include <arch.h>
#include <dt.h>
#include <mm.h>
#include <kernel.h>
#include <cpu.h>

#define GICD_CTLR       0x0000
#define GICD_TYPER      0x0004
#define GICD_IGROUPR    0x0080
#define GICD_ISENABLER  0x0100
#define GICD_ICENABLER  0x0180
#define GICD_ICPENDR    0x0280
#define GICD_ICACTIVER  0x0380
#define GICD_IPRIORITYR 0x0400
#define GICD_ICFGR      0x0c00
#define GICD_IROUTER    0x6000
#define CTLR_RWP        (1u << 31)
#define CTLR_ARE        (1u << 4)   /* ARE_NS, or ARE with one security state */
#define CTLR_GRP1       (1u << 1)   /* EnableGrp1NS, or EnableGrp1 */

#define GICR_TYPER      0x0008      /* 64-bit: Aff3.Aff2.Aff1.Aff0 in 63:32 */
#define GICR_WAKER      0x0014
#define TYPER_VLPIS     (1u << 1)
#define TYPER_LAST      (1u << 4)
#define WAKER_SLEEP     (1u << 1)   /* ProcessorSleep */
#define WAKER_ASLEEP    (1u << 2)   /* ChildrenAsleep */
#define SGI_BASE        0x10000     /* GICR_IGROUPR0, ISENABLER0... at the GICD offsets */

#define PRIORITY        0xa0
#define INTID_SPURIOUS  1020
#define IPI_SGI         0

static volatile uint8_t *gicd, *rbase;
static uint64_t rsize;
static unsigned nr_irqs;
static uint64_t route;               /* GICD_IROUTER value: the boot CPU */
/* Per CPU (cpu.h's index): its redistributor's SGI_base frame, its affinity. */
static volatile uint8_t *sgi_frames[MAX_CPUS];
static uint32_t affinity[MAX_CPUS];
static uint32_t private_on;          /* SGIs and PPIs enabled on every CPU */

static uint32_t rd(volatile uint8_t *base, unsigned off)
{
	return *(volatile uint32_t *)(base + off);
}

static void wr(volatile uint8_t *base, unsigned off, uint32_t v)
{
	*(volatile uint32_t *)(base + off) = v;
}

static void wait_rwp(void)
{
	for (int i = 0; i < 1000000 && (rd(gicd, GICD_CTLR) & CTLR_RWP); i++)
		;
}

/* SGIs and PPIs are configured in this CPU's redistributor, SPIs in the
 * distributor, with the same register layout. */
static volatile uint8_t *frame(unsigned irq)
{
	return irq < 32 ? sgi_frames[this_cpu()->index] : gicd;
}

static void set_priority(unsigned irq)
{
	unsigned off = GICD_IPRIORITYR + (irq & ~3u), shift = 8 * (irq & 3);
	volatile uint8_t *f = frame(irq);
	wr(f, off, (rd(f, off) & ~(0xffu << shift)) | PRIORITY << shift);
}

static void gicv3_disable(unsigned irq)
{
	if (irq >= nr_irqs)
		return;
	wr(frame(irq), GICD_ICENABLER + 4 * (irq / 32), 1u << (irq % 32));
	if (irq >= 32)
		wait_rwp();
	else
		private_on &= ~(1u << irq);   /* CPUs started later leave it off */
}

static void gicv3_enable(unsigned irq, unsigned flags)
{
	if (irq >= nr_irqs)
		return;
	gicv3_disable(irq);
	set_priority(irq);
	if (irq >= 32) {
		unsigned off = GICD_ICFGR + 4 * (irq / 16), bit = 2 * (irq % 16) + 1;
		uint32_t cfg = rd(gicd, off) & ~(1u << bit);
		wr(gicd, off, cfg | ((flags & IRQ_EDGE) ? 1u << bit : 0));
		*(volatile uint64_t *)(gicd + GICD_IROUTER + 8 * irq) = route;
	}
	wr(frame(irq), GICD_ISENABLER + 4 * (irq / 32), 1u << (irq % 32));
	if (irq < 32)
		private_on |= 1u << irq;
}

static int gicv3_ack(uint32_t *cookie)
{
	uint32_t iar = arch_gic_cpuif_ack1() & 0xffffff;
	if (iar >= INTID_SPURIOUS && iar < 1024)
		return -1;
	*cookie = iar;
	return iar < IRQ_MAX ? (int)iar : -1;
}

static void gicv3_eoi(uint32_t cookie)
{
	arch_gic_cpuif_eoi1(cookie);
}

/* Same binding as GICv2 for SPIs (type 0) and PPIs (type 1). */
static int gicv3_xlate(const uint32_t *cells, unsigned ncells, unsigned *flags)
{
	if (ncells < 3)
		return -1;
	*flags = (cells[2] & 0x3) ? IRQ_EDGE : 0;
	if (cells[0] == 0 && cells[1] < 988)
		return (int)(32 + cells[1]);
	if (cells[0] == 1 && cells[1] < 16)
		return (int)(16 + cells[1]);
	return -1;
}

static void gicv3_cpu_init(void);
static void gicv3_send_ipi(unsigned idx);

static const struct irqchip gicv3 = {
	.name = "GICv3",
	.enable = gicv3_enable,
	.disable = gicv3_disable,
	.ack = gicv3_ack,
	.eoi = gicv3_eoi,
	.xlate = gicv3_xlate,
	.cpu_init = gicv3_cpu_init,
	.send_ipi = gicv3_send_ipi,
	.ipi_irq = IPI_SGI,
};

/* This CPU's redistributor among the frames of the GICR region. */
static volatile uint8_t *find_redist(volatile uint8_t *base, uint64_t size, uint32_t aff)
{
	for (uint64_t off = 0; off + 2 * SGI_BASE <= size;) {
		volatile uint8_t *rd_base = base + off;
		uint64_t typer = *(volatile uint64_t *)(rd_base + GICR_TYPER);
		if ((uint32_t)(typer >> 32) == aff)
			return rd_base;
		if (typer & TYPER_LAST)
			break;
		off += (typer & TYPER_VLPIS) ? 4 * SGI_BASE : 2 * SGI_BASE;
	}
	return NULL;
}

/* The running CPU's redistributor (awake; SGIs and PPIs group 1, one
 * priority, the ones in private_on enabled) and its CPU interface (system
 * registers, all priorities, group 1 on).  false if either is missing. */
static bool cpu_part_init(void)
{
	unsigned me = this_cpu()->index;
	uint32_t aff = arch_gic_cpu_affinity();
	volatile uint8_t *redist = find_redist(rbase, rsize, aff);
	if (!redist) {
		printk("irqchip: GICv3: no redistributor for CPU %u (affinity %#x)\n", me, aff);
		return false;
	}
	volatile uint8_t *sgi = redist + SGI_BASE;
	affinity[me] = aff;
	wr(redist, GICR_WAKER, rd(redist, GICR_WAKER) & ~WAKER_SLEEP);
	for (int i = 0; i < 1000000 && (rd(redist, GICR_WAKER) & WAKER_ASLEEP); i++)
		;
	wr(sgi, GICD_ICENABLER, 0xffffffff);
	wr(sgi, GICD_ICPENDR, 0xffffffff);
	wr(sgi, GICD_IGROUPR, 0xffffffff);
	for (unsigned i = 0; i < 32; i += 4)
		wr(sgi, GICD_IPRIORITYR + i, PRIORITY * 0x01010101u);
	wr(sgi, GICD_ISENABLER, private_on);
	sgi_frames[me] = sgi;

	if (!arch_gic_cpuif_enable()) {
		printk("irqchip: GICv3: the CPU interface registers are disabled on CPU %u "
		       "(ICC_SRE_EL1.SRE reads 0)\n", me);
		return false;
	}
	arch_gic_cpuif_set_pmr(0xff);
	arch_gic_cpuif_set_bpr1(0);
	arch_gic_cpuif_set_grpen1(1);
	return true;
}

static void gicv3_cpu_init(void)
{
	(void)cpu_part_init();   /* reported; the CPU then runs without interrupts */
}

/* ICC_SGI1R_EL1: Aff3 at 55:48, RS (Aff0 / 16) at 47:44, Aff2 at 39:32, INTID at 27:24, Aff1 at
 * 23:16, a 16-bit target list of Aff0 % 16 at 15:0.  The caller made its
 * memory writes visible first (dsb). */
static void gicv3_send_ipi(unsigned idx)
{
	if (idx >= MAX_CPUS || !sgi_frames[idx])
		return;
	uint64_t aff = affinity[idx];
	uint64_t aff0 = aff & 0xff, aff1 = aff >> 8 & 0xff, aff2 = aff >> 16 & 0xff, aff3 = aff >> 24;
	arch_gic_cpuif_sgi1(aff3 << 48 | (aff0 >> 4) << 44 | aff2 << 32 | (uint64_t)IPI_SGI << 24 |
			    aff1 << 16 | 1u << (aff0 & 15));
}

const struct irqchip *gicv3_probe(const struct dt *d, int node)
{
	uint64_t dpa, dsize, rpa;
	if (dt_reg_translated(d, node, 0, &dpa, &dsize) != DT_OK ||
	    dt_reg_translated(d, node, 1, &rpa, &rsize) != DT_OK ||
	    !(gicd = ioremap(dpa, dsize)) || !(rbase = ioremap(rpa, rsize))) {
		printk("irqchip: %s: cannot map the distributor and redistributors\n",
		       dt_node_name(d, node));
		return NULL;
	}
	uint32_t aff = arch_gic_cpu_affinity();
	if (!find_redist(rbase, rsize, aff)) {
		printk("irqchip: %s: no redistributor for this CPU (affinity %#x)\n",
		       dt_node_name(d, node), aff);
		return NULL;
	}
	route = (uint64_t)(aff >> 24) << 32 | (aff & 0xffffff);

	/* Distributor: off, every SPI masked, group 1, one priority; then
	 * affinity routing and group 1 on. */
	wr(gicd, GICD_CTLR, 0);
	wait_rwp();
	nr_irqs = MIN(32 * ((rd(gicd, GICD_TYPER) & 0x1f) + 1), 1020u);
	for (unsigned i = 32; i < nr_irqs; i += 32) {
		wr(gicd, GICD_ICENABLER + i / 8, 0xffffffff);
		wr(gicd, GICD_ICPENDR + i / 8, 0xffffffff);
		wr(gicd, GICD_ICACTIVER + i / 8, 0xffffffff);
		wr(gicd, GICD_IGROUPR + i / 8, 0xffffffff);
	}
	for (unsigned i = 32; i < nr_irqs; i += 4)
		wr(gicd, GICD_IPRIORITYR + i, PRIORITY * 0x01010101u);
	wait_rwp();
	wr(gicd, GICD_CTLR, CTLR_ARE);
	wait_rwp();
	wr(gicd, GICD_CTLR, CTLR_ARE | CTLR_GRP1);
	wait_rwp();

	if (!cpu_part_init())
		return NULL;
	printk("irqchip: GICv3 %s, distributor %#lx, redistributors %#lx, %u interrupts\n",
	       dt_node_name(d, node), (unsigned long)dpa, (unsigned long)rpa, nr_irqs);
	return &gicv3;
}
