/*
 * shell.c - suite `shell`: home:/bin/shell run with `-c LINE`, a script file, or `-i`
 * (the line editor fed from a pipe), its standard output and error going into one
 * pipe that the test reads to the end; then its exit status. Covers quoting and
 * escapes, variables, redirections (new file, append, flags in the path, input),
 * pipelines, && || ;, exit statuses, faults, syntax errors, cd/pwd, background jobs,
 * `echo wait > sys:/proc/<pid>/ctl`, and the editor's keys and history. The helper
 * programs are home:/bin/tshell and home:/bin/crash.
 */
#include <stdlib.h>
#include <sys/proc.h>
#include "utest.h"

#define OUT_MAX 8192

static char out[OUT_MAX];
static char status[MAX_STATUS + 1];

/*
 * Runs the shell with @argv (after argv[0]) and @input on its standard input (NULL:
 * sys:/null); its output lands in `out` and its exit status in `status`. 0 or ERR.
 */
static int run_argv(const char **args, const char *input)
{
    fd_t o[2], in[2] = {ERR, ERR};
    if (open2("sys:/pipe/new", o) == ERR)
        return ERR;
    if (input ? open2("sys:/pipe/new", in) == ERR : (in[0] = open("sys:/null")) == ERR)
        return ERR;
    const char *argv[8] = {"home:/bin/shell"};
    for (int i = 0; args[i] && i < 6; i++)
        argv[i + 1] = args[i];
    spawn_fd_t fds[] = {{0, in[0]}, {1, o[1]}, {2, o[1]}, {SPAWN_FD_END, SPAWN_FD_END}};
    pid_t pid = spawn(argv, fds, NULL, NULL);
    close(o[1]);
    close(in[0]);
    if (input) {
        write(in[1], input, strlen(input));
        close(in[1]);
    }
    size_t got = 0;
    int64_t n;
    while (got < OUT_MAX - 1 && (n = read(o[0], out + got, OUT_MAX - 1 - got)) > 0)
        got += (size_t)n;
    out[got] = '\0';
    close(o[0]);
    if (pid == ERR)
        return ERR;
    fd_t w = openf("sys:/proc/%lld/wait", (long long)pid);
    n = w == ERR ? ERR : read(w, status, MAX_STATUS);
    if (w != ERR)
        close(w);
    status[n > 0 ? n : 0] = '\0';
    return n > 0 ? 0 : ERR;
}

/* shell -c @line. */
static int run(const char *line)
{
    const char *args[] = {"-c", line, NULL};
    return run_argv(args, NULL);
}

/* Writes @text into the new file @path. */
static int put_file(const char *path, const char *text)
{
    fd_t fd = openf("%s?create&truncate", path);
    if (fd == ERR)
        return ERR;
    int64_t n = write(fd, text, strlen(text));
    close(fd);
    return n == (int64_t)strlen(text) ? 0 : ERR;
}

#define RUN_OK(line, expect)                    \
    do {                                        \
        UTEST_ASSERT_EQ(run(line), 0);          \
        UTEST_ASSERT_STR_EQ(out, expect);       \
        UTEST_ASSERT_STR_EQ(status, "0");       \
    } while (0)

UTEST(echo_words)
{
    RUN_OK("echo hello   world", "hello world\n");
}

UTEST(single_quotes_keep_everything)
{
    RUN_OK("tshell args 'a  b' c '$X \\n \"q\"'", "[a  b][c][$X \\n \"q\"]\n");
}

UTEST(double_quotes_expand_variables)
{
    RUN_OK("set X=val; tshell args \"x=$X y\" '$X' \"${X}s\"", "[x=val y][$X][vals]\n");
}

UTEST(backslash_escapes)
{
    RUN_OK("tshell args a\\ b \"q\\\"uote\" \\$X \"t\\tn\\n\" \\'", "[a b][q\"uote][$X][t\tn\n][']\n");
}

UTEST(variables_set_unset_and_empty)
{
    RUN_OK("set A=1 B=two; echo ${A}x $B; unset A; tshell args $A \"$A\" end", "1x two\n[][end]\n");
}

