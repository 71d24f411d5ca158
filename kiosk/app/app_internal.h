/* The player's loop, split by concern as mpv's player/ is, around one context (struct app):
 *
 *   app.c            the SDL loop: events in, threads' wake-ups, how long to sleep, start and end
 *   content_switch.c which content plays: the first load, the preview's reload, a version
 *                    newly installed, what follows a change of content; proof-of-play records
 *   input_actions.c  what a touch or a key asks for: SDL events through input/ to the view model
 *   present.c        what the frame shows: the view model's description drawn (compositor,
 *                    snapshot fade, staff notice or status page, press ring), hit regions rebuilt
 *
 * What is on screen and why is not here: it is the view model (view/view.h), plain data that
 * these files feed with events and read one frame description from.
 *
 * Thread: the main thread only; other threads only push wake_event. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include <SDL.h>

#include "app/app_access.h"
#include "app/app.h"
#include "app/emergency_mode.h"
#include "app/screen_off_plan.h"
#include "app/stats.h"
#include "app/status.h"
#include "app/updates.h"
#include "app/watch.h"
#include "input/input.h"
#include "input/sdl_input.h"
#include "media/loader.h"
#include "media/texture_cache.h"
#include "platform/display.h"
#include "platform/power.h"
#include "proof/writer.h"
#include "render/compositor.h"
#include "render/notice.h"
#include "video/player.h"
#include "view/view.h"

struct app {
    const struct app_options *opts;
    struct display display;
    struct image_loader *loader;
    struct texture_cache *cache;
    struct compositor *compositor;
    struct video_player *video; /* clips on slides and pages (video/player.h) */
    /* A clip is on screen and nothing else moves: the loop presents when the clip's next frame
     * is due (video_player_ms_until_frame), not on every vsync. Set by app_current_frame. */
    bool video_playing;
    struct text_engine *text; /* NULL when the fonts cannot be loaded: slides show no text */
    struct glyph_atlas *atlas;
    bool text_checked;   /* the playlist's text was checked after the first picture */
    time_t shown_minute; /* the minute a clock on screen shows */

    struct view view;        /* what is on screen and why */
    struct view_media media; /* app_media_slide on this app */
    struct watch watch;
    struct stats stats;
    char *content_dir;   /* the folder playing: DIR, or an installed version's content */
    char *playlist_file; /* content_dir/playlist.json */
    struct updates *updates;
    Uint32 wake_event; /* pushed by the import thread and screen power: look now */
    char *pending_dir; /* the folder of the content the view model holds as pending */
    struct install_info pending_info;

    struct notice notice; /* what staff see during an import; line_count 0 when nothing */
    uint64_t notice_hash;
    int64_t notice_due_ms; /* when the notice changes by itself; -1 never */

    /* Touch and mouse (docs/touch.md). */
    struct input input;
    struct sdl_input sdl_input;
    struct hit_list hits; /* buttons on screen, output pixels, from the last frame drawn */
    double px_per_mm;
    int64_t started_ms;
    struct status_text status_text;

    struct script *script;   /* --script; NULL: none */
    int64_t script_start_ms; /* the first frame; -1 before it */

    /* Screen power (docs/screen-power.md). */
    struct screen_off_plan screen_off_plan;
    struct screen_power *power; /* NULL: no screen_off settings, the screen is always on */
    bool screen_watch_valid;
    time_t screen_next, screen_last;

    struct proof_writer *proof; /* NULL: not recorded */

    /* Emergency mode's triggers (app/emergency_mode.h); NULL: not watched. */
    struct emergency_watch *emergency;
    uint64_t emergency_serial;    /* the watch's change last taken */
    int64_t emergency_trigger_ms; /* when the trigger of the current emergency was seen */
    bool emergency_frame_logged;  /* its first frame was logged */

    uint64_t fade_taken; /* the view model's fade whose snapshot was taken */
    bool fade_snapshot;  /* that snapshot exists */
    SDL_Rect fade_area;  /* where it was taken */

    int64_t next_watch_ms;
    int64_t last_present_ns;
    bool running;
    bool redraw;
    bool trim_textures; /* app_trim_textures is due after the transition */
    bool presented_once;
    SDL_Rect area; /* the letterboxed content rectangle */
    int out_w, out_h;

    struct app_access access; /* accessible mode's builder, controls and speech */
};

/* The wall clock schedules and clocks see: the real one, or --at's moment running on. */
int64_t app_wall_ms(const struct app *a);
time_t app_wall_now(const struct app *a);

/* content_switch.c */
struct playlist *app_load_initial(struct app *a);
void app_set_content_dir(struct app *a, const char *dir);
void app_reload(struct app *a);
void app_take_installed(struct app *a);
/* After any event given to the view model: the fade's snapshot, a new content's folder and
 * area, the pictures to queue. */
void app_view_changed(struct app *a, const struct view_changes *ch);
void app_update_area(struct app *a);
/* On every slide change app_prefetch queues the current slide's picture; once the transition
 * into the slide is over (the loop's turn), app_trim_textures queues the next slide's and lets
 * every other picture go (beyond the previous one a texture_cache_size of 3 keeps), so that a
 * picture already shown does not hold its memory while the next one decodes, and the next
 * picture's entry never pushes out one a transition still draws. */
void app_prefetch(struct app *a);
void app_trim_textures(struct app *a);
void app_ensure_text_engine(struct app *a);
void app_ensure_text(struct app *a, const struct playlist *pl);
/* At start: the text engine (fonts) and glyph atlas now only when slide `first`, the one shown
 * first, has text; otherwise app_ensure_text after the first frame, so that the first picture
 * does not wait for them. */
void app_ensure_text_first(struct app *a, const struct playlist *pl, size_t first);
void app_check_text_once(struct app *a);
/* The view model's one question (struct view_media): are slide i's pictures decoded. */
enum view_media_state app_media_slide(void *data, const struct playlist *pl, size_t i,
                                      const char **error);
void app_proof_open(struct app *a);
void app_proof_write(struct app *a);
void app_request_export(struct app *a);

/* input_actions.c */
void app_setup_input(struct app *a, bool first);
void app_handle_event(struct app *a, const SDL_Event *ev);
/* Gestures that complete by time alone (a long press). */
void app_input_tick(struct app *a);

/* present.c */
void app_present(struct app *a, const struct view_frame *f);
/* The frame to draw now; tickers and clocks keep a slide moving. */
void app_current_frame(struct app *a, struct view_frame *f);
