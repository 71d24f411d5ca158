/* Schedules in the playlist: a slide's "schedule", the top level's "place" and "default_slide".
 * The model and its semantics are in sched/schedule.h; the calendar parses Hebrew dates and
 * named periods (calendar/hebrew.h, calendar/holiday.h). */
#include "playlist/parse_schedule.h"
#include "base/xmalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PLACE_MAX_CANDLE_MINUTES 120
#define PLACE_MAX_HAVDALAH_MINUTES 120

static const char *const day_names[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat", NULL};

/* A string member "from"/"to" of the range object at the current path, parsed by `parse`;
 * reports what is wrong. */
static bool range_end(struct parse_ctx *c, const json_t *range, const char *key,
                      const char *expected, const char *example, void *out,
                      bool (*parse)(struct parse_ctx *c, const char *text, bool is_to, void *out))
{
    const json_t *v = json_object_get(range, key);
    if (!v) {
        parse_missing(c, key, example);
        return false;
    }
    parse_push_key(c, key);
    bool ok = false;
    if (parse_expect(c, v, JSON_STRING, expected)) {
        ok = parse(c, json_string_value(v), strcmp(key, "to") == 0, out);
        if (!ok) {
            char *quoted = parse_quote(json_string_value(v));
            parse_error(c, "%s is not %s; expected %s", quoted, expected, example);
            free(quoted);
        }
    }
    parse_pop(c);
    return ok;
}

static bool date_end(struct parse_ctx *c, const char *text, bool is_to, void *out)
{
    (void)c;
    (void)is_to;
    return schedule_parse_date(text, out);
}

static bool time_end(struct parse_ctx *c, const char *text, bool is_to, void *out)
{
    (void)c;
    return schedule_parse_time(text, is_to, out);
}

static bool hebrew_end(struct parse_ctx *c, const char *text, bool is_to, void *out)
{
    (void)c;
    (void)is_to;
    return hebrew_parse_day(text, out);
}

/* The array member `key` of the schedule: pushes it, checks it is a non-empty array of at most
 * `max` items. NULL (and pops) when absent or wrong. */
static const json_t *list_member(struct parse_ctx *c, const json_t *obj, const char *key,
                                 const char *expected, bool *ok)
{
    const json_t *v = json_object_get(obj, key);
    if (!v)
        return NULL;
    parse_push_key(c, key);
    if (!parse_expect(c, v, JSON_ARRAY, expected)) {
        *ok = false;
    } else if (json_array_size(v) == 0) {
        parse_error(c, "the list is empty; expected %s, or no \"%s\"", expected, key);
        *ok = false;
    } else {
        return v; /* the caller pops */
    }
    parse_pop(c);
    return NULL;
}

static bool range_object(struct parse_ctx *c, const json_t *item, const char *example)
{
    static const char *const keys[] = {"from", "to", NULL};
    if (!parse_expect(c, item, JSON_OBJECT, example))
        return false;
    return parse_known_keys(c, item, keys);
}

static void parse_dates(struct parse_ctx *c, const json_t *sched, struct schedule *s, bool *ok)
{
    static const char example[] = "{\"from\": \"2027-04-15\", \"to\": \"2027-04-29\"}";
    const json_t *list = list_member(c, sched, "dates",
                                     "an array of date ranges such as ["
                                     "{\"from\": \"2027-04-15\", \"to\": \"2027-04-29\"}]",
                                     ok);
    if (!list)
        return;
    size_t n = json_array_size(list);
    s->dates = xcalloc(n, sizeof(*s->dates));
    for (size_t i = 0; i < n; i++) {
        const json_t *item = json_array_get(list, i);
        parse_push_index(c, i);
        struct schedule_date_range r;
        if (!range_object(c, item, example)) {
            *ok = false;
        } else {
            static const char what[] = "a date";
            static const char ex[] = "a date as YYYY-MM-DD, such as \"2027-04-15\"";
            bool a = range_end(c, item, "from", what, ex, &r.from, date_end);
            bool b = range_end(c, item, "to", what, ex, &r.to, date_end);
            if (a && b && r.to < r.from) {
                parse_push_key(c, "to");
                parse_error(c,
                            "the range ends (%s) before it starts (%s); expected \"to\" on or "
                            "after \"from\"",
                            json_string_value(json_object_get(item, "to")),
                            json_string_value(json_object_get(item, "from")));
                parse_pop(c);
                *ok = false;
            } else if (a && b) {
                s->dates[s->date_count++] = r;
            } else {
                *ok = false;
            }
        }
        parse_pop(c);
    }
    parse_pop(c);
}

static void parse_days(struct parse_ctx *c, const json_t *sched, struct schedule *s, bool *ok)
{
    const json_t *list =
        list_member(c, sched, "days", "an array of days such as [\"fri\", \"sat\"]", ok);
    if (!list)
        return;
    for (size_t i = 0; i < json_array_size(list); i++) {
        const json_t *item = json_array_get(list, i);
        parse_push_index(c, i);
        if (parse_expect(c, item, JSON_STRING, "a day such as \"fri\"")) {
            const char *text = json_string_value(item);
            int day = schedule_parse_weekday(text);
            char *quoted = parse_quote(text);
            if (day < 0) {
                char *names = parse_names_list(day_names);
                parse_error(c, "unknown day %s; expected one of: %s", quoted, names);
                free(names);
                *ok = false;
            } else if (s->days & (1u << day)) {
                parse_error(c, "%s is listed twice; expected each day once", quoted);
                *ok = false;
            } else {
                s->days |= 1u << day;
            }
            free(quoted);
        } else {
            *ok = false;
        }
        parse_pop(c);
    }
    parse_pop(c);
}

static void parse_times(struct parse_ctx *c, const json_t *sched, struct schedule *s, bool *ok)
{
    static const char example[] = "{\"from\": \"06:00\", \"to\": \"12:00\"}";
    const json_t *list = list_member(
        c, sched, "times",
        "an array of times of day such as [{\"from\": \"06:00\", \"to\": \"12:00\"}]", ok);
    if (!list)
        return;
    size_t n = json_array_size(list);
    s->times = xcalloc(n, sizeof(*s->times));
    for (size_t i = 0; i < n; i++) {
        const json_t *item = json_array_get(list, i);
        parse_push_index(c, i);
        struct schedule_time_range r;
        if (!range_object(c, item, example)) {
            *ok = false;
        } else {
            bool a = range_end(c, item, "from", "a time", "a time as HH:MM from 00:00 to 23:59",
                               &r.from, time_end);
            bool b = range_end(c, item, "to", "a time", "a time as HH:MM from 00:01 to 24:00",
                               &r.to, time_end);
            if (a && b && r.from == r.to % SCHEDULE_DAY_MINUTES) {
                parse_push_key(c, "to");
                parse_error(c,
                            "the range is empty (it starts and ends at %s); expected another "
                            "end, or no \"times\" for the whole day",
                            json_string_value(json_object_get(item, "from")));
                parse_pop(c);
                *ok = false;
            } else if (a && b) {
                s->times[s->time_count++] = r;
            } else {
                *ok = false;
            }
        }
        parse_pop(c);
    }
    parse_pop(c);
}

static void parse_hebrew(struct parse_ctx *c, const json_t *sched, struct schedule *s, bool *ok)
{
    static const char example[] = "{\"from\": \"1 Nisan\", \"to\": \"22 Nisan\"}";
    const json_t *list = list_member(
        c, sched, "hebrew_dates",
        "an array of Hebrew date ranges such as [{\"from\": \"1 Nisan\", \"to\": \"22 Nisan\"}]",
        ok);
    if (!list)
        return;
    size_t n = json_array_size(list);
    s->hebrew = xcalloc(n, sizeof(*s->hebrew));
    for (size_t i = 0; i < n; i++) {
        const json_t *item = json_array_get(list, i);
        parse_push_index(c, i);
        struct schedule_hebrew_range r;
        if (!range_object(c, item, example)) {
            *ok = false;
        } else {
            static const char what[] = "a Hebrew date";
            static const char ex[] = "a day and month such as \"1 Nisan\" or \"כ״ב בניסן\", "
                                     "optionally with a year (\"22 Nisan 5787\")";
            bool a = range_end(c, item, "from", what, ex, &r.from, hebrew_end);
            bool b = range_end(c, item, "to", what, ex, &r.to, hebrew_end);
            bool inverted = false;
            if (a && b && r.from.year && r.to.year) {
                /* Two fixed dates: one stretch of time, which must run forwards. (Without
                 * years a range recurs and may run across Rosh Hashana.) */
                struct hebrew_date x, y;
                hebrew_day_in_year(&r.from, r.from.year, &x);
                hebrew_day_in_year(&r.to, r.to.year, &y);
                inverted = hebrew_compare(&y, &x) < 0;
            }
            if (inverted) {
                parse_push_key(c, "to");
                parse_error(c,
                            "the range ends (%s) before it starts (%s); expected \"to\" on or "
                            "after \"from\"",
                            json_string_value(json_object_get(item, "to")),
                            json_string_value(json_object_get(item, "from")));
                parse_pop(c);
                *ok = false;
            } else if (a && b) {
                s->hebrew[s->hebrew_count++] = r;
            } else {
                *ok = false;
            }
        }
        parse_pop(c);
    }
    parse_pop(c);
}

static void parse_periods(struct parse_ctx *c, const json_t *sched, struct schedule *s, bool *ok)
{
    const json_t *list = list_member(
        c, sched, "periods", "an array of named periods such as [\"week before pesach\"]", ok);
    if (!list)
        return;
    size_t n = json_array_size(list);
    s->periods = xcalloc(n, sizeof(*s->periods));
    for (size_t i = 0; i < n; i++) {
        const json_t *item = json_array_get(list, i);
        parse_push_index(c, i);
        if (parse_expect(c, item, JSON_STRING, "a period such as \"week before pesach\"")) {
            char err[200] = "";
            const char *text = json_string_value(item);
            if (calendar_period_parse(text, &s->periods[s->period_count], err, sizeof(err))) {
                s->period_count++;
            } else {
                char *quoted = parse_quote(text);
                parse_error(c,
                            "unknown period %s: %s; expected a period such as \"pesach\", "
                            "\"week before pesach\" or \"3 days after sukkot\"",
                            quoted, err);
                free(quoted);
                *ok = false;
            }
        } else {
            *ok = false;
        }
        parse_pop(c);
    }
    parse_pop(c);
}

struct schedule *parse_schedule_member(struct parse_ctx *c, const json_t *obj,
                                       const struct playlist *pl)
{
    const json_t *v = json_object_get(obj, "schedule");
    if (!v)
        return NULL;
    parse_push_key(c, "schedule");
    static const char *const keys[] = {"dates",   "days",      "times", "hebrew_dates",
                                       "periods", "rest_days", NULL};
    if (!parse_expect(c, v, JSON_OBJECT, "an object such as {\"days\": [\"fri\"]}")) {
        parse_pop(c);
        return NULL;
    }
    bool ok = parse_known_keys(c, v, keys);
    if (json_object_size(v) == 0) {
        char *names = parse_names_list(keys);
        parse_error(c,
                    "the schedule is empty; expected at least one of: %s, or no \"schedule\" "
                    "(always)",
                    names);
        free(names);
        ok = false;
    }
    struct schedule *s = xcalloc(1, sizeof(*s));
    parse_dates(c, v, s, &ok);
    parse_days(c, v, s, &ok);
    parse_times(c, v, s, &ok);
    parse_hebrew(c, v, s, &ok);
    parse_periods(c, v, s, &ok);
    for (size_t i = 0; i < s->period_count && pl->has_place == false; i++) {
        if (!s->periods[i].from_erev)
            continue;
        parse_push_key(c, "periods");
        parse_error(c, "\"from erev\" starts at candle lighting, which needs the playlist's "
                       "\"place\"; expected \"place\" at the top level, such as "
                       "{\"city\": \"Akko\"}");
        parse_pop(c);
        ok = false;
        break;
    }
    static const char *const rests[] = {"any", "only", "never", NULL};
    int rest = SCHEDULE_REST_ANY;
    enum field f = parse_enum_member(c, v, "rest_days", "rest_days value", rests, &rest);
    if (f == FIELD_BAD) {
        ok = false;
    } else if (f == FIELD_OK) {
        s->rest = (enum schedule_rest)rest;
        if (s->rest != SCHEDULE_REST_ANY && !pl->has_place) {
            parse_push_key(c, "rest_days");
            parse_error(c, "needs the playlist's \"place\" (city or coordinates) to compute candle "
                           "lighting; expected \"place\" at the top level, such as "
                           "{\"city\": \"Akko\"}");
            parse_pop(c);
            ok = false;
        }
    }
    parse_pop(c);
    if (!ok) {
        schedule_free(s);
        return NULL;
    }
    return s;
}

/* A whole number member in [min, max]. */
static void int_member(struct parse_ctx *c, const json_t *obj, const char *key, int min, int max,
                       const char *what, int *out)
{
    double d;
    if (parse_number_member(c, obj, key, min, max, what, &d) != FIELD_OK)
        return;
    if (d != (double)(int)d) {
        char x[32];
        parse_push_key(c, key);
        parse_error(c, "%s is not a whole number; expected whole %s",
                    parse_number_text(d, x, sizeof(x)), what);
        parse_pop(c);
        return;
    }
    *out = (int)d;
}

static char *city_names(void)
{
    int count;
    const struct calendar_place *table = calendar_place_table(&count);
    char *list = xstrdup("");
    for (int i = 0; i < count; i++) {
        char *longer = xasprintf("%s%s%s", list, i ? ", " : "", table[i].name);
        free(list);
        list = longer;
    }
    return list;
}

void parse_place(struct parse_ctx *c, const json_t *root, struct playlist *pl)
{
    const json_t *v = json_object_get(root, "place");
    if (!v)
        return;
    parse_push_key(c, "place");
    if (!parse_expect(c, v, JSON_OBJECT,
                      "an object such as {\"city\": \"Akko\"} or {\"lat\": 32.93, \"lon\": "
                      "35.08}")) {
        parse_pop(c);
        return;
    }
    static const char *const keys[] = {
        "city", "lat", "lon", "tz", "candle_minutes", "havdalah_minutes", NULL};
    bool ok = parse_known_keys(c, v, keys);
    struct schedule_place *p = &pl->place;
    const json_t *city = json_object_get(v, "city");
    bool has_lat = json_object_get(v, "lat") != NULL, has_lon = json_object_get(v, "lon") != NULL;
    if (city) {
        parse_push_key(c, "city");
        if (!parse_expect(c, city, JSON_STRING, "a city's name such as \"Akko\"")) {
            ok = false;
        } else if (!calendar_place_find(json_string_value(city))) {
            char *quoted = parse_quote(json_string_value(city)), *names = city_names();
            parse_error(c,
                        "unknown city %s; expected one of: %s, or \"lat\" and \"lon\" instead "
                        "of \"city\"",
                        quoted, names);
            free(quoted);
            free(names);
            ok = false;
        } else if (has_lat || has_lon) {
            parse_error(c, "both a city and coordinates; expected \"city\", or \"lat\" and "
                           "\"lon\", not both");
            ok = false;
        } else {
            p->city = xstrdup(json_string_value(city));
        }
        parse_pop(c);
    } else if (!has_lat || !has_lon) {
        parse_missing(c,
                      has_lat   ? "lon"
                      : has_lon ? "lat"
                                : "city",
                      "a city such as {\"city\": \"Akko\"}, or both \"lat\" and \"lon\"");
        ok = false;
    } else {
        double lat = 0, lon = 0;
        ok &= parse_number_member(c, v, "lat", -66, 66,
                                  "degrees of latitude (north positive, "
                                  "outside the polar circles)",
                                  &lat) == FIELD_OK;
        ok &= parse_number_member(c, v, "lon", -180, 180, "degrees of longitude (east positive)",
                                  &lon) == FIELD_OK;
        p->lat = lat;
        p->lon = lon;
    }
    const json_t *tz = json_object_get(v, "tz");
    if (tz) {
        parse_push_key(c, "tz");
        if (!parse_expect(c, tz, JSON_STRING, "a time zone such as \"Asia/Jerusalem\"")) {
            ok = false;
        } else if (!tz_get(json_string_value(tz))) {
            char *quoted = parse_quote(json_string_value(tz));
            parse_error(c, "unknown time zone %s; expected a zone such as \"Asia/Jerusalem\"",
                        quoted);
            free(quoted);
            ok = false;
        } else {
            p->tz = xstrdup(json_string_value(tz));
        }
        parse_pop(c);
    }
    size_t errors = c->errors;
    int_member(c, v, "candle_minutes", 1, PLACE_MAX_CANDLE_MINUTES, "minutes before sunset",
               &p->candle_minutes);
    int_member(c, v, "havdalah_minutes", 1, PLACE_MAX_HAVDALAH_MINUTES, "minutes after sunset",
               &p->havdalah_minutes);
    ok &= c->errors == errors;
    /* Even a place with an error counts as given: the error is reported here, not again at
     * every schedule that needs it (and the playlist does not load either way). */
    (void)ok;
    pl->has_place = true;
    parse_pop(c);
}

void parse_default_slide(struct parse_ctx *c, const json_t *root, struct playlist *pl)
{
    const json_t *v = json_object_get(root, "default_slide");
    if (!v)
        return;
    parse_push_key(c, "default_slide");
    if (parse_expect(c, v, JSON_STRING, "the id of a slide, such as \"welcome\"")) {
        const char *id = json_string_value(v);
        bool found = false;
        for (size_t i = 0; i < pl->slide_count && !found; i++)
            found = pl->slides[i].id && strcmp(pl->slides[i].id, id) == 0;
        if (found) {
            pl->default_slide = xstrdup(id);
        } else {
            char *quoted = parse_quote(id), *ids = xstrdup("");
            for (size_t i = 0; i < pl->slide_count; i++) {
                if (!pl->slides[i].id)
                    continue;
                char *longer = xasprintf("%s%s%s", ids, ids[0] ? ", " : "", pl->slides[i].id);
                free(ids);
                ids = longer;
            }
            parse_error(c, "unknown slide %s; expected the id of one of the slides: %s", quoted,
                        ids);
            free(quoted);
            free(ids);
        }
    }
    parse_pop(c);
}
