/* The content machine's view of the fleet (`kiosk fleet DIR`, docs/fleet.md): every kiosk's
 * published folder (its health.json and proof of play, synced by Syncthing into DIR/NAME/)
 * read into one row per kiosk, with what needs looking at first.
 *
 * Plain C, no SDL; one thread. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "fleet/health.h"
#include "import/minisig.h"

/* A kiosk is silent when its report is older than this: three missed refreshes. */
#define FLEET_SILENT_AFTER_S (3 * HEALTH_REFRESH_MS / 1000)
#define FLEET_MAX_KIOSKS 10000

/* Worst first: the table is sorted by state, then group, then kiosk. */
enum fleet_state {
    FLEET_FAILING, /* its report cannot be read, the last import was refused, or no content */
    FLEET_SILENT,  /* no report, or none for longer than the threshold */
    FLEET_BEHIND,  /* shows an older version than the newest published for its group */
    FLEET_OK,
};

struct fleet_row {
    char folder[256]; /* DIR/folder */
    bool has_report;
    struct health_report health; /* when has_report */
    char name[128];              /* the report's kiosk name, else the folder's */
    char group[MINISIG_GROUP_MAX + 1];
    uint64_t newest; /* newest version published for its group; 0: unknown */
    enum fleet_state state;
    char problems[1024]; /* plain words, "; " between them; "" when none */
};

struct fleet {
    struct fleet_row *rows;
    size_t count;
};

struct fleet_options {
    const char *published_dir; /* the content machine's publishing folders; NULL: none */
    int64_t silent_after_s;    /* 0: FLEET_SILENT_AFTER_S */
    time_t now;
};

/* Reads every subfolder of dir (hidden ones, such as Syncthing's .stfolder, are skipped). The
 * newest version of a group is the newest signed bundle under published_dir (each
 * PUBLISHED[/FOLDER]/KIOSK/bundle.tar.minisig's trusted comment), else the newest any of its
 * kiosks shows. False with err only when dir itself cannot be read. */
bool fleet_read(const char *dir, const struct fleet_options *o, struct fleet *out, char *err,
                size_t errlen);
void fleet_free(struct fleet *f);

const char *fleet_state_name(enum fleet_state s); /* "failing", "silent", "behind", "ok" */

/* The kiosk name a published folder stands for: its health.json's "kiosk", else the folder's
 * own name. For `kiosk report` over many kiosks. */
void fleet_kiosk_name(const char *folder, char *out, size_t cap);
