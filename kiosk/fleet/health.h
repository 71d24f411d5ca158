/* The kiosk's health report (docs/fleet.md): a small JSON file, health.json, in the kiosk's own
 * send-only Syncthing folder, so the content machine sees every screen with `kiosk fleet`. It
 * says what the staff status page says: content version and group, the last import and its
 * result, uptime, free storage, display and screen power, the last problems.
 *
 * Written atomically (temporary file, fsync, rename), so Syncthing never sends half a report;
 * rewritten when anything in it changes and at least every HEALTH_REFRESH_MS, so "last seen"
 * on the content machine stays fresh while the kiosk runs. Plain C, no SDL; one thread. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define HEALTH_FILE "health.json"
#define HEALTH_FORMAT 1
/* At least this often, so that a kiosk that stops is noticed as silent (fleet.h's default
 * threshold is three times this). */
#define HEALTH_REFRESH_MS (5 * 60 * 1000)
#define HEALTH_MAX_PROBLEMS 8
#define HEALTH_TEXT_MAX 320

struct health_facts {
    const char *kiosk;        /* this kiosk's name (hostname by default) */
    const char *device_id;    /* its Syncthing device ID; NULL when not enrolled */
    const char *screen_group; /* the group it imports for */
    uint64_t content_version; /* 0: not an installed bundle */
    const char *content_group;
    const char *playlist_name; /* NULL: the built-in slide */
    bool has_import;           /* the fields below are valid */
    const char *import_result; /* import_status_headline(): "installed", "not signed", ... */
    const char *import_reason;
    uint64_t import_version;
    bool import_ok;            /* installed or "not newer": nothing to look at */
    time_t import_at;          /* wall clock */
    const char *inbox_waiting; /* what the inbox waits for (partial arrival); NULL: nothing */
    int64_t uptime_ms;
    const char *state_dir;    /* free storage is measured here; NULL: not reported */
    const char *display;      /* "KMSDRM 1920x1080"; NULL: unknown */
    bool display_ok;          /* the player shows content */
    const char *screen_power; /* "cec", "dpms", ...; NULL: never turned off */
    bool screen_off;
    const char *emergency; /* why emergency mode is on (docs/emergency.md); NULL: it is off */
    const char *problems[HEALTH_MAX_PROBLEMS]; /* newest last */
    size_t problem_count;
    time_t now;
};

/* The report as JSON text (caller frees). with_time false leaves out the time of writing, the
 * uptime and free storage, which change by themselves: what is compared to decide whether
 * anything changed. */
char *health_report_json(const struct health_facts *f, bool with_time);

/* Writes DIR/health.json atomically. Errors are logged and returned. */
bool health_report_write(const char *dir, const struct health_facts *f);

/* Rewrites the report when it changed or is older than HEALTH_REFRESH_MS; cheap otherwise (one
 * JSON build and compare). The player calls it from its loop, about once a second. */
struct health_publisher;
struct health_publisher *health_publisher_create(const char *dir);
void health_publisher_update(struct health_publisher *p, const struct health_facts *f,
                             int64_t now_ms);
void health_publisher_destroy(struct health_publisher *p);
/* Rewrites at least every refresh_ms instead of HEALTH_REFRESH_MS (tests). */
void health_publisher_set_refresh(struct health_publisher *p, int64_t refresh_ms);

/* A report read back on the content machine. Strings are copies, cut to fit. */
struct health_report {
    char kiosk[128], device_id[80], group[65], playlist[HEALTH_TEXT_MAX];
    uint64_t content_version;
    time_t written;
    bool has_import, import_ok;
    char import_result[96], import_reason[HEALTH_TEXT_MAX];
    uint64_t import_version;
    time_t import_at;
    char inbox_waiting[HEALTH_TEXT_MAX];
    int64_t uptime_s;
    int64_t free_bytes; /* -1: not reported */
    char display[96];
    bool display_ok, screen_off;
    char screen_power[32];
    char emergency[HEALTH_TEXT_MAX]; /* why emergency mode is on; "": it is off */
    char problems[HEALTH_MAX_PROBLEMS][HEALTH_TEXT_MAX];
    size_t problem_count;
};

/* Reads a health.json. On failure writes "PATH:LINE:COLUMN: what was expected" into err. */
bool health_report_read(const char *path, struct health_report *out, char *err, size_t errlen);
