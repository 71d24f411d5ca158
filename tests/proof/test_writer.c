/* The writer: records come back in order, rotation keeps the newest files, a torn last line is
 * ended before the next record, and a full disk drops records without failing. */
#include "proof_test.h"

#include "proof/export.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>

static int64_t fake_now;
static int64_t fake_clock(void)
{
    return fake_now;
}

static void test_basic(void)
{
    char dir[4096];
    test_dir(dir, sizeof(dir), "basic/deeper"); /* the writer creates missing folders */
    char sub[4096];
    snprintf(sub, sizeof(sub), "%s/proof", dir);
    struct proof_writer *w = proof_writer_open(sub, NULL);
    const char *ids[] = {"harbour", "walls", "נמל"};
    for (int i = 0; i < 3; i++) {
        struct proof_record r = test_record(ids[i], INT64_C(1804876205250) + i * 8000, 8000);
        CHECK(proof_writer_add(w, &r), "add %d", i);
    }
    struct proof_record bad = test_record("x", -1, 5);
    CHECK(!proof_writer_add(w, &bad), "a record that cannot be written is dropped");
    CHECK(proof_writer_flush(w), "flush");
    struct proof_writer_stats st;
    proof_writer_get_stats(w, &st);
    CHECK(st.written == 3 && st.dropped == 1 && !st.failing, "stats %llu %llu",
          (unsigned long long)st.written, (unsigned long long)st.dropped);
    proof_writer_close(w);

    char path[4096];
    snprintf(path, sizeof(path), "%s/plays.log", sub);
    struct collected c = {0};
    struct proof_read_stats rs = {0};
    CHECK(read_into(path, &c, &rs), "read");
    CHECK(rs.records == 3 && rs.skipped == 0 && c.count == 3, "%llu records",
          (unsigned long long)rs.records);
    for (size_t i = 0; i < c.count && i < 3; i++)
        CHECK(!strcmp(c.ids[i], ids[i]), "record %zu is %s", i, c.ids[i]);
    collected_free(&c);

    char *text = slurp(path, NULL);
    CHECK(text && !strncmp(text, "#kiosk-proof\t1\t", 15), "starts with the header");
    free(text);

    /* Reopening appends; no second header. */
    w = proof_writer_open(sub, NULL);
    struct proof_record r = test_record("again", INT64_C(1804876305250), 1000);
    proof_writer_add(w, &r);
    proof_writer_close(w);
    memset(&rs, 0, sizeof(rs));
    read_into(path, &c, &rs);
    CHECK(rs.records == 4 && rs.skipped == 0 && c.count == 4 && !strcmp(c.ids[3], "again"),
          "appended after reopening");
    collected_free(&c);
    text = slurp(path, NULL);
    CHECK(text && strstr(text + 1, "#kiosk-proof") == NULL, "one header");
    free(text);
}

