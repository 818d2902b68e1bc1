# The shell (userland/sh).  Kernel mode: /bin/sh of the initramfs, built
# with Ringel's libc.  Host mode: built with the host's C library under
# ASan/UBSan and checked by tests/run_tests.py (script cases against
# expected text and against dash as an oracle, interactive cases on a
# pseudo-terminal): ctest host.sh.
set(SH_DIR ${CMAKE_CURRENT_LIST_DIR})
set(SH_SOURCES ${SH_DIR}/main.c ${SH_DIR}/lexer.c ${SH_DIR}/parser.c ${SH_DIR}/expand.c
    ${SH_DIR}/vars.c ${SH_DIR}/exec.c ${SH_DIR}/jobs.c ${SH_DIR}/builtins.c
    ${SH_DIR}/lineedit.c ${SH_DIR}/complete.c ${SH_DIR}/history.c ${SH_DIR}/util.c ${SH_DIR}/eval.c
    ${SH_DIR}/arith.c ${SH_DIR}/pattern.c ${SH_DIR}/options.c ${SH_DIR}/trap.c
    ${SH_DIR}/printf.c ${SH_DIR}/test.c ${SH_DIR}/read.c ${SH_DIR}/alias.c ${SH_DIR}/ulimit.c)

if(RINGEL_HOST)
  find_package(Python3 REQUIRED COMPONENTS Interpreter)
  add_executable(sh-host ${SH_SOURCES})
  target_compile_options(sh-host PRIVATE -g -O1 -std=gnu11 -Wall -Wextra -Werror
    -Wno-unused-parameter -fsanitize=address,undefined -fno-sanitize-recover=all
    -fno-omit-frame-pointer)
  target_link_options(sh-host PRIVATE -fsanitize=address,undefined)
  add_test(NAME host.sh COMMAND ${Python3_EXECUTABLE} ${SH_DIR}/tests/run_tests.py
           $<TARGET_FILE:sh-host>)
  set_tests_properties(host.sh PROPERTIES LABELS host TIMEOUT 1200)
else()
  ringel_user_program(sh SOURCES ${SH_SOURCES})
endif()
