/* The content machine's side of the fleet (docs/fleet.md), so that nobody clicks through
 * Syncthing's page or types a device ID: `kiosk fleet publish-setup` reads the kiosks' answers
 * from the enrolment stick (KIOSK/enrolled/NAME.txt, fleet/enrol.h's enrol_reply), remembers
 * them in HOME/kiosk-fleet.json beside Syncthing's keys, and writes HOME/config.xml
 * (fleet/stconfig.h): a send-only folder per screen group (PUBLISH/GROUP) shared with the
 * group's kiosks, and a receive-only folder per kiosk (its report folder, into FLEET/NAME).
 * The kiosks dial the content machine (its address is in their order), so their addresses are
 * "dynamic" here and no discovery is needed.
 *
 * Plain C, no SDL. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "fleet/enrol.h"

#define PUBLISH_REGISTRY "kiosk-fleet.json"
#define PUBLISH_MAX_KIOSKS 1000

struct publish_kiosk {
    char name[ENROL_FOLDER_MAX + 1];
    char group[MINISIG_GROUP_MAX + 1];
    char device_id[ENROL_DEVICE_ID_LEN + 1];
    char report_folder[ENROL_FOLDER_MAX + 1];
    char content_folder[ENROL_FOLDER_MAX + 1];
};

struct publish_setup {
    char name[65];          /* this machine's name in the kiosks' Syncthing */
    char publish_dir[1024]; /* PUBLISH/GROUP is each group's send-only folder */
    char fleet_dir[1024];   /* FLEET/NAME receives each kiosk's report folder */
    char listen[256];       /* "tcp://0.0.0.0:22000" */
    char gui[256];          /* "127.0.0.1:8384" */
    struct publish_kiosk *kiosks;
    size_t count;
};

/* Reads one answer (key=value lines; kiosk, group, device_id and report_folder required,
 * content_folder defaulting to kiosk-content-GROUP). On failure: "PATH:LINE: what was
 * expected" or "PATH: ...". */
bool publish_answer_read(const char *path, struct publish_kiosk *out, char *err, size_t errlen);

/* HOME/kiosk-fleet.json, or an empty setup with the defaults when there is none yet. */
bool publish_load(const char *home, struct publish_setup *s, char *err, size_t errlen);

/* Adds a kiosk, or replaces the one of the same name (enrolled again, or moved to another
 * group). False when the list is full. */
bool publish_add(struct publish_setup *s, const struct publish_kiosk *k);

/* Writes HOME/kiosk-fleet.json and HOME/config.xml (own_id: this machine's device ID), and
 * creates the group and kiosk folders. */
bool publish_save(const char *home, const struct publish_setup *s, const char *own_id, char *err,
                  size_t errlen);

void publish_free(struct publish_setup *s);
