/* Host tests see the x86-64 Linux ABI layouts (the host is x86-64). */
#include "../../../../arch/x86_64/include/arch/uapi.h"
