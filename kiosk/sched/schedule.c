/* Schedules: the AND of OR-lists of calendar conditions, evaluated at a wall-clock moment. */
#include "sched/schedule.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar/rest.h"
#include "calendar/zmanim.h"

bool schedule_env_init(struct schedule_env *env, const struct schedule_place *p)
{
    memset(env, 0, sizeof(*env));
    env->place.tz = TZ_DEFAULT_ZONE;
    if (p) {
        const struct calendar_place *known = p->city ? calendar_place_find(p->city) : NULL;
        if (known) {
            env->place = *known;
            env->has_coordinates = true;
        } else if (!p->city) {
            env->place.name = "coordinates";
            env->place.lat = p->lat;
            env->place.lon = p->lon;
            env->has_coordinates = true;
        }
        if (p->tz)
            env->place.tz = p->tz;
        if (!env->place.tz)
            env->place.tz = TZ_DEFAULT_ZONE;
        if (p->candle_minutes > 0)
            env->place.candle_minutes = p->candle_minutes;
        if (p->havdalah_minutes > 0)
            env->place.havdalah_minutes = p->havdalah_minutes;
    }
    env->zone = tz_get(env->place.tz);
    if (env->zone)
        return true;
    env->place.tz = TZ_DEFAULT_ZONE;
    env->zone = tz_get(TZ_DEFAULT_ZONE);
    if (!env->zone) /* cannot happen: the default zone has a built-in rule */
        env->zone = tz_get("UTC0");
    return false;
}

static bool in_rest(const struct schedule_env *env, time_t t)
{
    if (!env->has_coordinates)
        return false;
    struct rest_window w;
    return rest_at(&env->place, t, &w);
}

/* Candle lighting on civil day `day` at the place; 0 when it cannot be computed. */
static time_t candle_lighting_on(const struct schedule_env *env, int64_t day)
{
    if (!env->has_coordinates)
        return 0;
    int y, m, d;
    civil_date_from_days(day, &y, &m, &d);
    struct zmanim z;
    return zmanim_for_date(&env->place, y, m, d, &z) ? z.candle_lighting : 0;
}

/* Whether the period holds moment t of civil day `today`: its own days, and for a period "from
 * erev" also the evening before its first day, from candle lighting. */
static bool period_active(const struct calendar_period *p, const struct schedule_env *env,
                          int64_t today, time_t t)
{
    int y, m, d;
    civil_date_from_days(today, &y, &m, &d);
    if (calendar_period_contains(p, y, m, d))
        return true;
    if (!p->from_erev)
        return false;
    civil_date_from_days(today + 1, &y, &m, &d);
    if (!calendar_period_contains(p, y, m, d))
        return false;
    time_t candles = candle_lighting_on(env, today);
    return candles && t >= candles;
}

static bool time_in(const struct schedule_time_range *r, int minute)
{
    if (r->from < r->to)
        return minute >= r->from && minute < r->to;
    return minute >= r->from || minute < r->to; /* wraps midnight */
}

bool schedule_active(const struct schedule *s, const struct schedule_env *env, time_t t)
{
    if (!s)
        return true;
    struct civil_time c;
    tz_to_civil(env->zone, t, &c);
    int64_t today = civil_days_from_date(c.year, c.month, c.day);

    if (s->date_count) {
        bool any = false;
        for (size_t i = 0; i < s->date_count && !any; i++)
            any = today >= s->dates[i].from && today <= s->dates[i].to;
        if (!any)
            return false;
    }
    if (s->days && !(s->days & (1u << c.wday)))
        return false;
    if (s->time_count) {
        int minute = c.hour * 60 + c.minute;
        bool any = false;
        for (size_t i = 0; i < s->time_count && !any; i++)
            any = time_in(&s->times[i], minute);
        if (!any)
            return false;
    }
    if (s->hebrew_count) {
        bool any = false;
        for (size_t i = 0; i < s->hebrew_count && !any; i++)
            any =
                hebrew_range_contains(&s->hebrew[i].from, &s->hebrew[i].to, c.year, c.month, c.day);
        if (!any)
            return false;
    }
    if (s->period_count) {
        bool any = false;
        for (size_t i = 0; i < s->period_count && !any; i++)
            any = period_active(&s->periods[i], env, today, t);
        if (!any)
            return false;
    }
    if (s->rest == SCHEDULE_REST_ONLY && !in_rest(env, t))
        return false;
    if (s->rest == SCHEDULE_REST_NEVER && in_rest(env, t))
        return false;
    return true;
}

/* The first instant after `after` at which the wall clock shows `minute` of civil day `day`
 * (the second of the two on a repeated hour, when the first is not after it); 0 when none. */
static time_t local_after(const struct tz_zone *zone, int64_t day, int minute, time_t after)
{
    struct civil_time c = {0};
    civil_date_from_days(day, &c.year, &c.month, &c.day);
    c.hour = minute / 60;
    c.minute = minute % 60;
    time_t first, later;
    if (tz_from_civil(zone, &c, &first, &later) == TZ_MATCH_INVALID)
        return 0;
    if (first > after)
        return first;
    if (later > after)
        return later;
    return 0;
}

