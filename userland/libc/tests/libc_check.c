/* libc_check: the libc's system-facing parts on a real kernel (Ringel, or
 * Linux under ctest): setjmp/longjmp and sigsetjmp from a signal handler,
 * FILE round trips (fprintf/fgets/sscanf, seek, ungetc, getline, append),
 * exit flushing a forked child's stdout once, dirent, realpath through a
 * symlink, the environment, getopt, execvp's PATH search, malloc of big
 * blocks, time conversion, popen/pclose, the "C" locale.  Prints "N passed, N failed"; the host tests
 * (tests.cmake) run it natively and under qemu-aarch64.  TRUEPROG names
 * the program execvp should find (default "true"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <signal.h>
#include <unistd.h>
#include <dirent.h>
#include <fcntl.h>
#include <errno.h>
#include <time.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <assert.h>
#include <locale.h>
static int passed, fails;
#define T(c) do { if (c) passed++; else { fails++; fprintf(stderr, "FAIL %d: %s\n", __LINE__, #c); } } while (0)
static jmp_buf jb;
static sigjmp_buf sjb;
static void deep(int n) { if (n == 0) longjmp(jb, 7); deep(n - 1); }
static void onusr(int s) { siglongjmp(sjb, s); }
int main(int argc, char **argv)
{
	/* A scratch directory with one known file in it. */
	char dir[64], known[80];
	snprintf(dir, sizeof(dir), "/tmp/libc_check.%d", getpid());
	snprintf(known, sizeof(known), "%s/t.c", dir);
	mkdir("/tmp", 01777);
	mkdir(dir, 0755);
	close(open(known, O_CREAT | O_WRONLY, 0644));
	volatile int k = 0;
	int r = setjmp(jb);
	if (r == 0) { k = 1; deep(10); }
	T(r == 7 && k == 1);
	signal(SIGUSR1, onusr);
	if ((r = sigsetjmp(sjb, 1)) == 0) raise(SIGUSR1);
	T(r == SIGUSR1);
	sigset_t m; sigprocmask(SIG_BLOCK, NULL, &m); T(!sigismember(&m, SIGUSR1));
	/* FILE round trip */
	char path[96];
	snprintf(path, sizeof(path), "%s/fileXXXXXX", dir);
	int fd = mkstemp(path); T(fd >= 0); close(fd);
	FILE *f = fopen(path, "w+"); T(f != NULL);
	for (int i = 0; i < 1000; i++) fprintf(f, "line %d %s\n", i, "abc");
	T(ftell(f) > 0);
	rewind(f);
	char buf[100]; int n = 0;
	while (fgets(buf, sizeof(buf), f)) { int x; char s[8]; if (sscanf(buf, "line %d %7s", &x, s) == 2 && x == n && !strcmp(s, "abc")) n++; }
	T(n == 1000); T(feof(f));
	fseek(f, 5, SEEK_SET); int c = getc(f); T(c == '0'); T(ungetc('Z', f) == 'Z'); T(getc(f) == 'Z'); T(getc(f) == ' ');
	T(ftell(f) == 7);
	fseek(f, 0, SEEK_END); fputs("tail\n", f); fflush(f);
	struct stat st; T(stat(path, &st) == 0 && st.st_size == ftell(f));
	fclose(f);
	/* fscanf: the stream is left just after what was read */
	f = fopen(path, "r");
	{ int x = -1, nn = -1; char w[8]; double d = 0;
	  T(fscanf(f, "line %d %7s%n", &x, w, &nn) == 2 && x == 0 && !strcmp(w, "abc") && nn == 10);
	  T(getc(f) == '\n');
	  T(fscanf(f, "%*s %lf", &d) == 1 && d == 1.0 && getc(f) == ' ');
	  fseek(f, 0, SEEK_END); T(fscanf(f, "%d", &x) == EOF);
	  long double ld = 0; char lb[32];
	  T(sscanf("-2.5e-3 4e-320", "%Lf%lf", &ld, &d) == 2);
	  snprintf(lb, sizeof lb, "%Lg", ld); T(!strcmp(lb, "-0.0025"));
	  T(sscanf("4e-320", "%Lf", &ld) == 1); snprintf(lb, sizeof lb, "%Lg", ld); T(!strcmp(lb, "3.99996e-320")); }
	fclose(f);
	f = fopen(path, "r"); char *line = NULL; size_t cap = 0; ssize_t len; int lines = 0;
	while ((len = getline(&line, &cap, f)) > 0) lines++;
	T(lines == 1001); free(line); fclose(f);
	/* append mode */
	f = fopen(path, "a"); fputs("more\n", f); fclose(f);
	T(stat(path, &st) == 0);
	unlink(path);
	/* fork + exit flushes once */
	int p[2]; pipe(p);
	pid_t pid = fork();
	if (pid == 0) { dup2(p[1], 1); close(p[0]); printf("child says hi"); exit(3); }
	close(p[1]); int st2; waitpid(pid, &st2, 0); T(WIFEXITED(st2) && WEXITSTATUS(st2) == 3);
	n = read(p[0], buf, sizeof(buf)); T(n == 13 && !memcmp(buf, "child says hi", 13)); close(p[0]);
	/* dirent */
	DIR *d = opendir(dir); T(d != NULL); int seen = 0; struct dirent *e;
	while ((e = readdir(d))) if (!strcmp(e->d_name, "t.c")) seen = 1;
	closedir(d); T(seen);
	/* realpath */
	char rp[4096], q[200], link[100];
	snprintf(q, sizeof(q), "%s/../%s/./t.c", dir, dir + 5);
	T(realpath(q, rp) && !strcmp(rp, known));
	snprintf(link, sizeof(link), "%s/link", dir);
	snprintf(q, sizeof(q), "%s/t.c", link);
	symlink(dir, link);
	T(realpath(q, rp) && !strcmp(rp, known));
	unlink(link);
	/* env */
	setenv("FOO", "bar", 1); T(!strcmp(getenv("FOO"), "bar")); setenv("FOO", "baz", 0); T(!strcmp(getenv("FOO"), "bar"));
	unsetenv("FOO"); T(getenv("FOO") == NULL); putenv("X=1"); T(!strcmp(getenv("X"), "1"));
	/* getopt */
	char *av[] = { "prog", "-a", "-bfoo", "-c", "bar", "--", "-d", NULL };
	int o, fa = 0; char *bv = 0, *cv = 0; optind = 1;
	while ((o = getopt(7, av, "ab:c:")) != -1) { if (o == 'a') fa = 1; if (o == 'b') bv = optarg; if (o == 'c') cv = optarg; }
	T(fa && bv && !strcmp(bv, "foo") && cv && !strcmp(cv, "bar") && optind == 6);
	/* execvp via PATH */
	pid = fork();
	if (pid == 0) { char *a[] = { "true", NULL }; setenv("PATH", "/nonexistent:/bin:/usr/bin", 1); execvp(getenv("TRUEPROG") ? getenv("TRUEPROG") : "true", a); _exit(99); }
	waitpid(pid, &st2, 0); T(WIFEXITED(st2) && WEXITSTATUS(st2) == 0);
	/* malloc big + realloc */
	char *big = malloc(1 << 20); memset(big, 1, 1 << 20); big = realloc(big, 2 << 20); T(big[12345] == 1); free(big);
	void *ptrs[1000]; for (int i = 0; i < 1000; i++) ptrs[i] = malloc(i * 7); for (int i = 0; i < 1000; i += 2) free(ptrs[i]); for (int i = 1; i < 1000; i += 2) free(ptrs[i]);
	/* time */
	time_t t = 0; struct tm tm; gmtime_r(&t, &tm); char tb[64]; strftime(tb, sizeof(tb), "%F %T", &tm); T(!strcmp(tb, "1970-01-01 00:00:00"));
	struct timespec ts; T(clock_gettime(CLOCK_MONOTONIC, &ts) == 0);
	snprintf(tb, sizeof(tb), "%.3f %g %s", 3.14159, 1e-5, strerror(ENOENT));
	T(!strcmp(tb, "3.142 1e-05 No such file or directory"));
	/* popen and pclose: reading a command's output, writing its input, the status */
	FILE *pp = popen("echo one; echo two", "r"); T(pp != NULL);
	char pl[32] = ""; T(pp && fgets(pl, sizeof pl, pp) && !strcmp(pl, "one\n"));
	T(pp && fgets(pl, sizeof pl, pp) && !strcmp(pl, "two\n"));
	int pst = pp ? pclose(pp) : -1; T(WIFEXITED(pst) && WEXITSTATUS(pst) == 0);
	char pw[160]; snprintf(pw, sizeof pw, "cat > %s/popen.txt; exit 3", dir);
	pp = popen(pw, "w"); T(pp != NULL);
	if (pp) { fputs("written through a pipe\n", pp); pst = pclose(pp); T(WIFEXITED(pst) && WEXITSTATUS(pst) == 3); }
	snprintf(pw, sizeof pw, "%s/popen.txt", dir);
	FILE *pr = fopen(pw, "r"); T(pr && fgets(pl, sizeof pl, pr) && !strcmp(pl, "written through a pipe\n"));
	if (pr) fclose(pr);
	unlink(pw);
	T(popen("true", "x") == NULL && errno == EINVAL);
	/* the one locale */
	T(setlocale(LC_ALL, "") && !strcmp(setlocale(LC_ALL, NULL), "C"));
	T(setlocale(LC_NUMERIC, "POSIX") != NULL && setlocale(LC_ALL, "de_DE.UTF-8") == NULL);
	T(!strcmp(localeconv()->decimal_point, "."));
	assert(passed > 0);
	unlink(known);
	rmdir(dir);
	printf("%d passed, %d failed\n", passed, fails);
	return fails != 0;
}
