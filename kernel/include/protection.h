/* The boot-time check of the hardware protections (kernel/protection.c). */
#ifndef RINGEL_PROTECTION_H
#define RINGEL_PROTECTION_H
void protection_check_cpu(void);   /* on each CPU as it comes up */
void protection_check_wx(void);    /* once, before the first process */
#endif
