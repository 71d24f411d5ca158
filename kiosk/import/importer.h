/* One whole import, step by step: find KIOSK/bundle.tar and its .minisig under a source folder
 * (a stick's mount point or the inbox), check the signature file against the trusted keys and
 * the trusted comment against this kiosk (group, version) before copying anything, copy and hash
 * into staging, verify, unpack, validate the content as `kiosk check` does, install.
 *
 * Any refusal leaves the installed content exactly as it was. Nothing is ever written to the
 * source. import_run is synchronous; the watcher (watcher.h) runs it on its own thread, the
 * command line directly. It calls progress and validate on the calling thread. */
#pragma once

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "import/install.h"
#include "import/minisig.h"
#include "import/validate_child.h"

#define IMPORT_BUNDLE_PATH "KIOSK/bundle.tar"
#define IMPORT_SIGNATURE_PATH "KIOSK/bundle.tar.minisig"

enum import_phase {
    IMPORT_PHASE_FOUND,
    IMPORT_PHASE_COPYING,
    IMPORT_PHASE_VERIFYING,
    IMPORT_PHASE_UNPACKING,
    IMPORT_PHASE_CHECKING,
    IMPORT_PHASE_INSTALLING,
    IMPORT_PHASE_DONE,
};

/* Each status is one plain-words reason staff see on screen; docs/usb-update.md explains each. */
enum import_status {
    IMPORT_INSTALLED,
    IMPORT_NO_BUNDLE,        /* no KIOSK/bundle.tar */
    IMPORT_NOT_SIGNED,       /* no or unreadable KIOSK/bundle.tar.minisig */
    IMPORT_UNTRUSTED_KEY,    /* signed, but by a key this kiosk does not trust */
    IMPORT_LEGACY_SIGNATURE, /* minisign -l: not prehashed */
    IMPORT_DAMAGED,          /* signature does not match (changed after signing, or damaged) */
    IMPORT_NOT_A_BUNDLE,     /* trusted comment is not "kiosk-bundle version=N group=G" */
    IMPORT_OTHER_GROUP,
    IMPORT_NOT_NEWER, /* version <= installed */
    IMPORT_UNSAFE,    /* forbidden names, types or sizes inside the tar */
    IMPORT_TOO_BIG,
    IMPORT_NO_SPACE,        /* does not fit on the kiosk */
    IMPORT_SOURCE_FAILED,   /* read error, or the stick was pulled out while copying */
    IMPORT_CONTENT_INVALID, /* the playlist or a slide would not play */
    IMPORT_FONT_FAILED,     /* a font (the bundle's, or the kiosk's own) cannot be loaded */
    IMPORT_CHECK_CRASHED,   /* the content made the checker crash or take too long */
    IMPORT_KNOWN_BAD,       /* this version crashed the player or importer before (trial.h) */
    IMPORT_BUSY,            /* another import holds the lock */
    IMPORT_FAILED,          /* the kiosk's own storage failed, or no trusted keys configured */
};

/* Checks an unpacked content folder exactly as `kiosk check` does. On failure writes the first
 * problems (file:line:column: ...) into err and returns false. Called in a child process of the
 * importing thread (validate_child.h), so a crash or hang in it refuses the bundle. */
typedef bool (*import_validate_fn)(void *data, const char *content_dir, char *err, size_t errlen);

/* A validator's message that starts with this says the refusal is about a font that cannot be
 * loaded (a font file in the bundle, or the kiosk's own fonts): it is reported as
 * IMPORT_FONT_FAILED, without the prefix. Text, because the message crosses the check's pipe. */
#define IMPORT_FONT_PROBLEM "font problem: "

struct import_options {
    const char *state_dir; /* default /var/lib/kiosk */
    const char *keys_dir;  /* *.pub minisign public keys; default /etc/kiosk/keys */
    const char *group;     /* this screen's group; required */
    uint64_t max_bundle_bytes;
    uint64_t max_entries;
    uint64_t max_file_bytes;
    uint64_t reserve_bytes;      /* free space left on the state storage after an import */
    import_validate_fn validate; /* required: a bundle is never installed unchecked */
    struct validate_child_limits check_limits; /* memory and time for validate's child */
    void *validate_data;
    /* The source is a sync tool's inbox (watcher.h): a partner file that is missing or does not
     * match may still be arriving, so such a result is logged as information, not as a
     * problem; the watcher reports it once the pair has stayed unchanged for long. */
    bool arriving;
};

/* Fills the defaults above (2 GB bundle, 10000 entries, 512 MB per file, 64 MB reserve, the
 * check's limits of validate_child_limits_defaults). */
void import_options_defaults(struct import_options *o);

struct import_result {
    enum import_status status;
    char reason[1024]; /* plain words: what was found, what was expected */
    uint64_t version;  /* the bundle's, when its trusted comment was read; else 0 */
    char group[MINISIG_GROUP_MAX + 1];
    /* The signature is valid, the bundle is for this kiosk's group, and its trusted comment
     * asks for the proof-of-play records ("export=proof"), installed or not newer. */
    bool export_proof;
    struct install_info installed; /* what is current afterwards (version 0 when nothing) */
    /* Installed, but a step after the switch failed (making it durable, reading it back): what
     * failed, for the log and the command line; empty otherwise. */
    char warning[1024];
    /* The result is one a pair still being delivered gives (import_status_may_be_arriving) and
     * both files are regular files or missing: a FIFO, device or link in their place is no file
     * on its way, and is refused at once. */
    bool may_be_arriving;
};

typedef void (*import_progress_fn)(void *data, enum import_phase phase, double fraction);

/* True for the results that a pair still being delivered gives (no tar, no or unreadable
 * signature, tar and signature that do not match, files that changed while read): in an inbox
 * these mean "not all here yet" until the files have stayed unchanged for long. */
bool import_status_may_be_arriving(enum import_status s);

/* Performs one import from source_dir. Always fills result; result->status says what happened,
 * and the same line is logged. Takes the state lock for the duration. */
void import_run(const struct import_options *o, const char *source_dir, import_progress_fn progress,
                void *data, struct import_result *result);

/* Start-up recovery under the lock (see install_recover); false when no content is installed. */
bool import_recover(const char *state_dir, struct install_info *out);

/* For the player when the current content does not load: previous becomes current under the
 * lock (see install_fall_back). False with err when there is nothing to fall back to, or an
 * import holds the lock (the player then tries again later). */
bool import_fall_back(const char *state_dir, struct install_info *out, char *err, size_t errlen);

/* A short headline for the status ("not signed by a trusted key", ...), static. */
const char *import_status_headline(enum import_status s);
const char *import_phase_name(enum import_phase p);

/* True when source_dir holds KIOSK/bundle.tar. */
bool import_source_has_bundle(const char *source_dir);
