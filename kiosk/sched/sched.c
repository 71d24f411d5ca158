#include "sched/sched.h"

#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"

/* A slide reached by a key should answer at once: its transition is cut short to this. */
#define MANUAL_TRANSITION_MAX 0.5

static int64_t play_clock(const struct sched *s, int64_t now)
{
    int64_t t = now - s->paused_total;
    if (s->paused_since >= 0)
        t -= now - s->paused_since;
    return t;
}

/* Playable and, by its schedule, eligible now. */
static bool selectable(const struct sched *s, size_t i)
{
    return s->playable[i] && s->eligible[i];
}

static bool any_selectable(const struct sched *s)
{
    for (size_t i = 0; i < s->count; i++)
        if (selectable(s, i))
            return true;
    return false;
}

/* May slide i stay on screen: selectable, or the default slide standing in for none. */
static bool allowed(const struct sched *s, size_t i)
{
    if (selectable(s, i))
        return true;
    return i == s->default_slide && s->playable[i] && !any_selectable(s);
}

static size_t step(const struct sched *s, size_t from, int dir)
{
    if (s->count == 0)
        return SCHED_NONE;
    size_t i = from == SCHED_NONE ? (dir > 0 ? s->count - 1 : 0) : from;
    for (size_t n = 0; n < s->count; n++) {
        i = dir > 0 ? (i + 1) % s->count : (i + s->count - 1) % s->count;
        if (selectable(s, i))
            return i;
    }
    /* Nothing eligible: the playlist's default slide, whatever its own schedule says. */
    if (s->default_slide != SCHED_NONE && s->playable[s->default_slide])
        return s->default_slide;
    return SCHED_NONE;
}

size_t sched_following(const struct sched *s, size_t i)
{
    return step(s, i, +1);
}

size_t sched_eligible_slides(const struct playlist *pl, const struct schedule_env *env, time_t t,
                             bool *eligible)
{
    bool playlist_on = schedule_active(pl->schedule, env, t);
    size_t count = 0;
    for (size_t i = 0; i < pl->slide_count; i++) {
        eligible[i] = playlist_on && schedule_active(pl->slides[i].schedule, env, t);
        count += eligible[i];
    }
    return count;
}

size_t sched_default_slide(const struct playlist *pl)
{
    for (size_t i = 0; pl->default_slide && i < pl->slide_count; i++)
        if (pl->slides[i].id && !strcmp(pl->slides[i].id, pl->default_slide))
            return i;
    return SCHED_NONE;
}

bool sched_page_open(const struct playlist *pl, size_t page, const struct schedule_env *env,
                     time_t t)
{
    return page < pl->page_count && schedule_active(pl->pages[page].schedule, env, t);
}

void sched_init(struct sched *s, const struct playlist *pl, int64_t now_ms)
{
    memset(s, 0, sizeof(*s));
    s->count = pl->slide_count;
    s->playable = xcalloc(s->count ? s->count : 1, sizeof(bool));
    s->eligible = xcalloc(s->count ? s->count : 1, sizeof(bool));
    for (size_t i = 0; i < s->count; i++)
        s->playable[i] = s->eligible[i] = true;
    s->clock_floor = sched_clock_floor();
    s->default_slide = sched_default_slide(pl);
    schedule_env_init(&s->env, pl->has_place ? &pl->place : NULL);
    s->paused_since = -1;
    s->previous = SCHED_NONE;
    s->current = s->count ? 0 : SCHED_NONE;
    s->start = play_clock(s, now_ms);
    s->shown = s->current == SCHED_NONE ? 0 : 1;
}

void sched_free(struct sched *s)
{
    free(s->playable);
    free(s->eligible);
    s->playable = NULL;
    s->eligible = NULL;
}

static void start_slide(struct sched *s, size_t next, int64_t play_now, bool manual)
{
    /* Going forward onto an earlier slide is a new pass through the show. */
    s->wrapped = next != SCHED_NONE && s->current != SCHED_NONE && next <= s->current &&
                 !(manual && s->going_back);
    if (s->wrapped)
        s->loops++;
    /* Moving to the same slide (a one-slide playlist) restarts it without a transition. */
    s->previous = (next == s->current) ? SCHED_NONE : s->current;
    s->current = next;
    s->start = play_now;
    s->manual_cut = manual;
    if (next != SCHED_NONE)
        s->shown++;
}

