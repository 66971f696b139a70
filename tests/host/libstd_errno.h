/*
 * libstd_errno.h - forced into every libstd file compiled for the host tests (mk/host.mk):
 * it stands in for libstd's errno.h, whose errno lives in Patchwork's thread control
 * block, and makes errno glibc's, so the tests can read what strtod() sets.
 */
#ifndef LIBSTD_ERRNO_H
#define LIBSTD_ERRNO_H
#include <abi/errno.h>
int *__errno_location(void);
#define errno (*__errno_location())
#endif
