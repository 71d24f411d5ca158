/* The report against a known play sequence: two days and a bit, across midnight in
 * Asia/Jerusalem (UTC+2 in March), with odd ids, a page, the built-in fallback and a second
 * group. The expected table and CSV are written out below; the totals are the sum of the plays.
 *
 *   test_proof_report          the library: proof_report_* and the reader's time filter
 *   test_proof_report KIOSK    the same through `kiosk report`: output, warnings, exit status */
#include "proof_test.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/wait.h>

#include "proof/report.h"

struct play {
    const char *start; /* UTC */
    int64_t duration_ms;
    enum proof_kind kind;
    const char *id;
    uint64_t version;
    const char *group;
    enum proof_reached reached;
    const char *lang;
};

#define SLIDE PROOF_KIND_SLIDE
#define PAGE PROOF_KIND_PAGE
#define BUILT_IN PROOF_KIND_FALLBACK
#define LOOP PROOF_REACHED_LOOP
#define TOUCH PROOF_REACHED_TOUCH
#define FALLBACK PROOF_REACHED_SCHEDULE_FALLBACK

/* Local time (UTC+2) in the comments. */
/* clang-format off */
static const struct play plays[] = {
    /* 2027-03-11 23:50:00 */
    {"2027-03-11T21:50:00.000Z", 8000, SLIDE, "harbour", 41, "akko", LOOP, "he"},
    {"2027-03-11T21:50:08.000Z", 8000, SLIDE, "walls", 41, "akko", LOOP, "he"},
    /* 23:59:55 for 10 s: counts on the 11th, the day it started */
    {"2027-03-11T21:59:55.000Z", 10000, SLIDE, "harbour", 41, "akko", LOOP, "ar"},
    /* 2027-03-12 00:00:05, still the 11th in UTC */
    {"2027-03-11T22:00:05.000Z", 8000, SLIDE, "walls", 42, "akko", LOOP, "he"},
    {"2027-03-12T08:00:00.000Z", 12500, SLIDE, "harbour", 42, "akko", TOUCH, "en"},
    {"2027-03-12T08:00:12.500Z", 30000, PAGE, "hours, Sunday", 42, "akko", TOUCH, "he"},
    {"2027-03-12T08:00:42.500Z", 5000, BUILT_IN, "", 0, "", FALLBACK, ""},
    {"2027-03-12T09:15:00.000Z", 8000, SLIDE, "נמל עכו", 42, "akko", LOOP, "he"},
    {"2027-03-12T09:15:08.000Z", 7250, SLIDE, "say \"shalom\"", 42, "akko", LOOP, "en"},
    {"2027-03-12T09:20:00.000Z", 4000, SLIDE, "harbour", 42, "dimona", LOOP, "he"},
    /* 23:59:59.999 on the 12th, then midnight exactly: the 13th */
    {"2027-03-12T21:59:59.999Z", 8000, SLIDE, "harbour", 42, "akko", LOOP, "he"},
    {"2027-03-12T22:00:00.000Z", 8000, SLIDE, "harbour", 42, "akko", LOOP, "he"},
    {"2027-03-13T10:00:00.000Z", 3600000, SLIDE, "walls", 42, "akko", LOOP, "he"},
    {"2027-03-13T12:00:00.000Z", 6000, SLIDE, "two\nlines", 42, "akko", TOUCH, "ru"},
};
/* clang-format on */
#define PLAY_COUNT (sizeof(plays) / sizeof(plays[0]))
#define TOTAL_MS INT64_C(3722750)

/* clang-format off */
static const char expected_table[] =
    "day         group   kind      id             plays  on screen\n"
    "2027-03-11  akko    slide     harbour            2    0:00:18\n"
    "2027-03-11  akko    slide     walls              1    0:00:08\n"
    "2027-03-12  -       fallback  -                  1    0:00:05\n"
    "2027-03-12  akko    slide     harbour            2    0:00:21\n"
    "2027-03-12  akko    slide     say \"shalom\"       1    0:00:07\n"
    "2027-03-12  akko    slide     walls              1    0:00:08\n"
    "2027-03-12  akko    slide     נמל עכו            1    0:00:08\n"
    "2027-03-12  akko    page      hours, Sunday      1    0:00:30\n"
    "2027-03-12  dimona  slide     harbour            1    0:00:04\n"
    "2027-03-13  akko    slide     harbour            1    0:00:08\n"
    "2027-03-13  akko    slide     two\\nlines         1    0:00:06\n"
    "2027-03-13  akko    slide     walls              1    1:00:00\n"
    "                                             -----  ---------\n"
    "total                                           14    1:02:03\n";

