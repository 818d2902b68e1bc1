/* init: Ringel's first program (/init of the default initramfs).
 *
 * Greets, shows /etc/motd, mounts the FAT disk named by a "home=DEVICE"
 * argument on /home (./scripts/run's persistent disk) and makes it $HOME,
 * runs /etc/rc with /bin/sh (the boot commands; docs/shell.md), runs the
 * seed's /bin/hello, then keeps a shell on the console: /bin/sh runs as a
 * login shell ("-sh": it reads /etc/profile) and a session leader with the
 * console as its controlling terminal (so it can do job control), and a new
 * one starts whenever it exits.  init also reaps the orphans handed to it.
 *
 * Powering off: SIGUSR2 (or SIGUSR1) makes init end the session and exit
 * with status 0 -- type `kill -USR2 1` at the shell -- after a sync, so
 * what file systems hold in memory reaches their disks.  The kernel then
 * halts the machine, or, booted with "test" on its command line, ends
 * QEMU with init's status: that is how the scripted shell-session boot
 * tests finish. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SHELL "/bin/sh"

extern char **environ;
static volatile sig_atomic_t poweroff;

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

static void on_poweroff(int sig)
{
	(void)sig;
	poweroff = 1;
}

/* Start path as name with one argument (or none); as_shell: in its own session, with the console as
 * its controlling terminal and its group in the foreground. */
static int start(const char *path, const char *name, const char *arg, int as_shell)
{
	fflush(stdout);                 /* or the child would print it again */
	int pid = fork();
	if (pid < 0) {
		dprintf(2, "init: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		signal(SIGUSR1, SIG_DFL);
		signal(SIGUSR2, SIG_DFL);
		if (as_shell) {
			setsid();
			ioctl(0, TIOCSCTTY, 0);
			tcsetpgrp(0, getpid());
		}
		char *argv[] = { (char *)name, (char *)arg, NULL };
		execve(path, argv, environ);
		dprintf(2, "init: %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	return pid;
}

static void describe_end(const char *path, int st)
{
	if (WIFSIGNALED(st))
		printf("init: %s killed by %s\n", path, strsignal(WTERMSIG(st)));
	else if (WEXITSTATUS(st))
		printf("init: %s exited with %d\n", path, WEXITSTATUS(st));
}

/* Wait for pid, reaping orphans on the way; its status, or -1 if init
 * was told to power off first. */
static int wait_for(int pid)
{
	for (;;) {
		if (poweroff)
			return -1;
		int st;
		int w = wait(&st);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		if (w == pid)
			return st;
	}
}

static long now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec;
}

/* "home=DEVICE" among init's arguments (./scripts/run passes it for its
 * persistent disk): mount that FAT disk on /home. */
static void mount_home(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strncmp(argv[i], "home=", 5))
			continue;
		const char *dev = argv[i] + 5;
		mkdir("/home", 0755);
		if (mount(dev, "/home", "vfat", 0, NULL) == 0) {
			printf("init: %s mounted on /home (FAT; kept between runs)\n", dev);
			/* what the shell keeps in $HOME (its history) survives */
			setenv("HOME", "/home", 1);
		} else
			printf("init: cannot mount %s on /home: %s\n", dev, strerror(errno));
	}
}

/* A Raspberry Pi's SD card: its first partition is the FAT boot partition
 * (firmware, config.txt, the kernel), mounted on /boot as on Raspberry Pi
 * OS.  Nothing to do where there is no card. */
static void mount_boot(void)
{
	if (access("/dev/mmcblk0p1", F_OK) != 0)
		return;
	mkdir("/boot", 0755);
	if (mount("/dev/mmcblk0p1", "/boot", "vfat", 0, NULL) == 0)
		printf("init: /dev/mmcblk0p1 mounted on /boot (the SD card's FAT partition)\n");
	else
		printf("init: cannot mount /dev/mmcblk0p1 on /boot: %s\n", strerror(errno));
}

int main(int argc, char **argv)
{
	console();
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_poweroff;    /* no SA_RESTART: wait() returns EINTR */
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);

	struct utsname u;
	if (uname(&u) == 0)
		printf("init: %s %s %s, pid %d\n", u.sysname, u.release, u.machine, getpid());
	show("/etc/motd");
	mount_home(argc, argv);
	mount_boot();
	int pid;
	if (access("/etc/rc", R_OK) == 0) {
		pid = start(SHELL, "sh", "/etc/rc", 0);
		int st = pid > 0 ? wait_for(pid) : -1;
		if (st >= 0)
			describe_end("/etc/rc", st);
	}
	pid = start("/bin/hello", "hello", NULL, 0);
	if (pid > 0) {
		int st = wait_for(pid);
		if (st >= 0)
			describe_end("/bin/hello", st);
	}

	int quick = 0;
	while (!poweroff) {
		printf("init: starting %s (it comes back when it exits; kill -USR2 1 powers off)\n",
		       SHELL);
		long started = now();
		pid = start(SHELL, "-sh", NULL, 1);
		int st = pid > 0 ? wait_for(pid) : 0;
		if (poweroff)
			break;
		if (pid > 0)
			describe_end(SHELL, st);
		/* a shell that cannot start should not spin */
		quick = now() - started < 2 ? quick + 1 : 0;
		if (quick >= 3)
			sleep(5);
	}
	printf("init: power off\n");
	kill(-1, SIGKILL);              /* everyone but init */
	while (wait(NULL) > 0)
		;
	sync();                         /* the disks get what is still in memory */
	return 0;
}
