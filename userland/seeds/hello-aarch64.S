/* The AArch64 hello world of the project's seed question 002 (kept outside
 * this repository, in shared/seeds/), below exactly as the seed gives it:
 * raw write(1, ...) and exit(0) with `svc 0`.
 * Issue 3 requires it to assemble and run unmodified.  It prints
 * "hello syscall v8". */
.text
.global _start
_start:
    /* write */
    mov x0, 1
    ldr x1, =msg
    ldr x2, =len
    mov x8, 64
    svc 0

    /* exit */
    mov x0, 0
    mov x8, 93
    svc 0
msg:
    .ascii "hello syscall v8\n"
len = . - msg

