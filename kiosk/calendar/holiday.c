/* Israel's holiday schedule from libhdate, the eves and Rosh Chodesh from the Hebrew date,
 * and named periods around holidays. */
#include "calendar/holiday.h"

#include <ctype.h>
#include <hdate.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/hebrew.h"
#include "calendar/tz.h"

struct holiday_info {
    const char *name, *name_he;
    int month, day; /* its nominal Hebrew date (postponements move it by a few days) */
    bool rest;
};

static const struct holiday_info info[HOLIDAY_COUNT] = {
    [HOLIDAY_NONE] = {"", "", 0, 0, false},
    [HOLIDAY_EREV_ROSH_HASHANA] = {"Erev Rosh Hashana", "ערב ראש השנה", HEBREW_ELUL, 29, false},
    [HOLIDAY_ROSH_HASHANA_I] = {"Rosh Hashana", "ראש השנה", HEBREW_TISHREI, 1, true},
    [HOLIDAY_ROSH_HASHANA_II] = {"Rosh Hashana II", "ראש השנה ב׳", HEBREW_TISHREI, 2, true},
    [HOLIDAY_TZOM_GEDALIAH] = {"Tzom Gedaliah", "צום גדליה", HEBREW_TISHREI, 3, false},
    [HOLIDAY_EREV_YOM_KIPPUR] = {"Erev Yom Kippur", "ערב יום כיפור", HEBREW_TISHREI, 9, false},
    [HOLIDAY_YOM_KIPPUR] = {"Yom Kippur", "יום כיפור", HEBREW_TISHREI, 10, true},
    [HOLIDAY_EREV_SUKKOT] = {"Erev Sukkot", "ערב סוכות", HEBREW_TISHREI, 14, false},
    [HOLIDAY_SUKKOT_I] = {"Sukkot I", "סוכות", HEBREW_TISHREI, 15, true},
    [HOLIDAY_SUKKOT_CHOL_HAMOED] = {"Sukkot (CH''M)", "חול המועד סוכות", HEBREW_TISHREI, 16, false},
    [HOLIDAY_HOSHANA_RABBA] = {"Sukkot VII (Hoshana Raba)", "הושענא רבה", HEBREW_TISHREI, 21,
                               false},
    [HOLIDAY_SHMINI_ATZERET] = {"Shmini Atzeret", "שמיני עצרת", HEBREW_TISHREI, 22, true},
    [HOLIDAY_CHANUKAH] = {"Chanukah", "חנוכה", HEBREW_KISLEV, 25, false},
    [HOLIDAY_ASARA_BTEVET] = {"Asara B'Tevet", "עשרה בטבת", HEBREW_TEVET, 10, false},
    [HOLIDAY_TU_BISHVAT] = {"Tu BiShvat", "ט״ו בשבט", HEBREW_SHVAT, 15, false},
    [HOLIDAY_TAANIT_ESTHER] = {"Ta'anit Esther", "תענית אסתר", HEBREW_ADAR, 13, false},
    [HOLIDAY_PURIM] = {"Purim", "פורים", HEBREW_ADAR, 14, false},
    [HOLIDAY_SHUSHAN_PURIM] = {"Shushan Purim", "שושן פורים", HEBREW_ADAR, 15, false},
    [HOLIDAY_EREV_PESACH] = {"Erev Pesach", "ערב פסח", HEBREW_NISAN, 14, false},
    [HOLIDAY_PESACH_I] = {"Pesach I", "פסח", HEBREW_NISAN, 15, true},
    [HOLIDAY_PESACH_CHOL_HAMOED] = {"Pesach (CH''M)", "חול המועד פסח", HEBREW_NISAN, 16, false},
    [HOLIDAY_PESACH_VII] = {"Pesach VII", "שביעי של פסח", HEBREW_NISAN, 21, true},
    [HOLIDAY_YOM_HASHOAH] = {"Yom HaShoah", "יום השואה", HEBREW_NISAN, 27, false},
    [HOLIDAY_YOM_HAZIKARON] = {"Yom HaZikaron", "יום הזיכרון", HEBREW_IYYAR, 4, false},
    [HOLIDAY_YOM_HAATZMAUT] = {"Yom HaAtzma'ut", "יום העצמאות", HEBREW_IYYAR, 5, false},
    [HOLIDAY_LAG_BAOMER] = {"Lag BaOmer", "ל״ג בעומר", HEBREW_IYYAR, 18, false},
    [HOLIDAY_YOM_YERUSHALAYIM] = {"Yom Yerushalayim", "יום ירושלים", HEBREW_IYYAR, 28, false},
    [HOLIDAY_EREV_SHAVUOT] = {"Erev Shavuot", "ערב שבועות", HEBREW_SIVAN, 5, false},
    [HOLIDAY_SHAVUOT] = {"Shavuot", "שבועות", HEBREW_SIVAN, 6, true},
    [HOLIDAY_TZOM_TAMMUZ] = {"Tzom Tammuz", "צום י״ז בתמוז", HEBREW_TAMUZ, 17, false},
    [HOLIDAY_TISHA_BAV] = {"Tish'a B'Av", "תשעה באב", HEBREW_AV, 9, false},
    [HOLIDAY_TU_BAV] = {"Tu B'Av", "ט״ו באב", HEBREW_AV, 15, false},
    [HOLIDAY_ROSH_CHODESH] = {"Rosh Chodesh", "ראש חודש", 0, 0, false},
};

