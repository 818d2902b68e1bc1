/* What portable kernel code expects around it, for host unit tests:
 * panic and printk print to stderr; the direct map points at a host buffer. */
#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <stdint.h>

uintptr_t host_direct_map_base;
uint64_t kernel_phys_base;

void panic(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "PANIC: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	abort();
}

int printk(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vfprintf(stderr, fmt, ap);
	va_end(ap);
	return n;
}
