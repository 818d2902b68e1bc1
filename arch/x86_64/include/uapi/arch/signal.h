/* The alternate signal stack sizes on x86-64: the least sigaltstack accepts,
 * and a size that fits any frame. */
#ifndef UAPI_ARCH_SIGNAL_H
#define UAPI_ARCH_SIGNAL_H
#define MINSIGSTKSZ 2048
#define SIGSTKSZ 8192
#endif
