/* When the screen is off, from the kiosk's settings (docs/screen-power.md): local time ranges
 * (screen_off), whole days (screen_off_days) and Shabbat and yamim tovim from candle lighting
 * to havdalah at the kiosk's city (screen_off_rest_days, city). Off when any of them holds.
 * Pure: the wall clock is passed in.
 *
 * Three ideas carry similar words; this is the screen's power, from the kiosk's settings. The
 * playlist's calendar conditions are sched/schedule.h (struct schedule, which this is built of),
 * and the slide loop's clock is sched/sched.h. */
#pragma once

#include <stdbool.h>
#include <time.h>

#include "app/config.h"
#include "sched/schedule.h"

struct screen_off_plan {
    struct schedule parts[3]; /* times, days, rest days: off when any is active */
    bool used[3];
    struct schedule_place place;
    struct schedule_env env;
};

/* False (with a reason logged) when a setting cannot be used; what can be used still is. */
bool screen_off_plan_init(struct screen_off_plan *s, const struct config *cfg);
void screen_off_plan_free(struct screen_off_plan *s);

/* True when the settings turn the screen off at some time. */
bool screen_off_plan_any(const struct screen_off_plan *s);
bool screen_off_plan_active(const struct screen_off_plan *s, time_t t);
/* The next moment after t when screen_off_plan_active changes, or limit. */
time_t screen_off_plan_next_change(const struct screen_off_plan *s, time_t t, time_t limit);
