/* The view model: what is on screen and why.
 *
 * The player's state that decides the picture lives here, apart from SDL and the loop: the
 * content playing and the content waiting for the next slide boundary, the slide loop's clock
 * (sched), the interactive page shown and the way back, the language a resident chose and the
 * idle return to the show's own, the staff status page, the fades between views, which page
 * buttons show (recomputed only when the wall clock crosses a schedule boundary), and the record
 * of what was seen for proof of play.
 *
 * Events go in: view_tick (monotonic ms, the schedules' wall clock), view_action (what input/
 * made of a touch or key), view_offer_content / view_install_content / view_reload_content,
 * view_screen_power, view_set_press. One description comes out, view_frame(): the compositor,
 * the hit regions and the overlays read only that.
 *
 * Plain data, no SDL, time injected; one thread (the loop's). The one question it asks outside
 * itself is whether a slide's pictures are decoded (struct view_media); tests answer it from a
 * table. Docs: docs/architecture.md walks one frame from event to pixels. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "input/actions.h"
#include "input/idle.h"
#include "playlist/playlist.h"
#include "proof/record.h"
#include "sched/sched.h"
#include "view/emergency.h"
#include "view/accessible.h"

/* A slide change waits for the next slide's image at most this long before moving on. */
#define VIEW_HOLD_LIMIT_MS 10000
/* New content fades in with its first slide's transition; a cut there still fades this long,
 * so viewers see the change of content as one, not as a glitch. */
#define VIEW_CONTENT_FADE_S 1.0
/* How long a change of page or language fades: quick, it answers a touch. */
#define VIEW_FADE_S 0.25
/* Back from a page to the slides: a little slower, the show takes over again. */
#define VIEW_HOME_FADE_S 0.5
#define VIEW_HISTORY_MAX 16
/* Records ended since the loop last took them; a turn of the loop ends at most a few. */
#define VIEW_RECORDS_MAX 8

enum view_media_state { VIEW_MEDIA_READY, VIEW_MEDIA_PENDING, VIEW_MEDIA_FAILED };

/* Whether slide i of pl can be drawn now (its picture and image blocks decoded; READY when it
 * has none). The drawing side queues the decode when it is not; *error says why on FAILED. */
struct view_media {
    enum view_media_state (*slide)(void *data, const struct playlist *pl, size_t i,
                                   const char **error);
    void *data;
};

/* Which content plays: named in proof records and on the status page. */
struct view_content_id {
    uint64_t version; /* the installed bundle's version; 0: a folder, not a bundle */
    char group[65];   /* the screen group it was made for; "" when none */
};

/* One picture the compositor draws: a moment of the slide loop, or an interactive page. */
struct view_scene {
    const struct playlist *playlist; /* NULL: the built-in slide; borrowed from the view */
    struct sched_frame slide;        /* the loop's moment (slide SCHED_NONE: built-in slide) */
    size_t page;                     /* PLAYLIST_NO_PAGE: the slide loop is shown */
    bool mirrored;                   /* the page is shown mirrored (playlist/page.h) */
    const char *lang;                /* the language shown; NULL when the playlist has none */
    const char *from_lang;           /* the outgoing slide's language in a transition */
    time_t wall;                     /* what clocks on slides show */
    int pressed;                     /* the button drawn pressed; -1 none */
    const bool *page_open;           /* playlist->page_count entries: a button to a closed page
                                        is hidden; NULL: all show */
    struct view_access_scene access; /* the accessibility button and mode (view/accessible.h) */
};

/* Everything on screen at one moment. */
struct view_frame {
    struct view_scene scene;
    /* A fade: a picture of what was shown before (fade_from) lies over the scene with opacity
     * fade_alpha, 1 down to 0. fade_serial changes when a new fade starts: then, and only
     * then, the drawer takes its picture of fade_from. 0: there has been none. */
    struct view_scene fade_from;
    uint64_t fade_serial;
    float fade_alpha; /* 0: no fade over the scene */
    bool status_open; /* the staff status page lies over everything */
    bool screen_off;  /* the screen is switched off: nothing is seen */
    bool animating;   /* frames must follow each other (transition, ticker, fade) */
};

