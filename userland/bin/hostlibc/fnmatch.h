/* Host builds of the commands: the libc's fnmatch under its rl_ name
 * (see regex.h beside this file). */
#define fnmatch rl_fnmatch
#include "../../libc/include/fnmatch.h"
