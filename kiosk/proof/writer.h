/* Proof of play: the append-only record files on the kiosk.
 *
 *   DIR/plays.log                         the file being written
 *   DIR/plays-20270312T183005.250Z.log    earlier files, named by the UTC time they were closed
 *
 * Durability: each record is one write(2) of one whole line with O_APPEND, so a process that is
 * killed leaves only whole lines behind. The data reaches the disk by fdatasync on a background
 * thread at most sync_interval_ms after a record was added, and at once on flush and close. A
 * power cut therefore loses at most the records of the last sync interval (and the slide on
 * screen, whose record is written when it ends); a line torn by the cut is recognised by its
 * checksum and skipped by the reader, and when the writer opens a file whose last line is torn
 * it ends that line first, so that the next record never glues onto it.
 *
 * Rotation: when plays.log would pass max_file_bytes it is renamed to plays-<UTC time>.log and a
 * new one started; of the rotated files only the newest keep_files - 1 are kept, so the folder
 * never holds more than keep_files files (about keep_files * max_file_bytes bytes).
 *
 * Failures (disk full, read-only or missing folder, I/O errors) are logged once; the writer then
 * drops records, counting them, and tries again every retry_interval_ms. The player never stops
 * because of proof of play.
 *
 * Threads: proof_writer_open/add/flush/close and proof_writer_get_stats are called from one
 * thread (the player's loop). The writer runs one thread of its own for fdatasync.
 *
 * Cost on the calling thread: proof_writer_add formats one line and write()s it into the page
 * cache, a few microseconds; it never waits for the disk, except when rotating (about once per
 * max_file_bytes of records, ten thousand plays with the defaults), which fsyncs the closed
 * file, the new one and the folder: tens of milliseconds on an SD card. proof_writer_flush and
 * proof_writer_close wait for one fdatasync. Only one writer may use a folder at a time. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proof/record.h"

#define PROOF_DEFAULT_DIR "/var/lib/kiosk/proof"
#define PROOF_CURRENT_FILE "plays.log"

struct proof_writer_options {
    int64_t sync_interval_ms;  /* default 5000; 0 syncs after every record (on the thread) */
    uint64_t max_file_bytes;   /* rotate when plays.log would pass this; default 1 MiB */
    unsigned keep_files;       /* files kept, plays.log included; default 30, at least 2 */
    int64_t retry_interval_ms; /* after a failure, try again this much later; default 60000 */
    /* UTC milliseconds for the names of rotated files; NULL: the system clock. */
    int64_t (*wall_clock_ms)(void);
};

void proof_writer_options_defaults(struct proof_writer_options *o);

/* Opens (creating it and dir when missing) dir/plays.log for appending. Never NULL: when the
 * folder cannot be written the writer logs why and drops records until it can. dir is copied;
 * opts may be NULL for the defaults. Owned by the caller; release with proof_writer_close. */
struct proof_writer *proof_writer_open(const char *dir, const struct proof_writer_options *opts);

/* Appends one record. True when it was written (it reaches the disk within the sync interval);
 * false when it was dropped (writer failing, or a record that cannot be formatted). */
bool proof_writer_add(struct proof_writer *w, const struct proof_record *r);

/* Waits until every record added so far is on the disk. False when the sync failed. */
bool proof_writer_flush(struct proof_writer *w);

/* Flushes, stops the sync thread and frees w. NULL is fine. */
void proof_writer_close(struct proof_writer *w);

struct proof_writer_stats {
    uint64_t written;   /* records written since open */
    uint64_t dropped;   /* records dropped since open */
    uint64_t rotations; /* files rotated since open */
    bool failing;       /* the last attempt to write failed */
};

void proof_writer_get_stats(const struct proof_writer *w, struct proof_writer_stats *out);

/* UTC wall-clock milliseconds now (CLOCK_REALTIME), for proof_record.start_ms. */
int64_t proof_wall_clock_ms(void);

/* The record files in dir, oldest first: the rotated plays-<time>.log files by name, then
 * plays.log when it exists. Other files are never listed (nor deleted by rotation). Returns
 * names without the folder, NULL-terminated; *count (optional) gets their number. Caller frees
 * with proof_files_free. NULL when dir cannot be read. */
char **proof_files_list(const char *dir, size_t *count);
void proof_files_free(char **names);
