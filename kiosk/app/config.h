/* The kiosk's own settings (not the content's): a small "key = value" file, by default
 * /etc/kiosk/kiosk.conf, documented in docs/configuration.md. Command-line options override it.
 *
 * Every key is one row of a table in config.c (name, kind, limits, default, help), so the
 * parser, its messages and `config_keys` agree by construction. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/config_access.h"
#include "app/config_emergency.h"
#include "input/rotate.h"
#include "platform/power.h"
#include "sched/schedule.h"
#include "input/staff.h"

#define CONFIG_DEFAULT_PATH "/etc/kiosk/kiosk.conf"
#define CONFIG_PATH_MAX 512 /* longest path a setting takes, in bytes */
#define CONFIG_GROUP_MAX 64 /* as a bundle's trusted comment allows */
#define CONFIG_MAX_WATCH_DIRS 4
#define CONFIG_MAX_OFF_TIMES 8

struct config {
    bool allow_quit;          /* Q and Escape quit; false in kiosk mode */
    int64_t max_image_pixels; /* images over this are refused (default 40 megapixels) */
    int texture_cache_size;   /* screen-sized textures kept (default 2) */
    /* The console screen's video mode: "" or auto (1920x1080 on a larger screen that offers it),
     * native, or WxH[@HZ] (platform/display_mode.h, docs/deploy-pi.md). */
    char display_mode[24];

    /* USB and inbox import (docs/usb-update.md). The player imports only when screen_group is
     * set: a kiosk that does not know its group cannot tell its bundles from another's. */
    char screen_group[CONFIG_GROUP_MAX + 1]; /* "" when not configured */
    char state_dir[CONFIG_PATH_MAX];         /* installed content; default /var/lib/kiosk */
    char keys_dir[CONFIG_PATH_MAX];          /* trusted minisign *.pub; default /etc/kiosk/keys */
    char watch_dirs[CONFIG_MAX_WATCH_DIRS][CONFIG_PATH_MAX]; /* stick mount roots */
    size_t watch_dir_count;                                  /* default 1: /run/kiosk/sticks */
    char inbox_dir[CONFIG_PATH_MAX];                         /* "" when none */
    /* The fleet (docs/fleet.md): the kiosk's send-only Syncthing folder, where the player keeps
     * health.json current; "" when none. Its parent is Syncthing's home (the device ID). */
    char report_dir[CONFIG_PATH_MAX];
    /* Proof of play (docs/proof-of-play.md): "" = STATE/proof when the player plays the
     * installed content (the service), else off; "off" = never. */
    char proof_dir[CONFIG_PATH_MAX];
    /* The player's runtime folder (systemd's RuntimeDirectory): requests to copy the records
     * onto a stick go to RUNTIME/export, their results come back in RUNTIME/export-results. */
    char runtime_dir[CONFIG_PATH_MAX];

    /* Touch (docs/touch.md). The physical size turns millimetres (9 mm buttons, swipe
     * distances) into pixels; without one, 96 pixels per inch is assumed. */
    double screen_diagonal_inches; /* 0: unknown */
    double screen_width_mm;        /* 0: unknown; wins over the diagonal */
    enum rotation touch_rotation;  /* how the touch panel is turned against the picture */
    int idle_timeout_s;            /* back to the slide loop after this; 0: never */
    int long_press_ms;
    struct staff_sequence staff_gesture; /* count 0: off */
    double staff_corner_mm;
    int staff_gesture_time_s;   /* the whole sequence within this */
    int staff_status_timeout_s; /* the status page closes by itself after this */

    /* Screen power (docs/screen-power.md): when the screen is off, and how it is turned off. */
    enum power_method screen_power_method;
    char screen_power_cec_device[CONFIG_PATH_MAX]; /* "" = the first that answers */
    struct schedule_time_range screen_off_times[CONFIG_MAX_OFF_TIMES]; /* local times */
    size_t screen_off_time_count;
    unsigned screen_off_days;  /* bit 0 = Sunday; whole days off */
    bool screen_off_rest_days; /* Shabbat and yamim tovim, candle lighting to havdalah */
    char city[64];             /* where the kiosk stands, for the rest days; "" unknown */

    /* Sound of clips (docs/video.md, "Sound"): the cap every clip's own volume is a share of
     * (percent, default 100), and local times when clips stay silent. */
    int video_volume;
    struct schedule_time_range video_quiet_times[CONFIG_MAX_OFF_TIMES];
    size_t video_quiet_time_count;
    /* Emergency mode's dry contact (docs/emergency.md). */
    struct config_emergency emergency;
    /* The screen's mounting and the reach range (docs/accessibility.md). */
    struct config_access access;
};

/* Whether local time `minute` (after midnight) is in the settings' quiet hours for sound. */
bool config_video_quiet(const struct config *c, int minute);

void config_defaults(struct config *c);

/* Reads path into c. A missing file is fine when `optional`; any syntax error, unknown key or
 * bad value is reported as "path:line: ..." on stderr and makes it return false (the caller
 * then keeps the defaults for that key and goes on: bad configuration must not darken a
 * screen). */
bool config_load(struct config *c, const char *path, bool optional);

/* Sets one key from text, as a line of the file would; for command-line overrides. On failure
 * writes "what was expected" into err and leaves c unchanged. */
bool config_set(struct config *c, const char *key, const char *value, char *err, size_t errlen);

/* The known keys, comma-separated, for messages. Static. */
const char *config_keys(void);
