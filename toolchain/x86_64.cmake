# x86-64 kernel: no red zone (interrupts push onto the kernel stack), kernel
# code model (image linked in the top 2 GiB), no SSE/x87 so the kernel never
# touches the FPU state of user programs.  The stack protector reads one global
# canary (kernel/stackprot.c), not the user-controlled %fs:0x28.
set(RINGEL_ARCH x86_64)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(RINGEL_TRIPLE x86_64-unknown-none-elf)
set(RINGEL_KERNEL_CFLAGS -mno-red-zone -mcmodel=kernel -mstack-protector-guard=global -mno-mmx -mno-sse -mno-sse2
    -mno-80387 -msoft-float)
set(RINGEL_KERNEL_LDFLAGS)
set(RINGEL_DRIVERS serial pci virtio rtc)
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)
