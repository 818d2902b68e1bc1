/* Ringel libc: the structures the libc keeps in its own C types must lay out
 * like the kernel's view of them in the uapi headers (the ones both sides
 * share, struct stat, struct timespec..., are declared once there and need no
 * check).  Compile-time checks only: this file adds no code. */
#include <dirent.h>
#include <signal.h>
#include <stddef.h>
#include <sys/uio.h>
#include <sys/socket.h>
#include <uapi/getdents.h>
#include <uapi/sigaction.h>
#include <uapi/uio.h>

#define SAME_FIELD(ours, kernels, f, g) \
	_Static_assert(offsetof(ours, f) == offsetof(kernels, g) && \
		       sizeof(((ours *)0)->f) == sizeof(((kernels *)0)->g), #ours "." #f)

/* readv/writev read the user's array as struct linux_iovec */
_Static_assert(sizeof(struct iovec) == sizeof(struct linux_iovec), "struct iovec");
SAME_FIELD(struct iovec, struct linux_iovec, iov_base, iov_base);
SAME_FIELD(struct iovec, struct linux_iovec, iov_len, iov_len);

/* readdir hands out getdents64's records as struct dirent (d_name is as
 * long as the record says, not 256) */
SAME_FIELD(struct dirent, struct linux_dirent64, d_ino, d_ino);
SAME_FIELD(struct dirent, struct linux_dirent64, d_off, d_off);
SAME_FIELD(struct dirent, struct linux_dirent64, d_reclen, d_reclen);
SAME_FIELD(struct dirent, struct linux_dirent64, d_type, d_type);
_Static_assert(offsetof(struct dirent, d_name) == offsetof(struct linux_dirent64, d_name), "d_name");

/* a signal handler gets the kernel's siginfo as siginfo_t */
_Static_assert(sizeof(siginfo_t) == sizeof(struct linux_siginfo), "siginfo_t");
SAME_FIELD(siginfo_t, struct linux_siginfo, si_signo, si_signo);
SAME_FIELD(siginfo_t, struct linux_siginfo, si_errno, si_errno);
SAME_FIELD(siginfo_t, struct linux_siginfo, si_code, si_code);
SAME_FIELD(siginfo_t, struct linux_siginfo, si_pid, u.kill.pid);
SAME_FIELD(siginfo_t, struct linux_siginfo, si_uid, u.kill.uid);
SAME_FIELD(siginfo_t, struct linux_siginfo, si_status, u.chld.status);
SAME_FIELD(siginfo_t, struct linux_siginfo, si_addr, u.fault.addr);

/* sigaltstack reads and writes stack_t as struct linux_stack_t */
_Static_assert(sizeof(stack_t) == sizeof(struct linux_stack_t), "stack_t");
SAME_FIELD(stack_t, struct linux_stack_t, ss_sp, ss_sp);
SAME_FIELD(stack_t, struct linux_stack_t, ss_flags, ss_flags);
SAME_FIELD(stack_t, struct linux_stack_t, ss_size, ss_size);

/* sigset_t is the 64-bit mask of rt_sig* calls and struct k_sigaction */
_Static_assert(sizeof(sigset_t) == sizeof(((struct k_sigaction *)0)->mask), "sigset_t");

/* sendmsg/recvmsg read the user's struct msghdr as struct linux_msghdr */
_Static_assert(sizeof(struct msghdr) == sizeof(struct linux_msghdr), "struct msghdr");
SAME_FIELD(struct msghdr, struct linux_msghdr, msg_name, msg_name);
SAME_FIELD(struct msghdr, struct linux_msghdr, msg_namelen, msg_namelen);
SAME_FIELD(struct msghdr, struct linux_msghdr, msg_iov, msg_iov);
SAME_FIELD(struct msghdr, struct linux_msghdr, msg_iovlen, msg_iovlen);
SAME_FIELD(struct msghdr, struct linux_msghdr, msg_control, msg_control);
SAME_FIELD(struct msghdr, struct linux_msghdr, msg_controllen, msg_controllen);
SAME_FIELD(struct msghdr, struct linux_msghdr, msg_flags, msg_flags);
