/* Ringel libc: popen and pclose, a command line run by /bin/sh with one
 * end of a pipe as its standard input or output.  The children of open
 * popen streams are kept in a short list so pclose can wait for the right
 * one, and each new child closes the pipes of the others (POSIX). */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

struct child {
	FILE *f;
	pid_t pid;
	struct child *next;
};
static struct child *children;

FILE *popen(const char *cmd, const char *mode)
{
	bool reading = mode[0] == 'r';
	if ((mode[0] != 'r' && mode[0] != 'w') || (mode[1] && mode[1] != 'e')) {
		errno = EINVAL;
		return NULL;
	}
	struct child *c = malloc(sizeof *c);
	if (!c)
		return NULL;
	int fds[2];
	if (pipe2(fds, O_CLOEXEC) < 0) {
		free(c);
		return NULL;
	}
	int mine = reading ? fds[0] : fds[1], theirs = reading ? fds[1] : fds[0];
	pid_t pid = fork();
	if (pid < 0) {
		int e = errno;
		close(fds[0]);
		close(fds[1]);
		free(c);
		errno = e;
		return NULL;
	}
	if (pid == 0) {
		for (struct child *o = children; o; o = o->next)
			close(fileno(o->f));
		int target = reading ? 1 : 0;
		if (theirs != target) {
			dup2(theirs, target);   /* dup2 clears close-on-exec */
		} else {
			fcntl(theirs, F_SETFD, 0);
		}
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	close(theirs);
	FILE *f = fdopen(mine, reading ? "r" : "w");
	if (!f) {
		close(mine);
		waitpid(pid, NULL, 0);
		free(c);
		return NULL;
	}
	if (mode[1] != 'e')
		fcntl(mine, F_SETFD, 0);
	c->f = f;
	c->pid = pid;
	c->next = children;
	children = c;
	return f;
}

int pclose(FILE *f)
{
	struct child **pp = &children;
	while (*pp && (*pp)->f != f)
		pp = &(*pp)->next;
	if (!*pp) {
		errno = ECHILD;
		return -1;
	}
	struct child *c = *pp;
	*pp = c->next;
	pid_t pid = c->pid;
	free(c);
	fclose(f);
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}
