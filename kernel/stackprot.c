/* The kernel's stack protector.  The compiler (-fstack-protector-strong)
 * puts a copy of __stack_chk_guard below the saved registers of every
 * function with an array or an address-taken local, and checks it before
 * returning: a write past the end of such a local changes the copy, and
 * __stack_chk_fail stops the kernel before the smashed return address is
 * used.  The guard is one global on both architectures (x86-64 is told to
 * use it instead of %fs:0x28, which user space controls).
 *
 * The canary is chosen at each boot, first thing in kmain, from the cycle
 * counter (and the boot record's address): unpredictable enough to stop
 * accidents and casual exploits, not a secret against a local attacker
 * who can read the counter.  Functions already running when it changes
 * (the arch entry code and kmain itself) never return, and kmain is built
 * without the protector. */
#include <kernel.h>
#include <arch.h>

uintptr_t __stack_chk_guard = 0x5aa5f00dcafe1234UL;   /* until stack_guard_init */

noreturn void __stack_chk_fail(void);
noreturn void __stack_chk_fail(void)
{
	panic("stack protector: a kernel stack frame was overwritten (canary changed)");
}

__attribute__((no_stack_protector)) void stack_guard_init(uintptr_t salt)
{
	uint64_t x = arch_cycle_counter() ^ salt ^ 0x9e3779b97f4a7c15ULL;
	x ^= x >> 31;
	x *= 0xd6e8feb86659fd93ULL;
	x ^= x >> 32;
	/* A zero byte first stops string overflows (strcpy and friends) from
	 * copying the canary along with the data. */
	__stack_chk_guard = (uintptr_t)(x << 8);
}

/* "stacktest" on the command line: smash this function's own frame, to
 * show the protector stops the kernel (boot tests *.stackprot). */
static volatile int smash_len = 64;    /* read at run time: the compiler cannot see the overflow */

__attribute__((noinline)) void stack_smash_test(void)
{
	char buf[16];
	char *volatile p = buf;
	int n = smash_len;
	for (int i = 0; i < n; i++)
		p[i] = 'A';
}
