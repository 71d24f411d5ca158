/* Rest windows: Shabbat and the yamim tovim on which work is forbidden (Israel's schedule, one
 * day of yom tov), from candle lighting on the eve to havdalah at the end.
 *
 * Consecutive rest days make one window: Shabbat followed by Rosh Hashana, or a yom tov on Friday
 * followed by Shabbat, runs from the first eve's candle lighting to the last day's havdalah. The
 * days are civil days at the place (its zone); times come from zmanim_for_date(). Pure functions
 * of (place, t); thread-safe. What a scheduler typically asks: rest_at(place, now, &w) -> is
 * this a rest window, which, and until when; rest_next() -> when the next one starts. */
#pragma once

#include <stdbool.h>
#include <time.h>

#include "calendar/place.h"

/* Which rest days a window holds (bits). */
enum rest_kind {
    REST_SHABBAT = 1u << 0,
    REST_ROSH_HASHANA = 1u << 1, /* either or both days */
    REST_YOM_KIPPUR = 1u << 2,
    REST_SUKKOT = 1u << 3,         /* the first day */
    REST_SHMINI_ATZERET = 1u << 4, /* with Simchat Torah */
    REST_PESACH_I = 1u << 5,
    REST_PESACH_VII = 1u << 6,
    REST_SHAVUOT = 1u << 7,
};

struct rest_window {
    time_t start;   /* candle lighting on the eve of the first day (UTC) */
    time_t end;     /* havdalah on the last day (UTC) */
    unsigned kinds; /* every rest day in the window, enum rest_kind bits */
    unsigned now;   /* rest_at() only: the day in force at the moment asked about. The first day
                       starts with the window; each later one at the previous day's havdalah. */
    int days;       /* rest days in the window, 1..3 */
    int first_year, first_month, first_day; /* civil date of the first rest day */
};

/* The rest kinds of a civil date (0 on a working day). */
unsigned rest_day_kinds(int year, int month, int day);

/* Whether t lies inside a rest window at the place (start <= t < end); fills *out when so. */
bool rest_at(const struct calendar_place *place, time_t t, struct rest_window *out);

/* The window containing t or, when t is outside every window, the next one to start. False only
 * when times cannot be computed at the place (polar latitudes). */
bool rest_next(const struct calendar_place *place, time_t t, struct rest_window *out);

/* English and Hebrew names of one kind bit ("Shabbat", "שבת"); "" for anything else. */
const char *rest_kind_name(unsigned kind);
const char *rest_kind_name_he(unsigned kind);
