/* sysinfo's struct, as Linux lays it out on 64-bit machines (112 bytes). */
#ifndef UAPI_SYSINFO_H
#define UAPI_SYSINFO_H
#include <uapi/types.h>
struct __UAPI_STRUCT(sysinfo) {
	int64_t uptime;           /* seconds since boot */
	uint64_t loads[3];        /* 1, 5 and 15 minute load averages, << 16 */
	uint64_t totalram;        /* the sizes are in units of mem_unit bytes */
	uint64_t freeram;
	uint64_t sharedram;
	uint64_t bufferram;
	uint64_t totalswap;
	uint64_t freeswap;
	uint16_t procs;           /* processes */
	uint16_t pad;
	uint32_t __pad2;
	uint64_t totalhigh;
	uint64_t freehigh;
	uint32_t mem_unit;
	char __reserved[4];
};
_Static_assert(sizeof(struct __UAPI_STRUCT(sysinfo)) == 112, "struct sysinfo is 112 bytes");
#endif
