/* Small things every part of the kernel uses. */
#ifndef RINGEL_KERNEL_H
#define RINGEL_KERNEL_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdarg.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a)   (((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define KiB 1024UL
#define MiB (1024UL * KiB)
#define GiB (1024UL * MiB)
#define container_of(p, type, member) ((type *)((char *)(p) - offsetof(type, member)))
#define noreturn __attribute__((__noreturn__))
#define printf_like(f, a) __attribute__((format(printf, f, a)))

/* Kernel image boundaries, defined by arch/<arch>/kernel.ld.S (page aligned). */
extern char _kernel_start[], _text_start[], _text_end[], _rodata_start[], _rodata_end[];
extern char _data_start[], _data_end[], _bss_start[], _bss_end[], _kernel_end[];

/* wallclock.c: CLOCK_REALTIME.  The date is UTC; wallclock_set_date
 * checks it (a message and -1 for an impossible one). */
uint64_t wallclock_ns(void);
void wallclock_set_ns(uint64_t unix_ns);
int wallclock_set_date(const char *source, unsigned year, unsigned month, unsigned day,
		       unsigned hour, unsigned min, unsigned sec);

/* printk.c */
int printk(const char *fmt, ...) printf_like(1, 2);
int vprintk(const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) printf_like(3, 4);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/* panic.c */
struct arch_regs;
noreturn void panic(const char *fmt, ...) printf_like(1, 2);
/* The stack protector (kernel/stackprot.c): the per-boot canary, and the
 * "stacktest" self-check that smashes a frame on purpose. */
void stack_guard_init(uintptr_t salt);
void stack_smash_test(void);
/* A trap the kernel cannot handle: reason, the trapped registers, backtrace. */
noreturn void panic_regs(const struct arch_regs *regs, const char *fmt, ...) printf_like(2, 3);
/* The boot record or machine is unusable: one clear line, then halt. */
noreturn void boot_fail(const char *fmt, ...) printf_like(1, 2);

/* cmdline.c: the kernel command line, "word" or "key=value" items. */
void cmdline_set(const char *s);
const char *cmdline_get(void);
bool cmdline_has(const char *word);
/* value of key=value, or NULL */
const char *cmdline_value(const char *key, char *buf, size_t len);

#endif
