/*
 * parse.c: the command line of every subcommand read against its option
 * table (cli.h), in the manner of git's parse-options: one table says what
 * is parsed, and the usage line and --help text are printed from it, so
 * they cannot drift from what is parsed. Misspelt options and commands
 * are answered with the nearest valid ones.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "durand/date.h"

#define WIDTH 79     /* of the usage and help text */
#define HELP_COL 24  /* where an option's help starts */
#define MAX_OPTS 64  /* rows of a table at most */

/* Optimal string alignment distance: edits, a swap of neighbours being one
 * (the commonest typo), so '--fromat' is one from '--format'. */
static int distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	int d[64][64];

	if (n > 62 || m > 62)
		return 99;
	for (size_t i = 0; i <= n; i++)
		d[i][0] = (int)i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= n; i++)
		for (size_t j = 1; j <= m; j++) {
			int c = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);

			if (d[i - 1][j] + 1 < c)
				c = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < c)
				c = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < c)
				c = d[i - 2][j - 2] + 1;
			d[i][j] = c;
		}
	return d[n][m];
}

int cli_suggest(const char *typed, const char *const *names, size_t n,
		const char *prefix, char *buf, size_t size)
{
	int best = 99, limit = (int)strlen(typed) / 3, found = 0;
	size_t used = 0;

	if (limit < 1)
		limit = 1;
	if (limit > 2)
		limit = 2;
	for (size_t i = 0; i < n; i++) {
		int d = distance(typed, names[i]);

		if (d < best)
			best = d;
	}
	buf[0] = '\0';
	if (best > limit)
		return 0;
	for (size_t i = 0; i < n && used < size; i++)
		if (distance(typed, names[i]) == best)
			used += snprintf(buf + used, size - used, "%s'%s%s'",
					 found++ ? ", " : "", prefix, names[i]);
	return found;
}

/* "a, b or c" of a choice list. */
static void choice_list(const struct cli_choice *c, const char *sep,
			char *buf, size_t size)
{
	size_t used = 0;
	int n = 0;

	while (c[n].name)
		n++;
	buf[0] = '\0';
	for (int i = 0; i < n && used < size; i++)
		used += snprintf(buf + used, size - used, "%s%s",
				 i == 0 ? "" : i == n - 1 && *sep == ',' ? " or "
									  : sep,
				 c[i].name);
}

static int nopts(const struct cli_option *o)
{
	int n = 0;

	while (o[n].kind != CLI_END)
		n++;
	return n;
}

/* The value's name: "N", "FILE"; a choice without one lists its names. */
static const char *argh(const struct cli_option *o, char *buf, size_t size)
{
	if (o->kind == CLI_FLAG)
		return "";
	if (o->argh)
		return o->argh;
	if (o->kind == CLI_CHOICE) {
		choice_list(o->choices, "|", buf, size);
		return buf;
	}
	return "VALUE";
}

/* "--runs N", "-o, --output FILE" as the help lists it; its length. */
static int left_part(const struct cli_option *o, char *buf, size_t size)
{
	char sh[8] = "", a[96];

	if (o->short_name)
		snprintf(sh, sizeof(sh), "-%c, ", o->short_name);
	return snprintf(buf, size, "%s--%s%s%s", sh, o->name,
			o->kind == CLI_FLAG ? "" : " ",
			argh(o, a, sizeof(a)));
}

/* The default an option holds before parsing, as the help states it; ""
 * when there is none to state. */
