/* The BCM2835 ARM interrupt controller ("brcm,bcm2835-armctrl-ic", and
 * "brcm,bcm2836-armctrl-ic" on the BCM2836/2837): the peripherals'
 * interrupts (system timer, UARTs, SD host, USB, DMA...).  On the BCM2835
 * (Pi 1) it is the root; on the BCM2836/2837 (Pi 2 and 3) its output is the
 * "GPU" interrupt (8) of the per-core controller, and drivers/irqchip/irqchip.c
 * chains it there.  The driver is the same either way.
 *
 * Three banks, as in the device-tree binding <bank number>: bank 0 the 8
 * "basic" ARM-side interrupts (ARM timer, mailbox, doorbells, GPU halted,
 * illegal access), bank 1 GPU interrupts 0-31, bank 2 GPU interrupts 32-63.
 * Our number for an interrupt is 32 * bank + number.  All are level-
 * sensitive: a handler clears its source at the device; there is nothing to
 * acknowledge or end here.
 *
 * Register offsets from the BCM2835 ARM Peripherals manual, chapter 7
 * (base 0x7e00b200 on the bus): pending basic/1/2 at 0x00/0x04/0x08, FIQ
 * control 0x0c, enable 1/2/basic at 0x10/0x14/0x18, disable 1/2/basic at
 * 0x1c/0x20/0x24 (write 1 to set or clear a bit). */
#include <irqchip.h>
#include <dt.h>
#include <mm.h>
#include <kernel.h>

#define PENDING_BASIC 0x00
#define PENDING_1     0x04
#define PENDING_2     0x08
#define FIQ_CONTROL   0x0c
#define ENABLE_1      0x10
#define ENABLE_2      0x14
#define ENABLE_BASIC  0x18
#define DISABLE_1     0x1c
#define DISABLE_2     0x20
#define DISABLE_BASIC 0x24

#define NR_BANKS      3
#define BASIC_MASK    0xffu     /* bank 0 has 8 interrupts; higher pending bits are summaries */

static const unsigned pending_reg[NR_BANKS] = { PENDING_BASIC, PENDING_1, PENDING_2 };
static const unsigned enable_reg[NR_BANKS] = { ENABLE_BASIC, ENABLE_1, ENABLE_2 };
static const unsigned disable_reg[NR_BANKS] = { DISABLE_BASIC, DISABLE_1, DISABLE_2 };
static const uint32_t valid[NR_BANKS] = { BASIC_MASK, 0xffffffffu, 0xffffffffu };

static volatile uint8_t *regs;
static uint32_t enabled[NR_BANKS];

static uint32_t rd(unsigned off)
{
	return *(volatile uint32_t *)(regs + off);
}

static void wr(unsigned off, uint32_t v)
{
	*(volatile uint32_t *)(regs + off) = v;
}

static bool valid_hw(unsigned hw)
{
	return hw < 32 * NR_BANKS && (valid[hw / 32] >> (hw % 32) & 1);
}

static void intc_disable(unsigned hw)
{
	if (!valid_hw(hw))
		return;
	wr(disable_reg[hw / 32], 1u << (hw % 32));
	enabled[hw / 32] &= ~(1u << (hw % 32));
}

static void intc_enable(unsigned hw, unsigned flags)
{
	(void)flags;                    /* level-sensitive, fixed */
	if (!valid_hw(hw))
		return;
	enabled[hw / 32] |= 1u << (hw % 32);
	wr(enable_reg[hw / 32], 1u << (hw % 32));
}

/* The lowest pending, enabled interrupt, bank 0 first.  The pending
 * registers are read directly rather than through the basic register's
 * summary bits, which leave out the GPU interrupts it also mirrors. */
static int intc_ack(uint32_t *cookie)
{
	for (unsigned bank = 0; bank < NR_BANKS; bank++) {
		if (!enabled[bank])
			continue;
		uint32_t p = rd(pending_reg[bank]) & enabled[bank];
		if (p) {
			int hw = (int)(32 * bank) + __builtin_ctz(p);
			*cookie = (uint32_t)hw;
			return hw;
		}
	}
	return -1;
}

static void intc_eoi(uint32_t cookie)
{
	(void)cookie;
}

static int intc_xlate(const uint32_t *cells, unsigned ncells, unsigned *flags)
{
	if (ncells < 2 || cells[0] >= NR_BANKS || cells[1] >= 32)
		return -1;
	unsigned hw = 32 * cells[0] + cells[1];
	if (!valid_hw(hw))
		return -1;
	*flags = 0;
	return (int)hw;
}

static const struct irqchip bcm2835_intc = {
	.name = "BCM2835",
	.enable = intc_enable,
	.disable = intc_disable,
	.ack = intc_ack,
	.eoi = intc_eoi,
	.xlate = intc_xlate,
	.nr_irqs = 32 * NR_BANKS,
};

const struct irqchip *bcm2835_intc_probe(const struct dt *d, int node)
{
	uint64_t pa, size;
	if (dt_reg_translated(d, node, 0, &pa, &size) != DT_OK || size < DISABLE_BASIC + 4 ||
	    !(regs = ioremap(pa, size))) {
		printk("irqchip: %s: cannot map its registers\n", dt_node_name(d, node));
		return NULL;
	}
	/* Whatever the firmware or U-Boot left enabled (USB, SD) is masked
	 * until a driver asks; no FIQ. */
	wr(FIQ_CONTROL, 0);
	for (unsigned bank = 0; bank < NR_BANKS; bank++) {
		wr(disable_reg[bank], valid[bank]);
		enabled[bank] = 0;
	}
	printk("irqchip: BCM2835 %s at %#lx\n", dt_node_name(d, node), (unsigned long)pa);
	return &bcm2835_intc;
}
