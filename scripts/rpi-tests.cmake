# Raspberry Pi (docs/raspberry-pi.md): the SD-card image and every Pi boot path
# QEMU can run.  Included at the end of scripts/CMakeLists.txt.
#
# QEMU 7.2 emulates the Pi 3 B (raspi3b, BCM2837), not the Pi 4 (no raspi4b),
# and never runs the VideoCore firmware: it loads the kernel (or U-Boot)
# itself, with the device tree given by -dtb, and the firmware's stage is
# documented rather than tested.  raspi3b's four cores are always there;
# the three parked ones spin in QEMU's wait-for-event stub, so the tests run
# TCG single-threaded (thread=single), which is 3x faster than one host
# thread per spinning core.  The Pi 3's console is the mini UART, QEMU's
# second serial port.
#
# Every test here needs the Debian packages scripts/setup downloads into
# .cache/ (the Pi's device trees, firmware and U-Boot), so every test here has
# the label rpi, and none has host: `ctest -L host` must pass on a checkout
# with only the host packages installed.
if(NOT RINGEL_CACHE)
  set(RINGEL_CACHE ${PROJECT_SOURCE_DIR}/.cache)   # where scripts/setup unpacks Debian's packages
endif()
set(RPI_DEBS ${RINGEL_CACHE}/debs/root)
file(GLOB RPI_DTB_DIRS ${RPI_DEBS}/usr/lib/linux-image-*/broadcom)
if(RPI_DTB_DIRS)
  list(SORT RPI_DTB_DIRS COMPARE NATURAL)
  list(GET RPI_DTB_DIRS -1 RPI_DTBS)
else()
  set(RPI_DTBS ${RPI_DEBS}/usr/lib/linux-image-MISSING-run-scripts-setup/broadcom)
endif()
set(RPI3B_DTB ${RPI_DTBS}/bcm2837-rpi-3-b.dtb)
set(RPI_UBOOT ${RPI_DEBS}/usr/lib/u-boot)
set(RPI_IMG ${A64}/ringel-rpi.img)
set(RASPI3B qemu-system-aarch64 -M raspi3b -accel tcg,thread=single -display none -no-reboot
    -semihosting -serial null -serial stdio)
# What every Pi 3 boot must show: the mini UART found as the console through
# stdout-path, the BCM2836 per-core controller as the root with the BCM2835
# controller chained to it, the timer's interrupt found through the tree, the
# parked secondaries' spin table kept and then used to start all three (their
# IPIs are the per-core mailboxes), RAM as QEMU's /memory says (1 GiB less
# the VideoCore's 64 MiB).
set(RPI3_OK
  --expect "console: serial@7e215040 \\(brcm,bcm2835-aux-uart\\)"
  --expect "entered at EL2"
  --expect "3 secondary CPUs parked on the spin table"
  --expect "irqchip: BCM2836 local local_intc@40000000"
  --expect "irqchip: BCM2835 chained to interrupt 8"
  --expect "reserved 0x000000000000-0x000000000fff"
  --expect "memory: 960 MiB of RAM"
  --expect "timer: generic timer [0-9]+ Hz, virtual timer interrupt 3,"
  --expect "smp: 3 secondary CPUs started \\(spin-table\\) in [0-9]+ us, 0 failed"
  --expect "smp: 4 CPUs running")

# ---- the image: built (rpi-image is not part of ALL), then checked.
add_test(NAME rpi.image-build
  COMMAND ${CMAKE_COMMAND} --build ${A64} --target rpi-image)
set_tests_properties(rpi.image-build PROPERTIES FIXTURES_SETUP rpi_image LABELS rpi TIMEOUT 120)
add_test(NAME rpi.image-check
  COMMAND ${PROJECT_SOURCE_DIR}/arch/aarch64/rpi/check-image.sh ${RPI_IMG} ${A64}/Image)
set_tests_properties(rpi.image-check PROPERTIES FIXTURES_REQUIRED rpi_image LABELS rpi TIMEOUT 60)

# ---- QEMU -kernel: the Image with the Pi 3 B device tree, as the Pi
# firmware would start it (EL2, x0 = DTB, secondaries on the spin table).
ringel_boot_test(raspi3b.utests TIMEOUT 180 LABELS rpi
  ARGS ${RPI3_OK} --expect "utests: .*aarch64, as init" ${UTESTS_OK}
  QEMU ${RASPI3B} -kernel ${A64}/Image -dtb ${RPI3B_DTB}
       -initrd ${A64}/initramfs-test.cpio -append test)
# The SD card through the SDHCI driver (drivers/mmc/sdhci.c): the card and
# its FAT partition in /proc/partitions and /dev, the boot sector read, a
# write in the gap before the partition read back and undone (the utest
# mmc_card; the card is a snapshot anyway).
ringel_boot_test(raspi3b.sd-card TIMEOUT 180 LABELS rpi
  ARGS ${RPI3_OK} --contains "sd: mmc@7e300000: .* card, [0-9]+ sectors"
       --contains "block: mmcblk0: mbr partition table, 1 partitions"
       --expect "ok   mmc_card" --expect "1 passed, 0 failed" --reject "PANIC"
  QEMU ${RASPI3B} -kernel ${A64}/Image -dtb ${RPI3B_DTB}
       -initrd ${A64}/initramfs-test.cpio -append "test -- mmc"
       -drive if=sd,format=raw,snapshot=on,file=${RPI_IMG})
