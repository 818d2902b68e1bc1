/* execve: replace the calling process's program (an ELF file, or a script
 * starting with "#!interpreter [argument]").
 *
 * Everything that can fail is done before the point of no return: the new
 * address space is built completely (segments mapped from the file, stack
 * with argc/argv/envp/auxv) while the old one stays intact, so a bad ELF or
 * a bad pointer leaves the caller running with an error.  The program's
 * pages come from the file when first touched (mm/vmfile.c): an exec costs
 * what the program uses, not the size of its file. */
#include <proc.h>
#include <vm.h>
#include <vfs.h>
#include <elf.h>
#include <mm.h>
#include <pmm.h>
#include <uaccess.h>
#include <random.h>
#include <syscalls_gen.h>
#include <kernel.h>
#include <string.h>

#define ARG_MAX_BYTES ARG_MAX
#define ARG_MAX_COUNT 4096
#define SHEBANG_MAX 256      /* the "#!" line must end within this many bytes, as on Linux */
#define SHEBANG_DEPTH 4      /* an interpreter may itself be a script, this many times */

/* argv and envp copied into the kernel: count strings, packed. */
struct exec_args {
	char *buf;
	size_t used;
	int argc, envc;
};

static int args_add(struct exec_args *a, const char *s, size_t len)
{
	if (a->used + len + 1 > ARG_MAX_BYTES)
		return -E2BIG;
	memcpy(a->buf + a->used, s, len);
	a->buf[a->used + len] = '\0';
	a->used += len + 1;
	return 0;
}

/* Copy a NULL-terminated user array of strings. */
static int args_from_user(struct exec_args *a, uintptr_t uarr, int *count)
{
	*count = 0;
	if (!uarr)
		return 0;
	for (size_t i = 0;; i++) {
		uintptr_t p;
		if (i >= ARG_MAX_COUNT)
			return -E2BIG;
		if (get_user_ptr(uarr, i, &p) < 0)
			return -EFAULT;
		if (!p)
			return 0;
		size_t room = ARG_MAX_BYTES - a->used;
		long n = strncpy_from_user(a->buf + a->used, p, room);
		if (n == -ENAMETOOLONG)
			return -E2BIG;
		if (n < 0)
			return (int)n;
		a->used += (size_t)n + 1;
		(*count)++;
	}
}

static uint64_t sigpage_pa;

/* The signal-return trampoline page, shared read-only by every process. */
static uint64_t sigpage(void)
{
	if (!sigpage_pa) {
		size_t len;
		const void *code = arch_sigreturn_code(&len);
		sigpage_pa = pmm_alloc_page();
		if (!sigpage_pa)
			return 0;
		memset(phys_to_virt(sigpage_pa), 0, PAGE_SIZE);
		memcpy(phys_to_virt(sigpage_pa), code, len);
	}
	return sigpage_pa;
}

static const char *region_name(uint32_t flags)
{
	return flags & PF_X ? "text" : flags & PF_W ? "data" : "rodata";
}

static unsigned vm_prot(uint32_t pf)
{
	return (pf & PF_R ? VM_READ : 0) | (pf & PF_W ? VM_WRITE : 0) | (pf & PF_X ? VM_EXEC : 0);
}

/* Copy bytes [va, va + n) of segment l from the file (n may be 0). */
static int copy_from_file(struct vmspace *vm, struct file *f, const struct elf_load *l,
			  uintptr_t va, size_t n, char *tmp)
{
	for (size_t done = 0; done < n; ) {
		if (done)
			cond_resched();   /* reading the file may sleep anyway */
		size_t k = MIN(n - done, PAGE_SIZE);
		long got = file_read_at(f, tmp, k, l->offset + (va - l->vaddr) + done);
		if (got != (long)k)
			return got < 0 ? (int)got : -EIO;
		int err = vm_write(vm, va + done, tmp, k);
		if (err)
			return err;
		done += k;
	}
	return 0;
}

/* Map one PT_LOAD.  Its file bytes become a private file mapping, read
 * at the first touch (and copied at the first write), as Linux does; the
 * rest (bss) is anonymous zero memory, and the part of the last file page
 * past p_filesz is zeroed when there is a bss.  A first page shared with
 * the previous segment keeps the union of both permissions and gets this
 * segment's bytes copied in; so does a segment whose file offset and
 * address disagree within a page (it cannot be mapped: all of it is
 * copied). */