/* libhdate's holiday numbers (hdate_get_holyday_string) -> ours. Its national days that hebcal
 * does not list (Family Day, Rabin and Jabotinsky memorial days, the memorial for the fallen
 * whose burial place is unknown) are left out; so are diaspora-only days. */
static enum holiday from_libhdate(int n)
{
    switch (n) {
    case 1:
        return HOLIDAY_ROSH_HASHANA_I;
    case 2:
        return HOLIDAY_ROSH_HASHANA_II;
    case 3:
        return HOLIDAY_TZOM_GEDALIAH;
    case 4:
        return HOLIDAY_YOM_KIPPUR;
    case 5:
        return HOLIDAY_SUKKOT_I;
    case 6:
        return HOLIDAY_SUKKOT_CHOL_HAMOED;
    case 7:
        return HOLIDAY_HOSHANA_RABBA;
    case 8: /* Simchat Torah: the diaspora's second day; in Israel it is Shmini Atzeret */
    case 27:
        return HOLIDAY_SHMINI_ATZERET;
    case 9:
        return HOLIDAY_CHANUKAH;
    case 10:
        return HOLIDAY_ASARA_BTEVET;
    case 11:
        return HOLIDAY_TU_BISHVAT;
    case 12:
        return HOLIDAY_TAANIT_ESTHER;
    case 13:
        return HOLIDAY_PURIM;
    case 14:
        return HOLIDAY_SHUSHAN_PURIM;
    case 15:
        return HOLIDAY_PESACH_I;
    case 16:
        return HOLIDAY_PESACH_CHOL_HAMOED;
    case 17:
        return HOLIDAY_YOM_HAATZMAUT;
    case 18:
        return HOLIDAY_LAG_BAOMER;
    case 19:
        return HOLIDAY_EREV_SHAVUOT;
    case 20:
        return HOLIDAY_SHAVUOT;
    case 21:
        return HOLIDAY_TZOM_TAMMUZ;
    case 22:
        return HOLIDAY_TISHA_BAV;
    case 23:
        return HOLIDAY_TU_BAV;
    case 24:
        return HOLIDAY_YOM_HASHOAH;
    case 25:
        return HOLIDAY_YOM_HAZIKARON;
    case 26:
        return HOLIDAY_YOM_YERUSHALAYIM;
    case 28:
        return HOLIDAY_PESACH_VII;
    case 37:
        return HOLIDAY_EREV_YOM_KIPPUR;
    default:
        return HOLIDAY_NONE;
    }
}

