/*
 * lua.c - the user-space suite `lua`: the Lua 5.4 interpreter home:/bin/lua (built from
 * Debian's upstream sources by mk/lua.mk) running on libstd. Each script of
 * home:/tests/lua-scripts (tests/lua in the tree: strings, tables, closures, coroutines,
 * string.format, math, io/os on home: files, errors, garbage collection) is one test that
 * passes when the script exits "0" having printed "<name> ok"; further tests cover
 * `lua -e`, the script's arguments, os.exit statuses, a runtime error and a missing
 * script (exit status not "0", message on stderr), and the interactive prompt fed
 * through a pipe. Run by init in test mode; the harness is tests/user/utest.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/proc.h>
#include "utest.h"

#define LUA "home:/bin/lua"
#define SCRIPTS "home:/tests/lua-scripts"
#define OUT_MAX 8192

/* What a run of the interpreter gave: its output (stdout and stderr) and exit status. */
typedef struct lua_run {
    char out[OUT_MAX];
    char status[MAX_STATUS + 1];
} lua_run_t;

/* Reads @fd to end of file into @buf (NUL-terminated, truncated to @size - 1). */
static void read_all(fd_t fd, char *buf, size_t size)
{
    size_t len = 0;
    int64_t n;
    while (len + 1 < size && (n = read(fd, buf + len, size - 1 - len)) > 0)
        len += (size_t)n;
    buf[len] = '\0';
}

/*
 * Runs @argv with @input (or nothing) on its descriptor 0 and its descriptors 1 and 2
 * on one pipe; fills @run. Returns 0, or ERR with errno of the pipe or spawn.
 */
static int lua_start(const char **argv, const char *input, lua_run_t *run)
{
    fd_t out[2], in[2];
    if (open2("sys:/pipe/new", out) == ERR)
        return ERR;
    if (open2("sys:/pipe/new", in) == ERR) {
        close(out[0]);
        close(out[1]);
        return ERR;
    }
    spawn_fd_t fds[] = { { 0, in[0] }, { 1, out[1] }, { 2, out[1] }, { SPAWN_FD_END, 0 } };
    pid_t pid = spawn(argv, fds, NULL, NULL);
    close(in[0]);
    close(out[1]);
    if (pid != ERR && input != NULL)
        write(in[1], input, strlen(input));
    close(in[1]);
    if (pid != ERR)
        read_all(out[0], run->out, sizeof(run->out));
    close(out[0]);
    if (pid == ERR)
        return ERR;
    return utest_wait(pid, run->status, sizeof(run->status)) == ERR ? ERR : 0;
}

/* Runs the script SCRIPTS/@name.lua and checks it passed. */
static void lua_script(const char *name)
{
    static lua_run_t run;
    char path[128], want[64];
    snprintf(path, sizeof(path), "%s/%s.lua", SCRIPTS, name);
    snprintf(want, sizeof(want), "%s ok\n", name);
    const char *argv[] = { LUA, path, NULL };
    UTEST_ASSERT_EQ(lua_start(argv, NULL, &run), 0);
    if (strcmp(run.status, "0") != 0 || strstr(run.out, want) == NULL)
        UTEST_FAIL("%s: status \"%s\", output: %.300s", name, run.status, run.out);
}

UTEST(strings) { lua_script("strings"); }
UTEST(tables) { lua_script("tables"); }
UTEST(closures) { lua_script("closures"); }
UTEST(coroutines) { lua_script("coroutines"); }
UTEST(format) { lua_script("format"); }
UTEST(math) { lua_script("math"); }
UTEST(io) { lua_script("io"); }
UTEST(errors) { lua_script("errors"); }
UTEST(gc) { lua_script("gc"); }

UTEST(execute_string)
{
    static lua_run_t run;
    const char *argv[] = { LUA, "-e", "print(6 * 7, ('x'):rep(3))", NULL };
    UTEST_ASSERT_EQ(lua_start(argv, NULL, &run), 0);
    UTEST_ASSERT_STR_EQ(run.status, "0");
    UTEST_ASSERT_STR_EQ(run.out, "42\txxx\n");
}

