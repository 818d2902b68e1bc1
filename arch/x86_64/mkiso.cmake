# cmake -DMKRESCUE=... -DKERNEL=kernel.elf -DGRUB_CFG=grub.cfg [-DINITRD=initramfs.cpio]
#       -DSTAGE=dir -DISO=out.iso -P mkiso.cmake
#
# Stage exactly kernel.elf, grub.cfg and the initramfs (as
# boot/initramfs.cpio, which grub.cfg loads as a module) in a fresh
# directory and run grub-mkrescue on it, with no locales, fonts or themes
# from the host.  Quiet unless it fails.
foreach(v MKRESCUE KERNEL GRUB_CFG STAGE ISO)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "mkiso.cmake: -D${v}= is required")
  endif()
endforeach()

file(REMOVE_RECURSE ${STAGE})
file(MAKE_DIRECTORY ${STAGE}/boot/grub)
configure_file(${KERNEL} ${STAGE}/boot/kernel.elf COPYONLY)
configure_file(${GRUB_CFG} ${STAGE}/boot/grub/grub.cfg COPYONLY)
if(DEFINED INITRD AND NOT INITRD STREQUAL "")
  configure_file(${INITRD} ${STAGE}/boot/initramfs.cpio COPYONLY)
endif()
file(REMOVE ${ISO})

execute_process(
  COMMAND ${MKRESCUE} --locales= --fonts= --themes= -o ${ISO} ${STAGE}
  RESULT_VARIABLE rc
  OUTPUT_VARIABLE out
  ERROR_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT EXISTS ${ISO})
  message(FATAL_ERROR "grub-mkrescue failed (${rc}):\n${out}")
endif()
