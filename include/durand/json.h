/*
 * json.h: how durand writes JSON (docs/output.md): numbers rounded to what
 * the results print, documents indented with keys in insertion order.
 */
#ifndef DURAND_JSON_H
#define DURAND_JSON_H

#include <stdio.h>

#include <jansson.h>

#include "durand/error.h"

/* A number for JSON: null if not finite, an integer if whole, else a real
 * rounded to 6 significant digits (what the results print). */
json_t *dur_json_number(double v);

/* Write a JSON document (indented, keys in insertion order). */
int dur_json_write(const json_t *j, FILE *fp, struct dur_error *err);

#endif
