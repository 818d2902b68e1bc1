/* Ringel libc: fnmatch, the shell's wildcards.  '*' tries every length
 * (shortest first) by recursion: exponential only for patterns with many
 * stars against long names, which file names are not. */
#include <ctype.h>
#include <fnmatch.h>
#include <stdbool.h>
#include <string.h>

static int fold(int c, int flags)
{
	return (flags & FNM_CASEFOLD) ? tolower(c) : c;
}

static const struct {
	const char *name;
	int (*fn)(int);
} classes[] = {
	{ "alpha", isalpha }, { "digit", isdigit }, { "alnum", isalnum }, { "space", isspace },
	{ "upper", isupper }, { "lower", islower }, { "punct", ispunct }, { "xdigit", isxdigit },
	{ "print", isprint }, { "graph", isgraph }, { "cntrl", iscntrl }, { "blank", isblank },
};

/* A bracket expression at p (just after '[') against c: 1 matched, 0 not,
 * -1 not a bracket expression (no closing ']': the '[' is literal).  *end
 * is set after the ']'. */
static int bracket(const char *p, unsigned char c, int flags, const char **end)
{
	bool negate = *p == '!' || *p == '^';
	if (negate)
		p++;
	bool hit = false;
	for (bool first = true;; first = false) {
		if (!*p)
			return -1;
		if (*p == ']' && !first)
			break;
		if (p[0] == '[' && p[1] == ':') {
			const char *e = strstr(p + 2, ":]");
			if (!e)
				return -1;
			size_t len = (size_t)(e - p - 2);
			size_t i = 0;
			for (; i < sizeof classes / sizeof classes[0]; i++)
				if (strlen(classes[i].name) == len && !strncmp(classes[i].name, p + 2, len))
					break;
			if (i == sizeof classes / sizeof classes[0])
				return -1;
			if (classes[i].fn(c))   /* glibc: no case folding for classes */
				hit = true;
			p = e + 2;
			continue;
		}
		unsigned char lo = (unsigned char)*p++;
		if (lo == '\\' && !(flags & FNM_NOESCAPE)) {
			if (!*p)
				return -1;
			lo = (unsigned char)*p++;
		}
		unsigned char hi = lo;
		if (p[0] == '-' && p[1] && p[1] != ']') {
			p++;
			hi = (unsigned char)*p++;
			if (hi == '\\' && !(flags & FNM_NOESCAPE)) {
				if (!*p)
					return -1;
				hi = (unsigned char)*p++;
			}
		}
		if (lo <= c && c <= hi)
			hit = true;
		else if ((flags & FNM_CASEFOLD) && isalpha(c)) {
			int l = tolower(c), u = toupper(c);
			if ((lo <= l && l <= hi) || (lo <= u && u <= hi))
				hit = true;
		}
	}
	*end = p + 1;
	return hit != negate;
}

/* Is s at a place where a leading period must be matched literally? */
static bool leading_period(const char *name, const char *s, int flags)
{
	return (flags & FNM_PERIOD) && *s == '.' &&
	       (s == name || ((flags & FNM_PATHNAME) && s[-1] == '/'));
}

static int match(const char *p, const char *name, const char *s, int flags)
{
	for (;;) {
		unsigned char pc = (unsigned char)*p;
		switch (pc) {
		case 0:
			if (!*s || ((flags & FNM_LEADING_DIR) && *s == '/'))
				return 0;
			return FNM_NOMATCH;
		case '?':
			if (!*s || ((flags & FNM_PATHNAME) && *s == '/') || leading_period(name, s, flags))
				return FNM_NOMATCH;
			p++;
			s++;
			break;
		case '*': {
			while (*p == '*')
				p++;
			if (leading_period(name, s, flags))
				return FNM_NOMATCH;
			for (const char *t = s;; t++) {
				if (match(p, name, t, flags) == 0)
					return 0;
				if (!*t || ((flags & FNM_PATHNAME) && *t == '/'))
					return FNM_NOMATCH;
			}
		}
		case '[': {
			const char *end;
			if (!*s)
				return FNM_NOMATCH;
			if ((flags & FNM_PATHNAME) && *s == '/') {
				/* a '/' is never matched by a bracket, but the '[' may be literal */
				if (bracket(p + 1, 'x', flags, &end) >= 0)
					return FNM_NOMATCH;
				goto literal;
			}
			int r = bracket(p + 1, (unsigned char)*s, flags, &end);
			if (r < 0)
				goto literal;
			if (!r || leading_period(name, s, flags))
				return FNM_NOMATCH;
			p = end;
			s++;
			break;
		}
		case '\\':
			if (!(flags & FNM_NOESCAPE) && p[1]) {
				p++;
				pc = (unsigned char)*p;
			}
			/* fall through */
		default:
		literal:
			if (fold(pc, flags) != fold((unsigned char)*s, flags) || !*s)
				return FNM_NOMATCH;
			p++;
			s++;
		}
	}
}

int fnmatch(const char *pattern, const char *name, int flags)
{
	return match(pattern, name, name, flags);
}
