# Raspberry Pi 4 B (docs/raspberry-pi.md) under QEMU 10's raspi4b machine,
# which Debian 12's QEMU 7.2 lacks: scripts/setup unpacks qemu-system-arm
# 10 from bookworm-backports into the cache and scripts/qemu10 runs it.
# Everything else is what the Pi 3 tests use: Debian's device tree for the
# board (bcm2711-rpi-4-b.dtb), Debian's U-Boot, the same SD-card image.
# Included from scripts/rpi-tests.cmake, which sets RPI_DTBS, RPI_UBOOT and
# RPI_IMG.
set(RPI4B_DTB ${RPI_DTBS}/bcm2711-rpi-4-b.dtb)
set(RASPI4B ${PROJECT_SOURCE_DIR}/scripts/qemu10 qemu-system-aarch64 -M raspi4b
    -accel tcg,thread=single -display none -no-reboot -semihosting -serial null -serial stdio)
# What every Pi 4 boot must show, all found through the device tree: the
# mini UART as the console (stdout-path), the GIC-400 (a GICv2) instead of
# the Pi 3's BCM2836/2835 pair, the generic timer's frequency and
# interrupt, the secondaries started from the spin table (IPIs: GICv2
# SGIs), RAM as the tree's /memory says.
set(RPI4_OK
  --expect "console: serial@7e215040 \\(brcm,bcm2835-aux-uart\\)"
  --expect "entered at EL2"
  --expect "3 secondary CPUs parked on the spin table"
  --expect "irqchip: GICv2 interrupt-controller@40041000, distributor 0xff841000"
  --expect "cpu: Cortex-A72"
  --expect "memory: 960 MiB of RAM"
  --expect "timer: generic timer 62500000 Hz, virtual timer interrupt 27,"
  --expect "smp: 3 secondary CPUs started \\(spin-table\\) in [0-9]+ us, 0 failed"
  --expect "smp: 4 CPUs running")

# The Image started by QEMU the way the Pi firmware starts it, with the
# in-guest test suite as /init.
ringel_boot_test(raspi4b.utests TIMEOUT 240 LABELS rpi
  ARGS ${RPI4_OK} --expect "utests: .*aarch64, as init" ${UTESTS_OK}
  QEMU ${RASPI4B} -kernel ${A64}/Image -dtb ${RPI4B_DTB}
       -initrd ${A64}/initramfs-test.cpio -append test)

# The SD card through U-Boot's rpi_4 build, the device tree in x0 as the
# firmware passes it; the test suite chosen at the prompt.
ringel_rpi_sd_uboot_test(raspi4b.sd-uboot "${RPI4_OK}"
  ${RASPI4B} -kernel ${RPI_UBOOT}/rpi_4/u-boot.bin -dtb ${RPI4B_DTB})

# The scripted shell session: registered with the Pi 3's, in rpi-tests.cmake.
