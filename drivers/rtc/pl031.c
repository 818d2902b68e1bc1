/* The Arm PL031 real-time clock ("arm,pl031", QEMU's virt machine): its
 * data register counts seconds since 1970 (QEMU starts it at the host's
 * UTC time, or -rtc base=...).  Read once at boot to set the wall clock. */
#include <rtc.h>
#include <dt.h>
#include <kernel.h>
#include <mm.h>

#define RTCDR 0x000

void pl031_probe_dt(const struct dt *d)
{
	int node = dt_find_compatible(d, -1, "arm,pl031");
	if (node < 0)
		return;
	uint64_t pa, size;
	if (dt_reg_translated(d, node, 0, &pa, &size) != DT_OK || size < 4)
		return;
	volatile uint32_t *base = ioremap(pa, size);
	if (!base)
		return;
	uint32_t s = base[RTCDR / 4];
	rtc_set_wallclock("pl031", s);
}
