/* printk: format a message into the kernel log and every console.
 * The log is a ring buffer kept from the first instruction on; when the first
 * console registers, everything logged so far is written to it. */
#include <kernel.h>
#include <console.h>
#include <string.h>
#include <arch.h>

#define LOG_SIZE (64 * 1024)
static char log_buf[LOG_SIZE];
static size_t log_head;      /* total bytes ever logged */
static struct console *consoles;

static void log_append(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		log_buf[(log_head + i) % LOG_SIZE] = s[i];
	log_head += n;
}

uint64_t klog_end(void)
{
	return log_head;
}

uint64_t klog_first(void)
{
	return log_head > LOG_SIZE ? log_head - LOG_SIZE : 0;
}

size_t klog_size(void)
{
	return LOG_SIZE;
}

void klog_copy(uint64_t pos, char *dst, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = log_buf[(pos + i) % LOG_SIZE];
}

void console_write(const char *s, size_t n)
{
	for (struct console *c = consoles; c; c = c->next)
		c->write(c, s, n);
}

void console_flush(void)
{
	for (struct console *c = consoles; c; c = c->next)
		if (c->flush)
			c->flush(c);
}

int console_ready(void)
{
	return consoles != NULL;
}

void console_register(struct console *c)
{
	c->next = NULL;
	/* Replay what was logged before this console existed. */
	size_t start = log_head > LOG_SIZE ? log_head - LOG_SIZE : 0;
	for (size_t i = start; i < log_head; ) {
		size_t off = i % LOG_SIZE;
		size_t n = MIN(log_head - i, LOG_SIZE - off);
		c->write(c, log_buf + off, n);
		i += n;
	}
	struct console **pp = &consoles;
	while (*pp)
		pp = &(*pp)->next;
	*pp = c;
}

int vprintk(const char *fmt, va_list ap)
{
	char buf[512];
	int n = vsnprintf(buf, sizeof buf, fmt, ap);
	size_t len = MIN((size_t)n, sizeof buf - 1);
	log_append(buf, len);
	if (consoles) {
		console_write(buf, len);
	} else {
		for (size_t i = 0; i < len; i++)
			arch_last_resort_putc(buf[i]);
	}
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}
