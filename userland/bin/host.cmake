# Host mode: the commands built with the host C library compared with the
# host's own commands on generated input (compare.py), under ASan/UBSan.
# Their <regex.h> is the libc's (hostlibc/regex.h, linked from rl-libc),
# so the comparison covers the matcher too.  Included from
# userland/CMakeLists.txt after the libc's tests (which make rl-libc).
set(B ${CMAKE_CURRENT_LIST_DIR})

set(hostbin ${CMAKE_CURRENT_BINARY_DIR}/hostbin)
set(compared sort uniq wc head tail grep seq hexdump cat echo sed find tr cut paste tee basename dirname rev tac nl fold cmp xargs
    od expr strings diff)
foreach(cmd ${compared} test printf)
  set(extra ${B}/common.c ${B}/signames.c)
  if(cmd STREQUAL test)
    list(APPEND extra ${B}/../sh/test.c)
  elseif(cmd STREQUAL printf)
    set(extra ${B}/../sh/printf.c ${B}/../sh/util.c)
  endif()
  add_executable(host-${cmd} ${B}/${cmd}.c ${extra} ${B}/../libc/tests/host_hooks.c)
  target_include_directories(host-${cmd} BEFORE PRIVATE ${B}/hostlibc)
  if(NOT cmd STREQUAL printf)
    target_link_libraries(host-${cmd} PRIVATE rl-libc)
  endif()
  set(out ${cmd})
  if(cmd STREQUAL test)
    set(out "[")        # ninja keeps "test" for ctest
  endif()
  set_target_properties(host-${cmd} PROPERTIES OUTPUT_NAME ${out} RUNTIME_OUTPUT_DIRECTORY ${hostbin})
  target_compile_definitions(host-${cmd} PRIVATE _DEFAULT_SOURCE)
  target_compile_options(host-${cmd} PRIVATE -g -O1 -Wall -Wextra -Werror -Wno-unused-parameter
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(host-${cmd} PRIVATE -fsanitize=address,undefined)
endforeach()
find_package(Python3 REQUIRED COMPONENTS Interpreter)
add_test(NAME host.bin_compare COMMAND ${Python3_EXECUTABLE} ${B}/compare.py ${hostbin})
set_tests_properties(host.bin_compare PROPERTIES LABELS host TIMEOUT 1200)

# The full-screen and system commands (bin.cmake's sys_sources), built the
# same way into sysbin/: compare_sys.py runs the non-interactive ones
# against GNU coreutils and procps, tui_test.py drives more/less, vi and top
# on a pseudo-terminal.
set(sysbin ${CMAKE_CURRENT_BINARY_DIR}/sysbin)
set(sys_host
  more:more.c,term.c    less:more.c,term.c    vi:vi.c,term.c    top:top.c,term.c,procs.c
  ps:ps.c,procs.c    uptime:uptime.c,procs.c    nproc:nproc.c    hostname:hostname.c
  id:id.c,procs.c    whoami:id.c,procs.c    time:time.c    du:du.c    stat:stat.c,procs.c
  mktemp:mktemp.c    readlink:readlink.c,canon.c    realpath:readlink.c,canon.c    kill:kill.c
  watch:watch.c,term.c)
set(sys_host_targets)
foreach(entry ${sys_host})
  string(REPLACE ":" ";" parts ${entry})
  list(GET parts 0 cmd)
  list(GET parts 1 files)
  string(REPLACE "," ";" files ${files})
  list(TRANSFORM files PREPEND ${B}/)
  add_executable(sys-${cmd} ${files} ${B}/common.c ${B}/signames.c)
  set_target_properties(sys-${cmd} PROPERTIES OUTPUT_NAME ${cmd} RUNTIME_OUTPUT_DIRECTORY ${sysbin})
  target_compile_definitions(sys-${cmd} PRIVATE _DEFAULT_SOURCE)
  target_compile_options(sys-${cmd} PRIVATE -g -O1 -Wall -Wextra -Werror -Wno-unused-parameter
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(sys-${cmd} PRIVATE -fsanitize=address,undefined)
endforeach()
add_test(NAME host.sys_compare COMMAND ${Python3_EXECUTABLE} ${B}/compare_sys.py ${sysbin})
set_tests_properties(host.sys_compare PROPERTIES LABELS host TIMEOUT 600)
add_test(NAME host.tui COMMAND ${Python3_EXECUTABLE} ${B}/tui_test.py ${sysbin})
set_tests_properties(host.tui PROPERTIES LABELS host TIMEOUT 600)

# awk against gawk --posix (awk/awk.cmake, awk/compare_awk.py).
include(${B}/awk/awk.cmake)
