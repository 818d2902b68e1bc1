/* The PC's CMOS real-time clock (MC146818 at ports 0x70/0x71): read once at
 * boot to set the wall clock.  Registers hold BCD unless status B says
 * binary; the hour may be 12-hour with bit 7 for PM.  A read during an
 * update can tear, so it waits (boundedly) for no update in progress and
 * reads until two passes agree.  The century register's place is in ACPI's
 * FADT; we take 20xx for years below 70, as most systems do. */
#include <kernel.h>
#include <rtc.h>
#include "x86.h"

#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71
#define NMI_OFF 0x80

static uint8_t cmos(uint8_t reg)
{
	outb(CMOS_INDEX, NMI_OFF | reg);
	return inb(CMOS_DATA);
}

struct cmos_time {
	uint8_t sec, min, hour, day, month, year;
};

static bool read_once(struct cmos_time *t)
{
	for (int i = 0; i < 100000 && (cmos(0x0a) & 0x80); i++)
		;
	if (cmos(0x0a) & 0x80)
		return false;
	*t = (struct cmos_time){ cmos(0x00), cmos(0x02), cmos(0x04), cmos(0x07), cmos(0x08), cmos(0x09) };
	return true;
}

static unsigned bcd(uint8_t v, bool binary)
{
	return binary ? v : (unsigned)(v >> 4) * 10 + (v & 0xf);
}

void cmos_rtc_init(void)
{
	struct cmos_time a, b;
	int tries = 0;
	do {
		if (!read_once(&a) || !read_once(&b) || ++tries > 5) {
			printk("clock: the CMOS clock stays in an update; keeping 1970\n");
			return;
		}
	} while (a.sec != b.sec || a.min != b.min || a.hour != b.hour || a.day != b.day ||
		 a.month != b.month || a.year != b.year);
	uint8_t status_b = cmos(0x0b);
	bool binary = status_b & 0x04, h24 = status_b & 0x02;
	unsigned hour = bcd(b.hour & 0x7f, binary);
	if (!h24) {
		hour %= 12;
		if (b.hour & 0x80)
			hour += 12;
	}
	unsigned year = bcd(b.year, binary);
	year += year < 70 ? 2000 : 1900;
	wallclock_set_date("CMOS clock", year, bcd(b.month, binary), bcd(b.day, binary), hour,
			   bcd(b.min, binary), bcd(b.sec, binary));
}