static void consider(time_t *best, time_t candidate, time_t after)
{
    if (candidate > after && candidate < *best)
        *best = candidate;
}

/* The next moment after cur at which any condition of s may change value. */
static time_t next_boundary(const struct schedule *s, const struct schedule_env *env, time_t cur,
                            time_t limit)
{
    time_t best = limit;
    bool by_date = s->date_count || s->days || s->hebrew_count || s->period_count;
    if (by_date || s->time_count) {
        struct civil_time c;
        tz_to_civil(env->zone, cur, &c);
        int64_t today = civil_days_from_date(c.year, c.month, c.day);
        if (by_date)
            consider(&best, local_after(env->zone, today + 1, 0, cur), cur);
        for (size_t i = 0; i < s->period_count; i++) {
            if (!s->periods[i].from_erev)
                continue;
            for (int64_t d = today; d <= today + 1; d++)
                consider(&best, candle_lighting_on(env, d), cur);
            break; /* one candle-lighting time a day, whichever period asks */
        }
        for (size_t i = 0; i < s->time_count; i++) {
            int ends[2] = {s->times[i].from, s->times[i].to % SCHEDULE_DAY_MINUTES};
            for (int k = 0; k < 2; k++)
                for (int64_t d = today; d <= today + 1; d++)
                    consider(&best, local_after(env->zone, d, ends[k], cur), cur);
        }
        /* A clock change moves the local time under every condition at once: find it exactly
         * (the offset is a step function; a few dozen halvings of a day). */
        bool dst;
        int offset = tz_offset_at(env->zone, cur, &dst);
        if (tz_offset_at(env->zone, best, &dst) != offset) {
            time_t lo = cur, hi = best;
            while (hi - lo > 1) {
                time_t mid = lo + (hi - lo) / 2;
                if (tz_offset_at(env->zone, mid, &dst) == offset)
                    lo = mid;
                else
                    hi = mid;
            }
            best = hi;
        }
    }
    if (s->rest != SCHEDULE_REST_ANY && env->has_coordinates) {
        struct rest_window w;
        if (rest_next(&env->place, cur, &w))
            consider(&best, w.start > cur ? w.start : w.end, cur);
    }
    return best;
}

time_t schedule_next_change(const struct schedule *s, const struct schedule_env *env, time_t t,
                            time_t limit)
{
    if (!s || limit <= t)
        return limit;
    bool before = schedule_active(s, env, t);
    time_t cur = t;
    while (cur < limit) {
        time_t next = next_boundary(s, env, cur, limit);
        if (next <= cur) /* cannot happen; never spin */
            next = cur + 60;
        if (next >= limit)
            return limit;
        if (schedule_active(s, env, next) != before)
            return next;
        cur = next;
    }
    return limit;
}

bool schedule_needs_coordinates(const struct schedule *s)
{
    if (!s)
        return false;
    for (size_t i = 0; i < s->period_count; i++)
        if (s->periods[i].from_erev)
            return true;
    return s->rest != SCHEDULE_REST_ANY;
}

void schedule_free(struct schedule *s)
{
    if (!s)
        return;
    free(s->dates);
    free(s->times);
    free(s->hebrew);
    free(s->periods);
    free(s);
}

void schedule_place_clear(struct schedule_place *p)
{
    free(p->city);
    free(p->tz);
    memset(p, 0, sizeof(*p));
}

/* Exactly `n` digits at *p; advances. */
static bool digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)(*p)[i]))
            return false;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *out = v;
    return true;
}

bool schedule_parse_date(const char *text, int64_t *days)
{
    const char *p = text;
    int y, m, d;
    if (!digits(&p, 4, &y) || *p++ != '-' || !digits(&p, 2, &m) || *p++ != '-' ||
        !digits(&p, 2, &d) || *p)
        return false;
    if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > civil_days_in_month(y, m))
        return false;
    *days = civil_days_from_date(y, m, d);
    return true;
}

bool schedule_parse_time(const char *text, bool allow_24, int *minutes)
{
    const char *p = text;
    int h, m;
    if (!digits(&p, 2, &h) || *p++ != ':' || !digits(&p, 2, &m) || *p)
        return false;
    if (h == 24 && m == 0 && allow_24) {
        *minutes = SCHEDULE_DAY_MINUTES;
        return true;
    }
    if (h > 23 || m > 59)
        return false;
    *minutes = h * 60 + m;
    return true;
}

int schedule_parse_weekday(const char *text)
{
    static const char *const names[7][2] = {
        {"sun", "sunday"},   {"mon", "monday"}, {"tue", "tuesday"},  {"wed", "wednesday"},
        {"thu", "thursday"}, {"fri", "friday"}, {"sat", "saturday"},
    };
    for (int i = 0; i < 7; i++)
        if (!strcasecmp(text, names[i][0]) || !strcasecmp(text, names[i][1]))
            return i;
    return -1;
}
