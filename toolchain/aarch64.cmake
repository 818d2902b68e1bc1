# AArch64 kernel: general registers only (no FP/SIMD state in the kernel),
# small code model (adrp reaches +-4 GiB, enough for an image in the top 2 GiB).
set(RINGEL_ARCH aarch64)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(RINGEL_TRIPLE aarch64-unknown-none-elf)
set(RINGEL_KERNEL_CFLAGS -mgeneral-regs-only -mcmodel=small -mstrict-align)
set(RINGEL_KERNEL_LDFLAGS)
set(RINGEL_DRIVERS serial irqchip pci virtio rtc mmc)
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)