static void default_of(const struct cli_option *o, char *buf, size_t size)
{
	buf[0] = '\0';
	if (o->flags & CLI_NO_DEFAULT)
		return;
	switch (o->kind) {
	case CLI_INT:
		if (*(int *)o->value)
			snprintf(buf, size, "%d", *(int *)o->value);
		break;
	case CLI_LONG:
		if (*(long *)o->value)
			snprintf(buf, size, "%ld", *(long *)o->value);
		break;
	case CLI_UINT64:
		if (*(uint64_t *)o->value)
			snprintf(buf, size, "%" PRIu64, *(uint64_t *)o->value);
		break;
	case CLI_DOUBLE:
		if (*(double *)o->value != 0)
			snprintf(buf, size, "%g", *(double *)o->value);
		break;
	case CLI_STRING:
		if (*(const char **)o->value)
			snprintf(buf, size, "%s", *(const char **)o->value);
		break;
	case CLI_CHOICE:
		for (const struct cli_choice *c = o->choices; c->name; c++)
			if (c->value == *(int *)o->value) {
				snprintf(buf, size, "%s", c->name);
				break;
			}
		break;
	default:
		break;
	}
}

/* Print words of s from column col, wrapping at WIDTH to column indent. */
static void wrap(FILE *fp, const char *s, int col, int indent)
{
	while (*s) {
		size_t w = strcspn(s, " ");

		if (col > indent && col + 1 + (int)w > WIDTH) {
			fprintf(fp, "\n%*s", indent, "");
			col = indent;
		} else if (col > indent) {
			fputc(' ', fp);
			col++;
		}
		fprintf(fp, "%.*s", (int)w, s);
		col += (int)w;
		s += w;
		while (*s == ' ')
			s++;
	}
}

void cli_usage(FILE *fp, const struct cli_command *cmd,
	       const struct cli_option *opts)
{
	char item[128], a[96];
	int indent = fprintf(fp, "usage: durand %s", cmd->name), col = indent;

	if (cmd->args)
		col += fprintf(fp, " %s", cmd->args);
	for (const struct cli_option *o = opts; o->kind != CLI_END; o++) {
		int req = o->flags & CLI_REQUIRED;

		snprintf(item, sizeof(item), "%s--%s%s%s%s%s", req ? "" : "[",
			 o->name, o->kind == CLI_FLAG ? "" : " ",
			 argh(o, a, sizeof(a)), req ? "" : "]",
			 o->kind == CLI_LIST ? "..." : "");
		if (col + 1 + (int)strlen(item) > WIDTH) {
			fprintf(fp, "\n%*s", indent, "");
			col = indent;
		}
		fprintf(fp, " %s", item);
		col += 1 + (int)strlen(item);
	}
	fputc('\n', fp);
}

void cli_help(FILE *fp, const struct cli_command *cmd,
	      const struct cli_option *opts)
{
	cli_usage(fp, cmd, opts);
	if (cmd->about) {
		fputc('\n', fp);
		wrap(fp, cmd->about, 0, 0);
		fputc('\n', fp);
	}
	fputc('\n', fp);
	for (const struct cli_option *o = opts; o->kind != CLI_END; o++) {
		char left[96], def[96], list[96], help[512];
		int n = left_part(o, left, sizeof(left));

		default_of(o, def, sizeof(def));
		list[0] = '\0';
		if (o->kind == CLI_CHOICE && o->argh) /* else the left says */
			choice_list(o->choices, ", ", list, sizeof(list));
		snprintf(help, sizeof(help), "%s%s%s%s%s%s", o->help,
			 list[0] || def[0] ? " (" : "", list,
			 list[0] && def[0] ? "; " : "",
			 def[0] ? "default " : "", def);
		if (list[0] || def[0])
			strncat(help, ")", sizeof(help) - strlen(help) - 1);
		fprintf(fp, "  %s", left);
		if (2 + n + 2 > HELP_COL) {
			fprintf(fp, "\n%*s", HELP_COL, "");
		} else {
			fprintf(fp, "%*s", HELP_COL - 2 - n, "");
		}
		wrap(fp, help, HELP_COL, HELP_COL);
		fputc('\n', fp);
	}
	fprintf(fp, "  %-*s%s\n", HELP_COL - 2, "-h, --help",
		"print this help and exit");
}