static const char expected_csv[] =
    "day,group,kind,id,plays,seconds\r\n"
    "2027-03-11,akko,slide,harbour,2,18.000\r\n"
    "2027-03-11,akko,slide,walls,1,8.000\r\n"
    "2027-03-12,,fallback,,1,5.000\r\n"
    "2027-03-12,akko,slide,harbour,2,20.500\r\n"
    "2027-03-12,akko,slide,\"say \"\"shalom\"\"\",1,7.250\r\n"
    "2027-03-12,akko,slide,walls,1,8.000\r\n"
    "2027-03-12,akko,slide,נמל עכו,1,8.000\r\n"
    "2027-03-12,akko,page,\"hours, Sunday\",1,30.000\r\n"
    "2027-03-12,dimona,slide,harbour,1,4.000\r\n"
    "2027-03-13,akko,slide,harbour,1,8.000\r\n"
    "2027-03-13,akko,slide,\"two\nlines\",1,6.000\r\n"
    "2027-03-13,akko,slide,walls,1,3600.000\r\n";

/* --from 2027-03-12 --to 2027-03-12: the 12th alone. */
static const char expected_csv_12th[] =
    "day,group,kind,id,plays,seconds\r\n"
    "2027-03-12,,fallback,,1,5.000\r\n"
    "2027-03-12,akko,slide,harbour,2,20.500\r\n"
    "2027-03-12,akko,slide,\"say \"\"shalom\"\"\",1,7.250\r\n"
    "2027-03-12,akko,slide,walls,1,8.000\r\n"
    "2027-03-12,akko,slide,נמל עכו,1,8.000\r\n"
    "2027-03-12,akko,page,\"hours, Sunday\",1,30.000\r\n"
    "2027-03-12,dimona,slide,harbour,1,4.000\r\n";

/* clang-format on */

static struct proof_record record_of(const struct play *p)
{
    struct proof_record r = {
        .kind = p->kind,
        .id = p->id,
        .content_version = p->version,
        .group = p->group,
        .duration_ms = p->duration_ms,
        .reached_by = p->reached,
        .lang = p->lang,
    };
    if (!proof_parse_time(p->start, strlen(p->start), &r.start_ms))
        CHECK(false, "bad start in the test: %s", p->start);
    return r;
}

static char *render(const struct proof_report *rep, bool csv)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (csv)
        proof_report_write_csv(rep, f);
    else
        proof_report_write_table(rep, f);
    fclose(f);
    return text;
}

static void check_text(const char *got, const char *expected, const char *what)
{
    CHECK(got && !strcmp(got, expected), "%s differs; got:\n%s\nexpected:\n%s", what,
          got ? got : "(nothing)", expected);
}

static const char *add_to_report(void *data, const struct proof_record *r)
{
    return proof_report_add(data, r);
}

