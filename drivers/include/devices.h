/* Finding devices at run time (drivers/devices.c). */
#ifndef RINGEL_DEVICES_H
#define RINGEL_DEVICES_H
struct boot_info;
/* If the boot info carries a device tree, find the console it names
 * (/chosen stdout-path) and start its driver.  Needs the kernel page tables
 * (uses ioremap). */
void devices_init_console(const struct boot_info *bi);
/* Start the devices found later in boot, once the VFS is up (disks make
 * /dev nodes): the device tree's PCI host, virtio-mmio slots and clock,
 * then arch_probe_devices(). */
void devices_init(const struct boot_info *bi);
#endif
