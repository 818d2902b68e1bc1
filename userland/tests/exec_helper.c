/* exec_helper: run by utests' exec tests; checks what execve gave it.
 *   exec_helper one "two words" "" pid=N FD   -> exit 42, "helper ok" on FD
 *   exec_helper <200 long args>                -> exit 43
 *   exec_helper stack N                        -> writes N MiB of its stack, exit 44
 * Any other exit code names the first check that failed; 26 is "all right
 * but the environment came in another order". */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <stdio.h>
#include <sys/auxv.h>

int main(int argc, char **argv, char **envp)
{
	if (getauxval(AT_PAGESZ) != 4096)
		return 10;
	if (argv[argc] != NULL)
		return 11;
	if (argc == 3 && !strcmp(argv[1], "stack")) {
		/* as deep as a recursion would go: every page below here */
		uintptr_t here = (uintptr_t)__builtin_frame_address(0);
		size_t len = (size_t)atoi(argv[2]) << 20;
		for (size_t off = 4096; off < len; off += 4096)
			*(volatile char *)(here - off) = 1;
		return 44;
	}
	if (argc == 201) {
		for (int i = 1; i < argc; i++)
			if (strlen(argv[i]) != 99 || argv[i][0] != 'a' + (i - 1) % 26)
				return 12;
		if (!envp[0] || strcmp(envp[0], "BIG=1") || envp[1])
			return 13;
		return 43;
	}
	if (argc != 6)
		return 20;
	if (strcmp(argv[0], "exec_helper") || strcmp(argv[1], "one") || strcmp(argv[2], "two words") ||
	    argv[3][0] != 0)
		return 21;
	char want[32];
	snprintf(want, sizeof(want), "pid=%d", getpid());
	if (strcmp(argv[4], want))
		return 22;    /* execve keeps the pid */
	static const char *const want_env[] = { "RINGEL_A=1", "EMPTY=", "LAST=the end" };
	int n = 0, in_order = 1;
	while (envp[n])
		n++;
	if (n != 3)
		return 23;
	for (int i = 0; i < 3; i++) {
		int found = 0;
		for (int j = 0; j < 3; j++)
			found += !strcmp(envp[j], want_env[i]);
		if (found != 1)
			return 23;
		in_order &= !strcmp(envp[i], want_env[i]);
	}
	if (environ != envp || strcmp(getenv("LAST"), "the end") || getenv("EMPTY")[0] != 0 ||
	    getenv("NOPE"))
		return 24;
	int fd = atoi(argv[5]);
	if (dprintf(fd, "helper ok\n") != 10)
		return 25;    /* descriptors survive execve */
	return in_order ? 42 : 26;   /* 26: all there, out of order (qemu-user reverses) */
}
