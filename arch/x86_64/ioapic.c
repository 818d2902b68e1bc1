/* The IOAPIC: where device interrupt lines (GSIs) become vectors for a
 * CPU.  Found through the MADT (acpi.c); its redirection table has one
 * 64-bit entry per input pin, reached through an index/data register pair.
 * All pins start masked; ioapic_route_isa() opens one for a driver (the
 * UART, later) with the polarity and trigger mode the MADT says. */
#include <kernel.h>
#include <mm.h>
#include "x86.h"

#define IOREGSEL 0x00
#define IOWIN    0x10
#define IOAPIC_VER 0x01
#define IOAPIC_REDTBL(pin) (0x10 + 2 * (pin))

#define RTE_MASKED     (1u << 16)
#define RTE_LEVEL      (1u << 15)
#define RTE_ACTIVE_LOW (1u << 13)
/* delivery mode fixed (0), destination mode physical (0) */

static volatile uint32_t *ioapic;
static unsigned npins;

static struct {
	void (*fn)(void *);
	void *arg;
} isa_handlers[VEC_ISA_COUNT];

static uint32_t ioapic_read(unsigned reg)
{
	ioapic[IOREGSEL / 4] = reg;
	return ioapic[IOWIN / 4];
}

static void ioapic_write(unsigned reg, uint32_t v)
{
	ioapic[IOREGSEL / 4] = reg;
	ioapic[IOWIN / 4] = v;
}

void ioapic_init(void)
{
	if (!x86_madt.found || !x86_madt.ioapic_pa)
		return;
	ioapic = ioremap(x86_madt.ioapic_pa, PAGE_SIZE);
	if (!ioapic) {
		printk("x86-64: cannot map the IOAPIC\n");
		return;
	}
	npins = ((ioapic_read(IOAPIC_VER) >> 16) & 0xff) + 1;
	for (unsigned pin = 0; pin < npins; pin++) {
		ioapic_write(IOAPIC_REDTBL(pin), RTE_MASKED);
		ioapic_write(IOAPIC_REDTBL(pin) + 1, 0);
	}
	printk("x86-64: IOAPIC at %#lx, GSIs %u-%u, all masked; PIT IRQ 0 -> GSI %u\n",
	       (unsigned long)x86_madt.ioapic_pa, x86_madt.ioapic_gsi_base,
	       x86_madt.ioapic_gsi_base + npins - 1, x86_madt.isa[0].gsi);
}

int ioapic_route_isa(unsigned irq, void (*handler)(void *), void *arg)
{
	if (!ioapic || irq >= VEC_ISA_COUNT)
		return -1;
	uint32_t gsi = x86_madt.isa[irq].gsi;
	if (gsi < x86_madt.ioapic_gsi_base || gsi - x86_madt.ioapic_gsi_base >= npins)
		return -1;
	unsigned pin = gsi - x86_madt.ioapic_gsi_base;
	isa_handlers[irq].fn = handler;
	isa_handlers[irq].arg = arg;
	uint32_t lo = VEC_ISA_BASE + irq;
	if (x86_madt.isa[irq].active_low)
		lo |= RTE_ACTIVE_LOW;
	if (x86_madt.isa[irq].level)
		lo |= RTE_LEVEL;
	/* Destination: this CPU (the only one for now), by APIC ID. */
	ioapic_write(IOAPIC_REDTBL(pin) + 1, lapic_id() << 24);
	ioapic_write(IOAPIC_REDTBL(pin), lo);
	return 0;
}

/* From the interrupt vector VEC_ISA_BASE + irq; the caller sends the EOI. */
void ioapic_dispatch(unsigned irq)
{
	if (irq < VEC_ISA_COUNT && isa_handlers[irq].fn)
		isa_handlers[irq].fn(isa_handlers[irq].arg);
}
