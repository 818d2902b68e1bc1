# The boot-record parsers (device tree, Multiboot2) and their host tests.
# Included from kernel/CMakeLists.txt.
ringel_kernel_sources(dt.c multiboot2.c)

if(RINGEL_HOST)
  find_program(RINGEL_DTC dtc REQUIRED)

  # .dts fixtures are compiled here, never committed as blobs; board.dts is
  # also compiled as a version 16 blob (no size_dt_struct in the header).
  set(dt_fixture_dir ${CMAKE_CURRENT_BINARY_DIR}/testdata)
  set(dt_fixtures)
  function(ringel_dt_fixture out src)
    add_custom_command(OUTPUT ${dt_fixture_dir}/${out}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${dt_fixture_dir}
      COMMAND ${RINGEL_DTC} -q -I dts -O dtb ${ARGN} -o ${dt_fixture_dir}/${out}
              ${CMAKE_CURRENT_SOURCE_DIR}/testdata/${src}
      DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/testdata/${src}
      COMMENT "dtc ${src} -> ${out}" VERBATIM)
    set(dt_fixtures ${dt_fixtures} ${dt_fixture_dir}/${out} PARENT_SCOPE)
  endfunction()
  ringel_dt_fixture(board.dtb board.dts)
  ringel_dt_fixture(board-v16.dtb board.dts -V 16)
  ringel_dt_fixture(small-cells.dtb small-cells.dts)
  ringel_dt_fixture(paths.dtb paths.dts)
  ringel_dt_fixture(minimal.dtb minimal.dts)
  add_custom_target(dt_test_fixtures DEPENDS ${dt_fixtures})

  # QEMU's own trees, dumped by testdata/dump-qemu-dtbs.sh and committed.
  file(GLOB qemu_dtbs ${CMAKE_CURRENT_SOURCE_DIR}/testdata/qemu-*.dtb)
  list(SORT qemu_dtbs)

  ringel_host_test(dt_test SOURCES dt_test.c dt.c bootinfo.c LIBS fdt
                   ARGS ${dt_fixtures} ${qemu_dtbs})
  add_dependencies(dt_test dt_test_fixtures)

  # Real records from GRUB (BIOS and OVMF), captured by
  # testdata/mb2-capture/capture.sh and committed as hex text.
  ringel_host_test(multiboot2_test SOURCES multiboot2_test.c multiboot2.c bootinfo.c
                   ARGS ${CMAKE_CURRENT_SOURCE_DIR}/testdata/grub-bios.mb2.txt
                        ${CMAKE_CURRENT_SOURCE_DIR}/testdata/grub-efi.mb2.txt)
endif()
