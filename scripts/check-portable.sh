#!/usr/bin/env bash
# The portable core never tests an architecture macro (kernel/, mm/,
# drivers/) and the code of kernel/ and mm/ never names a board (drivers/ is
# not searched for board names): it reaches the machine only through
# kernel/include/arch.h and finds devices at run time.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
fail=0
arch_re='__x86_64__|__aarch64__|__arm__|__i386__|__amd64__|_M_X64|RINGEL_ARCH([^_A-Z]|$)'
if hits=$(grep -rnE "$arch_re" kernel mm drivers --include='*.c' --include='*.h' --include='*.S' | grep -v '^kernel/testing/'); then
  echo "architecture tests in the portable core:"; echo "$hits"; fail=1
fi
board_re='raspi|raspberry|rpi[0-9]|bcm27[0-9][0-9]|qemu|virt machine'
# (comment lines may mention boards: they explain; code may not)
if hits=$(grep -rniE "$board_re" kernel mm --include='*.c' --include='*.h' | grep -v '_test\.c:' \
          | grep -v '^kernel/testing/' | grep -vE '^[^:]+:[0-9]+:\s*(/?\*|//)'); then
  echo "board names in kernel/ or mm/:"; echo "$hits"; fail=1
fi
if grep -rn '#include <arch/' kernel mm drivers --include='*.c' | grep -v '_test\.c:' >/dev/null; then
  echo "portable code includes an arch header directly (use <arch.h>):"
  grep -rn '#include <arch/' kernel mm drivers --include='*.c' | grep -v '_test\.c:'; fail=1
fi
[ $fail = 0 ] && echo "1 passed, 0 failed" || echo "0 passed, 1 failed"
exit $fail
