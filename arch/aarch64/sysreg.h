/* AArch64 system-register fields and page-table descriptor bits that the
 * entry code and the C side of arch/aarch64 share.  Private to arch/aarch64
 * (included as "sysreg.h"); usable from assembly and C.  Field positions are
 * from the Arm ARM (DDI 0487), AArch64 system register descriptions. */
#ifndef AARCH64_SYSREG_H
#define AARCH64_SYSREG_H

#include <const.h>   /* UL() */

#ifdef __ASSEMBLER__
#define BIT(n) (1 << (n))
#else
#define BIT(n) (1UL << (n))
#endif

/* SCTLR_EL1 */
#define SCTLR_M        BIT(0)    /* stage 1 MMU on */
#define SCTLR_C        BIT(2)    /* data caches on */
#define SCTLR_SA       BIT(3)    /* SP alignment check at EL1 */
#define SCTLR_I        BIT(12)   /* instruction cache on */
#define SCTLR_WXN      BIT(19)
/* Bits that read as one in ARMv8.0 (EOS, TSCXT, EIS, SPAN, nTLSMD, LSMAOE):
 * exception entry and return are context synchronising, PSTATE.PAN is left
 * alone on exception entry.  EE = E0E = 0: little-endian. */
#define SCTLR_RES1     (BIT(11) | BIT(20) | BIT(22) | BIT(23) | BIT(28) | BIT(29))
#define SCTLR_EL1_OFF  SCTLR_RES1
/* What EL0 may do, as Linux allows it: SA0 = SP alignment checked at EL0;
 * UMA = 0 (msr daif* traps); DZE = dc zva; UCT = read CTR_EL0; nTWE = wfe
 * (nTWI = 0: wfi traps and is skipped); UCI = cache maintenance by VA
 * (dc cvau/civac, ic ivau) for JITs and __clear_cache.  E0E = 0: EL0 is
 * little-endian. */
#define SCTLR_SA0      BIT(4)
#define SCTLR_UMA      BIT(9)
#define SCTLR_DZE      BIT(14)
#define SCTLR_UCT      BIT(15)
#define SCTLR_NTWI     BIT(16)
#define SCTLR_NTWE     BIT(18)
#define SCTLR_SPAN     BIT(23)   /* 0: PSTATE.PAN is set on every exception to EL1 */
#define SCTLR_UCI      BIT(26)
#define SCTLR_EL0_BITS (SCTLR_SA0 | SCTLR_DZE | SCTLR_UCT | SCTLR_NTWE | SCTLR_UCI)
#define SCTLR_EL1_ON   (SCTLR_RES1 | SCTLR_M | SCTLR_C | SCTLR_SA | SCTLR_I | SCTLR_EL0_BITS)

/* CPACR_EL1.FPEN = 0b11: FP/SIMD does not trap at EL0 or EL1 (user
 * programs use it; the kernel itself never does). ZEN = 0: SVE traps. */
#define CPACR_FPEN_ALL (UL(3) << 20)
/* CNTKCTL_EL1: EL0VCTEN = EL0 may read CNTVCT_EL0 and CNTFRQ_EL0; the
 * physical counter and both timers stay EL1-only. */
#define CNTKCTL_EL0VCTEN BIT(1)
/* CNTV_CTL_EL0 */
#define CNTV_CTL_ENABLE  BIT(0)
#define CNTV_CTL_IMASK   BIT(1)

/* SPSR / PSTATE */
#define PSR_MODE_MASK  0x1f        /* M[4] (AArch32) and M[3:0] */
#define PSR_MODE_EL0T  0x0
#define PSR_DAIF_MASK  (0xf << 6)
#define PSR_NZCV_MASK  (UL(0xf) << 28)
#define PSR_SSBS       BIT(12)
#define PSR_PAN        BIT(22)
#define PSR_DIT        BIT(24)

/* HCR_EL2: RW = EL1 is AArch64; everything else 0 (no traps, no VHE). */
#define HCR_EL2_RW     BIT(31)
/* CNTHCTL_EL2 (E2H = 0): EL1PCTEN, EL1PCEN - EL1 may use the physical
 * counter and timer. */
#define CNTHCTL_EL1PCTEN BIT(0)
#define CNTHCTL_EL1PCEN  BIT(1)
/* CPTR_EL2 (E2H = 0): RES1 bits 13:12 and 9:0, TFP = 0 (no FP trap to EL2). */
#define CPTR_EL2_NOTRAP 0x33ff
/* ICC_SRE_EL2 (GICv3): SRE = EL2 uses the system registers, Enable = EL1
 * may use ICC_SRE_EL1.  ICH_HCR_EL2 = 0: no virtual CPU interface. */
#define ICC_SRE_EL2        S3_4_C12_C9_5
#define ICH_HCR_EL2        S3_4_C12_C11_0
#define ICC_SRE_EL2_SRE    BIT(0)
#define ICC_SRE_EL2_ENABLE BIT(3)
/* SPSR for the eret into EL1: EL1h (M = 0b0101), D, A, I, F masked. */
#define SPSR_EL1H_MASKED 0x3c5

