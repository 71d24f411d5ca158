/* Where the calendar is computed: coordinates, time zone and the local customs that move
 * Shabbat's times (minutes of candle lighting before sunset, the definition of havdalah).
 *
 * Plain data; the four program cities (and Jerusalem, for its 40-minute custom) are built in. */
#pragma once

#include <stdbool.h>
#include <time.h>

#define CALENDAR_CANDLE_MINUTES 18    /* hebcal's default outside Jerusalem */
#define CALENDAR_HAVDALAH_DEGREES 8.5 /* tzeit hakochavim, 3 small stars (hebcal.com's default) */

struct calendar_place {
    const char *name;     /* for messages; may be NULL. Not owned. */
    double lat, lon;      /* degrees; north and east positive */
    const char *tz;       /* IANA zone name; NULL = "Asia/Jerusalem". Not owned. */
    int candle_minutes;   /* candle lighting, minutes before sunset; 0 = CALENDAR_CANDLE_MINUTES */
    int havdalah_minutes; /* > 0: havdalah this many minutes after sunset (42, 50, 72) */
    double havdalah_degrees; /* else: when the sun is this far below the horizon; 0 = 8.5 */
};

/* A built-in place by name, English or Hebrew, any case: "Akko" (also "Acre", "עכו"),
 * "Kiryat Shmona" ("קריית שמונה"), "Ofakim" ("אופקים"), "Dimona" ("דימונה"), "Jerusalem"
 * ("ירושלים"). NULL when unknown. Static data: never free it. */
const struct calendar_place *calendar_place_find(const char *name);

/* The built-in places, for listing. */
const struct calendar_place *calendar_place_table(int *count);

/* The civil date and time of t where the place is (its zone). False when the zone is unknown
 * (logged once by tz_get()); *out is then UTC. */
struct civil_time;
bool calendar_place_civil(const struct calendar_place *p, time_t t, struct civil_time *out);
/* UTC of a civil time at the place (gaps and repeats as tz_from_civil()). */
time_t calendar_place_utc(const struct calendar_place *p, int year, int month, int day, int hour,
                          int minute);