static void test_rotation(void)
{
    char dir[4096];
    test_dir(dir, sizeof(dir), "rotation");
    /* Files that are not record files are never touched. */
    char other[4096];
    snprintf(other, sizeof(other), "%s/notes.txt", dir);
    spit(other, "keep me\n", 8);
    snprintf(other, sizeof(other), "%s/plays-old.log", dir);
    spit(other, "keep me too\n", 12);

    struct proof_writer_options o;
    proof_writer_options_defaults(&o);
    o.max_file_bytes = 1000;
    o.keep_files = 4;
    o.wall_clock_ms = fake_clock;
    /* A clock that stands still and then jumps back (a Pi without a battery-backed clock):
     * rotated names must stay unique and in order. */
    fake_now = INT64_C(1804876205250);
    struct proof_writer *w = proof_writer_open(dir, &o);
    const int total = 200;
    for (int i = 0; i < total; i++) {
        char id[32];
        snprintf(id, sizeof(id), "slide-%03d", i);
        struct proof_record r = test_record(id, INT64_C(1804876205250) + i * 1000, 1000);
        CHECK(proof_writer_add(w, &r), "add %d", i);
        if (i == 120)
            fake_now -= 86400000;
    }
    struct proof_writer_stats st;
    proof_writer_get_stats(w, &st);
    proof_writer_close(w);
    CHECK(st.rotations >= 15, "%llu rotations", (unsigned long long)st.rotations);

    size_t count = 0;
    char **names = proof_files_list(dir, &count);
    CHECK(count == 4, "%zu record files kept, expected 4", count);
    CHECK(count > 0 && !strcmp(names[count - 1], "plays.log"), "plays.log listed last");
    for (size_t i = 0; i + 1 < count; i++) {
        CHECK(strlen(names[i]) == strlen("plays-20270312T183005.250Z.log") &&
                  !strncmp(names[i], "plays-2027", 10),
              "rotated name %s", names[i]);
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        struct stat sb;
        CHECK(stat(path, &sb) == 0 && sb.st_size <= 1000, "%s is %lld bytes", names[i],
              (long long)sb.st_size);
        char *text = slurp(path, NULL);
        CHECK(text && !strncmp(text, "#kiosk-proof\t1\t", 15), "%s has a header", names[i]);
        free(text);
    }
    proof_files_free(names);

    /* What is left is the newest records, complete and in order, ending with the last one. */
    struct collected c = {0};
    struct proof_read_stats rs = {0};
    read_dir(dir, &c, &rs);
    CHECK(rs.skipped == 0 && c.count > 20, "%zu records kept, %llu skipped", c.count,
          (unsigned long long)rs.skipped);
    for (size_t i = 0; i < c.count; i++) {
        char id[32];
        snprintf(id, sizeof(id), "slide-%03d", total - (int)c.count + (int)i);
        CHECK(!strcmp(c.ids[i], id), "record %zu is %s, expected %s", i, c.ids[i], id);
    }
    collected_free(&c);

    snprintf(other, sizeof(other), "%s/notes.txt", dir);
    CHECK(access(other, F_OK) == 0, "notes.txt kept");
    snprintf(other, sizeof(other), "%s/plays-old.log", dir);
    CHECK(access(other, F_OK) == 0, "plays-old.log kept");
}

/* A power cut left half a line at the end: the next record must start on a line of its own. */
static void test_reopen_torn(void)
{
    char dir[4096], path[4096];
    test_dir(dir, sizeof(dir), "torn");
    snprintf(path, sizeof(path), "%s/plays.log", dir);
    char buf[3 * PROOF_LINE_MAX];
    size_t len = proof_format_header(buf, sizeof(buf));
    for (int i = 0; i < 3; i++) {
        struct proof_record r = test_record(i == 0   ? "one"
                                            : i == 1 ? "two"
                                                     : "torn",
                                            INT64_C(1804876205250) + i * 8000, 8000);
        len += proof_format_line(&r, buf + len, sizeof(buf) - len);
    }
    spit(path, buf, len - 17); /* the third record loses its end */

    struct proof_writer *w = proof_writer_open(dir, NULL);
    struct proof_record r = test_record("after", INT64_C(1804876305250), 8000);
    CHECK(proof_writer_add(w, &r), "add after a torn line");
    proof_writer_close(w);

    struct collected c = {0};
    struct proof_read_stats rs = {0};
    CHECK(read_into(path, &c, &rs), "read");
    CHECK(rs.records == 3 && rs.skipped == 1, "%llu records, %llu skipped",
          (unsigned long long)rs.records, (unsigned long long)rs.skipped);
    CHECK(c.count == 3 && !strcmp(c.ids[2], "after"), "the new record is whole");
    CHECK(c.last_problem_line == 4, "the torn line is reported as line 4: %s", c.last_problem);
    collected_free(&c);

    /* A block that never reached the disk reads back as NUL bytes. */
    size_t n;
    char *text = slurp(path, &n);
    char *nuls = calloc(1, n + 700);
    memcpy(nuls, text, n);
    spit(path, nuls, n + 700);
    free(text);
    free(nuls);
    w = proof_writer_open(dir, NULL);
    r.id = "after nuls";
    proof_writer_add(w, &r);
    proof_writer_close(w);
    memset(&rs, 0, sizeof(rs));
    read_into(path, &c, &rs);
    CHECK(rs.records == 4 && rs.skipped == 2 && c.count == 4 && !strcmp(c.ids[3], "after nuls"),
          "%llu records, %llu skipped after NUL bytes", (unsigned long long)rs.records,
          (unsigned long long)rs.skipped);
    CHECK(strstr(c.last_problem, ":6: NUL"), "reported: %s", c.last_problem);
    collected_free(&c);
}

