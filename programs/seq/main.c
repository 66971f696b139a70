/*
 * seq - print a sequence of integers, one per line: `seq last` (from 1), `seq first
 * last` or `seq first step last`; a negative step counts down.
 */
#include "util.h"

static int64_t number(const char *s)
{
    int64_t v;
    if (!util_parse_i64(s, &v))
        util_usage_error("%s: not an integer", s);
    return v;
}

int main(int argc, char **argv)
{
    util_init("seq", "seq [first [step]] last\n"
                     "Print the integers from first (1) to last, step (1) apart.");
    util_help_check(argc, argv);
    int n = argc - 1;
    if (n < 1)
        util_usage_error("missing last number");
    if (n > 3)
        util_usage_error("%s: unexpected argument", argv[4]);
    char **a = argv + 1;
    int64_t first = n > 1 ? number(a[0]) : 1, step = n == 3 ? number(a[1]) : 1;
    int64_t last = number(a[n - 1]);
    if (step == 0)
        util_usage_error("0: the step must not be zero");
    for (int64_t v = first; step > 0 ? v <= last : v >= last; v += step) {
        util_outf("%lld\n", (long long)v);
        if ((step > 0 && v > INT64_MAX - step) || (step < 0 && v < INT64_MIN - step))
            break;
    }
    return 0;
}
