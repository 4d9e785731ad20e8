/* builtin_data.S: the shipped scenarios (the list in builtin.def) and
 * record, embedded as NUL-terminated text dur_builtin_<symbol>. The tables
 * that name them are in src/model/scenario_builtin.c and
 * src/model/record.c. */
#define BUILTIN(sym, name, file) \
	.global dur_builtin_##sym; \
	dur_builtin_##sym: .incbin file; .byte 0;

	.section .rodata
#include "builtin.def"
	.global dur_builtin_record_afpak
dur_builtin_record_afpak:
	.incbin "record/afpak.csv"
	.byte 0
	.section .note.GNU-stack,"",@progbits
