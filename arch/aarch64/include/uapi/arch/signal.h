/* The alternate signal stack sizes on AArch64 (bigger than x86-64's: the
 * frame carries the 4 KiB __reserved area of the signal context): the least
 * sigaltstack accepts, and a size that fits any frame. */
#ifndef UAPI_ARCH_SIGNAL_H
#define UAPI_ARCH_SIGNAL_H
#define MINSIGSTKSZ 5120
#define SIGSTKSZ 16384
#endif