/* An option's value from text: a message naming the option if bad. */
static int set_value(const char *cmd, const struct cli_option *o,
		     const char *v)
{
	char opt[80];
	long n;

	snprintf(opt, sizeof(opt), "--%s", o->name);
	switch (o->kind) {
	case CLI_INT:
	case CLI_LONG:
	case CLI_UINT64:
		if (parse_long(cmd, opt, v, (long)o->min, (long)o->max, &n))
			return -1;
		if (o->kind == CLI_INT)
			*(int *)o->value = (int)n;
		else if (o->kind == CLI_LONG)
			*(long *)o->value = n;
		else
			*(uint64_t *)o->value = (uint64_t)n;
		return 0;
	case CLI_DOUBLE:
		return parse_double(cmd, opt, v, o->dmin, o->dmax,
				    (double *)o->value);
	case CLI_STRING:
		*(const char **)o->value = v;
		return 0;
	case CLI_CHOICE:
		for (const struct cli_choice *c = o->choices; c->name; c++)
			if (!strcmp(v, c->name)) {
				*(int *)o->value = c->value;
				return 0;
			}
		{
			char list[128];

			choice_list(o->choices, ", ", list, sizeof(list));
			bad_usage(cmd, "%s: expected %s, got '%s'", opt, list,
				  v);
		}
		return -1;
	case CLI_LIST:
		if (*o->count >= o->max) {
			bad_usage(cmd, "at most %lld %s", o->max, opt);
			return -1;
		}
		((const char **)o->value)[(*o->count)++] = v;
		return 0;
	case CLI_DATE:
	{
		const char *why;

		if (dur_date_parse(v, strlen(v), (int32_t *)o->value, &why)) {
			int form = !strncmp(why, "expected", 8);

			bad_usage(cmd, "%s: expected a date as YYYY-MM-DD, got "
				       "'%s'%s%s%s",
				  opt, v, form ? "" : " (", form ? "" : why,
				  form ? "" : ")");
			return -1;
		}
		if (o->count)
			*o->count = 1;
		return 0;
	}
	case CLI_FLAG:
		*(int *)o->value = 1;
		return 0;
	case CLI_END:
		break;
	}
	return -1;
}

