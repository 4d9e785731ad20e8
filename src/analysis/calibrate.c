/*
 * calibrate.c: the objective of `durand calibrate` (a hindcast's distance to
 * the stated figures) and the writing of the fitted values into a scenario.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "durand/calibrate.h"
#include "durand/sim.h"
#include "durand/smm.h"

int dur_calibrate_setup(const struct dur_scenario *sc,
			const char *const *paths, int k,
			struct dur_calibrate *cal, struct dur_error *err)
{
	memset(cal, 0, sizeof(*cal));
	if (k < 1 || k > DUR_CALIBRATE_MAX)
		return dur_error_set(err, DUR_EINVAL, "", 0, 0,
				     "expected 1 to %d parameters, got %d",
				     DUR_CALIBRATE_MAX, k);
	for (int i = 0; i < k; i++) {
		size_t off;
		int r, e = dur_scenario_param_require(sc, paths[i], &off, err);

		if (e)
			return e;
		r = dur_scenario_range_find(sc, paths[i]);
		if (r < 0)
			return dur_error_set(err, DUR_EINVAL, "", 0, 0,
					     "parameter '%s' has no range to "
					     "search; give it one in 'params' "
					     "or 'ranges'",
					     paths[i]);
		snprintf(cal->path[i], sizeof(cal->path[i]), "%s", paths[i]);
		cal->off[i] = off;
		cal->lo[i] = sc->range[r].lo;
		cal->hi[i] = sc->range[r].hi;
		cal->start[i] = *dur_model_at((struct dur_model *)&sc->model,
					      off);
		if (cal->start[i] < cal->lo[i])
			cal->start[i] = cal->lo[i];
		if (cal->start[i] > cal->hi[i])
			cal->start[i] = cal->hi[i];
	}
	cal->k = k;
	return 0;
}

static enum dur_smm_kind smm_kind(int kind)
{
	switch (kind) {
	case DUR_TGT_AROUND:
		return DUR_SMM_AROUND;
	case DUR_TGT_EXACT:
		return DUR_SMM_EXACT;
	default:
		return DUR_SMM_AT_LEAST;
	}
}

double dur_calibrate_loss(const struct dur_hindcast *h)
{
	double loss = 0;

	for (int i = 0; i < h->sc->ntargets; i++) {
		const struct dur_target *t = &h->sc->target[i];

		if (t->kind == DUR_TGT_EVENT)
			continue;
		/* the mean: a smooth stand-in for the median on common
		 * random numbers */
		loss += dur_smm_target_loss(smm_kind(t->kind), t->value,
					    dur_sketch_mean(&h->target[i]));
	}
	return loss;
}

struct objective {
	const struct dur_scenario *sc;
	struct dur_scenario *work;
	const struct dur_calibrate_opts *o;
	const struct dur_calibrate *cal;
	int evals;
	double best;
	int failed;
	struct dur_error err;
};

static double loss_at(const double *x, void *ctx)
{
	struct objective *ob = ctx;
	struct dur_hindcast_opts ho = { ob->o->runs, ob->o->seed, ob->o->until,
					ob->o->threads, DUR_PERIOD_NONE,
					ob->o->cancel, NULL, NULL };
	struct dur_hindcast *h = NULL;
	double loss;

	memcpy(ob->work, ob->sc, sizeof(*ob->work));
	for (int i = 0; i < ob->cal->k; i++) {
		*dur_model_at(&ob->work->model, ob->cal->off[i]) = x[i];
		dur_param_ensemble_drop(ob->work, ob->cal->off[i]);
	}
	if (dur_hindcast_run(ob->work, &ho, &h, &ob->err)) {
		ob->failed = 1;
		return HUGE_VAL;
	}
	/* the hindcast must look at the working copy's targets */
	loss = dur_calibrate_loss(h);
	dur_hindcast_free(h);
	ob->evals++;
	if (loss < ob->best)
		ob->best = loss;
	if (ob->o->progress) {
		struct dur_progress pr = { ob->evals, ob->o->max_evals, loss,
					   ob->best, x };

		ob->o->progress(ob->o->progress_ctx, &pr);
	}
	return loss;
}

