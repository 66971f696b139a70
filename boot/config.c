/*
 * config.c - boot.cfg, a few `key=value` lines: test (0/1), bench (0/1), log (debug,
 * info, warn, error) and resolution (WIDTHxHEIGHT). `#` starts a comment. A line the loader does not
 * understand is reported and ignored, never fatal.
 */
#include "loader.h"

static int word_is(const char *s, uint64_t n, const char *w)
{
    uint64_t i = 0;
    for (; i < n && w[i]; i++)
        if (s[i] != w[i])
            return 0;
    return i == n && !w[i];
}

static uint64_t parse_uint(const char *s, uint64_t n, uint64_t *used)
{
    uint64_t v = 0, i = 0;
    for (; i < n && s[i] >= '0' && s[i] <= '9' && v < 100000; i++)
        v = v * 10 + (uint64_t)(s[i] - '0');
    *used = i;
    return v;
}

static int config_apply(const char *k, uint64_t kn, const char *v, uint64_t vn, boot_config_t *cfg)
{
    static const char *levels[] = {"debug", "info", "warn", "error"};
    uint64_t used, used2;
    if (word_is(k, kn, "test") && vn == 1 && (v[0] == '0' || v[0] == '1')) {
        cfg->test_mode = (uint32_t)(v[0] - '0');
        return 1;
    }
    if (word_is(k, kn, "bench") && vn == 1 && (v[0] == '0' || v[0] == '1')) {
        cfg->bench_mode = (uint32_t)(v[0] - '0');
        return 1;
    }
    if (word_is(k, kn, "log")) {
        for (uint32_t i = 0; i < 4; i++)
            if (word_is(v, vn, levels[i])) {
                cfg->log_level = i;
                return 1;
            }
        return 0;
    }
    if (word_is(k, kn, "resolution")) {
        uint64_t w = parse_uint(v, vn, &used);
        if (used == 0 || used >= vn || v[used] != 'x')
            return 0;
        uint64_t h = parse_uint(v + used + 1, vn - used - 1, &used2);
        if (used2 == 0 || used + 1 + used2 != vn)
            return 0;
        cfg->want_width = (uint32_t)w;
        cfg->want_height = (uint32_t)h;
        return 1;
    }
    return 0;
}

static uint64_t trim(const char **s, uint64_t n)
{
    while (n && (**s == ' ' || **s == '\t')) {
        (*s)++;
        n--;
    }
    while (n && ((*s)[n - 1] == ' ' || (*s)[n - 1] == '\t' || (*s)[n - 1] == '\r'))
        n--;
    return n;
}

void config_parse(const char *text, uint64_t len, boot_config_t *cfg)
{
    uint64_t line = 0;
    while (len) {
        uint64_t n = 0, eq = 0;
        while (n < len && text[n] != '\n')
            n++;
        line++;
        const char *k = text;
        uint64_t kn = 0;
        while (kn < n && text[kn] != '#')
            kn++;
        for (uint64_t i = 0; i < kn && !eq; i++)
            if (text[i] == '=')
                eq = i + 1;
        if (eq) {
            const char *v = text + eq;
            uint64_t vn = trim(&v, kn - eq);
            kn = trim(&k, eq - 1);
            if (!config_apply(k, kn, v, vn, cfg))
                con_printf("patchwork-boot: boot.cfg line %u not understood, ignored\n", (unsigned)line);
        } else if (trim(&k, kn)) {
            con_printf("patchwork-boot: boot.cfg line %u not understood, ignored\n", (unsigned)line);
        }
        text += n < len ? n + 1 : n;
        len -= n < len ? n + 1 : n;
    }
}
