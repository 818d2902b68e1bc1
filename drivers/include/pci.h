/* PCI, found at run time (drivers/pci/).
 *
 * A host bridge is described by whoever finds it (x86-64: ACPI's MCFG or
 * the port-I/O mechanism, arch/x86_64/pci_host.c; the device tree's
 * pci-host-ecam-generic node, drivers/pci/pci_dt.c) as a struct pci_host:
 * how to reach configuration space, the buses behind it, and where BARs may
 * go when firmware left them unassigned.  pci_host_scan() walks the buses,
 * sizes and (if asked) assigns BARs, and starts the driver of each function
 * it knows. */
#ifndef RINGEL_PCI_H
#define RINGEL_PCI_H
#include <stdint.h>
#include <stdbool.h>

struct pci_host;

struct pci_config_ops {
	/* A 32-bit register at off (a multiple of 4) of bus:dev.fn; reads of
	 * an absent function give 0xffffffff. */
	uint32_t (*read32)(struct pci_host *h, unsigned bus, unsigned dev, unsigned fn, unsigned off);
	void (*write32)(struct pci_host *h, unsigned bus, unsigned dev, unsigned fn, unsigned off,
			uint32_t v);
};

/* A range of bus addresses BARs may be placed in, and where the CPU sees it. */
struct pci_window {
	uint64_t pci_base, cpu_base, size;
	uint64_t used;      /* bytes handed out from the bottom */
};

struct pci_dev;

struct pci_host {
	const char *name;
	const struct pci_config_ops *ops;
	void *priv;
	unsigned bus_first, bus_last;
	bool assign_bars;             /* firmware left BARs unassigned: place them */
	struct pci_window mem;        /* memory BARs go here when assigning */
	/* The interrupt number of INTx pin (1 = INTA) of d, or -1 (then the
	 * driver polls).  Optional. */
	int (*intx)(struct pci_host *h, struct pci_dev *d, unsigned pin, unsigned *flags);
	/* Run fn(arg) on d's INTx interrupt.  0, or -1 (then poll).  Optional. */
	int (*irq_attach)(struct pci_host *h, struct pci_dev *d, void (*fn)(void *), void *arg);
};

struct pci_dev {
	struct pci_host *host;
	unsigned bus, dev, fn;
	uint16_t vendor, device;
	uint8_t class, subclass;
	uint64_t bar[6];              /* CPU physical address of each memory BAR (0: none) */
	uint64_t bar_size[6];
	int irq;                      /* INTx interrupt, or -1 */
	unsigned irq_flags;
};

uint32_t pci_read32(struct pci_dev *d, unsigned off);
uint16_t pci_read16(struct pci_dev *d, unsigned off);
uint8_t pci_read8(struct pci_dev *d, unsigned off);
void pci_write32(struct pci_dev *d, unsigned off, uint32_t v);
void pci_write16(struct pci_dev *d, unsigned off, uint16_t v);
/* Offset of the first capability with this id at or after offset from
 * (0: from the start of the list), or 0 if none. */
unsigned pci_find_cap(struct pci_dev *d, uint8_t id, unsigned from);

struct dt;
/* Route MSI-X table entry 'entry' of d to fn(arg) and enable MSI-X.  0, or
 * -1 (no MSI-X, or the arch has no message-signalled interrupts). */
int pci_msix_vector(struct pci_dev *d, unsigned entry, void (*fn)(void *), void *arg);
/* d's INTx interrupt runs fn(arg): 0, or -1 (no interrupt: poll). */
int pci_irq_attach(struct pci_dev *d, void (*fn)(void *), void *arg);
/* INTx from the tree's interrupt-map (pci_intx.c, where drivers/irqchip is built). */
void pci_dt_intx_init(const struct dt *d, int node);
int pci_dt_intx(struct pci_host *h, struct pci_dev *d, unsigned pin, unsigned *flags);
int pci_dt_irq_attach(struct pci_host *h, struct pci_dev *d, void (*fn)(void *), void *arg);
/* The device tree's pci-host-ecam-generic bridge (pci_dt.c), if any. */
void pci_dt_probe(const struct dt *d);
/* Walk the host's buses and start drivers. */
void pci_host_scan(struct pci_host *h);

/* Configuration space as one memory region (ECAM: bus << 20 | dev << 15 |
 * fn << 12 | off), mapped a bus at a time when first touched: give the
 * host these ops and an ecam struct as priv. */
struct pci_ecam {
	uint64_t base;                /* physical address of bus_first's space */
	volatile uint8_t *bus_va[256];
};
extern const struct pci_config_ops pci_ecam_ops;

/* The drivers: match on vendor and a device-id range. */
struct pci_driver {
	uint16_t vendor, device_first, device_last;
	int (*probe)(struct pci_dev *d);
};

#define PCI_COMMAND 0x04
#define PCI_CMD_MEM 0x2
#define PCI_CMD_MASTER 0x4
#define PCI_CMD_INTX_DISABLE 0x400
#define PCI_STATUS 0x06
#define PCI_STATUS_CAPS 0x10
#define PCI_CAP_PTR 0x34
#define PCI_INT_PIN 0x3d
#define PCI_CAP_VENDOR 0x09
#define PCI_CAP_MSIX 0x11
#endif
