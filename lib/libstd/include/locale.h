/*
 * locale.h - locales: only the C locale exists (src/locale/locale.c). setlocale()
 * accepts "C", "POSIX" and "" (the default, which is C) for every category and
 * refuses anything else; localeconv() describes the C locale's numbers.
 */
#ifndef LIBSTD_LOCALE_H
#define LIBSTD_LOCALE_H

#include <stddef.h>

#define LC_CTYPE 0
#define LC_NUMERIC 1
#define LC_TIME 2
#define LC_COLLATE 3
#define LC_MONETARY 4
#define LC_MESSAGES 5
#define LC_ALL 6

/** How numbers and money are written (C's struct lconv). */
struct lconv {
    char *decimal_point;     /**< "." */
    char *thousands_sep;     /**< "" */
    char *grouping;          /**< "" */
    char *int_curr_symbol;   /**< "" */
    char *currency_symbol;   /**< "" */
    char *mon_decimal_point; /**< "" */
    char *mon_thousands_sep; /**< "" */
    char *mon_grouping;      /**< "" */
    char *positive_sign;     /**< "" */
    char *negative_sign;     /**< "" */
    char int_frac_digits, frac_digits, p_cs_precedes, p_sep_by_space; /**< CHAR_MAX */
    char n_cs_precedes, n_sep_by_space, p_sign_posn, n_sign_posn;     /**< CHAR_MAX */
    char int_p_cs_precedes, int_p_sep_by_space, int_n_cs_precedes;    /**< CHAR_MAX */
    char int_n_sep_by_space, int_p_sign_posn, int_n_sign_posn;        /**< CHAR_MAX */
};

/**
 * Query or set the locale of @category (LC_*). @locale NULL queries; "C", "POSIX" and
 * "" select the C locale.
 * @return "C", or NULL if @category is not an LC_* value or @locale names another
 * locale (nothing changes then).
 */
char *setlocale(int category, const char *locale);

/** The C locale's conventions, a static struct that must not be changed. */
struct lconv *localeconv(void);

#endif