UTEST(export_reaches_commands)
{
    /* set stays in the shell, export goes to the environment every command inherits */
    RUN_OK("set LOCAL=1; export SHARED=two; env -i KEEP=x env; env | grep '^[LS][OH][CA]'",
           "KEEP=x\nSHARED=two\n");
    RUN_OK("export E=1; set E=2; env | grep '^E='; unset E; env E2=x env | grep '^E'", "E=2\nE2=x\n");
}

UTEST(status_variable)
{
    UTEST_ASSERT_EQ(run("tshell exit 3; echo \"last=$?\"; echo $?"), 0);
    UTEST_ASSERT_STR_EQ(out, "shell: 3\nlast=3\n0\n");
    UTEST_ASSERT_STR_EQ(status, "0");
}

UTEST(redirect_to_new_file_and_read_back)
{
    char buf[64];
    remove("home:/usr/sh_new.txt");
    RUN_OK("echo written by the shell > home:/usr/sh_new.txt", "");
    UTEST_ASSERT(utest_slurp("home:/usr/sh_new.txt", buf, sizeof(buf)) > 0);
    UTEST_ASSERT_STR_EQ(buf, "written by the shell\n");
    RUN_OK("echo again >home:/usr/sh_new.txt; tshell upper < home:/usr/sh_new.txt", "AGAIN\n");
    UTEST_ASSERT_EQ(remove("home:/usr/sh_new.txt"), 0);
}

UTEST(redirect_append)
{
    char buf[64];
    remove("home:/usr/sh_app.txt");
    RUN_OK("echo one >> home:/usr/sh_app.txt; echo two >>home:/usr/sh_app.txt", "");
    UTEST_ASSERT(utest_slurp("home:/usr/sh_app.txt", buf, sizeof(buf)) > 0);
    UTEST_ASSERT_STR_EQ(buf, "one\ntwo\n");
    UTEST_ASSERT_EQ(remove("home:/usr/sh_app.txt"), 0);
}

UTEST(redirect_flags_in_path)
{
    char buf[64];
    remove("home:/usr/sh_flags.txt");
    RUN_OK("echo x > home:/usr/sh_flags.txt?create", "");
    UTEST_ASSERT_EQ(run("echo y > home:/usr/sh_flags.txt?exclusive && echo no"), 0);
    UTEST_ASSERT(strstr(out, "shell: home:/usr/sh_flags.txt?exclusive: ") == out);
    UTEST_ASSERT(strstr(out, "no") == NULL);
    UTEST_ASSERT_STR_EQ(status, "redirection failed");
    UTEST_ASSERT(utest_slurp("home:/usr/sh_flags.txt", buf, sizeof(buf)) > 0);
    UTEST_ASSERT_STR_EQ(buf, "x\n");
    UTEST_ASSERT_EQ(remove("home:/usr/sh_flags.txt"), 0);
}

UTEST(redirect_missing_input_reported)
{
    UTEST_ASSERT_EQ(run("tshell upper < home:/usr/no_such_file"), 0);
    UTEST_ASSERT(strncmp(out, "shell: home:/usr/no_such_file: ", 31) == 0);
    UTEST_ASSERT(strcmp(status, "0") != 0);
}

UTEST(pipeline_of_two)
{
    RUN_OK("echo abc | tshell upper", "ABC\n");
}

UTEST(pipeline_of_three)
{
    RUN_OK("echo abc | tshell upper | tshell count", "4\n");
    RUN_OK("tshell args x y|tshell upper|tshell upper", "[X][Y]\n");
}

UTEST(and_or_lists)
{
    UTEST_ASSERT_EQ(run("tshell exit 1 && echo no || echo yes; true && echo also"), 0);
    UTEST_ASSERT_STR_EQ(out, "shell: 1\nyes\nalso\n");
    UTEST_ASSERT_STR_EQ(status, "0");
    RUN_OK("echo a || echo b && echo c", "a\nc\n");
}

UTEST(semicolons_and_comments)
{
    RUN_OK("echo a; echo b ;echo c # echo d", "a\nb\nc\n");
}

UTEST(exit_status_of_last_command)
{
    UTEST_ASSERT_EQ(run("tshell exit boom"), 0);
    UTEST_ASSERT_STR_EQ(out, "shell: boom\n");
    UTEST_ASSERT_STR_EQ(status, "boom");
    UTEST_ASSERT_EQ(run("exit 7; echo not reached"), 0);
    UTEST_ASSERT_STR_EQ(out, "");
    UTEST_ASSERT_STR_EQ(status, "7");
}

