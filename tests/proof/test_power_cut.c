/* Power cuts. First the process: a writer is killed with SIGKILL at random moments, 50 times in
 * a row on the same folder, and every record it had confirmed must be there, whole, in order,
 * with nothing duplicated. Then the disk: a power cut can leave a file cut at any byte, or
 * followed by a block of NUL bytes that never got written, or with a damaged line; the reader
 * must skip exactly the one bad line, name it, and read everything else, and the writer must go
 * on appending after it. The seed is printed; PROOF_SEED=N repeats a run. */
#include "proof_test.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

#define LOG_MODULE "test"
#include "base/log.h"

#define RUNS 50
#define MAX_PER_RUN 100000

/* The child: writes records "run-R-S" for S = 0, 1, ... and reports each S on the pipe once
 * proof_writer_add has returned true. Never returns; it is killed. */
static void writer_child(const char *dir, int run, int out, unsigned seed)
{
    srand(seed);
    struct proof_writer_options o;
    proof_writer_options_defaults(&o);
    o.max_file_bytes = 4096; /* rotation every few dozen records: kills land inside it too */
    o.keep_files = 100000;   /* nothing is deleted: every confirmed record must be found */
    o.sync_interval_ms = rand() % 20;
    struct proof_writer *w = proof_writer_open(dir, &o);
    for (uint32_t seq = 0; seq < MAX_PER_RUN; seq++) {
        char id[32];
        snprintf(id, sizeof(id), "run-%02d-%06u", run, (unsigned)seq);
        struct proof_record r = test_record(id, INT64_C(1804876205250) + seq, 8000);
        if (!proof_writer_add(w, &r))
            _exit(3);
        if (write(out, &seq, sizeof(seq)) != sizeof(seq))
            _exit(4);
        if (rand() % 4 == 0)
            usleep((useconds_t)(rand() % 200));
    }
    for (;;)
        pause();
}

static void test_killed(unsigned seed)
{
    char dir[4096];
    test_dir(dir, sizeof(dir), "killed");
    srand(seed);
    uint32_t confirmed[RUNS];
    for (int run = 0; run < RUNS; run++) {
        int fds[2];
        if (pipe(fds) != 0) {
            CHECK(false, "pipe");
            return;
        }
        unsigned child_seed = (unsigned)rand();
        useconds_t delay = (useconds_t)(rand() % 40000);
        fflush(NULL);
        pid_t pid = fork();
        if (pid == 0) {
            close(fds[0]);
            writer_child(dir, run, fds[1], child_seed);
        }
        close(fds[1]);
        usleep(delay);
        kill(pid, SIGKILL);
        int status;
        waitpid(pid, &status, 0);
        CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
              "run %d: the writer was killed, not stopped by itself (status %d)", run, status);
        uint32_t seq, n = 0;
        while (read(fds[0], &seq, sizeof(seq)) == sizeof(seq)) {
            CHECK(seq == n, "run %d: confirmation %u out of order", run, (unsigned)seq);
            n++;
        }
        close(fds[0]);
        confirmed[run] = n;
    }

    struct collected c = {0};
    struct proof_read_stats rs = {0};
    read_dir(dir, &c, &rs);
    size_t files = 0;
    proof_files_free(proof_files_list(dir, &files));
    uint64_t total_confirmed = 0;
    for (int run = 0; run < RUNS; run++)
        total_confirmed += confirmed[run];
    printf("power cut: %d kills, %llu records confirmed, %zu read back from %zu files, %llu "
           "lines skipped\n",
           RUNS, (unsigned long long)total_confirmed, c.count, files,
           (unsigned long long)rs.skipped);

    /* Records come back run by run, each run's in order from 0 without a gap or a repeat. A
     * kill cannot tear a line in practice (one write(2) of one line), but the kernel may stop a
     * write between two pages for a fatal signal; such a record was never confirmed, is last
     * of its run, and its line is skipped. So: skipped lines at most one per run. */
    CHECK(rs.skipped <= RUNS, "%llu lines skipped: %s", (unsigned long long)rs.skipped,
          c.last_problem);
    CHECK(rs.files_failed == 0, "every file read to its end");
    uint32_t found[RUNS] = {0};
    int last_run = 0;
    bool order_ok = true;
    for (size_t i = 0; i < c.count; i++) {
        int run;
        unsigned seq;
        if (sscanf(c.ids[i], "run-%d-%u", &run, &seq) != 2 || run < 0 || run >= RUNS) {
            CHECK(false, "record %zu has a strange id: %s", i, c.ids[i]);
            continue;
        }
        if (run < last_run || seq != found[run]) {
            if (order_ok)
                CHECK(false, "record %zu: %s out of order (expected run %d seq %u)", i, c.ids[i],
                      run, (unsigned)found[run]);
            order_ok = false;
        }
        last_run = run;
        found[run] = seq + 1;
    }
    CHECK(order_ok, "all records in order");
    for (int run = 0; run < RUNS; run++)
        CHECK(found[run] >= confirmed[run] && found[run] <= confirmed[run] + 1,
              "run %d: %u records found, %u confirmed", run, (unsigned)found[run],
              (unsigned)confirmed[run]);
    collected_free(&c);
}

static size_t count_newlines(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += s[i] == '\n';
    return k;
}

