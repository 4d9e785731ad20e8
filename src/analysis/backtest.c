/*
 * backtest.c: the rolling-origin frame: cut the data at each origin, ask
 * every forecaster for draws of each period of the horizon, score them
 * against what came, and summarise by step, quantity and forecaster (see
 * backtest.h). Origins run in parallel; every stream is keyed by the
 * origin, forecaster and quantity, so the result does not depend on the
 * number of threads.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <omp.h>

#include "durand/backtest.h"
#include "durand/date.h"

static int period_index(const struct dur_backtest_data *d, int32_t day)
{
	int a = 0, b = d->nperiods;

	while (a < b) {
		int mid = a + (b - a) / 2;

		if (d->period[mid] < day)
			a = mid + 1;
		else
			b = mid;
	}
	return a < d->nperiods && d->period[a] == day ? a : -1;
}

static int check(const struct dur_backtest_data *d, int nfc,
		 const struct dur_backtest_opts *o, struct dur_error *err)
{
	char a[11], b[11], c[11];

	if (d->nperiods < 1 || d->nquant < 1)
		return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
				     "no data to backtest on");
	if (nfc < 1 || nfc > DUR_BACKTEST_MAXF)
		return dur_error_set(err, DUR_ELIMIT, NULL, 0, 0,
				     "%d forecasters: from 1 to %d can be "
				     "scored",
				     nfc, DUR_BACKTEST_MAXF);
	if (o->norigins < 1 || o->horizon < 1 || o->m < 2)
		return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
				     "no origin, no horizon or fewer than "
				     "two draws");
	for (int i = 0; i < o->norigins; i++) {
		int p = period_index(d, o->origin[i]);

		if (p < 1)
			return dur_error_set(
				err, DUR_EINVAL, NULL, 0, 0,
				"origin %s is outside the data's periods "
				"after the first (%s to %s)",
				dur_date_format(o->origin[i], a),
				dur_date_format(d->period[1 < d->nperiods], b),
				dur_date_format(d->period[d->nperiods - 1], c));
		if (i && o->origin[i] <= o->origin[i - 1])
			return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
					     "origins are not ascending");
	}
	return 0;
}

/* Score row w's sorted draws x. */
static void score_row(const struct dur_backtest_data *d,
		      const struct dur_backtest_opts *o, int p,
		      struct dur_backtest_row *w, const double *x,
		      struct dur_rng *r)
{
	int q = w->quantity, ev;
	size_t m = (size_t)o->m;

	w->observed = d->value[q][p];
	w->low = d->low[q] ? d->low[q][p] : w->observed;
	w->high = d->high[q] ? d->high[q][p] : w->observed;
	if (w->low > w->observed)
		w->low = w->observed;
	if (w->high < w->observed)
		w->high = w->observed;
	w->crps = dur_score_crps_interval(x, m, w->low, w->high,
					  o->crps_kind);
	w->is50 = dur_score_interval(x, m, w->observed, 0.5, &w->cover50);
	w->is90 = dur_score_interval(x, m, w->observed, 0.1, &w->cover90);
	w->pit = dur_score_pit(x, m, w->observed, r);
	ev = w->observed >= 1;
	w->p_event = dur_score_prob_ge(x, m, 1);
	w->brier = dur_score_brier(w->p_event, ev);
	w->logs = dur_score_log(w->p_event, ev, 0.5 / (double)m);
}

