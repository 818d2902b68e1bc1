/* Signal names and numbers (Linux's, the same on x86-64 and AArch64). */
#ifndef BIN_SIGNAMES_H
#define BIN_SIGNAMES_H
/* "TERM" or "SIGTERM" (any case) or "15" -> 15; -1 if unknown. */
int signal_number(const char *name);
/* 15 -> "TERM"; NULL if unnamed. */
const char *signal_abbrev(int sig);
#define SIGNAL_MAX 31
#endif
