/* backtest_fans.c: the forecast fans both backtests put in their JSON for
 * the report (docs/backtest.md, "The report"): each forecaster's
 * quantiles per period of an origin's horizon. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "durand/score.h"

static const double probs[] = { 0.05, 0.25, 0.5, 0.75, 0.95 };
static const char *const pnames[] = { "q05", "q25", "q50", "q75", "q95" };

json_t *bt_fan_forecast(const char *forecaster, const double *const *sorted,
			int nper, long m)
{
	json_t *f = json_object();

	if (!f)
		return NULL;
	json_object_set_new(f, "forecaster", json_string(forecaster));
	for (int k = 0; k < 5; k++) {
		json_t *a = json_array();

		for (int p = 0; p < nper; p++)
			json_array_append_new(
				a, json_real(dur_score_quantile(
					   sorted[p], (size_t)m, probs[k])));
		json_object_set_new(f, pnames[k], a);
	}
	return f;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

json_t *bt_fan_forecast_unsorted(const char *forecaster, const double *draws,
				 long m)
{
	double *x = malloc((size_t)m * sizeof(*x));
	const double *p = x;
	json_t *f;

	if (!x)
		return NULL;
	memcpy(x, draws, (size_t)m * sizeof(*x));
	qsort(x, (size_t)m, sizeof(*x), cmp_double);
	f = bt_fan_forecast(forecaster, &p, 1, m);
	free(x);
	return f;
}
