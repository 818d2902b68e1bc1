/* Ringel libc: <stdio.h>.  Buffered streams over file descriptors; the FILE
 * structure is private (src/stdio/stdio_impl.h). */
#ifndef _STDIO_H
#define _STDIO_H
#include <stddef.h>
#include <stdarg.h>
#include <sys/types.h>

#define EOF (-1)
#define BUFSIZ 4096
#define FILENAME_MAX 4096
#define FOPEN_MAX 1000
#define L_tmpnam 20
#define _IOFBF 0
#define _IOLBF 1
#define _IONBF 2
#include <uapi/unistd.h>    /* SEEK_ */

typedef struct _FILE FILE;
typedef long fpos_t;

extern FILE *const stdin;
extern FILE *const stdout;
extern FILE *const stderr;
#define stdin stdin
#define stdout stdout
#define stderr stderr

FILE *fopen(const char *restrict path, const char *restrict mode);
FILE *fdopen(int fd, const char *mode);
/* A command line run by /bin/sh, its output ("r") or input ("w") the stream. */
FILE *popen(const char *cmd, const char *mode);
int pclose(FILE *f);     /* the command's wait status */
FILE *freopen(const char *restrict path, const char *restrict mode, FILE *restrict f);
int fclose(FILE *f);
int fflush(FILE *f);
int setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size);
void setbuf(FILE *restrict f, char *restrict buf);
void setlinebuf(FILE *f);

size_t fread(void *restrict p, size_t size, size_t n, FILE *restrict f);
size_t fwrite(const void *restrict p, size_t size, size_t n, FILE *restrict f);
int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
int ungetc(int c, FILE *f);
char *fgets(char *restrict s, int n, FILE *restrict f);
ssize_t getline(char **restrict line, size_t *restrict cap, FILE *restrict f);
ssize_t getdelim(char **restrict line, size_t *restrict cap, int delim, FILE *restrict f);
int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
int fputs(const char *restrict s, FILE *restrict f);
int puts(const char *s);

int feof(FILE *f);
int ferror(FILE *f);
void clearerr(FILE *f);
int fileno(FILE *f);
int fseek(FILE *f, long off, int whence);
int fseeko(FILE *f, off_t off, int whence);
long ftell(FILE *f);
off_t ftello(FILE *f);
void rewind(FILE *f);
int fgetpos(FILE *restrict f, fpos_t *restrict pos);
int fsetpos(FILE *f, const fpos_t *pos);

#define __PF(a, b) __attribute__((__format__(__printf__, a, b)))
int printf(const char *restrict fmt, ...) __PF(1, 2);
int fprintf(FILE *restrict f, const char *restrict fmt, ...) __PF(2, 3);
int sprintf(char *restrict buf, const char *restrict fmt, ...) __PF(2, 3);
int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...) __PF(3, 4);
int dprintf(int fd, const char *restrict fmt, ...) __PF(2, 3);
int asprintf(char **restrict out, const char *restrict fmt, ...) __PF(2, 3);
int vprintf(const char *restrict fmt, va_list ap) __PF(1, 0);
int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap) __PF(2, 0);
int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap) __PF(2, 0);
int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap) __PF(3, 0);
int vdprintf(int fd, const char *restrict fmt, va_list ap) __PF(2, 0);
int vasprintf(char **restrict out, const char *restrict fmt, va_list ap) __PF(2, 0);
#undef __PF

int sscanf(const char *restrict s, const char *restrict fmt, ...);
int vsscanf(const char *restrict s, const char *restrict fmt, va_list ap);
int fscanf(FILE *restrict f, const char *restrict fmt, ...);
int scanf(const char *restrict fmt, ...);
int vfscanf(FILE *restrict f, const char *restrict fmt, va_list ap);
int vscanf(const char *restrict fmt, va_list ap);

void perror(const char *s);
int remove(const char *path);
int rename(const char *from, const char *to);
#endif