static int load_segment(struct vmspace *vm, struct file *f, const struct elf_load *l, char *tmp)
{
	uintptr_t start = ALIGN_DOWN(l->vaddr, PAGE_SIZE);
	uintptr_t end = ALIGN_UP(l->vaddr + l->memsz, PAGE_SIZE);
	uintptr_t file_end = l->vaddr + l->filesz;
	struct vm_region *prev = vm_find(vm, start);
	if (prev) {
		int err = vm_protect(vm, start, PAGE_SIZE, prev->prot | vm_prot(l->flags));
		if (err)
			return err;
		start += PAGE_SIZE;
	}
	bool mappable = l->filesz && (l->vaddr % PAGE_SIZE) == (l->offset % PAGE_SIZE);
	uintptr_t mid = mappable ? MAX(start, ALIGN_UP(file_end, PAGE_SIZE)) : start;
	if (mid > start) {
		uint64_t pgoff = (l->offset + (start - l->vaddr)) / PAGE_SIZE;
		int err = vm_map_file(vm, start, mid - start, vm_prot(l->flags), VMR_DENYWRITE, f->v,
				      pgoff, region_name(l->flags));
		if (err)
			return err == -EEXIST ? -ENOEXEC : err;
	}
	if (end > mid) {
		int err = vm_map(vm, mid, end - mid, vm_prot(l->flags), 0, region_name(l->flags));
		if (err)
			return err == -EEXIST ? -ENOEXEC : err;
	}
	/* what the mapping does not show: the bytes in a shared first page,
	 * or everything when nothing could be mapped */
	uintptr_t copy_end = mid > start ? MIN(file_end, start) : file_end;
	int err = copy_end > l->vaddr ? copy_from_file(vm, f, l, l->vaddr, copy_end - l->vaddr, tmp) : 0;
	if (!err && mid > start && l->memsz > l->filesz && file_end < mid)
		err = vm_write(vm, file_end, NULL, mid - file_end);
	/* bss inside a first page shared with the previous segment (whose
	 * mapping may show more of the file there) */
	uintptr_t mem_end = l->vaddr + l->memsz;
	if (!err && prev && mem_end > file_end && file_end < start)
		err = vm_write(vm, file_end, NULL, MIN(mem_end, start) - file_end);
	return err;
}

/* Push bytes onto the new stack (growing down), return their address. */
static int push(struct vmspace *vm, uintptr_t *sp, const void *data, size_t len, uintptr_t *at)
{
	*sp -= len;
	if (at)
		*at = *sp;
	return vm_write(vm, *sp, data, len);
}

static int build_stack(struct vmspace *vm, const struct exec_args *a, const struct elf_info *ei,
		       const char *path, uintptr_t *sp_out)
{
	uintptr_t sp = USER_STACK_TOP;
	uintptr_t strs, execfn, platform, rnd;
	int err;
	/* strings: argv then envp, packed as in the kernel buffer */
	if ((err = push(vm, &sp, a->buf, a->used, &strs)) ||
	    (err = push(vm, &sp, path, strlen(path) + 1, &execfn)) ||
	    (err = push(vm, &sp, arch_uname_machine(), strlen(arch_uname_machine()) + 1, &platform)))
		return err;
	uint8_t random_bytes[16];
	random_fill(random_bytes, sizeof random_bytes);
	sp = ALIGN_DOWN(sp, 16);
	if ((err = push(vm, &sp, random_bytes, 16, &rnd)))
		return err;

	uint64_t auxv[][2] = {
		{ AT_PHDR, ei->phdr_vaddr }, { AT_PHENT, 56 }, { AT_PHNUM, ei->phnum },
		{ AT_PAGESZ, PAGE_SIZE }, { AT_BASE, 0 }, { AT_FLAGS, 0 }, { AT_ENTRY, ei->entry },
		{ AT_UID, 0 }, { AT_EUID, 0 }, { AT_GID, 0 }, { AT_EGID, 0 },
		{ AT_HWCAP, arch_elf_hwcap() }, { AT_CLKTCK, HZ }, { AT_SECURE, 0 },
		{ AT_RANDOM, rnd }, { AT_EXECFN, execfn }, { AT_PLATFORM, platform }, { AT_NULL, 0 },
	};
	size_t nptr = 1 + (size_t)a->argc + 1 + (size_t)a->envc + 1;
	size_t total = nptr * 8 + sizeof auxv;
	sp = ALIGN_DOWN(sp - total, 16);   /* argc must sit 16-byte aligned */
	uintptr_t p = sp;
	uint64_t argc = (uint64_t)a->argc;
	if ((err = vm_write(vm, p, &argc, 8)))
		return err;
	p += 8;
	uintptr_t s = strs;
	for (int i = 0; i < a->argc + a->envc + 1; i++) {
		if (i == a->argc) {     /* argv's NULL, then envp */
			uint64_t zero = 0;
			if ((err = vm_write(vm, p, &zero, 8)))
				return err;
			p += 8;
		}
		if (i == a->argc + a->envc)
			break;
		uint64_t ptr = s;
		if ((err = vm_write(vm, p, &ptr, 8)))
			return err;
		p += 8;
		s += strlen(a->buf + (s - strs)) + 1;
	}
	uint64_t zero = 0;
	if ((err = vm_write(vm, p, &zero, 8)) || (err = vm_write(vm, p + 8, auxv, sizeof auxv)))
		return err;
	*sp_out = sp;
	return 0;
}

