/* builtin_data.S: the shipped scenarios (the list in builtin.def), embedded
 * as NUL-terminated text dur_builtin_<symbol>. */
#define BUILTIN(sym, name, file) \
	.global dur_builtin_##sym; \
	dur_builtin_##sym: .incbin file; .byte 0;

	.section .rodata
#include "builtin.def"
	.section .note.GNU-stack,"",@progbits
