/*
 * log.c - the kernel log. A line is formatted on the caller's stack, then under the log
 * lock appended to the ring and written to the consoles (serial first: it is the one
 * the tests and a crashed machine can still be read from).
 */
#include "log.h"
#include "dev/fbcon.h"
#include "dev/serial.h"
#include "lib/fmt.h"
#include "sync/spinlock.h"
#include "time/clock.h"

#define LOG_RING_SIZE (256u << 10)

static uint8_t ring_buf[LOG_RING_SIZE];
static logring_t ring;          /* log_lock */
static spinlock_t lock = SPINLOCK_INIT;
static int console_level;       /* written once by log_init */
static volatile int panicking;  /* written once by log_panic_mode */

void log_init(int level)
{
    logring_init(&ring, ring_buf, sizeof(ring_buf));
    console_level = level;
}

void log_lock(void)
{
    if (!panicking)
        spinlock_lock(&lock);
}

void log_unlock(void)
{
    if (!panicking)
        spinlock_unlock(&lock);
}

void log_panic_mode(void)
{
    panicking = 1;
}

const logring_t *log_ring(void)
{
    return &ring;
}

static void log_emit(int level, uint64_t ns, const char *text, size_t len, int stamp)
{
    char head[32];
    int hn = fmt_snprintf(head, sizeof(head), "[%5lu.%06lu] ", ns / 1000000000, ns / 1000 % 1000000);
    log_lock();
    logring_append(&ring, ns, level, text, len);
    if (level >= console_level) {
        if (stamp)
            serial_write(head, (size_t)hn);
        serial_write(text, len);
        serial_write("\n", 1);
        if (stamp)
            fbcon_write(head, (size_t)hn);
        fbcon_write(text, len);
        fbcon_write("\n", 1);
    }
    log_unlock();
}

void log_write_console(const char *s, size_t n)
{
    log_lock();
    serial_write(s, n);
    fbcon_write(s, n);
    log_unlock();
}

void log_vprintf(int level, const char *fmt, va_list ap)
{
    char line[LOG_LINE_MAX];
    int n = fmt_vsnprintf(line, sizeof(line), fmt, ap);
    if (n >= (int)sizeof(line))
        n = sizeof(line) - 1;
    log_emit(level, clock_ns(), line, (size_t)(n < 0 ? 0 : n), 1);
}

void log_printf(int level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    log_vprintf(level, fmt, ap);
    va_end(ap);
}

void log_raw(const char *fmt, ...)
{
    char line[LOG_LINE_MAX];
    va_list ap;
    va_start(ap, fmt);
    int n = fmt_vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof(line))
        n = sizeof(line) - 1;
    log_emit(LOG_ERROR, clock_ns(), line, (size_t)(n < 0 ? 0 : n), 0);
}