UTEST(script_arguments)
{
    static lua_run_t run;
    const char *argv[] = { LUA, "-e", "print(#arg, arg[1], arg[2], arg[0])", "-", "one", "two", NULL };
    UTEST_ASSERT_EQ(lua_start(argv, "", &run), 0);
    UTEST_ASSERT_STR_EQ(run.status, "0");
    UTEST_ASSERT_STR_EQ(run.out, "2\tone\ttwo\t-\n");
}

UTEST(exit_status)
{
    static lua_run_t run;
    const char *argv[] = { LUA, "-e", "os.exit(3)", NULL };
    UTEST_ASSERT_EQ(lua_start(argv, NULL, &run), 0);
    UTEST_ASSERT_STR_EQ(run.status, "3");
    const char *argv2[] = { LUA, "-e", "os.exit(true)", NULL };
    UTEST_ASSERT_EQ(lua_start(argv2, NULL, &run), 0);
    UTEST_ASSERT_STR_EQ(run.status, "0");
}

UTEST(runtime_error_fails)
{
    static lua_run_t run;
    const char *argv[] = { LUA, "-e", "local t = nil; error('bad thing happened')", NULL };
    UTEST_ASSERT_EQ(lua_start(argv, NULL, &run), 0);
    UTEST_ASSERT(strcmp(run.status, "0") != 0);
    UTEST_ASSERT(strstr(run.out, "bad thing happened") != NULL);
    UTEST_ASSERT(strstr(run.out, "stack traceback") != NULL);
}

UTEST(missing_script_fails)
{
    static lua_run_t run;
    const char *argv[] = { LUA, "home:/tests/lua-scripts/no-such-script.lua", NULL };
    UTEST_ASSERT_EQ(lua_start(argv, NULL, &run), 0);
    UTEST_ASSERT(strcmp(run.status, "0") != 0);
    UTEST_ASSERT(strstr(run.out, "cannot open home:/tests/lua-scripts/no-such-script.lua") != NULL);
}

UTEST(syntax_error_fails)
{
    static lua_run_t run;
    const char *argv[] = { LUA, "-e", "x = = 1", NULL };
    UTEST_ASSERT_EQ(lua_start(argv, NULL, &run), 0);
    UTEST_ASSERT(strcmp(run.status, "0") != 0);
    UTEST_ASSERT(strstr(run.out, "unexpected symbol") != NULL);
}

UTEST(interactive_prompt)
{
    static lua_run_t run;
    const char *argv[] = { LUA, "-i", NULL };
    UTEST_ASSERT_EQ(lua_start(argv, "x = 5\nprint(x * 2)\n= x + 1\n", &run), 0);
    UTEST_ASSERT_STR_EQ(run.status, "0");
    UTEST_ASSERT(strstr(run.out, "Lua 5.4") != NULL);
    UTEST_ASSERT(strstr(run.out, "10\n") != NULL);
    UTEST_ASSERT(strstr(run.out, "6\n") != NULL);
}

UTEST(script_from_stdin)
{
    static lua_run_t run;
    const char *argv[] = { LUA, "-", NULL };
    UTEST_ASSERT_EQ(lua_start(argv, "for i = 1, 3 do io.write(i, ' ') end print()\n", &run), 0);
    UTEST_ASSERT_STR_EQ(run.status, "0");
    UTEST_ASSERT_STR_EQ(run.out, "1 2 3 \n");
}

int main(void)
{
    UTEST_BEGIN("lua");
    UTEST_RUN(strings);
    UTEST_RUN(tables);
    UTEST_RUN(closures);
    UTEST_RUN(coroutines);
    UTEST_RUN(format);
    UTEST_RUN(math);
    UTEST_RUN(io);
    UTEST_RUN(errors);
    UTEST_RUN(gc);
    UTEST_RUN(execute_string);
    UTEST_RUN(script_arguments);
    UTEST_RUN(exit_status);
    UTEST_RUN(runtime_error_fails);
    UTEST_RUN(missing_script_fails);
    UTEST_RUN(syntax_error_fails);
    UTEST_RUN(interactive_prompt);
    UTEST_RUN(script_from_stdin);
    return UTEST_END();
}
