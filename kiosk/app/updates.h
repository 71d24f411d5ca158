/* The player's side of content updates (docs/usb-update.md): which content to play at start-up
 * (after recovering from an interrupted import, falling back to the previous version when the
 * current one does not load), the import watcher for USB sticks and the inbox, and the notice
 * staff see on the screen while a stick is in.
 *
 * Thread: the loop's. The import itself runs on the watcher's thread; `wake` is called there
 * and must only wake the loop (SDL_PushEvent). */
#pragma once

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/config.h"
#include "import/importer.h"
#include "import/install.h"
#include "render/notice.h"

struct updates;

/* Never NULL. The watcher runs only when the configuration names a screen group and at least
 * one source (watch_dirs or inbox_dir); otherwise updates_enabled() is false and the rest are
 * harmless no-ops. play_dir is the folder the player was asked to play: when it is the state
 * folder's `current` link (the kiosk service), the player is "managed": start-up recovery and
 * fallback apply to it. cfg is copied. */
struct updates *updates_create(const struct config *cfg, const char *play_dir,
                               void (*wake)(void *data), void *wake_data);
void updates_destroy(struct updates *u);

bool updates_enabled(const struct updates *u);
bool updates_managed(const struct updates *u);

/* The folder to load at start-up: when managed, recovery runs first and the installed
 * version's own folder (STATE/versions/N/content) is returned, so that later switches of
 * `current` do not move the content under the player's feet. Otherwise play_dir. Owned by u;
 * valid until the next call that changes it.
 * When managed, the crash-loop guard runs here: a version the player died on twice in a row is
 * marked bad and the previous version (or, with none, the built-in slide) plays instead; the
 * version chosen is then on trial until it has played through once (updates_played). */
const char *updates_startup_dir(struct updates *u);

/* The content in `failed_dir` would not load: when managed, previous becomes current and its
 * folder is returned (owned by u); NULL when there is nothing to fall back to. */
const char *updates_fall_back(struct updates *u, const char *failed_dir);

/* The installed version playing now (version 0 when the content is not an installed bundle:
 * a demo link or a folder given on the command line). */
const struct install_info *updates_playing(const struct updates *u);
/* The loop switched to installed content (info from updates_take_installed). */
void updates_set_playing(struct updates *u, const struct install_info *info);

/* The latest finished import, and how long ago it ended (monotonic ms); false when none. */
bool updates_last_result(struct updates *u, int64_t now_ms, struct import_result *out,
                         int64_t *ago_ms);

/* A finished stick import asked for the proof-of-play records ("export=proof" in its signed
 * comment): true once per import, with the stick's name (its mount folder's, "sda1"). The loop
 * flushes the records and calls updates_request_export. */
bool updates_take_export_request(struct updates *u, char *name, size_t len);
/* Writes RUNTIME/export/NAME for the root helper (kiosk-export.path) and follows its result
 * in RUNTIME/export-results/NAME for the notice. */
void updates_request_export(struct updates *u, const char *name);

/* Looks for sticks and inbox bundles at most once a second; cheap otherwise. With report_dir
 * configured it also keeps REPORT_DIR/health.json current (fleet/health.h): rewritten when
 * anything in it changes, and at least every 5 minutes. */
void updates_poll(struct updates *u, int64_t now_ms);

/* What the health report says about the screen (the loop knows it, updates does not): the
 * playlist's name, the display ("KMSDRM 1920x1080"), whether content is shown (false on the
 * built-in slide), how the screen is turned off and whether it is off now. Strings are copied.
 * Until it is called, the report says only what updates knows. */
/* Whether updates_poll will write the health report now (at most once a second): the loop then
 * hands it the screen's facts, and gathers nothing on the other frames. */
bool updates_health_due(const struct updates *u, int64_t now_ms);
/* Emergency mode for the health report: why it is on; NULL when it is off. Copied. */
void updates_set_emergency(struct updates *u, const char *why);
void updates_set_screen_facts(struct updates *u, const char *playlist_name, const char *display,
                              bool showing, const char *screen_power, bool screen_off);

/* This kiosk's Syncthing device ID for the status page ("" when not enrolled). */
const char *updates_device_id(const struct updates *u);
/* What the fleet inbox waits for ("waiting for a matching signature: ...") or that its pair was
 * refused after the refuse time, in plain words for the status page; false: nothing to say. */
bool updates_inbox_line(struct updates *u, char *out, size_t outlen);

/* Milliseconds until the next poll is due (the loop sleeps no longer); -1 when disabled. */
int64_t updates_ms_until_poll(const struct updates *u, int64_t now_ms);

/* True once per installed import, with the new version's content folder. From then on the new
 * version is on trial (import/trial.h): the loop loads it and switches to it. */
bool updates_take_installed(struct updates *u, struct install_info *out);

/* Called every turn of the loop with the show's passes (sched.loops) since
 * it started and whether the screen is on: the version on trial is cleared once it has played
 * through once (or for 10 minutes with the screen on). Cheap when no version is on trial. */
void updates_played(struct updates *u, int64_t now_ms, uint64_t passes, bool screen_on);

/* What the crash-loop guard did at this start ("version 7 of group "akko" was marked bad ...;
 * version 6 plays instead"), for the status page; NULL when nothing. Owned by u. */
const char *updates_bad_note(const struct updates *u);

/* "version 7 is new here: on trial until it has played through once (start 1; ...)" while
 * the version playing is on trial, for the status page; NULL otherwise. Owned by u. */
const char *updates_trial_note(const struct updates *u);

/* The notice to draw now, in `langs` (the playlist's languages; Hebrew always comes first).
 * Returns false when nothing is to be shown. Strings in out point into u and stay valid until
 * the next call. *changes_in_ms receives when the notice will change by itself (-1: only on
 * a wake), so the loop need not redraw it every frame. */
bool updates_notice(struct updates *u, int64_t now_ms, const char *const *langs, size_t lang_count,
                    struct notice *out, int64_t *changes_in_ms);
