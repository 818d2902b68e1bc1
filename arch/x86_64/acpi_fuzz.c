/* libFuzzer target for the ACPI table walk (acpi.c), built on an x86-64
 * host only (acpi.c includes x86.h, whose inline assembly is x86-64's;
 * nothing here runs it).  The input is "physical memory" from address
 * 0x1000 on: the RSDP at its start, and whatever RSDT/XSDT and MADT its
 * pointers reach inside it, zero-filled to whole pages.  ioremap() maps the
 * pages that lie inside and refuses the rest; like the kernel's, it maps
 * whole pages, which map_table() relies on for a table inside one page.  Seeds: a valid RSDP, XSDT/RSDT and MADT that
 * arch/x86_64/acpi-seeds.py writes.  Run by host.fuzz.acpi_fuzz; long runs:
 * scripts/fuzz-parsers. */
#include <kernel.h>
#include <mm.h>
#include <stdlib.h>
#include <string.h>
#include "x86.h"

#define PHYS_BASE 0x1000UL

uintptr_t host_direct_map_base;
static uint8_t *mem;
static size_t mem_size;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
void acpi_init(uint64_t rsdp_pa);

int printk(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

void *ioremap(uint64_t pa, size_t size)
{
	if (pa < PHYS_BASE || pa - PHYS_BASE >= mem_size || size > mem_size ||
	    ALIGN_UP(pa - PHYS_BASE + size, PAGE_SIZE) > mem_size)
		return NULL;
	return mem + (pa - PHYS_BASE);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 36)   /* the RSDP itself: the boot loader's copy is whole */
		return 0;
	mem_size = ALIGN_UP(size, PAGE_SIZE);
	mem = calloc(1, mem_size);
	memcpy(mem, data, size);
	host_direct_map_base = (uintptr_t)mem - PHYS_BASE;
	memset(&x86_madt, 0, sizeof x86_madt);
	acpi_init(PHYS_BASE);
	free(mem);
	return 0;
}
