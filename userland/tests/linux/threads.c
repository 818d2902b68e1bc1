/* A threaded Linux program built with real C libraries (glibc and musl,
 * static), run on Ringel by the utests (t_linux.c: linux_threads) and on the
 * build host, whose output is the oracle.  What it prints depends only on
 * what the threads compute, never on timing or ids.
 *
 *   threads          pthreads: create/join, mutex + condition variable,
 *                    thread-local storage, once, keys, a robust mutex whose
 *                    owner dies, cancellation, exit from a thread
 *   threads exec P   execve from a thread (of program P, this one), posix_spawn,
 *                    system()
 *   threads child N  what the exec'd program does: say whether pid N is ours */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define NTHREADS 8

extern char **environ;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t all_here = PTHREAD_COND_INITIALIZER;
static long total;
static int arrived;
static __thread long tls_value = 7;    /* each thread starts with the initial value */
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;
static pthread_key_t key;
static int destructor_runs;

static void run_once(void)
{
	once_runs++;
}

static void key_destructor(void *v)
{
	(void)v;
	pthread_mutex_lock(&lock);
	destructor_runs++;
	pthread_mutex_unlock(&lock);
}

static void *worker(void *arg)
{
	long id = (long)arg;
	if (tls_value != 7)
		return (void *)-1L;
	tls_value = id * 10;
	pthread_once(&once, run_once);
	pthread_setspecific(key, (void *)(id + 1));
	long sum = 0;
	for (long i = 1; i <= 1000 * (id + 1); i++)
		sum += i;
	pthread_mutex_lock(&lock);
	total += sum;
	arrived++;
	pthread_cond_broadcast(&all_here);
	while (arrived < NTHREADS)          /* a barrier: all must arrive */
		pthread_cond_wait(&all_here, &lock);
	pthread_mutex_unlock(&lock);
	sched_yield();
	if (tls_value != id * 10 || pthread_getspecific(key) != (void *)(id + 1))
		return (void *)-2L;
	return (void *)(sum % 1000 + id);
}

static void sum_in_threads(void)
{
	pthread_t t[NTHREADS];
	pthread_key_create(&key, key_destructor);
	for (long i = 0; i < NTHREADS; i++)
		if (pthread_create(&t[i], NULL, worker, (void *)i) != 0) {
			printf("pthread_create failed\n");
			exit(1);
		}
	for (int i = 0; i < NTHREADS; i++) {
		void *r;
		pthread_join(t[i], &r);
		printf("thread %d returned %ld\n", i, (long)r);
	}
	printf("total %ld, once ran %d time(s), key destructors %d, main's tls %ld\n", total,
	       once_runs, destructor_runs, tls_value);
}

/* ---- a robust mutex whose owner dies holding it */
static pthread_mutex_t robust;

static void *die_holding(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&robust);
	return NULL;    /* ends with it locked */
}

static void robust_mutex(void)
{
	pthread_mutexattr_t a;
	pthread_mutexattr_init(&a);
	pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
	pthread_mutex_init(&robust, &a);
	pthread_t t;
	pthread_create(&t, NULL, die_holding, NULL);
	pthread_join(t, NULL);
	int r = pthread_mutex_lock(&robust);
	printf("robust mutex after its owner died: %s\n", r == EOWNERDEAD ? "EOWNERDEAD" : strerror(r));
	if (r == EOWNERDEAD)
		pthread_mutex_consistent(&robust);
	pthread_mutex_unlock(&robust);
}

/* ---- cancellation of a thread waiting on a condition variable */
static pthread_mutex_t cmx = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;
static int waiting;

static void unlock_cmx(void *arg)
{
	(void)arg;
	pthread_mutex_unlock(&cmx);
}

static void *wait_forever(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&cmx);
	waiting = 1;
	pthread_cleanup_push(unlock_cmx, NULL);
	for (;;)
		pthread_cond_wait(&never, &cmx);
	pthread_cleanup_pop(1);
	return NULL;
}

static void cancel_a_thread(void)
{
	pthread_t t;
	pthread_create(&t, NULL, wait_forever, NULL);
	for (;;) {
		pthread_mutex_lock(&cmx);
		int w = waiting;
		pthread_mutex_unlock(&cmx);
		if (w)
			break;
		sched_yield();
	}
	pthread_cancel(t);
	void *r;
	pthread_join(t, &r);
	printf("cancelled thread: %s\n", r == PTHREAD_CANCELED ? "PTHREAD_CANCELED" : "returned");
}

/* ---- exit from a thread ends the process */
static void *call_exit(void *arg)
{
	(void)arg;
	exit(7);
}

static void exit_from_a_thread(void)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		pthread_t t;
		pthread_create(&t, NULL, call_exit, NULL);
		for (;;)
			pause();
	}
	int st;
	waitpid(pid, &st, 0);
	printf("a thread called exit(7): the process %s %d\n",
	       WIFEXITED(st) ? "exited with" : "died of signal",
	       WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
}

/* ---- exec mode */
static const char *self;

static void *exec_self(void *arg)
{
	char pid[16];
	snprintf(pid, sizeof pid, "%ld", (long)(size_t)arg);
	char *argv[] = { "threads", "child", pid, NULL };
	execve(self, argv, environ);
	printf("execve from a thread: %s\n", strerror(errno));
	exit(1);
}

static void exec_mode(void)
{
	pid_t child;
	char *argv[] = { "threads", "child", "0", NULL };
	int r = posix_spawn(&child, self, NULL, NULL, argv, environ);
	int st = -1;
	if (r == 0)
		waitpid(child, &st, 0);
	printf("posix_spawn: %s, child %s\n", r ? strerror(r) : "ok",
	       WIFEXITED(st) && WEXITSTATUS(st) == 3 ? "exited 3" : "failed");
	fflush(stdout);
	st = system("echo system runs the shell; exit 4");
	printf("system: status %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	fflush(stdout);
	pthread_t t;
	pthread_create(&t, NULL, exec_self, (void *)(size_t)getpid());
	for (;;)
		pause();        /* the exec ends this thread */
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 3 && !strcmp(argv[1], "child")) {
		long want = atol(argv[2]);
		if (want == 0)
			return 3;       /* posix_spawn's child */
		printf("exec'd from a thread, %s\n", want == getpid() ? "with the process's pid" : "a new pid");
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "exec")) {
		self = argv[2];
		exec_mode();
	}
	sum_in_threads();
	robust_mutex();
	cancel_a_thread();
	exit_from_a_thread();
	return 0;
}
