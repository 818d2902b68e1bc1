/* The x86-64 hello world of the project's seed question 002 (kept outside
 * this repository, in shared/seeds/), below exactly as the seed gives it:
 * raw write(1, ...) and exit(0) with `syscall`.
 * Issue 3 requires it to assemble and run unmodified (fixed address: the
 * `mov $hello_world, %rsi` is a 32-bit absolute, linked at 0x400000). */
.data
hello_world:
    .ascii "hello world\n"
    hello_world_len = . - hello_world
.text
.global _start
_start:
    /* write */
    mov $1, %rax
    mov $1, %rdi
    mov $hello_world, %rsi
    mov $hello_world_len, %rdx
    syscall

    /* exit */
    mov $60, %rax
    mov $0, %rdi
    syscall
