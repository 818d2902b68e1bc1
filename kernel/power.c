/* reboot(2): power off, halt or restart the machine, as root asks with
 * Linux's magic numbers (they guard against a stray call).  This is the
 * user's way off; the test harness's way is init's exit in a "test" boot
 * (init_exited), which ends QEMU with a pass/fail status that a power off
 * never produces. */
#include <kernel.h>
#include <arch.h>
#include <uapi.h>
#include <syscalls_gen.h>

long sys_reboot(unsigned magic1, unsigned magic2, unsigned cmd, uintptr_t arg)
{
	(void)arg;
	if (magic1 != LINUX_REBOOT_MAGIC1 ||
	    (magic2 != LINUX_REBOOT_MAGIC2 && magic2 != LINUX_REBOOT_MAGIC2A &&
	     magic2 != LINUX_REBOOT_MAGIC2B && magic2 != LINUX_REBOOT_MAGIC2C))
		return -EINVAL;
	switch (cmd) {
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
		return 0;       /* ^Alt-Del: no keyboard sends it */
	case LINUX_REBOOT_CMD_HALT:
		printk("reboot: System halted\n");
		arch_halt();
	case LINUX_REBOOT_CMD_POWER_OFF:
		printk("reboot: Power down\n");
		arch_power_off();
	case LINUX_REBOOT_CMD_RESTART:
	case LINUX_REBOOT_CMD_RESTART2:
		printk("reboot: Restarting system\n");
		arch_reboot();
	default:
		return -EINVAL;
	}
}
