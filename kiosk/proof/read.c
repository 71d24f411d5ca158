#include "proof/read.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/file.h"
#include "base/xmalloc.h"

/* Bytes read from the file at a time; lines are cut out of each chunk. The fuzz build makes it
 * tiny, so that lines cross chunks all the time. */
#ifndef PROOF_READ_CHUNK
#define PROOF_READ_CHUNK (64 * 1024)
#endif
#define READ_CHUNK ((size_t)PROOF_READ_CHUNK)

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

/* The state of one file's read: the line being gathered, at most PROOF_LINE_MAX bytes of it. */
struct line_reader {
    const char *path;
    const struct proof_read_options *o;
    struct proof_read_stats *stats;
    char line[PROOF_LINE_MAX + 1]; /* + 1: proof_parse_line may write a NUL after a field */
    size_t len;
    bool too_long; /* bytes of this line were dropped: it cannot be a record */
    uint64_t number;
};

/* One whole line (newline: it ended with one; else it is the file's last). False when the rest
 * of the file must not be read (a header of a newer format). */
static bool line_done(struct line_reader *lr, bool newline)
{
    const struct proof_read_options *o = lr->o;
    lr->number++;
    size_t len = lr->len;
    bool too_long = lr->too_long;
    lr->len = 0;
    lr->too_long = false;
    if (too_long) {
        char msg[96];
        snprintf(msg, sizeof(msg), "line longer than %d bytes (not a record line)", PROOF_LINE_MAX);
        problem(o, lr->path, lr->number, msg);
        lr->stats->skipped++;
        return true;
    }
    /* An empty line carries nothing: the writer may leave one where it ended a torn line. */
    if (len == 0)
        return true;
    struct proof_record r;
    unsigned version = 0;
    const char *why = NULL;
    switch (proof_parse_line(lr->line, len, &r, &version, &why)) {
    case PROOF_LINE_RECORD:
        if (r.start_ms < o->from_ms || r.start_ms >= o->to_ms) {
            lr->stats->filtered++;
            break;
        }
        if (r.duration_ms > PROOF_DURATION_MAX_MS) {
            char msg[160];
            snprintf(msg, sizeof(msg),
                     "duration of %lld ms is longer than any play (the limit is %lld ms, "
                     "366 days)",
                     (long long)r.duration_ms, (long long)PROOF_DURATION_MAX_MS);
            problem(o, lr->path, lr->number, msg);
            lr->stats->rejected++;
            break;
        }
        why = o->on_record ? o->on_record(o->data, &r) : NULL;
        if (why) {
            problem(o, lr->path, lr->number, why);
            lr->stats->rejected++;
        } else {
            lr->stats->records++;
        }
        break;
    case PROOF_LINE_HEADER:
        if (version != PROOF_FORMAT_VERSION) {
            char msg[128];
            snprintf(msg, sizeof(msg),
                     "format version %u, this kiosk reads version %d; the rest of the file "
                     "is not read",
                     version, PROOF_FORMAT_VERSION);
            problem(o, lr->path, lr->number, msg);
            return false;
        }
        break;
    case PROOF_LINE_BAD:
        /* Only the last line of a file can lack its newline. It counts when its checksum says
         * that only the newline is missing; anything shorter is torn. */
        problem(o, lr->path, lr->number,
                newline ? why : "incomplete last line (torn by a power cut)");
        lr->stats->skipped++;
        break;
    }
    return true;
}

/* Adds n bytes (no newline among them) to the line being gathered; what passes the limit is
 * dropped and the line marked, so a line of any length costs PROOF_LINE_MAX bytes. */
static void line_append(struct line_reader *lr, const char *p, size_t n)
{
    if (lr->too_long)
        return;
    if (n > PROOF_LINE_MAX - lr->len) {
        lr->too_long = true;
        lr->len = 0;
        return;
    }
    memcpy(lr->line + lr->len, p, n);
    lr->len += n;
}

bool proof_read_file(const char *path, const struct proof_read_options *o,
                     struct proof_read_stats *stats)
{
    char err[512];
    size_t size;
    int fd = file_open_limited(path, SIZE_MAX, &size, err, sizeof(err));
    if (fd < 0) {
        /* err names the path already; the problem callback gets it without. */
        size_t plen = strlen(path);
        const char *why =
            !strncmp(err, path, plen) && !strncmp(err + plen, ": ", 2) ? err + plen + 2 : err;
        problem(o, path, 0, why);
        stats->files_failed++;
        return false;
    }
    struct line_reader *lr = xcalloc(1, sizeof(*lr));
    *lr = (struct line_reader){.path = path, .o = o, .stats = stats};
    char *chunk = xmalloc(READ_CHUNK);
    bool ok = true, more = true;
    while (more) {
        ssize_t n = read(fd, chunk, READ_CHUNK);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            problem(o, path, 0, "read error");
            ok = false;
            break;
        }
        if (n == 0) {
            /* The last line, without its newline. */
            if ((lr->len || lr->too_long) && !line_done(lr, false))
                ok = false;
            break;
        }
        const char *p = chunk, *end = chunk + n;
        while (more && p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            line_append(lr, p, (size_t)((nl ? nl : end) - p));
            if (!nl)
                break;
            more = line_done(lr, true);
            p = nl + 1;
        }
        if (!more)
            ok = false; /* a newer format: the rest is not read */
    }
    free(chunk);
    free(lr);
    close(fd);
    if (!ok)
        stats->files_failed++;
    return ok;
}
