/*
 * png-ink.c: prints "<distinct colours> <percent of pixels not white>" of a
 * PNG, so a CLI test can tell a rendered page from a blank one. Built by
 * the test that uses it (t0610-report-chromium.sh), not by make.
 */
#include <cairo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static int cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	cairo_surface_t *s;
	uint32_t *px;
	size_t w, h, n = 0, ink = 0, distinct = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: png-ink FILE.png\n");
		return 2;
	}
	s = cairo_image_surface_create_from_png(argv[1]);
	if (cairo_surface_status(s)) {
		fprintf(stderr, "png-ink: cannot read '%s'\n", argv[1]);
		return 1;
	}
	w = (size_t)cairo_image_surface_get_width(s);
	h = (size_t)cairo_image_surface_get_height(s);
	px = malloc(w * h * sizeof(*px));
	if (!px)
		return 1;
	for (size_t y = 0; y < h; y++) {
		const uint32_t *row =
			(const uint32_t
				 *)(cairo_image_surface_get_data(s) +
				    y * (size_t)cairo_image_surface_get_stride(
						s));

		for (size_t x = 0; x < w; x++) {
			px[n] = row[x] & 0xffffff;
			ink += px[n] != 0xffffff;
			n++;
		}
	}
	qsort(px, n, sizeof(*px), cmp);
	for (size_t i = 0; i < n; i++)
		distinct += i == 0 || px[i] != px[i - 1];
	printf("%zu %.1f\n", distinct, n ? 100.0 * (double)ink / (double)n : 0);
	free(px);
	cairo_surface_destroy(s);
	return 0;
}
