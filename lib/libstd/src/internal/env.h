/*
 * env.h - libstd's side of the environment (src/env/env.c): start-up hands it the
 * kernel's envp, and spawn() holds its lock while the kernel copies environ.
 */
#ifndef LIBSTD_INTERNAL_ENV_H
#define LIBSTD_INTERNAL_ENV_H

/** Adopt @envp (NULL-terminated, may be NULL) as environ. Called once, before main(). */
void _std_env_init(char **envp);

/** Take the environment lock (environ stays unchanged until _std_env_unlock()). */
void _std_env_lock(void);

/** Release the environment lock. */
void _std_env_unlock(void);

#endif
