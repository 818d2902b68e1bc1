/* The command history: the lines typed at the prompt, oldest first, for
 * the "history" builtin and the line editor's up/down keys.  Kept in memory
 * only; the oldest lines go when it is full. */
#include "sh.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HISTORY_MAX 500

static char *lines[HISTORY_MAX];
static int count;
static int first_number = 1;     /* the number "history" shows for lines[0] */

void history_add(const char *line)
{
	size_t n = strlen(line);
	while (n && (line[n - 1] == '\n' || line[n - 1] == ' '))
		n--;
	if (n == 0)
		return;
	/* the same command twice in a row is kept once */
	if (count && strlen(lines[count - 1]) == n && !strncmp(lines[count - 1], line, n))
		return;
	if (count == HISTORY_MAX) {
		free(lines[0]);
		memmove(lines, lines + 1, (HISTORY_MAX - 1) * sizeof lines[0]);
		count--;
		first_number++;
	}
	lines[count++] = xstrndup(line, n);
}

int history_count(void)
{
	return count;
}

const char *history_get(int i)
{
	return i >= 0 && i < count ? lines[i] : NULL;
}

int builtin_history(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	struct str b = { 0 };
	for (int i = 0; i < count; i++) {
		char num[16];
		snprintf(num, sizeof num, "%5d  ", first_number + i);
		str_adds(&b, num);
		str_adds(&b, lines[i]);
		str_addc(&b, '\n');
	}
	if (b.s)
		out_str(1, b.s);
	free(b.s);
	return 0;
}
