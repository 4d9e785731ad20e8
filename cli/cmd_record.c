/*
 * cmd_record.c: `durand record`, the dated record of the crisis: list the
 * built-in records, show one's facts (filtered, as text, CSV or JSON),
 * check record files, and list the quantities a record may use.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "durand/date.h"
#include "durand/json.h"
#include "durand/record.h"

static const struct cli_command cmd = {
	"record", "list | show [<name>|<file>] | check <file>... | quantities",
	"The dated record of the crisis (docs/record.md): 'list' the built-in "
	"records, their span and digest; 'show' a record's facts (default: the "
	"built-in 'afpak'; csv is the record file format, sorted); 'check' "
	"record files, every bad line as FILE:LINE: message (exit 2); "
	"'quantities' the known quantities, their kinds and meaning."
};

static const struct cli_command show_cmd = {
	"record show", "[<name>|<file>]",
	"A record's facts, filtered (docs/record.md)."
};

static const struct cli_option no_opts[] = { CLI_OPT_END() };

enum { FMT_TEXT, FMT_JSON, FMT_CSV }; /* the order of cli_formats */

struct show_opts {
	const char *name;     /* built-in name or file */
	int has_name;         /* 1 once the command line named one */
	int fmt;              /* FMT_* */
	const char *quantity; /* NULL: all */
	int has_from, has_until;
	int32_t from, until;
};

/* The options of `record show`: 0, or the exit status after a message. */
static int parse_show_options(int argc, char **argv, struct show_opts *o)
{
	const struct cli_option opts[] = {
		CLI_OPT_FORMAT(&o->fmt, cli_formats),
		CLI_OPT_STRING("quantity", &o->quantity, "Q",
			       "only this quantity ('militant_attacks', or with "
			       "its subject 'crossing_closed:torkham')"),
		CLI_OPT_DATE("from", &o->from, &o->has_from,
			     "only facts that end on or after DATE"),
		CLI_OPT_DATE("until", &o->until, &o->has_until,
			     "only facts that start on or before DATE"),
		CLI_OPT_END(),
	};

	*o = (struct show_opts){ .name = CLI_RECORD_DEFAULT, .fmt = FMT_TEXT };
	argc = cli_parse(&show_cmd, opts, argc, argv);
	if (argc < 0)
		return cli_parse_exit(argc) ? 2 : -1;
	if (argc > 1)
		return cli_usage_error(&show_cmd, opts);
	if (argc == 1) {
		o->name = argv[0];
		o->has_name = 1;
	}
	if (o->quantity) {
		char q[64];

		snprintf(q, sizeof(q), "%.*s", (int)strcspn(o->quantity, ":"),
			 o->quantity);
		if (!dur_record_quantity_find(q))
			return bad_usage("record",
					 "--quantity: unknown quantity '%s' "
					 "(see 'durand record quantities')",
					 o->quantity);
	}
	if (o->has_from && o->has_until && o->until < o->from)
		return bad_usage("record", "--until is before --from");
	return 0;
}

static int wanted(const struct dur_fact *f, const struct show_opts *o)
{
	if (o->has_from && f->end < o->from)
		return 0;
	if (o->has_until && f->start > o->until)
		return 0;
	if (o->quantity) {
		size_t l = strlen(f->quantity);

		if (strcmp(o->quantity, f->quantity) &&
		    (strncmp(o->quantity, f->quantity, l) ||
		     o->quantity[l] != ':' ||
		     strcmp(o->quantity + l + 1, f->subject)))
			return 0;
	}
	return 1;
}

/* The quantity with its subject: "crossing_closed:torkham". */
static const char *full_quantity(const struct dur_fact *f, char *buf,
				 size_t size)
{
	snprintf(buf, size, "%s%s%s", f->quantity, f->subject[0] ? ":" : "",
		 f->subject);
	return buf;
}

/* A number as it reads back the same (integers without a point); "" for
 * NAN. */
static const char *num(double x, char *buf, size_t size)
{
	if (isnan(x))
		buf[0] = 0;
	else
		for (int prec = 15; prec <= 17; prec++) {
			snprintf(buf, size, "%.*g", prec, x);
			if (strtod(buf, NULL) == x)
				break;
		}
	return buf;
}