int holiday_list(int year, int month, int day, struct holiday_day *out, int max)
{
    int n = 0;
#define ADD(id_, day_)                                                                             \
    do {                                                                                           \
        if (n < max)                                                                               \
            out[n] = (struct holiday_day){(id_), (day_)};                                          \
        n++;                                                                                       \
    } while (0)
    hdate_struct h;
    hdate_set_jd(&h, hdate_gdate_to_jd(day, month, year));
    enum holiday id = from_libhdate(hdate_get_holyday(&h, HDATE_ISRAEL_FLAG));
    int hm = h.hd_mon, hd = h.hd_day;
    /* Eves libhdate does not name. */
    if (hm == HEBREW_ELUL && hd == 29)
        ADD(HOLIDAY_EREV_ROSH_HASHANA, 0);
    else if (hm == HEBREW_TISHREI && hd == 14)
        ADD(HOLIDAY_EREV_SUKKOT, 0);
    else if (hm == HEBREW_NISAN && hd == 14)
        ADD(HOLIDAY_EREV_PESACH, 0);
    if (id == HOLIDAY_CHANUKAH) {
        /* 25 Kislev is day 1; Kislev has 29 or 30 days. */
        int kislev = hebrew_days_in_month(h.hd_year, HEBREW_KISLEV);
        ADD(id, hm == HEBREW_KISLEV ? hd - 24 : kislev - 24 + hd);
    } else if (id == HOLIDAY_SUKKOT_CHOL_HAMOED || id == HOLIDAY_PESACH_CHOL_HAMOED) {
        ADD(id, hd - 14);
    } else if (id != HOLIDAY_NONE) {
        ADD(id, 0);
    }
    if ((hd == 1 && hm != HEBREW_TISHREI) || hd == 30)
        ADD(HOLIDAY_ROSH_CHODESH, 0);
#undef ADD
    return n < max ? n : max;
}

bool holiday_on(int year, int month, int day, enum holiday id)
{
    struct holiday_day list[4];
    int n = holiday_list(year, month, day, list, 4);
    for (int i = 0; i < n; i++)
        if (list[i].id == id)
            return true;
    return false;
}

bool holiday_is_rest(enum holiday id)
{
    return id > HOLIDAY_NONE && id < HOLIDAY_COUNT && info[id].rest;
}

const char *holiday_name(enum holiday id)
{
    return id > HOLIDAY_NONE && id < HOLIDAY_COUNT ? info[id].name : "";
}

const char *holiday_name_he(enum holiday id)
{
    return id > HOLIDAY_NONE && id < HOLIDAY_COUNT ? info[id].name_he : "";
}

bool holiday_date(enum holiday id, int hebrew_year, int64_t *days)
{
    if (id <= HOLIDAY_NONE || id >= HOLIDAY_COUNT || id == HOLIDAY_ROSH_CHODESH)
        return false;
    struct hebrew_day nominal = {info[id].month, info[id].day, 0};
    struct hebrew_date h;
    hebrew_day_in_year(&nominal, hebrew_year, &h);
    int64_t around = hebrew_to_days(&h);
    /* Postponements move a day by at most three days (Yom HaZikaron, fasts on Shabbat). */
    for (int64_t d = around - 3; d <= around + 3; d++) {
        int y, m, dd;
        civil_date_from_days(d, &y, &m, &dd);
        struct holiday_day list[4];
        int n = holiday_list(y, m, dd, list, 4);
        for (int i = 0; i < n; i++) {
            if (list[i].id == id && (list[i].day <= 1 || id == HOLIDAY_SUKKOT_CHOL_HAMOED ||
                                     id == HOLIDAY_PESACH_CHOL_HAMOED)) {
                *days = d;
                return true;
            }
        }
    }
    return false;
}

/* ---- names and periods ---------------------------------------------------------------------- */

/* Lower-case ASCII; drop spaces, dashes, apostrophes, quotes and Hebrew punctuation marks. */
static void squeeze(const char *in, char *out, size_t size)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)in; *p && n + 1 < size; p++) {
        if (*p == ' ' || *p == '-' || *p == '\'' || *p == '"' || *p == '_' || *p == '.')
            continue;
        /* geresh U+05F3, gershayim U+05F4, maqaf U+05BE */
        if (p[0] == 0xD7 && (p[1] == 0xB3 || p[1] == 0xB4)) {
            p++;
            continue;
        }
        if (p[0] == 0xD6 && p[1] == 0xBE) {
            p++;
            continue;
        }
        out[n++] = (char)tolower(*p);
    }
    out[n] = '\0';
}

