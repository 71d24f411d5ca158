/* Boot counting for content, as RAUC and Mender count boots of a new system: before the player
 * or the importer acts on a content version it writes a durable "trying version N" mark into
 * the state folder; the mark goes away when the version has proved itself (the player played
 * it through once, or the import finished). A mark still standing when a process starts again
 * means that process died while trying N. After TRIAL_MAX_ATTEMPTS such deaths the version is
 * recorded as bad, and a bad version is neither played nor installed again; a newer version
 * is. docs/reliability.md, "Never a crash loop", says this for staff.
 *
 * Files (next to install.h's):
 *   STATE/trying-play      "version=N group=G attempts=K since=EPOCH": the player's mark
 *   STATE/trying-import    the same for the importer
 *   STATE/bad-versions     one line per bad version: "version=N group=G when=EPOCH why=TEXT"
 * Each is replaced by an atomic write (write beside, fsync, rename, fsync the folder), so a
 * power cut leaves the old or the new mark, never half of one.
 *
 * The player's and the importer's marks are separate files, so the watcher's thread and the
 * loop never write the same file. bad-versions is written only under install_lock. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "import/minisig.h"

/* Two deaths, not one: one power cut or one `systemctl kill` while a version is new must not
 * brand good content bad. The third start plays the previous version. */
#define TRIAL_MAX_ATTEMPTS 2
/* bad-versions keeps the newest this many records. */
#define TRIAL_MAX_BAD 32

enum trial_who { TRIAL_PLAY, TRIAL_IMPORT };

struct trial_mark {
    uint64_t version;
    char group[MINISIG_GROUP_MAX + 1];
    unsigned attempts; /* starts so far that tried this version, counting the current one */
    long long since;   /* wall-clock seconds of the first attempt */
};

/* The standing mark of who; false when there is none (or it cannot be read: then it is
 * treated as absent, which errs on the side of playing). */
bool trial_read(const char *state_dir, enum trial_who who, struct trial_mark *out);

/* Writes the mark for version/group before acting on it: attempts one more than a standing
 * mark for the same version, else 1. *attempts (may be NULL) receives the count. False with
 * err when it cannot be written (the caller goes on: a guard that cannot write must not stop
 * the show, and logs why). */
bool trial_begin(const char *state_dir, enum trial_who who, uint64_t version, const char *group,
                 unsigned *attempts, char *err, size_t errlen);

/* The version proved itself, or the import finished: the mark goes. */
void trial_end(const char *state_dir, enum trial_who who);

/* The process stops in an orderly way before the version proved itself (SIGTERM, a reboot):
 * this attempt does not count. */
void trial_abandon(const char *state_dir, enum trial_who who);

/* Records version/group as bad with why (one line of plain words). Must hold install_lock. */
bool trial_mark_bad(const char *state_dir, uint64_t version, const char *group, const char *why,
                    char *err, size_t errlen);

/* True when version/group is recorded as bad; why (may be NULL) receives the record's reason
 * and *when (may be NULL) its wall-clock seconds. */
bool trial_is_bad(const char *state_dir, uint64_t version, const char *group, char *why,
                  size_t whylen, long long *when);

/* For the importer, under install_lock, once the bundle's signed version is known and before
 * anything is unpacked: false with why (plain words, for staff) when version/group is bad, or
 * when the importer already died TRIAL_MAX_ATTEMPTS times on it (it is then recorded as bad).
 * Otherwise writes the importer's mark and returns true; trial_end(TRIAL_IMPORT) when done. */
bool trial_import_begin(const char *state_dir, uint64_t version, const char *group, char *why,
                        size_t whylen);

/* "version 7 of group "akko" was marked bad on this kiosk on 2026-12-04 23:10 (the player
 * stopped twice while playing it)": for messages. False when it is not bad. */
bool trial_describe_bad(const char *state_dir, uint64_t version, const char *group, char *out,
                        size_t outlen);
