/* The physical page allocator: every page of usable RAM except the kernel
 * image, the boot record/DTB/initrd and firmware reservations. */
#ifndef RINGEL_PMM_H
#define RINGEL_PMM_H
#include <stdint.h>
#include <stddef.h>
#include <bootinfo.h>

/* Build the allocator from bi (mem[] minus reserved[]) and the kernel image
 * range [kimg_base, kimg_base + kimg_size).  Page 0 is never handed out, so 0
 * can mean "no page".  Returns 0, or -1 when no usable RAM is left. */
int pmm_init(const struct boot_info *bi, uint64_t kimg_base, uint64_t kimg_size);
uint64_t pmm_alloc_page(void);                 /* 0 when out of memory */
uint64_t pmm_alloc_pages(size_t n);            /* n contiguous pages, 0 if none */
void pmm_free_page(uint64_t pa);
void pmm_free_pages(uint64_t pa, size_t n);
size_t pmm_free_count(void);
size_t pmm_total_count(void);                  /* pages managed (free + in use) */
/* Pages shared copy-on-write count their users: a page starts with one,
 * and unref frees it when the last goes. */
void pmm_page_ref(uint64_t pa);
void pmm_page_unref(uint64_t pa);
unsigned pmm_page_refs(uint64_t pa);
/* true if pa is a page the allocator manages and has handed out */
int pmm_page_in_use(uint64_t pa);

#endif
