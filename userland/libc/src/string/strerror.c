/* Ringel libc: strerror and its relatives (strerrorname_np and
 * strerrordesc_np as glibc has them: "EPERM", the message, NULL for an
 * unknown number). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

/* One message and one name per Linux errno value, indexed by number, from
 * the one list the kernel's and the libc's <errno.h> also come from. */
static const char *const messages[] = {
	[0] = "Success",
#define ERRNO(name, msg) [name] = msg,
#include <uapi/errno_list.h>
#undef ERRNO
};

static const char *const names[] = {
#define ERRNO(name, msg) [name] = #name,
#include <uapi/errno_list.h>
#undef ERRNO
};

#define IN(table, err) ((err) >= 0 && (err) < (int)(sizeof(table) / sizeof(table[0])) && table[err])

char *strerror(int err)
{
	if (IN(messages, err))
		return (char *)messages[err];
	/* Like glibc, name the number; the buffer is overwritten by the next call. */
	static char unknown[32];
	snprintf(unknown, sizeof(unknown), "Unknown error %d", err);
	return unknown;
}

int strerror_r(int err, char *buf, size_t n)
{
	const char *m = strerror(err);
	size_t len = strlen(m);
	if (!n)
		return ERANGE;
	if (len >= n) {
		memcpy(buf, m, n - 1);
		buf[n - 1] = 0;
		return ERANGE;
	}
	memcpy(buf, m, len + 1);
	return 0;
}

const char *strerrorname_np(int err)
{
	return IN(names, err) ? names[err] : NULL;
}

const char *strerrordesc_np(int err)
{
	return IN(messages, err) ? messages[err] : NULL;
}
