/* Signal names and numbers (Linux's, the same on x86-64 and AArch64). */
#ifndef BIN_SIGNAMES_H
#define BIN_SIGNAMES_H
/* "TERM" or "SIGTERM" (any case) or "15" -> 15; -1 if unknown. */
int signal_number(const char *name);
/* 15 -> "TERM"; NULL if unnamed.  The named ones are 1 up to the first
 * NULL (the real-time signals have numbers only). */
const char *signal_abbrev(int sig);
#endif