static void test_library(void)
{
    CHECK(proof_report_set_timezone("Asia/Jerusalem"), "Asia/Jerusalem is known");
    struct proof_report *rep = proof_report_create();
    int64_t sum = 0;
    for (size_t i = 0; i < PLAY_COUNT; i++) {
        struct proof_record r = record_of(&plays[i]);
        CHECK(!proof_report_add(rep, &r), "play %zu counted", i);
        sum += r.duration_ms;
    }
    struct proof_report_totals t;
    proof_report_get_totals(rep, &t);
    CHECK(t.plays == PLAY_COUNT && t.duration_ms == sum && sum == TOTAL_MS && t.rows == 12,
          "totals: %llu plays, %lld ms, %zu rows", (unsigned long long)t.plays,
          (long long)t.duration_ms, t.rows);
    char *table = render(rep, false), *csv = render(rep, true);
    check_text(table, expected_table, "table");
    check_text(csv, expected_csv, "CSV");
    free(table);
    free(csv);
    proof_report_free(rep);

    /* Day bounds in local time, including the 23-hour day when summer time starts. */
    int64_t ms;
    char buf[32];
    CHECK(proof_report_day_start("2027-03-12", 0, &ms) && proof_format_time(ms, buf) &&
              !strcmp(buf, "2027-03-11T22:00:00.000Z"),
          "start of the 12th: %s", buf);
    CHECK(proof_report_day_start("2027-03-12", 1, &ms) && proof_format_time(ms, buf) &&
              !strcmp(buf, "2027-03-12T22:00:00.000Z"),
          "end of the 12th: %s", buf);
    CHECK(proof_report_day_start("2027-03-26", 1, &ms) && proof_format_time(ms, buf) &&
              !strcmp(buf, "2027-03-26T21:00:00.000Z"),
          "end of the day summer time starts: %s", buf);
    CHECK(proof_report_day_start("2027-12-31", 1, &ms) && proof_format_time(ms, buf) &&
              !strcmp(buf, "2027-12-31T22:00:00.000Z"),
          "end of the year: %s", buf);
    static const char *const bad_dates[] = {"2027-02-29", "2027-3-12",  "2027-03-12x",
                                            "12/03/2027", "2027-00-10", ""};
    for (size_t i = 0; i < sizeof(bad_dates) / sizeof(bad_dates[0]); i++)
        CHECK(!proof_report_day_start(bad_dates[i], 0, &ms), "accepted date %s", bad_dates[i]);
    CHECK(!proof_report_set_timezone("Mars/Olympus_Mons"), "unknown zone refused");
    CHECK(!proof_report_set_timezone("../../etc/passwd"), "path refused");
    CHECK(proof_report_set_timezone("IST-2IDT,M3.4.4/26,M10.5.0"), "a POSIX TZ string");
    CHECK(proof_report_day_start("2027-03-12", 0, &ms) && proof_format_time(ms, buf) &&
              !strcmp(buf, "2027-03-11T22:00:00.000Z"),
          "the POSIX string agrees: %s", buf);
    CHECK(proof_report_set_timezone("UTC"), "UTC");
    CHECK(proof_report_day_start("2027-03-12", 0, &ms) && proof_format_time(ms, buf) &&
              !strcmp(buf, "2027-03-12T00:00:00.000Z"),
          "UTC day: %s", buf);

    /* The reader's time filter: written through the writer, read back for the 12th only. */
    proof_report_set_timezone("Asia/Jerusalem");
    char dir[4096], path[4096];
    test_dir(dir, sizeof(dir), "library");
    struct proof_writer *w = proof_writer_open(dir, NULL);
    for (size_t i = 0; i < PLAY_COUNT; i++) {
        struct proof_record r = record_of(&plays[i]);
        proof_writer_add(w, &r);
    }
    proof_writer_close(w);
    snprintf(path, sizeof(path), "%s/plays.log", dir);
    rep = proof_report_create();
    struct proof_read_options o;
    proof_read_options_defaults(&o);
    proof_report_day_start("2027-03-12", 0, &o.from_ms);
    proof_report_day_start("2027-03-12", 1, &o.to_ms);
    o.on_record = add_to_report;
    o.data = rep;
    struct proof_read_stats st = {0};
    CHECK(proof_read_file(path, &o, &st), "read");
    CHECK(st.records == 8 && st.filtered == 6 && st.skipped == 0, "%llu in range, %llu out",
          (unsigned long long)st.records, (unsigned long long)st.filtered);
    csv = render(rep, true);
    check_text(csv, expected_csv_12th, "CSV of the 12th");
    free(csv);
    proof_report_free(rep);
}

static size_t count_lines(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; s && i < n; i++)
        k += s[i] == '\n';
    return k;
}

/* Runs the kiosk binary with args; stdout and stderr into files; returns the exit status. */
static int run_kiosk(const char *kiosk, const char *dir, char *const args[], char **out, char **err)
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
        execv(kiosk, argv);
        _exit(errno == ENOEXEC ? 126 : 127);
    }
    int status;
    waitpid(pid, &status, 0);
    *out = slurp(out_path, NULL);
    *err = slurp(err_path, NULL);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* False when this machine cannot run the binary (an arm64 build tested under qemu starts only
 * the test program through the emulator, not what it executes). */
