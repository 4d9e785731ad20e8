/*
 * bench_import.c: rows per second of `durand import` on a warm buffer, by
 * the wall clock and by the process's CPU time, first with the process held
 * to one core (the figure the import is judged by), then on every core the
 * machine gives it (parsing then runs beside the inserts).
 * Writes N rows in UCDP GED's layout (the HDX variant: 50 columns, CRLF,
 * three quoted fields with commas, doubled quotes and a line break; 551
 * bytes a row, where the real extract for Pakistan averages 534) and N rows
 * in ACLED's to files in a temporary directory, reads each once (a warm
 * file, as an analyst's download is after its first look) and imports it
 * into a new database there. The time runs from the database's opening to
 * its close, so it includes the final checkpoint of the write-ahead log.
 */
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csv.h>

#include "durand/csvread.h"
#include "durand/import.h"
#include "durand/store.h"

static const char ucdp_header[] =
	"id,relid,year,active_year,code_status,type_of_violence,"
	"conflict_dset_id,conflict_new_id,conflict_name,dyad_dset_id,"
	"dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,"
	"side_b_dset_id,side_b_new_id,side_b,number_of_sources,"
	"source_article,source_office,source_date,source_headline,"
	"source_original,where_prec,where_coordinates,where_description,"
	"adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,iso3,"
	"country_id,region,event_clarity,date_prec,date_start,date_end,"
	"deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low,"
	"gwnoa,gwnob\r\n";

static const char acled_header[] =
	"event_id_cnty,event_date,year,time_precision,disorder_type,"
	"event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,"
	"assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,"
	"country,admin1,admin2,admin3,location,latitude,longitude,"
	"geo_precision,source,source_scale,notes,fatalities,tags,timestamp\n";

static char *make_ucdp(long n, size_t *len)
{
	size_t cap = 700 * (size_t)n + sizeof(ucdp_header);
	char *b = malloc(cap), *p = b;

	p += sprintf(p, "%s", ucdp_header);
	for (long i = 0; i < n; i++) {
		int day = 1 + (int)(i % 28), mon = 1 + (int)(i / 28 % 12);
		int year = 1990 + (int)(i / 336 % 32);

		p += sprintf(
			p,
			"%ld,PAK-%d-1-%ld-%ld,%d,1,Clear,1,209,209,"
			"Pakistan: Government,754,754,Government of Pakistan - "
			"TTP,130,130,Government of Pakistan,1097,1097,TTP,2,"
			"\"Dawn,%d-%02d-%02d,\"\"Militants attack check "
			"post\"\"; The News,%d-%02d-%02d\r\nAFP,"
			"%d-%02d-%02d\",,,"
			"\"Two soldiers martyred, three injured\","
			"ISPR; local officials,1,"
			"Miran Shah town,\"Miran Shah, North Waziristan\","
			"Khyber Pakhtunkwa province,North Waziristan district,"
			"33.0%04ld,70.0%04ld,POINT (70.0%04ld 33.0%04ld),"
			"178%03ld,Pakistan,PAK,770,Asia,1,1,"
			"%d-%02d-%02d 00:00:00.000,%d-%02d-%02d 00:00:00.000,"
			"%ld,%ld,0,0,%ld,%ld,%ld,770,\r\n",
			i + 1, year, i, i % 7, year, year, mon, day, year, mon,
			day, year, mon, day, i % 9999, i % 9973, i % 9973,
			i % 9999, i % 997, year, mon, day, year, mon, day,
			i % 3, i % 5, i % 3 + i % 5, i % 3 + i % 5 + 2,
			i % 3 + i % 5);
	}
	*len = (size_t)(p - b);
	return b;
}

static char *make_acled(long n, size_t *len)
{
	size_t cap = 600 * (size_t)n + sizeof(acled_header);
	char *b = malloc(cap), *p = b;

	p += sprintf(p, "%s", acled_header);
	for (long i = 0; i < n; i++) {
		int day = 1 + (int)(i % 28), mon = 1 + (int)(i / 28 % 12);
		int year = 2018 + (int)(i / 336 % 8);

		p += sprintf(
			p,
			"PAK%ld,%d-%02d-%02d,%d,1,Political violence,Battles,"
			"Armed clash,TTP: Tehrik-i-Taliban Pakistan,,"
			"Rebel group,Military Forces of Pakistan (2018-),,"
			"State forces,State forces-Rebel group,,586,"
			"Southern Asia,Pakistan,Khyber Pakhtunkhwa,"
			"North Waziristan,Mir Ali,Mir Ali,33.0%04ld,70.0%04ld,"
			"1,Dawn; Express Tribune,National,\"On %d %02d %d, "
			"TTP militants attacked a security check post in Mir "
			"Ali, North Waziristan, KP. \"\"Heavy\"\" exchange of "
			"fire; two soldiers and three militants were killed.\","
			"%ld,,%ld\n",
			i + 1, year, mon, day, year, i % 9999, i % 9973, day,
			mon, year, i % 6, 1700000000L + i);
	}
	*len = (size_t)(p - b);
	return b;
}

