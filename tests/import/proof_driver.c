/* The proof-of-play writer's side of the power-cut test (crash_consistency.sh).
 *
 *   proof_driver write DIR N TAG   writes N records (ids TAG-1 ... TAG-N) through
 *                                  proof_writer, flushing after each one as the player's
 *                                  sync thread does, with files small enough to rotate every
 *                                  few records and only 3 files kept
 *   proof_driver check DIR         reads every record file in DIR line by line: prints each
 *                                  well-formed record's id on its own line, and on stderr how
 *                                  many lines were torn or damaged */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proof/record.h"
#include "proof/writer.h"

static int64_t fixed_clock(void)
{
    static int64_t t = 1800000000000; /* rotated files get distinct names */
    return t += 1000;
}

static int write_records(const char *dir, int n, const char *tag)
{
    struct proof_writer_options o;
    proof_writer_options_defaults(&o);
    o.max_file_bytes = 400;
    o.keep_files = 3;
    o.sync_interval_ms = 60000; /* flushed by hand below, so each sync is one known point */
    o.wall_clock_ms = fixed_clock;
    struct proof_writer *w = proof_writer_open(dir, &o);
    int failed = 0;
    for (int i = 1; i <= n; i++) {
        char id[64];
        snprintf(id, sizeof id, "%s-%d", tag, i);
        struct proof_record r = {.kind = PROOF_KIND_SLIDE,
                                 .id = id,
                                 .content_version = 7,
                                 .group = "akko",
                                 .start_ms = 1800000000000 + i * 10000,
                                 .duration_ms = 8000,
                                 .reached_by = PROOF_REACHED_LOOP,
                                 .lang = "he"};
        if (!proof_writer_add(w, &r) || !proof_writer_flush(w))
            failed++;
    }
    proof_writer_close(w);
    return failed ? 1 : 0;
}

/* Prints the id of each well-formed record line of path; counts the bad lines. */
static void read_lines(const char *path, unsigned *bad)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0) {
        if (line[len - 1] == '\n')
            line[--len] = '\0';
        struct proof_record r;
        unsigned version;
        const char *why;
        switch (proof_parse_line(line, (size_t)len, &r, &version, &why)) {
        case PROOF_LINE_RECORD:
            printf("%s\n", r.id);
            break;
        case PROOF_LINE_HEADER:
            break;
        case PROOF_LINE_BAD:
            (*bad)++;
            break;
        }
    }
    free(line);
    fclose(f);
}

static int check(const char *dir)
{
    size_t count = 0;
    char **names = proof_files_list(dir, &count);
    unsigned bad = 0;
    for (size_t i = 0; names && i < count; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        read_lines(path, &bad);
    }
    proof_files_free(names);
    fprintf(stderr, "%u torn or damaged lines\n", bad);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 5 && !strcmp(argv[1], "write"))
        return write_records(argv[2], atoi(argv[3]), argv[4]);
    if (argc == 3 && !strcmp(argv[1], "check"))
        return check(argv[2]);
    unsigned bad = 0;
    if (argc == 3 && !strcmp(argv[1], "ids")) {
        read_lines(argv[2], &bad);
        return 0;
    }
    fprintf(stderr, "usage: proof_driver write DIR N TAG | proof_driver check DIR\n");
    return 2;
}
