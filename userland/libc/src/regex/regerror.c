/* Ringel libc: regerror, the message for a regcomp or regexec result. */
#include <regex.h>
#include <string.h>

static const char *const messages[] = {
	[0] = "Success",
	[REG_NOMATCH] = "No match",
	[REG_BADPAT] = "Invalid regular expression",
	[REG_ECOLLATE] = "Invalid collation character",
	[REG_ECTYPE] = "Invalid character class name",
	[REG_EESCAPE] = "Trailing backslash",
	[REG_ESUBREG] = "Invalid back reference",
	[REG_EBRACK] = "Unmatched [, [^, [:, [., or [=",
	[REG_EPAREN] = "Unmatched ( or \\(",
	[REG_EBRACE] = "Unmatched \\{",
	[REG_BADBR] = "Invalid content of \\{\\}",
	[REG_ERANGE] = "Invalid range end",
	[REG_ESPACE] = "Memory exhausted",
	[REG_BADRPT] = "Invalid preceding regular expression",
};

size_t regerror(int err, const regex_t *restrict re, char *restrict buf, size_t size)
{
	(void)re;
	const char *msg = err >= 0 && err < (int)(sizeof messages / sizeof messages[0]) && messages[err]
				  ? messages[err] : "Unknown error";
	size_t len = strlen(msg);
	if (size > 0) {
		size_t n = len < size - 1 ? len : size - 1;
		memcpy(buf, msg, n);
		buf[n] = 0;
	}
	return len + 1;
}
