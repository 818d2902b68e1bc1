/* Ringel libc host tests: the libc's functions under their rl_ names (see
 * rename.h), declared with the host's types, which are the same ABI. */
#ifndef RL_H
#define RL_H
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

int rl_snprintf(char *buf, size_t size, const char *fmt, ...);
int rl_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int rl_sprintf(char *buf, const char *fmt, ...);
int rl_asprintf(char **out, const char *fmt, ...);
int rl_sscanf(const char *s, const char *fmt, ...);
int *rl___errno_location(void);

void *rl_memcpy(void *d, const void *s, size_t n);
void *rl_memmove(void *d, const void *s, size_t n);
void *rl_memset(void *d, int c, size_t n);
int rl_memcmp(const void *a, const void *b, size_t n);
void *rl_memchr(const void *s, int c, size_t n);
void *rl_memrchr(const void *s, int c, size_t n);
void *rl_memmem(const void *h, size_t hn, const void *n, size_t nn);
void *rl_mempcpy(void *d, const void *s, size_t n);
void *rl_memccpy(void *d, const void *s, int c, size_t n);
size_t rl_strlen(const char *s);
size_t rl_strnlen(const char *s, size_t n);
int rl_strcmp(const char *a, const char *b);
int rl_strncmp(const char *a, const char *b, size_t n);
char *rl_strcpy(char *d, const char *s);
char *rl_stpcpy(char *d, const char *s);
char *rl_strncpy(char *d, const char *s, size_t n);
char *rl_stpncpy(char *d, const char *s, size_t n);
char *rl_strcat(char *d, const char *s);
char *rl_strncat(char *d, const char *s, size_t n);
char *rl_strchr(const char *s, int c);
char *rl_strchrnul(const char *s, int c);
char *rl_strrchr(const char *s, int c);
size_t rl_strspn(const char *s, const char *a);
size_t rl_strcspn(const char *s, const char *r);
char *rl_strpbrk(const char *s, const char *a);
char *rl_strstr(const char *h, const char *n);
char *rl_strcasestr(const char *h, const char *n);
char *rl_strtok(char *s, const char *d);
char *rl_strtok_r(char *s, const char *d, char **save);
char *rl_strsep(char **sp, const char *d);
char *rl_strdup(const char *s);
char *rl_strndup(const char *s, size_t n);
int rl_strcasecmp(const char *a, const char *b);
int rl_strncasecmp(const char *a, const char *b, size_t n);
char *rl_strerror(int e);
char *rl_strsignal(int s);
const char *rl_sigabbrev_np(int s);
const char *rl_sigdescr_np(int s);
const char *rl_strerrorname_np(int e);
const char *rl_strerrordesc_np(int e);
size_t rl_strlcpy(char *d, const char *s, size_t n);
size_t rl_strlcat(char *d, const char *s, size_t n);
char *rl_basename(char *p);
char *rl_dirname(char *p);

int rl_isalnum(int c), rl_isalpha(int c), rl_isblank(int c), rl_iscntrl(int c);
int rl_isdigit(int c), rl_isgraph(int c), rl_islower(int c), rl_isprint(int c);
int rl_ispunct(int c), rl_isspace(int c), rl_isupper(int c), rl_isxdigit(int c);
int rl_tolower(int c), rl_toupper(int c);

long rl_strtol(const char *s, char **end, int base);
unsigned long rl_strtoul(const char *s, char **end, int base);
long long rl_strtoll(const char *s, char **end, int base);
unsigned long long rl_strtoull(const char *s, char **end, int base);
double rl_strtod(const char *s, char **end);
int rl_atoi(const char *s);
long rl_atol(const char *s);

void rl_qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
void *rl_bsearch(const void *key, const void *base, size_t n, size_t size,
		 int (*cmp)(const void *, const void *));

void *rl_malloc(size_t n);
void *rl_calloc(size_t n, size_t size);
void *rl_realloc(void *p, size_t n);
void rl_free(void *p);
int rl_posix_memalign(void **out, size_t align, size_t n);
size_t rl_malloc_usable_size(void *p);

struct tm *rl_gmtime_r(const time_t *t, struct tm *tm);
time_t rl_timegm(struct tm *tm);
time_t rl_mktime(struct tm *tm);
size_t rl_strftime(char *s, size_t n, const char *fmt, const struct tm *tm);
char *rl_asctime_r(const struct tm *tm, char *buf);

/* Test bookkeeping shared by the drivers. */
extern int rl_passed, rl_failed;
#define RL_CHECK(cond, ...) do {                                               \
	if (cond) {                                                            \
		rl_passed++;                                                   \
	} else {                                                               \
		if (rl_failed++ < 30) {                                        \
			printf("FAIL %s:%d: ", __FILE__, __LINE__);            \
			printf(__VA_ARGS__);                                   \
			printf("\n");                                          \
		}                                                              \
	}                                                                      \
} while (0)

/* A small deterministic generator (xorshift64*). */
static inline uint64_t rl_rand64(void)
{
	extern uint64_t rl_seed;
	rl_seed ^= rl_seed >> 12;
	rl_seed ^= rl_seed << 25;
	rl_seed ^= rl_seed >> 27;
	return rl_seed * 2685821657736338717ull;
}
static inline unsigned rl_below(unsigned n) { return n ? (unsigned)(rl_rand64() % n) : 0; }
#endif
