# A scripted shell session over the serial console, on both architectures
# (included at the end of scripts/CMakeLists.txt, whose variables it uses).
#
# The default initramfs: /init greets, runs /bin/hello and starts /bin/sh on
# the console.  boottest.py waits for each prompt and types the next command
# (--send), or types ^C a moment after "sleep 100" started (--send-after);
# the --expect patterns must then appear in the console log in order.
#
# How the session ends: `exit` leaves the shell and init starts a new one
# (checked), then `kill -USR2 1` asks init to power off: it exits with 0,
# and with "test" on the kernel command line the kernel ends QEMU with
# init's status (on x86-64 through isa-debug-exit: X86_PASS).
# (No ';' in the typed commands: CMake would split the argument there.)
#
# The session uses the everyday commands (seq, grep, wc, cat, sleep, vmmap,
# rings, vi, more, less, sed, tr, cut, find, sort), so it is registered once they are built into the initramfs
# (userland/bin/bin.cmake).
if(NOT EXISTS ${PROJECT_SOURCE_DIR}/userland/bin/bin.cmake)
  message(STATUS "shell session boot tests: waiting for userland/bin (the commands)")
  return()
endif()
set(PROMPT "ringel:/[^ ]*# ")

set(SHELL_SESSION
  # a three-stage pipeline
  --send ${PROMPT} "seq 10 | grep 1 | wc -l\\n"
  --expect "seq 10 \\| grep 1 \\| wc -l\\n *2\\n"
  # redirection into a file, appending, reading it back
  --send ${PROMPT} "echo hello from the shell > /session.txt\\n"
  --send ${PROMPT} "echo second line >> /session.txt\\n"
  --send ${PROMPT} "cat < /session.txt\\n"
  --expect "cat < /session.txt\\nhello from the shell\\nsecond line\\n"
  # the editor: a new file typed in vi (ESC, then :wq at once), an edit of
  # it (dw, o, :s), read back with cat
  --send ${PROMPT} "vi /vi.txt\\n"
  --send "New File" "ihello from vi\\x1b:wq\\r"
  --send ${PROMPT} "vi /vi.txt\\n"
  --send "1L, 14B" "dwoline two\\x1b:%s/vi/the editor/\\r:wq\\r"
  --send ${PROMPT} "cat /vi.txt\\n"
  --expect "cat /vi.txt\\nfrom the editor\\nline two\\n"
  # the pager: a pipe a screen at a time, to the end; then a file
  --send ${PROMPT} "seq 200 | more\\n"
  --send "[-]-More--" " "
  --send "[-]-More--" "G"
  --send "[-]-More--\\(END\\)" "q"
  --send ${PROMPT} "less /session.txt\\n"
  --send "\\(END\\)" "q"
  --send ${PROMPT} "echo pager done\\n"
  --expect "seq 200 \\| more\\n" --expect "[-]-More--\\(END\\)" --expect "pager done\\n"
  # a failed redirection names the file and the reason
  --send ${PROMPT} "echo x > /no/such/dir\\n"
  --expect "sh: cannot create /no/such/dir: Directory nonexistent"
  # a background job, jobs, and wait
  --send ${PROMPT} "sleep 1 & echo started\\n"
  --expect "\\[1\\] [0-9]+\\n" --expect "started\\n"
  --send ${PROMPT} "jobs\\n"
  --expect "\\[1\\]\\+  Running +sleep 1 &"
  --send ${PROMPT} "wait\\n"
  --send ${PROMPT} "echo waited $?\\n"
  --expect "waited 0\\n"
  # ^C interrupts the foreground job, not the shell
  --send ${PROMPT} "sleep 100\\n"
  --send-after "sleep 100\\r?\\n" 2 "\\x03"
  --send ${PROMPT} "echo status=$?\\n"
  --expect "sleep 100\\n\\^C" --expect "status=130\\n"
  # the shell's language: a loop typed over three lines (the "> " prompt
  # between them), then /etc/sh-test.sh (userland/sh/tests/guest.sh)
  --send ${PROMPT} "for i in 1 2 3\n"
  --send "> " "do echo loop$i\n"
  --send "> " "done\n"
  --expect "loop1\nloop2\nloop3\n"
  --send ${PROMPT} "sh /etc/sh-test.sh\n"
  --expect "sh-test: [0-9]+ passed, 0 failed"
  # an unknown command: the message, status 127
  --send ${PROMPT} "nosuchcmd\\n"
  --send ${PROMPT} "echo status=$?\\n"
  --expect "sh: nosuchcmd: not found\\n" --expect "status=127\\n"
  # text tools: sed on a pipe and in place, tr, cut, find over a tree
  --send ${PROMPT} "seq 5 | sed -n 2,4p | sed s/3/three/\\n"
  --expect "\\n2\\nthree\\n4\\n"
  --send ${PROMPT} "echo hello world > /sed.txt\\n"
  --send ${PROMPT} "sed -i -e 's/\\\\(w[a-z]*\\\\)/big \\\\1/' -e 'a\\\\' -e 'added' /sed.txt\\n"
  --send ${PROMPT} "cat /sed.txt\\n"
  --expect "cat /sed.txt\\nhello big world\\nadded\\n"
  --send ${PROMPT} "echo ringel text tools | tr a-z A-Z | cut -d' ' -f1,3\\n"
  --expect "RINGEL TOOLS\\n"
  --send ${PROMPT} "mkdir -p /ft/a/b\\n"
  --send ${PROMPT} "touch /ft/a/b/x.c /ft/a/y.txt /ft/z.c\\n"
  --send ${PROMPT} "find /ft -name '*.c' -type f | sort\\n"
  --expect "sort\\n/ft/a/b/x.c\\n/ft/z.c\\n"
  --send ${PROMPT} "find /ft -type d -exec echo dir {} +\\n"
  --expect "dir /ft /ft/a /ft/a/b\\n"
  # the address space: the user half, the boundary, the kernel half
  --send ${PROMPT} "vmmap\\n"
  --expect "kernel half" --expect "end of the user half"
  # every privileged operation, tried in a child, trapped
  --send ${PROMPT} "rings\\n"
  --expect "([0-9]+) of \\1 privileged operations trapped"
  # the interactive shell: /etc/profile was read (init starts a login
  # shell), Tab completes a command and a file name, ^R finds the pipeline
  # typed first and Enter runs it again, PS1 is expanded at each prompt
  --send ${PROMPT} "echo profile $HISTSIZE\\n"
  --expect "\\nprofile 1000\\n"
  --send ${PROMPT} "ech\\t/etc/mot\\t\\n"
  --expect "echo /etc/motd [^\\n]*\\n/etc/motd\\n"
  # (completion redraws the prompt: wait for echo's output, then the prompt,
  # or ^R reaches the shell while echo runs, in the tty's cooked mode)
  --send "\\n/etc/motd\\r?\\n${PROMPT}" "\\x12seq 10"
  --send "\\(reverse-i-search\\)`seq 10': seq 10 \\| grep 1 \\| wc -l" "\\r"
  --expect "search\\)`seq 10': seq 10 \\| grep 1 \\| wc -l[^\\n]*\\n *2\\n"
  # (the prompt redrawn with the command found is not the next prompt:
  # wait for the command's output first)
  --send "wc -l[^\\n]*\\n *2\\r?\\n${PROMPT}" "PS1='[$PWD]\\\\$ '\\n"
  --send "\\[/\\]\\$ " "cd /tmp\\n"
  # exit: init starts a new shell (with the default prompt); then power off
  --send "\\[/tmp\\]\\$ " "exit\\n"
  --expect "init: starting /bin/sh"
  --send ${PROMPT} "kill -USR2 1\\n"
  --expect "init: power off"
  --reject "PANIC" --reject "yntax error" --reject "NOT trapped" --reject "sh-test: FAIL")

