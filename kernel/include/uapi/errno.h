/* Linux error numbers: the #defines of <uapi/errno_list.h>, plus the names
 * that are aliases of another. */
#ifndef UAPI_ERRNO_H
#define UAPI_ERRNO_H

/* (push/pop: a program may have its own ERRNO macro) */
#pragma push_macro("ERRNO")
#undef ERRNO
#define ERRNO(name, message)
#include <uapi/errno_list.h>
#undef ERRNO
#pragma pop_macro("ERRNO")

#define EWOULDBLOCK EAGAIN
#define EDEADLOCK EDEADLK
#define ENOTSUP EOPNOTSUPP
#endif
