# Host mode: grep's matcher against the host's regcomp/regexec (rx_test),
# and the commands built with the host C library compared with the host's
# own commands on generated input (compare.py), both under ASan/UBSan.
# Included from userland/CMakeLists.txt.
set(B ${CMAKE_CURRENT_LIST_DIR})
ringel_host_test(rx_test SOURCES ${B}/rx_test.c ${B}/rx.c)

set(hostbin ${CMAKE_CURRENT_BINARY_DIR}/hostbin)
set(compared sort uniq wc head tail grep seq hexdump cat echo)
foreach(cmd ${compared})
  set(extra)
  if(cmd STREQUAL grep)
    set(extra ${B}/rx.c)
  endif()
  add_executable(host-${cmd} ${B}/${cmd}.c ${B}/common.c ${B}/signames.c ${extra})
  set_target_properties(host-${cmd} PROPERTIES OUTPUT_NAME ${cmd} RUNTIME_OUTPUT_DIRECTORY ${hostbin})
  target_compile_definitions(host-${cmd} PRIVATE _DEFAULT_SOURCE)
  target_compile_options(host-${cmd} PRIVATE -g -O1 -Wall -Wextra -Werror -Wno-unused-parameter
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(host-${cmd} PRIVATE -fsanitize=address,undefined)
endforeach()
find_package(Python3 REQUIRED COMPONENTS Interpreter)
add_test(NAME host.bin_compare COMMAND ${Python3_EXECUTABLE} ${B}/compare.py ${hostbin})
set_tests_properties(host.bin_compare PROPERTIES LABELS host TIMEOUT 600)
