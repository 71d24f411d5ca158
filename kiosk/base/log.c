#define LOG_MODULE "log"
#include "base/log.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int current_level = -1;

/* A ring of the latest problems; any thread may log. */
static pthread_mutex_t recent_lock = PTHREAD_MUTEX_INITIALIZER;
static struct log_entry recent[LOG_RECENT_MAX];
static size_t recent_count, recent_next;

static void remember_problem(const char *text)
{
    pthread_mutex_lock(&recent_lock);
    struct log_entry *e = &recent[recent_next];
    e->when = (long long)time(NULL);
    size_t n = strcspn(text, "\n");
    if (n >= sizeof e->text)
        n = sizeof e->text - 1;
    while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
        n--; /* whole UTF-8 characters only */
    memcpy(e->text, text, n);
    e->text[n] = '\0';
    recent_next = (recent_next + 1) % LOG_RECENT_MAX;
    if (recent_count < LOG_RECENT_MAX)
        recent_count++;
    pthread_mutex_unlock(&recent_lock);
}

size_t log_recent_problems(struct log_entry *out, size_t max)
{
    pthread_mutex_lock(&recent_lock);
    size_t n = recent_count < max ? recent_count : max;
    for (size_t i = 0; i < n; i++)
        out[i] = recent[(recent_next + LOG_RECENT_MAX - n + i) % LOG_RECENT_MAX];
    pthread_mutex_unlock(&recent_lock);
    return n;
}

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
    if (level <= LOG_LEVEL_WARNING) {
        /* "kiosk: error: " is the same for all: keep "module: message". */
        const char *text = buf + strlen("kiosk: ") + strlen(names[level]) + 2;
        remember_problem(text);
    }

    /* One write so that lines from the decode thread never interleave with the loop's. */
    ssize_t unused = write(STDERR_FILENO, buf, (size_t)n);
    (void)unused;
}
