/* Per-module logging in the style of foot's log.h.
 *
 * Each .c file defines LOG_MODULE before including this header; messages go to stderr as
 * "kiosk: level: module: text" (plus file:line for debug). Thread-safe: each message is formatted
 * into one buffer and written with a single write(2).
 */
#pragma once

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

enum log_level { LOG_LEVEL_ERROR, LOG_LEVEL_WARNING, LOG_LEVEL_INFO, LOG_LEVEL_DEBUG };

/* Messages above this level are dropped. Default: LOG_LEVEL_INFO; KIOSK_DEBUG=1 in the
 * environment raises it to LOG_LEVEL_DEBUG. */
void log_set_level(enum log_level level);
enum log_level log_get_level(void);

/* The last warnings and errors, for the staff status page: newest last. */
#define LOG_RECENT_MAX 8
struct log_entry {
    long long when; /* wall-clock seconds since the epoch */
    char text[240]; /* "module: message", cut at a character boundary */
};
size_t log_recent_problems(struct log_entry *out, size_t max);

void log_msg(enum log_level level, const char *module, const char *file, int line, const char *fmt,
             ...) __attribute__((format(printf, 5, 6)));

#ifndef LOG_MODULE
#error "define LOG_MODULE before including base/log.h"
#endif

#define LOG_ERR(...) log_msg(LOG_LEVEL_ERROR, LOG_MODULE, __FILE__, __LINE__, __VA_ARGS__)
#define LOG_WARN(...) log_msg(LOG_LEVEL_WARNING, LOG_MODULE, __FILE__, __LINE__, __VA_ARGS__)
#define LOG_INFO(...) log_msg(LOG_LEVEL_INFO, LOG_MODULE, __FILE__, __LINE__, __VA_ARGS__)
#define LOG_DBG(...) log_msg(LOG_LEVEL_DEBUG, LOG_MODULE, __FILE__, __LINE__, __VA_ARGS__)
