/*
 * date.c: conversion between calendar dates and day numbers.
 * The arithmetic is the well-known era-based civil calendar algorithm, which
 * is exact for every Gregorian date and needs no tables.
 */
#include <stdio.h>

#include "durand/date.h"

int32_t dur_date_from_ymd(int y, int m, int d)
{
	long yy = y - (m <= 2);
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (int32_t)(era * 146097 + doe - 719468);
}

void dur_date_to_ymd(int32_t day, int *y, int *m, int *d)
{
	long z = (long)day + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int dur_date_month_days(int y, int m)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30,
				       31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return mdays[m - 1] + (m == 2 && leap);
}

int dur_date_valid(int y, int m, int d)
{
	if (m < 1 || m > 12 || d < 1)
		return 0;
	return d <= dur_date_month_days(y, m);
}

int dur_date_months(int32_t start, int days, int *ends)
{
	int y, m, d, n = 0;
	int64_t at = 0; /* offset of the month's first day in the horizon */

	if (days < 1)
		return 0;
	dur_date_to_ymd(start, &y, &m, &d);
	at = -(int64_t)(d - 1);
	while (at < days) {
		int64_t end = at + dur_date_month_days(y, m);

		if (ends)
			ends[n] = end < days ? (int)end : days;
		n++;
		at = end;
		if (++m > 12) {
			m = 1;
			y++;
		}
	}
	return n;
}

static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int dur_date_parse(const char *s, size_t len, int32_t *day, const char **why)
{
	int y, m, d;

	if (len < 10 || s[4] != '-' || s[7] != '-') {
		*why = "expected a date as YYYY-MM-DD";
		return -1;
	}
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 0 || m < 0 || d < 0) {
		*why = "expected a date as YYYY-MM-DD";
		return -1;
	}
	if (len > 10 && s[10] != ' ' && s[10] != 'T') {
		*why = "expected a date as YYYY-MM-DD";
		return -1;
	}
	if (!dur_date_valid(y, m, d)) {
		*why = "no such day in the calendar";
		return -1;
	}
	*day = dur_date_from_ymd(y, m, d);
	return 0;
}

char *dur_date_format(int32_t day, char *buf)
{
	int y, m, d;

	dur_date_to_ymd(day, &y, &m, &d);
	snprintf(buf, 11, "%04u-%02u-%02u",
		 (unsigned)((y % 10000 + 10000) % 10000), (unsigned)m % 100u,
		 (unsigned)d % 100u);
	return buf;
}