set_tests_properties(boot.raspi3b.sd-card PROPERTIES FIXTURES_REQUIRED rpi_image)
# Files written on the card survive, judged from outside: the Pi (default
# initramfs: init mounts the boot partition on /boot) writes files there and
# syncs; on the host fsck.fat -n finds nothing and mtools reads them back
# (scripts/disktest.py --mode sdcard, on a copy of the card image).
add_test(NAME boot.raspi3b.sd-write
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/disktest.py --name raspi3b.sd-write
          --mode sdcard --image ${RPI_IMG}
          -- ${RASPI3B} -kernel ${A64}/Image -dtb ${RPI3B_DTB} -initrd ${A64}/initramfs.cpio
  WORKING_DIRECTORY ${testdir})
set_tests_properties(boot.raspi3b.sd-write PROPERTIES TIMEOUT 600 LABELS "rpi;disk"
  FIXTURES_REQUIRED rpi_image)
# The default initramfs: the greeting and the seed hello (then init goes on
# to whatever it does next: the test stops at the greeting).
ringel_boot_test(raspi3b.hello LABELS rpi
  ARGS ${RPI3_OK} --expect "hello syscall v8" --reject "PANIC" --stop-on "hello syscall v8"
  QEMU ${RASPI3B} -kernel ${A64}/Image -dtb ${RPI3B_DTB}
       -initrd ${A64}/initramfs.cpio -append test)
# The scripted shell session of the other machines, on the Pi 3 and Pi 4 (scripts/shell-tests.cmake
# defines it, when the shell and its commands are built), typed on the mini
# UART.  Registered at the end of the directory, whichever file is included
# first.
function(ringel_rpi_shell_test)
  if(DEFINED SHELL_SESSION)
    ringel_boot_test(raspi3b.shell TIMEOUT 120 LABELS rpi
      ARGS ${RPI3_OK} ${SHELL_SESSION}
      QEMU ${RASPI3B} -kernel ${A64}/Image -dtb ${RPI3B_DTB}
           -initrd ${A64}/initramfs.cpio -append test)
    ringel_boot_test(raspi4b.shell TIMEOUT 120 LABELS rpi
      ARGS ${RPI4_OK} ${SHELL_SESSION}
      QEMU ${RASPI4B} -kernel ${A64}/Image -dtb ${RPI4B_DTB}
           -initrd ${A64}/initramfs.cpio -append test)
  endif()
endfunction()
cmake_language(DEFER CALL ringel_rpi_shell_test)

# ---- The SD card: U-Boot finds boot.scr on the FAT partition, which loads
# Image and an initramfs from the card and boots them with booti.
# rpi_arm64 (the U-Boot on the card) with the device tree in x0, as the
# firmware passes it: ${fdt_addr}.  At the prompt, the test suite is chosen
# the way a user would on a board.
# ringel_rpi_sd_uboot_test(NAME "<machine expectations>" QEMU-COMMAND...):
# stop autoboot, choose the suite, boot; shared with the Pi 4 (rpi4-tests.cmake).
function(ringel_rpi_sd_uboot_test name ok)
  ringel_boot_test(${name} TIMEOUT 240 LABELS rpi
    ARGS --send "Hit any key to stop autoboot" " "
         --send "U-Boot> " "setenv ringel_initrd initramfs-test.cpio\\n"
         --send "U-Boot> " "setenv ringel_args test\\n" --send "U-Boot> " "boot\\n"
         --expect "Found U-Boot script /boot.scr"
         --expect "Ringel: booti 0x00080000 0x02700000:[0-9a-f]+ 0x02600000"
         --expect "Starting kernel"
         ${ok} --contains "boot: initrd at 0x2700000"
         --expect "utests: .*aarch64, as init" ${UTESTS_OK}
    QEMU ${ARGN} -drive if=sd,format=raw,snapshot=on,file=${RPI_IMG})
  set_tests_properties(boot.${name} PROPERTIES FIXTURES_REQUIRED rpi_image)
endfunction()
ringel_rpi_sd_uboot_test(raspi3b.sd-uboot "${RPI3_OK}"
  ${RASPI3B} -kernel ${RPI_UBOOT}/rpi_arm64/u-boot.bin -dtb ${RPI3B_DTB})
# rpi_3 (its own device tree built in, ${fdtcontroladdr}), left alone:
# autoboot runs boot.scr with the defaults, the default initramfs.  Without
# "test" nothing ends QEMU: the test stops at the seed program's greeting.
ringel_boot_test(raspi3b.sd-autoboot TIMEOUT 180 LABELS rpi
  ARGS --expect "Found U-Boot script /boot.scr"
       --expect "Ringel: booti 0x00080000 0x02700000:[0-9a-f]+ 0x02600000 \\(command line \"\"\\)"
       ${RPI3_OK} --expect "init: /dev/mmcblk0p1 mounted on /boot"
       --expect "hello syscall v8" --reject "PANIC"
       --stop-on "hello syscall v8"
  QEMU ${RASPI3B} -kernel ${RPI_UBOOT}/rpi_3/u-boot.bin
       -drive if=sd,format=raw,snapshot=on,file=${RPI_IMG})
set_tests_properties(boot.raspi3b.sd-autoboot PROPERTIES FIXTURES_REQUIRED rpi_image)

# ---- The Pi 4 B, on QEMU 10.
include(${CMAKE_CURRENT_LIST_DIR}/rpi4-tests.cmake)
