/* Finding devices at run time (drivers/devices.c). */
#ifndef RINGEL_DEVICES_H
#define RINGEL_DEVICES_H
struct boot_info;
/* If the boot info carries a device tree, find the console it names
 * (/chosen stdout-path) and start its driver.  Needs the kernel page tables
 * (uses ioremap). */
void devices_init_console(const struct boot_info *bi);
#endif
