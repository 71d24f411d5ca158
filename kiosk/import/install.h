/* Installed content under the state directory, switched atomically (the swapped-directory
 * pattern). The layout, documented for staff in docs/usb-update.md:
 *
 *   STATE/lock                  flock()ed by whoever imports or recovers
 *   STATE/current -> versions/N the content that plays (a relative symlink, switched by rename)
 *   STATE/previous -> versions/M what played before it; the fallback
 *   STATE/versions/N/bundle.info "kiosk-bundle version=N group=G" (the installed-version record)
 *   STATE/versions/N/content/   the unpacked bundle: playlist.json and media
 *   STATE/staging/              bundle.tar and unpack/ while an import runs; removed afterwards
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

/* Installs staged_dir (holding content/) as version N of group: writes bundle.info into it,
 * moves it to versions/N, points previous at the old current and current at N, fsyncs, and
 * removes versions that neither link names. Must hold the lock. */
bool install_commit(const char *state_dir, const char *staged_dir, uint64_t version,
                    const char *group, struct install_info *out, char *err, size_t errlen);

/* Start-up recovery (must hold the lock): removes staging and half-made links, falls back to
 * previous when current is unusable, removes unreferenced versions. Fills out and returns true
 * when some content is installed; false means the built-in slide. Logs what it did. */
bool install_recover(const char *state_dir, struct install_info *out);

/* For the player when current's content fails to load: previous becomes current (the broken
 * version is removed). False when there is no usable previous. Must hold the lock. */
bool install_fall_back(const char *state_dir, struct install_info *out, char *err, size_t errlen);
