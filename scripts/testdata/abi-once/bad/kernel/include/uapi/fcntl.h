/* fixture: the one definition */
#ifndef UAPI_FCNTL_H
#define UAPI_FCNTL_H
#include <uapi/arch/fcntl.h>
#define O_SAMPLE 0100
#define O_ALIAS O_SAMPLE
#endif
