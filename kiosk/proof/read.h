/* Proof of play: reading record files back, for `kiosk report` and for tests.
 *
 * Every line is checked (checksum, fields, ranges) before any of it is used. Lines that fail -
 * torn by a power cut, damaged on the disk, or not of this format - are skipped and reported by
 * file and line number, never misread. Plain C, no SDL; no state between calls. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proof/record.h"

/* r and its strings are valid during the call only. */
typedef void (*proof_record_fn)(void *data, const struct proof_record *r);
/* line is 0 for a problem with the whole file (cannot be opened, newer format). */
typedef void (*proof_problem_fn)(void *data, const char *path, uint64_t line, const char *why);

struct proof_read_options {
    int64_t from_ms, to_ms; /* records whose start is in [from_ms, to_ms), UTC ms */
    proof_record_fn on_record;
    proof_problem_fn on_problem; /* optional */
    void *data;                  /* passed to both */
};

/* Every record, no problem callback. */
void proof_read_options_defaults(struct proof_read_options *o);

struct proof_read_stats {
    uint64_t records;      /* good records in the time range, passed to on_record */
    uint64_t filtered;     /* good records outside it */
    uint64_t skipped;      /* lines skipped as torn or damaged */
    uint64_t files_failed; /* files that could not be read, or not to the end */
};

/* Reads one record file, adding to *stats (zero it before the first file). False when the file
 * could not be read to its end (not found, I/O error, a header of a newer format version); the
 * records before that point have been passed on. Skipped lines do not make it fail. */
bool proof_read_file(const char *path, const struct proof_read_options *o,
                     struct proof_read_stats *stats);
