/* What plays when: a pure function of the playlist's durations and a play clock.
 *
 * Plain data, no SDL, no wall clock: callers pass monotonic milliseconds. Pausing freezes the
 * play clock, so resuming continues where it stopped. The slide's duration counts from the start
 * of the transition into it; the transition overlaps the slide's beginning.
 *
 * Slides that cannot be shown (their image failed) are marked unplayable and skipped; when none
 * is playable, sched_frame() reports SCHED_NONE and the caller shows the built-in fallback.
 *
 * Schedules (sched/schedule.h) make a slide eligible or not by wall-clock time. The wall clock
 * is an input like the play clock: the loop passes it with sched_set_wall(), and the scheduler
 * stays a pure function of (playlist, play clock, wall clock). Until the first sched_set_wall()
 * schedules are not applied. With a wall clock:
 *   - the slide after the current one is the next slide that is playable and eligible;
 *   - when none is, the playlist's default_slide (if playable; its own schedule does not
 *     matter), else SCHED_NONE (the built-in slide);
 *   - a slide that stops being allowed while it shows (its schedule ended, or the default slide
 *     while a scheduled slide became eligible) gives way at once, with the next slide's
 *     transition: a slide for "never during Shabbat" does not run into candle lighting;
 *   - a wall clock before the build time (sched_clock_floor()) is taken as unset (a Pi without
 *     a real-time clock or network boots in 1970): schedules are ignored, every playable slide
 *     plays, and sched_clock_unset() says so for the status page. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <time.h>

#include "playlist/playlist.h"
#include "sched/schedule.h"

#define SCHED_NONE ((size_t)-1)

struct sched {
    size_t count;         /* slides in the playlist */
    bool *playable;       /* count entries; owned */
    size_t current;       /* SCHED_NONE when nothing is playable */
    size_t previous;      /* the slide we transition from; SCHED_NONE for none */
    int64_t start;        /* play-clock ms when `current` started (its transition too) */
    int64_t paused_total; /* ms spent paused, subtracted from the monotonic clock */
    int64_t paused_since; /* monotonic ms when paused; -1 when playing */
    uint64_t shown;       /* slides started so far, for --exit-after and statistics */
    bool manual_cut;      /* the current slide was reached by a key: transition shortened */
    uint64_t loops;       /* times the show wrapped from its last slide back to the first */
    bool wrapped;         /* the current slide was reached by wrapping around */
    bool going_back;      /* inside sched_prev: wrapping backwards is not a new pass */
    /* Schedules. eligible[i]: slide i's schedule allows it at `wall` (all true until the first
     * sched_set_wall() and while the clock is unset). */
    bool *eligible;          /* count entries; owned */
    bool wall_known;         /* sched_set_wall() was called */
    bool clock_unset;        /* wall < clock_floor: schedules ignored */
    time_t wall;             /* the last wall clock passed in (UTC) */
    time_t clock_floor;      /* a wall clock before this is unset; sched_clock_floor() at init */
    size_t default_slide;    /* index of pl->default_slide, or SCHED_NONE */
    struct schedule_env env; /* the playlist's place; borrows the playlist's strings */
};

/* Which slides may play at wall-clock moment t (UTC): the playlist's schedule and the slide's own
 * both allow it. The one rule the player (sched_set_wall), `kiosk schedule` and `kiosk render
 * --at` use. Fills eligible[pl->slide_count]; returns how many are. */
size_t sched_eligible_slides(const struct playlist *pl, const struct schedule_env *env, time_t t,
                             bool *eligible);
/* The index of the playlist's default slide (shown when no slide is eligible), or SCHED_NONE. */
size_t sched_default_slide(const struct playlist *pl);
/* Whether interactive page `page` can be opened at t: its own schedule allows it. */
bool sched_page_open(const struct playlist *pl, size_t page, const struct schedule_env *env,
                     time_t t);

/* What the compositor draws at one moment. */
struct sched_frame {
    size_t slide;        /* SCHED_NONE: nothing playable, show the fallback */
    size_t from;         /* SCHED_NONE unless in a transition */
    double progress;     /* of the transition into `slide`, 0..1; 1 when not in a transition */
    double elapsed;      /* seconds since `slide` started */
    double from_elapsed; /* seconds since `from` started */
    bool animating;      /* true while frames must be presented continuously */
};

