/* PCI on PCs: configuration space through ECAM where ACPI's MCFG says
 * (q35), else through the port-I/O mechanism at 0xCF8/0xCFC (the i440FX
 * "pc" machine).  Firmware (SeaBIOS, OVMF) has placed the BARs. */
#include <pci.h>
#include <kernel.h>
#include "x86.h"

#define CONFIG_ADDRESS 0xcf8
#define CONFIG_DATA 0xcfc

static uint32_t port_read32(struct pci_host *h, unsigned bus, unsigned dev, unsigned fn, unsigned off)
{
	(void)h;
	outl(CONFIG_ADDRESS, 0x80000000u | bus << 16 | dev << 11 | fn << 8 | (off & 0xfc));
	return inl(CONFIG_DATA);
}

static void port_write32(struct pci_host *h, unsigned bus, unsigned dev, unsigned fn, unsigned off,
			 uint32_t v)
{
	(void)h;
	outl(CONFIG_ADDRESS, 0x80000000u | bus << 16 | dev << 11 | fn << 8 | (off & 0xfc));
	outl(CONFIG_DATA, v);
}

static const struct pci_config_ops port_ops = { port_read32, port_write32 };

static struct pci_ecam ecam;
/* Firmware's BAR addresses are CPU addresses: a window that maps 1:1. */
static struct pci_host host = { .mem = { 0, 0, ~0ull, 0 } };

void pci_x86_probe(void)
{
	if (x86_mcfg.found) {
		ecam.base = x86_mcfg.base;
		host.name = "ECAM (ACPI MCFG)";
		host.ops = &pci_ecam_ops;
		host.priv = &ecam;
		host.bus_first = x86_mcfg.bus_first;
		host.bus_last = x86_mcfg.bus_last;
	} else {
		host.name = "port I/O 0xcf8";
		host.ops = &port_ops;
		host.bus_first = 0;
		host.bus_last = 255;
	}
	pci_host_scan(&host);
}
