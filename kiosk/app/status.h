/* The staff status page (the staff gesture opens it; it closes by itself): what a technician
 * needs at the screen without a keyboard: software and content versions, the last import,
 * uptime, free storage, the display, and the latest problems from the log.
 *
 * Plain data in, notice lines out; the app gathers the facts. */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "import/importer.h"
#include "render/notice.h"

struct status_facts {
    const char *playlist_name; /* NULL: the built-in slide plays */
    const char *content_dir;
    uint64_t content_version; /* 0: not an installed bundle */
    const char *content_group;
    const char *bad_note;   /* the crash-loop guard marked a version bad at this start
                               (updates_bad_note); NULL: nothing */
    const char *trial_note; /* the version playing is on trial (updates_trial_note) */
    bool imports_enabled;
    const char *screen_group;
    bool has_import; /* last_import is valid */
    struct import_result last_import;
    int64_t import_ago_ms;
    int64_t uptime_ms;     /* of the player */
    const char *state_dir; /* free storage is measured here */
    const char *video_driver, *renderer;
    int screen_w, screen_h;
    double px_per_mm;
    time_t now;
    bool clock_unset;         /* before the build date: schedules are ignored */
    const char *screen_power; /* how the screen is turned off; NULL: never (no schedule) */
    bool screen_off;
    /* This kiosk's Syncthing device ID (updates_device_id, docs/fleet.md): what the content
     * machine shows when the kiosk first connects. NULL or "": not enrolled, no line. */
    const char *device_id;
    /* What the fleet inbox waits for, or why its pair was refused (updates_inbox_line); NULL:
     * nothing to say. */
    const char *inbox_line;
    /* Video (video/player.h): the decoder of the last clip shown ("" none yet), why the
     * hardware decoder was given up ("" never), frames shown and dropped since start. */
    const char *video_decoder;
    const char *video_note;
    uint64_t video_frames, video_dropped;
    /* Emergency mode (docs/emergency.md): what started it; NULL when it is off. */
    const char *emergency_why;
    int64_t emergency_since_wall_ms;
};

#define STATUS_MAX_LINES NOTICE_MAX_LINES

struct status_text {
    char lines[STATUS_MAX_LINES][320];
};

/* Fills out (a page notice) with lines written into text. */
void status_build(const struct status_facts *f, struct status_text *text, struct notice *out);

/* "3 d 4 h", "5 h 12 min", "42 s": a duration for people. */
void status_format_duration(int64_t ms, char *out, size_t outlen);
/* "1.2 GB", "640 MB": a size for people. */
void status_format_bytes(uint64_t bytes, char *out, size_t outlen);