UTEST(fault_reported_as_note)
{
    UTEST_ASSERT_EQ(run("crash"), 0);
    UTEST_ASSERT(strncmp(out, "shell: pagefault at 0x0 ip ", 27) == 0);
    UTEST_ASSERT(strncmp(status, "pagefault at 0x0", 16) == 0);
}

UTEST(command_not_found)
{
    UTEST_ASSERT_EQ(run("no_such_program x || echo fallback"), 0);
    UTEST_ASSERT_STR_EQ(out, "shell: no_such_program: command not found\nfallback\n");
    UTEST_ASSERT_EQ(run("home:/bin/no_such_program"), 0);
    UTEST_ASSERT_STR_EQ(status, "command not found");
}

UTEST(syntax_errors_reported)
{
    const char *lines[] = {"echo a |", "| echo a", "echo a && && echo b", "echo >", "echo 'abc", "echo \"abc",
                           "echo ${", "a ||"};
    const char *want[] = {"shell: syntax error: unexpected end of line\n", "shell: syntax error near '|'\n",
                          "shell: syntax error near '&&'\n", "shell: syntax error: unexpected end of line\n",
                          "shell: unterminated '\n", "shell: unterminated \"\n", "shell: bad ${...} expansion\n",
                          "shell: syntax error: unexpected end of line\n"};
    for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
        UTEST_ASSERT_EQ(run(lines[i]), 0);
        UTEST_ASSERT_STR_EQ(out, want[i]);
        UTEST_ASSERT_STR_EQ(status, "syntax error");
    }
}

UTEST(cd_and_pwd)
{
    RUN_OK("pwd; cd home:/bin; pwd; cd ..; pwd; cd; pwd", "home:/\nhome:/bin\nhome:/\nhome:/usr\n");
    UTEST_ASSERT_EQ(run("cd home:/nowhere && echo no"), 0);
    UTEST_ASSERT(strncmp(out, "cd: home:/nowhere: ", 19) == 0);
    UTEST_ASSERT(strstr(out, "no\n") == NULL);
    UTEST_ASSERT_STR_EQ(status, "1");
}

UTEST(relative_program_path_after_cd)
{
    RUN_OK("cd home:/bin && ./tshell args rel", "[rel]\n");
}

UTEST(path_variable_used_for_lookup)
{
    UTEST_ASSERT_EQ(run("set PATH=home:/usr; tshell args x"), 0);
    UTEST_ASSERT_STR_EQ(out, "shell: tshell: command not found\n");
    RUN_OK("set \"PATH=home:/usr;home:/bin\"; tshell args y", "[y]\n");
}

UTEST(background_job_and_wait)
{
    UTEST_ASSERT_EQ(run("tshell exit 0 & wait; echo after"), 0);
    UTEST_ASSERT(strncmp(out, "[1] ", 4) == 0);
    UTEST_ASSERT(strstr(out, "\n[1] done  tshell exit 0\nafter\n") != NULL);
    UTEST_ASSERT_STR_EQ(status, "0");
}

UTEST(kill_jobs_and_errors)
{
    UTEST_ASSERT_EQ(run("tshell sleep 600000 & kill %1; wait"), 0);
    UTEST_ASSERT(strstr(out, "\n[1] done (kill)  tshell sleep 600000\n") != NULL);
    UTEST_ASSERT_EQ(run("tshell sleep 600000 & kill -n interrupt $!; wait; echo $?"), 0);
    UTEST_ASSERT(strstr(out, "\n[1] done (interrupt)  tshell sleep 600000\n0\n") != NULL);
    UTEST_ASSERT_EQ(run("kill 1"), 0); /* init: not a descendant */
    UTEST_ASSERT_STR_EQ(out, "kill: 1: access denied\n");
    UTEST_ASSERT_STR_EQ(status, "1");
    UTEST_ASSERT_EQ(run("kill %7 x"), 0);
    UTEST_ASSERT_STR_EQ(out, "kill: %7: no such job\nkill: x: not a process id, %job or self\n");
    UTEST_ASSERT_EQ(run("kill"), 0);
    UTEST_ASSERT(strncmp(out, "usage: kill", 11) == 0);
    UTEST_ASSERT_STR_EQ(status, "2");
}

