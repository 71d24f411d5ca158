/* Built-in places and the civil time at a place. */
#include "calendar/place.h"

#include <strings.h>
#include <string.h>

#include "calendar/tz.h"

/* The program's cities. Coordinates are the city centres; they agree with hebcal's built-in
 * list ("hebcal cities": Akko 32°56'N 35°5'E, Kiryat Shmona 33°12'N 35°34'E, Dimona 31°4'N
 * 35°2'E, Jerusalem 31°47'N 35°14'E) to within a minute of arc; Ofakim is not in hebcal's list.
 * Jerusalem lights candles 40 minutes before sunset, as hebcal does. */
static const struct calendar_place places[] = {
    {"Akko", 32.9281, 35.0818, "Asia/Jerusalem", 18, 0, 0},
    {"Kiryat Shmona", 33.2073, 35.5697, "Asia/Jerusalem", 18, 0, 0},
    {"Ofakim", 31.3141, 34.6203, "Asia/Jerusalem", 18, 0, 0},
    {"Dimona", 31.0700, 35.0300, "Asia/Jerusalem", 18, 0, 0},
    {"Jerusalem", 31.7683, 35.2137, "Asia/Jerusalem", 40, 0, 0},
};

static const struct {
    const char *alias;
    int index;
} aliases[] = {
    {"akko", 0},          {"acre", 0},           {"akka", 0},           {"עכו", 0},
    {"kiryat shmona", 1}, {"qiryat shemona", 1}, {"kiryat shemona", 1}, {"קריית שמונה", 1},
    {"קרית שמונה", 1},    {"ofakim", 2},         {"ofaqim", 2},         {"אופקים", 2},
    {"dimona", 3},        {"דימונה", 3},         {"jerusalem", 4},      {"ירושלים", 4},
};

const struct calendar_place *calendar_place_find(const char *name)
{
    if (!name)
        return NULL;
    for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++)
        if (strcasecmp(name, aliases[i].alias) == 0)
            return &places[aliases[i].index];
    return NULL;
}

const struct calendar_place *calendar_place_table(int *count)
{
    *count = (int)(sizeof places / sizeof *places);
    return places;
}

bool calendar_place_civil(const struct calendar_place *p, time_t t, struct civil_time *out)
{
    const struct tz_zone *zone = tz_get(p->tz);
    if (zone) {
        tz_to_civil(zone, t, out);
        return true;
    }
    int64_t days = (int64_t)t / 86400 - ((int64_t)t % 86400 < 0);
    int64_t secs = (int64_t)t - days * 86400;
    civil_date_from_days(days, &out->year, &out->month, &out->day);
    out->hour = (int)(secs / 3600);
    out->minute = (int)(secs / 60 % 60);
    out->second = (int)(secs % 60);
    out->wday = civil_weekday(days);
    out->utc_offset = 0;
    out->dst = false;
    return false;
}

time_t calendar_place_utc(const struct calendar_place *p, int year, int month, int day, int hour,
                          int minute)
{
    const struct tz_zone *zone = tz_get(p->tz);
    struct civil_time c = {year, month, day, hour, minute, 0, 0, 0, false};
    time_t t;
    if (!zone || tz_from_civil(zone, &c, &t, NULL) == TZ_MATCH_INVALID)
        return (time_t)(civil_days_from_date(year, month, day) * 86400 + hour * 3600 + minute * 60);
    return t;
}
