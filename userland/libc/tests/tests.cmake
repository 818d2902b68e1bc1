# Ringel libc tests.
#  * Host mode (ctest -L host): the portable parts of the libc --
#    formatting, strings, ctype, number parsing, qsort, malloc, time
#    conversion -- compiled for the host under ASan/UBSan with every symbol
#    renamed rl_* (rename.h, force-included), and compared against glibc on
#    generated inputs; and libc_check (the system-facing parts, built by the
#    arch builds) run on Linux, natively or under qemu-aarch64.
#  * Kernel mode: builds libc_check with the libc, like any user program.
# Each test prints "N passed, N failed".
set(LT ${CMAKE_CURRENT_LIST_DIR})
if(NOT RINGEL_HOST)
  ringel_user_program(libc_check SOURCES ${LT}/libc_check.c)
  return()
endif()
set(LS ${LT}/../src)
set(rl_sources
  ${LS}/errno.c ${LS}/ctype/ctype.c
  ${LS}/string/mem.c ${LS}/string/str.c ${LS}/string/search.c ${LS}/string/strtok.c
  ${LS}/string/strdup.c ${LS}/string/strcase.c ${LS}/string/strerror.c
  ${LS}/string/strsignal.c
  ${LS}/stdlib/strtol.c ${LS}/stdlib/strtod.c ${LS}/stdlib/qsort.c ${LS}/stdlib/malloc.c
  ${LS}/stdlib/misc.c
  ${LS}/stdio/format.c ${LS}/stdio/fmt_float.c ${LS}/stdio/snprintf.c ${LS}/stdio/sscanf.c
  ${LS}/time/gmtime.c ${LS}/time/strftime.c ${LS}/misc/libgen.c
  ${LS}/regex/regcomp.c ${LS}/regex/regexec.c ${LS}/regex/regerror.c ${LS}/pattern/fnmatch.c ${LS}/pattern/glob.c
  ${LS}/math/bits.c ${LS}/math/sqrt.c ${LS}/math/exp_log.c ${LS}/math/trig.c)
set(rl_sanitize -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)

# The libc itself, as a freestanding build with its own headers only.
add_library(rl-libc STATIC ${rl_sources})
target_compile_options(rl-libc PRIVATE -ffreestanding -nostdinc -fno-builtin
  -include ${LT}/rename.h -g -O1 -std=gnu11 -Wall -Wextra -Werror
  -Wno-unused-parameter -Wno-missing-field-initializers ${rl_sanitize})
ringel_uapi_includes(rl_uapi_dirs ${CMAKE_HOST_SYSTEM_PROCESSOR})
target_include_directories(rl-libc SYSTEM PRIVATE ${LT}/../include
  ${LT}/../arch/${CMAKE_HOST_SYSTEM_PROCESSOR}/include ${rl_uapi_dirs})

# The drivers, with the host's libc.  The malloc test's memory hooks
# (__malloc_morecore...) are its own, over a private arena.
foreach(t format_diff string_diff malloc_test regex_diff fnmatch_diff math_diff strtod_diff scanf_diff glob_diff)
  if(t STREQUAL "malloc_test")
    add_executable(libc_${t} ${LT}/${t}.c)
  else()
    add_executable(libc_${t} ${LT}/${t}.c ${LT}/host_hooks.c)
  endif()
  target_compile_options(libc_${t} PRIVATE -g -O1 -Wall -Wextra -Werror
    ${rl_sanitize})
  target_link_options(libc_${t} PRIVATE -fsanitize=address,undefined)
  target_link_libraries(libc_${t} PRIVATE rl-libc m)
  target_include_directories(libc_${t} PRIVATE ${rl_uapi_dirs})   # the errno and signal lists
  add_test(NAME host.libc_${t} COMMAND libc_${t})
  set_tests_properties(host.libc_${t} PROPERTIES LABELS host TIMEOUT 300)
endforeach()

# Every global symbol of the host build must carry the prefix, or a test
# could be quietly calling glibc's function instead of ours.
find_program(RL_NM NAMES llvm-nm nm)
add_test(NAME host.libc_symbols COMMAND ${CMAKE_COMMAND} -DNM=${RL_NM}
  -DLIB=$<TARGET_FILE:rl-libc> -P ${LT}/check_symbols.cmake)
set_tests_properties(host.libc_symbols PROPERTIES LABELS host)

# libc_check from each arch build, on Linux.
find_program(RL_QEMU_AARCH64 qemu-aarch64)
foreach(arch ${RINGEL_ARCHES})
  set(prog ${CMAKE_BINARY_DIR}/${arch}/userland/bin/libc_check)
  if(arch STREQUAL CMAKE_HOST_SYSTEM_PROCESSOR)
    add_test(NAME host.libc_check-linux-${arch} COMMAND ${prog})
  elseif(arch STREQUAL "aarch64" AND RL_QEMU_AARCH64)
    add_test(NAME host.libc_check-linux-${arch} COMMAND ${RL_QEMU_AARCH64} ${prog})
  else()
    continue()
  endif()
  set_tests_properties(host.libc_check-linux-${arch} PROPERTIES LABELS host TIMEOUT 120)
endforeach()