static void csv_field(const char *s, int last)
{
	if (s[strcspn(s, ",\"\r\n")] || (*s && (s[0] == ' ' ||
						s[strlen(s) - 1] == ' '))) {
		putchar('"');
		for (; *s; s++) {
			if (*s == '"')
				putchar('"');
			putchar(*s);
		}
		putchar('"');
	} else {
		fputs(s, stdout);
	}
	putchar(last ? '\n' : ',');
}

static void print_csv(const struct dur_record *r, const struct show_opts *o)
{
	puts(DUR_RECORD_HEADER);
	for (int i = 0; i < r->nfacts; i++) {
		const struct dur_fact *f = &r->fact[i];
		char q[192], a[11], b[11], v[32], lo[32], hi[32];
		char trust[2] = { f->trust, 0 };

		if (!wanted(f, o))
			continue;
		csv_field(f->id, 0);
		csv_field(dur_fact_kind_name(f->kind), 0);
		csv_field(full_quantity(f, q, sizeof(q)), 0);
		csv_field(dur_date_format(f->start, a), 0);
		csv_field(dur_date_format(f->end, b), 0);
		csv_field(num(f->value, v, sizeof(v)), 0);
		csv_field(num(f->low, lo, sizeof(lo)), 0);
		csv_field(num(f->high, hi, sizeof(hi)), 0);
		csv_field(f->unit, 0);
		csv_field(dur_stated_name(f->stated), 0);
		csv_field(f->definition, 0);
		csv_field(f->source, 0);
		csv_field(f->address, 0);
		csv_field(trust, 1);
	}
}

static void print_text(const struct dur_record *r, const struct show_opts *o)
{
	int n = 0;

	for (int i = 0; i < r->nfacts; i++)
		n += wanted(&r->fact[i], o);
	printf("record %s: %d of %d facts, sha256 %s\n", r->name, n,
	       r->nfacts, r->digest);
	printf("%-10s  %-10s  %-6s  %-36s %10s %10s %10s  %-11s %-11s %s  %s\n",
	       "start", "end", "kind", "quantity", "value", "low", "high",
	       "unit", "stated_as", "trust", "id");
	for (int i = 0; i < r->nfacts; i++) {
		const struct dur_fact *f = &r->fact[i];
		char q[192], a[11], b[11], v[32], lo[32], hi[32];

		if (!wanted(f, o))
			continue;
		printf("%-10s  %-10s  %-6s  %-36s %10s %10s %10s  %-11s %-11s "
		       "%-5c  %s\n",
		       dur_date_format(f->start, a), dur_date_format(f->end, b),
		       dur_fact_kind_name(f->kind),
		       full_quantity(f, q, sizeof(q)),
		       isnan(f->value) ? "-" : num(f->value, v, sizeof(v)),
		       isnan(f->low) ? "-" : num(f->low, lo, sizeof(lo)),
		       isnan(f->high) ? "-" : num(f->high, hi, sizeof(hi)),
		       f->unit[0] ? f->unit : "-", dur_stated_name(f->stated),
		       f->trust ? f->trust : '-', f->id);
	}
}

static int print_json(const struct dur_record *r, const struct show_opts *o)
{
	json_t *root = json_object(), *facts = json_array();
	struct dur_error err = { 0 };
	int rc;

	json_object_set_new(root, "kind", json_string("record"));
	json_object_set_new(root, "name", json_string(r->name));
	json_object_set_new(root, "digest", json_string(r->digest));
	json_object_set_new(root, "nfacts", json_integer(r->nfacts));
	for (int i = 0; i < r->nfacts; i++) {
		const struct dur_fact *f = &r->fact[i];
		json_t *j = json_object();
		char a[11], b[11], t[2] = { f->trust, 0 };

		if (!wanted(f, o)) {
			json_decref(j);
			continue;
		}
		json_object_set_new(j, "id", json_string(f->id));
		json_object_set_new(j, "kind",
				    json_string(dur_fact_kind_name(f->kind)));
		json_object_set_new(j, "quantity", json_string(f->quantity));
		json_object_set_new(j, "subject", json_string(f->subject));
		json_object_set_new(j, "start",
				    json_string(dur_date_format(f->start, a)));
		json_object_set_new(j, "end",
				    json_string(dur_date_format(f->end, b)));
		json_object_set_new(j, "value", dur_json_number(f->value));
		json_object_set_new(j, "low", dur_json_number(f->low));
		json_object_set_new(j, "high", dur_json_number(f->high));
		json_object_set_new(j, "unit", json_string(f->unit));
		json_object_set_new(j, "stated_as",
				    json_string(dur_stated_name(f->stated)));
		json_object_set_new(j, "definition",
				    json_string(f->definition));
		json_object_set_new(j, "source", json_string(f->source));
		json_object_set_new(j, "address", json_string(f->address));
		json_object_set_new(j, "trust",
				    f->trust ? json_string(t) : json_null());
		json_object_set_new(j, "line", json_integer(f->line));
		json_array_append_new(facts, j);
	}
	json_object_set_new(root, "facts", facts);
	rc = dur_json_write(root, stdout, &err);
	json_decref(root);
	return rc ? report_error("record", &err) : 0;
}