/* A full disk, simulated with a file size limit: records are dropped, the warning is logged
 * once, the file keeps only whole lines, and writing resumes when there is room again. */
static void test_disk_full(void)
{
    char dir[4096], path[4096], log[4096];
    test_dir(dir, sizeof(dir), "full");
    snprintf(path, sizeof(path), "%s/plays.log", dir);
    snprintf(log, sizeof(log), "%s/stderr.txt", dir);
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(fd, 2);
        signal(SIGXFSZ, SIG_IGN);
        struct proof_writer_options o;
        proof_writer_options_defaults(&o);
        o.retry_interval_ms = 0;
        struct proof_writer *w = proof_writer_open(dir, &o);
        struct rlimit rl;
        getrlimit(RLIMIT_FSIZE, &rl);
        struct rlimit small = {600, rl.rlim_max};
        setrlimit(RLIMIT_FSIZE, &small);
        int ok = 0, dropped = 0;
        for (int i = 0; i < 20; i++) {
            struct proof_record r = test_record("full", INT64_C(1804876205250) + i, 1);
            if (proof_writer_add(w, &r))
                ok++;
            else
                dropped++;
        }
        struct proof_writer_stats st;
        proof_writer_get_stats(w, &st);
        int bad = 0;
        bad += ok == 0 || dropped == 0 || !st.failing || st.dropped != (uint64_t)dropped;
        setrlimit(RLIMIT_FSIZE, &rl); /* room again */
        struct proof_record r = test_record("room again", INT64_C(1804876305250), 1);
        bad += !proof_writer_add(w, &r);
        proof_writer_get_stats(w, &st);
        bad += st.failing;
        proof_writer_close(w);
        _exit(bad);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child's own checks (status %d)",
          status);
    struct collected c = {0};
    struct proof_read_stats rs = {0};
    read_into(path, &c, &rs);
    CHECK(rs.skipped == 0 && c.count >= 2 && !strcmp(c.ids[c.count - 1], "room again"),
          "%zu records, %llu skipped: %s", c.count, (unsigned long long)rs.skipped, c.last_problem);
    collected_free(&c);
    char *err = slurp(log, NULL);
    size_t warnings = 0;
    for (const char *p = err; p && (p = strstr(p, "drops records")); p++)
        warnings++;
    CHECK(warnings == 1, "the failure is logged once, %zu times:\n%s", warnings, err);
    CHECK(err && strstr(err, "writing again"), "the recovery is logged");
    free(err);
}

/* A folder that cannot be created: the writer still opens, drops records, never fails. */
static void test_unwritable(void)
{
    char dir[4096], file[4096], sub[4096];
    test_dir(dir, sizeof(dir), "unwritable");
    snprintf(file, sizeof(file), "%s/a-file", dir);
    spit(file, "x", 1);
    snprintf(sub, sizeof(sub), "%s/a-file/proof", dir);
    struct proof_writer *w = proof_writer_open(sub, NULL);
    CHECK(w != NULL, "opened");
    struct proof_record r = test_record("lost", INT64_C(1804876205250), 1);
    CHECK(!proof_writer_add(w, &r), "dropped");
    struct proof_writer_stats st;
    proof_writer_get_stats(w, &st);
    CHECK(st.dropped == 1 && st.failing, "counted");
    proof_writer_close(w);
}