UTEST(echo_wait_to_proc_ctl)
{
    /* the seed's command: blocks until the background process has ended */
    UTEST_ASSERT_EQ(run("tshell sleep 50 & echo wait > sys:/proc/$!/ctl; tshell upper < sys:/proc/$!/status"), 0);
    UTEST_ASSERT(strstr(out, "STATE EXITED\n") != NULL);
    UTEST_ASSERT_STR_EQ(status, "0");
}

UTEST(script_file_with_line_numbers)
{
    UTEST_ASSERT_EQ(put_file("home:/usr/sh_script", "set N=5\necho n=$N\n\necho oops |\necho last\n"), 0);
    const char *args[] = {"home:/usr/sh_script", NULL};
    UTEST_ASSERT_EQ(run_argv(args, NULL), 0);
    UTEST_ASSERT_STR_EQ(out, "n=5\nshell: home:/usr/sh_script:4: syntax error: unexpected end of line\nlast\n");
    UTEST_ASSERT_STR_EQ(status, "0");
    UTEST_ASSERT_EQ(remove("home:/usr/sh_script"), 0);
}

UTEST(usage_and_bad_arguments)
{
    const char *help[] = {"--help", NULL};
    UTEST_ASSERT_EQ(run_argv(help, NULL), 0);
    UTEST_ASSERT(strncmp(out, "usage: shell", 12) == 0);
    UTEST_ASSERT_STR_EQ(status, "0");
    const char *bad[] = {"-x", NULL};
    UTEST_ASSERT_EQ(run_argv(bad, NULL), 0);
    UTEST_ASSERT(strncmp(out, "shell: bad arguments", 20) == 0);
    UTEST_ASSERT_STR_EQ(status, "2");
}

/* The first process after @after whose arguments start with @name, waiting up to
 * about ten seconds for it to appear; its pid or ERR. */
static pid_t find_program(pid_t after, const char *name)
{
    for (int tries = 0; tries < 1000; tries++) {
        for (pid_t p = after + 1; p < after + 32; p++) {
            char cmdline[256];
            fd_t fd = openf("sys:/proc/%lld/cmdline", (long long)p);
            int64_t n = fd == ERR ? ERR : read(fd, cmdline, sizeof(cmdline) - 1);
            if (fd != ERR)
                close(fd);
            cmdline[n > 0 ? n : 0] = '\0';
            if (n > 0 && strstr(cmdline, name))
                return p;
        }
        sleep(10 * NS_PER_MS);
    }
    return ERR;
}

UTEST(interrupt_passed_on_and_stops_script)
{
    fd_t o[2];
    UTEST_ASSERT_EQ(open2("sys:/pipe/new", o), 0);
    const char *argv[] = {"home:/bin/shell", "-c", "echo started; tshell sleep 600000; echo not reached", NULL};
    spawn_fd_t fds[] = {{1, o[1]}, {2, o[1]}, {SPAWN_FD_END, SPAWN_FD_END}};
    pid_t pid = spawn(argv, fds, NULL, NULL);
    close(o[1]);
    UTEST_ASSERT(pid != ERR);
    size_t got = 0;
    int64_t n;
    while (!strstr(out, "started\n") && (n = read(o[0], out + got, OUT_MAX - 1 - got)) > 0)
        out[got += (size_t)n] = '\0';
    /* Once the sleeping command exists (pids are handed out in order), ^C as the
     * console would send it, again until the shell ends: the first one may come
     * before the shell waits for the command. */
    UTEST_ASSERT(find_program(pid, "tshell") != ERR);
    fd_t w = openf("sys:/proc/%lld/wait", (long long)pid);
    pollfd_t p = {.fd = w, .events = POLL_READ};
    for (int i = 0; i < 100 && poll(&p, 1, 0) == 0; i++) {
        fd_t note = openf("sys:/proc/%lld/note", (long long)pid);
        if (note != ERR) {
            write(note, "interrupt", 9);
            close(note);
        }
        poll(&p, 1, 200 * NS_PER_MS);
    }
    while ((n = read(o[0], out + got, OUT_MAX - 1 - got)) > 0)
        out[got += (size_t)n] = '\0';
    close(o[0]);
    n = read(w, status, MAX_STATUS);
    close(w);
    status[n > 0 ? n : 0] = '\0';
    UTEST_ASSERT_STR_EQ(out, "started\nshell: interrupt\n");
    UTEST_ASSERT_STR_EQ(status, "interrupt");
}

