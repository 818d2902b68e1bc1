# Files, devices and the terminal: the VFS, tmpfs, the initramfs (cpio newc),
# devfs, pipes, descriptor tables, the tty and the file system calls, with
# their host tests.  Included from kernel/CMakeLists.txt.
ringel_kernel_sources(cpio.c vfs.c tmpfs.c fdtable.c pipe.c devfs.c tty.c initramfs.c sys_fs.c)

if(RINGEL_HOST)
  find_program(RINGEL_CPIO cpio REQUIRED)
  ringel_host_test(cpio_test SOURCES cpio_test.c cpio.c ARGS ${RINGEL_CPIO})
endif()