/* MAIR_EL1: attribute 0 Normal write-back read/write-allocate (inner and
 * outer), attribute 1 Device-nGnRE.  AttrIndx in a descriptor picks one. */
#define MAIR_NORMAL_IDX 0
#define MAIR_DEVICE_IDX 1
#define MAIR_VALUE      0x04ff

/* TCR_EL1: 48-bit VAs in both halves (T0SZ = T1SZ = 16), 4 KiB granules
 * (TG0 = 0b00, TG1 = 0b10), walks inner/outer write-back write-allocate
 * (IRGN/ORGN = 0b01), inner shareable (SH = 0b11), ASID from TTBR0, 8-bit
 * ASIDs, top byte checked (TBI0 = TBI1 = 0).  IPS (bits 34:32) is filled in
 * at boot from ID_AA64MMFR0_EL1.PARange. */
#define TCR_T0SZ(n)    (n)
#define TCR_EPD0       BIT(7)
#define TCR_IRGN0_WBWA (1 << 8)
#define TCR_ORGN0_WBWA (1 << 10)
#define TCR_SH0_INNER  (3 << 12)
#define TCR_TG0_4K     (0 << 14)
#define TCR_T1SZ(n)    ((n) << 16)
#define TCR_IRGN1_WBWA (1 << 24)
#define TCR_ORGN1_WBWA (1 << 26)
#define TCR_SH1_INNER  (3 << 28)
#define TCR_TG1_4K     (UL(2) << 30)
#define TCR_IPS_SHIFT  32
#define TCR_A1         BIT(22)   /* 0: the ASID comes from TTBR0_EL1 */
#define TCR_AS         (UL(1) << 36)   /* 16-bit ASIDs */
#define TTBR_ASID_SHIFT 48
#define TCR_BASE (TCR_T0SZ(16) | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | TCR_SH0_INNER | TCR_TG0_4K | \
		  TCR_T1SZ(16) | TCR_IRGN1_WBWA | TCR_ORGN1_WBWA | TCR_SH1_INNER | TCR_TG1_4K)
#define PARANGE_48BIT  5   /* the widest output size a 4 KiB, 4-level walk gives */

/* Translation table descriptors: <arch/pte.h>. */
#include <arch/pte.h>

/* What the entry code maps: normal RAM, kernel-only, never EL0-executable.
 * The image itself stays EL1-executable until kmap_init replaces these
 * tables with per-section permissions. */
#define EARLY_BLOCK_X  (PTE_BLOCK | PTE_ATTRIDX(MAIR_NORMAL_IDX) | PTE_SH_INNER | PTE_AF | PTE_UXN)
#define EARLY_BLOCK_NX (EARLY_BLOCK_X | PTE_PXN)

/* ESR_ELx exception classes (EC, bits 31:26). */
#define EC_UNKNOWN      0x00
#define EC_WFX          0x01
#define EC_FP_ACCESS    0x07
#define EC_BTI          0x0d
#define EC_ILLEGAL      0x0e
#define EC_SVC64        0x15
#define EC_HVC64        0x16
#define EC_SMC64        0x17
#define EC_SYSREG       0x18
#define EC_SVE          0x19
#define EC_FPAC         0x1c
#define EC_IABT_LOWER   0x20
#define EC_IABT_CUR     0x21
#define EC_PC_ALIGN     0x22
#define EC_DABT_LOWER   0x24
#define EC_DABT_CUR     0x25
#define EC_SP_ALIGN     0x26
#define EC_FP_EXC64     0x2c
#define EC_SERROR       0x2f
#define EC_BREAKPT_LOWER 0x30
#define EC_BREAKPT_CUR  0x31
#define EC_STEP_LOWER   0x32
#define EC_STEP_CUR     0x33
#define EC_WATCHPT_LOWER 0x34
#define EC_WATCHPT_CUR  0x35
#define EC_BRK64        0x3c

/* ESR_ELx fields */
#define ESR_EC(esr)     (((esr) >> 26) & 0x3f)
#define ESR_ISS(esr)    ((esr) & 0x1ffffff)
#define ISS_DABT_WNR    BIT(6)     /* write, not read */
#define ISS_DABT_CM     BIT(8)     /* cache maintenance */
#define ISS_ABT_FNV     BIT(10)    /* FAR not valid */
#define ISS_FSC(iss)    ((iss) & 0x3f)
/* ID register fields (4 bits each) */
#define ID_FIELD(reg, shift) (((reg) >> (shift)) & 0xf)
#define MMFR0_ASIDBITS  4          /* 0b0010: 16-bit ASIDs */
#define MMFR1_PAN       20

/* Semihosting (Arm "Semihosting for AArch32 and AArch64"): HLT #0xf000
 * with the operation in w0 and its argument in x1. */
#define SEMIHOST_WRITEC 0x03
#define SEMIHOST_ERRNO  0x13
#define SEMIHOST_EXIT   0x18
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

#endif