/* Writes data as dir/plays.log and reads it; checks the records and the one skipped line. */
/* data[0..len) is what survived of a file whose byte len was `next` ('\0' past its end). */
static void check_cut(const char *dir, const char *data, size_t len, char next, size_t nul_tail,
                      const char *what)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/plays.log", dir);
    char *buf = calloc(1, len + nul_tail + 1);
    memcpy(buf, data, len);
    spit(path, buf, len + nul_tail);
    free(buf);

    size_t lines = count_newlines(data, len); /* complete lines; the first is the header */
    size_t records = lines > 0 ? lines - 1 : 0;
    bool torn = nul_tail > 0 || (len > 0 && data[len - 1] != '\n');
    /* A line that lost only its newline is whole: its checksum proves it. */
    if (torn && nul_tail == 0 && next == '\n') {
        torn = false;
        records += lines > 0;
        lines++;
    }
    struct collected c = {0};
    struct proof_read_stats rs = {0};
    read_into(path, &c, &rs);
    CHECK(rs.records == records && rs.skipped == (torn ? 1u : 0u),
          "%s: %llu records and %llu skipped, expected %zu and %d", what,
          (unsigned long long)rs.records, (unsigned long long)rs.skipped, records, torn);
    if (torn)
        CHECK(c.last_problem_line == lines + 1, "%s: reported %s, expected line %zu", what,
              c.last_problem, lines + 1);
    collected_free(&c);

    /* The kiosk starts again and appends: the torn line stays on its own. */
    struct proof_writer *w = proof_writer_open(dir, NULL);
    struct proof_record r = test_record("after the cut", INT64_C(1804886205250), 8000);
    proof_writer_add(w, &r);
    proof_writer_close(w);
    memset(&rs, 0, sizeof(rs));
    read_into(path, &c, &rs);
    bool empty = len + nul_tail == 0;
    CHECK(rs.records == records + 1 && rs.skipped == (torn ? 1u : 0u) && c.count > 0 &&
              !strcmp(c.ids[c.count - 1], "after the cut"),
          "%s: after reopening %llu records and %llu skipped, expected %zu and %d%s", what,
          (unsigned long long)rs.records, (unsigned long long)rs.skipped, records + 1, torn,
          empty ? " (empty file)" : "");
    collected_free(&c);
}

static void test_cuts(unsigned seed)
{
    char dir[4096], sample_dir[4096], path[4096];
    test_dir(sample_dir, sizeof(sample_dir), "sample");
    struct proof_writer *w = proof_writer_open(sample_dir, NULL);
    for (int i = 0; i < 60; i++) {
        char id[64];
        snprintf(id, sizeof(id), i % 3 ? "slide-%d" : "שקופית\t%d", i);
        struct proof_record r = test_record(id, INT64_C(1804876205250) + i * 8000, 8000);
        proof_writer_add(w, &r);
    }
    proof_writer_close(w);
    snprintf(path, sizeof(path), "%s/plays.log", sample_dir);
    size_t size = 0;
    char *sample = slurp(path, &size);
    CHECK(sample && size > 1000, "the sample file: %zu bytes", size);
    if (!sample || size == 0)
        return;
    test_dir(dir, sizeof(dir), "cut");

    /* Every reopening below warns about the torn line, as it should; hundreds of times here. */
    log_set_level(LOG_LEVEL_ERROR);
    srand(seed);
    char what[64];
    for (int i = 0; i < 300; i++) {
        size_t cut = i == 0 ? 0 : i == 1 ? size : i == 2 ? size - 1 : (size_t)rand() % size;
        snprintf(what, sizeof(what), "cut at byte %zu", cut);
        check_cut(dir, sample, cut, cut < size ? sample[cut] : '\0', 0, what);
    }
    for (int i = 0; i < 100; i++) {
        size_t cut = (size_t)rand() % size, nuls = 1 + (size_t)rand() % 4096;
        snprintf(what, sizeof(what), "cut at byte %zu, then %zu NUL bytes", cut, nuls);
        check_cut(dir, sample, cut, sample[cut], nuls, what);
    }

    /* One damaged byte anywhere (not a line end): exactly that line is skipped. */
    size_t total_lines = count_newlines(sample, size);
    for (int i = 0; i < 200; i++) {
        char *copy = malloc(size);
        memcpy(copy, sample, size);
        size_t at;
        do
            at = (size_t)rand() % size;
        while (copy[at] == '\n');
        char b;
        do
            b = (char)(rand() % 256);
        while (b == copy[at] || b == '\n');
        copy[at] = b;
        size_t line = count_newlines(copy, at) + 1;
        snprintf(path, sizeof(path), "%s/plays.log", dir);
        spit(path, copy, size);
        free(copy);
        struct collected c = {0};
        struct proof_read_stats rs = {0};
        read_into(path, &c, &rs);
        size_t expected = total_lines - 1 - (line > 1);
        CHECK(rs.skipped == 1 && c.last_problem_line == line && rs.records == expected,
              "byte %zu damaged: %llu skipped (%s), %llu records, expected line %zu and %zu", at,
              (unsigned long long)rs.skipped, c.last_problem, (unsigned long long)rs.records, line,
              expected);
        collected_free(&c);
    }
    free(sample);
}

int main(void)
{
    const char *env = getenv("PROOF_SEED");
    unsigned seed = env ? (unsigned)strtoul(env, NULL, 10) : (unsigned)time(NULL);
    printf("seed %u (PROOF_SEED=%u repeats this run)\n", seed, seed);
    test_killed(seed);
    test_cuts(seed);
    return check_summary();
}