/* One origin: every quantity and forecaster, rows at their fixed places. */
static int run_origin(const struct dur_backtest_data *d,
		      const struct dur_forecaster *fc, int nfc,
		      const struct dur_backtest_opts *o, int oi, int nsteps,
		      struct dur_backtest_row *rows, double *keep,
		      double *buf, struct dur_error *err)
{
	int p0 = period_index(d, o->origin[oi]), m = o->m;
	struct dur_backtest_data past = *d;
	struct dur_forecast_req q = { 0 };
	struct dur_rng r, pr;
	size_t at = 0;

	/* the view: what lies strictly before the origin */
	past.nperiods = p0;
	past.ndays = o->origin[oi] - d->period[0];
	if (past.ndays > d->ndays)
		past.ndays = d->ndays;
	q.origin = o->origin[oi];
	q.origin_index = oi;
	q.nperiods = nsteps;
	q.period_start = d->period + p0;
	q.m = m;
	q.seed = o->seed;
	q.rng = &r;
	for (int qi = 0; qi < d->nquant; qi++) {
		for (int f = 0; f < nfc; f++) {
			uint32_t sub = (uint32_t)(2 * (f * DUR_BACKTEST_MAXQ +
						       qi));

			q.quantity = qi;
			dur_rng_init(&r, o->seed, (uint64_t)oi);
			dur_rng_seek(&r, sub);
			pr = r;
			dur_rng_seek(&pr, sub + 1);
			if (fc[f].forecast(fc[f].ctx, &past, &q,
					   buf + (size_t)f * nsteps * m, err)) {
				if (err && !err->msg[0])
					dur_error_set(err, err->code, NULL, 0,
						      0, "%s failed",
						      fc[f].name);
				return err ? err->code : DUR_EINVAL;
			}
			for (int s = 0; s < nsteps; s++)
				dur_score_sort(buf + ((size_t)f * nsteps + s) *
							     m,
					       (size_t)m);
		}
		for (int s = 0; s < nsteps; s++)
			for (int f = 0; f < nfc; f++) {
				struct dur_backtest_row *w = &rows[at];
				const double *x =
					buf + ((size_t)f * nsteps + s) * m;

				w->origin_index = oi;
				w->origin = o->origin[oi];
				w->quantity = qi;
				w->step = s + 1;
				w->period = d->period[p0 + s];
				w->forecaster = f;
				/* the PIT stream of (origin, forecaster,
				 * quantity), one draw per step in order */
				score_row(d, o, p0 + s, w, x, &pr);
				if (keep)
					memcpy(keep + at * m, x,
					       (size_t)m * sizeof(*x));
				at++;
			}
	}
	return 0;
}

static void add(struct dur_backtest_mean *a, const struct dur_backtest_row *w)
{
	a->n++;
	a->crps += w->crps;
	a->is50 += w->is50;
	a->is90 += w->is90;
	a->cover50 += w->cover50;
	a->cover90 += w->cover90;
	a->brier += w->brier;
	a->logs += w->logs;
}

static void divide(struct dur_backtest_mean *a)
{
	double n = a->n ? (double)a->n : NAN;

	a->crps /= n, a->is50 /= n, a->is90 /= n, a->cover50 /= n;
	a->cover90 /= n, a->brier /= n, a->logs /= n;
}