static double clock_of(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int run(const char *what, const char *cores, int format,
	       const char *dir, size_t len, long n)
{
	char db[4200], csv[4300];
	struct dur_store *st;
	struct dur_import_result res;
	struct dur_error err = { 0 };
	double t0, c0, t, c;

	snprintf(db, sizeof(db), "%s/bench.db", dir);
	snprintf(csv, sizeof(csv), "%s/%s.csv", dir, what);
	t0 = clock_of(CLOCK_MONOTONIC);
	c0 = clock_of(CLOCK_PROCESS_CPUTIME_ID);
	if (dur_store_open(&st, db, DUR_STORE_CREATE, &err))
		goto fail;
	if (dur_import_file(st, format, csv, 0, NULL, &res, NULL, &err)) {
		dur_store_free(st);
		goto fail;
	}
	dur_store_free(st);
	t = clock_of(CLOCK_MONOTONIC) - t0;
	c = clock_of(CLOCK_PROCESS_CPUTIME_ID) - c0;
	if (cores) /* NULL: the warm-up */
		printf("import %s, %s: %ld rows (%.0f MB) in %.3f s (%.3f s of "
		       "CPU): %.0f rows/s, %.0f rows per CPU second\n",
		       what, cores, res.imported, len / 1e6, t, c, n / t,
		       n / c);
	for (const char *sfx = ""; sfx; sfx = *sfx ? NULL : "-wal") {
		snprintf(csv, sizeof(csv), "%s%s", db, sfx);
		unlink(csv);
	}
	return 0;
fail:
	fprintf(stderr, "bench_import: %s\n", err.msg);
	return 1;
}

/* Write buf to DIR/WHAT.csv and read it back once, so it is warm. */
static int write_warm(const char *dir, const char *what, const char *buf,
		      size_t len)
{
	char path[4200];
	FILE *f;
	int rc;

	snprintf(path, sizeof(path), "%s/%s.csv", dir, what);
	f = fopen(path, "wb");
	if (!f)
		return 1;
	rc = fwrite(buf, 1, len, f) != len;
	/* on disk before the clock starts: no write-back during the import */
	rc |= fflush(f) != 0 || fsync(fileno(f)) != 0;
	rc |= fclose(f) != 0;
	f = fopen(path, "rb");
	if (!f)
		return 1;
	while (fread(path, 1, sizeof(path), f) == sizeof(path))
		;
	fclose(f);
	return rc;
}

/* Both measurements of one format: on one core, then on all. */
static int run_both(const char *dir, const char *what, int format,
		    size_t len, long n)
{
	cpu_set_t all, one;
	char label[32];
	int rc = 1;

	if (sched_getaffinity(0, sizeof(all), &all))
		return 1;
	CPU_ZERO(&one);
	for (int i = 0; i < CPU_SETSIZE; i++)
		if (CPU_ISSET(i, &all)) {
			CPU_SET(i, &one);
			break;
		}
	if (!sched_setaffinity(0, sizeof(one), &one))
		rc = run(what, "1 core", format, dir, len, n);
	sched_setaffinity(0, sizeof(all), &all);
	snprintf(label, sizeof(label), "%d cores", CPU_COUNT(&all));
	return rc | run(what, label, format, dir, len, n);
}

/* The real extract, its events `times` times over with new ids. */
struct repeat {
	FILE *out;
	int copy;       /* the copy being written */
	int id_col;     /* the id column */
	long rows;      /* event rows written */
};

static void put_field(FILE *f, const char *s, size_t len)
{
	if (strpbrk(s, ",\"\r\n"))
		csv_fwrite(f, s, len);
	else
		fwrite(s, 1, len, f);
}

static int repeat_row(void *ctx, const struct dur_csvrow *row,
		      struct dur_error *err)
{
	struct repeat *r = ctx;
	char id[32];

	(void)err;
	if (row->record == 1)
		r->id_col = dur_csvread_find(row, "id");
	if (r->id_col < 0 || (size_t)r->id_col >= row->n)
		return DUR_EPARSE;
	/* the header and the HXL hashtag row (no id) once */
	if (r->copy && (row->record == 1 || !row->len[r->id_col]))
		return 0;
	for (size_t i = 0; i < row->n; i++) {
		if (i)
			fputc(',', r->out);
		if ((int)i == r->id_col && row->record > 1 &&
		    row->len[i]) {
			snprintf(id, sizeof(id), "%ld",
				 atol(row->field[i]) + r->copy * 100000000L);
			fputs(id, r->out);
			r->rows++;
		} else {
			put_field(r->out, row->field[i], row->len[i]);
		}
	}
	fputs("\r\n", r->out);
	return 0;
}

/* DIR/real.csv from the real extract, if it is there; 0 rows if not. */
static int make_real(const char *dir, int times, long *rows, size_t *len)
{
	const char *data = getenv("SHARED_DATA");
	char path[4200];
	struct repeat r = { 0 };
	FILE *in;
	char *buf;
	long size;
	int rc = 0;

	*rows = 0;
	*len = 0;
	snprintf(path, sizeof(path), "%s/ucdp-ged-pakistan-1989-2021.csv",
		 data ? data : "../shared/data");
	in = fopen(path, "rb");
	if (!in)
		return 0;
	fseek(in, 0, SEEK_END);
	size = ftell(in);
	rewind(in);
	buf = malloc((size_t)size + 1);
	if (!buf || fread(buf, 1, (size_t)size, in) != (size_t)size)
		rc = 1;
	fclose(in);
	snprintf(path, sizeof(path), "%s/real.csv", dir);
	r.out = rc ? NULL : fopen(path, "wb");
	if (!r.out)
		rc = 1;
	for (r.copy = 0; !rc && r.copy < times; r.copy++)
		rc = dur_csvread_buffer(buf, (size_t)size, path, repeat_row,
					&r, NULL, NULL);
	free(buf);
	if (r.out) {
		rc |= fflush(r.out) != 0 || fsync(fileno(r.out)) != 0;
		*len = (size_t)ftell(r.out);
		rc |= fclose(r.out) != 0;
	}
	*rows = r.rows;
	return rc;
}

/* The files are made in a child process, so that the one that imports
 * starts as `durand import` does, without half a gigabyte of freed
 * buffers behind it. lens: ucdp, acled, real's bytes, real's rows and the
 * warm-up file's bytes. */
static int make_files(const char *dir, long n, size_t lens[5])
{
	int fd[2], status, rc = 0;
	pid_t pid;

	if (pipe(fd))
		return 1;
	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		char *b = make_ucdp(n, &lens[0]);
		long rows;

		rc = write_warm(dir, "ucdp", b, lens[0]);
		free(b);
		b = make_acled(n, &lens[1]);
		rc |= write_warm(dir, "acled", b, lens[1]);
		free(b);
		rc |= make_real(dir, 40, &rows, &lens[2]);
		b = make_ucdp(20000, &lens[4]);
		rc |= write_warm(dir, "warmup", b, lens[4]);
		free(b);
		lens[3] = (size_t)rows;
		rc |= write(fd[1], lens, 5 * sizeof(*lens)) !=
		      (ssize_t)(5 * sizeof(*lens));
		_exit(rc);
	}
	close(fd[1]);
	rc = read(fd[0], lens, 5 * sizeof(*lens)) !=
	     (ssize_t)(5 * sizeof(*lens));
	close(fd[0]);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		rc = 1;
	return rc;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 500000;
	char dir[] = "/tmp/durand-bench.XXXXXX", cmd[64];
	size_t lens[5] = { 0, 0, 0, 0, 0 };
	int rc;

	if (!mkdtemp(dir))
		return 1;
	rc = make_files(dir, n, lens);
	/* 20,000 rows first, not measured: what a process does once (SQLite's
	 * first use, its page cache's memory, libcrypto's set-up) stays out of
	 * the rows per second */
	if (!rc)
		rc = run("warmup", NULL, DUR_IMPORT_UCDP, dir, lens[4], 20000);
	if (!rc)
		rc = run_both(dir, "ucdp", DUR_IMPORT_UCDP, lens[0], n);
	if (!rc)
		rc = run_both(dir, "acled", DUR_IMPORT_ACLED, lens[1], n);
	if (!rc && lens[3])
		rc = run_both(dir, "real", DUR_IMPORT_UCDP, lens[2],
			      (long)lens[3]);
	else if (!rc)
		printf("import real: no real extract in ../shared/data (or "
		       "$SHARED_DATA): not measured\n");
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return rc | (system(cmd) != 0);
}