ringel_boot_test(x86_64.shell TIMEOUT 60
  ARGS ${SHELL_SESSION} --status ${X86_PASS}
  QEMU ${X86_QEMU} -m 128M -smbios type=11,value=ringel.cmdline=test)
# The same session on several CPUs (arch/x86_64/smp.c), with generous
# timeouts.  The log must say every CPU of the MADT runs.  -smp 2 runs one
# host thread per vCPU (multi-threaded TCG); -smp 4 and 8 run the vCPUs in
# turn on one host thread: on a host with fewer free cores than vCPUs, host
# threads preempted while queued for the kernel's ticket lock starve it
# (every CPU's tick waits for the lock: seen at -smp 4 on a loaded 2-core
# host, the shell stalled).
foreach(n 2 4 8)
  set(accel)
  if(n GREATER 2)
    set(accel -accel tcg,thread=single)
  endif()
  ringel_boot_test(x86_64.shell-smp${n} TIMEOUT 400
    ARGS --expect "x86-64: ${n} CPUs running \\(${n} in the MADT\\)" --expect "smp: ${n} CPUs running"
         ${SHELL_SESSION} --status ${X86_PASS}
    QEMU ${X86_QEMU} -m 128M -smp ${n} ${accel} -smbios type=11,value=ringel.cmdline=test)
