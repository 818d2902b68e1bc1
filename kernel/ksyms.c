/* Address -> function name, by binary search in the generated table. */
#include <ksyms.h>
#include <kernel.h>

extern const uint64_t ksyms_count;
extern const uint64_t ksyms_addr[];
extern const uint32_t ksyms_name_off[];
extern const char ksyms_names[];

const char *ksym_lookup(uintptr_t addr, uintptr_t *offset)
{
	if (addr < (uintptr_t)_text_start || addr >= (uintptr_t)_text_end || ksyms_count == 0)
		return NULL;
	/* last entry with ksyms_addr[i] <= addr */
	uint64_t lo = 0, hi = ksyms_count;
	while (hi - lo > 1) {
		uint64_t mid = lo + (hi - lo) / 2;
		if (ksyms_addr[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (ksyms_addr[lo] > addr)
		return NULL;
	*offset = addr - ksyms_addr[lo];
	return ksyms_names + ksyms_name_off[lo];
}
