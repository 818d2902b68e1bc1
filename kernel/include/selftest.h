/* In-kernel self-tests selected by "selftest" on the kernel command line. */
#ifndef RINGEL_SELFTEST_H
#define RINGEL_SELFTEST_H
#include <stdbool.h>
bool selftest_run(void);
#endif