int dur_calibrate_run(const struct dur_scenario *sc,
		      const struct dur_calibrate_opts *o,
		      struct dur_calibrate *cal, struct dur_error *err)
{
	struct objective ob = { sc, NULL, o, cal, 0, HUGE_VAL, 0, { 0 } };
	struct dur_smm_problem pb = { (size_t)cal->k, NULL, cal->lo, cal->hi,
				      cal->start, loss_at, &ob };
	struct dur_smm_opts so = DUR_SMM_OPTS_INIT;
	struct dur_smm_result res = { 0 };
	const char *names[DUR_CALIBRATE_MAX];
	int rc;

	for (int i = 0; i < cal->k; i++)
		names[i] = cal->path[i];
	pb.names = names;
	ob.work = dur_scenario_dup(sc);
	if (!ob.work)
		return dur_error_set(err, DUR_ENOMEM, "", 0, 0, "out of memory");
	cal->start_loss = loss_at(cal->start, &ob);
	if (ob.failed) {
		dur_scenario_free(ob.work);
		if (ob.err.code == DUR_ECANCEL)
			return dur_error_set(err, DUR_ECANCEL, "", 0, 0,
					     "%s of the first evaluation; "
					     "nothing written",
					     ob.err.msg);
		if (err)
			*err = ob.err;
		return ob.err.code;
	}
	so.max_evals = o->max_evals;
	so.cancel = o->cancel;
	memcpy(cal->x, cal->start, sizeof(cal->x));
	rc = dur_smm_fit(&pb, &so, cal->x, &res, err);
	dur_scenario_free(ob.work);
	if (ob.failed && ob.err.code != DUR_ECANCEL) {
		if (err)
			*err = ob.err;
		return ob.err.code;
	}
	cal->loss = res.loss;
	cal->evals = ob.evals;
	cal->converged = rc == 0;
	if (rc == DUR_ECANCEL || (ob.failed && ob.err.code == DUR_ECANCEL))
		return dur_error_set(err, DUR_ECANCEL, "", 0, 0,
				     "interrupted after %d evaluations; "
				     "nothing written",
				     ob.evals);
	return rc;
}

/* Is line (up to its end) an entry "  PATH:" of one of cal's paths? */
static int is_fitted_line(const char *line, const struct dur_calibrate *cal)
{
	const char *p = line;

	while (*p == ' ')
		p++;
	if (p == line)
		return 0;
	for (int i = 0; i < cal->k; i++) {
		size_t n = strlen(cal->path[i]);

		if (!strncmp(p, cal->path[i], n) && p[n] == ':')
			return 1;
	}
	return 0;
}

char *dur_calibrate_yaml(const char *text, const struct dur_calibrate *cal)
{
	size_t len = strlen(text), cap = len + 4096 + (size_t)cal->k * 256;
	char *out = malloc(cap), *w = out;
	const char *ov = NULL, *p = text;

	if (!out)
		return NULL;
	/* find a top-level "overrides:" line */
	while (p && *p) {
		if (!strncmp(p, "overrides:", 10)) {
			ov = p;
			break;
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	if (ov) {
		const char *q = strchr(ov, '\n');

		q = q ? q + 1 : ov + strlen(ov);
		memcpy(w, text, (size_t)(q - text));
		w += q - text;
		p = q;
	} else {
		memcpy(w, text, len);
		w += len;
		if (len && text[len - 1] != '\n')
			*w++ = '\n';
		w += sprintf(w, "\n# Values fitted by `durand calibrate` to the "
				"targets (docs/calibration.md).\noverrides:\n");
		p = NULL;
	}
	for (int i = 0; i < cal->k; i++)
		w += snprintf(w, 256,
			      "  %s: %.6g  # fitted: loss %.4g (from %.4g), "
			      "%d evaluations\n",
			      cal->path[i], cal->x[i], cal->loss,
			      cal->start_loss, cal->evals);
	/* the rest, minus the block's older values of these paths */
	for (int in_block = 1; p && *p;) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p + 1) : strlen(p);

		if (*p != ' ' && *p != '\n' && *p != '#')
			in_block = 0;
		if (!(in_block && is_fitted_line(p, cal))) {
			memcpy(w, p, n);
			w += n;
		}
		p += n;
	}
	*w = 0;
	return out;
}