static const struct {
    const char *name; /* squeezed */
    enum holiday first;
    int length;
} festivals[] = {
    {"roshhashana", HOLIDAY_ROSH_HASHANA_I, 2},
    {"roshhashanah", HOLIDAY_ROSH_HASHANA_I, 2},
    {"ראשהשנה", HOLIDAY_ROSH_HASHANA_I, 2},
    {"yomkippur", HOLIDAY_YOM_KIPPUR, 1},
    {"יוםכיפור", HOLIDAY_YOM_KIPPUR, 1},
    {"יוםהכיפורים", HOLIDAY_YOM_KIPPUR, 1},
    {"sukkot", HOLIDAY_SUKKOT_I, 7},
    {"succot", HOLIDAY_SUKKOT_I, 7},
    {"סוכות", HOLIDAY_SUKKOT_I, 7},
    {"shminiatzeret", HOLIDAY_SHMINI_ATZERET, 1},
    {"sheminiatzeret", HOLIDAY_SHMINI_ATZERET, 1},
    {"simchattorah", HOLIDAY_SHMINI_ATZERET, 1},
    {"שמיניעצרת", HOLIDAY_SHMINI_ATZERET, 1},
    {"שמחתתורה", HOLIDAY_SHMINI_ATZERET, 1},
    {"chanukah", HOLIDAY_CHANUKAH, 8},
    {"hanukkah", HOLIDAY_CHANUKAH, 8},
    {"hanukah", HOLIDAY_CHANUKAH, 8},
    {"chanuka", HOLIDAY_CHANUKAH, 8},
    {"חנוכה", HOLIDAY_CHANUKAH, 8},
    {"tubishvat", HOLIDAY_TU_BISHVAT, 1},
    {"tubshvat", HOLIDAY_TU_BISHVAT, 1},
    {"טובשבט", HOLIDAY_TU_BISHVAT, 1},
    {"purim", HOLIDAY_PURIM, 1},
    {"פורים", HOLIDAY_PURIM, 1},
    {"pesach", HOLIDAY_PESACH_I, 7},
    {"passover", HOLIDAY_PESACH_I, 7},
    {"פסח", HOLIDAY_PESACH_I, 7},
    {"yomhashoah", HOLIDAY_YOM_HASHOAH, 1},
    {"יוםהשואה", HOLIDAY_YOM_HASHOAH, 1},
    {"yomhazikaron", HOLIDAY_YOM_HAZIKARON, 1},
    {"memorialday", HOLIDAY_YOM_HAZIKARON, 1},
    {"יוםהזיכרון", HOLIDAY_YOM_HAZIKARON, 1},
    {"יוםהזכרון", HOLIDAY_YOM_HAZIKARON, 1},
    {"yomhaatzmaut", HOLIDAY_YOM_HAATZMAUT, 1},
    {"independenceday", HOLIDAY_YOM_HAATZMAUT, 1},
    {"יוםהעצמאות", HOLIDAY_YOM_HAATZMAUT, 1},
    {"lagbaomer", HOLIDAY_LAG_BAOMER, 1},
    {"lagbomer", HOLIDAY_LAG_BAOMER, 1},
    {"לגבעומר", HOLIDAY_LAG_BAOMER, 1},
    {"yomyerushalayim", HOLIDAY_YOM_YERUSHALAYIM, 1},
    {"jerusalemday", HOLIDAY_YOM_YERUSHALAYIM, 1},
    {"יוםירושלים", HOLIDAY_YOM_YERUSHALAYIM, 1},
    {"shavuot", HOLIDAY_SHAVUOT, 1},
    {"שבועות", HOLIDAY_SHAVUOT, 1},
    {"tishabav", HOLIDAY_TISHA_BAV, 1},
    {"tishaav", HOLIDAY_TISHA_BAV, 1},
    {"תשעהבאב", HOLIDAY_TISHA_BAV, 1},
    {"tubav", HOLIDAY_TU_BAV, 1},
    {"טובאב", HOLIDAY_TU_BAV, 1},
};

bool holiday_parse(const char *name, enum holiday *first_day, int *length)
{
    char key[128];
    squeeze(name, key, sizeof key);
    for (size_t i = 0; i < sizeof festivals / sizeof *festivals; i++) {
        if (strcmp(key, festivals[i].name) == 0) {
            *first_day = festivals[i].first;
            *length = festivals[i].length;
            return true;
        }
    }
    /* Any holiday by its own name ("Erev Pesach", "Tzom Gedaliah"), one day long. */
    for (int id = 1; id < HOLIDAY_COUNT; id++) {
        char own[128];
        squeeze(info[id].name, own, sizeof own);
        if (strcmp(key, own) == 0 && id != HOLIDAY_ROSH_CHODESH) {
            *first_day = (enum holiday)id;
            *length = 1;
            return true;
        }
        squeeze(info[id].name_he, own, sizeof own);
        if (strcmp(key, own) == 0 && id != HOLIDAY_ROSH_CHODESH) {
            *first_day = (enum holiday)id;
            *length = 1;
            return true;
        }
    }
    return false;
}

