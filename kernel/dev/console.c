/*
 * console.c - sys:/console. Writes go out raw (no timestamp) through the log's console
 * path; a small state machine looks at the start of every line to count test results.
 * Reads return end-of-file: FIXME: keyboard and serial input arrive with the shell.
 */
#include "console.h"
#include "fs/sysfs.h"
#include "lib/string.h"
#include "log/log.h"
#include "sync/spinlock.h"

static spinlock_t lock = SPINLOCK_INIT;
static struct {
    char head[8];        /* the first bytes of the current line */
    unsigned len;        /* bytes of head filled; 8 once decided */
    uint64_t passed, failed;
} lines;                 /* lock */

static void console_classify(void)
{
    if (lines.len >= 3 && memcmp(lines.head, "ok ", 3) == 0) {
        lines.passed++;
        lines.len = 8;
    } else if (lines.len >= 7 && memcmp(lines.head, "not ok ", 7) == 0) {
        lines.failed++;
        lines.len = 8;
    } else if (lines.len >= 7) {
        lines.len = 8; /* neither: stop looking until the next line */
    }
}

static void console_scan(const char *s, size_t n)
{
    spinlock_lock(&lock);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n') {
            lines.len = 0;
            continue;
        }
        if (lines.len < 7) {
            lines.head[lines.len++] = s[i];
            console_classify();
        }
    }
    spinlock_unlock(&lock);
}

static int64_t console_write(sysfs_file_t *f, const void *buf, size_t size, uint64_t offset)
{
    (void)f, (void)offset;
    log_write_console(buf, size);
    console_scan(buf, size);
    return (int64_t)size;
}

static int64_t console_read(sysfs_file_t *f, void *buf, size_t size, uint64_t offset)
{
    (void)f, (void)buf, (void)size, (void)offset;
    return 0;
}

static const sysfs_ops_t console_ops = {.read = console_read, .write = console_write};

void console_init(void)
{
    sysfs_add_file(sysfs_root(), "console", &console_ops, 0);
}

void console_results(uint64_t *passed, uint64_t *failed)
{
    spinlock_lock(&lock);
    *passed = lines.passed;
    *failed = lines.failed;
    spinlock_unlock(&lock);
}