static int record_show(int argc, char **argv)
{
	struct show_opts o;
	struct dur_record *r;
	int rc = parse_show_options(argc, argv, &o);

	if (rc)
		return rc < 0 ? 0 : rc; /* -1: the help was printed */
	r = cli_open_record("record", o.name, &rc);
	if (!r)
		return rc;
	if (o.fmt == FMT_CSV)
		print_csv(r, &o);
	else if (o.fmt == FMT_JSON)
		rc = print_json(r, &o);
	else
		print_text(r, &o);
	dur_record_free(r);
	if (!rc && fflush(stdout))
		rc = 1;
	return rc;
}

static int record_list(int argc)
{
	if (argc > 1)
		return cli_usage_error(&cmd, no_opts);
	for (int i = 0; dur_record_builtin_name(i); i++) {
		const char *name = dur_record_builtin_name(i);
		struct dur_record *r;
		struct dur_error err = { 0 };
		int32_t lo = INT32_MAX, hi = INT32_MIN;
		char a[11], b[11];

		if (dur_record_builtin(name, &r, &err))
			return report_error("record", &err);
		for (int k = 0; k < r->nfacts; k++) {
			lo = r->fact[k].start < lo ? r->fact[k].start : lo;
			hi = r->fact[k].end > hi ? r->fact[k].end : hi;
		}
		printf("%-10s %4d facts  %s to %s  sha256 %s\n", name,
		       r->nfacts, dur_date_format(lo, a),
		       dur_date_format(hi, b), r->digest);
		dur_record_free(r);
	}
	return 0;
}

static int record_check(int argc, char **argv)
{
	int status = 0;

	if (argc < 2)
		return cli_usage_error(&cmd, no_opts);
	for (int i = 1; i < argc; i++) {
		struct dur_diag diag = { 0 };
		struct dur_error err = { 0 };
		struct dur_record *r;

		if (dur_record_open(argv[i], &r, &diag, &err)) {
			int rc = diag.n ? report_diag("record", &diag) :
					  report_error("record", &err);

			if (rc > status)
				status = rc;
		} else {
			printf("%s: %d facts, ok\n", argv[i], r->nfacts);
			dur_record_free(r);
		}
		dur_diag_release(&diag);
	}
	return status;
}

static int record_quantities(int argc)
{
	const struct dur_record_quantity *q;

	if (argc > 1)
		return cli_usage_error(&cmd, no_opts);
	for (int i = 0; (q = dur_record_quantity_at(i)); i++) {
		char kinds[64] = "";

		for (int k = 0; k <= DUR_FACT_POLICY; k++)
			if (q->kinds & (1u << k))
				snprintf(kinds + strlen(kinds),
					 sizeof(kinds) - strlen(kinds), "%s%s",
					 kinds[0] ? "," : "",
					 dur_fact_kind_name(k));
		printf("%-31s %-12s %s%s\n", q->name, kinds,
		       q->subject == DUR_SUBJECT_CROSSINGS ? "[:crossings] " :
		       q->subject == DUR_SUBJECT_MEDIATORS ? "[:mediators] " :
							     "",
		       q->meaning);
	}
	return 0;
}

int cmd_record(int argc, char **argv)
{
	const char *sub;

	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		cli_help(stdout, &cmd, no_opts);
		return 0;
	}
	if (argc < 2)
		return cli_usage_error(&cmd, no_opts);
	sub = argv[1];
	if (!strcmp(sub, "list"))
		return record_list(argc - 1);
	if (!strcmp(sub, "show"))
		return record_show(argc - 1, argv + 1);
	if (!strcmp(sub, "check"))
		return record_check(argc - 1, argv + 1);
	if (!strcmp(sub, "quantities"))
		return record_quantities(argc - 1);
	return bad_usage("record",
			 "'%s' is not a record command (list, show, check, "
			 "quantities)",
			 sub);
}