static void set_err(char *err, size_t size, const char *text)
{
    if (err && size)
        snprintf(err, size, "%s", text);
}

bool calendar_period_parse(const char *text, struct calendar_period *out, char *err,
                           size_t err_size)
{
    char buf[160];
    snprintf(buf, sizeof buf, "%s", text);
    for (char *p = buf; *p; p++)
        if ((unsigned char)*p < 0x80)
            *p = (char)tolower((unsigned char)*p);
    char *rest = buf;
    while (*rest == ' ')
        rest++;
    if (strncmp(rest, "the ", 4) == 0)
        rest += 4;
    /* "... from erev": strip the suffix; it moves the start, not the days. */
    out->from_erev = false;
    static const char *const erev_suffixes[] = {" from erev", " from the evening before",
                                                " from the eve", " מערב החג", " מהערב"};
    size_t len_rest = strlen(rest);
    while (len_rest && rest[len_rest - 1] == ' ')
        rest[--len_rest] = '\0';
    for (size_t i = 0; i < sizeof erev_suffixes / sizeof *erev_suffixes; i++) {
        size_t n = strlen(erev_suffixes[i]);
        if (len_rest > n && strcmp(rest + len_rest - n, erev_suffixes[i]) == 0) {
            rest[len_rest - n] = '\0';
            out->from_erev = true;
            break;
        }
    }
    int count = 1, unit = 0, sign = 0; /* unit: 1 day, 7 week; sign -1 before, +1 after */
    if (strncmp(rest, "during ", 7) == 0) {
        rest += 7;
    } else {
        char *end;
        long n = strtol(rest, &end, 10);
        bool had_number = end != rest;
        if (had_number) {
            if (n < 1 || n > 366) {
                set_err(err, err_size, "the number of days must be 1 to 366");
                return false;
            }
            count = (int)n;
            rest = end;
            while (*rest == ' ')
                rest++;
        }
        static const struct {
            const char *word;
            int unit;
        } units[] = {{"days ", 1}, {"day ", 1}, {"weeks ", 7}, {"week ", 7}};
        for (size_t i = 0; i < sizeof units / sizeof *units && !unit; i++) {
            size_t len = strlen(units[i].word);
            if (strncmp(rest, units[i].word, len) == 0) {
                unit = units[i].unit;
                rest += len;
            }
        }
        if (unit) {
            if (strncmp(rest, "before ", 7) == 0) {
                sign = -1;
                rest += 7;
            } else if (strncmp(rest, "after ", 6) == 0) {
                sign = 1;
                rest += 6;
            } else {
                set_err(err, err_size, "expected \"before\" or \"after\" and a holiday");
                return false;
            }
        } else if (had_number) {
            set_err(err, err_size, "expected \"days\" or \"weeks\" after the number");
            return false;
        }
    }
    enum holiday first;
    int length;
    if (!holiday_parse(rest, &first, &length)) {
        set_err(err, err_size,
                "unknown holiday (expected e.g. pesach, rosh hashana, sukkot, "
                "chanukah, purim, shavuot, yom haatzmaut)");
        return false;
    }
    out->holiday = first;
    if (sign < 0) {
        out->first = -count * unit;
        out->last = -1;
    } else if (sign > 0) {
        out->first = length;
        out->last = length + count * unit - 1;
    } else {
        out->first = 0;
        out->last = length - 1;
    }
    return true;
}

bool calendar_period_contains(const struct calendar_period *period, int year, int month, int day)
{
    int64_t today = civil_days_from_date(year, month, day);
    struct hebrew_date h;
    hebrew_from_civil(year, month, day, &h);
    /* A period reaches at most a year from its holiday: look at the holiday in the Hebrew years
     * around this date. */
    for (int y = h.year - 1; y <= h.year + 1; y++) {
        int64_t d0;
        if (holiday_date(period->holiday, y, &d0) && today >= d0 + period->first &&
            today <= d0 + period->last)
            return true;
    }
    return false;
}

bool calendar_period_active(const struct calendar_period *period,
                            const struct calendar_place *place, time_t t)
{
    struct civil_time c;
    calendar_place_civil(place, t, &c);
    return calendar_period_contains(period, c.year, c.month, c.day);
}
