# Several CPUs on AArch64 (issue 11; docs/boot.md "Secondary CPUs"): QEMU virt
# at -smp 2 and 4, with a GICv2 (SGIs through GICD_SGIR) and a GICv3 (SGIs
# through ICC_SGI1R_EL1), the CPUs started by PSCI CPU_ON over hvc (EL1) or
# smc (virtualization=on: EL2).  -smp 1 is every other boot.aarch64 test;
# the Pi 3's four cores (spin table, BCM2836 mailboxes) are checked by every
# raspi3b test (rpi-tests.cmake).  Included at the end of
# scripts/CMakeLists.txt, after shell-tests.cmake (SHELL_SESSION).
#
# Under TCG several vCPUs on a small, loaded host are slow: generous
# timeouts, few tests, and one TCG thread for all vCPUs (thread=single),
# where a spinning CPU's `yield` hands the host thread to the next vCPU at
# once.  With a host thread per vCPU (multi-threaded TCG), on 2 host CPUs
# at a load of 15-26, a -smp 4 boot took minutes to reach the shell and the
# -smp 2 suite timed out: every kernel-lock hand-over and every wake-up of
# a CPU waits for a vCPU thread to be scheduled by the host, and every
# broadcast TLBI stops all vCPUs.
set(A64_SMP_QEMU qemu-system-aarch64 -accel tcg,thread=single -cpu cortex-a57 -nographic -no-reboot -semihosting
    -kernel ${A64}/Image)
set(A64_SMP_UTESTS --expect "utests: .*aarch64, as init" ${UTESTS_OK})

# The in-guest suite as init.
ringel_boot_test(aarch64.smp2-utests TIMEOUT 600
  ARGS --expect "smp: 1 secondary CPU started \\(psci\\) in [0-9]+ us, 0 failed"
       --expect "smp: 2 CPUs running" ${A64_SMP_UTESTS}
  QEMU ${A64_SMP_QEMU} -M virt -smp 2 -m 256M -initrd ${A64}/initramfs-test.cpio -append test)
ringel_boot_test(aarch64.smp4-gicv3-utests TIMEOUT 600
  ARGS --expect "irqchip: GICv3" --expect "smp: 3 secondary CPUs started \\(psci\\) in [0-9]+ us, 0 failed"
       --expect "smp: 4 CPUs running" ${A64_SMP_UTESTS}
  QEMU ${A64_SMP_QEMU} -M virt,gic-version=3 -smp 4 -m 256M
       -initrd ${A64}/initramfs-test.cpio -append test)

# The shell session.
if(DEFINED SHELL_SESSION)
  ringel_boot_test(aarch64.smp4-shell TIMEOUT 300
    ARGS --expect "smp: 4 CPUs running" ${SHELL_SESSION}
    QEMU ${A64_SMP_QEMU} -M virt -smp 4 -m 128M -initrd ${A64}/initramfs.cpio -append test)
  ringel_boot_test(aarch64.smp2-gicv3-shell TIMEOUT 300
    ARGS --expect "irqchip: GICv3" --expect "smp: 2 CPUs running" ${SHELL_SESSION}
    QEMU ${A64_SMP_QEMU} -M virt,gic-version=3 -smp 2 -m 128M -initrd ${A64}/initramfs.cpio
         -append test)
endif()

# Entered at EL2 (PSCI over smc, the secondaries at EL2 too), and the
# kernel command line's limit: maxcpus=3 of 4 starts two, nosmp none.
ringel_boot_test(aarch64.smp-el2-maxcpus TIMEOUT 300
  ARGS --expect "entered at EL2" --expect "smp: 2 secondary CPUs started \\(psci\\) in [0-9]+ us, 0 failed, more left out"
       --expect "smp: 3 CPUs running" --expect "init: starting /bin/sh"
       --send "ringel:/# " "kill -USR2 1\\n" --expect "init: power off" --reject "PANIC"
  QEMU ${A64_SMP_QEMU} -M virt,virtualization=on -smp 4 -m 128M -initrd ${A64}/initramfs.cpio
       -append "maxcpus=3 test")
ringel_boot_test(aarch64.smp-nosmp TIMEOUT 120
  ARGS --expect "smp: 1 CPU running" --reject "secondary CPU" --expect "init: starting /bin/sh"
       --send "ringel:/# " "kill -USR2 1\\n" --expect "init: power off" --reject "PANIC"
  QEMU ${A64_SMP_QEMU} -M virt -smp 2 -m 128M -initrd ${A64}/initramfs.cpio -append "nosmp test")

# A CPU that never arrives is reported and skipped; the others run.  QEMU's
# own -smp 3 device tree, with cpu@1 turned into a spin-table CPU whose
# release address nothing polls (a powered-off vCPU waits for PSCI): the
# kernel waits 5 s for it, names it, starts cpu@2 by PSCI in its place.
set(SMP_BAD_DTB ${testdir}/virt-smp3-cpu1-never.dtb)
add_test(NAME boot.aarch64.smp-missing-dtb
  COMMAND sh -c "qemu-system-aarch64 -M virt,dumpdtb=${SMP_BAD_DTB} -smp 3 -cpu cortex-a57 -m 128M -nographic && fdtput -t s ${SMP_BAD_DTB} /cpus/cpu@1 enable-method spin-table && fdtput -t x ${SMP_BAD_DTB} /cpus/cpu@1 cpu-release-addr 0 0x47fff000")
set_tests_properties(boot.aarch64.smp-missing-dtb PROPERTIES FIXTURES_SETUP smp_missing_dtb
  LABELS boot TIMEOUT 60)
ringel_boot_test(aarch64.smp-cpu-missing TIMEOUT 300
  ARGS --expect "1 secondary CPUs parked on the spin table"
       --expect "smp: CPU cpu@1 \\(MPIDR 0x1, spin-table\\): did not arrive within 5 s. skipped"
       --expect "smp: 1 secondary CPU started \\(psci\\) in [0-9]+ us, 1 failed"
       --expect "smp: 2 CPUs running" --expect "init: starting /bin/sh"
       --send "ringel:/# " "kill -USR2 1\\n" --expect "init: power off" --reject "PANIC"
  QEMU ${A64_SMP_QEMU} -M virt -smp 3 -m 128M -dtb ${SMP_BAD_DTB} -initrd ${A64}/initramfs.cpio
       -append test)
set_tests_properties(boot.aarch64.smp-cpu-missing PROPERTIES FIXTURES_REQUIRED smp_missing_dtb)
