/* The local APIC: where every interrupt reaches this CPU, and its timer,
 * which drives the scheduler tick.  Plus time itself: the TSC, scaled to
 * nanoseconds.
 *
 * Neither the APIC timer's input clock nor the TSC's rate is known up
 * front, so both are measured against the 8254 PIT, whose input is a fixed
 * 1.193182 MHz: the PIT's channel 0 free-runs while we watch how far the
 * other two move in 50 ms.  (Under QEMU's TCG the PIT and the APIC timer
 * both follow the virtual clock, the TSC the host's: all three agree with
 * wall time, so the measurement holds there too.)
 *
 * Registers are reached through MMIO (xAPIC) or, if the firmware switched
 * the APIC to x2APIC mode, through MSRs 0x800 + reg/16.  Every CPU has its
 * own APIC at the same address (or MSRs); the other CPUs are put in the
 * boot CPU's mode (lapic_ap_init) and their timers run at the rate the boot
 * CPU measured: the APIC timer's input is the bus clock, the same for every
 * CPU of a machine (and QEMU's follows one virtual clock for all). */
#include <kernel.h>
#include <arch.h>
#include <mm.h>
#include "x86.h"

/* Register offsets (xAPIC MMIO). */
#define LAPIC_ID       0x020
#define LAPIC_VERSION  0x030
#define LAPIC_TPR      0x080
#define LAPIC_EOI      0x0b0
#define LAPIC_SVR      0x0f0
#define LAPIC_ESR      0x280
#define LAPIC_ICR_LOW  0x300
#define LAPIC_ICR_HIGH 0x310
#define LAPIC_LVT_TIMER 0x320
#define LAPIC_LVT_LINT0 0x350
#define LAPIC_LVT_LINT1 0x360
#define LAPIC_LVT_ERROR 0x370
#define LAPIC_TIMER_INIT 0x380
#define LAPIC_TIMER_CUR  0x390
#define LAPIC_TIMER_DIV  0x3e0

#define APIC_BASE_ENABLE (1u << 11)
#define APIC_BASE_X2APIC (1u << 10)
#define SVR_ENABLE       (1u << 8)
#define LVT_MASKED       (1u << 16)
#define LVT_PERIODIC     (1u << 17)
#define TIMER_DIV_16     0x3
#define ICR_PENDING      (1u << 12)   /* xAPIC: delivery status, send pending */

#define PIT_HZ      1193182u
#define PIT_CH0     0x40
#define PIT_MODE    0x43
#define CALIBRATE_PIT_TICKS (PIT_HZ / 20)   /* 50 ms */

static volatile uint32_t *lapic_mmio;
static bool x2apic;
static uint32_t lapic_timer_hz;    /* timer counts per second at divide-by-16 */
static uint32_t lapic_timer_count; /* initial count of the periodic tick */
uint64_t x86_tsc_hz;
static uint64_t tsc_boot;          /* the TSC at clock 0 */
static uint64_t ns_mult;           /* ns = tsc delta * ns_mult >> 32 */

static uint32_t lapic_read(unsigned reg)
{
	if (x2apic)
		return (uint32_t)rdmsr(0x800 + (reg >> 4));
	return lapic_mmio[reg / 4];
}

static void lapic_write(unsigned reg, uint32_t v)
{
	if (x2apic)
		wrmsr(0x800 + (reg >> 4), v);
	else
		lapic_mmio[reg / 4] = v;
}

bool lapic_x2apic(void)
{
	return x2apic;
}

uint32_t lapic_id(void)
{
	return x2apic ? lapic_read(LAPIC_ID) : lapic_read(LAPIC_ID) >> 24;
}

void lapic_eoi(void)
{
	lapic_write(LAPIC_EOI, 0);
}

/* The APIC reports an error (bad vector, illegal register...): say which. */
void lapic_error(void)
{
	lapic_write(LAPIC_ESR, 0);   /* latch the error bits */
	printk("x86-64: local APIC error %#x\n", lapic_read(LAPIC_ESR));
	lapic_eoi();
}

static uint16_t pit_read(void)
{
	outb(PIT_MODE, 0x00);        /* latch channel 0 */
	uint8_t lo = inb(PIT_CH0);
	uint8_t hi = inb(PIT_CH0);
	return (uint16_t)(lo | hi << 8);
}

