/* What `kiosk schedule` shows, for the command and for the studio's schedule view: the moments
 * between two times when the set of slides allowed to play changes (or every step), each with
 * the calendar event there (candle lighting, a holiday), by the player's own rule. */
#pragma once

#include <stdbool.h>
#include <time.h>

#include "playlist/playlist.h"
#include "sched/schedule.h"

/* The longest span shown at once: a year and a bit. */
#define SCHEDULE_MAX_SPAN_DAYS 400

struct schedule_row {
    time_t t;
    const char *event;    /* "candle lighting, Shabbat", or "" */
    bool changed;         /* false: a row of --step where nothing changed */
    bool any;             /* some slide is eligible (else the default or built-in slide) */
    const bool *eligible; /* per slide, valid during the callback */
};

typedef void (*schedule_row_fn)(void *ctx, const struct schedule_row *row);

struct schedule_totals {
    time_t *eligible_for; /* per slide, seconds eligible */
    int *stretches;       /* per slide, stretches eligible */
    time_t fallback_for;  /* seconds no slide was eligible */
    int changes;
};

/* Calls row_fn for each row from `from` to `to` (step_min: also every that many minutes; 0:
 * changes only) and fills totals (free with schedule_totals_free). */
void schedule_walk(const struct playlist *pl, const struct schedule_env *env, time_t from,
                   time_t to, int step_min, schedule_row_fn row_fn, void *ctx,
                   struct schedule_totals *totals);
void schedule_totals_free(struct schedule_totals *totals);
