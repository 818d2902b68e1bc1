/* Arm Generic Interrupt Controller, architecture version 2 (GICv2, GIC-400):
 * a distributor (GICD) shared by the CPUs and a CPU interface (GICC) per
 * CPU, both memory-mapped, the first two entries of the node's reg.
 * Register offsets from the GICv2 architecture specification (IHI 0048).
 *
 * Every interrupt gets one priority and shared ones (SPIs) go to the boot
 * CPU.  SGIs and PPIs are banked per CPU: each CPU enables the ones enabled
 * so far in its own copy (gicv2_cpu_init), and SGI 0 is the IPI.  Interrupts
 * stay in the group the firmware left them (group 0 on a GIC without the
 * security extensions, as on QEMU virt; group 1 when booted non-secure),
 * and both groups are enabled, signalled as IRQ. */
#include <irqchip.h>
#include <dt.h>
#include <mm.h>
#include <kernel.h>
#include <cpu.h>

#define GICD_CTLR       0x000
#define GICD_TYPER      0x004
#define GICD_ISENABLER  0x100
#define GICD_ICENABLER  0x180
#define GICD_ICPENDR    0x280
#define GICD_ICACTIVER  0x380
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR  0x800
#define GICD_ICFGR      0xc00
#define GICD_SGIR       0xf00   /* 25:24 filter (0 = the list), 23:16 CPU list, 3:0 SGI */

#define GICC_CTLR       0x00
#define GICC_PMR        0x04
#define GICC_BPR        0x08
#define GICC_IAR        0x0c
#define GICC_EOIR       0x10

#define CTLR_ENABLE     0x3     /* distributor / CPU interface: both groups */
#define PRIORITY        0xa0
#define PMR_ALL         0xff    /* let every priority through */
#define INTID_SPURIOUS  1020    /* 1020-1023: nothing to acknowledge */
#define IPI_SGI         0

static volatile uint8_t *gicd, *gicc;
static unsigned nr_irqs;         /* INTIDs 0 .. nr_irqs-1 exist */
static uint8_t cpu_mask;         /* the boot CPU's bit for ITARGETSR */
static uint8_t cpu_masks[MAX_CPUS];   /* each CPU's bit, for GICD_SGIR */
static uint32_t private_on;      /* SGIs and PPIs enabled (banked: per CPU) */

static uint32_t rd(volatile uint8_t *base, unsigned off)
{
	return *(volatile uint32_t *)(base + off);
}

static void wr(volatile uint8_t *base, unsigned off, uint32_t v)
{
	*(volatile uint32_t *)(base + off) = v;
}

/* One byte-wide field among the four in a 32-bit register. */
static void set_byte(unsigned reg, unsigned irq, uint8_t v)
{
	unsigned off = reg + (irq & ~3u), shift = 8 * (irq & 3);
	wr(gicd, off, (rd(gicd, off) & ~(0xffu << shift)) | (uint32_t)v << shift);
}

static void gicv2_disable(unsigned irq)
{
	if (irq >= nr_irqs)
		return;
	wr(gicd, GICD_ICENABLER + 4 * (irq / 32), 1u << (irq % 32));
	if (irq < 32)
		private_on &= ~(1u << irq);   /* CPUs started later leave it off */
}

static void gicv2_enable(unsigned irq, unsigned flags)
{
	if (irq >= nr_irqs)
		return;
	gicv2_disable(irq);
	set_byte(GICD_IPRIORITYR, irq, PRIORITY);
	if (irq >= 32) {
		/* SPIs: trigger (Int_config bit 1 = edge) and target CPU.  SGI
		 * and PPI configuration is fixed or banked: left alone. */
		unsigned off = GICD_ICFGR + 4 * (irq / 16), bit = 2 * (irq % 16) + 1;
		uint32_t cfg = rd(gicd, off) & ~(1u << bit);
		wr(gicd, off, cfg | ((flags & IRQ_EDGE) ? 1u << bit : 0));
		set_byte(GICD_ITARGETSR, irq, cpu_mask);
	}
	wr(gicd, GICD_ISENABLER + 4 * (irq / 32), 1u << (irq % 32));
	if (irq < 32)
		private_on |= 1u << irq;
}

