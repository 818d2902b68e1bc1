/* Ringel libc host test: fnmatch against glibc's, on random patterns
 * (stars, '?', bracket expressions with ranges, negation and classes,
 * escapes) and names over a small alphabet with '/' and '.', under every
 * combination of the flags.  Usage: libc_fnmatch_diff [ITERATIONS [SEED]] */
#define _GNU_SOURCE
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rl.h"

int rl_passed, rl_failed;
uint64_t rl_seed = 0x0123456789abcdefull;
int rl_fnmatch(const char *pattern, const char *name, int flags);

static void rand_pattern(char *p, size_t cap)
{
	static const char *const parts[] = {
		"*", "*", "?", "a", "b", ".", "/", "ab", "[ab]", "[!a]", "[^b.]", "[a-c]", "[[:alpha:]]",
		"[]a]", "[!]]", "\\*", "\\a", "[.]", "[/]", "A", "[[:upper:]x]", "[a-]", "**",
	};
	size_t n = 1 + rl_below(5), len = 0;
	p[0] = 0;
	for (size_t i = 0; i < n; i++) {
		const char *s = parts[rl_below(sizeof parts / sizeof parts[0])];
		if (len + strlen(s) + 1 >= cap)
			break;
		strcpy(p + len, s);
		len += strlen(s);
	}
}

static void rand_name(char *s, size_t cap)
{
	static const char alpha[] = "ab./Ac*[";
	size_t n = rl_below(9);
	if (n >= cap)
		n = cap - 1;
	for (size_t i = 0; i < n; i++)
		s[i] = alpha[rl_below(sizeof alpha - 1)];
	s[n] = 0;
}

int main(int argc, char **argv)
{
	long iters = argc > 1 ? atol(argv[1]) : 20000;
	if (argc > 2)
		rl_seed = strtoull(argv[2], NULL, 0);
	for (long it = 0; it < iters; it++) {
		char pat[64], name[16];
		rand_pattern(pat, sizeof pat);
		for (int k = 0; k < 4; k++) {
			rand_name(name, sizeof name);
			int flags = (int)rl_below(32);
			int theirs = fnmatch(pat, name, flags) != 0, ours = rl_fnmatch(pat, name, flags) != 0;
			RL_CHECK(theirs == ours, "fnmatch(\"%s\", \"%s\", %d): glibc %d, ours %d", pat, name,
				 flags, theirs, ours);
		}
	}
	printf("%d passed, %d failed\n", rl_passed, rl_failed);
	return rl_failed != 0;
}
