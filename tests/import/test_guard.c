/* The crash-loop guard's parts, in process (docs/reliability.md, "Never a crash loop"):
 *  - validate_child: a check that passes, refuses, crashes, hangs, spins or eats memory is
 *    told apart, and the caller survives every one of them;
 *  - trial: attempts are counted per version, an orderly stop does not count, bad versions
 *    are remembered (and only the newest TRIAL_MAX_BAD), the importer refuses a bad version
 *    and one it died on twice;
 *  - the status page names a version the guard marked bad.
 *   test_guard SCRATCH_DIR */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "app/status.h"
#include "base/clock.h"
#include "base/sanitizer.h"
#include "base/file.h"
#include "import/test_fault.h"
#include "import/trial.h"
#include "import/validate_child.h"

static bool check_passes(void *data, const char *dir, char *err, size_t errlen)
{
    (void)data, (void)dir, (void)err, (void)errlen;
    return true;
}

static bool check_refuses(void *data, const char *dir, char *err, size_t errlen)
{
    (void)data;
    snprintf(err, errlen, "%s/playlist.json:3:5: slides: expected an array", dir);
    return false;
}

static bool check_crashes(void *data, const char *dir, char *err, size_t errlen)
{
    (void)data, (void)dir, (void)err, (void)errlen;
    volatile int *p = NULL;
    return *p == 1;
}

static bool check_hangs(void *data, const char *dir, char *err, size_t errlen)
{
    (void)data, (void)dir, (void)err, (void)errlen;
    for (;;)
        pause();
    return false;
}

static bool check_spins(void *data, const char *dir, char *err, size_t errlen)
{
    (void)data, (void)dir, (void)err, (void)errlen;
    for (volatile unsigned long i = 0;; i++)
        ;
    return false;
}

#if !KIOSK_UNDER_SANITIZER
/* Where the eaten memory goes: clang removes a malloc and memset whose block is never seen
 * again, and the check would then not eat any memory at all. */
static char *volatile eaten;

/* Touches ever more memory, as a decompression bomb in a library would. */
static bool check_eats_memory(void *data, const char *dir, char *err, size_t errlen)
{
    (void)data, (void)dir, (void)err, (void)errlen;
    for (int i = 0; i < 64; i++) {
        char *p = malloc(64 << 20);
        if (!p)
            abort(); /* as xmalloc does */
        memset(p, i, 64 << 20);
        eaten = p;
    }
    return true;
}
#endif

