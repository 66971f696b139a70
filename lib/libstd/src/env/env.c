/*
 * env.c - the environment: `environ`, getenv/setenv/unsetenv/clearenv (stdlib.h) and
 * what spawn() passes to children (src/proc/proc.c).
 *
 * At start-up environ points at the envp array the kernel built on the stack
 * (src/crt/start.c). The first change copies it into a malloc()ed array; from then on
 * the strings setenv() made are marked as ours, so replacing or removing one frees it.
 * One lock guards the array; getenv() takes it too, but the pointer it returns is only
 * good until the next change of that variable (as in C).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include "internal/env.h"
#include "internal/lock.h"

char **environ;                    /* env_lock */
static std_lock_t env_lock = STD_LOCK_INIT;
static bool *env_owned;            /* env_lock: env_owned[i]: environ[i] is ours to free */
static size_t env_count;           /* env_lock: entries of environ */
static size_t env_capacity;        /* env_lock: 0 while environ is the kernel's array */

void _std_env_init(char **envp)
{
    environ = envp;
    env_count = 0;
    while (envp != NULL && envp[env_count] != NULL)
        env_count++;
}

void _std_env_lock(void)
{
    _std_lock(&env_lock);
}

void _std_env_unlock(void)
{
    _std_unlock(&env_lock);
}

/* A valid variable name: non-empty, no '='. */
static bool name_is_valid(const char *name)
{
    return name != NULL && name[0] != '\0' && strchr(name, '=') == NULL;
}

/* The index of @name (of @len bytes) in environ, or -1. */
static long env_find(const char *name, size_t len)
{
    for (size_t i = 0; i < env_count; i++) {
        if (strncmp(environ[i], name, len) == 0 && environ[i][len] == '=')
            return (long)i;
    }
    return -1;
}

/* Make room for one more entry, copying the kernel's array on first use. */
static int env_reserve(void)
{
    if (env_count + 1 < env_capacity)
        return 0;
    size_t cap = env_capacity ? env_capacity * 2 : env_count + 16;
    char **vec = malloc(cap * sizeof(char *));
    bool *owned = calloc(cap, sizeof(bool));
    if (vec == NULL || owned == NULL) {
        free(vec);
        free(owned);
        return ERR;
    }
    if (env_count > 0)
        memcpy(vec, environ, env_count * sizeof(char *));
    if (env_owned != NULL)
        memcpy(owned, env_owned, env_count * sizeof(bool));
    vec[env_count] = NULL;
    if (env_capacity != 0)
        free(environ);
    free(env_owned);
    environ = vec;
    env_owned = owned;
    env_capacity = cap;
    return 0;
}

char *getenv(const char *name)
{
    if (!name_is_valid(name))
        return NULL;
    _std_env_lock();
    long i = env_find(name, strlen(name));
    char *value = i < 0 ? NULL : environ[i] + strlen(name) + 1;
    _std_env_unlock();
    return value;
}

/* Store @entry ("NAME=value", malloc()ed) at the index of its name or at the end. */
static int env_put(char *entry, size_t name_len, bool overwrite)
{
    if (env_reserve() == ERR) { /* also makes environ ours: the kernel's is never written */
        free(entry);
        return ERR;
    }
    long i = env_find(entry, name_len);
    if (i >= 0 && !overwrite) {
        free(entry);
        return 0;
    }
    if (i >= 0 && env_owned[i])
        free(environ[i]);
    if (i < 0) {
        i = (long)env_count++;
        environ[env_count] = NULL;
    }
    environ[i] = entry;
    env_owned[i] = true;
    return 0;
}

int setenv(const char *name, const char *value, int overwrite)
{
    if (!name_is_valid(name) || value == NULL) {
        errno = EINVAL;
        return ERR;
    }
    size_t nlen = strlen(name), vlen = strlen(value);
    char *entry = malloc(nlen + vlen + 2);
    if (entry == NULL)
        return ERR;
    memcpy(entry, name, nlen);
    entry[nlen] = '=';
    memcpy(entry + nlen + 1, value, vlen + 1);
    _std_env_lock();
    int rc = env_put(entry, nlen, overwrite != 0);
    _std_env_unlock();
    return rc;
}

int unsetenv(const char *name)
{
    if (!name_is_valid(name)) {
        errno = EINVAL;
        return ERR;
    }
    _std_env_lock();
    long i = env_find(name, strlen(name));
    int rc = 0;
    if (i >= 0 && (rc = env_reserve()) == 0) {
        if (env_owned[i])
            free(environ[i]);
        memmove(environ + i, environ + i + 1, (env_count - (size_t)i) * sizeof(char *));
        memmove(env_owned + i, env_owned + i + 1, (env_count - (size_t)i - 1) * sizeof(bool));
        env_count--;
    }
    _std_env_unlock();
    return rc;
}

int clearenv(void)
{
    _std_env_lock();
    for (size_t i = 0; env_owned != NULL && i < env_count; i++) {
        if (env_owned[i])
            free(environ[i]);
    }
    if (env_capacity != 0)
        free(environ);
    free(env_owned);
    environ = NULL;
    env_owned = NULL;
    env_count = env_capacity = 0;
    _std_env_unlock();
    return 0;
}
