/*
 * opt.c - option scanning in the manner of getopt (clusters "-la", arguments "-n 5" or
 * "-n5", "--" ends the options, "-" is an operand), plus "--help" and strict decimal
 * number parsing. Errors are usage errors: the program exits with a one-line message.
 * See util.h.
 */
#include <stdint.h>
#include <string.h>
#include "util.h"

void util_opts_init(util_opts_t *o, int argc, char **argv)
{
    *o = (util_opts_t){ .argc = argc, .argv = argv, .index = 1 };
}

void util_help_check(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--help") == 0)
        util_help();
}

/* Starts the next cluster, or returns false when the options are over. */
static bool next_cluster(util_opts_t *o)
{
    if (o->index >= o->argc)
        return false;
    const char *a = o->argv[o->index];
    if (strcmp(a, "--help") == 0)
        util_help();
    if (strcmp(a, "--") == 0) {
        o->index++;
        return false;
    }
    if (a[0] != '-' || a[1] == '\0')
        return false;
    if (a[1] == '-')
        util_usage_error("%s: unknown option", a);
    o->rest = a + 1;
    o->index++;
    return true;
}

int util_opts_next(util_opts_t *o, const char *spec)
{
    o->arg = NULL;
    if ((o->rest == NULL || *o->rest == '\0') && !next_cluster(o)) {
        o->rest = NULL;
        return -1;
    }
    char c = *o->rest++;
    const char *at = c == ':' ? NULL : strchr(spec, c);
    if (at == NULL)
        util_usage_error("-%c: unknown option", c);
    if (at[1] != ':')
        return c;
    if (*o->rest != '\0') {
        o->arg = o->rest;
    } else if (o->index < o->argc) {
        o->arg = o->argv[o->index++];
    } else {
        util_usage_error("-%c: missing argument", c);
    }
    o->rest = NULL;
    return c;
}

int util_operands(int argc, char **argv)
{
    util_opts_t o;
    util_opts_init(&o, argc, argv);
    while (util_opts_next(&o, "") != -1)
        ;
    return o.index;
}

void util_no_arguments(int argc, char **argv)
{
    int first = util_operands(argc, argv);
    if (first < argc)
        util_usage_error("%s: unexpected argument", argv[first]);
}

bool util_parse_u64(const char *s, uint64_t *out)
{
    uint64_t v = 0;
    if (*s == '\0')
        return false;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return false;
        unsigned d = (unsigned)(*s - '0');
        if (v > (UINT64_MAX - d) / 10)
            return false;
        v = v * 10 + d;
    }
    *out = v;
    return true;
}

bool util_parse_i64(const char *s, int64_t *out)
{
    bool negative = *s == '-';
    uint64_t v;
    if (*s == '-' || *s == '+')
        s++;
    if (!util_parse_u64(s, &v) || v > (uint64_t)INT64_MAX + negative)
        return false;
    *out = negative ? (int64_t)(0 - v) : (int64_t)v;
    return true;
}

uint64_t util_opt_number(char letter, const char *arg)
{
    uint64_t v;
    if (!util_parse_u64(arg, &v))
        util_usage_error("-%c: %s: not a number", letter, arg);
    return v;
}
