/* A tiny freestanding program: the ELF fixture for kernel/proc/elf_test.c. */
static int counter = 3;
static const char message[] = "fixture";
int data_array[1024] = { 1 };
char bss_array[8192];

void _start(void)
{
	counter += message[0] + data_array[0] + bss_array[5];
	for (;;)
		;
}
