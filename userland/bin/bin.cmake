# The everyday commands (userland/bin): one program per file, sharing
# common.c; per-architecture parts in arch/<arch>/.  Included from
# userland/CMakeLists.txt in kernel mode; sets BIN_COMMANDS for the
# initramfs.
set(B ${CMAKE_CURRENT_LIST_DIR})
add_library(bin-common STATIC ${B}/common.c ${B}/signames.c)
target_include_directories(bin-common SYSTEM PRIVATE ${RINGEL_USER_INCLUDES})
target_compile_options(bin-common PRIVATE ${RINGEL_USER_CFLAGS} -fno-pic)
add_dependencies(bin-common user-syscall-h)

set(BIN_COMMANDS echo cat ls mkdir rmdir rm cp mv touch ln wc head tail grep sort uniq
    kill sleep uname env true false clear free date hexdump yes seq vmmap rings
    mount umount df sync sed find tr cut paste tee basename dirname rev tac nl fold
    printf cmp xargs od expr strings diff)
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

# The full-screen and the system commands (issue 16).  Some programs go by
# several names (argv[0] picks): each name is built as its own program from
# the same sources.  term.c: raw mode, window size, keys; procs.c: /proc.
set(sys_sources
  more:more.c,term.c    less:more.c,term.c    vi:vi.c,term.c
  top:top.c,term.c,procs.c    watch:watch.c,term.c    ps:ps.c,procs.c
  uptime:uptime.c,procs.c    dmesg:dmesg.c    nproc:nproc.c    hostname:hostname.c
  poweroff:reboot.c    reboot:reboot.c    halt:reboot.c
  id:id.c,procs.c    whoami:id.c,procs.c    time:time.c    du:du.c    stat:stat.c,procs.c
  mktemp:mktemp.c    readlink:readlink.c,canon.c    realpath:readlink.c,canon.c)
set(BIN_SYS_COMMANDS)
foreach(entry ${sys_sources})
  string(REPLACE ":" ";" parts ${entry})
  list(GET parts 0 cmd)
  list(GET parts 1 files)
  string(REPLACE "," ";" files ${files})
  list(TRANSFORM files PREPEND ${B}/)
  ringel_user_program(${cmd} SOURCES ${files})
  target_link_libraries(${cmd} PRIVATE bin-common ringel-libc)
  list(APPEND BIN_SYS_COMMANDS ${cmd})
endforeach()
list(APPEND BIN_COMMANDS ${BIN_SYS_COMMANDS})

# awk: a folder of its own (awk/awk.cmake).
include(${B}/awk/awk.cmake)
list(APPEND BIN_COMMANDS awk)

# test and [: the shell's builtin (sh/test.c) as a program.  "test" is a
# name CMake keeps for itself, so the target is test-cmd, put into /bin
# under both names by userland/CMakeLists.txt (BIN_EXTRA_FILES).
ringel_user_program(test-cmd SOURCES ${B}/test.c ${B}/../sh/test.c)
target_link_libraries(test-cmd PRIVATE bin-common ringel-libc)
set(BIN_EXTRA_FILES --file "bin/test=$<TARGET_FILE:test-cmd>" --file "bin/[=$<TARGET_FILE:test-cmd>")