static int summarise(struct dur_backtest_result *r,
		     const struct dur_backtest_opts *o, struct dur_error *err)
{
	int nq = r->nquant, nf = r->nfc, H = r->horizon;
	size_t nmean = (size_t)nq * (H + 1) * nf;
	double *ma, *mb;
	int *grp;

	r->mean = calloc(nmean, sizeof(*r->mean));
	r->pit_hist = calloc((size_t)nq * nf * DUR_BACKTEST_PITBINS,
			     sizeof(*r->pit_hist));
	r->skill = calloc((size_t)nq * nf * nf, sizeof(*r->skill));
	ma = malloc((r->nrows + 1) * sizeof(*ma));
	mb = malloc((r->nrows + 1) * sizeof(*mb));
	grp = malloc((r->nrows + 1) * sizeof(*grp));
	if (!r->mean || !r->pit_hist || !r->skill || !ma || !mb || !grp) {
		free(ma), free(mb), free(grp);
		return dur_error_set(err, DUR_ENOMEM, NULL, 0, 0,
				     "out of memory");
	}
	for (size_t i = 0; i < r->nrows; i++) {
		const struct dur_backtest_row *w = &r->row[i];
		int q = w->quantity, f = w->forecaster;

		add(&r->mean[(q * (H + 1)) * nf + f], w);
		add(&r->mean[(q * (H + 1) + w->step) * nf + f], w);
		dur_score_pit_bin(r->pit_hist + (q * nf + f) *
							DUR_BACKTEST_PITBINS,
				  DUR_BACKTEST_PITBINS, w->pit);
	}
	for (size_t i = 0; i < nmean; i++)
		divide(&r->mean[i]);
	/* Skill on CRPS: rows of a and b at the same origin, period and
	 * quantity, resampled by origin. */
	for (int q = 0; q < nq; q++)
		for (int a = 0; a < nf; a++)
			for (int b = 0; b < nf; b++) {
				struct dur_skill *s =
					&r->skill[(q * nf + a) * nf + b];
				size_t n = 0;

				s->skill = s->lo = s->hi = NAN;
				if (a == b)
					continue;
				for (size_t i = 0; i < r->nrows; i++) {
					const struct dur_backtest_row *w =
						&r->row[i];

					if (w->quantity != q ||
					    w->forecaster != a)
						continue;
					/* b's row sits b - a rows on */
					ma[n] = w->crps;
					mb[n] = r->row[i + b - a].crps;
					grp[n++] = w->origin_index;
				}
				if (dur_score_skill(ma, mb, grp, n, o->norigins,
						    o->nboot, o->level,
						    o->seed ^ 0x5c11u, s,
						    NULL))
					s->skill = s->lo = s->hi = NAN;
			}
	free(ma), free(mb), free(grp);
	return 0;
}

/* Each rank's origins' rows (and draws), failures and errors, to every
 * rank in origin order: bytes only, placed where one process puts them. */
static int share(const struct dur_pf_comm *cm,
		 const struct dur_backtest_opts *o, int no,
		 const size_t *first, size_t total, int *fail,
		 struct dur_error *errs, struct dur_backtest_result *r)
{
	int P = cm->size, me = cm->rank, rc;
	long ob[P + 1];     /* rank k's origins: [ob[k], ob[k + 1]) */
	size_t row[P + 1];  /* and their rows: [row[k], row[k + 1]) */
	size_t lens[P];

	for (int k = 0; k <= P; k++) {
		ob[k] = dur_pf_block(no, P, k);
		row[k] = ob[k] < no ? first[ob[k]] : total;
	}
	for (int k = 0; k < P; k++)
		lens[k] = (row[k + 1] - row[k]) * sizeof(*r->row);
	rc = cm->allgather(cm->ctx, r->row + row[me], r->row, lens);
	if (!rc && r->samples) {
		for (int k = 0; k < P; k++)
			lens[k] = (row[k + 1] - row[k]) * (size_t)o->m *
				  sizeof(double);
		rc = cm->allgather(cm->ctx, r->samples + row[me] * (size_t)o->m,
				   r->samples, lens);
	}
	for (int k = 0; k < P; k++)
		lens[k] = (size_t)(ob[k + 1] - ob[k]) * sizeof(*fail);
	if (!rc)
		rc = cm->allgather(cm->ctx, fail + ob[me], fail, lens);
	for (int k = 0; k < P; k++)
		lens[k] = (size_t)(ob[k + 1] - ob[k]) * sizeof(*errs);
	if (!rc)
		rc = cm->allgather(cm->ctx, errs + ob[me], errs, lens);
	return rc;
}

int dur_backtest_run(const struct dur_backtest_data *d,
		     const struct dur_forecaster *fc, int nfc,
		     const struct dur_backtest_opts *o,
		     struct dur_backtest_result *r, struct dur_error *err)
{
	const struct dur_pf_comm *cm = o->comm && o->comm->size > 1 ? o->comm
								      : NULL;
	int no = o->norigins, *nsteps, *fail, rc = 0, olo = 0, ohi = no;
	size_t *first, total = 0, per;
	struct dur_error *errs;

