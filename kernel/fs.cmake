# Files, devices and the terminal: the VFS, tmpfs, the initramfs (cpio newc),
# devfs, pipes, descriptor tables, the tty and the file system calls, with
# their host tests.  Included from kernel/CMakeLists.txt.
ringel_kernel_sources(cpio.c vfs.c tmpfs.c fdtable.c pipe.c devfs.c tty.c initramfs.c sys_fs.c
  procfs.c)

if(RINGEL_HOST)
  find_program(RINGEL_CPIO cpio REQUIRED)
  ringel_host_test(cpio_test SOURCES cpio_test.c cpio.c ARGS ${RINGEL_CPIO})

  find_package(Python3 REQUIRED COMPONENTS Interpreter)
  # The file system code on the host: the x86-64 system-call prototypes
  # (the test's pretend arch is x86-64) and stubs for the rest of the kernel.
  set(fs_gen ${CMAKE_CURRENT_BINARY_DIR}/fs-gen)
  file(MAKE_DIRECTORY ${fs_gen})
  add_custom_command(OUTPUT ${fs_gen}/syscalls_gen.h ${fs_gen}/syscalls_gen.c
    COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/scripts/gen-syscalls.py kernel x86_64
            ${CMAKE_CURRENT_SOURCE_DIR}/syscalls.tbl ${fs_gen}/syscalls_gen.c ${fs_gen}/syscalls_gen.h
    DEPENDS syscalls.tbl ${PROJECT_SOURCE_DIR}/scripts/gen-syscalls.py VERBATIM)
  add_custom_target(fs_test_gen DEPENDS ${fs_gen}/syscalls_gen.h)
  set(fs_core vfs.c tmpfs.c fdtable.c pipe.c devfs.c tty.c initramfs.c sys_fs.c cpio.c
      fs_stubs_test.c ${PROJECT_SOURCE_DIR}/kernel/testing/host_stubs.c)
  ringel_host_test(fs_test SOURCES fs_test.c fs_hostops_test.c ${fs_core} ARGS ${RINGEL_CPIO})
  target_include_directories(fs_test PRIVATE ${fs_gen})
  add_dependencies(fs_test fs_test_gen)
  ringel_host_test(tty_test SOURCES tty_test.c ${fs_core})
  target_include_directories(tty_test PRIVATE ${fs_gen})
  add_dependencies(tty_test fs_test_gen)
endif()