/* Build the complete new address space for the program in f. */
static int build_image(struct file *f, const char *path, const struct exec_args *a,
		       struct vmspace **vm_out, uintptr_t *entry, uintptr_t *sp)
{
	char *tmp = kmalloc(PAGE_SIZE);
	if (!tmp)
		return -ENOMEM;
	struct elf_info ei;
	uint64_t size = file_size(f);
	long got = file_read_at(f, tmp, MIN(size, PAGE_SIZE), 0);
	int err = got < 0 ? (int)got :
		  elf_parse(tmp, (size_t)got, size, arch_elf_machine(), USER_PIE_BASE, USER_BASE,
			    USER_MMAP_TOP, &ei);
	/* An image larger than the machine's memory can never run: oversized,
	 * so malformed here.  One that only exceeds what is free now: ENOMEM. */
	size_t pages = 0;
	for (unsigned i = 0; !err && i < ei.nloads; i++)
		pages += (ALIGN_UP(ei.loads[i].vaddr + ei.loads[i].memsz, PAGE_SIZE) -
			  ALIGN_DOWN(ei.loads[i].vaddr, PAGE_SIZE)) / PAGE_SIZE;
	if (!err && pages > pmm_total_count())
		err = -ENOEXEC;
	else if (!err && pages > vm_commit_available())
		err = -ENOMEM;
	struct vmspace *vm = err ? NULL : vm_create();
	if (!err && !vm)
		err = -ENOMEM;
	for (unsigned i = 0; !err && i < ei.nloads; i++)
		err = load_segment(vm, f, &ei.loads[i], tmp);
	kfree(tmp);
	if (!err) {
		vm->brk_base = vm->brk = ALIGN_UP(ei.hi, PAGE_SIZE);
		uint64_t sp_pa = sigpage();
		/* as long as RLIMIT_STACK allows (mm/vmspace.c checks it again
		 * at each new page) */
		uint64_t lim = rlimit_cur(RLIMIT_STACK);
		size_t stack = lim >= USER_STACK_MAX ? USER_STACK_MAX :
			       MAX(ALIGN_UP((size_t)lim, PAGE_SIZE), USER_STACK_MIN);
		err = vm_map(vm, USER_STACK_TOP - stack, stack, VM_READ | VM_WRITE, VMR_STACK, "stack");
		if (!err)
			err = vm_map(vm, USER_STACK_TOP - stack - PAGE_SIZE, PAGE_SIZE, 0, VMR_GUARD,
				     "guard");
		if (!err)
			err = sp_pa ? vm_map_page(vm, USER_SIGPAGE, sp_pa, VM_READ | VM_EXEC,
						  VMR_SIGPAGE, "sigpage") : -ENOMEM;
	}
	if (!err)
		err = build_stack(vm, a, &ei, path, sp);
	if (err) {
		if (vm)
			vm_destroy(vm);
		return err;
	}
	*vm_out = vm;
	*entry = ei.entry;
	return 0;
}

/* What exec gives up sharing: a descriptor table or handlers shared with
 * another process (CLONE_FILES, CLONE_SIGHAND without CLONE_THREAD) become
 * this process's own copies.  Out of memory keeps the sharing. */