endforeach()
ringel_boot_test(aarch64.shell TIMEOUT 60
  ARGS ${SHELL_SESSION}
  QEMU ${A64_QEMU} -m 128M -initrd ${A64}/initramfs.cpio -append test)

# A user's power off (userland/bin/reboot.c: reboot(2)): the kernel says so
# and switches the machine off -- ACPI S5 on x86-64, PSCI SYSTEM_OFF on
# AArch64 -- and QEMU exits with status 0.  No "test" on the command line:
# init's exit is not what ends these runs, and status 0 is not the x86-64
# pass (33); on AArch64, where a semihosting pass is 0 too, the log tells
# them apart ("reboot: Power down", never "init exited").  First the log
# through dmesg, the load through uptime.
set(POWEROFF_SESSION
  --send ${PROMPT} "dmesg | grep -c Ringel\\n"
  --expect "dmesg \\| grep -c Ringel\\n[1-9][0-9]*\\n"
  --send ${PROMPT} "uptime\\n"
  --expect "up .*load average: [0-9]+\\.[0-9][0-9], "
  --send ${PROMPT} "poweroff\\n"
  --expect "reboot: Power down"
  --reject "PANIC" --reject "init exited" --reject "halted instead")
ringel_boot_test(x86_64.poweroff TIMEOUT 60
  ARGS ${POWEROFF_SESSION} --status 0
  QEMU ${X86_QEMU} -m 128M)
ringel_boot_test(aarch64.poweroff TIMEOUT 60
  ARGS ${POWEROFF_SESSION} --status 0
  QEMU ${A64_QEMU} -m 128M -initrd ${A64}/initramfs.cpio)
# FAT32 on a virtio disk (scripts/disktest.py): files written, synced and
# powered off, judged by fsck.fat and mtools on the host, read back by a
# second boot; and a power cut during unsynced writes after a sync.
foreach(mode persist powercut)
  set(tname fat-disk)
  if(mode STREQUAL powercut)
    set(tname fat-powercut)
  endif()
  add_test(NAME boot.x86_64.${tname}
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/disktest.py --name x86_64.${tname}
            --mode ${mode} --virtio virtio-blk-pci --status ${X86_PASS}
            -- ${X86_QEMU} -boot d -m 256M -smbios type=11,value=ringel.cmdline=test
    WORKING_DIRECTORY ${testdir})
  add_test(NAME boot.aarch64.${tname}
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/disktest.py --name aarch64.${tname}
            --mode ${mode} --virtio virtio-blk-pci
            -- ${A64_QEMU} -m 256M -initrd ${A64}/initramfs.cpio -append test
    WORKING_DIRECTORY ${testdir})
  set_tests_properties(boot.x86_64.${tname} boot.aarch64.${tname} PROPERTIES TIMEOUT 900 LABELS "boot;disk")
endforeach()
# The shell with /home on a disk (disktest.py --mode shell-home): the
# history file and /home/rc.local survive a reboot.
add_test(NAME boot.x86_64.shell-home
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/disktest.py --name x86_64.shell-home
          --mode shell-home --virtio virtio-blk-pci --status ${X86_PASS}
          -- ${X86_QEMU} -boot d -m 256M -smbios type=11,value=ringel.cmdline=test
  WORKING_DIRECTORY ${testdir})
add_test(NAME boot.aarch64.shell-home
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/disktest.py --name aarch64.shell-home
          --mode shell-home --virtio virtio-blk-pci
          -- ${A64_QEMU} -m 256M -initrd ${A64}/initramfs.cpio -append test
  WORKING_DIRECTORY ${testdir})
set_tests_properties(boot.x86_64.shell-home boot.aarch64.shell-home PROPERTIES TIMEOUT 600 LABELS "boot;disk")
# The figures: sequential FAT throughput in guest instructions per byte.
add_test(NAME boot.x86_64.fat-bench
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/disktest.py --name x86_64.fat-bench
          --mode bench --virtio virtio-blk-pci --status ${X86_PASS} --icount 0
          -- ${X86_QEMU} -boot d -m 256M -smbios type=11,value=ringel.cmdline=test
  WORKING_DIRECTORY ${testdir})
add_test(NAME boot.aarch64.fat-bench
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/disktest.py --name aarch64.fat-bench
          --mode bench --virtio virtio-blk-pci --icount 4
          -- ${A64_QEMU} -m 256M -initrd ${A64}/initramfs.cpio -append test
  WORKING_DIRECTORY ${testdir})
set_tests_properties(boot.x86_64.fat-bench boot.aarch64.fat-bench PROPERTIES TIMEOUT 600 LABELS "boot;disk;bench")
