#define LOG_MODULE "log"
#include "base/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int current_level = -1;

static enum log_level level_now(void)
{
    if (current_level < 0) {
        const char *env = getenv("KIOSK_DEBUG");
        current_level = (env && *env && strcmp(env, "0") != 0) ? LOG_LEVEL_DEBUG : LOG_LEVEL_INFO;
    }
    return (enum log_level)current_level;
}

void log_set_level(enum log_level level)
{
    current_level = (int)level;
}

enum log_level log_get_level(void)
{
    return level_now();
}

void log_msg(enum log_level level, const char *module, const char *file, int line, const char *fmt,
             ...)
{
    if (level > level_now())
        return;

    static const char *const names[] = {"error", "warning", "info", "debug"};
    char buf[2048];
    int n;
    if (level == LOG_LEVEL_DEBUG)
        n = snprintf(buf, sizeof(buf), "kiosk: %s: %s: %s:%d: ", names[level], module, file, line);
    else
        n = snprintf(buf, sizeof(buf), "kiosk: %s: %s: ", names[level], module);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof(buf))
        n = sizeof(buf) - 1;

    va_list ap;
    va_start(ap, fmt);
    int m = vsnprintf(buf + n, sizeof(buf) - (size_t)n, fmt, ap);
    va_end(ap);
    if (m > 0)
        n += m;
    if ((size_t)n >= sizeof(buf) - 1)
        n = sizeof(buf) - 2;
    buf[n++] = '\n';

    /* One write so that lines from the decode thread never interleave with the loop's. */
    ssize_t unused = write(STDERR_FILENO, buf, (size_t)n);
    (void)unused;
}
