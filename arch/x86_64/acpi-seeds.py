#!/usr/bin/env python3
"""acpi-seeds.py DIR: seeds for arch/x86_64/acpi_fuzz.c.

Each seed is "physical memory" from 0x1000: an RSDP, then an XSDT (ACPI 2.0
seed) or RSDT (1.0 seed) listing a FACP-like table and a MADT with local
APICs (two enabled, one disabled), an x2APIC entry, an IOAPIC, two interrupt
source overrides and a local APIC address override, every checksum right, as
QEMU's q35 firmware lays them out."""
import struct
import sys

BASE = 0x1000

def checksum(b):
    return (-sum(b)) & 0xff

def table(sig, body, rev=1):
    hdr = struct.pack("<4sIBB6s8sIII", sig, 36 + len(body), rev, 0, b"RINGEL",
                      b"FUZZSEED", 1, 0x5252, 1)
    t = bytearray(hdr + body)
    t[9] = checksum(t)
    return bytes(t)

def madt():
    body = struct.pack("<II", 0xfee00000, 1)
    body += struct.pack("<BBBBI", 0, 8, 0, 0, 1)                      # local APIC
    body += struct.pack("<BBBBI", 0, 8, 1, 1, 1)                      # a second CPU
    body += struct.pack("<BBBBI", 0, 8, 2, 2, 0)                      # a disabled one
    body += struct.pack("<BBHIII", 9, 16, 0, 300, 1, 3)               # x2APIC id 300
    body += struct.pack("<BBBBII", 1, 12, 0, 0, 0xfec00000, 0)        # IOAPIC, GSI 0
    body += struct.pack("<BBBBIH", 2, 10, 0, 0, 2, 0)                 # IRQ 0 -> GSI 2
    body += struct.pack("<BBBBIH", 2, 10, 0, 9, 9, 0xd)               # IRQ 9: level, high
    body += struct.pack("<BBHQ", 5, 12, 0, 0xfee00000)                # LAPIC address override
    return table(b"APIC", body, 3)

def seed(xsdt):
    rsdp_len = 36
    facp = table(b"FACP", bytes(80), 1)
    m = madt()
    facp_pa = BASE + rsdp_len
    madt_pa = facp_pa + len(facp)
    root_pa = madt_pa + len(m)
    if xsdt:
        root = table(b"XSDT", struct.pack("<QQ", facp_pa, madt_pa))
    else:
        root = table(b"RSDT", struct.pack("<II", facp_pa, madt_pa))
    r = bytearray(struct.pack("<8sB6sBIIQB3s", b"RSD PTR ", 0, b"RINGEL", 2 if xsdt else 0,
                              0 if xsdt else root_pa, rsdp_len, root_pa if xsdt else 0, 0,
                              bytes(3)))
    r[8] = checksum(r[:20])
    r[32] = checksum(r)
    return bytes(r) + facp + m + root

def main():
    out = sys.argv[1]
    for name, x in (("acpi2-xsdt.bin", True), ("acpi1-rsdt.bin", False)):
        with open(f"{out}/{name}", "wb") as f:
            f.write(seed(x))

if __name__ == "__main__":
    main()
