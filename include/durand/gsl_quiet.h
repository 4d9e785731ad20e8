/*
 * gsl_quiet.h: GSL's error handler, off for the library's use.
 *
 * GSL's default handler prints a message and calls abort() when one of its
 * functions fails (an inverse CDF that does not converge, an allocation
 * that fails). The durand library never aborts: it checks the status or
 * value each GSL call returns. Every library entry that may call GSL calls
 * dur_gsl_quiet() first, which sets gsl_set_error_handler_off() once per
 * process (pthread_once). A program linking the library that wants a
 * handler of its own sets it after its first call into durand; the
 * library does not set it again.
 */
#ifndef DURAND_GSL_QUIET_H
#define DURAND_GSL_QUIET_H

/* Turn GSL's abort-on-error handler off, once per process. Thread-safe. */
void dur_gsl_quiet(void);

#endif
