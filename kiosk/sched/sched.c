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

static size_t step(const struct sched *s, size_t from, int dir)
{
    if (s->count == 0)
        return SCHED_NONE;
    size_t i = from == SCHED_NONE ? (dir > 0 ? s->count - 1 : 0) : from;
    for (size_t n = 0; n < s->count; n++) {
        i = dir > 0 ? (i + 1) % s->count : (i + s->count - 1) % s->count;
        if (s->playable[i])
            return i;
    }
    return SCHED_NONE;
}

size_t sched_following(const struct sched *s, size_t i)
{
    return step(s, i, +1);
}

void sched_init(struct sched *s, const struct playlist *pl, int64_t now_ms)
{
    memset(s, 0, sizeof(*s));
    s->count = pl->slide_count;
    s->playable = xcalloc(s->count ? s->count : 1, sizeof(bool));
    for (size_t i = 0; i < s->count; i++)
        s->playable[i] = true;
    s->paused_since = -1;
    s->previous = SCHED_NONE;
    s->current = s->count ? 0 : SCHED_NONE;
    s->start = play_clock(s, now_ms);
    s->shown = s->current == SCHED_NONE ? 0 : 1;
}

void sched_free(struct sched *s)
{
    free(s->playable);
    s->playable = NULL;
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

struct transition sched_transition_into(const struct sched *s, const struct playlist *pl,
                                        size_t i)
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
        start_slide(s, i, t, false);
        s->previous = SCHED_NONE;
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
        if (s->playable[i])
            cycle += (int64_t)(pl->slides[i].duration * 1000.0 + 0.5);
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

void sched_restart_current(struct sched *s, int64_t now_ms)
{
    s->start = play_clock(s, now_ms);
}