static void unshare_for_exec(void)
{
	struct fdtable *ft = current->files;
	if (ft && ft->refs > 1) {
		struct fdtable *copy = fdtable_copy(ft);
		if (copy) {
			fdtable_put(ft);
			current->files = copy;
		}
	}
	struct sighand *sh = current->sighand;
	if (sh->refs > 1) {
		struct sighand *copy = sighand_new();
		if (copy) {
			memcpy(copy->act, sh->act, sizeof copy->act);
			sighand_put(sh);
			current->sighand = copy;
		}
	}
}

/* The point of no return: current becomes the new program, the only
 * thread of its process. */
static void commit_exec(struct vmspace *vm, const char *path, const struct exec_args *a,
			uintptr_t entry, uintptr_t sp)
{
	thread_group_reduce();
	unshare_for_exec();
	struct vmspace *old = current->vm;
	current->vm = vm;
	/* build_stack put the argv strings first, at the very top */
	size_t argv_bytes = 0;
	for (int i = 0; i < a->argc; i++)
		argv_bytes += strlen(a->buf + argv_bytes) + 1;
	current->arg_start = USER_STACK_TOP - a->used;
	current->arg_end = current->arg_start + argv_bytes;
	vm_activate(vm);
	if (old)
		vm_put(old);   /* a vfork parent keeps it */
	vfork_release(current);
	const char *base = strrchr(path, '/');
	strlcpy(current->name, base ? base + 1 : path, sizeof current->name);
	if (current->files)
		fdtable_close_on_exec(current->files);
	/* handlers point into the old program: back to the default (ignored
	 * signals stay ignored) */
	for (int sig = 1; sig < NSIG; sig++) {
		struct k_sigaction *ka = &current->sighand->act[sig];
		if (ka->handler != SIG_IGN) {
			memset(ka, 0, sizeof *ka);
		}
	}
	memset(&current->altstack, 0, sizeof current->altstack);
	current->clear_child_tid = 0;   /* it pointed into the old program */
	current->robust_list = 0;
	arch_thread_init(&current->th);
	arch_thread_switch(&current->th, &current->th, current->kstack + KSTACK_SIZE);
	arch_regs_init_user(current->uregs, entry, sp);
}

/* If f starts with "#!", split its first line in line[] into the
 * interpreter and its optional argument (the rest of the line, trimmed, one
 * word as on Linux).  1: a script; 0: not one; <0: a malformed "#!" line. */
static int shebang_parse(struct file *f, char *line, const char **interp, const char **arg)
{
	long got = file_read_at(f, line, SHEBANG_MAX, 0);
	if (got < 0)
		return (int)got;
	if (got < 2 || line[0] != '#' || line[1] != '!')
		return 0;
	char *end = line + 2;
	while (end < line + got && *end != '\n')
		end++;
	if (end == line + got)
		return -ENOEXEC;        /* no room for the whole line: not guessed at */
	*end = '\0';
	char *p = line + 2;
	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p)
		return -ENOEXEC;        /* "#!" and nothing to run */
	*interp = p;
	while (*p && *p != ' ' && *p != '\t')
		p++;
	*arg = NULL;
	if (*p) {
		*p++ = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		char *e = end;
		while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
			*--e = '\0';
		if (*p)
			*arg = p;
	}
	return 1;
}

/* The arguments a script's interpreter gets: itself, its "#!" argument if
 * any, the script's path, then the script's own argv[1..] and the
 * environment unchanged. */
static int shebang_args(const struct exec_args *a, const char *interp, const char *arg,
			const char *path, struct exec_args *out)
{
	out->buf = kmalloc(ARG_MAX_BYTES);
	out->used = 0;
	out->argc = out->envc = 0;
	if (!out->buf)
		return -ENOMEM;
	int err = args_add(out, interp, strlen(interp));
	if (!err && arg)
		err = args_add(out, arg, strlen(arg));
	if (!err)
		err = args_add(out, path, strlen(path));
	out->argc = arg ? 3 : 2;
	const char *s = a->buf;
	for (int i = 0; i < a->argc + a->envc && !err; i++, s += strlen(s) + 1) {
		if (i == 0)
			continue;       /* argv[0]: replaced by the script's path */
		err = args_add(out, s, strlen(s));
		if (i < a->argc)
			out->argc++;
		else
			out->envc++;
	}
	return err;
}