/* Measure the TSC and the APIC timer (one-shot, masked, divide by 16)
 * over CALIBRATE_PIT_TICKS of the PIT.  false if the PIT never moves. */
static bool calibrate(uint64_t *tsc_hz, uint32_t *timer_hz)
{
	outb(PIT_MODE, 0x34);        /* channel 0, lo/hi byte, mode 2 (rate generator) */
	outb(PIT_CH0, 0);            /* reload value 0 = 65536 */
	outb(PIT_CH0, 0);
	lapic_write(LAPIC_TIMER_DIV, TIMER_DIV_16);
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | VEC_LAPIC_TIMER);
	lapic_write(LAPIC_TIMER_INIT, 0xffffffff);

	uint16_t prev = pit_read();
	uint64_t tsc0 = rdtsc();
	uint32_t apic0 = lapic_read(LAPIC_TIMER_CUR);
	uint32_t elapsed = 0;
	for (uint32_t polls = 0; elapsed < CALIBRATE_PIT_TICKS; polls++) {
		if (polls > 50000000)
			return false;
		uint16_t cur = pit_read();
		elapsed += (uint16_t)(prev - cur);   /* counts down, wraps at 65536 */
		prev = cur;
	}
	uint64_t tsc1 = rdtsc();
	uint32_t apic1 = lapic_read(LAPIC_TIMER_CUR);
	lapic_write(LAPIC_TIMER_INIT, 0);

	*tsc_hz = (tsc1 - tsc0) * PIT_HZ / elapsed;
	*timer_hz = (uint32_t)((uint64_t)(apic0 - apic1) * PIT_HZ / elapsed);
	return *tsc_hz && *timer_hz;
}

/* Accept every priority; the 8259s' line (LINT0) is cut off; errors get a
 * vector; the APIC is switched on (spurious-vector register). */
static void lapic_cpu_setup(void)
{
	lapic_write(LAPIC_TPR, 0);
	lapic_write(LAPIC_LVT_LINT0, LVT_MASKED);
	lapic_write(LAPIC_LVT_ERROR, VEC_LAPIC_ERROR);
	lapic_write(LAPIC_ESR, 0);
	lapic_write(LAPIC_ESR, 0);
	lapic_write(LAPIC_SVR, SVR_ENABLE | VEC_SPURIOUS);
	lapic_eoi();   /* in case the firmware left one in service */
}

/* Another CPU, in the mode the boot CPU's APIC is in (x2APIC is entered
 * from enabled xAPIC mode, never straight from disabled).  Only the boot
 * CPU takes the NMI line (LINT1), as on Linux. */
void lapic_ap_init(void)
{
	uint64_t base = rdmsr(MSR_APIC_BASE);
	if (!(base & APIC_BASE_ENABLE))
		wrmsr(MSR_APIC_BASE, base |= APIC_BASE_ENABLE);
	if (x2apic && !(base & APIC_BASE_X2APIC))
		wrmsr(MSR_APIC_BASE, base | APIC_BASE_X2APIC);
	lapic_write(LAPIC_LVT_LINT1, LVT_MASKED);
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | VEC_LAPIC_TIMER);
	lapic_cpu_setup();
}

/* In xAPIC mode the command is two writes (destination, then the low word
 * that sends) and one at a time: wait for the previous one to leave.  In
 * x2APIC mode one MSR write does it. */
bool lapic_send(uint32_t apic_id, uint32_t icr_low)
{
	unsigned long flags = arch_irq_save();
	bool ok = true;
	if (x2apic) {
		/* A write to the x2APIC ICR is not serializing: what the
		 * target is to read (ipi_pending, a shootdown request) must be
		 * visible before the interrupt (SDM vol. 3, 10.12.3). */
		__asm__ volatile("mfence; lfence" ::: "memory");
		wrmsr(0x800 + (LAPIC_ICR_LOW >> 4), (uint64_t)apic_id << 32 | icr_low);
	} else {
		for (unsigned i = 0; lapic_read(LAPIC_ICR_LOW) & ICR_PENDING; i++) {
			if (i > 1000000) {
				ok = false;
				break;
			}
			__asm__ volatile("pause");
		}
		lapic_write(LAPIC_ICR_HIGH, apic_id << 24);
		lapic_write(LAPIC_ICR_LOW, icr_low);
	}
	arch_irq_restore(flags);
	return ok;
}

