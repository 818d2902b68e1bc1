/* The kernel's memory budget (mm/include/kmem.h).
 *
 * RAM is split in two promises.  Processes get the commit limit
 * (mm/vmspace.c): everything but kmem_reserve().  The kernel keeps the
 * reserve, and of it the pages it takes for processes (kernel heap,
 * kernel stacks, user page tables) may use kmem_budget(), three quarters;
 * the last quarter is for what is not counted (the block cache, a file's
 * cached pages, the zero page, device buffers).  User page tables, the
 * one kind a process can multiply cheaply (a byte read every 2 MiB costs
 * a page), may hold at most kmem_pt_budget(), three quarters of the
 * budget, so that a fork, a pipe or an open always find the rest; and one
 * address space at most kmem_pt_limit(), a quarter of the budget: a
 * process that touches sparse pages all over its address space is refused
 * long before the others notice, and it takes three such processes to
 * reach the ceiling.
 *
 * The numbers the suite sees with QEMU's -m 256M (about 58,200 pages
 * managed): reserve about 7270 pages (28 MiB), budget 5454 (21 MiB), of
 * it user page tables 4089 (16 MiB), page tables of one process 1363
 * (5.3 MiB, enough for 2.6 GiB of pages touched 2 MiB apart). */
#include <kmem.h>
#include <pmm.h>
#include <kernel.h>

static size_t charged, pt_charged;

size_t kmem_reserve(void)
{
	size_t total = pmm_total_count();
	return MIN(total, MAX(total / 8, (size_t)512));
}

size_t kmem_budget(void)
{
	return kmem_reserve() / 4 * 3;
}

size_t kmem_pt_budget(void)
{
	return kmem_budget() / 4 * 3;
}

size_t kmem_pt_limit(void)
{
	return kmem_budget() / 4;
}

size_t kmem_charged(void)
{
	return charged;
}

bool kmem_charge(size_t pages)
{
	if (pages > kmem_budget() || charged > kmem_budget() - pages)
		return false;
	charged += pages;
	return true;
}

void kmem_uncharge(size_t pages)
{
	if (pages > charged)
		panic("kmem: %zu pages given back, %zu were charged", pages, charged);
	charged -= pages;
}

bool kmem_charge_pt(size_t pages)
{
	if (pages > kmem_pt_budget() || pt_charged > kmem_pt_budget() - pages || !kmem_charge(pages))
		return false;
	pt_charged += pages;
	return true;
}

void kmem_uncharge_pt(size_t pages)
{
	if (pages > pt_charged)
		panic("kmem: %zu page-table pages given back, %zu were charged", pages, pt_charged);
	pt_charged -= pages;
	kmem_uncharge(pages);
}

size_t kmem_pt_charged(void)
{
	return pt_charged;
}
