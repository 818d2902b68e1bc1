# The everyday commands (userland/bin): one program per file, sharing
# common.c; per-architecture parts in arch/<arch>/.  Included from
# userland/CMakeLists.txt in kernel mode; sets BIN_COMMANDS for the
# initramfs.
set(B ${CMAKE_CURRENT_LIST_DIR})
add_library(bin-common STATIC ${B}/common.c ${B}/signames.c)
target_include_directories(bin-common SYSTEM PRIVATE ${RINGEL_USER_INCLUDES})
target_compile_options(bin-common PRIVATE ${RINGEL_USER_CFLAGS} -fno-pic)
add_dependencies(bin-common user-syscall-h)

set(BIN_COMMANDS echo cat ls mkdir rmdir rm cp mv touch ln wc head tail grep sort uniq ps
    kill sleep uname env true false clear free date hexdump yes seq vmmap rings sed find tr cut paste tee basename dirname rev tac nl fold
    printf cmp xargs)
foreach(cmd ${BIN_COMMANDS})
  set(extra)
  if(cmd STREQUAL rings)
    set(extra ${B}/arch/${RINGEL_ARCH}/rings_arch.c)
  elseif(cmd STREQUAL printf)
    set(extra ${B}/../sh/printf.c ${B}/../sh/util.c)
  endif()
  ringel_user_program(${cmd} SOURCES ${B}/${cmd}.c ${extra})
  if(cmd STREQUAL printf)
    target_link_libraries(${cmd} PRIVATE ringel-libc)   # util.c has its own read_file
  else()
    target_link_libraries(${cmd} PRIVATE bin-common ringel-libc)
  endif()
endforeach()
# test and [: the shell's builtin (sh/test.c) as a program.  "test" is a
# name CMake keeps for itself, so the target is test-cmd, put into /bin
# under both names by userland/CMakeLists.txt (BIN_EXTRA_FILES).
ringel_user_program(test-cmd SOURCES ${B}/test.c ${B}/../sh/test.c)
target_link_libraries(test-cmd PRIVATE bin-common ringel-libc)
set(BIN_EXTRA_FILES --file "bin/test=$<TARGET_FILE:test-cmd>" --file "bin/[=$<TARGET_FILE:test-cmd>")
