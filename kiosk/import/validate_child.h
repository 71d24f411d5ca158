/* The content check of an import, run in a child process: a crash, a runaway allocation or a
 * hang in a third-party library (FriBidi, HarfBuzz, ICU, the image probes) while it looks at
 * new content ends the child, and the bundle is refused with a plain reason, instead of taking
 * the player or `kiosk import` down with it.
 *
 * The child is a fork of the caller. Before checking it limits itself: address space
 * (RLIMIT_AS, what it has at the fork plus memory_bytes; not under AddressSanitizer, whose
 * shadow memory needs terabytes of address space), CPU time (RLIMIT_CPU) and wall time
 * (alarm). The parent waits at most wall_seconds and then kills it. The result comes back as
 * the exit status plus the message text on a pipe.
 *
 * Thread: any; the caller's thread blocks until the child has ended. In the player the fork
 * happens on the import thread: the child uses only the check itself, which creates its own
 * text engine, and ends with _exit. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct validate_child_limits {
    uint64_t memory_bytes; /* address space the check may add; 0: no limit */
    unsigned cpu_seconds;  /* CPU time; 0: no limit */
    unsigned wall_seconds; /* time from start to verdict; 0: no limit */
};

/* 256 MB, 120 s of CPU, 300 s in all: a large bundle checks in seconds on a Pi 4. */
void validate_child_limits_defaults(struct validate_child_limits *l);

enum validate_child_status {
    VALIDATE_CHILD_PASSED,
    VALIDATE_CHILD_REFUSED,  /* the check ran and found problems: err holds them */
    VALIDATE_CHILD_CRASHED,  /* the check died: a signal (also the abort of running out of
                                its memory limit), or an exit status it does not use */
    VALIDATE_CHILD_TOO_SLOW, /* over the CPU or the wall-clock limit */
    VALIDATE_CHILD_FAILED,   /* no child could be started (fork or pipe failed) */
};

/* A check may also end the child by exec'ing a program of its own (a fresh process shares no
 * locks with the threads of the one that forked): that program's standard output is the pipe,
 * and it exits 0 when the content passes, VALIDATE_CHILD_EXIT_REFUSED with the problems on
 * standard output when it does not. */
#define VALIDATE_CHILD_EXIT_REFUSED 10

/* The check to run: import_validate_fn of importer.h. */
typedef bool (*validate_child_fn)(void *data, const char *content_dir, char *err, size_t errlen);

/* Runs validate(data, content_dir, ...) in a child under limits. version names the bundle for
 * the test-only fault switch (test_fault.h: validate-crash, validate-hang). err always gets one
 * line of plain words: the check's own message, or what happened to the checker. */
enum validate_child_status validate_child_run(validate_child_fn validate, void *data,
                                              const char *content_dir, uint64_t version,
                                              const struct validate_child_limits *limits, char *err,
                                              size_t errlen);
