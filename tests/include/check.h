/* The C tests' assertions. Every failed check prints where and what (the expression, the values,
 * the message given), the test goes on so that one run shows everything that broke, and main
 * ends with `return check_summary();`, which prints "N passed, N failed" and returns the exit
 * status:
 *
 *   CHECK(cond)                    CHECK(cond, "fmt", ...)   (CHECK_MSG is the same)
 *   CHECK_INT(got, want)           integers, compared as long long
 *   CHECK_NUM(got, want)           numbers, equal within 1e-6
 *   CHECK_NEAR(got, want, tol)     numbers, equal within tol; an optional fourth argument names
 *                                  what is compared
 *   CHECK_STR(got, want)           strings (a NULL got fails)
 *
 * Header-only and static: each test program has its own counters. */
#pragma once

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int check_passed, check_failed;

__attribute__((unused, format(printf, 4, 5))) static void
check_fail_(const char *file, int line, const char *expr, const char *fmt, ...)
{
    check_failed++;
    fprintf(stderr, "%s:%d: check failed: %s", file, line, expr);
    if (fmt && *fmt) {
        va_list ap;
        va_start(ap, fmt);
        fputs(": ", stderr);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
    }
    fputc('\n', stderr);
}

__attribute__((unused)) static void check_fail_plain_(const char *file, int line, const char *expr)
{
    check_failed++;
    fprintf(stderr, "%s:%d: check failed: %s\n", file, line, expr);
}

/* A derived check (CHECK_INT...) that passed or failed, with the expression as written. */
#define CHECK_AT_(ok, expr, ...)                                                                   \
    do {                                                                                           \
        if (ok)                                                                                    \
            check_passed++;                                                                        \
        else                                                                                       \
            check_fail_(__FILE__, __LINE__, expr, __VA_ARGS__);                                    \
    } while (0)

/* CHECK with one argument or with a message: the message's format is checked like printf's. */
#define CHECK_PICK_(_1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14, _15, _16, NAME,   \
                    ...)                                                                           \
    NAME
#define CHECK(...)                                                                                 \
    CHECK_PICK_(__VA_ARGS__, CHECK_MSG, CHECK_MSG, CHECK_MSG, CHECK_MSG, CHECK_MSG, CHECK_MSG,     \
                CHECK_MSG, CHECK_MSG, CHECK_MSG, CHECK_MSG, CHECK_MSG, CHECK_MSG, CHECK_MSG,       \
                CHECK_MSG, CHECK_MSG, CHECK_ONE_, unused_)                                         \
    (__VA_ARGS__)
#define CHECK_ONE_(cond)                                                                           \
    do {                                                                                           \
        if (cond)                                                                                  \
            check_passed++;                                                                        \
        else                                                                                       \
            check_fail_plain_(__FILE__, __LINE__, #cond);                                          \
    } while (0)
#define CHECK_MSG(cond, ...)                                                                       \
    do {                                                                                           \
        if (cond)                                                                                  \
            check_passed++;                                                                        \
        else                                                                                       \
            check_fail_(__FILE__, __LINE__, #cond, __VA_ARGS__);                                   \
    } while (0)

#define CHECK_INT(got, want)                                                                       \
    do {                                                                                           \
        long long got_ = (long long)(got), want_ = (long long)(want);                              \
        CHECK_AT_(got_ == want_, #got " == " #want, "got %lld, expected %lld", got_, want_);       \
    } while (0)

#define CHECK_NUM(got, want) CHECK_NEAR(got, want, 1e-6)

#define CHECK_NEAR(...)                                                                            \
    CHECK_NEAR_PICK_(__VA_ARGS__, CHECK_NEAR_WHAT_, CHECK_NEAR_, unused_)(__VA_ARGS__)
#define CHECK_NEAR_PICK_(_1, _2, _3, _4, NAME, ...) NAME
#define CHECK_NEAR_(got, want, tol) CHECK_NEAR_WHAT_(got, want, tol, #got)
#define CHECK_NEAR_WHAT_(got, want, tol, what)                                                     \
    do {                                                                                           \
        double got_ = (double)(got), want_ = (double)(want);                                       \
        CHECK_AT_(fabs(got_ - want_) <= (tol), what, "got %g, expected %g (within %g)", got_,      \
                  want_, (double)(tol));                                                           \
    } while (0)

#define CHECK_STR(got, want)                                                                       \
    do {                                                                                           \
        const char *got_ = (got), *want_ = (want);                                                 \
        CHECK_AT_(got_ != NULL && strcmp(got_, want_) == 0, #got, "got \"%s\", expected \"%s\"",   \
                  got_ ? got_ : "(null)", want_);                                                  \
    } while (0)

/* Prints "N passed, N failed"; the exit status for main: 0 when nothing failed. */
__attribute__((unused)) static int check_summary(void)
{
    printf("%d passed, %d failed\n", check_passed, check_failed);
    return check_failed ? 1 : 0;
}
