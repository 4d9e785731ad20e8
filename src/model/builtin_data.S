/* builtin_data.S: the shipped scenarios, embedded as NUL-terminated text.
 * The table that names them is in src/scenario_builtin.c. */
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
	.balign 8
	.global dur_builtin_cloud
dur_builtin_cloud:
	.incbin "record/afpak.cloud"
	.global dur_builtin_cloud_end
dur_builtin_cloud_end:
	.section .note.GNU-stack,"",@progbits
