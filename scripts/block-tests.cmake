# ---- Block devices: the host makes a disk image with a partition table and
# known bytes (scripts/blocktest.py), the guest's utests "block" read and
# rewrite it through /dev/vda* (userland/tests/t_block.c), and the host checks
# the image after QEMU has ended.  Words after "--" on the kernel command line
# are init's arguments: the utests to run.  -icount shift=0 makes the read and
# write figures guest instructions per byte.
# ringel_block_test(NAME KIND TIMEOUT ARGS... QEMU ...): KIND mbr, gpt, garbled.
function(ringel_block_test name kind)
  cmake_parse_arguments(T "" "TIMEOUT" "ARGS;QEMU" ${ARGN})
  set(img ${testdir}/${name}.img)
  list(TRANSFORM T_QEMU REPLACE "@IMG@" ${img})
  add_test(NAME boot.${name}
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/blocktest.py run ${kind} ${img}
            -- ${BT} --name ${name} --timeout ${T_TIMEOUT} ${T_ARGS} -- ${T_QEMU}
    WORKING_DIRECTORY ${testdir})
  math(EXPR ctest_timeout "${T_TIMEOUT} + 60")
  set_tests_properties(boot.${name} PROPERTIES TIMEOUT ${ctest_timeout} LABELS "boot;block")
endfunction()

set(BLOCK_OK --expect "block: vda: [a-z]+ partition table, 2 partitions"
    --expect "utests: .*, as init" --expect "ok   block_write_pattern"
    --expect "[0-9]+ passed, 0 failed" --reject "PANIC" --reject "FAIL [a-z_0-9]+:")
set(GARBLED_OK --expect "block: vda: partition table refused: .*loop"
    --expect "ok   garbled_table" --expect "1 passed, 0 failed" --reject "PANIC")
set(X86_DISK -drive if=none,id=disk0,format=raw,file=@IMG@ -device virtio-blk-pci,drive=disk0)
set(X86_BLOCK qemu-system-x86_64 -M q35 -display none -no-reboot -serial stdio -icount shift=0,sleep=off
    -device isa-debug-exit,iobase=0xf4,iosize=0x04 -cdrom ${X86}/ringel-test.iso -boot order=d -m 256M)
ringel_block_test(x86_64.block-mbr mbr TIMEOUT 240
  ARGS --expect "virtio-blk: vda on pci .*interrupt-driven" ${BLOCK_OK} --status ${X86_PASS}
  QEMU ${X86_BLOCK} ${X86_DISK} -smbios "type=11,value=ringel.cmdline=test -- block")
ringel_block_test(x86_64.block-gpt gpt TIMEOUT 240
  ARGS ${BLOCK_OK} --status ${X86_PASS}
  QEMU ${X86_BLOCK} ${X86_DISK} -smbios "type=11,value=ringel.cmdline=test -- block")
# The i440FX "pc" machine: PCI through port I/O (no MCFG).
ringel_block_test(x86_64.block-garbled-pc garbled TIMEOUT 180
  ARGS --expect "pci: port I/O" ${GARBLED_OK} --status ${X86_PASS}
  QEMU qemu-system-x86_64 -M pc -display none -no-reboot -serial stdio
       -device isa-debug-exit,iobase=0xf4,iosize=0x04 -cdrom ${X86}/ringel-test.iso -boot order=d
       -m 256M ${X86_DISK} -smbios "type=11,value=ringel.cmdline=test -- garbled")

set(A64_BLOCK qemu-system-aarch64 -M virt -cpu cortex-a57 -nographic -no-reboot -semihosting
    -icount shift=0,sleep=off -kernel ${A64}/Image -initrd ${A64}/initramfs-test.cpio -m 256M
    -drive if=none,id=disk0,format=raw,file=@IMG@)
set(A64_MMIO -global virtio-mmio.force-legacy=false -device virtio-blk-device,drive=disk0)
ringel_block_test(aarch64.block-mbr mbr TIMEOUT 240
  ARGS --expect "virtio-blk: vda on mmio .*interrupt-driven" ${BLOCK_OK}
  QEMU ${A64_BLOCK} ${A64_MMIO} -append "test -- block")
ringel_block_test(aarch64.block-gpt-pci gpt TIMEOUT 240
  ARGS --expect "virtio-blk: vda on pci .*interrupt-driven" ${BLOCK_OK}
  QEMU ${A64_BLOCK} -device virtio-blk-pci,drive=disk0 -append "test -- block")
ringel_block_test(aarch64.block-garbled garbled TIMEOUT 180
  ARGS ${GARBLED_OK}
  QEMU ${A64_BLOCK} ${A64_MMIO} -append "test -- garbled")

# ---- File mappings on FAT (the utest fat_mmap in userland/tests/t_mmap.c):
# a fresh mkfs.vfat image, no partition table, is /dev/vda; the guest maps
# files there privately and shared, checks writeback by msync, fsync,
# munmap and exit, SIGBUS after truncate, and reads it all back after a
# remount.
find_program(RINGEL_MKFS_VFAT mkfs.vfat PATHS /sbin /usr/sbin)
function(ringel_fat_mmap_test name)
  cmake_parse_arguments(T "" "" "ARGS;QEMU" ${ARGN})
  set(img ${testdir}/${name}.img)
  list(TRANSFORM T_QEMU REPLACE "@IMG@" ${img})
  add_test(NAME boot.${name}
    COMMAND sh -c "rm -f \"$2\" && \"$1\" -C \"$2\" 16384 >/dev/null && shift 2 && exec \"$@\""
            sh ${RINGEL_MKFS_VFAT} ${img} ${BT} --name ${name} --timeout 180 ${T_ARGS} -- ${T_QEMU}
    WORKING_DIRECTORY ${testdir})
  set_tests_properties(boot.${name} PROPERTIES TIMEOUT 240 LABELS "boot;disk")
endfunction()
set(FATMM_OK --expect "utests: .*, as init" --expect "ok   fat_mmap" --expect "1 passed, 0 failed"
    --reject "PANIC" --reject "FAIL [a-z_0-9]+:")
ringel_fat_mmap_test(x86_64.fat-mmap ARGS ${FATMM_OK} --status ${X86_PASS}
  QEMU ${X86_BLOCK} ${X86_DISK} -smbios "type=11,value=ringel.cmdline=test -- fat_mmap")
ringel_fat_mmap_test(aarch64.fat-mmap ARGS ${FATMM_OK}
  QEMU ${A64_BLOCK} ${A64_MMIO} -append "test -- fat_mmap")
