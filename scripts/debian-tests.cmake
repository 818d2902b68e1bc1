# Debian's own static programs as the first process, their output compared
# with Linux's (included from scripts/CMakeLists.txt, whose variables it uses).
#
#   boot.<arch>.busybox  busybox-static runs userland/tests/debian/busybox-applets.sh:
#                        over 100 applets as people use them
#   boot.<arch>.bash     bash-static runs userland/tests/debian/bash-features.sh
#   boot.<arch>.busybox-init  busybox as init: userland/tests/debian/inittab's
#                        sysinit, respawn (three runs), and power off
#
# The test initramfs carries both programs and both scripts (userland/
# CMakeLists.txt).  scripts/bbcompare.py boots it with the program as init=
# and the script as its argument, then runs the same binary on the same
# script on this machine's Linux (natively on x86-64, through
# qemu-aarch64-static for AArch64) and compares the two outputs; the
# normalised figures (pids, memory, the kernel's name) are listed there with
# the reason for each.  Label "debian": they need the packages scripts/setup
# fetches into .cache/ (arm64 busybox and bash, qemu-user-static), and user
# namespaces on the host (unshare(1)); AArch64's oracle needs Linux 6.7 or
# later for a binfmt_misc private to a user namespace.
if(NOT RINGEL_CACHE)
  set(RINGEL_CACHE ${PROJECT_SOURCE_DIR}/.cache)
endif()
set(DEB_TESTS ${PROJECT_SOURCE_DIR}/userland/tests/debian)
set(BBC ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/bbcompare.py)
set(DEB_X86_QEMU qemu-system-x86_64 -M q35 -cpu max -display none -no-reboot -serial stdio
    -device isa-debug-exit,iobase=0xf4,iosize=0x04 -cdrom ${X86}/ringel-test.iso -m 256M)
set(DEB_A64_QEMU qemu-system-aarch64 -M virt -cpu cortex-a57 -nographic -no-reboot
    -semihosting -kernel ${A64}/Image -initrd ${A64}/initramfs-test.cpio -m 256M)

# ringel_debian_test(NAME ARCH PROGRAM GUEST-PROGRAM SCRIPT MARKER [bbcompare args...])
function(ringel_debian_test name arch prog guest script marker)
  set(cmd "test init=${guest} --")
  if(name STREQUAL "busybox")
    string(APPEND cmd " sh")
  endif()
  string(APPEND cmd " /opt/debian/${script}")
  if(arch STREQUAL "x86_64")
    set(qemu ${DEB_X86_QEMU} -smbios "type=11,value=ringel.cmdline=${cmd}")
    set(status --status ${X86_PASS})
  else()
    set(qemu ${DEB_A64_QEMU} -append "${cmd}")
    set(status)
  endif()
  add_test(NAME boot.${arch}.${name}
    COMMAND ${BBC} --name ${arch}.${name} --arch ${arch} --program ${prog} --guest-program ${guest}
            --script ${DEB_TESTS}/${script} --guest-script /opt/debian/${script} --marker ${marker}
            ${ARGN}
            -- --timeout 150 --reject "PANIC" ${status} -- ${qemu}
    WORKING_DIRECTORY ${testdir})
  set_tests_properties(boot.${arch}.${name} PROPERTIES TIMEOUT 300 LABELS "boot;debian")
endfunction()

set(DEB_BUSYBOX_x86_64 /bin/busybox)
set(DEB_BUSYBOX_aarch64 ${RINGEL_CACHE}/debs/arm64/bin/busybox)
set(DEB_BASH_x86_64 /bin/bash-static)
set(DEB_BASH_aarch64 ${RINGEL_CACHE}/debs/arm64/bin/bash-static)
foreach(arch x86_64 aarch64)
  set(native)
  if(arch STREQUAL "aarch64")
    # qemu-user shows the host's /proc for other processes: these sections'
    # oracle is the x86-64 build of the same busybox release, run natively
    set(native --native-program ${DEB_BUSYBOX_x86_64} --native-sections ps,pidof-killall,proc)
  endif()
  ringel_debian_test(busybox ${arch} ${DEB_BUSYBOX_${arch}} /opt/debian/busybox
                     busybox-applets.sh "busybox applets" ${native})
  ringel_debian_test(bash ${arch} ${DEB_BASH_${arch}} /opt/debian/bash
                     bash-features.sh "bash features" --shell-argv
                     --extra ${DEB_BUSYBOX_${arch}}:/opt/debian/busybox)
endforeach()

# busybox as init (argv: "init"): the sysinit action runs before the
# respawned one, which init starts again each time it exits; the third run
# powers off (QEMU's status 0 on both: ACPI S5, PSCI SYSTEM_OFF).
set(BBINIT_OK --expect "bbinit: sysinit ran as pid [0-9]+, init is /opt/debian/busybox init"
    --expect "bbinit: respawn 1, parent 1" --expect "bbinit: respawn 2, parent 1"
    --expect "bbinit: respawn 3, parent 1" --expect "bbinit: powering off"
    --expect "reboot: Power down" --reject "PANIC" --reject "init exited" --status 0)
ringel_boot_test(x86_64.busybox-init TIMEOUT 60 LABELS debian
  ARGS ${BBINIT_OK}
  QEMU ${DEB_X86_QEMU} -smbios "type=11,value=ringel.cmdline=init=/opt/debian/busybox -- init")
ringel_boot_test(aarch64.busybox-init TIMEOUT 60 LABELS debian
  ARGS ${BBINIT_OK}
  QEMU ${DEB_A64_QEMU} -append "init=/opt/debian/busybox -- init")
