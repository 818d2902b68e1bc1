/* Host builds of the commands (host.cmake) put this folder first on the
 * include path, so their <regex.h> is Ringel's, under the rl_ names the
 * libc's host build gives it (userland/libc/tests/rename.h): the compare
 * harness then tests the libc's matcher too, not the host's. */
#define regcomp rl_regcomp
#define regexec rl_regexec
#define regerror rl_regerror
#define regfree rl_regfree
#include "../../libc/include/regex.h"
