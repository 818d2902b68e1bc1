# The screen console, seen the way a person sees it (docs/console.md): QEMU's
# monitor saves the screen (screendump) once the shell's prompt is on the
# serial line, and on x86-64 again after a command typed on the PS/2
# keyboard (sendkey); scripts/screentext.py reads the text back from the
# pixels with the kernel's own font, and each screen must show the prompt,
# the command and its output.  The screenshots stay in build/boot-logs as
# NAME.png (and NAME.txt, the text read from them).
# Included at the end of scripts/CMakeLists.txt, whose variables it uses.
# A trigger of "()" matches at once: that step follows the one before it
# (each trigger is searched after the previous one's match).
set(PROMPT "ringel:/[^ ]*# ")
set(SCREEN_FONT --font ${RINGEL_CONSOLE_FONT})
# The greeting and the prompt, on the screen.
set(SCREEN_BOOTED "Welcome to Ringel\\.(.*\\n)+ringel:/# *$")
# SGR colours drawn in the VGA palette: red (31), then bold (bright white)
# on blue (1, 44).  No '[' or ';' in the arguments (CMake's lists treat
# both specially): the CSI is typed as /bin/echo's \x1b\x5b.  The trigger
# matches the output, not the echoed command.
set(COLOUR_CMD "/bin/echo -e 'x\\\\x1b\\\\x5b31mRED\\\\x1b\\\\x5b0m-\\\\x1b\\\\x5b1m\\\\x1b\\\\x5b44mBLUE\\\\x1b\\\\x5b0m'\\n")
set(COLOUR_DONE "BLUE\\x1b.0m\\r?\\n")

# x86-64 under SeaBIOS: GRUB's VBE framebuffer; typed on the keyboard:
# a command with shifted keys and a pipe, the line editor's arrows, Home
# and End (editing a line, then the history), then ^C for a running sleep.
ringel_boot_test(x86_64.screen TIMEOUT 120
  ARGS ${SCREEN_FONT}
       --shot ${PROMPT} 2 x86_64-screen-boot
       --keys "()" "echo keyboard $((6*7)) | cat\\n"
       --shot "keyboard 42\\r?\\n" 2 x86_64-screen-typed
       --keys ${PROMPT} ${COLOUR_CMD}
       --shot ${COLOUR_DONE} 2 x86_64-screen-colour
       --keys ${PROMPT} "echo ab{left}{left}X{end}Y\\n"
       --keys ${PROMPT} "{up}{home}{right}{right}{right}{right}{right}Z\\n"
       --keys ${PROMPT} "sleep 100\\n"
       --keys-after "sleep 100\\r?\\n" 2 "\\x03"
       --keys ${PROMPT} "echo status=$?\\n"
       --send "status=130\\r?\\n${PROMPT}" "kill -USR2 1\\n"
       --expect "i8042: PS/2 keyboard"
       --expect "fbcon: boot loader's framebuffer 1024x768, 32 bpp at 0x[0-9a-f]+: 128x48 text"
       --expect "keyboard 42" --expect "\\nXabY\\r?\\n" --expect "\\nZXabY\\r?\\n"
       --expect "\\^C"
       --expect "status=130" --expect "init: power off"
       --screen x86_64-screen-boot "Ringel 0\\.1 \\(x86-64\\)"
       --screen x86_64-screen-boot ${SCREEN_BOOTED}
       --screen x86_64-screen-typed "ringel:/# echo keyboard \\$\\(\\(6\\*7\\)\\) \\| cat\\nkeyboard 42\\nringel:/# *$"
       --screen x86_64-screen-colour "\\nxRED-BLUE\\n"
       --colour x86_64-screen-colour RED-BLUE 0xaa0000 0x000000
       --colour x86_64-screen-colour BLUE 0xffffff 0x0000aa
       --reject "PANIC" --reject "error:" --status ${X86_PASS}
  QEMU ${X86_QEMU} -m 128M -smbios type=11,value=ringel.cmdline=test)

# x86-64 under OVMF: GRUB's GOP framebuffer.
ringel_boot_test(x86_64.screen-uefi TIMEOUT 180
  ARGS ${SCREEN_FONT}
       --shot ${PROMPT} 2 x86_64-screen-uefi
       --send "()" "kill -USR2 1\\n"
       --expect "via UEFI" --expect "fbcon: boot loader's framebuffer 1024x768"
       --expect "init: power off"
       --screen x86_64-screen-uefi "Ringel 0\\.1 \\(x86-64\\)"
       --screen x86_64-screen-uefi ${SCREEN_BOOTED}
       --reject "PANIC" --reject "error:" --status ${X86_PASS}
  QEMU ${X86_QEMU} ${OVMF} -m 256M -smbios type=11,value=ringel.cmdline=test)

# The PC text screen (drivers/video/egacon.c) has no test: GRUB always sets
# the graphics mode the kernel's Multiboot2 header asks for, even with
# gfxpayload=text (seen with GRUB 2.06), so QEMU never boots Ringel in it.

