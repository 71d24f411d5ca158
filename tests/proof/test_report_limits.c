/* `kiosk report` on hostile record files: every value and every line is bounded, and so is the
 * memory, however large the input. Run through the real binary, measuring its peak memory
 * (getrusage of the child) against the same binary printing its usage.
 *
 *   test_proof_report_limits          the library: totals never overflow
 *   test_proof_report_limits KIOSK    the command: huge durations, a 512 MiB line, 300,000 ids,
 *                                     FIFOs in place of record files */
#include "proof_test.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "base/sanitizer.h"
#include "proof/report.h"

/* Under AddressSanitizer and ThreadSanitizer (the sanitizer builds run this suite too) freed
 * memory stays in quarantine or shadow memory grows with it, so peaks are printed but not
 * compared. */

/* 2027-03-12T10:00:00.000Z */
#define DAY_MS INT64_C(1804845600000)

/* A line with a correct checksum for whatever fields are given: what a forger or a buggy writer
 * could produce, which the format's own checks let through. */
static size_t sealed_line(char *buf, size_t cap, const char *fields)
{
    size_t n = (size_t)snprintf(buf, cap, "%s", fields);
    n += (size_t)snprintf(buf + n, cap - n, "\t%08x\n", (unsigned)proof_crc32(0, buf, n));
    return n;
}

static void write_header(FILE *f)
{
    char line[64];
    size_t n = proof_format_header(line, sizeof(line));
    fwrite(line, 1, n, f);
}

static void write_record(FILE *f, const struct proof_record *r)
{
    char line[PROOF_LINE_MAX];
    size_t n = proof_format_line(r, line, sizeof(line));
    fwrite(line, 1, n, f);
}

struct run_result {
    int status;     /* exit status, or -1 when killed (by the time limit) */
    long maxrss_kb; /* peak resident memory of the command */
    char *out, *err;
};

/* Runs `kiosk report args...` with a time limit; output in files under dir. */
static struct run_result run_report(const char *kiosk, const char *dir, char *const args[])
{
    char out_path[4096], err_path[4096];
    snprintf(out_path, sizeof(out_path), "%s/stdout.txt", dir);
    snprintf(err_path, sizeof(err_path), "%s/stderr.txt", dir);
    char *argv[16] = {(char *)kiosk, "report"};
    int n = 2;
    for (int i = 0; args[i] && n < 15; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        int o = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int e = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(o, 1);
        dup2(e, 2);
        /* Survives exec: a hang ends in SIGALRM, not in a stuck test. A sanitizer's build runs
         * several times slower (300,000 ids take some 15 s under ThreadSanitizer). */
        alarm(KIOSK_UNDER_SANITIZER ? 60 : 10);
        execv(kiosk, argv);
        _exit(errno == ENOEXEC ? 126 : 127);
    }
    int status;
    struct rusage ru = {0};
    wait4(pid, &status, 0, &ru);
    struct run_result r = {
        .status = WIFEXITED(status) ? WEXITSTATUS(status) : -1,
        .maxrss_kb = ru.ru_maxrss,
        .out = slurp(out_path, NULL),
        .err = slurp(err_path, NULL),
    };
    return r;
}

static const char *txt(const char *s)
{
    return s ? s : "(nothing)";
}

static void result_free(struct run_result *r)
{
    free(r->out);
    free(r->err);
}

static void test_library(void)
{
    proof_report_set_timezone("UTC");
    struct proof_report *rep = proof_report_create();
    struct proof_record r = test_record("harbour", DAY_MS, PROOF_DURATION_MAX_MS);
    /* A duration past the limit is refused whoever passes it. */
    r.duration_ms = INT64_MAX;
    CHECK(proof_report_add(rep, &r) != NULL, "INT64_MAX ms accepted");
    r.duration_ms = PROOF_DURATION_MAX_MS + 1;
    CHECK(proof_report_add(rep, &r) != NULL, "a duration over the limit accepted");
    r.duration_ms = -1;
    CHECK(proof_report_add(rep, &r) != NULL, "a negative duration accepted");
    /* Records of the longest duration until the total would pass its limit: the sums stay exact
     * and positive, the rest is refused with a reason. */
    r.duration_ms = PROOF_DURATION_MAX_MS;
    uint64_t taken = 0, refused = 0;
    const char *why = NULL;
    for (int i = 0; i < 40000; i++) {
        const char *w = proof_report_add(rep, &r);
        if (w) {
            refused++;
            why = w;
        } else {
            taken++;
        }
    }
    struct proof_report_totals t;
    proof_report_get_totals(rep, &t);
    CHECK(refused > 0 && why && strstr(why, "total"), "%llu refused: %s",
          (unsigned long long)refused, why ? why : "(none)");
    CHECK(t.plays == taken && t.duration_ms == (int64_t)taken * PROOF_DURATION_MAX_MS &&
              t.duration_ms > 0 && t.duration_ms <= PROOF_REPORT_TOTAL_MAX_MS,
          "totals %llu plays, %lld ms, %llu taken", (unsigned long long)t.plays,
          (long long)t.duration_ms, (unsigned long long)taken);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    proof_report_write_table(rep, f);
    proof_report_write_csv(rep, f);
    fclose(f);
    char expect[64];
    snprintf(expect, sizeof(expect), "%lld:%02d:00", (long long)(t.duration_ms / 3600000),
             (int)(t.duration_ms / 60000 % 60));
    CHECK(text && strstr(text, expect), "the total %s in:\n%s", expect, text);
    free(text);
    proof_report_free(rep);
}

