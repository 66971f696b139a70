/*
 * locale.c - setlocale and localeconv for the one locale there is, C (locale.h).
 */
#include <limits.h>
#include <locale.h>
#include <string.h>

char *setlocale(int category, const char *locale)
{
    if (category < LC_CTYPE || category > LC_ALL)
        return NULL;
    if (locale != NULL && locale[0] != '\0' && strcmp(locale, "C") != 0 &&
        strcmp(locale, "POSIX") != 0)
        return NULL;
    return (char *)"C";
}

struct lconv *localeconv(void)
{
    static struct lconv c_locale = {
        ".", "", "", "", "", "", "", "", "", "",
        CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX,
        CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX,
    };
    return &c_locale;
}
