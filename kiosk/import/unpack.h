/* Unpacking a staged bundle (an uncompressed tar) with libarchive, after its signature is
 * verified. Even a signed bundle is not trusted to be well-formed: the whole archive is read
 * once for its headers (names, types, count, sizes) before a single file is written, and only
 * regular files and directories with safe names are accepted: each path component is made of
 * [A-Za-z0-9._-], not "." or "..", no absolute paths, no links, devices or FIFOs.
 *
 * Runs on the importer's thread; keeps no state. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct unpack_limits {
    uint64_t max_entries;     /* files and directories */
    uint64_t max_total_bytes; /* sum of file sizes */
    uint64_t max_file_bytes;  /* one file */
};

enum unpack_status {
    UNPACK_OK,
    UNPACK_UNSAFE,       /* a name, type or size the kiosk refuses */
    UNPACK_DAMAGED,      /* not a tar, or truncated */
    UNPACK_NO_SPACE,     /* our storage filled up */
    UNPACK_WRITE_FAILED, /* our storage failed: writing, or reading the staged tar back */
};

/* Why a name is refused, or NULL when it is safe. A leading "./" is allowed (tar -C dir .). */
const char *unpack_name_problem(const char *name);

typedef void (*unpack_progress_fn)(void *data, uint64_t done, uint64_t total);

/* Checks every header of tar_path, then writes its files under dest_dir (which must not exist;
 * it is created). Every file and directory is fsynced. On failure dest_dir may hold a partial
 * tree: the caller removes it. err names the archive, the entry and what was expected. */
enum unpack_status unpack_tar(const char *tar_path, const char *dest_dir,
                              const struct unpack_limits *limits, unpack_progress_fn progress,
                              void *data, char *err, size_t errlen);

/* Removes a tree (files and directories only; links are unlinked, not followed). */
bool unpack_remove_tree(const char *path);
