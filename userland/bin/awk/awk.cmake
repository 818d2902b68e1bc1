# awk (userland/bin/awk/): its own folder, one concept per file.  Included
# from bin.cmake (kernel mode: /bin/awk) and host.cmake (host mode: built
# with the host C library and the libc's regex under ASan/UBSan, and
# compared with gawk --posix by compare_awk.py).
set(AWK_DIR ${CMAKE_CURRENT_LIST_DIR})
set(AWK_SOURCES main.c lex.c parse.c interp.c value.c var.c field.c input.c output.c
    format.c re.c builtin.c util.c)
list(TRANSFORM AWK_SOURCES PREPEND ${AWK_DIR}/)
if(RINGEL_HOST)
  add_executable(host-awk ${AWK_SOURCES} ${AWK_DIR}/../../libc/tests/host_hooks.c)
  target_include_directories(host-awk BEFORE PRIVATE ${AWK_DIR}/../hostlibc)
  target_link_libraries(host-awk PRIVATE rl-libc m)
  set_target_properties(host-awk PROPERTIES OUTPUT_NAME awk
    RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/awkbin)
  target_compile_definitions(host-awk PRIVATE _DEFAULT_SOURCE)
  target_compile_options(host-awk PRIVATE -g -O1 -Wall -Wextra -Werror -Wno-unused-parameter
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(host-awk PRIVATE -fsanitize=address,undefined)
  add_test(NAME host.awk_compare COMMAND ${Python3_EXECUTABLE} ${AWK_DIR}/compare_awk.py
    $<TARGET_FILE:host-awk> gawk)
  set_tests_properties(host.awk_compare PROPERTIES LABELS host TIMEOUT 600)
else()
  ringel_user_program(awk SOURCES ${AWK_SOURCES})
  target_link_libraries(awk PRIVATE ringel-libc)
endif()
