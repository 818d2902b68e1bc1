/* init: Ringel's first program (/init of the default initramfs).
 * Greets, shows /etc/motd, runs each program of its list in turn and waits
 * for it, reaping any orphan on the way; then exits, which ends the machine
 * until there is a shell to start (issue 4). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/utsname.h>
#include <sys/wait.h>

static const char *const programs[] = { "/bin/hello" };

/* If the kernel started us without descriptors 0-2, open the console. */
static void console(void)
{
	if (fcntl(1, F_GETFD) >= 0)
		return;
	int fd = open("/dev/console", O_RDWR);
	while (fd >= 0 && fd < 2)
		fd = dup(fd);
}

static void show(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return;
	char buf[512];
	long n;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		write(1, buf, (size_t)n);
	close(fd);
}

static int run(const char *path)
{
	int pid = fork();
	if (pid < 0) {
		dprintf(2, "init: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		char *argv[] = { (char *)path, NULL };
		char *envp[] = { "PATH=/bin", "HOME=/", NULL };
		execve(path, argv, envp);
		dprintf(2, "init: %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	for (;;) {
		int st;
		int w = wait(&st);
		if (w < 0)
			return -1;
		if (w != pid)
			continue;   /* an orphan handed to us */
		if (WIFSIGNALED(st))
			printf("init: %s killed by %s\n", path, strsignal(WTERMSIG(st)));
		else if (WEXITSTATUS(st))
			printf("init: %s exited with %d\n", path, WEXITSTATUS(st));
		return st;
	}
}

int main(void)
{
	console();
	struct utsname u;
	if (uname(&u) == 0)
		printf("init: %s %s %s, pid %d\n", u.sysname, u.release, u.machine, getpid());
	show("/etc/motd");
	int failed = 0;
	for (unsigned i = 0; i < sizeof(programs) / sizeof(programs[0]); i++)
		if (run(programs[i]) != 0)
			failed++;
	printf("init: done\n");
	return failed ? 1 : 0;
}
