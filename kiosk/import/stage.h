/* Staging: the bundle is copied from the stick once, onto the kiosk's own storage, and hashed
 * (BLAKE2b-512, as minisign's prehashed signatures want) from the very bytes that are written.
 * The signature is then checked against that hash, and the staged copy is what gets unpacked:
 * a stick that changes or vanishes between two reads cannot smuggle in unsigned bytes.
 *
 * Runs on the importer's thread (or the command line's); no state is kept between calls. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "import/minisig.h"

enum stage_status {
    STAGE_OK,
    STAGE_SOURCE_FAILED, /* missing, vanished or unreadable source (stick pulled out) */
    STAGE_TOO_BIG,       /* over max_bytes */
    STAGE_NO_SPACE,      /* not enough free space for the copy and its unpacked content */
    STAGE_WRITE_FAILED,  /* our own storage failed (including ENOSPC while writing) */
};

struct stage_limits {
    uint64_t max_bytes;     /* the largest bundle accepted */
    uint64_t reserve_bytes; /* free space to leave on the state storage after unpacking */
};

/* Called now and then with the bytes copied so far and the total. */
typedef void (*stage_progress_fn)(void *data, uint64_t done, uint64_t total);

/* Copies src to dst (created with O_EXCL; removed again on failure), fsyncs it, and fills hash
 * and *size. Free space is checked before copying: room is needed for the copy and for the
 * unpacked content beside it (about the same size again) plus limits->reserve_bytes. On failure
 * err says which file and what was expected. */
enum stage_status stage_copy(const char *src, const char *dst, const struct stage_limits *limits,
                             stage_progress_fn progress, void *data,
                             uint8_t hash[MINISIG_HASH_BYTES], uint64_t *size, char *err,
                             size_t errlen);

/* Free bytes for an unprivileged writer on the filesystem holding path; false if unknown. */
bool stage_free_bytes(const char *path, uint64_t *free_bytes);
