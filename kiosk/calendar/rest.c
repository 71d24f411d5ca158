/* Rest windows: runs of Shabbat and yom tov days, bounded by candle lighting and havdalah. */
#include "calendar/rest.h"

#include <string.h>

#include "calendar/holiday.h"
#include "calendar/tz.h"
#include "calendar/zmanim.h"

/* The longest run is three days (Rosh Hashana on Thursday and Friday, then Shabbat). */
#define REST_MAX_DAYS 3

unsigned rest_day_kinds(int year, int month, int day)
{
    unsigned kinds = 0;
    if (civil_weekday(civil_days_from_date(year, month, day)) == 6)
        kinds |= REST_SHABBAT;
    struct holiday_day list[4];
    int n = holiday_list(year, month, day, list, 4);
    for (int i = 0; i < n; i++) {
        switch (list[i].id) {
        case HOLIDAY_ROSH_HASHANA_I:
        case HOLIDAY_ROSH_HASHANA_II:
            kinds |= REST_ROSH_HASHANA;
            break;
        case HOLIDAY_YOM_KIPPUR:
            kinds |= REST_YOM_KIPPUR;
            break;
        case HOLIDAY_SUKKOT_I:
            kinds |= REST_SUKKOT;
            break;
        case HOLIDAY_SHMINI_ATZERET:
            kinds |= REST_SHMINI_ATZERET;
            break;
        case HOLIDAY_PESACH_I:
            kinds |= REST_PESACH_I;
            break;
        case HOLIDAY_PESACH_VII:
            kinds |= REST_PESACH_VII;
            break;
        case HOLIDAY_SHAVUOT:
            kinds |= REST_SHAVUOT;
            break;
        default:
            break;
        }
    }
    return kinds;
}

static unsigned kinds_of_day(int64_t days)
{
    int y, m, d;
    civil_date_from_days(days, &y, &m, &d);
    return rest_day_kinds(y, m, d);
}

static bool times_of_day(const struct calendar_place *p, int64_t days, struct zmanim *z)
{
    int y, m, d;
    civil_date_from_days(days, &y, &m, &d);
    return zmanim_for_date(p, y, m, d, z);
}

/* The window made of the run of rest days that contains `days` (which must be a rest day).
 * `at`, when not (time_t)-1, picks out->now. */
static bool window_of_run(const struct calendar_place *p, int64_t days, time_t at,
                          struct rest_window *out)
{
    int64_t first = days, last = days;
    while (first > days - REST_MAX_DAYS && kinds_of_day(first - 1))
        first--;
    while (last < days + REST_MAX_DAYS && kinds_of_day(last + 1))
        last++;
    memset(out, 0, sizeof *out);
    struct zmanim eve, end;
    if (!times_of_day(p, first - 1, &eve) || !times_of_day(p, last, &end))
        return false;
    out->start = eve.candle_lighting;
    out->end = end.havdalah;
    out->days = (int)(last - first + 1);
    civil_date_from_days(first, &out->first_year, &out->first_month, &out->first_day);
    for (int64_t d = first; d <= last; d++) {
        unsigned k = kinds_of_day(d);
        out->kinds |= k;
        if (at != (time_t)-1 && !out->now) {
            struct zmanim z;
            /* Day d lasts until its havdalah (the last day's end is the window's). */
            if (d == last || (times_of_day(p, d, &z) && at < z.havdalah))
                out->now = k;
        }
    }
    return true;
}

bool rest_at(const struct calendar_place *p, time_t t, struct rest_window *out)
{
    struct civil_time c;
    calendar_place_civil(p, t, &c);
    int64_t today = civil_days_from_date(c.year, c.month, c.day);
    /* A window containing t holds today (its day part or the evening after havdalah is not
     * reached yet), tomorrow (t after candle lighting tonight), or yesterday (havdalah after
     * midnight, far north). */
    for (int64_t d = today - 1; d <= today + 1; d++) {
        if (!kinds_of_day(d))
            continue;
        struct rest_window w;
        if (window_of_run(p, d, t, &w) && w.start <= t && t < w.end) {
            *out = w;
            return true;
        }
    }
    return false;
}

bool rest_next(const struct calendar_place *p, time_t t, struct rest_window *out)
{
    struct civil_time c;
    calendar_place_civil(p, t, &c);
    int64_t today = civil_days_from_date(c.year, c.month, c.day);
    /* Shabbat comes every seven days, so the next window starts within nine. */
    for (int64_t d = today - 1; d <= today + 9; d++) {
        if (!kinds_of_day(d))
            continue;
        struct rest_window w;
        if (!window_of_run(p, d, t, &w))
            return false;
        if (t < w.end) {
            if (t < w.start)
                w.now = 0;
            *out = w;
            return true;
        }
    }
    return false;
}

static const struct {
    unsigned kind;
    const char *en, *he;
} kind_names[] = {
    {REST_SHABBAT, "Shabbat", "שבת"},
    {REST_ROSH_HASHANA, "Rosh Hashana", "ראש השנה"},
    {REST_YOM_KIPPUR, "Yom Kippur", "יום כיפור"},
    {REST_SUKKOT, "Sukkot I", "סוכות"},
    {REST_SHMINI_ATZERET, "Shmini Atzeret", "שמיני עצרת"},
    {REST_PESACH_I, "Pesach I", "פסח"},
    {REST_PESACH_VII, "Pesach VII", "שביעי של פסח"},
    {REST_SHAVUOT, "Shavuot", "שבועות"},
};

const char *rest_kind_name(unsigned kind)
{
    for (size_t i = 0; i < sizeof kind_names / sizeof *kind_names; i++)
        if (kind_names[i].kind == kind)
            return kind_names[i].en;
    return "";
}

const char *rest_kind_name_he(unsigned kind)
{
    for (size_t i = 0; i < sizeof kind_names / sizeof *kind_names; i++)
        if (kind_names[i].kind == kind)
            return kind_names[i].he;
    return "";
}
