/*
 * baseline.c: the backtest's reference forecasters, no change,
 * climatology, a negative binomial and the Hawkes process, each drawing
 * from the stream the frame hands it (see baseline.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "durand/baseline.h"
#include "durand/fit.h"

/* A simulated day's Hawkes intensity is capped here, so that an explosive
 * fit gives huge but finite draws. */
#define HAWKES_LAMBDA_MAX 1e4

static int need_history(const struct dur_backtest_data *past, const char *who,
			struct dur_error *err)
{
	if (past->nperiods < 1)
		return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
				     "%s: no period before the origin", who);
	return 0;
}

static int nochange(void *ctx, const struct dur_backtest_data *past,
		    const struct dur_forecast_req *q, double *samples,
		    struct dur_error *err)
{
	gsl_rng g;
	double mean;

	(void)ctx;
	if (need_history(past, "no-change", err))
		return err ? err->code : DUR_EINVAL;
	mean = past->value[q->quantity][past->nperiods - 1];
	dur_rng_gsl(q->rng, &g);
	for (int p = 0; p < q->nperiods; p++)
		for (int j = 0; j < q->m; j++)
			samples[p * q->m + j] =
				mean > 0 ? gsl_ran_poisson(&g, mean) : 0;
	return 0;
}

static int climatology(void *ctx, const struct dur_backtest_data *past,
		       const struct dur_forecast_req *q, double *samples,
		       struct dur_error *err)
{
	const double *v = past->value[q->quantity];
	int n = past->nperiods < DUR_BASELINE_CLIM_WINDOW ?
			past->nperiods :
			DUR_BASELINE_CLIM_WINDOW;
	int first = past->nperiods - n;

	(void)ctx;
	if (need_history(past, "climatology", err))
		return err ? err->code : DUR_EINVAL;
	for (int p = 0; p < q->nperiods; p++)
		for (int j = 0; j < q->m; j++) {
			int pick = (int)(dur_rng_uniform(q->rng) * n);

			samples[p * q->m + j] = v[first + pick];
		}
	return 0;
}

static int negbin(void *ctx, const struct dur_backtest_data *past,
		  const struct dur_forecast_req *q, double *samples,
		  struct dur_error *err)
{
	const double *v = past->value[q->quantity];
	int n = past->nperiods < DUR_BASELINE_NB_WINDOW ?
			past->nperiods :
			DUR_BASELINE_NB_WINDOW;
	int first = past->nperiods - n;
	double mean = 0, var = 0, r = 0, pr = 0;
	gsl_rng g;

	(void)ctx;
	if (need_history(past, "negbin", err))
		return err ? err->code : DUR_EINVAL;
	for (int i = first; i < past->nperiods; i++)
		mean += v[i];
	mean /= n;
	for (int i = first; i < past->nperiods; i++)
		var += (v[i] - mean) * (v[i] - mean);
	var = n > 1 ? var / (n - 1) : 0;
	/* moments: mean = r(1-p)/p, var = mean / p */
	if (var > mean && mean > 0) {
		pr = mean / var;
		r = mean * pr / (1 - pr);
	}
	dur_rng_gsl(q->rng, &g);
	for (int p = 0; p < q->nperiods; p++)
		for (int j = 0; j < q->m; j++) {
			double x = 0;

			if (r > 0)
				x = gsl_ran_negative_binomial(&g, pr, r);
			else if (mean > 0)
				x = gsl_ran_poisson(&g, mean);
			samples[p * q->m + j] = x;
		}
	return 0;
}

/* The window's deaths per event, one number per event (each event of a
 * day carrying the day's mean: the store counts deaths by day). */
static double *deaths_per_event(const struct dur_backtest_data *past,
				long from, long *n)
{
	double *d;
	long total = 0, k = 0;

	for (long t = from; t < past->ndays; t++)
		total += (long)past->day_events[t];
	d = malloc((size_t)(total ? total : 1) * sizeof(*d));
	if (!d)
		return NULL;
	for (long t = from; t < past->ndays; t++)
		for (long e = 0; e < (long)past->day_events[t]; e++)
			d[k++] = past->day_deaths[t] / past->day_events[t];
	*n = total;
	return d;
}

static int hawkes(void *ctx, const struct dur_backtest_data *past,
		  const struct dur_forecast_req *q, double *samples,
		  struct dur_error *err)
{
	long from = past->ndays > DUR_BASELINE_HAWKES_DAYS ?
			    past->ndays - DUR_BASELINE_HAWKES_DAYS :
			    0;
	long nd = past->ndays - from, nev = 0;
	int deaths = !strcmp(past->quantity[q->quantity], "deaths");
	struct dur_fit_opts o = DUR_FIT_OPTS_INIT;
	struct dur_fit f;
	double mu, a, dec, H = 0, *per = NULL;
	gsl_rng g;

	(void)ctx;
	if (!deaths && strcmp(past->quantity[q->quantity], "events"))
		return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
				     "hawkes: no forecast of '%s' (only "
				     "events and deaths)",
				     past->quantity[q->quantity]);
	if (nd < 1)
		return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
				     "hawkes: no day before the origin");
	for (long t = from; t < past->ndays; t++)
		nev += (long)past->day_events[t];
	if (!nev) {
		/* the likelihood's maximum without events is a zero rate */
		memset(samples, 0,
		       (size_t)q->nperiods * q->m * sizeof(*samples));
		return 0;
	}
	o.seed = q->seed;
	if (dur_fit_daily(past->day_events + from, nd, 1, &o, &f, err))
		return err ? err->code : DUR_ENOCONV;
	mu = f.theta[0];
	a = f.theta[dur_hawkes_ia(1, 0, 0)];
	dec = f.theta[dur_hawkes_id(1, 0)];
	dur_fit_release(&f);
	/* the excitation the window leaves at the origin */
	for (long t = from; t < past->ndays; t++)
		H = dec * H + past->day_events[t];
	if (deaths) {
		per = deaths_per_event(past, from, &nev);
		if (!per)
			return dur_error_set(err, DUR_ENOMEM, NULL, 0, 0,
					     "out of memory");
	}
	dur_rng_gsl(q->rng, &g);
	for (int j = 0; j < q->m; j++) {
		double h = H;

		for (int p = 0; p < q->nperiods; p++) {
			long days = q->period_start[p + 1] - q->period_start[p];
			double sum = 0;

			for (long t = 0; t < days; t++) {
				double lam = mu + a * h;
				unsigned n;

				n = gsl_ran_poisson(&g, lam < HAWKES_LAMBDA_MAX ?
								lam :
								HAWKES_LAMBDA_MAX);
				if (deaths)
					for (unsigned e = 0; e < n; e++)
						sum += per[(long)(dur_rng_uniform(
								  q->rng) *
							  nev)];
				else
					sum += n;
				h = dec * h + n;
			}
			samples[p * q->m + j] = sum;
		}
	}
	free(per);
	return 0;
}

static const struct dur_forecaster baselines[] = {
	{ "no-change", NULL, nochange },
	{ "climatology", NULL, climatology },
	{ "negbin", NULL, negbin },
	{ "hawkes", NULL, hawkes },
};

int dur_baseline_find(const char *name, struct dur_forecaster *f,
		      struct dur_error *err)
{
	for (size_t i = 0; i < sizeof(baselines) / sizeof(*baselines); i++)
		if (!strcmp(baselines[i].name, name)) {
			*f = baselines[i];
			return 0;
		}
	return dur_error_set(err, DUR_ENOTFOUND, NULL, 0, 0,
			     "unknown baseline '%s' (expected %s)", name,
			     DUR_BASELINE_ALL);
}
