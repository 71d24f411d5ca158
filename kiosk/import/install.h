/* Installed content under the state directory, switched atomically (the swapped-directory
 * pattern). The layout, documented for staff in docs/usb-update.md:
 *
 *   STATE/lock                  flock()ed by whoever imports or recovers
 *   STATE/current -> versions/N the content that plays (a relative symlink, switched by rename)
 *   STATE/previous -> versions/M what played before it; the fallback
 *   STATE/versions/N/bundle.info "kiosk-bundle version=N group=G" (the installed-version record)
 *   STATE/versions/N/content/   the unpacked bundle: playlist.json and media
 *   STATE/staging/              bundle.tar and unpack/ while an import runs; removed afterwards
 *   STATE/highest-version.G     "kiosk-bundle version=N group=G": the highest version of group G
 *                               ever installed here, for the anti-rollback check; it outlives
 *                               falling back to previous and the removal of current
 *
 * A version directory only ever appears under versions/ by one rename from staging/, after every
 * file and directory in it has been fsynced, so each one there is complete. `current` is always
 * replaced by rename, so after a crash at any moment it names either the old or the new version.
 * Start-up recovery removes whatever an interrupted import left behind.
 *
 * Not thread-safe on the same state directory without the lock (install_lock); the functions
 * themselves keep no state. */
#pragma once

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "import/minisig.h"

struct install_info {
    uint64_t version;
    char group[MINISIG_GROUP_MAX + 1];
    char content_dir[PATH_MAX]; /* STATE/versions/N/content, resolved: stays valid when
                                   `current` moves on (until that version is removed) */
};

/* Creates STATE, STATE/versions and takes STATE/lock without waiting. Returns the lock's file
 * descriptor (close it to release); -2 when another import holds it, -1 on other failures,
 * with err set. */
int install_lock(const char *state_dir, char *err, size_t errlen);

/* STATE/staging, emptied and created afresh. Caller frees. NULL with err on failure. */
char *install_staging_reset(const char *state_dir, char *err, size_t errlen);

/* Reads what `which` ("current" or "previous") names; false when it is missing or unusable
 * (dangling, no bundle.info, no content/playlist.json). */
bool install_read(const char *state_dir, const char *which, struct install_info *out);

/* The version number `which` ("current" or "previous") names, read from the link alone (no
 * check that the version is usable); 0 when there is none. What is on disk, for reporting. */
uint64_t install_link_version(const char *state_dir, const char *which);

/* Installs staged_dir (holding content/) as version N of group: writes bundle.info into it,
 * moves it to versions/N, points previous at the old current and current at N, fsyncs, records
 * N as the group's highest version, and removes versions that neither link names. Must hold the
 * lock. Returns false with err when it failed; *switched then says whether current already
 * names N (a failure after the switch: making it durable, or reading it back), in which case
 * out is filled all the same, because N is what plays. */
bool install_commit(const char *state_dir, const char *staged_dir, uint64_t version,
                    const char *group, struct install_info *out, bool *switched, char *err,
                    size_t errlen);

/* The highest version of group ever installed in state_dir: the durable record, or current's
 * and previous's versions when they are higher (a crash between the switch and the record).
 * 0 when none. */
uint64_t install_highest(const char *state_dir, const char *group);

/* Raises the group's record to version (atomically, fsynced); true when the record is at least
 * version afterwards. Must hold the lock. */
bool install_record_highest(const char *state_dir, uint64_t version, const char *group, char *err,
                            size_t errlen);

/* Start-up recovery (must hold the lock): removes staging and half-made links, falls back to
 * previous when current is unusable, brings the highest-version record up to current, removes
 * unreferenced versions. Fills out and returns true
 * when some content is installed; false means the built-in slide. Logs what it did. */
bool install_recover(const char *state_dir, struct install_info *out);

/* For the player when current's content fails to load: previous becomes current (the broken
 * version is removed). False when there is no usable previous. Must hold the lock. */
bool install_fall_back(const char *state_dir, struct install_info *out, char *err, size_t errlen);
