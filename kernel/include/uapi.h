/* The Linux user ABI, all of it, for kernel code: error numbers, signals,
 * flags and the structures user programs exchange with the kernel.  Each
 * value is written once, in the uapi/ headers included here
 * (kernel/include/uapi/, and arch/<arch>/include/uapi/arch/ for what differs
 * per architecture), which the libc's headers include too: see
 * kernel/include/uapi/README.md. */
#ifndef RINGEL_UAPI_H
#define RINGEL_UAPI_H
#include <uapi/errno.h>
#include <uapi/signal.h>
#include <uapi/sigaction.h>
#include <uapi/fcntl.h>
#include <uapi/unistd.h>
#include <uapi/stat.h>
#include <uapi/getdents.h>
#include <uapi/uio.h>
#include <uapi/limits.h>
#include <uapi/mman.h>
#include <uapi/wait.h>
#include <uapi/sched.h>
#include <uapi/auxv.h>
#include <uapi/poll.h>
#include <uapi/time.h>
#include <uapi/resource.h>
#include <uapi/reboot.h>
#include <uapi/termios.h>
#include <uapi/ioctl.h>
#include <uapi/random.h>
#include <uapi/utsname.h>
#include <uapi/sysinfo.h>
#include <uapi/statfs.h>
#include <uapi/mount.h>
#include <uapi/epoll.h>
#include <uapi/prctl.h>
#include <uapi/statx.h>
#include <uapi/ipc.h>

/* A handler value of struct k_sigaction: default action, ignore.  (The
 * libc's SIG_DFL and SIG_IGN are the same numbers as function pointers.) */
#define SIG_DFL 0
#define SIG_IGN 1
#endif