struct transition sched_transition_into(const struct sched *s, const struct playlist *pl, size_t i)
{
    struct transition t = pl->slides[i].transition;
    if (s->manual_cut && i == s->current && t.duration > MANUAL_TRANSITION_MAX)
        t.duration = MANUAL_TRANSITION_MAX;
    if (t.kind == TRANSITION_CUT)
        t.duration = 0;
    return t;
}

void sched_set_playable(struct sched *s, const struct playlist *pl, size_t i, bool playable,
                        int64_t now_ms)
{
    if (i >= s->count || s->playable[i] == playable)
        return;
    s->playable[i] = playable;
    int64_t t = play_clock(s, now_ms);
    if (!playable) {
        if (s->previous == i)
            s->previous = SCHED_NONE;
        if (s->current == i) {
            size_t next = step(s, i, +1);
            /* The failed slide never showed: go straight to the next without a transition
             * from it. */
            s->current = next;
            s->previous = SCHED_NONE;
            s->start = t;
            s->manual_cut = false;
        }
    } else if (s->current == SCHED_NONE) {
        size_t next = step(s, SCHED_NONE, +1); /* i, unless its schedule says not now */
        if (next != SCHED_NONE) {
            start_slide(s, next, t, false);
            s->previous = SCHED_NONE;
        }
    }
}

bool sched_tick(struct sched *s, const struct playlist *pl, int64_t now_ms)
{
    if (s->current == SCHED_NONE || s->paused_since >= 0)
        return false;
    int64_t t = play_clock(s, now_ms);
    bool changed = false;
    /* A long stall (a suspended machine, a slow disk) lands on the slide that should be showing
     * now: whole cycles are skipped at once, then the rest slide by slide. */
    int64_t cycle = 0;
    for (size_t i = 0; i < s->count; i++)
        if (selectable(s, i))
            cycle += (int64_t)(pl->slides[i].duration * 1000.0 + 0.5);
    if (cycle == 0 && s->current == s->default_slide)
        cycle = (int64_t)(pl->slides[s->current].duration * 1000.0 + 0.5);
    if (cycle > 0 && t - s->start >= 2 * cycle) {
        s->start += ((t - s->start) / cycle - 1) * cycle;
        changed = true;
    }
    for (size_t guard = 0; guard <= 2 * s->count; guard++) {
        int64_t dur_ms = (int64_t)(pl->slides[s->current].duration * 1000.0 + 0.5);
        if (t - s->start < dur_ms)
            break;
        size_t next = step(s, s->current, +1);
        start_slide(s, next, s->start + dur_ms, false);
        changed = true;
    }
    if (changed && t - s->start > 0) {
        /* After a stall the catch-up start may lie in the past; a transition that is already
         * over is not worth showing half of. */
        struct transition tr = sched_transition_into(s, pl, s->current);
        if ((double)(t - s->start) / 1000.0 >= tr.duration)
            s->previous = SCHED_NONE;
    }
    return changed;
}

void sched_next(struct sched *s, const struct playlist *pl, int64_t now_ms)
{
    size_t next = step(s, s->current, +1);
    if (next == SCHED_NONE)
        return;
    start_slide(s, next, play_clock(s, now_ms), true);
}

void sched_prev(struct sched *s, const struct playlist *pl, int64_t now_ms)
{
    size_t prev = step(s, s->current, -1);
    if (prev == SCHED_NONE)
        return;
    s->going_back = true;
    start_slide(s, prev, play_clock(s, now_ms), true);
    s->going_back = false;
}

size_t sched_language(const struct sched *s, const struct playlist *pl)
{
    if (!pl->cycle_languages || pl->language_count == 0)
        return 0;
    return (size_t)(s->loops % pl->language_count);
}

size_t sched_from_language(const struct sched *s, const struct playlist *pl)
{
    if (!pl->cycle_languages || pl->language_count == 0)
        return 0;
    uint64_t loops = s->wrapped && s->loops > 0 ? s->loops - 1 : s->loops;
    return (size_t)(loops % pl->language_count);
}

void sched_pause(struct sched *s, bool paused, int64_t now_ms)
{
    if (paused && s->paused_since < 0) {
        s->paused_since = now_ms;
    } else if (!paused && s->paused_since >= 0) {
        s->paused_total += now_ms - s->paused_since;
        s->paused_since = -1;
    }
}

bool sched_paused(const struct sched *s)
{
    return s->paused_since >= 0;
}