/* What a command printed after the editor ended its line: the text after "\n". */
static bool printed(const char *text)
{
    char want[128];
    snprintf(want, sizeof(want), "\n%s\n", text);
    return strstr(out, want) != NULL;
}

UTEST(editor_keys_and_history)
{
    const char *args[] = {"-i", NULL};
    const char *keys = "echo abX\x7f" "c\r"        /* backspace */
                       "\x1b[A\r"                  /* up: the same line again */
                       "echo 1 3\x1b[D" "2\x1b[C" "4\r" /* left, insert, right */
                       "ho zz\x01" "ec\x05!\r"     /* ^A, insert, ^E */
                       "junk\x15" "echo u\r"       /* ^U */
                       "echo k tail\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D\x0b\r" /* ^K */
                       "echo lost\x03"             /* ^C: the line is dropped */
                       "\x10\x10\r"                /* ^P ^P: two lines back */
                       "exit 5\r";
    UTEST_ASSERT_EQ(run_argv(args, keys), 0);
    UTEST_ASSERT(printed("abc"));
    UTEST_ASSERT(strstr(strstr(out, "\nabc\n") + 1, "\nabc\n") != NULL);
    UTEST_ASSERT(printed("1 234"));
    UTEST_ASSERT(printed("zz!"));
    UTEST_ASSERT(printed("u"));
    UTEST_ASSERT(printed("k"));
    UTEST_ASSERT(strstr(out, "^C\n") != NULL);
    UTEST_ASSERT(!printed("lost"));
    UTEST_ASSERT(strstr(strstr(out, "\nu\n") + 1, "\nu\n") != NULL); /* ^P ^P ran "echo u" again */
    UTEST_ASSERT_STR_EQ(status, "5");
}

UTEST(editor_end_of_input_exits)
{
    const char *args[] = {"-i", NULL};
    UTEST_ASSERT_EQ(run_argv(args, "tshell exit 4\r\x04"), 0);
    UTEST_ASSERT(strstr(out, "shell: 4\n") != NULL);
    UTEST_ASSERT_STR_EQ(status, "4");
}

int main(void)
{
    UTEST_BEGIN("shell");
    UTEST_RUN(echo_words);
    UTEST_RUN(single_quotes_keep_everything);
    UTEST_RUN(double_quotes_expand_variables);
    UTEST_RUN(backslash_escapes);
    UTEST_RUN(variables_set_unset_and_empty);
    UTEST_RUN(export_reaches_commands);
    UTEST_RUN(status_variable);
    UTEST_RUN(redirect_to_new_file_and_read_back);
    UTEST_RUN(redirect_append);
    UTEST_RUN(redirect_flags_in_path);
    UTEST_RUN(redirect_missing_input_reported);
    UTEST_RUN(pipeline_of_two);
    UTEST_RUN(pipeline_of_three);
    UTEST_RUN(and_or_lists);
    UTEST_RUN(semicolons_and_comments);
    UTEST_RUN(exit_status_of_last_command);
    UTEST_RUN(fault_reported_as_note);
    UTEST_RUN(command_not_found);
    UTEST_RUN(syntax_errors_reported);
    UTEST_RUN(cd_and_pwd);
    UTEST_RUN(relative_program_path_after_cd);
    UTEST_RUN(path_variable_used_for_lookup);
    UTEST_RUN(background_job_and_wait);
    UTEST_RUN(kill_jobs_and_errors);
    UTEST_RUN(echo_wait_to_proc_ctl);
    UTEST_RUN(script_file_with_line_numbers);
    UTEST_RUN(interrupt_passed_on_and_stops_script);
    UTEST_RUN(usage_and_bad_arguments);
    UTEST_RUN(editor_keys_and_history);
    UTEST_RUN(editor_end_of_input_exits);
    return UTEST_END();
}
