/* getrandom flags. */
#ifndef UAPI_RANDOM_H
#define UAPI_RANDOM_H
#define GRND_NONBLOCK 1
#define GRND_RANDOM 2
#endif
