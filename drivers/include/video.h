/* Displays found in the device tree (drivers/video/); devices.c tries them
 * in turn.  Each returns 0 once a text console runs on it, else -1. */
#ifndef RINGEL_VIDEO_H
#define RINGEL_VIDEO_H
struct dt;
/* "simple-framebuffer": a framebuffer the firmware set up and described */
int simplefb_probe(const struct dt *d, int node);
/* "qemu,fw-cfg-mmio": QEMU's ramfb, if the machine has one */
int ramfb_probe(const struct dt *d, int node);
/* "brcm,bcm2835-mbox": ask the Raspberry Pi's VideoCore for a framebuffer */
int bcm2835_fb_probe(const struct dt *d, int node);
#endif
