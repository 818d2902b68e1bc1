/* The ELF numbers exec and a static-PIE's self-relocation read (the System V
 * gABI's, shared by both architectures). */
#ifndef UAPI_ELF_H
#define UAPI_ELF_H
#define ET_EXEC 2
#define ET_DYN 3

#define EM_X86_64 62
#define EM_AARCH64 183

#define PT_LOAD 1
#define PT_DYNAMIC 2
#define PT_INTERP 3
#define PT_PHDR 6
#define PF_X 1
#define PF_W 2
#define PF_R 4

#define DT_NULL 0
#define DT_RELA 7
#define DT_RELASZ 8
#define DT_RELAENT 9
#endif
