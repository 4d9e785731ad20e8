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
	printf("import %s, %s: %ld rows (%.0f MB) in %.3f s (%.3f s of CPU): "
	       "%.0f rows/s, %.0f rows per CPU second\n",
	       what, cores, res.imported, len / 1e6, t, c, n / t, n / c);
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

/* The files are made in a child process, so that the one that imports
 * starts as `durand import` does, without half a gigabyte of freed
 * buffers behind it. */
static int make_files(const char *dir, long n, size_t *ulen, size_t *alen)
{
	int fd[2], status, rc = 0;
	size_t lens[2] = { 0, 0 };
	pid_t pid;

	if (pipe(fd))
		return 1;
	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		char *b = make_ucdp(n, &lens[0]);

		rc = write_warm(dir, "ucdp", b, lens[0]);
		free(b);
		b = make_acled(n, &lens[1]);
		rc |= write_warm(dir, "acled", b, lens[1]);
		free(b);
		rc |= write(fd[1], lens, sizeof(lens)) != sizeof(lens);
		_exit(rc);
	}
	close(fd[1]);
	rc = read(fd[0], lens, sizeof(lens)) != sizeof(lens);
	close(fd[0]);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		rc = 1;
	*ulen = lens[0];
	*alen = lens[1];
	return rc;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 500000;
	char dir[] = "/tmp/durand-bench.XXXXXX", cmd[64];
	size_t ulen, alen;
	int rc;

	if (!mkdtemp(dir))
		return 1;
	rc = make_files(dir, n, &ulen, &alen);
	if (!rc)
		rc = run_both(dir, "ucdp", DUR_IMPORT_UCDP, ulen, n);
	if (!rc)
		rc = run_both(dir, "acled", DUR_IMPORT_ACLED, alen, n);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return rc | (system(cmd) != 0);
}