/* The absolute path of the program file (what /proc/PID/exe names and
 * /proc/PID/maps shows): its real name, links followed (a program run as
 * /proc/self/exe is the file that link names, as on Linux); file joined to
 * the current directory if that fails.  NULL when out of memory. */
static char *exe_path(const char *file)
{
	size_t flen = strlen(file);
	char *p = kmalloc(PATH_MAX + flen + 2);
	if (!p)
		return NULL;
	if (vfs_realpath(current && current->fs ? current->fs->cwd : NULL, file, p, PATH_MAX) > 0)
		return p;
	size_t n = 0;
	if (file[0] != '/') {
		long len = current && current->fs && current->fs->cwd ?
			   vfs_getcwd(current->fs->cwd, p, PATH_MAX) : -1;
		if (len <= 0) {
			p[0] = '/';     /* no current directory: the kernel's own exec of /init */
			len = 2;
		}
		n = (size_t)len - 1;                    /* vfs_getcwd counts the NUL */
		if (n > 1 || p[0] != '/')
			p[n++] = '/';
		else
			n = 1;
	}
	memcpy(p + n, file, flen + 1);
	return p;
}

/* Open, check, build and commit file, for the program the caller named
 * path (its name and AT_EXECFN).  A script runs its interpreter instead. */
static int exec_file(const char *file, const char *path, const struct exec_args *a, int depth)
{
	struct file *f = NULL;
	int err = vfs_open_kernel(file, O_RDONLY, &f);
	if (!err && !file_is_executable(f))
		err = -EACCES;
	char *line = err ? NULL : kmalloc(SHEBANG_MAX);
	if (!err && !line)
		err = -ENOMEM;
	const char *interp, *arg;
	int script = err ? 0 : shebang_parse(f, line, &interp, &arg);
	if (script < 0)
		err = script;
	if (!err && script) {
		file_put(f);
		f = NULL;
		struct exec_args b = { 0 };
		err = depth >= SHEBANG_DEPTH ? -ELOOP : shebang_args(a, interp, arg, file, &b);
		if (!err)
			err = exec_file(interp, path, &b, depth + 1);
		kfree(b.buf);
		kfree(line);
		return err;
	}
	kfree(line);
	char *exe = err ? NULL : exe_path(file);
	if (!err && !exe)
		err = -ENOMEM;
	struct vmspace *vm;
	uintptr_t entry, sp;
	if (!err)
		err = build_image(f, path, a, &vm, &entry, &sp);
	if (f)
		file_put(f);
	if (err) {
		kfree(exe);
		return err;
	}
	commit_exec(vm, path, a, entry, sp);
	kfree(current->exe);
	current->exe = exe;
	return 0;
}

/* The part shared by the kernel's own exec of /init and the system call. */
static int exec_common(const char *path, const struct exec_args *a)
{
	return exec_file(path, path, a, 0);
}

int exec_kernel(const char *path, const char *const *argv, const char *const *envp)
{
	struct exec_args a = { kmalloc(ARG_MAX_BYTES), 0, 0, 0 };
	if (!a.buf)
		return -ENOMEM;
	int err = 0;
	for (; argv && argv[a.argc] && !err; a.argc++)
		err = args_add(&a, argv[a.argc], strlen(argv[a.argc]));
	for (; envp && envp[a.envc] && !err; a.envc++)
		err = args_add(&a, envp[a.envc], strlen(envp[a.envc]));
	if (!err)
		err = exec_common(path, &a);
	kfree(a.buf);
	return err;
}

long sys_execve(uintptr_t upath, uintptr_t uargv, uintptr_t uenvp)
{
	char *path = kmalloc(PATH_MAX);
	struct exec_args a = { kmalloc(ARG_MAX_BYTES), 0, 0, 0 };
	long err = (!path || !a.buf) ? -ENOMEM : 0;
	if (!err) {
		long n = strncpy_from_user(path, upath, PATH_MAX);
		err = n < 0 ? n : n == 0 ? -ENOENT : 0;
	}
	if (!err)
		err = args_from_user(&a, uargv, &a.argc);
	if (!err)
		err = args_from_user(&a, uenvp, &a.envc);
	if (!err)
		err = exec_common(path, &a);
	kfree(path);
	kfree(a.buf);
	return err;
}
