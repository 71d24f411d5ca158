/* Jewish holidays on Israel's schedule (one day of yom tov; Israel's rules for moving fasts and
 * the national days), for civil dates, and named periods around them ("the week before Pesach").
 *
 * Based on libhdate's hdate_get_holyday() with diaspora = 0; the eves (Erev Rosh Hashana, Erev
 * Sukkot, Erev Pesach) and Rosh Chodesh, which libhdate does not list, come from the Hebrew date.
 * Pure functions; thread-safe. */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "calendar/place.h"

enum holiday {
    HOLIDAY_NONE = 0,
    HOLIDAY_EREV_ROSH_HASHANA,
    HOLIDAY_ROSH_HASHANA_I,
    HOLIDAY_ROSH_HASHANA_II,
    HOLIDAY_TZOM_GEDALIAH,
    HOLIDAY_EREV_YOM_KIPPUR,
    HOLIDAY_YOM_KIPPUR,
    HOLIDAY_EREV_SUKKOT,
    HOLIDAY_SUKKOT_I,
    HOLIDAY_SUKKOT_CHOL_HAMOED, /* 16..20 Tishrei */
    HOLIDAY_HOSHANA_RABBA,
    HOLIDAY_SHMINI_ATZERET, /* with Simchat Torah, the same day in Israel */
    HOLIDAY_CHANUKAH,       /* 8 days from 25 Kislev; holiday_day.day says which */
    HOLIDAY_ASARA_BTEVET,
    HOLIDAY_TU_BISHVAT,
    HOLIDAY_TAANIT_ESTHER,
    HOLIDAY_PURIM,
    HOLIDAY_SHUSHAN_PURIM,
    HOLIDAY_EREV_PESACH,
    HOLIDAY_PESACH_I,
    HOLIDAY_PESACH_CHOL_HAMOED, /* 16..20 Nisan */
    HOLIDAY_PESACH_VII,
    HOLIDAY_YOM_HASHOAH,
    HOLIDAY_YOM_HAZIKARON,
    HOLIDAY_YOM_HAATZMAUT,
    HOLIDAY_LAG_BAOMER,
    HOLIDAY_YOM_YERUSHALAYIM,
    HOLIDAY_EREV_SHAVUOT,
    HOLIDAY_SHAVUOT,
    HOLIDAY_TZOM_TAMMUZ,
    HOLIDAY_TISHA_BAV,
    HOLIDAY_TU_BAV,
    HOLIDAY_ROSH_CHODESH, /* the 30th of a month and the 1st (not of Tishrei) */
    HOLIDAY_COUNT
};

struct holiday_day {
    enum holiday id;
    int day; /* Chanukah: 1..8; chol hamoed: 2..6 (Pesach II .. VI as hebcal counts); else 0 */
};

/* The holidays of a civil date, Israel's schedule, at most `max` (4 always suffice). Returns
 * how many. Rosh Chodesh comes last. */
int holiday_list(int year, int month, int day, struct holiday_day *out, int max);

/* Whether the date has the holiday. */
bool holiday_on(int year, int month, int day, enum holiday id);

/* A yom tov on which work is forbidden (Israel): Rosh Hashana I and II, Yom Kippur, Sukkot I,
 * Shmini Atzeret, Pesach I, Pesach VII, Shavuot. */
bool holiday_is_rest(enum holiday id);

/* Names: English as hebcal writes them ("Yom HaAtzma'ut"), Hebrew ("יום העצמאות"). Static. */
const char *holiday_name(enum holiday id);
const char *holiday_name_he(enum holiday id);

/* The festival a name means, for schedules: "pesach", "Passover", "פסח", "rosh hashana",
 * "sukkot", "chanukah", "hanukkah", "purim", "shavuot", "yom kippur", "yom haatzmaut",
 * "independence day", "tu bishvat", "lag baomer", ... (case, spaces, dashes and apostrophes
 * ignored). Sets the holiday of its first day and how many days it lasts (Pesach 7, Sukkot 7,
 * Chanukah 8, Rosh Hashana 2, others 1). */
bool holiday_parse(const char *name, enum holiday *first_day, int *length);

/* The civil date (days since 1970-01-01) of the holiday in Hebrew year `hebrew_year`, after
 * Israel's postponements. False for Rosh Chodesh (twelve a year) and HOLIDAY_NONE, or when the
 * holiday does not fall in that year (the national days before 1948). */
bool holiday_date(enum holiday id, int hebrew_year, int64_t *days);

/* A named period: the civil days from `first` to `last` (both included) counted from the first
 * day of `holiday` (day 0). "The week before Pesach" is {HOLIDAY_PESACH_I, -7, -1}; "Chanukah"
 * is {HOLIDAY_CHANUKAH, 0, 7}; "3 days after Sukkot" is {HOLIDAY_SUKKOT_I, 7, 9}. Periods run
 * from local midnight to midnight, like the rest of a schedule's dates. */
struct calendar_period {
    enum holiday holiday;
    int first, last;
    /* "chanukah from erev": the period also holds the evening before its first day, from
     * candle lighting at the playlist's place (the first candle is lit that evening). */
    bool from_erev;
};

/* Parses "pesach", "during pesach", "week before pesach", "the week before Pesach",
 * "7 days before pesach", "day before yom kippur", "2 weeks before rosh hashana",
 * "3 days after sukkot" (after: from the day after the festival's last day), each optionally
 * followed by "from erev" (or "from the evening before", Hebrew "מערב החג"): the period then
 * starts at candle lighting on the evening before its first day. False with a reason in `err`
 * (when not NULL) otherwise. */
bool calendar_period_parse(const char *text, struct calendar_period *out, char *err,
                           size_t err_size);

/* Whether a civil date is inside the period (any year's occurrence). */
bool calendar_period_contains(const struct calendar_period *period, int year, int month, int day);
/* Whether the moment t, read as a civil date at the place, is inside the period. */
bool calendar_period_active(const struct calendar_period *period,
                            const struct calendar_place *place, time_t t);