struct sched_frame sched_frame(const struct sched *s, const struct playlist *pl, int64_t now_ms)
{
    struct sched_frame f = {.slide = s->current, .from = SCHED_NONE, .progress = 1.0};
    if (s->current == SCHED_NONE)
        return f;
    int64_t t = play_clock(s, now_ms);
    f.elapsed = (double)(t - s->start) / 1000.0;
    if (f.elapsed < 0)
        f.elapsed = 0;
    struct transition tr = sched_transition_into(s, pl, s->current);
    if (s->previous != SCHED_NONE && tr.duration > 0 && f.elapsed < tr.duration) {
        f.from = s->previous;
        f.progress = f.elapsed / tr.duration;
        /* The outgoing slide's clock keeps running so its pan/zoom does not freeze. */
        f.from_elapsed = pl->slides[s->previous].duration + f.elapsed;
        f.animating = true;
    }
    const struct slide *sl = &pl->slides[s->current];
    if (sl->has_image && sl->image.pan_zoom.enabled && f.elapsed < sl->duration)
        f.animating = true;
    if (s->paused_since >= 0)
        f.animating = false;
    return f;
}

int64_t sched_ms_until_due(const struct sched *s, const struct playlist *pl, int64_t now_ms)
{
    if (s->current == SCHED_NONE || s->paused_since >= 0)
        return -1;
    int64_t dur_ms = (int64_t)(pl->slides[s->current].duration * 1000.0 + 0.5);
    int64_t left = s->start + dur_ms - play_clock(s, now_ms);
    return left < 0 ? 0 : left;
}

bool sched_set_wall(struct sched *s, const struct playlist *pl, time_t wall, int64_t now_ms)
{
    bool first = !s->wall_known;
    s->wall_known = true;
    s->wall = wall;
    s->clock_unset = wall < s->clock_floor;
    sched_eligible_slides(pl, &s->env, wall, s->eligible);
    for (size_t i = 0; i < s->count && s->clock_unset; i++)
        s->eligible[i] = true;
    if (s->current != SCHED_NONE && allowed(s, s->current))
        return false;
    int64_t t = play_clock(s, now_ms);
    if (s->current == SCHED_NONE || (first && s->shown <= 1)) {
        /* Nothing showing, or the first slide picked before the wall clock was known and not
         * yet seen: start the first allowed slide now, without a transition or a new pass. */
        size_t next = step(s, SCHED_NONE, +1);
        if (next == s->current)
            return false;
        bool had = s->current != SCHED_NONE;
        s->current = next;
        s->previous = SCHED_NONE;
        s->start = t;
        s->manual_cut = false;
        if (next != SCHED_NONE && !had)
            s->shown++;
        return true;
    }
    size_t next = step(s, s->current, +1);
    start_slide(s, next, t, false);
    if (next == SCHED_NONE)
        s->previous = SCHED_NONE;
    return true;
}

time_t sched_next_wall_change(const struct sched *s, const struct playlist *pl, time_t wall,
                              time_t limit)
{
    if (s->clock_unset && wall < s->clock_floor)
        return limit;
    time_t next = limit;
    if (pl->schedule)
        next = schedule_next_change(pl->schedule, &s->env, wall, next);
    for (size_t i = 0; i < s->count; i++) {
        const struct schedule *sc = pl->slides[i].schedule;
        if (sc)
            next = schedule_next_change(sc, &s->env, wall, next);
    }
    /* Pages open and close by their schedules too: the loop looks again then. */
    for (size_t i = 0; i < pl->page_count; i++)
        if (pl->pages[i].schedule)
            next = schedule_next_change(pl->pages[i].schedule, &s->env, wall, next);
    return next;
}

bool sched_clock_unset(const struct sched *s)
{
    return s->clock_unset;
}

bool sched_eligible(const struct sched *s, size_t i)
{
    return i < s->count && s->eligible[i];
}

time_t sched_clock_floor(void)
{
#ifdef KIOSK_BUILD_TIME
    return (time_t)KIOSK_BUILD_TIME;
#else
    return 0;
#endif
}

void sched_set_clock_floor(struct sched *s, time_t floor)
{
    s->clock_floor = floor;
}

void sched_restart_current(struct sched *s, int64_t now_ms)
{
    s->start = play_clock(s, now_ms);
}

bool sched_show(struct sched *s, size_t i, int64_t now_ms)
{
    if (i >= s->count || !s->playable[i] || !s->eligible[i])
        return false;
    s->previous = SCHED_NONE;
    s->current = i;
    s->start = play_clock(s, now_ms);
    s->manual_cut = false;
    return true;
}