/* A record whose duration is INT64_MAX, with a correct checksum: refused by file and line, the
 * good records still counted, and no negative time anywhere. */
static void test_huge_duration(const char *kiosk, const char *dir)
{
    char path[4096], line[PROOF_LINE_MAX];
    snprintf(path, sizeof(path), "%s/plays.log", dir);
    FILE *f = fopen(path, "wb");
    write_header(f);
    struct proof_record r = test_record("harbour", DAY_MS, 8000);
    write_record(f, &r);
    size_t n = sealed_line(line, sizeof(line),
                           "2027-03-12T10:00:08.000Z\t9223372036854775807\tslide\tharbour\t7\t"
                           "akko-lobby\tloop\the");
    fwrite(line, 1, n, f);
    n = sealed_line(line, sizeof(line),
                    "2027-03-12T10:00:09.000Z\t31622400001\tslide\twalls\t7\takko-lobby\tloop\the");
    fwrite(line, 1, n, f);
    write_record(f, &r);
    fclose(f);

    struct run_result res = run_report(kiosk, dir, (char *[]){"--tz", "UTC", path, NULL});
    CHECK(res.status == 1, "a record out of range: exit status %d, expected 1", res.status);
    char expect[4200];
    snprintf(expect, sizeof(expect), "%s:3: skipped: duration of 9223372036854775807 ms", path);
    CHECK(res.err && strstr(res.err, expect), "stderr names file and line:\n%s\nexpected %s",
          txt(res.err), expect);
    snprintf(expect, sizeof(expect), "%s:4: skipped: duration of 31622400001 ms", path);
    CHECK(res.err && strstr(res.err, expect), "the limit is exact:\n%s", txt(res.err));
    CHECK(res.err && strstr(res.err, "2 records rejected"), "the summary counts them:\n%s",
          txt(res.err));
    CHECK(res.out && strstr(res.out, "total") && strstr(res.out, "      2    0:00:16\n") &&
              !strstr(res.out, ":-"),
          "the table counts the good records only:\n%s", txt(res.out));
    result_free(&res);
}

/* 512 MiB of NUL bytes without a newline (a sparse file: no disk space), then a good record. */
static void test_long_line(const char *kiosk, const char *dir, long base_kb)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/plays-long.log", dir);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    off_t hole = (off_t)512 << 20;
    CHECK(fd >= 0 && ftruncate(fd, hole) == 0, "sparse file: %s", strerror(errno));
    char line[PROOF_LINE_MAX + 1];
    struct proof_record r = test_record("after the hole", DAY_MS, 8000);
    line[0] = '\n';
    size_t n = 1 + proof_format_line(&r, line + 1, sizeof(line) - 1);
    CHECK(pwrite(fd, line, n, hole) == (ssize_t)n, "write");
    close(fd);

    struct run_result res = run_report(kiosk, dir, (char *[]){"--csv", path, NULL});
    CHECK(res.status == 1, "an over-long line: exit status %d", res.status);
    char expect[4200];
    snprintf(expect, sizeof(expect), "%s:1: skipped: line longer than %d bytes", path,
             PROOF_LINE_MAX);
    CHECK(res.err && strstr(res.err, expect), "stderr:\n%s\nexpected %s", txt(res.err), expect);
    CHECK(res.out && strstr(res.out, ",after the hole,1,8.000\r\n"),
          "the record after the line is read:\n%s", txt(res.out));
    long extra = res.maxrss_kb - base_kb;
    printf("512 MiB line: peak %ld KiB, %ld KiB over the usage run\n", res.maxrss_kb, extra);
    CHECK(KIOSK_UNDER_SANITIZER || extra < 8 * 1024, "a 512 MiB line cost %ld KiB of memory",
          extra);
    result_free(&res);
    unlink(path);
}

/* 300,000 distinct ids on one day: more rows than a report holds; memory stays bounded, the
 * total still counts every play, and the output says what was left out. */