static void test_child(void)
{
    struct validate_child_limits l;
    validate_child_limits_defaults(&l);
    CHECK(l.memory_bytes > 0 && l.cpu_seconds > 0 && l.wall_seconds >= l.cpu_seconds,
          "defaults limit memory, processor and time");
    char err[1024];
    enum validate_child_status s;

    s = validate_child_run(check_passes, NULL, "c", 1, &l, err, sizeof err);
    CHECK(s == VALIDATE_CHILD_PASSED, "a passing check passes (%d)", s);

    s = validate_child_run(check_refuses, NULL, "c", 1, &l, err, sizeof err);
    CHECK(s == VALIDATE_CHILD_REFUSED && !strcmp(err, "c/playlist.json:3:5: slides: expected "
                                                      "an array"),
          "the check's own message comes back through the pipe (%d: %s)", s, err);

    s = validate_child_run(check_crashes, NULL, "c", 1, &l, err, sizeof err);
    /* Under the sanitizers the bad read is caught and the child exits with 1 instead: still a
     * crash, named by its exit status. */
    CHECK(s == VALIDATE_CHILD_CRASHED && strstr(err, "crashed the checker") &&
              (strstr(err, "SIGSEGV") || strstr(err, "exit status 1")),
          "a crash is a crash, named (%d: %s)", s, err);

    struct validate_child_limits quick = {
        .memory_bytes = l.memory_bytes, .cpu_seconds = 1, .wall_seconds = 1};
    int64_t t0 = clock_now_ms();
    s = validate_child_run(check_hangs, NULL, "c", 1, &quick, err, sizeof err);
    int64_t took = clock_now_ms() - t0;
    CHECK(s == VALIDATE_CHILD_TOO_SLOW && strstr(err, "took too long"),
          "a hang is stopped at the time limit (%d: %s)", s, err);
    CHECK(took >= 900 && took < 4000, "and the caller waited about the limit (%lld ms)",
          (long long)took);

    /* A thread that blocks SIGALRM (SDL's threads do) still gets a child whose alarm rings:
     * stopped at 2 s by its own alarm, not at 4 s by the parent. */
    sigset_t alrm, old;
    sigemptyset(&alrm);
    sigaddset(&alrm, SIGALRM);
    sigprocmask(SIG_BLOCK, &alrm, &old);
    quick.wall_seconds = 2;
    t0 = clock_now_ms();
    s = validate_child_run(check_hangs, NULL, "c", 1, &quick, err, sizeof err);
    took = clock_now_ms() - t0;
    sigprocmask(SIG_SETMASK, &old, NULL);
    CHECK(s == VALIDATE_CHILD_TOO_SLOW && took < 3000,
          "the child's alarm rings although the caller blocks SIGALRM (%lld ms)", (long long)took);

    quick.wall_seconds = 20; /* the processor limit must stop it first */
    t0 = clock_now_ms();
    s = validate_child_run(check_spins, NULL, "c", 1, &quick, err, sizeof err);
    took = clock_now_ms() - t0;
    CHECK(s == VALIDATE_CHILD_TOO_SLOW && took < 5000,
          "a busy loop is stopped by the processor limit (%d after %lld ms: %s)", s,
          (long long)took, err);

#if !KIOSK_UNDER_SANITIZER
    struct validate_child_limits small = {
        .memory_bytes = 128 << 20, .cpu_seconds = 20, .wall_seconds = 20};
    s = validate_child_run(check_eats_memory, NULL, "c", 1, &small, err, sizeof err);
    CHECK(s == VALIDATE_CHILD_CRASHED && strstr(err, "memory limit"),
          "a check over its memory limit ends as a crash, and says so (%d: %s)", s, err);
#endif

    /* The test-only switch, on one version only. */
    setenv("KIOSK_TEST_FAULT", "validate-crash:7", 1);
    CHECK(test_fault_wanted("validate-crash", 7) && !test_fault_wanted("validate-crash", 8) &&
              !test_fault_wanted("validate-hang", 7) && !test_fault_wanted("play-crash", 7),
          "KIOSK_TEST_FAULT=validate-crash:7 names one kind and one version");
    s = validate_child_run(check_passes, NULL, "c", 8, &l, err, sizeof err);
    CHECK(s == VALIDATE_CHILD_PASSED, "version 8 is not affected (%d)", s);
    s = validate_child_run(check_passes, NULL, "c", 7, &l, err, sizeof err);
    CHECK(s == VALIDATE_CHILD_CRASHED, "version 7's check crashes on purpose (%d)", s);
    setenv("KIOSK_TEST_FAULT", "play-crash,validate-hang:3", 1);
    CHECK(test_fault_wanted("play-crash", 12) && test_fault_wanted("validate-hang", 3) &&
              !test_fault_wanted("validate-hang", 4) && !test_fault_wanted("validate", 3),
          "a list of kinds; no version means every version");
    unsetenv("KIOSK_TEST_FAULT");
    CHECK(!test_fault_wanted("play-crash", 12), "off unless set");
}

