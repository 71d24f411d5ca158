/* libFuzzer harness for proof-of-play record files as `kiosk report` reads them: arbitrary bytes
 * through the reader (chunked line splitting, checksums, fields, escapes, value limits) into a
 * report, which is then written as a table and as CSV. Record files come back from kiosks on
 * staff sticks and may be damaged or forged.
 *
 * The bytes are read from a memory file (memfd), through the same proof_read_file as the
 * command; in the fuzz build the reader takes 61 bytes at a time, so lines cross its chunks.
 *
 *   packaging/dev.sh fuzz        or    build-fuzz/tests/fuzz/fuzz_proof_read CORPUS_DIR
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "proof/read.h"
#include "proof/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *add(void *rep, const struct proof_record *r)
{
    /* What the reader passes on is in range and decoded: the report must take it. */
    if (r->duration_ms < 0 || r->duration_ms > PROOF_DURATION_MAX_MS || !r->id || !r->group ||
        !r->lang)
        __builtin_trap();
    return proof_report_add(rep, r);
}

static void problem(void *data, const char *path, uint64_t line, const char *why)
{
    (void)data, (void)path, (void)line;
    if (!why || !*why)
        __builtin_trap(); /* every problem says what it is */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int fd = -1;
    static char path[64];
    static FILE *sink;
    if (fd < 0) {
        fd = memfd_create("plays.log", MFD_CLOEXEC);
        snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
        sink = fopen("/dev/null", "w");
        proof_report_set_timezone("UTC");
        if (fd < 0 || !sink)
            abort();
    }
    if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
        abort();

    struct proof_report *rep = proof_report_create();
    struct proof_read_options o;
    proof_read_options_defaults(&o);
    o.on_record = add;
    o.on_problem = problem;
    o.data = rep;
    struct proof_read_stats st = {0};
    proof_read_file(path, &o, &st);

    struct proof_report_totals t;
    proof_report_get_totals(rep, &t);
    if (t.plays != st.records || t.duration_ms < 0 || t.duration_ms > PROOF_REPORT_TOTAL_MAX_MS)
        __builtin_trap();
    proof_report_write_table(rep, sink);
    proof_report_write_csv(rep, sink);
    proof_report_free(rep);

    /* The line parser alone on the whole input, as one line. */
    if (size <= PROOF_LINE_MAX) {
        char *line = malloc(size + 1);
        memcpy(line, data, size);
        struct proof_record r;
        unsigned version;
        const char *why;
        proof_parse_line(line, size, &r, &version, &why);
        free(line);
    }
    return 0;
}