# AArch64 virt with ramfb; a command typed on the serial line shows on the
# screen too.
ringel_boot_test(aarch64.screen TIMEOUT 120
  ARGS ${SCREEN_FONT}
       --shot ${PROMPT} 2 aarch64-screen-boot
       --send "()" "echo serial $((6*7)) | cat\\n"
       --shot "serial 42\\r?\\n" 2 aarch64-screen-typed
       --send ${PROMPT} ${COLOUR_CMD}
       --shot ${COLOUR_DONE} 2 aarch64-screen-colour
       --send ${PROMPT} "kill -USR2 1\\n"
       --expect "fbcon: ramfb framebuffer 1024x768, 32 bpp at 0x[0-9a-f]+: 128x48 text"
       --expect "serial 42" --expect "init: power off"
       --screen aarch64-screen-boot "Ringel 0\\.1 \\(AArch64\\)"
       --screen aarch64-screen-boot ${SCREEN_BOOTED}
       --screen aarch64-screen-typed "ringel:/# echo serial \\$\\(\\(6\\*7\\)\\) \\| cat\\nserial 42\\nringel:/# *$"
       --screen aarch64-screen-colour "\\nxRED-BLUE\\n"
       --colour aarch64-screen-colour RED-BLUE 0xaa0000 0x000000
       --colour aarch64-screen-colour BLUE 0xffffff 0x0000aa
       --reject "PANIC"
  QEMU qemu-system-aarch64 -M virt -cpu cortex-a57 -display none -serial stdio -no-reboot
       -semihosting -device ramfb -kernel ${A64}/Image -initrd ${A64}/initramfs.cpio -m 128M
       -append test)

# AArch64 virt with a virtio keyboard (virtio-mmio; -device
# virtio-keyboard-pci works the same through PCI): typed with sendkey,
# arrows and ^C included, as on the PC.
ringel_boot_test(aarch64.screen-keyboard TIMEOUT 120
  ARGS ${SCREEN_FONT}
       --keys ${PROMPT} "echo virtio $((6*7)) | cat\\n"
       --shot "virtio 42\\r?\\n" 2 aarch64-screen-keyboard
       --keys ${PROMPT} "echo ab{left}{left}X{end}Y\\n"
       --keys ${PROMPT} "sleep 100\\n"
       --keys-after "sleep 100\\r?\\n" 2 "\\x03"
       --keys ${PROMPT} "echo status=$?\\n"
       --send "status=130\\r?\\n${PROMPT}" "kill -USR2 1\\n"
       --expect "virtio-input: mmio 0x[0-9a-f]+: keyboard events to the console"
       --expect "virtio 42" --expect "\\nXabY\\r?\\n" --expect "\\^C" --expect "status=130"
       --expect "init: power off"
       --screen aarch64-screen-keyboard "ringel:/# echo virtio \\$\\(\\(6\\*7\\)\\) \\| cat\\nvirtio 42\\nringel:/# *$"
       --reject "PANIC"
  QEMU qemu-system-aarch64 -M virt -cpu cortex-a57 -display none -serial stdio -no-reboot
       -semihosting -device ramfb -global virtio-mmio.force-legacy=false
       -device virtio-keyboard-device -kernel ${A64}/Image -initrd ${A64}/initramfs.cpio
       -m 128M -append test)

# The Raspberry Pi 3 B and 4 B (QEMU 10): the VideoCore's framebuffer,
# asked for through the mailbox; typing stays on the serial line (the mini
# UART).
foreach(pi raspi3b raspi4b)
  if(pi STREQUAL raspi3b)
    set(pi_qemu ${RASPI3B} -dtb ${RPI3B_DTB})
  else()
    set(pi_qemu ${RASPI4B} -dtb ${RPI4B_DTB})
  endif()
  ringel_boot_test(${pi}.screen TIMEOUT 180 LABELS rpi
    ARGS ${SCREEN_FONT}
         --shot ${PROMPT} 3 ${pi}-screen-boot
         --send "()" ${COLOUR_CMD}
         --shot ${COLOUR_DONE} 2 ${pi}-screen-colour
         --send ${PROMPT} "kill -USR2 1\\n"
         --expect "fbcon: VideoCore mailbox framebuffer 1024x768, 32 bpp at 0x[0-9a-f]+: 128x48 text"
         --expect "init: power off"
         --screen ${pi}-screen-boot "Ringel 0\\.1 \\(AArch64\\)"
         --screen ${pi}-screen-boot ${SCREEN_BOOTED}
         --screen ${pi}-screen-colour "\\nxRED-BLUE\\n"
         --colour ${pi}-screen-colour RED-BLUE 0xaa0000 0x000000
         --colour ${pi}-screen-colour BLUE 0xffffff 0x0000aa
         --reject "PANIC"
    QEMU ${pi_qemu} -kernel ${A64}/Image -initrd ${A64}/initramfs.cpio -append test)
endforeach()

# A panic is on the screen too: without "test" the kernel halts instead of
# ending QEMU, so the screen can be saved; the test then stops QEMU.
ringel_boot_test(x86_64.screen-panic TIMEOUT 90
  ARGS ${SCREEN_FONT}
       --shot "System halted" 2 x86_64-screen-panic
       --expect "KERNEL PANIC: panic test" --stop-on "System halted"
       --screen x86_64-screen-panic "KERNEL PANIC: panic test requested on the command line"
       --screen x86_64-screen-panic "Backtrace:\\n(.*\\n)*  \\[<[0-9a-f]+>\\] kmain\\+0x"
       --screen x86_64-screen-panic "System halted\\.\\n$"
  QEMU ${X86_QEMU} -m 128M -smbios type=11,value=ringel.cmdline=panictest)
ringel_boot_test(aarch64.screen-panic TIMEOUT 90
  ARGS ${SCREEN_FONT}
       --shot "System halted" 2 aarch64-screen-panic
       --expect "KERNEL PANIC: panic test" --stop-on "System halted"
       --screen aarch64-screen-panic "KERNEL PANIC: panic test requested on the command line"
       --screen aarch64-screen-panic "Backtrace:\\n(.*\\n)*  \\[<[0-9a-f]+>\\] kmain\\+0x"
       --screen aarch64-screen-panic "System halted\\.\\n$"
  QEMU qemu-system-aarch64 -M virt -cpu cortex-a57 -display none -serial stdio -no-reboot
       -device ramfb -kernel ${A64}/Image -m 128M -append panictest)
