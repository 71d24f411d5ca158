/* Emergency mode in the view model (docs/emergency.md): while it is on, the show, its pages and
 * touch are suspended and the emergency slides play, in turn through the languages: the
 * playlist's "emergency" section, or the built-in emergency slide (Hebrew, Arabic, English and
 * Russian, general wording) when the content has none, or none of it can be shown. The screen
 * is lit whatever its schedule says. When it ends, the show returns where it left off.
 *
 * The triggers are not here (emergency/watch.h): the loop tells the view when emergency mode
 * starts and ends. Plain data, no SDL, time injected, like the rest of view/. */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "playlist/playlist.h"
#include "sched/sched.h"

struct view;
struct view_changes;
struct view_media;
struct view_scene;

#define VIEW_EMERGENCY_WHY_MAX 256

struct view_emergency {
    bool on;
    const struct playlist *pl; /* what plays: the content's section or `builtin` */
    struct playlist *builtin;  /* owned; made when first needed */
    struct sched sched;        /* the emergency slides' clock; valid while on */
    int64_t since_ms;          /* monotonic */
    int64_t since_wall_ms;     /* for the status page and the proof record */
    char why[VIEW_EMERGENCY_WHY_MAX];
    uint64_t serial;   /* +1 at each start: the loop logs the first frame of each */
    size_t shown_lang; /* the language index last shown, to log the turns */
};

/* The built-in emergency slide as a playlist (no files; the bundled fonts) at width x height:
 * four bands, one per language, general wording. Caller frees. */
struct playlist *view_emergency_builtin(int width, int height);

/* Emergency mode starts (why: for the status page and the record; since_wall_ms: when it went
 * on, which may be before this start of the player) or ends. Starting ends the record of what
 * was on screen, leaves any page for the loop and pauses the show; ending writes the emergency's
 * proof record and fades back to the show where it was. */
void view_emergency_start(struct view *v, const char *why, int64_t since_wall_ms,
                          int64_t record_wall_ms, int64_t now_ms, struct view_changes *out);
void view_emergency_end(struct view *v, int64_t now_ms, struct view_changes *out);
/* Ends the emergency's proof record now, a new one starting (the player stops). */
void view_emergency_end_record(struct view *v, int64_t now_ms);
bool view_emergency_on(const struct view *v);

/* Hooks for view.c. */
/* While on: moves the emergency slides on; true (view_tick does nothing else then). */
bool view_emergency_tick(struct view *v, int64_t now_ms, const struct view_media *media,
                         struct view_changes *out);
/* While on: the emergency's scene; true. */
bool view_emergency_scene(const struct view *v, int64_t now_ms, struct view_scene *s);
/* While on: ms until the next emergency slide or language is due; -1 none. */
int64_t view_emergency_ms_until_due(const struct view *v, int64_t now_ms);
/* The content changed under the emergency (a reload): its section plays from now on. */
void view_emergency_content_changed(struct view *v, int64_t now_ms);
void view_emergency_free(struct view *v);
