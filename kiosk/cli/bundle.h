/* What `kiosk bundle` does, for the command and for the studio's "Make a USB stick": check the
 * folder as `kiosk check` does, write OUT/KIOSK/bundle.tar and, with a key, its signature. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct bundle_options {
    const char *dir, *out;       /* the playlist folder; where KIOSK/ is written */
    const char *version, *group; /* as typed: "7", "lobby" */
    const char *key;             /* minisign secret key; NULL: not signed */
    /* The key's password; NULL: $KIOSK_KEY_PASSWORD, else asked on the terminal. Only passed
     * to the key's decryption, never written anywhere. */
    const char *password;
    const char *config_path; /* NULL: the kiosk's, when there is one */
    bool export_proof;
    /* The caller has just checked dir with check_content_collect (fonts loaded, no error) and
     * nothing changed since: the check is not run twice. */
    bool checked;
    FILE *msgs; /* where the reasons for a refusal go (stderr for the command) */
    bool print; /* print what was written on stdout, as the command does */
};

struct bundle_result {
    size_t entries; /* files and folders in the bundle */
    uint64_t bytes; /* of the files */
    uint64_t version;
    char group[65];
};

/* Returns the command's exit status: 0 written, 1 refused or failed (reasons on o->msgs),
 * 2 a bad version or group. *res (may be NULL) is filled when the tar was written. */
int bundle_make(const struct bundle_options *o, struct bundle_result *res);
