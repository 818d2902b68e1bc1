/* The check-and-count helper of every host test (ringel_host_test puts this
 * folder on the include path).  One program is one test; it ends with
 * "N passed, N failed" and a non-zero status on any failure.
 *
 *   CHECK(cond, fmt, ...)   count one check; a failure prints
 *                             "    FAIL (file.c:LINE) group: message"
 *                           and is the value of the expression, so
 *                           `if (!CHECK(p, "...")) return;` works.
 *   check_group(fmt, ...)   optional: start a named group of checks;
 *   check_group_end(note)   end it with one line
 *                             "ok   name: N checks, N failed[; note] (T s)"
 *                           ("FAIL" instead of "ok" if one failed).  Only
 *                           the first CHECK_SHOWN failures of a group are
 *                           printed, all are counted.
 *   check_quiet_begin()     many checks that count as one (one corrupted
 *   check_quiet_end(mark)   input): passes inside are not counted, failures
 *                           are; the whole counts one pass if nothing
 *                           inside failed, and check_quiet_end says so.
 *   check_failures()        failures so far (to stop a runaway loop).
 *   check_finish()          print the last line; return the exit status.
 *
 * The state is static: include this from the one file of the test that
 * checks. */
#ifndef RINGEL_CHECK_H
#define RINGEL_CHECK_H
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define CHECK_SHOWN 12   /* failures printed per group */

static struct {
	unsigned passed, failed;           /* the whole program */
	unsigned group_checks, group_failed;
	bool in_group, quiet;
	char group[200];
	clock_t group_start;
} check_state;

__attribute__((format(printf, 4, 5)))
static inline bool check_at(bool ok, const char *file, int line, const char *fmt, ...)
{
	if (ok) {
		if (!check_state.quiet) {
			check_state.passed++;
			check_state.group_checks++;
		}
		return true;
	}
	check_state.failed++;
	check_state.group_checks++;
	if (++check_state.group_failed <= CHECK_SHOWN || !check_state.in_group) {
		const char *base = strrchr(file, '/');
		va_list ap;
		printf("    FAIL (%s:%d) %s%s", base ? base + 1 : file, line, check_state.group,
		       check_state.in_group ? ": " : "");
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		printf("\n");
		fflush(stdout);
	}
	return false;
}
#define CHECK(cond, ...) check_at((cond), __FILE__, __LINE__, __VA_ARGS__)

__attribute__((format(printf, 1, 2)))
static inline void check_group(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(check_state.group, sizeof(check_state.group), fmt, ap);
	va_end(ap);
	check_state.in_group = true;
	check_state.group_checks = check_state.group_failed = 0;
	check_state.group_start = clock();
}

static inline void check_group_end(const char *note)
{
	printf("%s %s: %u checks, %u failed%s%s (%.1fs)\n", check_state.group_failed ? "FAIL" : "ok  ",
	       check_state.group, check_state.group_checks, check_state.group_failed,
	       note ? "; " : "", note ? note : "",
	       (double)(clock() - check_state.group_start) / CLOCKS_PER_SEC);
	fflush(stdout);
	check_state.in_group = false;
	check_state.group[0] = '\0';
	check_state.group_checks = check_state.group_failed = 0;
}

static inline unsigned check_quiet_begin(void)
{
	check_state.quiet = true;
	return check_state.failed;
}

static inline bool check_quiet_end(unsigned mark)
{
	check_state.quiet = false;
	if (check_state.failed != mark)
		return false;
	check_state.passed++;
	check_state.group_checks++;
	return true;
}

static inline unsigned check_failures(void)
{
	return check_state.failed;
}

static inline int check_finish(void)
{
	printf("%u passed, %u failed\n", check_state.passed, check_state.failed);
	return check_state.failed ? 1 : 0;
}
#endif