/* Copying onto a stick: complete files under their own names, nothing else; plays.log up to
 * its last whole line; rotated files already there are not copied again. */
static void test_export(void)
{
    char dir[4096], records[4096], dest[4096];
    test_dir(dir, sizeof(dir), "export");
    snprintf(records, sizeof(records), "%s/records", dir);
    snprintf(dest, sizeof(dest), "%s/stick/KIOSK/proof", dir);
    struct proof_writer_options o;
    proof_writer_options_defaults(&o);
    o.max_file_bytes = 1000;
    struct proof_writer *w = proof_writer_open(records, &o);
    for (int i = 0; i < 40; i++) {
        struct proof_record r = test_record("exported", INT64_C(1804876205250) + i * 1000, 1000);
        proof_writer_add(w, &r);
    }
    proof_writer_close(w);
    char current[4096];
    snprintf(current, sizeof(current), "%s/plays.log", records);
    FILE *f = fopen(current, "ab");
    fputs("2027-03-13T14:00:00.000Z\t80", f); /* being written, or torn */
    fclose(f);

    char err[512] = "";
    struct proof_export_result res;
    CHECK(proof_export(records, dest, &res, err, sizeof(err)), "export: %s", err);
    size_t n_src = 0, n_dst = 0;
    char **src = proof_files_list(records, &n_src);
    char **dst = proof_files_list(dest, &n_dst);
    CHECK(n_src >= 4 && n_dst == n_src && res.copied == n_src && res.skipped == 0,
          "%zu files, %zu copied (%zu reported)", n_src, n_dst, res.copied);
    for (size_t i = 0; i < n_src && i < n_dst; i++) {
        char a[4096], b[4096];
        snprintf(a, sizeof(a), "%s/%s", records, src[i]);
        snprintf(b, sizeof(b), "%s/%s", dest, dst[i]);
        size_t la = 0, lb = 0;
        char *ta = slurp(a, &la), *tb = slurp(b, &lb);
        bool current_file = !strcmp(src[i], "plays.log");
        CHECK(!strcmp(src[i], dst[i]), "same name %s", dst[i]);
        if (current_file)
            CHECK(lb < la && lb > 0 && tb[lb - 1] == '\n' && !memcmp(ta, tb, lb),
                  "plays.log copied up to its last whole line (%zu of %zu bytes)", lb, la);
        else
            CHECK(la == lb && !memcmp(ta, tb, la), "%s copied exactly", src[i]);
        free(ta);
        free(tb);
    }
    proof_files_free(src);
    proof_files_free(dst);
    /* Nothing but record files at the destination: no temporary left behind. */
    size_t entries = 0;
    DIR *d = opendir(dest);
    for (struct dirent *e; d && (e = readdir(d));)
        entries += e->d_name[0] != '.' || strstr(e->d_name, ".tmp") != NULL;
    if (d)
        closedir(d);
    CHECK(entries == n_dst, "%zu entries at the destination, %zu record files", entries, n_dst);

    CHECK(proof_export(records, dest, &res, err, sizeof(err)), "again: %s", err);
    CHECK(res.copied == 1 && res.skipped == n_src - 1, "again: %zu copied, %zu skipped", res.copied,
          res.skipped);

    /* A destination that cannot be written fails cleanly. */
    char blocked[4096];
    snprintf(blocked, sizeof(blocked), "%s/blocked", dir);
    spit(blocked, "x", 1);
    snprintf(dest, sizeof(dest), "%s/blocked/proof", dir);
    CHECK(!proof_export(records, dest, &res, err, sizeof(err)) && err[0], "fails: %s", err);
    /* No records yet: nothing to do, and that is fine. */
    snprintf(records, sizeof(records), "%s/none", dir);
    CHECK(proof_export(records, dest, &res, err, sizeof(err)) && res.copied == 0, "no records");
}

int main(void)
{
    test_basic();
    test_rotation();
    test_reopen_torn();
    test_disk_full();
    test_unwritable();
    test_export();
    return check_summary();
}