static void test_many_ids(const char *kiosk, const char *dir, long base_kb)
{
    enum { IDS = 300000 };
    char path[4096], csv_dir[4096];
    snprintf(path, sizeof(path), "%s/plays-many.log", dir);
    snprintf(csv_dir, sizeof(csv_dir), "%s/csv", dir);
    mkdir(csv_dir, 0755);
    FILE *f = fopen(path, "wb");
    write_header(f);
    for (int i = 0; i < IDS; i++) {
        char id[PROOF_TEXT_MAX + 1];
        /* Long ids (200 bytes), as a hostile file would have them. */
        snprintf(id, sizeof(id), "%07d-%0192d", i, 0);
        struct proof_record r = test_record(id, DAY_MS + i, 1000);
        write_record(f, &r);
    }
    fclose(f);

    struct run_result res = run_report(kiosk, dir, (char *[]){"--tz", "UTC", path, NULL});
    long extra = res.maxrss_kb - base_kb;
    printf("300,000 ids: peak %ld KiB, %ld KiB over the usage run\n", res.maxrss_kb, extra);
    CHECK(KIOSK_UNDER_SANITIZER || extra < 96 * 1024, "300,000 ids cost %ld KiB of memory", extra);
    CHECK(res.status == 1, "rows over the limit: exit status %d", res.status);
    char expect[256];
    CHECK(res.out && strstr(res.out, "  300000   83:20:00\n"), "every play in the total:\n%.300s",
          res.out ? res.out + (strlen(res.out) > 300 ? strlen(res.out) - 300 : 0) : "");
    snprintf(expect, sizeof(expect), "note: more than %d rows", PROOF_REPORT_MAX_ROWS);
    CHECK(res.out && strstr(res.out, expect), "a note in the table");
    CHECK(res.err && strstr(res.err, expect), "a note on stderr:\n%s", txt(res.err));
    result_free(&res);

    res = run_report(kiosk, csv_dir, (char *[]){"--tz", "UTC", "--csv", path, NULL});
    /* Rows end at whichever limit comes first (200-byte ids: the text limit); the rows and the
     * last row of plays beyond them add up to every play. */
    size_t rows = 0;
    unsigned long long beyond = 0, seconds = 0;
    snprintf(expect, sizeof(expect), "\r\n,,,(plays beyond the report's %d rows),",
             PROOF_REPORT_MAX_ROWS);
    const char *last = res.out ? strstr(res.out, expect) : NULL;
    /* A plain loop: strstr from each line's start is quadratic under AddressSanitizer, whose
     * interceptor measures the whole rest of the text every call. */
    for (const char *p = res.out; p && *p; p++)
        rows += p[0] == '\r' && p[1] == '\n';
    CHECK(last && sscanf(last + strlen(expect), "%llu,%llu.000\r\n", &beyond, &seconds) == 2 &&
              rows - 2 + beyond == IDS && seconds == beyond && beyond > 0,
          "the CSV's last row: %s; %zu lines", last ? last : "(none)", rows);
    result_free(&res);
    unlink(path);
}

/* A FIFO where a record file should be, given directly or inside a folder: refused at once. */
static void test_fifo(const char *kiosk, const char *dir)
{
    char fifo_dir[4096], fifo[4096], out_dir[4096];
    snprintf(fifo_dir, sizeof(fifo_dir), "%s/fifo", dir);
    snprintf(out_dir, sizeof(out_dir), "%s/out-fifo", dir);
    mkdir(fifo_dir, 0755);
    mkdir(out_dir, 0755);
    snprintf(fifo, sizeof(fifo), "%s/plays.log", fifo_dir);
    CHECK(mkfifo(fifo, 0644) == 0, "mkfifo: %s", strerror(errno));
    char *const *cases[] = {(char *[]){fifo, NULL}, (char *[]){fifo_dir, NULL}};
    for (int i = 0; i < 2; i++) {
        struct run_result res = run_report(kiosk, out_dir, cases[i]);
        CHECK(res.status == 1, "a FIFO (%s): exit status %d (-1: it hung)", cases[i][0],
              res.status);
        CHECK(res.err && strstr(res.err, fifo) && strstr(res.err, "not a regular file"),
              "the FIFO is named: %s", txt(res.err));
        result_free(&res);
    }
}

static bool test_cli(const char *kiosk)
{
    char dir[4096];
    test_dir(dir, sizeof(dir), "limits");
    struct run_result base = run_report(kiosk, dir, (char *[]){"--help", NULL});
    result_free(&base);
    if (base.status == 126) {
        printf("SKIP: %s cannot be executed on this machine\n", kiosk);
        return false;
    }
    printf("usage run: peak %ld KiB\n", base.maxrss_kb);
    test_huge_duration(kiosk, dir);
    test_long_line(kiosk, dir, base.maxrss_kb);
    test_many_ids(kiosk, dir, base.maxrss_kb);
    test_fifo(kiosk, dir);
    return true;
}

int main(int argc, char **argv)
{
    if (argc > 1) {
        if (!test_cli(argv[1]))
            return 77;
    } else {
        test_library();
    }
    return check_summary();
}
