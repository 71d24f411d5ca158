/* Schedules: when a slide (later a page, or a whole playlist) may play, by wall-clock time.
 *
 * Plain data and pure functions, no SDL: schedule_active(s, env, t) depends only on its
 * arguments. The calendar questions (time zones, Hebrew dates, holidays, Shabbat) are answered
 * by kiosk/calendar/; this module only combines them.
 *
 * Semantics (docs/playlist.md, "Schedules"):
 *   - A schedule is the AND of the conditions it has; each condition is an OR of its items.
 *     A condition with no items (count 0, days 0, rest SCHEDULE_REST_ANY) is left out, so an
 *     empty schedule is always active. A NULL schedule is always active too.
 *   - Every condition reads the moment t as a civil date and time in the environment's zone
 *     (Asia/Jerusalem by default, daylight saving included), each on its own: "days": ["fri"]
 *     with "times" 22:00-06:00 is active on Friday from 00:00 to 06:00 and from 22:00 to
 *     midnight, not on Saturday morning.
 *   - dates: civil dates, both ends included, midnight to midnight.
 *   - days: days of the week of the civil date (bit 0 = Sunday .. bit 6 = Saturday).
 *   - times: local times of day, from included to `to` excluded, in minutes after midnight;
 *     `to` may be 1440 (24:00). A range whose `to` is before its `from` wraps midnight
 *     (22:00-06:00 is 22:00..24:00 and 00:00..06:00 of every day). On the spring night the
 *     clock skips 02:00-03:00 and on the autumn night it repeats 01:00-02:00: a range is in
 *     force whenever the clock on the wall shows a time inside it.
 *   - hebrew: Hebrew day ranges (hebrew_range_contains()), read on the civil date: the Hebrew
 *     date of a civil day is the one whose daytime it is, so it turns at midnight, not at
 *     sunset, like the other dates.
 *   - periods: named periods of civil days ("week before pesach", calendar_period_parse()).
 *   - rest: SCHEDULE_REST_ONLY is active inside rest windows (Shabbat and the yamim tovim, from
 *     candle lighting to havdalah at the place, rest.h), SCHEDULE_REST_NEVER outside them. It
 *     needs the place's coordinates (env->has_coordinates); without them it reads as "no rest
 *     window" (the parser refuses such a schedule, so this only guards direct callers).
 *
 * Ownership: a struct schedule owns its arrays; schedule_free() releases them and it. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "calendar/hebrew.h"
#include "calendar/holiday.h"
#include "calendar/place.h"
#include "calendar/tz.h"

#define SCHEDULE_DAY_MINUTES 1440

struct schedule_date_range {
    int64_t from, to; /* civil days since 1970-01-01, both included; from <= to */
};

struct schedule_time_range {
    int from, to; /* minutes after local midnight: from 0..1439, to 1..1440, from != to */
};

struct schedule_hebrew_range {
    struct hebrew_day from, to; /* both included; see hebrew_range_contains() */
};

enum schedule_rest {
    SCHEDULE_REST_ANY = 0, /* no rest-day condition */
    SCHEDULE_REST_ONLY,    /* only during Shabbat and yamim tovim */
    SCHEDULE_REST_NEVER,   /* never during them */
};

struct schedule {
    struct schedule_date_range *dates;
    size_t date_count;
    unsigned days; /* bit 0 = Sunday .. bit 6 = Saturday; 0: any day */
    struct schedule_time_range *times;
    size_t time_count;
    struct schedule_hebrew_range *hebrew;
    size_t hebrew_count;
    struct calendar_period *periods;
    size_t period_count;
    enum schedule_rest rest;
};

/* Where a playlist plays, as its "place" gives it (owned strings). */
struct schedule_place {
    char *city; /* the city as written ("Akko"); NULL when given by coordinates */
    char *tz;   /* IANA zone name; NULL = TZ_DEFAULT_ZONE */
    double lat, lon;
    int candle_minutes;   /* 0 = the calendar's default (18) */
    int havdalah_minutes; /* 0 = by the sun's depression (8.5 degrees) */
};

/* What schedules are evaluated against: the place and its zone. Borrows the strings of the
 * schedule_place it was made from; keep that alive as long as the env. */
struct schedule_env {
    struct calendar_place place;
    bool has_coordinates;       /* false: no "place"; rest conditions cannot be computed */
    const struct tz_zone *zone; /* never NULL after schedule_env_init() */
};

/* Fills env from a playlist's place (NULL: no place; the zone is Asia/Jerusalem). A city
 * name that the calendar knows takes its coordinates and customs; the place's own zone and
 * candle minutes override them when given. False when the zone cannot be loaded (it is then
 * Asia/Jerusalem, or UTC when even that fails, as tz_get() logs). */
bool schedule_env_init(struct schedule_env *env, const struct schedule_place *place);

/* Whether s allows playing at t (UTC). NULL s: always. */
bool schedule_active(const struct schedule *s, const struct schedule_env *env, time_t t);

/* The first moment after t (t < result <= limit) at which schedule_active() gives another value
 * than at t, exact to the second; `limit` when it does not change before then (so a caller
 * re-asks at limit). NULL or an always-active s: limit. The search walks the moments where a
 * condition can change (local midnights, the ends of its time ranges, rest windows' starts and
 * ends, the zone's clock changes), not minute by minute. */
time_t schedule_next_change(const struct schedule *s, const struct schedule_env *env, time_t t,
                            time_t limit);

/* Whether the schedule needs the place's coordinates (it has a rest-day condition or a period
 * "from erev", both of which start at candle lighting). */
bool schedule_needs_coordinates(const struct schedule *s);

void schedule_free(struct schedule *s);
void schedule_place_clear(struct schedule_place *p);

/* Parsing the values a playlist writes ("2027-04-15", "06:00", "fri"). False when malformed
 * or out of range ("2027-02-30", "24:30"). A time of "24:00" is accepted only when allow_24. */
bool schedule_parse_date(const char *text, int64_t *days);
bool schedule_parse_time(const char *text, bool allow_24, int *minutes);
/* "sun".."sat", also full English names ("friday"), any case; -1 when unknown. */
int schedule_parse_weekday(const char *text);
