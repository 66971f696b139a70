/*
 * vars.c - shell variables (shell.h): a small sorted array of NAME=value strings.
 * $? is the last status, $$ the shell's pid, $! the last background process. The
 * shell starts with the variables of its environment (and PATH = home:/bin if that has
 * none); `export` also puts a variable into the environment (libstd's environ), which
 * every command the shell starts inherits; `set` changes an exported variable in both.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/proc.h>
#include "shell.h"

#define VARS_MAX 256

static char *vars[VARS_MAX]; /* "NAME=value", malloc'd, sorted by name */
static int nvars;
static char status[MAX_STATUS] = "0";
static char background[24];  /* $!: the last background process, "" before one */

bool vars_name_ok(const char *name)
{
    if (!isalpha((unsigned char)name[0]) && name[0] != '_')
        return false;
    for (const char *p = name; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '_')
            return false;
    return true;
}

/* The index of @name, or -(insertion point) - 1. */
static int vars_index(const char *name)
{
    size_t len = strlen(name);
    int lo = 0, hi = nvars;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        int c = strncmp(vars[mid], name, len);
        if (c == 0)
            c = vars[mid][len] == '=' ? 0 : 1;
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -lo - 1;
}

const char *vars_get(const char *name)
{
    static char pid[24];
    if (strcmp(name, "?") == 0)
        return status;
    if (strcmp(name, "!") == 0)
        return background;
    if (strcmp(name, "$") == 0) {
        snprintf(pid, sizeof(pid), "%lld", (long long)getpid());
        return pid;
    }
    int i = vars_index(name);
    return i >= 0 ? strchr(vars[i], '=') + 1 : NULL;
}

int vars_set(const char *name, const char *value)
{
    if (!vars_name_ok(name))
        return -1;
    size_t len = strlen(name) + strlen(value) + 2;
    char *s = malloc(len);
    if (!s)
        return -1;
    snprintf(s, len, "%s=%s", name, value);
    int i = vars_index(name);
    if (i >= 0) {
        free(vars[i]);
        vars[i] = s;
        return 0;
    }
    if (nvars == VARS_MAX) {
        free(s);
        return -1;
    }
    i = -i - 1;
    memmove(&vars[i + 1], &vars[i], (size_t)(nvars - i) * sizeof(char *));
    vars[i] = s;
    nvars++;
    return 0;
}

void vars_unset(const char *name)
{
    int i = vars_index(name);
    if (i < 0)
        return;
    free(vars[i]);
    memmove(&vars[i], &vars[i + 1], (size_t)(nvars - i - 1) * sizeof(char *));
    nvars--;
}

void vars_print(fd_t fd)
{
    for (int i = 0; i < nvars; i++)
        dprintf(fd, "%s\n", vars[i]);
}

void vars_set_status(const char *s)
{
    strlcpy(status, s, sizeof(status));
}

int vars_init(void)
{
    for (char **e = environ; e != NULL && *e != NULL; e++) {
        char *eq = strchr(*e, '=');
        if (eq == NULL)
            continue;
        *eq = '\0';
        int rc = vars_name_ok(*e) ? vars_set(*e, eq + 1) : 0;
        *eq = '=';
        if (rc)
            return rc;
    }
    if (vars_get("PATH") == NULL && (vars_set("PATH", "home:/bin") || setenv("PATH", "home:/bin", 1)))
        return -1;
    return 0;
}

int vars_export(const char *name, const char *value)
{
    if (value == NULL)
        value = vars_get(name) ? vars_get(name) : "";
    if (vars_set(name, value))
        return -1;
    return setenv(name, value, 1) ? -1 : 0;
}

void vars_set_background(pid_t pid)
{
    snprintf(background, sizeof(background), "%lld", (long long)pid);
}
