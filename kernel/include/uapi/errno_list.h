/* The Linux error numbers (asm-generic, the same on x86-64 and AArch64), each
 * with the message C libraries print for it (glibc's wording, which the host
 * libc test compares against).  This is the only place either is written.
 *
 * An X-list: every entry is a #define of the number followed by
 *     ERRNO(NAME, "message")
 * in increasing order.  <uapi/errno.h> includes it with ERRNO empty, which
 * leaves the #defines; a table is made by defining ERRNO first, e.g.
 *     #define ERRNO(name, msg) [name] = msg,
 *     #include <uapi/errno_list.h>
 *     #undef ERRNO
 * (no include guard: it is meant to be included once per table). */
#define EPERM 1
ERRNO(EPERM, "Operation not permitted")
#define ENOENT 2
ERRNO(ENOENT, "No such file or directory")
#define ESRCH 3
ERRNO(ESRCH, "No such process")
#define EINTR 4
ERRNO(EINTR, "Interrupted system call")
#define EIO 5
ERRNO(EIO, "Input/output error")
#define ENXIO 6
ERRNO(ENXIO, "No such device or address")
#define E2BIG 7
ERRNO(E2BIG, "Argument list too long")
#define ENOEXEC 8
ERRNO(ENOEXEC, "Exec format error")
#define EBADF 9
ERRNO(EBADF, "Bad file descriptor")
#define ECHILD 10
ERRNO(ECHILD, "No child processes")
#define EAGAIN 11
ERRNO(EAGAIN, "Resource temporarily unavailable")
#define ENOMEM 12
ERRNO(ENOMEM, "Cannot allocate memory")
#define EACCES 13
ERRNO(EACCES, "Permission denied")
#define EFAULT 14
ERRNO(EFAULT, "Bad address")
#define ENOTBLK 15
ERRNO(ENOTBLK, "Block device required")
#define EBUSY 16
ERRNO(EBUSY, "Device or resource busy")
#define EEXIST 17
ERRNO(EEXIST, "File exists")
#define EXDEV 18
ERRNO(EXDEV, "Invalid cross-device link")
#define ENODEV 19
ERRNO(ENODEV, "No such device")
#define ENOTDIR 20
ERRNO(ENOTDIR, "Not a directory")
#define EISDIR 21
ERRNO(EISDIR, "Is a directory")
#define EINVAL 22
ERRNO(EINVAL, "Invalid argument")
#define ENFILE 23
ERRNO(ENFILE, "Too many open files in system")
#define EMFILE 24
ERRNO(EMFILE, "Too many open files")
#define ENOTTY 25
ERRNO(ENOTTY, "Inappropriate ioctl for device")
#define ETXTBSY 26
ERRNO(ETXTBSY, "Text file busy")
#define EFBIG 27
ERRNO(EFBIG, "File too large")
#define ENOSPC 28
ERRNO(ENOSPC, "No space left on device")
#define ESPIPE 29
ERRNO(ESPIPE, "Illegal seek")
#define EROFS 30
ERRNO(EROFS, "Read-only file system")
#define EMLINK 31
ERRNO(EMLINK, "Too many links")
#define EPIPE 32
ERRNO(EPIPE, "Broken pipe")
#define EDOM 33
ERRNO(EDOM, "Numerical argument out of domain")
#define ERANGE 34
ERRNO(ERANGE, "Numerical result out of range")
#define EDEADLK 35
ERRNO(EDEADLK, "Resource deadlock avoided")
#define ENAMETOOLONG 36
ERRNO(ENAMETOOLONG, "File name too long")
#define ENOLCK 37
ERRNO(ENOLCK, "No locks available")
#define ENOSYS 38
ERRNO(ENOSYS, "Function not implemented")
#define ENOTEMPTY 39
ERRNO(ENOTEMPTY, "Directory not empty")
#define ELOOP 40
ERRNO(ELOOP, "Too many levels of symbolic links")
#define ENOMSG 42
ERRNO(ENOMSG, "No message of desired type")
#define EIDRM 43
ERRNO(EIDRM, "Identifier removed")
#define ECHRNG 44
ERRNO(ECHRNG, "Channel number out of range")
#define EL2NSYNC 45
ERRNO(EL2NSYNC, "Level 2 not synchronized")
#define EL3HLT 46
ERRNO(EL3HLT, "Level 3 halted")
#define EL3RST 47
ERRNO(EL3RST, "Level 3 reset")
#define ELNRNG 48
ERRNO(ELNRNG, "Link number out of range")
#define EUNATCH 49
ERRNO(EUNATCH, "Protocol driver not attached")
#define ENOCSI 50
ERRNO(ENOCSI, "No CSI structure available")
#define EL2HLT 51
ERRNO(EL2HLT, "Level 2 halted")
#define EBADE 52
ERRNO(EBADE, "Invalid exchange")
#define EBADR 53
ERRNO(EBADR, "Invalid request descriptor")
#define EXFULL 54
ERRNO(EXFULL, "Exchange full")
#define ENOANO 55
ERRNO(ENOANO, "No anode")
#define EBADRQC 56
ERRNO(EBADRQC, "Invalid request code")
#define EBADSLT 57
ERRNO(EBADSLT, "Invalid slot")
#define EBFONT 59
ERRNO(EBFONT, "Bad font file format")
#define ENOSTR 60
ERRNO(ENOSTR, "Device not a stream")
#define ENODATA 61
ERRNO(ENODATA, "No data available")
#define ETIME 62
ERRNO(ETIME, "Timer expired")
#define ENOSR 63
ERRNO(ENOSR, "Out of streams resources")
#define ENONET 64
ERRNO(ENONET, "Machine is not on the network")
#define ENOPKG 65
ERRNO(ENOPKG, "Package not installed")
#define EREMOTE 66
ERRNO(EREMOTE, "Object is remote")
#define ENOLINK 67
ERRNO(ENOLINK, "Link has been severed")
#define EADV 68
ERRNO(EADV, "Advertise error")
#define ESRMNT 69
ERRNO(ESRMNT, "Srmount error")
#define ECOMM 70
ERRNO(ECOMM, "Communication error on send")
#define EPROTO 71
ERRNO(EPROTO, "Protocol error")
#define EMULTIHOP 72
ERRNO(EMULTIHOP, "Multihop attempted")
#define EDOTDOT 73
ERRNO(EDOTDOT, "RFS specific error")
#define EBADMSG 74
ERRNO(EBADMSG, "Bad message")
#define EOVERFLOW 75
ERRNO(EOVERFLOW, "Value too large for defined data type")
#define ENOTUNIQ 76
ERRNO(ENOTUNIQ, "Name not unique on network")
#define EBADFD 77
ERRNO(EBADFD, "File descriptor in bad state")
#define EREMCHG 78
ERRNO(EREMCHG, "Remote address changed")
#define ELIBACC 79
ERRNO(ELIBACC, "Can not access a needed shared library")
#define ELIBBAD 80
ERRNO(ELIBBAD, "Accessing a corrupted shared library")
#define ELIBSCN 81
ERRNO(ELIBSCN, ".lib section in a.out corrupted")
#define ELIBMAX 82
ERRNO(ELIBMAX, "Attempting to link in too many shared libraries")
#define ELIBEXEC 83
ERRNO(ELIBEXEC, "Cannot exec a shared library directly")
#define EILSEQ 84
ERRNO(EILSEQ, "Invalid or incomplete multibyte or wide character")
#define ERESTART 85
ERRNO(ERESTART, "Interrupted system call should be restarted")
#define ESTRPIPE 86
ERRNO(ESTRPIPE, "Streams pipe error")
#define EUSERS 87
ERRNO(EUSERS, "Too many users")
#define ENOTSOCK 88
ERRNO(ENOTSOCK, "Socket operation on non-socket")
#define EDESTADDRREQ 89
ERRNO(EDESTADDRREQ, "Destination address required")
#define EMSGSIZE 90
ERRNO(EMSGSIZE, "Message too long")
#define EPROTOTYPE 91
ERRNO(EPROTOTYPE, "Protocol wrong type for socket")
#define ENOPROTOOPT 92
ERRNO(ENOPROTOOPT, "Protocol not available")
#define EPROTONOSUPPORT 93
ERRNO(EPROTONOSUPPORT, "Protocol not supported")
#define ESOCKTNOSUPPORT 94
ERRNO(ESOCKTNOSUPPORT, "Socket type not supported")
#define EOPNOTSUPP 95
ERRNO(EOPNOTSUPP, "Operation not supported")
#define EPFNOSUPPORT 96
ERRNO(EPFNOSUPPORT, "Protocol family not supported")
#define EAFNOSUPPORT 97
ERRNO(EAFNOSUPPORT, "Address family not supported by protocol")
#define EADDRINUSE 98
ERRNO(EADDRINUSE, "Address already in use")
#define EADDRNOTAVAIL 99
ERRNO(EADDRNOTAVAIL, "Cannot assign requested address")
#define ENETDOWN 100
ERRNO(ENETDOWN, "Network is down")
#define ENETUNREACH 101
ERRNO(ENETUNREACH, "Network is unreachable")
#define ENETRESET 102
ERRNO(ENETRESET, "Network dropped connection on reset")
#define ECONNABORTED 103
ERRNO(ECONNABORTED, "Software caused connection abort")
#define ECONNRESET 104
ERRNO(ECONNRESET, "Connection reset by peer")
#define ENOBUFS 105
ERRNO(ENOBUFS, "No buffer space available")
#define EISCONN 106
ERRNO(EISCONN, "Transport endpoint is already connected")
#define ENOTCONN 107
ERRNO(ENOTCONN, "Transport endpoint is not connected")
#define ESHUTDOWN 108
ERRNO(ESHUTDOWN, "Cannot send after transport endpoint shutdown")
#define ETOOMANYREFS 109
ERRNO(ETOOMANYREFS, "Too many references: cannot splice")
#define ETIMEDOUT 110
ERRNO(ETIMEDOUT, "Connection timed out")
#define ECONNREFUSED 111
ERRNO(ECONNREFUSED, "Connection refused")
#define EHOSTDOWN 112
ERRNO(EHOSTDOWN, "Host is down")
#define EHOSTUNREACH 113
ERRNO(EHOSTUNREACH, "No route to host")
#define EALREADY 114
ERRNO(EALREADY, "Operation already in progress")
#define EINPROGRESS 115
ERRNO(EINPROGRESS, "Operation now in progress")
#define ESTALE 116
ERRNO(ESTALE, "Stale file handle")
#define EUCLEAN 117
ERRNO(EUCLEAN, "Structure needs cleaning")
#define ENOTNAM 118
ERRNO(ENOTNAM, "Not a XENIX named type file")
#define ENAVAIL 119
ERRNO(ENAVAIL, "No XENIX semaphores available")
#define EISNAM 120
ERRNO(EISNAM, "Is a named type file")
#define EREMOTEIO 121
ERRNO(EREMOTEIO, "Remote I/O error")
#define EDQUOT 122
ERRNO(EDQUOT, "Disk quota exceeded")
#define ENOMEDIUM 123
ERRNO(ENOMEDIUM, "No medium found")
#define EMEDIUMTYPE 124
ERRNO(EMEDIUMTYPE, "Wrong medium type")
#define ECANCELED 125
ERRNO(ECANCELED, "Operation canceled")
#define ENOKEY 126
ERRNO(ENOKEY, "Required key not available")
#define EKEYEXPIRED 127
ERRNO(EKEYEXPIRED, "Key has expired")
#define EKEYREVOKED 128
ERRNO(EKEYREVOKED, "Key has been revoked")
#define EKEYREJECTED 129
ERRNO(EKEYREJECTED, "Key was rejected by service")
#define EOWNERDEAD 130
ERRNO(EOWNERDEAD, "Owner died")
#define ENOTRECOVERABLE 131
ERRNO(ENOTRECOVERABLE, "State not recoverable")
#define ERFKILL 132
ERRNO(ERFKILL, "Operation not possible due to RF-kill")
#define EHWPOISON 133
ERRNO(EHWPOISON, "Memory page has hardware error")
