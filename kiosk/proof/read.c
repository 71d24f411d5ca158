#include "proof/read.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void proof_read_options_defaults(struct proof_read_options *o)
{
    *o = (struct proof_read_options){.from_ms = INT64_MIN, .to_ms = INT64_MAX};
}

static void problem(const struct proof_read_options *o, const char *path, uint64_t line,
                    const char *why)
{
    if (o->on_problem)
        o->on_problem(o->data, path, line, why);
}

bool proof_read_file(const char *path, const struct proof_read_options *o,
                     struct proof_read_stats *stats)
{
    FILE *f = fopen(path, "re");
    if (!f) {
        problem(o, path, 0, strerror(errno));
        stats->files_failed++;
        return false;
    }
    char *line = NULL;
    size_t cap = 0;
    uint64_t number = 0;
    bool ok = true;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) >= 0) {
        number++;
        size_t len = (size_t)n;
        /* Only the last line of a file can lack its newline. It counts when its checksum says
         * that only the newline is missing; anything shorter is torn. */
        bool last = len == 0 || line[len - 1] != '\n';
        if (!last)
            len--;
        /* An empty line carries nothing: the writer may leave one where it ended a torn line. */
        if (len == 0)
            continue;
        struct proof_record r;
        unsigned version = 0;
        const char *why = NULL;
        switch (proof_parse_line(line, len, &r, &version, &why)) {
        case PROOF_LINE_RECORD:
            if (r.start_ms >= o->from_ms && r.start_ms < o->to_ms) {
                stats->records++;
                if (o->on_record)
                    o->on_record(o->data, &r);
            } else {
                stats->filtered++;
            }
            break;
        case PROOF_LINE_HEADER:
            if (version != PROOF_FORMAT_VERSION) {
                char msg[128];
                snprintf(msg, sizeof(msg),
                         "format version %u, this kiosk reads version %d; the rest of the file "
                         "is not read",
                         version, PROOF_FORMAT_VERSION);
                problem(o, path, number, msg);
                ok = false;
                goto done;
            }
            break;
        case PROOF_LINE_BAD:
            problem(o, path, number, last ? "incomplete last line (torn by a power cut)" : why);
            stats->skipped++;
            break;
        }
    }
    if (ferror(f)) {
        problem(o, path, 0, "read error");
        ok = false;
    }
done:
    free(line);
    fclose(f);
    if (!ok)
        stats->files_failed++;
    return ok;
}
