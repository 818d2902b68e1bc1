/* pie_hello: a static-PIE program (ET_DYN, no PT_INTERP).  Its pointer table
 * is only right once the start-up code has applied its own relocations. */
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>

static const char *const words[] = { "static", "-pie", " ok" };
static int (*const fn)(const char *, ...) = printf;
int main(void);

int main(void)
{
	char buf[32] = "";
	for (unsigned i = 0; i < 3; i++)
		strcat(buf, words[i]);
	if (strcmp(buf, "static-pie ok"))
		return 1;
	if (getauxval(AT_ENTRY) < 0x1000)
		return 2;
	fn("%s at %p\n", buf, (void *)main);
	return 0;
}
