# Ringel's U-Boot boot script (docs/raspberry-pi.md).  mkimage compiles it into
# boot.scr, which U-Boot's default boot command (distro_bootcmd) finds on the
# FAT partition and runs.  It loads Image and initramfs.cpio from the same
# partition and starts them with booti.
#
# The device tree: ${fdt_addr} is the one the Pi firmware prepared and passed
# to U-Boot (rpi_arm64 on real hardware, or under QEMU with -dtb); when there
# is none, U-Boot's own (${fdtcontroladdr}: rpi_3 under QEMU without -dtb).
# Either is copied to ${fdt_addr_r} (512 KiB before the initramfs) first.
#
# At the U-Boot prompt, before "boot", these change what is started:
#   setenv ringel_args "..."      the kernel command line (default: empty)
#   setenv ringel_initrd NAME     another initramfs file on the partition
# e.g. the in-guest test suite as /init:
#   setenv ringel_initrd initramfs-test.cpio; setenv ringel_args test; boot

if test -z "${devtype}"; then setenv devtype mmc; fi
if test -z "${devnum}"; then setenv devnum 0; fi
if test -z "${distro_bootpart}"; then setenv distro_bootpart 1; fi
if test -z "${ringel_initrd}"; then setenv ringel_initrd initramfs.cpio; fi

echo "Ringel: loading Image and ${ringel_initrd} from ${devtype} ${devnum}:${distro_bootpart}"
if load ${devtype} ${devnum}:${distro_bootpart} ${kernel_addr_r} Image; then
  if load ${devtype} ${devnum}:${distro_bootpart} ${ramdisk_addr_r} ${ringel_initrd}; then
    setenv ringel_rd ${ramdisk_addr_r}:${filesize}
  else
    echo "Ringel: no ${ringel_initrd}; booting without an initramfs"
    setenv ringel_rd -
  fi
  # A copy at ${fdt_addr_r}, with room for what booti adds (/chosen): the
  # original may lie where the kernel goes (rpi_3's own sits at 0xf3830).
  if test -n "${fdt_addr}"; then
    setenv ringel_fdt ${fdt_addr}
  else
    setenv ringel_fdt ${fdtcontroladdr}
  fi
  fdt addr ${ringel_fdt}
  fdt move ${ringel_fdt} ${fdt_addr_r} 0x80000
  setenv ringel_fdt ${fdt_addr_r}
  setenv bootargs "${ringel_args}"
  echo "Ringel: booti ${kernel_addr_r} ${ringel_rd} ${ringel_fdt} (command line \"${bootargs}\")"
  booti ${kernel_addr_r} ${ringel_rd} ${ringel_fdt}
fi
echo "Ringel: could not load and boot Image from ${devtype} ${devnum}:${distro_bootpart}"
