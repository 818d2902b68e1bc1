# Shared by toolchain/<arch>.cmake: one host compiler (clang + lld) for every
# target, freestanding, no libc, no system headers.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_C_COMPILER clang)
set(CMAKE_ASM_COMPILER clang)
set(CMAKE_C_COMPILER_TARGET ${RINGEL_TRIPLE})
set(CMAKE_ASM_COMPILER_TARGET ${RINGEL_TRIPLE})
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_C_STANDARD 11)
set(CMAKE_C_EXTENSIONS ON)
find_program(RINGEL_NM NAMES llvm-nm llvm-nm-14 REQUIRED)
find_program(RINGEL_OBJCOPY NAMES llvm-objcopy llvm-objcopy-14 REQUIRED)
find_package(Python3 REQUIRED COMPONENTS Interpreter)
list(PREPEND RINGEL_KERNEL_CFLAGS
  -ffreestanding -nostdlibinc -fno-builtin -fstack-protector-strong -fno-pic -fno-pie
  -fno-common -fno-strict-aliasing -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer
  -fno-asynchronous-unwind-tables -fno-unwind-tables
  -g -O2 -Wall -Wextra -Werror -Wno-unused-parameter)
