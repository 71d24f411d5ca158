/* Proof of play: copying the record files into another folder, such as a staff USB stick.
 *
 * Each file is copied to a temporary name in dest_dir, fsynced and renamed, so dest_dir never
 * holds a partial record file under a record file's name, even when the stick is pulled out.
 * plays.log, which the player may be appending to, is copied up to its last complete line.
 * A rotated file already at the destination with the same size is not copied again (rotated
 * files never change). Runs on any thread; it only reads the record folder. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct proof_export_result {
    size_t copied;  /* files written */
    size_t skipped; /* rotated files already there */
};

/* Copies the record files of records_dir (see proof_files_list) into dest_dir, creating it.
 * False with a reason in err when a file could not be copied; the files copied before it stay,
 * complete. A missing or empty records_dir copies nothing and succeeds. result is optional. */
bool proof_export(const char *records_dir, const char *dest_dir, struct proof_export_result *result,
                  char *err, size_t errlen);