static int gicv2_ack(uint32_t *cookie)
{
	uint32_t iar = rd(gicc, GICC_IAR);
	if ((iar & 0x3ff) >= INTID_SPURIOUS)
		return -1;
	*cookie = iar;
	return (int)(iar & 0x3ff);
}

static void gicv2_eoi(uint32_t cookie)
{
	wr(gicc, GICC_EOIR, cookie);
}

/* The GIC binding: <type number flags>, type 0 = SPI (INTID 32 + number),
 * 1 = PPI (INTID 16 + number); flags bits 3:0 = 1/2 edge, 4/8 level. */
static int gicv2_xlate(const uint32_t *cells, unsigned ncells, unsigned *flags)
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

/* This CPU's CPU interface and banked distributor registers (SGIs, PPIs):
 * the same set-up the boot CPU had in gicv2_probe. */
static void cpuif_init(void)
{
	unsigned me = this_cpu()->index;
	uint8_t m = (uint8_t)rd(gicd, GICD_ITARGETSR);
	cpu_masks[me] = m ? m : (uint8_t)(1u << me);
	wr(gicd, GICD_ICENABLER, ~private_on);
	for (unsigned i = 0; i < 32; i += 4)
		wr(gicd, GICD_IPRIORITYR + i, PRIORITY * 0x01010101u);
	wr(gicd, GICD_ISENABLER, private_on);
	wr(gicc, GICC_PMR, PMR_ALL);
	wr(gicc, GICC_BPR, 0);
	wr(gicc, GICC_CTLR, CTLR_ENABLE);
}

/* The caller made its memory writes visible first (dsb). */
static void gicv2_send_ipi(unsigned idx)
{
	if (idx < MAX_CPUS && cpu_masks[idx])
		wr(gicd, GICD_SGIR, (uint32_t)cpu_masks[idx] << 16 | IPI_SGI);
}

static const struct irqchip gicv2 = {
	.name = "GICv2",
	.enable = gicv2_enable,
	.disable = gicv2_disable,
	.ack = gicv2_ack,
	.eoi = gicv2_eoi,
	.xlate = gicv2_xlate,
	.cpu_init = cpuif_init,
	.send_ipi = gicv2_send_ipi,
	.ipi_irq = IPI_SGI,
};

static void *map_reg(const struct dt *d, int node, int index, uint64_t *pa)
{
	uint64_t size;
	if (dt_reg_translated(d, node, index, pa, &size) != DT_OK || size < 0x1000)
		return NULL;
	return ioremap(*pa, size);
}

const struct irqchip *gicv2_probe(const struct dt *d, int node)
{
	uint64_t dpa, cpa;
	gicd = map_reg(d, node, 0, &dpa);
	gicc = map_reg(d, node, 1, &cpa);
	if (!gicd || !gicc) {
		printk("irqchip: %s: cannot map the distributor and CPU interface\n",
		       dt_node_name(d, node));
		return NULL;
	}

	wr(gicd, GICD_CTLR, 0);
	nr_irqs = MIN(32 * ((rd(gicd, GICD_TYPER) & 0x1f) + 1), 1020u);
	/* ITARGETSR0-7 are banked and read back this CPU's own bit. */
	cpu_mask = (uint8_t)rd(gicd, GICD_ITARGETSR);
	if (!cpu_mask)
		cpu_mask = 1;           /* a uniprocessor GIC reads zero */
	cpu_masks[this_cpu()->index] = cpu_mask;
	for (unsigned i = 0; i < nr_irqs; i += 32) {
		wr(gicd, GICD_ICENABLER + i / 8, 0xffffffff);
		wr(gicd, GICD_ICPENDR + i / 8, 0xffffffff);
		wr(gicd, GICD_ICACTIVER + i / 8, 0xffffffff);
	}
	for (unsigned i = 0; i < nr_irqs; i += 4)
		wr(gicd, GICD_IPRIORITYR + i, PRIORITY * 0x01010101u);
	wr(gicd, GICD_CTLR, CTLR_ENABLE);

	wr(gicc, GICC_PMR, PMR_ALL);
	wr(gicc, GICC_BPR, 0);
	wr(gicc, GICC_CTLR, CTLR_ENABLE);

	printk("irqchip: GICv2 %s, distributor %#lx, CPU interface %#lx, %u interrupts\n",
	       dt_node_name(d, node), (unsigned long)dpa, (unsigned long)cpa, nr_irqs);
	return &gicv2;
}