static int fail(const struct cli_command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* bad_usage's message; returns CLI_USAGE. */
static int fail(const struct cli_command *cmd, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	bad_usage(cmd->name, "%s", msg);
	return CLI_USAGE;
}

/* Unknown option: say so, with the nearest names of the table. */
static int unknown(const struct cli_command *cmd,
		   const struct cli_option *opts, const char *arg)
{
	const char *names[MAX_OPTS + 1];
	char near[512];
	size_t n = 0;
	const char *typed = arg + strspn(arg, "-");
	size_t len = strcspn(typed, "=");
	char name[64];

	for (const struct cli_option *o = opts; o->kind != CLI_END; o++)
		names[n++] = o->name;
	names[n++] = "help";
	snprintf(name, sizeof(name), "%.*s", (int)len, typed);
	if (arg[1] == '-' &&
	    cli_suggest(name, names, n, "--", near, sizeof(near)))
		return fail(cmd, "unknown option '--%s'; did you mean %s?",
			    name, near);
	return fail(cmd, "unknown option '%.*s'; see 'durand %s --help'",
		    (int)(typed - arg + len), arg, cmd->name);
}

/* The row of a long option into *out: the exact name, else the one name
 * it abbreviates (as getopt_long allowed). 0 if found or unknown (*out
 * NULL), CLI_USAGE after a message if the abbreviation is ambiguous. */
static int find_long(const struct cli_command *cmd,
		     const struct cli_option *opts, const char *name,
		     size_t len, const struct cli_option **out)
{
	int nhits = 0;
	char list[512] = "";
	size_t used = 0;

	*out = NULL;
	for (const struct cli_option *o = opts; o->kind != CLI_END; o++) {
		if (strncmp(o->name, name, len))
			continue;
		if (!o->name[len]) {
			*out = o;
			return 0;
		}
		*out = o;
		nhits++;
		if (used < sizeof(list))
			used += snprintf(list + used, sizeof(list) - used,
					 "%s'--%s'", nhits > 1 ? ", " : "",
					 o->name);
	}
	if (nhits > 1)
		return fail(cmd, "ambiguous option '--%.*s' (%s)", (int)len,
			    name, list);
	return 0;
}

const struct cli_clamp *cli_clamp;

/* Every option of opts named in cli_clamp held within its clamp (cli.h). */
static void clamp_sizes(const struct cli_option *opts)
{
	for (const struct cli_option *o = opts; o->kind != CLI_END; o++) {
		const struct cli_clamp *c = cli_clamp;
		long long v, lim;

		if (o->kind != CLI_INT && o->kind != CLI_LONG &&
		    o->kind != CLI_UINT64)
			continue;
		while (c->name && strcmp(c->name, o->name))
			c++;
		if (!c->name)
			continue;
		lim = c->max < o->min ? o->min : c->max;
		if (o->kind == CLI_INT)
			v = *(int *)o->value;
		else if (o->kind == CLI_LONG)
			v = *(long *)o->value;
		else
			v = (long long)*(uint64_t *)o->value;
		if (v <= lim && v >= o->min)
			continue;
		if (o->kind == CLI_INT)
			*(int *)o->value = (int)lim;
		else if (o->kind == CLI_LONG)
			*(long *)o->value = (long)lim;
		else
			*(uint64_t *)o->value = (uint64_t)lim;
	}
}

int cli_parse(const struct cli_command *cmd, const struct cli_option *opts,
	      int argc, char **argv)
{
	int npos = 0, dashdash = 0;
	char seen[MAX_OPTS] = { 0 };

	if (nopts(opts) > MAX_OPTS)
		return CLI_USAGE; /* a table too large: a bug, caught by tests */
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = NULL;
		const struct cli_option *o = NULL;

		if (dashdash || a[0] != '-' || !a[1]) {
			argv[npos++] = argv[i];
			continue;
		}
		if (!strcmp(a, "--")) {
			dashdash = 1;
			continue;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			cli_help(stdout, cmd, opts);
			return CLI_HELP;
		}
		if (a[1] == '-') {
			const char *eq = strchr(a + 2, '=');
			size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);

			if (find_long(cmd, opts, a + 2, len, &o))
				return CLI_USAGE;
			if (!o && len && !eq && !strncmp("help", a + 2, len)) {
				cli_help(stdout, cmd, opts);
				return CLI_HELP;
			}
			if (eq)
				v = eq + 1;
		} else {
			for (const struct cli_option *s = opts;
			     s->kind != CLI_END; s++)
				if (s->short_name == a[1])
					o = s;
			if (o && a[2])
				v = a + 2;
		}
		if (!o)
			return unknown(cmd, opts, a);
		if (o->kind == CLI_FLAG && v)
			return fail(cmd, "option '--%s' takes no value",
				    o->name);
		if (o->kind != CLI_FLAG && !v) {
			if (i + 1 >= argc)
				return fail(cmd, "option '--%s' needs a value",
					    o->name);
			v = argv[++i];
		}
		if (set_value(cmd->name, o, v))
			return CLI_USAGE;
		seen[o - opts] = 1;
	}
	for (int k = 0; opts[k].kind != CLI_END; k++)
		if ((opts[k].flags & CLI_REQUIRED) && !seen[k])
			return fail(cmd,
				    "option '--%s' is required; see 'durand "
				    "%s --help'",
				    opts[k].name, cmd->name);
	if (cli_clamp)
		clamp_sizes(opts);
	argv[npos] = NULL;
	return npos;
}

int cli_parse_exit(int rc)
{
	return rc == CLI_HELP ? 0 : 2;
}

int cli_usage_error(const struct cli_command *cmd,
		    const struct cli_option *opts)
{
	cli_usage(stderr, cmd, opts);
	return 2;
}
