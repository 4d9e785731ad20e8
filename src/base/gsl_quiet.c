/*
 * gsl_quiet.c: turns GSL's abort-on-error handler off, once per process,
 * so that a GSL failure becomes a status the library checks (gsl_quiet.h).
 */
#include <pthread.h>

#include <gsl/gsl_errno.h>

#include "durand/gsl_quiet.h"

static void quiet(void)
{
	gsl_set_error_handler_off();
}

void dur_gsl_quiet(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, quiet);
}
