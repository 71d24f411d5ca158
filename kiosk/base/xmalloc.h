/* Allocation that aborts on failure: out of memory is not a branch (foot's xmalloc.c). */
#pragma once

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grows an array to hold at least `count` elements of `size` bytes; doubles the capacity. */
void *xgrow(void *ptr, size_t *capacity, size_t count, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a new string; the caller frees it. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same with a va_list (which it consumes). */
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
