/* builtin_data.S: the shipped scenarios and record, embedded as
 * NUL-terminated text. The tables that name them are in
 * src/model/scenario_builtin.c and src/model/record.c. */
	.section .rodata
	.global dur_builtin_afpak
dur_builtin_afpak:
	.incbin "scenarios/afpak.yaml"
	.byte 0
	.global dur_builtin_afpak_2021
dur_builtin_afpak_2021:
	.incbin "scenarios/afpak-2021.yaml"
	.byte 0
	.global dur_builtin_afpak_kabul
dur_builtin_afpak_kabul:
	.incbin "scenarios/afpak-kabul.yaml"
	.byte 0
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
