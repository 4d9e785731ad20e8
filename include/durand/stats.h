/*
 * stats.h: the crisis measured: events and deaths per period and stream,
 * and whether a rate changed after a date.
 *
 * Counts come from the event database (store.h). An event counts in the
 * period of its first day; its deaths are UCDP's best/low/high estimates
 * (ACLED's single figure stands for all three). Series are per model
 * stream (events in none count under "other") or per model actor. Series are dense: every period from
 * the first to the last has a row for every key, zeros included, so that
 * they can be plotted as they are.
 */
#ifndef DURAND_STATS_H
#define DURAND_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "durand/error.h"
#include "durand/store.h"

enum dur_stats_by {
	DUR_BY_DAY,   /* calendar days */
	DUR_BY_WEEK,  /* ISO weeks, Monday to Sunday */
	DUR_BY_MONTH, /* calendar months */
	DUR_BY_YEAR,  /* calendar years */
};

enum dur_stats_group {
	DUR_GROUP_STREAM, /* one series per model stream ("other": none) */
	DUR_GROUP_ACTOR,  /* one per model actor: an event counts for each of
			     its two actors ("other": an unmapped side) */
};

/* Which events count. NULL strings and has_* = 0 mean no filter. */
struct dur_stats_query {
	int by;              /* enum dur_stats_by */
	int group;           /* enum dur_stats_group */
	const char *source;  /* "ucdp" or "acled": only that dataset's events */
	const char *country; /* country where it happened (any letter case) */
	const char *actor;   /* model actor ("ttp") or dataset actor name */
	const char *stream;  /* model stream ("attack") */
	int has_since;       /* 1 if since applies */
	int32_t since;       /* first day counted */
	int has_until;       /* 1 if until applies */
	int32_t until;       /* last day counted */
	size_t max_cells;    /* most periods x series dur_stats_count may
				make; 0: DUR_STATS_CELLS_MAX */
};

/* The most counts (periods x series) a table holds by default: 4 million,
 * 128 MiB of cells, 40 years by day for 270 series. A store of 3,000
 * streams by day over 40 years would be 44 million. */
#define DUR_STATS_CELLS_MAX ((size_t)4 << 20)

/* The default query: monthly counts per stream, every event. */
#define DUR_STATS_QUERY_INIT { .by = DUR_BY_MONTH, .group = DUR_GROUP_STREAM }

/* The default confidence level of dur_stats_change's intervals. */
#define DUR_STATS_LEVEL 0.95

/* One period's count for one key. */
struct dur_stats_cell {
	long events;          /* events starting in the period */
	long best, low, high; /* deaths, summed */
};

/* A stretch of days one source's imports cover: from the first to the last
 * event day of each of its imports, overlapping or touching stretches
 * merged. */
struct dur_stats_span {
	char source[16]; /* "ucdp", "acled" */
	int32_t first, last;
};

/* A dense grid of periods x keys. */
struct dur_stats {
	int by;                       /* enum dur_stats_by */
	int group;                    /* enum dur_stats_group */
	size_t nperiods;              /* rows of the grid */
	int32_t *period;              /* first day of each period */
	size_t nkeys;                 /* columns of the grid */
	char **key;                   /* stream or actor names, sorted;
					 "other" last */
	struct dur_stats_cell *cell;  /* cell[p * nkeys + k] */
	long events;                  /* total events */
	unsigned char *covered;       /* per period: 1 if a counted source
					 covers a day of it; 0: no data (its
					 cells are 0 and mean missing) */
	size_t nspans;                /* coverage of the counted sources, */
	struct dur_stats_span *span;  /* by source, then by first day */
	int nsources;                 /* sources counted (2: added, not
					 de-duplicated) */
};

/*
 * The coverage of the sources q counts (q->source, else every source
 * imported): *out (free()) holds *n spans by source and first day. An
 * import covers its events' first to last day; a store without import ids
 * counts as one import per source.
 */
int dur_stats_coverage(struct dur_store *st, const struct dur_stats_query *q,
		       struct dur_stats_span **out, size_t *n,
		       struct dur_error *err);

/* "day", "week", "month", "year" -> enum dur_stats_by; -1 if none. */
int dur_stats_by_find(const char *name);

/* Name of a period kind ("month"). */
const char *dur_stats_by_name(int by);

/* First day of the period holding `day`. */
int32_t dur_stats_period_start(int by, int32_t day);

/* First day of the period after the one starting at `start`. */
int32_t dur_stats_period_next(int by, int32_t start);

/*
 * Check q's filters against st: a source that is not "ucdp" or "acled" or
 * has no event imported, a stream that no rule or event has (nor "other"),
 * a country no event is in (letter case aside), an actor that is neither a
 * model actor nor a dataset actor of any event, is DUR_ENOTFOUND naming the
 * known ones, rather than a count of 0. dur_stats_count and
 * dur_stats_change check first.
 */
int dur_stats_check_query(struct dur_store *st,
			  const struct dur_stats_query *q,
			  struct dur_error *err);

/* The label of the period starting at `start`: "2021" by year, else its
 * first day "2021-03-01"; buf holds at least 11 bytes. */
const char *dur_stats_period_label(int by, int32_t start, char *buf);

/*
 * Count events of st matching q into a new grid *out (free with
 * dur_stats_free). With no matching event, *out has no periods. Each row
 * read is checked (an integer day from DUR_DATE_MIN to DUR_DATE_MAX,
 * counts of deaths NULL or from 0 to 999999999999): another is DUR_EINVAL
 * naming the row. A grid of more than q->max_cells counts is DUR_ELIMIT.
 * Sums of deaths stop at LONG_MAX.
 */
int dur_stats_count(struct dur_store *st, const struct dur_stats_query *q,
		    struct dur_stats **out, struct dur_error *err);

void dur_stats_free(struct dur_stats *s);

/* Rates before and after a date, and the test of their ratio. */
struct dur_stats_change {
	int32_t since, change, until; /* windows [since, change), [change, until] */
	long n0, n1;          /* events before and after */
	double days0, days1;  /* lengths of the windows */
	double rate0, rate1;  /* events per day */
	double ratio;         /* rate1 / rate0 */
	double phi;           /* overdispersion of daily counts (>= 1) */
	double lo, hi;        /* interval of the ratio, overdispersion-adjusted */
	double p;             /* two-sided p-value of ratio = 1 (adjusted) */
	double exact_lo, exact_hi; /* exact Poisson interval (conditional
				      binomial, Clopper-Pearson) */
	double level;         /* confidence level, e.g. 0.95 */
	char verdict[512];    /* one sentence on what the data support */
};

/*
 * Compare the rate of events matching q before and after `change`. The
 * windows run from q's since (else the first matching event) to q's until
 * (else the last). Both must hold at least one day; else DUR_EINVAL.
 * Within the part of the window some counted source covers (its imports'
 * coverage, dur_stats_coverage), every counted source must cover every
 * day: a gap between imports, or a source starting or stopping inside it,
 * would decide the answer, and is DUR_EINVAL naming the days.
 * level is the confidence level of the intervals (0.95).
 */
int dur_stats_change(struct dur_store *st, const struct dur_stats_query *q,
		     int32_t change, double level, struct dur_stats_change *r,
		     struct dur_error *err);

#endif
