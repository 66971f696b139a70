/*
 * shell - Patchwork's command interpreter (home:/bin/shell).
 *
 *   shell              interactive on the console: prompt, line editor, history
 *   shell -i           interactive on whatever descriptor 0 is (no console control)
 *   shell -c LINE      runs one command line and exits with its status
 *   shell FILE         runs FILE line by line and exits with the last status
 *
 * The exit status of the shell is the status of the last command ($?), or the one
 * given to `exit`. The pieces are described in shell.h; `help` lists the syntax.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/proc.h>
#include "shell.h"
#include "util.h"

static const char usage[] =
    "usage: shell [-i] | shell -c 'command line' | shell FILE | shell --help\n"
    "  (no argument)  read commands from the console, with line editing and history\n"
    "  -i             read commands with line editing from standard input\n"
    "  -c LINE        run LINE and exit with its status\n"
    "  FILE           run the commands in FILE, one line at a time\n"
    "Type `help` in the shell for its syntax and built-in commands.\n";

static bool is_interactive;

/*
 * "interrupt" goes on to the commands being waited for. An interactive shell then
 * carries on (the console names only its jobs foreground, so this is rare); a script
 * or -c shell stops after the current command with the status "interrupt".
 */
static void on_note(const char *note)
{
    if (strncmp(note, "interrupt", 9) != 0)
        process_exit(note);
    exec_forward_interrupt();
    if (!is_interactive)
        exec_interrupted = true;
    noted();
}

static void run_script(const char *path)
{
    size_t len;
    fd_t fd = open(path);
    char *text = fd == ERR ? NULL : util_read_all(fd, &len);
    if (fd != ERR) {
        int saved = errno;
        close(fd);
        errno = saved;
    }
    if (!text) {
        dprintf(STDERR_FILENO, "shell: %s: %s\n", path, strerror(errno));
        vars_set_status("cannot read script");
        return;
    }
    char where[MAX_PATH + 32];
    int lineno = 0;
    for (char *line = text, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        snprintf(where, sizeof(where), "%s:%d: ", path, ++lineno);
        if (!exec_line(line, where))
            break;
    }
    free(text);
}

/* The prompt: the current directory and "$ ". */
static void make_prompt(char *out, size_t size)
{
    fd_t fd = open("sys:/proc/self/cwd");
    int64_t n = fd == ERR ? ERR : read(fd, out, size - 3);
    if (fd != ERR)
        close(fd);
    if (n == ERR)
        n = 0;
    while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == '\0'))
        n--;
    strcpy(out + n, "$ ");
}

static void interactive(bool console)
{
    static edit_t editor;
    static char prompt[MAX_PATH + 8];
    is_interactive = true;
    if (console && !term_open())
        dprintf(STDERR_FILENO, "shell: sys:/consctl: %s (no raw mode)\n", strerror(errno));
    for (;;) {
        jobs_reap();
        make_prompt(prompt, sizeof(prompt));
        char *line = term_readline(&editor, prompt);
        if (!line)
            break;
        edit_history_add(&editor, line);
        bool go_on = exec_line(line, "");
        free(line);
        if (!go_on)
            break;
    }
}

int main(int argc, char **argv)
{
    if (vars_init()) {
        dprintf(STDERR_FILENO, "shell: out of memory\n");
        return 1;
    }
    notify(on_note);
    if (argc == 2 && strcmp(argv[1], "--help") == 0) {
        write(STDOUT_FILENO, usage, strlen(usage));
        return 0;
    }
    if (argc >= 2 && strcmp(argv[1], "-c") == 0) {
        if (argc != 3) {
            dprintf(STDERR_FILENO, "shell: -c needs exactly one command line\n%s", usage);
            return 2;
        }
        exec_line(argv[2], "");
    } else if (argc == 2 && strcmp(argv[1], "-i") == 0) {
        interactive(false);
    } else if (argc == 2 && argv[1][0] != '-') {
        run_script(argv[1]);
    } else if (argc == 1) {
        interactive(true);
    } else {
        dprintf(STDERR_FILENO, "shell: bad arguments\n%s", usage);
        return 2;
    }
    process_exit(exec_exit_status[0] ? exec_exit_status : vars_get("?"));
}
