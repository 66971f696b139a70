/*
 * utest.h - the tiny harness of the user-space test suites (tests/user/<suite>.c, one
 * program per suite, run by init in test mode). Each case prints exactly one line to
 * descriptor 1, `ok <suite>/<case>` or `not ok <suite>/<case>: <reason>`, the format
 * tools/testrun.py parses; the program's exit status is "0" if every case passed, else
 * "1" (init reports a nonzero status as `not ok <suite>/exit: <status>`).
 *
 *     UTEST(strlen_basic) { UTEST_ASSERT_EQ(strlen("abc"), 3); }
 *     int main(void) { UTEST_BEGIN("libstd"); UTEST_RUN(strlen_basic); return UTEST_END(); }
 *
 * A failed assertion ends its case (return); the reason names the line and the values.
 */
#ifndef TESTS_USER_UTEST_H
#define TESTS_USER_UTEST_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <sys/io.h>

/** The state of a running suite. */
typedef struct utest {
    const char *suite;  /**< the suite name, [a-z0-9_]+ */
    int passed, failed; /**< cases so far */
    bool case_failed;   /**< the current case has failed */
    char reason[200];   /**< why the current case failed */
} utest_t;

static utest_t utest_state;

/** Define a test case: a function body that uses the UTEST_ASSERT macros. */
#define UTEST(name) static void utest_case_##name(void)

/** Record the current case's failure (the first one counts) with a printf reason. */
#define UTEST_FAIL(...)                                                                \
    do {                                                                               \
        if (!utest_state.case_failed)                                                  \
            snprintf(utest_state.reason, sizeof(utest_state.reason), __VA_ARGS__);     \
        utest_state.case_failed = true;                                                \
    } while (0)

/** End the case with a failure unless @cond holds. */
#define UTEST_ASSERT(cond)                                                             \
    do {                                                                               \
        if (!(cond)) {                                                                 \
            UTEST_FAIL("line %d: %s", __LINE__, #cond);                                \
            return;                                                                    \
        }                                                                              \
    } while (0)

/** End the case with a failure unless the integers @a and @b are equal. */
#define UTEST_ASSERT_EQ(a, b)                                                          \
    do {                                                                               \
        long long utest_a = (long long)(a), utest_b = (long long)(b);                  \
        if (utest_a != utest_b) {                                                      \
            UTEST_FAIL("line %d: %s == %s (%lld != %lld)", __LINE__, #a, #b, utest_a,  \
                       utest_b);                                                       \
            return;                                                                    \
        }                                                                              \
    } while (0)

/** End the case with a failure unless the strings @a and @b are equal. */
#define UTEST_ASSERT_STR_EQ(a, b)                                                      \
    do {                                                                               \
        const char *utest_a = (a), *utest_b = (b);                                     \
        if (strcmp(utest_a, utest_b) != 0) {                                           \
            UTEST_FAIL("line %d: \"%s\" != \"%s\"", __LINE__, utest_a, utest_b);       \
            return;                                                                    \
        }                                                                              \
    } while (0)

/** Start the suite @name. */
#define UTEST_BEGIN(name) (utest_state = (utest_t){ .suite = (name) })

/** Run the case @name and print its line. */
#define UTEST_RUN(name) utest_run(#name, utest_case_##name)

/** The exit status for main(): 0 if every case passed, else 1. */
#define UTEST_END() (utest_state.failed == 0 ? 0 : 1)

/* Keep the reason on one line: the runner parses line by line. */
static inline void utest_flatten(char *s)
{
    for (; *s; s++) {
        if (*s == '\n' || *s == '\r')
            *s = ' ';
    }
}

static inline void utest_run(const char *name, void (*fn)(void))
{
    utest_state.case_failed = false;
    utest_state.reason[0] = '\0';
    fn();
    if (utest_state.case_failed) {
        utest_state.failed++;
        utest_flatten(utest_state.reason);
        printf("not ok %s/%s: %s\n", utest_state.suite, name, utest_state.reason);
    } else {
        utest_state.passed++;
        printf("ok %s/%s\n", utest_state.suite, name);
    }
}

/** Reads all of @path into @buf (NUL-terminated). Returns the count, or ERR with errno. */
static inline int64_t utest_slurp(const char *path, char *buf, size_t size)
{
    fd_t fd = open(path);
    if (fd == ERR)
        return ERR;
    size_t got = 0;
    int64_t n = 0;
    while (got < size - 1 && (n = read(fd, buf + got, size - 1 - got)) > 0)
        got += (size_t)n;
    int saved = errno;
    close(fd);
    buf[got] = '\0';
    errno = saved;
    return n < 0 ? ERR : (int64_t)got;
}

/**
 * Waits for the child @pid and reads its exit status into @status (NUL-terminated).
 * Returns the status's length, or ERR with errno (ESRCH: no such child, ...).
 */
static inline int64_t utest_wait(pid_t pid, char *status, size_t size)
{
    char path[48];
    snprintf(path, sizeof(path), "sys:/proc/%lld/wait", (long long)pid);
    return utest_slurp(path, status, size);
}

#endif
