# The Raspberry Pi 3/4 SD-card image (docs/raspberry-pi.md): `rpi-image`
# builds ${CMAKE_BINARY_DIR}/ringel-rpi.img from this build's Image and
# initramfs.cpio and Debian's Pi firmware, U-Boot and device trees, which
# scripts/setup unpacks into ${RINGEL_CACHE}/debs/root.  Not part of ALL: a
# plain build must not need the downloaded packages; the Pi tests
# (scripts/rpi-tests.cmake) and `./scripts/run raspi3b` build it.
if(NOT RINGEL_CACHE)
  set(RINGEL_CACHE ${PROJECT_SOURCE_DIR}/.cache)
endif()
set(RPI_SRC ${CMAKE_CURRENT_LIST_DIR})
set(RPI_IMAGE ${CMAKE_BINARY_DIR}/ringel-rpi.img)
add_custom_command(OUTPUT ${RPI_IMAGE}
  COMMAND ${RPI_SRC}/mkimage.sh --debs ${RINGEL_CACHE}/debs/root
          --image ${CMAKE_BINARY_DIR}/Image --initrd ${CMAKE_BINARY_DIR}/initramfs.cpio
          --test-initrd ${CMAKE_BINARY_DIR}/initramfs-test.cpio
          --src ${RPI_SRC} --work ${CMAKE_BINARY_DIR}/rpi --out ${RPI_IMAGE}
  DEPENDS ${CMAKE_BINARY_DIR}/Image ${CMAKE_BINARY_DIR}/initramfs.cpio
          ${CMAKE_BINARY_DIR}/initramfs-test.cpio
          ${RPI_SRC}/mkimage.sh ${RPI_SRC}/config.txt ${RPI_SRC}/boot.cmd
  COMMENT "Creating the Raspberry Pi SD-card image ringel-rpi.img"
  VERBATIM)
add_custom_target(rpi-image DEPENDS ${RPI_IMAGE})
add_dependencies(rpi-image image initramfs initramfs-test)
