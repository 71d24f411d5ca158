/* What plays when: a pure function of the playlist's durations and a play clock.
 *
 * Plain data, no SDL, no wall clock: callers pass monotonic milliseconds. Pausing freezes the
 * play clock, so resuming continues where it stopped. The slide's duration counts from the start
 * of the transition into it; the transition overlaps the slide's beginning.
 *
 * Slides that cannot be shown (their image failed) are marked unplayable and skipped; when none
 * is playable, sched_frame() reports SCHED_NONE and the caller shows the built-in fallback. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "playlist/playlist.h"

#define SCHED_NONE ((size_t)-1)

struct sched {
    size_t count;          /* slides in the playlist */
    bool *playable;        /* count entries; owned */
    size_t current;        /* SCHED_NONE when nothing is playable */
    size_t previous;       /* the slide we transition from; SCHED_NONE for none */
    int64_t start;         /* play-clock ms when `current` started (its transition too) */
    int64_t paused_total;  /* ms spent paused, subtracted from the monotonic clock */
    int64_t paused_since;  /* monotonic ms when paused; -1 when playing */
    uint64_t shown;        /* slides started so far, for --exit-after and statistics */
    bool manual_cut;       /* the current slide was reached by a key: transition shortened */
    uint64_t loops;        /* times the show wrapped from its last slide back to the first */
    bool wrapped;          /* the current slide was reached by wrapping around */
    bool going_back;       /* inside sched_prev: wrapping backwards is not a new pass */
};

/* What the compositor draws at one moment. */
struct sched_frame {
    size_t slide;      /* SCHED_NONE: nothing playable, show the fallback */
    size_t from;       /* SCHED_NONE unless in a transition */
    double progress;   /* of the transition into `slide`, 0..1; 1 when not in a transition */
    double elapsed;    /* seconds since `slide` started */
    double from_elapsed; /* seconds since `from` started */
    bool animating;    /* true while frames must be presented continuously */
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
struct transition sched_transition_into(const struct sched *s, const struct playlist *pl,
                                        size_t i);

/* Which of the playlist's languages shows now: the primary one, or with cycle_languages the
 * next one on each pass through the slides. from_language is the outgoing slide's during a
 * transition that wrapped (it keeps its language until it is gone). Indices into
 * pl->languages. */
size_t sched_language(const struct sched *s, const struct playlist *pl);
size_t sched_from_language(const struct sched *s, const struct playlist *pl);

/* The playable slide after i (wrapping), or SCHED_NONE. */
size_t sched_following(const struct sched *s, size_t i);

/* Restarts the current slide's clock (and its transition) at now: used when a slide change
 * had to wait for its image, and when the first picture appears. */
void sched_restart_current(struct sched *s, int64_t now_ms);