/* What changed in a turn, for the loop: it prefetches, redraws and reports. */
struct view_changes {
    bool redraw;           /* the picture changed */
    bool slide_changed;    /* a new slide: queue the next one's picture */
    bool content_switched; /* pending content plays now: the folder and version changed */
    bool page_changed;     /* a page opened: queue its picture */
};

struct view {
    struct playlist *playlist; /* owned; NULL: the built-in slide */
    struct view_content_id content;
    uint64_t generation; /* +1 each time content is installed */
    struct sched sched;  /* the slide loop's clock; valid while playlist != NULL */

    struct playlist *pending; /* owned; shown from the next slide boundary */
    struct view_content_id pending_id;
    struct playlist *retired; /* owned: the outgoing content, kept while its picture fades */
    bool *retired_page_open;  /* owned: its page_open, which the fade's description reads */
    int64_t hold_since_ms;    /* a due change waits for its picture since then; -1 */

    size_t page;                      /* PLAYLIST_NO_PAGE: the slide loop */
    size_t history[VIEW_HISTORY_MAX]; /* pages to go back to; PLAYLIST_NO_PAGE: the loop */
    size_t history_len;
    int lang_override;      /* a language a resident chose; -1 none */
    struct idle_timer idle; /* no touch for this long: back to the loop */
    int64_t config_idle_ms; /* the kiosk's setting, when the playlist has none */
    bool status_open;
    struct idle_timer status_timer; /* closes the status page by itself */
    int64_t status_timeout_ms;
    bool screen_off;
    int pressed;

    /* Schedules: looked at when the wall clock reaches wall_next, or jumps. */
    bool wall_valid;
    time_t wall, wall_next, wall_last;
    bool *page_open;          /* playlist->page_count entries; owned */
    uint64_t schedule_checks; /* sched_set_wall/sched_page_open calls, for the tests */

    /* The fade over the scene. */
    uint64_t fade_serial;
    struct view_scene fade_from;
    int64_t fade_start_ms; /* -1: none */
    double fade_s;
    int64_t now_ms; /* the last tick's */

    /* Proof of play: what is on screen now, recorded when it leaves. */
    bool shown_valid;
    uint64_t shown_generation;
    size_t shown_slide, shown_page;
    int64_t shown_wall_ms, shown_mono_ms;
    bool shown_touch;
    char shown_lang[PROOF_LANG_MAX + 1];
    char *shown_id; /* a copy: the playlist may be replaced before the record ends */
    struct view_content_id shown_content;
    struct proof_record records[VIEW_RECORDS_MAX];
    char record_ids[VIEW_RECORDS_MAX][PROOF_TEXT_MAX + 1];
    char record_langs[VIEW_RECORDS_MAX][PROOF_LANG_MAX + 1];
    char record_groups[VIEW_RECORDS_MAX][65];
    size_t record_count;
    bool proof; /* records are kept (the loop has somewhere to write them) */

    struct view_access access;       /* accessible mode (view/accessible.h) */
    struct view_emergency emergency; /* emergency mode (view/emergency.h) */
};

struct view_options {
    int64_t idle_timeout_ms;   /* the kiosk's; the playlist's own wins */
    int64_t status_timeout_ms; /* the status page closes by itself */
    bool proof;                /* keep proof-of-play records */
    struct view_access_options access;
};

/* Starts with pl (owned from now; NULL: the built-in slide) playing as content id. */
void view_init(struct view *v, const struct view_options *o, struct playlist *pl,
               const struct view_content_id *id, int64_t now_ms, time_t wall);
void view_free(struct view *v);

