/* Proof of play: reading record files back, for `kiosk report` and for tests.
 *
 * Every line is checked (checksum, fields, ranges) before any of it is used. Lines that fail -
 * torn by a power cut, damaged on the disk, or not of this format - are skipped and reported by
 * file and line number, never misread. Values are bounded (PROOF_DURATION_MAX_MS), and so is the
 * memory a read takes: a file is read in chunks and at most PROOF_LINE_MAX bytes of a line are
 * ever held, however long the line or the file. Plain C, no SDL; no state between calls. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proof/record.h"

/* The longest play a record may claim: 366 days. The player writes a record when a slide leaves
 * the screen, so a one-slide playlist or the built-in slide can honestly stay for days; a year
 * and a day is more than any real play, and small enough that no sum of records can overflow
 * (see PROOF_REPORT_TOTAL_MAX_MS). Longer durations come from damaged or forged files. */
#define PROOF_DURATION_MAX_MS ((int64_t)366 * 24 * 3600 * 1000)

/* r and its strings are valid during the call only. Returns NULL when the record was taken, or
 * a phrase saying why it was refused (the reader then reports it by file and line and counts
 * it as rejected). */
typedef const char *(*proof_record_fn)(void *data, const struct proof_record *r);
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
    uint64_t skipped;      /* lines skipped as torn, damaged or too long */
    uint64_t rejected;     /* whole records with a value out of range, or refused by on_record */
    uint64_t files_failed; /* files that could not be read, or not to the end */
};

/* Reads one record file, adding to *stats (zero it before the first file). False when the file
 * could not be read to its end (not found, I/O error, a header of a newer format version); the
 * records before that point have been passed on. Skipped lines do not make it fail. Opens the
 * file as file_open_limited does: without blocking and only when it is a regular file, so a
 * FIFO or a device is refused at once. */
bool proof_read_file(const char *path, const struct proof_read_options *o,
                     struct proof_read_stats *stats);
