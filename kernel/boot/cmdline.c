/* The kernel command line (Multiboot2 cmdline / DTB bootargs): words and
 * key=value items separated by spaces. */
#include <kernel.h>
#include <string.h>

static char cmdline[256];

void cmdline_set(const char *s)
{
	strlcpy(cmdline, s ? s : "", sizeof cmdline);
}

const char *cmdline_get(void)
{
	return cmdline;
}

/* Find item 'key' (a whole word, or the part before '='); returns a pointer
 * just past the key in the command line, or NULL. */
static const char *find_item(const char *key)
{
	size_t klen = strlen(key);
	const char *p = cmdline;
	while (*p) {
		while (*p == ' ')
			p++;
		const char *start = p;
		while (*p && *p != ' ')
			p++;
		size_t len = (size_t)(p - start);
		if (len >= klen && strncmp(start, key, klen) == 0 &&
		    (len == klen || start[klen] == '='))
			return start + klen;
	}
	return NULL;
}

bool cmdline_has(const char *word)
{
	const char *p = find_item(word);
	return p && (*p == ' ' || *p == '\0');
}

const char *cmdline_value(const char *key, char *buf, size_t len)
{
	const char *p = find_item(key);
	if (!p || *p != '=' || len == 0)
		return NULL;
	p++;
	size_t n = 0;
	while (p[n] && p[n] != ' ')
		n++;
	if (n >= len)
		n = len - 1;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return buf;
}