static void test_trial(const char *state)
{
    struct trial_mark m;
    char err[512], why[512];
    unsigned attempts = 0;
    CHECK(!trial_read(state, TRIAL_PLAY, &m), "no mark at first");
    CHECK(trial_begin(state, TRIAL_PLAY, 5, "akko", &attempts, err, sizeof err) && attempts == 1,
          "first start of version 5 (%u)", attempts);
    CHECK(trial_begin(state, TRIAL_PLAY, 5, "akko", &attempts, err, sizeof err) && attempts == 2,
          "a second start without the mark cleared counts 2 (%u)", attempts);
    CHECK(trial_read(state, TRIAL_PLAY, &m) && m.version == 5 && !strcmp(m.group, "akko") &&
              m.attempts == 2,
          "the mark is on disk");
    trial_abandon(state, TRIAL_PLAY);
    CHECK(trial_read(state, TRIAL_PLAY, &m) && m.attempts == 1,
          "an orderly stop does not count (%u)", m.attempts);
    CHECK(trial_begin(state, TRIAL_PLAY, 6, "akko", &attempts, err, sizeof err) && attempts == 1,
          "another version starts counting afresh (%u)", attempts);
    CHECK(!trial_read(state, TRIAL_IMPORT, &m), "the importer's mark is its own file");
    trial_end(state, TRIAL_PLAY);
    CHECK(!trial_read(state, TRIAL_PLAY, &m), "the mark goes when the version proved itself");

    /* A mark someone else wrote is ignored, not trusted. */
    char *path = file_join(state, "trying-play");
    file_write_atomic(path, "version=x\n", 10, err, sizeof err);
    CHECK(!trial_read(state, TRIAL_PLAY, &m), "a malformed mark is ignored");
    free(path);

    CHECK(!trial_is_bad(state, 5, "akko", why, sizeof why, NULL), "nothing is bad at first");
    CHECK(trial_mark_bad(state, 5, "akko", "the player stopped 2 times\nwhile playing it", err,
                         sizeof err),
          "marking bad: %s", err);
    CHECK(trial_is_bad(state, 5, "akko", why, sizeof why, NULL) &&
              !strcmp(why, "the player stopped 2 times while playing it"),
          "version 5 is bad, with its reason on one line (%s)", why);
    CHECK(!trial_is_bad(state, 5, "dimona", NULL, 0, NULL) &&
              !trial_is_bad(state, 6, "akko", NULL, 0, NULL),
          "only that version of that group");
    CHECK(trial_describe_bad(state, 5, "akko", why, sizeof why) &&
              strstr(why, "version 5 of group \"akko\" was marked bad on this kiosk on ") &&
              strstr(why, "(the player stopped 2 times while playing it)"),
          "a description for staff (%s)", why);

    /* The importer: a bad version is refused; one it died on twice becomes bad. */
    CHECK(!trial_import_begin(state, 5, "akko", why, sizeof why) && strstr(why, "marked bad") &&
              strstr(why, "only a newer version is accepted"),
          "the importer refuses a bad version (%s)", why);
    CHECK(trial_import_begin(state, 8, "akko", why, sizeof why) &&
              trial_read(state, TRIAL_IMPORT, &m) && m.version == 8 && m.attempts == 1,
          "a good version gets the importer's mark");
    CHECK(trial_import_begin(state, 8, "akko", why, sizeof why) &&
              trial_read(state, TRIAL_IMPORT, &m) && m.attempts == 2,
          "the importer died once on it: second attempt");
    CHECK(!trial_import_begin(state, 8, "akko", why, sizeof why) &&
              strstr(why, "the importer stopped 2 times while installing it") &&
              trial_is_bad(state, 8, "akko", NULL, 0, NULL) && !trial_read(state, TRIAL_IMPORT, &m),
          "died twice: bad, refused, the mark gone (%s)", why);
    CHECK(trial_import_begin(state, 9, "akko", why, sizeof why), "a newer version is taken");
    trial_end(state, TRIAL_IMPORT);

    /* The record stays bounded. */
    for (uint64_t v = 100; v < 100 + 2 * TRIAL_MAX_BAD; v++)
        trial_mark_bad(state, v, "akko", "test", err, sizeof err);
    CHECK(!trial_is_bad(state, 100, "akko", NULL, 0, NULL) &&
              trial_is_bad(state, 99 + 2 * TRIAL_MAX_BAD, "akko", NULL, 0, NULL) &&
              trial_is_bad(state, 100 + TRIAL_MAX_BAD, "akko", NULL, 0, NULL),
          "the newest %d records are kept", TRIAL_MAX_BAD);
}

static void test_status(void)
{
    struct status_facts f = {.playlist_name = "city",
                             .content_dir = "/var/lib/kiosk/versions/4",
                             .content_version = 4,
                             .content_group = "akko",
                             .screen_group = "akko",
                             .imports_enabled = true,
                             .bad_note = "version 5 of group \"akko\" was marked bad on this "
                                         "kiosk on 2026-12-04 23:10 (the player stopped 2 times "
                                         "while playing it); version 4 plays instead",
                             .now = 1800000000};
    struct status_text text;
    struct notice n;
    status_build(&f, &text, &n);
    bool found = false;
    for (size_t i = 0; i < STATUS_MAX_LINES; i++)
        found |= strstr(text.lines[i], "Crash-loop guard: version 5 of group \"akko\" was "
                                       "marked bad") != NULL;
    CHECK(found, "the status page says which version was marked bad and what plays instead");
    f.trial_note = "version 4 is new here: on trial until it has played through once (start 1; "
                   "after 2 starts that crash, the previous version plays)";
    status_build(&f, &text, &n);
    found = false;
    for (size_t i = 0; i < STATUS_MAX_LINES; i++)
        found |= strstr(text.lines[i], "Crash-loop guard: version 4 is new here") != NULL;
    CHECK(found, "and which version is on trial");
    f.trial_note = NULL;
    f.bad_note = NULL;
    status_build(&f, &text, &n);
    found = false;
    for (size_t i = 0; i < STATUS_MAX_LINES; i++)
        found |= strstr(text.lines[i], "Crash-loop guard") != NULL;
    CHECK(!found, "and nothing when nothing was marked");
}

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    char *state = file_join(argv[1], "state");
    file_mkdir_p(state);
    test_child();
    test_trial(state);
    test_status();
    free(state);
    return check_summary();
}