static bool test_cli(const char *kiosk)
{
    char dir[4096], records[4096], scratch[4096];
    test_dir(dir, sizeof(dir), "cli");
    snprintf(records, sizeof(records), "%s/records", dir);
    snprintf(scratch, sizeof(scratch), "%s/out", dir);
    mkdir(scratch, 0755);
    char *out, *err;
    int status = run_kiosk(kiosk, scratch, (char *[]){"--help", NULL}, &out, &err);
    free(out);
    free(err);
    if (status == 126) {
        printf("SKIP: %s cannot be executed on this machine\n", kiosk);
        return false;
    }

    /* Small files, so that the folder holds rotated files and plays.log. */
    struct proof_writer_options wo;
    proof_writer_options_defaults(&wo);
    wo.max_file_bytes = 600;
    struct proof_writer *w = proof_writer_open(records, &wo);
    for (size_t i = 0; i < PLAY_COUNT; i++) {
        struct proof_record r = record_of(&plays[i]);
        proof_writer_add(w, &r);
    }
    struct proof_writer_stats ws;
    proof_writer_get_stats(w, &ws);
    proof_writer_close(w);
    CHECK(ws.rotations >= 1, "the records span %llu rotations", (unsigned long long)ws.rotations);
    size_t nfiles = 0;
    char **names = proof_files_list(records, &nfiles);
    char first[4096];
    snprintf(first, sizeof(first), "%s/%s", records, names && nfiles ? names[0] : "none");
    proof_files_free(names);

    /* A power cut tore the last line of plays.log. */
    char current[4096];
    snprintf(current, sizeof(current), "%s/plays.log", records);
    size_t len;
    char *text = slurp(current, &len);
    size_t lines = count_lines(text, len);
    FILE *f = fopen(current, "ab");
    fputs("2027-03-13T14:00:00.000Z\t8000\tsli", f);
    fclose(f);
    free(text);

    char expect_warning[256];
    status =
        run_kiosk(kiosk, scratch, (char *[]){records, "--tz", "Asia/Jerusalem", NULL}, &out, &err);
    CHECK(status == 1, "a torn line: exit status %d, expected 1", status);
    check_text(out, expected_table, "kiosk report DIR");
    snprintf(expect_warning, sizeof(expect_warning),
             "%s:%zu: skipped: incomplete last line (torn by a power cut)", current, lines + 1);
    CHECK(err && strstr(err, expect_warning), "the warning names file and line: %s; expected %s",
          err, expect_warning);
    free(out);
    free(err);

    status =
        run_kiosk(kiosk, scratch,
                  (char *[]){"--csv", records, "--from", "2027-03-12", "--to", "2027-03-12", NULL},
                  &out, &err);
    CHECK(status == 1, "CSV: exit status %d", status);
    check_text(out, expected_csv_12th, "kiosk report --csv --from --to");
    free(out);
    free(err);

    /* A clean file alone: status 0. */
    status = run_kiosk(kiosk, scratch, (char *[]){first, NULL}, &out, &err);
    CHECK(status == 0, "a clean file: exit status %d (%s)", status, err);
    CHECK(out && !strncmp(out, "day ", 4), "a table");
    free(out);
    free(err);

    /* In UTC the play at 00:00:05 local belongs to the 11th. */
    status =
        run_kiosk(kiosk, scratch, (char *[]){"--tz", "UTC", "--csv", records, NULL}, &out, &err);
    CHECK(out && strstr(out, "\r\n2027-03-11,akko,slide,walls,2,16.000\r\n"), "UTC days:\n%s", out);
    free(out);
    free(err);

    status = run_kiosk(kiosk, scratch, (char *[]){"/nonexistent/plays.log", NULL}, &out, &err);
    CHECK(status == 1 && err && strstr(err, "/nonexistent/plays.log"),
          "a missing file: status %d, %s", status, err);
    free(out);
    free(err);

    char *const usage_errors[][4] = {
        {NULL},
        {records, "--tz", "Mars/Olympus_Mons", NULL},
        {records, "--from", "2027-02-30", NULL},
        {records, "--to", "yesterday", NULL},
        {records, "--bogus", NULL},
        {records, "--from", NULL},
    };
    for (size_t i = 0; i < sizeof(usage_errors) / sizeof(usage_errors[0]); i++) {
        status = run_kiosk(kiosk, scratch, (char **)usage_errors[i], &out, &err);
        CHECK(status == 2 && out && !*out, "usage error %zu: status %d, stdout %s", i, status, out);
        free(out);
        free(err);
    }
    status = run_kiosk(kiosk, scratch, (char *[]){"--help", NULL}, &out, &err);
    CHECK(status == 0 && out && strstr(out, "usage: kiosk report"), "--help");
    free(out);
    free(err);
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