void x86_delay_us(uint64_t us)
{
	uint64_t end = rdtsc() + us * x86_tsc_hz / 1000000;
	while ((int64_t)(rdtsc() - end) < 0)
		__asm__ volatile("pause");
}

void lapic_init(void)
{
	uint64_t base = rdmsr(MSR_APIC_BASE);
	if (!(base & APIC_BASE_ENABLE))
		wrmsr(MSR_APIC_BASE, base |= APIC_BASE_ENABLE);
	x2apic = base & APIC_BASE_X2APIC;
	uint64_t pa = base & 0x000ffffffffff000ULL;
	if (!x2apic) {
		lapic_mmio = ioremap(pa, PAGE_SIZE);
		if (!lapic_mmio)
			panic("x86-64: cannot map the local APIC at %#lx", (unsigned long)pa);
	}

	/* LINT1 stays the NMI input the firmware made it, on this CPU only. */
	lapic_cpu_setup();

	uint64_t tsc_hz;
	uint32_t timer_hz;
	if (calibrate(&tsc_hz, &timer_hz)) {
		x86_tsc_hz = tsc_hz;
		lapic_timer_hz = timer_hz;
	} else {
		/* No PIT: guesses that keep time roughly right on QEMU. */
		x86_tsc_hz = 1000000000;
		lapic_timer_hz = 62500000;
		printk("x86-64: warning: the PIT does not count; timer and clock rates are guesses\n");
	}
	ns_mult = (uint64_t)(((unsigned __int128)1000000000 << 32) / x86_tsc_hz);
	tsc_boot = rdtsc();
	printk("x86-64: local APIC %#lx%s (id %u), timer %u.%03u MHz, TSC %lu.%03lu MHz%s\n",
	       (unsigned long)pa, x2apic ? " (x2APIC mode)" : "", lapic_id(),
	       lapic_timer_hz / 1000000, lapic_timer_hz / 1000 % 1000,
	       (unsigned long)(x86_tsc_hz / 1000000), (unsigned long)(x86_tsc_hz / 1000 % 1000),
	       x86_cpu.tsc_invariant ? " invariant" : "");
}

void arch_timer_init(unsigned hz)
{
	if (!hz)
		hz = 100;
	uint32_t count = lapic_timer_hz / hz;
	lapic_timer_count = count ? count : 1;
	lapic_timer_start();
}

/* Stop / restart this CPU's tick while it halts (arch_idle): see irq.c. */
void lapic_timer_mask(bool masked)
{
	lapic_write(LAPIC_LVT_TIMER, (masked ? LVT_MASKED : 0) | LVT_PERIODIC | VEC_LAPIC_TIMER);
}

void lapic_timer_start(void)
{
	lapic_write(LAPIC_TIMER_DIV, TIMER_DIV_16);
	lapic_write(LAPIC_LVT_TIMER, LVT_PERIODIC | VEC_LAPIC_TIMER);
	lapic_write(LAPIC_TIMER_INIT, lapic_timer_count);
}

uint64_t arch_cycle_counter(void)
{
	return rdtsc();
}

uint64_t arch_clock_ns(void)
{
	static uint64_t last;
	if (!ns_mult)
		return 0;
	uint64_t t = rdtsc();
	uint64_t d = t > tsc_boot ? t - tsc_boot : 0;
	uint64_t ns = (uint64_t)(((unsigned __int128)d * ns_mult) >> 32);
	/* The CPUs' TSCs may differ slightly (and a host may move a virtual
	 * CPU between cores): never let time run backwards, on any CPU. */
	uint64_t seen = __atomic_load_n(&last, __ATOMIC_RELAXED);
	do {
		if (ns <= seen)
			return seen;
	} while (!__atomic_compare_exchange_n(&last, &seen, ns, true, __ATOMIC_RELAXED,
					      __ATOMIC_RELAXED));
	return ns;
}