void sched_init(struct sched *s, const struct playlist *pl, int64_t now_ms);
void sched_free(struct sched *s);

/* Marks slide i playable or not; the current slide becoming unplayable moves on at once. */
void sched_set_playable(struct sched *s, const struct playlist *pl, size_t i, bool playable,
                        int64_t now_ms);

/* Advances past slides whose time is up. Returns true if the current slide changed. */
bool sched_tick(struct sched *s, const struct playlist *pl, int64_t now_ms);

/* Manual navigation (keys, later touch): the next or previous playable slide, with the
 * transition of the slide moved to, shortened to at most half a second. */
void sched_next(struct sched *s, const struct playlist *pl, int64_t now_ms);
void sched_prev(struct sched *s, const struct playlist *pl, int64_t now_ms);

void sched_pause(struct sched *s, bool paused, int64_t now_ms);
bool sched_paused(const struct sched *s);

struct sched_frame sched_frame(const struct sched *s, const struct playlist *pl, int64_t now_ms);

/* Milliseconds from now until the scheduler next needs attention (the current slide's end);
 * -1 when nothing is due (paused or nothing playable). Never negative otherwise. */
int64_t sched_ms_until_due(const struct sched *s, const struct playlist *pl, int64_t now_ms);

/* The transition used into slide i (its own, shortened after manual navigation). */
struct transition sched_transition_into(const struct sched *s, const struct playlist *pl, size_t i);

/* Which of the playlist's languages shows now: the primary one, or with cycle_languages the
 * next one on each pass through the slides. from_language is the outgoing slide's during a
 * transition that wrapped (it keeps its language until it is gone). Indices into
 * pl->languages. */
size_t sched_language(const struct sched *s, const struct playlist *pl);
size_t sched_from_language(const struct sched *s, const struct playlist *pl);

/* The playable slide after i (wrapping), or SCHED_NONE. */
size_t sched_following(const struct sched *s, size_t i);

/* The wall clock (UTC) now, for schedules; call it at start-up right after sched_init() and
 * whenever the loop wakes (at least by sched_next_wall_change()). Recomputes which slides are
 * eligible; when the current slide is no longer allowed it gives way now (right after the
 * first call, before anything was seen, it is replaced without a transition), and when nothing
 * was showing, an allowed slide starts. Returns true if the current slide changed. */
bool sched_set_wall(struct sched *s, const struct playlist *pl, time_t wall, int64_t now_ms);

/* The first wall-clock moment after `wall` at which some slide's eligibility changes, or
 * `limit` (a loop sleeps until min(this, the slide's end) and then calls sched_set_wall()).
 * `limit` too while the clock is unset or no slide has a schedule. */
time_t sched_next_wall_change(const struct sched *s, const struct playlist *pl, time_t wall,
                              time_t limit);

/* The last wall clock passed in is before the build time: schedules are ignored (status page:
 * "clock not set: playing every slide, schedules ignored"). */
bool sched_clock_unset(const struct sched *s);

/* Whether slide i's schedule allows it now (true before any wall clock, and while unset). */
bool sched_eligible(const struct sched *s, size_t i);

/* The build time of this binary (UTC): earlier wall clocks count as unset. It is the time CMake
 * configured the build (or SOURCE_DATE_EPOCH for reproducible builds), a lower bound of any real
 * date the binary runs at. Not the playlist's modification time: files from a stick carry the
 * dates of whatever machine made them, and a desktop whose clock runs ahead would leave the
 * kiosk thinking its own clock unset for good. */
time_t sched_clock_floor(void);
/* Tests: another floor (0: never unset). */
void sched_set_clock_floor(struct sched *s, time_t floor);

/* Restarts the current slide's clock (and its transition) at now: used when a slide change
 * had to wait for its image, and when the first picture appears. */
void sched_restart_current(struct sched *s, int64_t now_ms);

/* Shows slide i from its start, without a transition: a reload in the preview keeps the slide
 * being edited on screen. False (nothing changes) when i is not playable or not eligible now. */
bool sched_show(struct sched *s, size_t i, int64_t now_ms);
