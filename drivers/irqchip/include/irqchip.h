/* Interrupt controllers found through the device tree (drivers/irqchip/).
 *
 * One root controller per machine, the one the CPU's IRQ line comes from
 * (GICv2 on QEMU virt and the Pi 4, the BCM2836 per-core controller on the
 * Pi 3), and possibly controllers chained to it: a chained controller's
 * output is one interrupt of its parent, whose handler dispatches the
 * chained controller's interrupts (the BCM2835 controller of the Pi 3's
 * peripherals, behind the per-core controller's "GPU" interrupt).
 *
 * Interrupt numbers are global: the root's numbers are its own (GIC: INTIDs,
 * 16-31 PPIs, 32+ SPIs), a chained controller's follow at a base chosen at
 * boot.  Devices name their interrupts in the device tree; irq_of_dt()
 * finds the controller through interrupt-parent and translates them. */
#ifndef RINGEL_IRQCHIP_H
#define RINGEL_IRQCHIP_H
#include <stdint.h>
#include <stdbool.h>

struct dt;
struct arch_regs;

#define IRQ_MAX 1024
#define IRQ_EDGE 0x1u            /* edge-triggered (else level) */

typedef void (*irq_handler_fn)(struct arch_regs *regs, void *arg);

/* What a controller driver provides. */
struct irqchip {
	const char *name;
	/* Configure (trigger, priority, routing to this CPU) and unmask. */
	void (*enable)(unsigned irq, unsigned flags);
	void (*disable)(unsigned irq);
	/* The highest-priority pending interrupt, acknowledged: its number, or
	 * -1 when nothing (more) is pending.  *cookie goes back to eoi. */
	int (*ack)(uint32_t *cookie);
	void (*eoi)(uint32_t cookie);
	/* One "interrupts" specifier of this controller's binding: the number
	 * and IRQ_* flags, or -1 if malformed. */
	int (*xlate)(const uint32_t *cells, unsigned ncells, unsigned *flags);
	/* The controller's numbers are 0 .. nr_irqs-1; 0 means up to IRQ_MAX
	 * (a root that leaves no numbers for chained controllers: the GIC). */
	unsigned nr_irqs;
	/* Several CPUs (a root controller only; NULL / 0 where it cannot).
	 * cpu_init: on a CPU other than the boot CPU, before it takes
	 * interrupts, set up its own part of the controller (banked registers,
	 * redistributor, CPU interface) with the per-CPU interrupts enabled so
	 * far (the timer's, the IPI's) enabled there too.  send_ipi: raise
	 * ipi_irq (one of the controller's numbers) on CPU idx (cpu.h's
	 * numbering), which must have run cpu_init (or be the boot CPU). */
	void (*cpu_init)(void);
	void (*send_ipi)(unsigned idx);
	unsigned ipi_irq;
};

/* A controller driver: probe the node (map its registers, reset it, every
 * interrupt masked).  Returns the chip, or NULL.  The same probe serves a
 * root and a chained controller; irqchip.c does the chaining.  Drivers keep
 * one instance: a second node for the same probe function is ignored. */
struct irqchip_driver {
	const char *compatible;
	const struct irqchip *(*probe)(const struct dt *d, int node);
};

/* Find the root interrupt controller in the device tree and start it, then
 * every controller chained to it that this kernel drives.  0, or -1 when
 * there is no root this kernel can drive (the reason is printed). */
int irqchip_init(const struct dt *d);
const struct irqchip *irqchip_get(void);
/* The running CPU's part of the root controller (irqchip.cpu_init), on each
 * CPU the arch starts after the boot CPU. */
void irqchip_cpu_init(void);

/* Interrupt 'index' of a device-tree node, read with its controller's
 * #interrupt-cells: its global number (flags through *flags), or -1 when the
 * node has none, it belongs to a controller not started, or it is
 * malformed. */
int irq_of_dt(const struct dt *d, int node, int index, unsigned *flags);

/* Route irq to fn(regs, arg) and unmask it.  0, or -1 if irq is out of
 * range, taken, or there is no controller. */
int irq_request(unsigned irq, unsigned flags, irq_handler_fn fn, void *arg);
void irq_release(unsigned irq);
/* Run irq's handler without the kernel lock (cpu.h): an IPI's, which
 * must never wait for it.  Every other handler runs under the lock. */
void irq_set_lockless(unsigned irq);
/* Called by the arch on an IRQ exception: acknowledge, run the handler,
 * end-of-interrupt, until nothing is pending.  Returns how many ran. */
unsigned irq_dispatch(struct arch_regs *regs);
/* Interrupts of this number handled since boot. */
uint64_t irq_count(unsigned irq);

/* A GICv3's CPU interface (system registers, not MMIO) and the CPU's
 * affinity are reached through the arch's GIC hooks in <arch.h>. */

#endif
