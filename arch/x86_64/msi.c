/* Message-signalled interrupts: a PCI device writes a 32-bit value to an
 * address in the local APIC's window (0xFEE00000, the destination APIC ID in
 * bits 19:12) and the value's low byte is the vector raised.  Vectors
 * VEC_MSI_BASE.. are handed out one per request and dispatched here. */
#include <arch.h>
#include <kernel.h>
#include "x86.h"

static struct {
	void (*fn)(void *);
	void *arg;
} handlers[VEC_MSI_COUNT];
static unsigned used;

int arch_msi_alloc(void (*fn)(void *), void *arg, uint64_t *addr, uint32_t *data)
{
	if (used == VEC_MSI_COUNT || lapic_id() > 0xff)
		return -1;
	unsigned i = used++;
	handlers[i].fn = fn;
	handlers[i].arg = arg;
	*addr = 0xfee00000u | lapic_id() << 12;    /* physical destination, fixed delivery */
	*data = VEC_MSI_BASE + i;                  /* edge-triggered */
	return 0;
}

void msi_dispatch(unsigned i)
{
	if (i < used && handlers[i].fn)
		handlers[i].fn(handlers[i].arg);
}
