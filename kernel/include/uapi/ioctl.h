/* ioctl requests (the terminal's and the generic file ones: asm-generic
 * numbers, the same on x86-64 and AArch64), and struct winsize. */
#ifndef UAPI_IOCTL_H
#define UAPI_IOCTL_H
#include <uapi/types.h>

#define TCGETS 0x5401
#define TCSETS 0x5402
#define TCSETSW 0x5403
#define TCSETSF 0x5404
#define TCSBRK 0x5409
#define TCXONC 0x540A
#define TCFLSH 0x540B
#define TIOCEXCL 0x540C
#define TIOCNXCL 0x540D
#define TIOCSCTTY 0x540E
#define TIOCGPGRP 0x540F
#define TIOCSPGRP 0x5410
#define TIOCOUTQ 0x5411
#define TIOCSTI 0x5412
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414
#define FIONREAD 0x541B
#define TIOCINQ FIONREAD
#define FIONBIO 0x5421
#define TIOCNOTTY 0x5422
#define TIOCGSID 0x5429
/* Pseudo-terminal masters (_IOR('T', 0x30, unsigned), _IOW('T', 0x31, int)):
 * Ringel has none; the tests use them on Linux. */
#define TIOCGPTN 0x80045430
#define TIOCSPTLCK 0x40045431
#define FIONCLEX 0x5450
#define FIOCLEX 0x5451

/* Block devices (Linux's include/uapi/linux/fs.h: _IO(0x12, n) and, for
 * the 64-bit size, _IOR(0x12, 114, size_t)). */
#define BLKROGET 0x125e
#define BLKGETSIZE 0x1260
#define BLKFLSBUF 0x1261
#define BLKSSZGET 0x1268
#define BLKGETSIZE64 0x80081272

struct __UAPI_STRUCT(winsize) {
	uint16_t ws_row;
	uint16_t ws_col;
	uint16_t ws_xpixel;
	uint16_t ws_ypixel;
};
#endif