	memset(r, 0, sizeof(*r));
	if (cm) {
		olo = (int)dur_pf_block(no, cm->size, cm->rank);
		ohi = (int)dur_pf_block(no, cm->size, cm->rank + 1);
	}
	if (check(d, nfc, o, err))
		return err ? err->code : DUR_EINVAL;
	r->nquant = d->nquant;
	r->nfc = nfc;
	r->horizon = o->horizon;
	r->m = o->m;
	nsteps = calloc((size_t)no, sizeof(*nsteps));
	fail = calloc((size_t)no, sizeof(*fail));
	first = calloc((size_t)no, sizeof(*first));
	errs = calloc((size_t)no, sizeof(*errs));
	r->unscored = malloc((size_t)no * o->horizon * 2 * sizeof(int32_t));
	if (!nsteps || !fail || !first || !errs || !r->unscored) {
		rc = dur_error_set(err, DUR_ENOMEM, NULL, 0, 0,
				   "out of memory");
		goto out;
	}
	per = (size_t)d->nquant * nfc;
	for (int i = 0; i < no; i++) {
		int p0 = period_index(d, o->origin[i]);

		nsteps[i] = d->nperiods - p0 < o->horizon ? d->nperiods - p0 :
							    o->horizon;
		for (int s = nsteps[i]; s < o->horizon; s++) {
			int32_t *u = r->unscored + 2 * r->nunscored++;

			u[0] = o->origin[i];
			/* the period after the data: month arithmetic */
			{
				int y, mo, dd;

				dur_date_to_ymd(d->period[d->nperiods - 1], &y,
						&mo, &dd);
				mo += s - (d->nperiods - p0) + 1;
				y += (mo - 1) / 12;
				mo = (mo - 1) % 12 + 1;
				u[1] = dur_date_from_ymd(y, mo, 1);
			}
		}
		first[i] = total;
		total += per * nsteps[i];
	}
	r->nrows = total;
	r->row = calloc(total + 1, sizeof(*r->row));
	if (o->keep_samples)
		r->samples = malloc((total + 1) * o->m * sizeof(double));
	rc = !r->row || (o->keep_samples && !r->samples) ? DUR_ENOMEM : 0;
	if (cm) /* every rank takes the same branch */
		rc = dur_pf_agree(cm, rc);
	if (rc) {
		rc = dur_error_set(err, rc, NULL, 0, 0,
				   rc == DUR_ENOMEM ? "out of memory"
						    : "the processes cannot "
						      "exchange");
		goto out;
	}
#pragma omp parallel num_threads(o->threads > 0 ? o->threads : \
					 omp_get_max_threads())
	{
		double *buf = malloc((size_t)nfc * o->horizon * o->m *
				     sizeof(*buf));

#pragma omp for schedule(dynamic, 1)
		for (int i = olo; i < ohi; i++) {
			if (!buf) {
				fail[i] = dur_error_set(&errs[i], DUR_ENOMEM,
							NULL, 0, 0,
							"out of memory");
				continue;
			}
			fail[i] = run_origin(d, fc, nfc, o, i, nsteps[i],
					     r->row + first[i],
					     r->samples ? r->samples +
								  first[i] * o->m :
							  NULL,
					     buf, &errs[i]);
		}
		free(buf);
	}
	if (cm && share(cm, o, no, first, total, fail, errs, r)) {
		rc = dur_error_set(err, DUR_EIO, NULL, 0, 0,
				   "the processes cannot exchange the "
				   "scores");
		goto out;
	}
	for (int i = 0; i < no; i++)
		if (fail[i]) {
			char a[11];

			rc = dur_error_set(err, errs[i].code, NULL, 0, 0,
					   "origin %s: %s",
					   dur_date_format(o->origin[i], a),
					   errs[i].msg);
			goto out;
		}
	rc = summarise(r, o, err);
out:
	free(nsteps);
	free(fail);
	free(first);
	free(errs);
	if (rc)
		dur_backtest_release(r);
	return rc;
}

void dur_backtest_release(struct dur_backtest_result *r)
{
	free(r->row);
	free(r->samples);
	free(r->unscored);
	free(r->mean);
	free(r->pit_hist);
	free(r->skill);
	memset(r, 0, sizeof(*r));
}
