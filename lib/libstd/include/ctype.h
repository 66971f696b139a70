/*
 * ctype.h - character classes for the "C" locale (7-bit ASCII; every byte above 0x7f
 * and EOF belongs to no class). lib/libstd/src/ctype/ctype.c. No function sets errno.
 */
#ifndef LIBSTD_CTYPE_H
#define LIBSTD_CTYPE_H

/** @return nonzero if @c is a letter or a digit. */
int isalnum(int c);
/** @return nonzero if @c is an ASCII letter. */
int isalpha(int c);
/** @return nonzero if @c is a space or a tab. */
int isblank(int c);
/** @return nonzero if @c is a control character (0x00-0x1f, 0x7f). */
int iscntrl(int c);
/** @return nonzero if @c is a decimal digit. */
int isdigit(int c);
/** @return nonzero if @c is printable and not a space. */
int isgraph(int c);
/** @return nonzero if @c is a lowercase letter. */
int islower(int c);
/** @return nonzero if @c is printable (0x20-0x7e). */
int isprint(int c);
/** @return nonzero if @c is printable, not a space and not alphanumeric. */
int ispunct(int c);
/** @return nonzero if @c is white space: space, `\t`, `\n`, `\v`, `\f` or `\r`. */
int isspace(int c);
/** @return nonzero if @c is an uppercase letter. */
int isupper(int c);
/** @return nonzero if @c is a hexadecimal digit. */
int isxdigit(int c);
/** @return the lowercase form of @c if it is an uppercase letter, else @c. */
int tolower(int c);
/** @return the uppercase form of @c if it is a lowercase letter, else @c. */
int toupper(int c);

#endif
