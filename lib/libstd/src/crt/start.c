/*
 * start.c - what runs between _start (crt0.S) and main(): install the main thread's
 * control block as the FS base so errno works, adopt the environment the kernel put
 * right after argv's NULL (envp = argv + argc + 1), set up the standard streams, run
 * the constructors the linker collected (user.ld: __init_array_start/end), then
 * exit(main(argc, argv)).
 */
#include <stdlib.h>
#include <sys/proc.h>
#include "internal/clock.h"
#include "internal/env.h"
#include "internal/panic.h"
#include "internal/syscall.h"
#include "internal/tcb.h"

int main(int argc, char **argv);

extern void (*__init_array_start[])(void);
extern void (*__init_array_end[])(void);

/* The main thread's control block: it never goes away, so it needs no mapping. */
static std_tcb_t main_tcb;

_Noreturn void _std_start(int argc, char **argv);

_Noreturn void _std_start(int argc, char **argv)
{
    main_tcb.self = &main_tcb;
    if (_sys_set_tls(_SYS_PTR(&main_tcb)) < 0)
        _std_panic("libstd: set_tls failed");
    _std_env_init(argv + argc + 1);
    _std_start_ns = uptime();
    for (void (**fn)(void) = __init_array_start; fn < __init_array_end; fn++)
        (*fn)();
    exit(main(argc, argv));
}
