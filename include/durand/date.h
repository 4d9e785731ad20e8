/*
 * date.h: calendar dates as day numbers.
 *
 * durand counts time in whole days. A date is an int32_t: days since
 * 1970-01-01 in the proleptic Gregorian calendar (negative before). Parsing
 * is strict: "2023-02-30" is not a date.
 */
#ifndef DURAND_DATE_H
#define DURAND_DATE_H

#include <stddef.h>
#include <stdint.h>

/* The first and last days a date may be: 0000-01-01 and 9999-12-31, the
 * years "YYYY" can write. Day numbers outside them are not dates. */
#define DUR_DATE_MIN (-719528)
#define DUR_DATE_MAX 2932896

/* Day number of year-month-day; the caller ensures the date is valid. */
int32_t dur_date_from_ymd(int y, int m, int d);

/* Year, month and day of a day number. */
void dur_date_to_ymd(int32_t day, int *y, int *m, int *d);

/* 1 if y-m-d is a real date (1 <= m <= 12, d within the month), else 0. */
int dur_date_valid(int y, int m, int d);

/*
 * Parse "YYYY-MM-DD" from s[0..len) into *day. Trailing text is accepted
 * only if it starts with ' ' or 'T' (a time of day, which is ignored).
 * Returns 0, or -1 with a reason in *why (static text) when s is not a date.
 */
int dur_date_parse(const char *s, size_t len, int32_t *day, const char **why);

/* Days in month m (1..12) of year y. */
int dur_date_month_days(int y, int m);

/*
 * The calendar months a horizon of `days` days from day `start` touches:
 * returns their number; with ends non-NULL, ends[k] is the day offset (from
 * start) one past month k's last day in the horizon, the last one `days`.
 * The first month is partial when start is not a 1st, the last when the
 * horizon ends before a month's last day.
 */
int dur_date_months(int32_t start, int days, int *ends);

/* Write "YYYY-MM-DD" and a NUL into buf (at least 11 bytes); returns buf. */
char *dur_date_format(int32_t day, char *buf);

#endif
