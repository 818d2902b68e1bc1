/* fixture: a per-arch value, once per arch */
#define O_PER_ARCH 0200000
