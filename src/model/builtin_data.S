/* builtin_data.S: the shipped scenarios (the list in builtin.def) and
 * record, as NUL-terminated text dur_builtin_<symbol>, and the built-in
 * particle cloud (dur_builtin_cloud .. _end). The tables
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
	.balign 8
	.global dur_builtin_cloud
dur_builtin_cloud:
	.incbin "record/afpak.cloud"
	.global dur_builtin_cloud_end
dur_builtin_cloud_end:
	.section .note.GNU-stack,"",@progbits