/* Moves the loop on: the slide whose time is up gives way when the next one's picture is in
 * (or after VIEW_HOLD_LIMIT_MS), pending content takes over at a slide boundary, the
 * schedules are looked at when the wall clock crosses one of their boundaries (or jumps),
 * `idle` (input's idle timer is due) brings a resident's page or language back to the show's,
 * the status page closes by itself. record_wall_ms is the real wall clock for proof records. */
void view_tick(struct view *v, int64_t now_ms, time_t wall, int64_t record_wall_ms,
               const struct view_media *media, struct view_changes *out);

/* What a touch or key asked for (input/actions.h). */
void view_action(struct view *v, const struct action *a, int64_t now_ms, struct view_changes *out);
/* A key: next or previous slide in the direction seen (+1 right, -1 left); pause. */
void view_navigate(struct view *v, int visual_dir, int64_t now_ms, struct view_changes *out);
void view_toggle_pause(struct view *v, int64_t now_ms);
/* Someone touched the screen: the status page stays open. */
void view_activity(struct view *v, int64_t now_ms);

/* Content newly installed (owned from now): shown from the next slide boundary. */
void view_offer_content(struct view *v, struct playlist *pl, const struct view_content_id *id);
/* Content replacing what plays now (the preview's reload), keeping the slide or page being
 * edited (by id) and the language chosen. */
void view_reload_content(struct view *v, struct playlist *pl, int64_t now_ms,
                         struct view_changes *out);

/* The screen was switched off or on: off, the show pauses where it is and a resident's page
 * and language are forgotten; nothing is recorded as seen. */
void view_screen_power(struct view *v, bool off, int64_t now_ms, struct view_changes *out);
/* The button under a finger (-1 none): drawn pressed. */
void view_set_press(struct view *v, int button);
void view_set_status(struct view *v, bool open, int64_t now_ms);

/* The description of the frame at now_ms. Borrowed pointers stay valid until the next event. */
void view_frame(const struct view *v, int64_t now_ms, struct view_frame *out);

/* Where the viewer is, for the gesture-to-action table. */
struct action_context view_action_context(const struct view *v);
/* A resident's page or language is showing: the idle timer brings the show back. */
bool view_away_from_loop(const struct view *v);
/* The language shown (index into the playlist's languages; 0 when it has none). */
size_t view_language(const struct view *v);
const char *view_language_tag(const struct view *v); /* "" when none */
/* The buttons on screen (the page's or the slide's); NULL with *count 0 when none. */
const struct button *view_buttons(const struct view *v, const struct page **page, size_t *count);
bool view_button_visible(const struct view *v, const struct button *b);
/* Milliseconds until the view needs a tick although nothing happens (slide end, schedule
 * boundary, idle return, status page closing); -1: none. */
int64_t view_ms_until_due(const struct view *v, int64_t now_ms, time_t wall);

/* The view model's part of the staff status page (app/status.h adds the machine's). */
struct view_status {
    const char *playlist_name; /* NULL: the built-in slide plays */
    uint64_t version;          /* of the content on screen: the new one from its switch on */
    const char *group;
    const char *shown; /* the slide or page id on screen; NULL: the built-in slide */
    bool clock_unset;  /* before the build date: schedules are ignored */
    bool screen_off;
    bool pending;   /* a new version waits for the end of the slide */
    bool emergency; /* emergency mode is on (view/emergency.h) */
    int64_t emergency_since_wall_ms;
    const char *emergency_why;
};
void view_status(const struct view *v, struct view_status *out);

/* Ends the record of what is on screen (at exit). */
void view_end_record(struct view *v, int64_t now_ms);
/* For view/emergency.c: room for one more record (the oldest dropped when full), its index;
 * the picture on screen becomes the fade's; a resident's page and language are left for the
 * loop at once. */
size_t view_record_slot(struct view *v);
void view_fade_from(struct view *v, double seconds, int64_t now_ms);
void view_leave_page(struct view *v, int64_t now_ms);

/* The records ended since the last call; valid until the next event. */
size_t view_take_records(struct view *v, const struct proof_record **out);
