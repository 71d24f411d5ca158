/* Hebrew dates on top of libhdate's arithmetic; names, gematria and parsing are ours (libhdate's
 * own strings depend on the process locale and come out in digits outside a Hebrew one). */
#include "calendar/hebrew.h"

#include <ctype.h>
#include <hdate.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/tz.h"

/* Julian day number of 1970-01-01. */
#define JD_EPOCH 2440588

static const char *const month_en[15] = {
    NULL,    "Tishrei", "Cheshvan", "Kislev", "Tevet", "Sh'vat", "Adar",    "Nisan",
    "Iyyar", "Sivan",   "Tamuz",    "Av",     "Elul",  "Adar I", "Adar II",
};

static const char *const month_he[15] = {
    NULL,   "תשרי",  "חשוון", "כסלו", "טבת",  "שבט",    "אדר",    "ניסן",
    "אייר", "סיוון", "תמוז",  "אב",   "אלול", "אדר א׳", "אדר ב׳",
};

bool hebrew_is_leap_year(int year)
{
    return (7 * year + 1) % 19 < 7;
}

static int to_jd(const struct hebrew_date *h)
{
    int t1, t2;
    return hdate_hdate_to_jd(h->day, h->month, h->year, &t1, &t2);
}

static void from_jd(int jd, struct hebrew_date *out)
{
    int t1, t2;
    hdate_jd_to_hdate(jd, &out->day, &out->month, &out->year, &t1, &t2);
}

static bool month_exists(int year, int month)
{
    if (month < 1 || month > 14)
        return false;
    bool leap = hebrew_is_leap_year(year);
    return month == HEBREW_ADAR ? !leap : month >= 13 ? leap : true;
}

static bool date_exists(const struct hebrew_date *h)
{
    if (h->year < 3762 || h->year > 13760 || !month_exists(h->year, h->month) || h->day < 1 ||
        h->day > 30)
        return false;
    struct hebrew_date back;
    from_jd(to_jd(h), &back);
    return back.day == h->day && back.month == h->month && back.year == h->year;
}

int hebrew_days_in_month(int year, int month)
{
    if (!month_exists(year, month))
        return 0;
    struct hebrew_date h = {year, month, 30};
    return date_exists(&h) ? 30 : 29;
}

void hebrew_from_civil(int year, int month, int day, struct hebrew_date *out)
{
    from_jd(hdate_gdate_to_jd(day, month, year), out);
}

bool hebrew_to_civil(const struct hebrew_date *h, int *year, int *month, int *day)
{
    if (!date_exists(h))
        return false;
    hdate_jd_to_gdate(to_jd(h), day, month, year);
    return true;
}

int64_t hebrew_to_days(const struct hebrew_date *h)
{
    return (int64_t)to_jd(h) - JD_EPOCH;
}

int hebrew_compare(const struct hebrew_date *a, const struct hebrew_date *b)
{
    int ja = to_jd(a), jb = to_jd(b);
    return (ja > jb) - (ja < jb);
}

const char *hebrew_month_name(int month)
{
    return month >= 1 && month <= 14 ? month_en[month] : NULL;
}

const char *hebrew_month_name_he(int month)
{
    return month >= 1 && month <= 14 ? month_he[month] : NULL;
}

/* ---- gematria ------------------------------------------------------------------------------- */

static const char *const units[10] = {"", "א", "ב", "ג", "ד", "ה", "ו", "ז", "ח", "ט"};
static const char *const tens[10] = {"", "י", "כ", "ל", "מ", "נ", "ס", "ע", "פ", "צ"};
static const char *const hundreds[5] = {"", "ק", "ר", "ש", "ת"};

#define GERESH "\u05F3"
#define GERSHAYIM "\u05F4"

size_t hebrew_format_number(int n, char *buf, size_t size)
{
    const char *letters[16];
    int count = 0;
    n %= 1000;
    if (n <= 0) {
        if (size)
            buf[0] = '\0';
        return 0;
    }
    int h = n / 100, rest = n % 100;
    while (h >= 4) {
        letters[count++] = hundreds[4];
        h -= 4;
    }
    if (h)
        letters[count++] = hundreds[h];
    int hundreds_end = count;
    if (rest == 15 || rest == 16) {
        /* Not the letters of the divine name: 9 + 6 and 9 + 7. */
        letters[count++] = units[9];
        letters[count++] = units[rest - 9];
    } else {
        if (rest / 10)
            letters[count++] = tens[rest / 10];
        if (rest % 10)
            letters[count++] = units[rest % 10];
    }
    /* Years that would spell a word of ill omen are written with their letters turned about:
     * שד (304) -> דש, שמד (344) -> שדמ, רצח (298) -> רחצ. */
    const char **tail = letters + (hundreds_end > 0 ? hundreds_end - 1 : 0);
    if (hundreds_end > 0 && count - hundreds_end == 2 && strcmp(*tail, "ש") == 0 &&
        strcmp(tail[1], "מ") == 0 && strcmp(tail[2], "ד") == 0) {
        tail[1] = "ד";
        tail[2] = "מ";
    } else if (hundreds_end > 0 && count - hundreds_end == 1 && strcmp(*tail, "ש") == 0 &&
               strcmp(tail[1], "ד") == 0) {
        tail[0] = "ד";
        tail[1] = "ש";
    } else if (hundreds_end > 0 && count - hundreds_end == 2 && strcmp(*tail, "ר") == 0 &&
               strcmp(tail[1], "צ") == 0 && strcmp(tail[2], "ח") == 0) {
        tail[1] = "ח";
        tail[2] = "צ";
    }
    char out[64];
    size_t len = 0;
    out[0] = '\0';
    for (int i = 0; i < count; i++) {
        if (count == 1) {
            len += (size_t)snprintf(out + len, sizeof out - len, "%s" GERESH, letters[i]);
        } else {
            len += (size_t)snprintf(out + len, sizeof out - len, "%s%s",
                                    i == count - 1 ? GERSHAYIM : "", letters[i]);
        }
    }
    return (size_t)snprintf(buf, size, "%s", out);
}

size_t hebrew_format(const struct hebrew_date *h, char *buf, size_t size)
{
    char day[16], year[32];
    hebrew_format_number(h->day, day, sizeof day);
    hebrew_format_number(h->year, year, sizeof year);
    const char *month = hebrew_month_name_he(h->month);
    return (size_t)snprintf(buf, size, "%s ב%s %s", day, month ? month : "?", year);
}

size_t hebrew_format_en(const struct hebrew_date *h, char *buf, size_t size)
{
    const char *suffix = "th";
    if (h->day % 100 < 11 || h->day % 100 > 13) {
        switch (h->day % 10) {
        case 1:
            suffix = "st";
            break;
        case 2:
            suffix = "nd";
            break;
        case 3:
            suffix = "rd";
            break;
        }
    }
    const char *month = hebrew_month_name(h->month);
    return (size_t)snprintf(buf, size, "%d%s of %s, %d", h->day, suffix, month ? month : "?",
                            h->year);
}

/* ---- parsing -------------------------------------------------------------------------------- */

struct month_alias {
    const char *name; /* normalized: ASCII lower case, no apostrophes; Hebrew without marks */
    int month;
};

static const struct month_alias month_aliases[] = {
    {"tishrei", HEBREW_TISHREI},
    {"tishri", HEBREW_TISHREI},
    {"tishre", HEBREW_TISHREI},
    {"tishrey", HEBREW_TISHREI},
    {"cheshvan", HEBREW_CHESHVAN},
    {"heshvan", HEBREW_CHESHVAN},
    {"chesvan", HEBREW_CHESHVAN},
    {"marcheshvan", HEBREW_CHESHVAN},
    {"marheshvan", HEBREW_CHESHVAN},
    {"kislev", HEBREW_KISLEV},
    {"tevet", HEBREW_TEVET},
    {"teves", HEBREW_TEVET},
    {"teveth", HEBREW_TEVET},
    {"shvat", HEBREW_SHVAT},
    {"shevat", HEBREW_SHVAT},
    {"shebat", HEBREW_SHVAT},
    {"adar", HEBREW_ADAR},
    {"adar i", HEBREW_ADAR_I},
    {"adar 1", HEBREW_ADAR_I},
    {"adar a", HEBREW_ADAR_I},
    {"adar aleph", HEBREW_ADAR_I},
    {"adar alef", HEBREW_ADAR_I},
    {"adar rishon", HEBREW_ADAR_I},
    {"adar ii", HEBREW_ADAR_II},
    {"adar 2", HEBREW_ADAR_II},
    {"adar b", HEBREW_ADAR_II},
    {"adar bet", HEBREW_ADAR_II},
    {"adar beit", HEBREW_ADAR_II},
    {"adar sheni", HEBREW_ADAR_II},
    {"nisan", HEBREW_NISAN},
    {"nissan", HEBREW_NISAN},
    {"iyyar", HEBREW_IYYAR},
    {"iyar", HEBREW_IYYAR},
    {"sivan", HEBREW_SIVAN},
    {"tamuz", HEBREW_TAMUZ},
    {"tammuz", HEBREW_TAMUZ},
    {"av", HEBREW_AV},
    {"menachem av", HEBREW_AV},
    {"elul", HEBREW_ELUL},
    {"תשרי", HEBREW_TISHREI},
    {"חשון", HEBREW_CHESHVAN},
    {"חשוון", HEBREW_CHESHVAN},
    {"מרחשון", HEBREW_CHESHVAN},
    {"מרחשוון", HEBREW_CHESHVAN},
    {"כסלו", HEBREW_KISLEV},
    {"כסליו", HEBREW_KISLEV},
    {"טבת", HEBREW_TEVET},
    {"שבט", HEBREW_SHVAT},
    {"אדר", HEBREW_ADAR},
    {"אדר א", HEBREW_ADAR_I},
    {"אדר ראשון", HEBREW_ADAR_I},
    {"אדר ב", HEBREW_ADAR_II},
    {"אדר שני", HEBREW_ADAR_II},
    {"ניסן", HEBREW_NISAN},
    {"אייר", HEBREW_IYYAR},
    {"איר", HEBREW_IYYAR},
    {"סיון", HEBREW_SIVAN},
    {"סיוון", HEBREW_SIVAN},
    {"תמוז", HEBREW_TAMUZ},
    {"אב", HEBREW_AV},
    {"מנחם אב", HEBREW_AV},
    {"אלול", HEBREW_ELUL},
};

/* Code point of the UTF-8 sequence at *p (advancing it); 0xFFFD on a broken one. */
static unsigned next_cp(const char **p)
{
    const unsigned char *s = (const unsigned char *)*p;
    unsigned cp;
    int extra;
    if (s[0] < 0x80) {
        cp = s[0];
        extra = 0;
    } else if ((s[0] & 0xE0) == 0xC0) {
        cp = s[0] & 0x1F;
        extra = 1;
    } else if ((s[0] & 0xF0) == 0xE0) {
        cp = s[0] & 0x0F;
        extra = 2;
    } else {
        *p += 1;
        return 0xFFFD;
    }
    for (int i = 1; i <= extra; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *p += i;
            return 0xFFFD;
        }
        cp = cp << 6 | (s[i] & 0x3F);
    }
    *p += 1 + extra;
    return cp;
}

static void put_cp(char **out, unsigned cp)
{
    char *o = *out;
    if (cp < 0x80) {
        *o++ = (char)cp;
    } else if (cp < 0x800) {
        *o++ = (char)(0xC0 | cp >> 6);
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *o++ = (char)(0xE0 | cp >> 12);
        *o++ = (char)(0x80 | (cp >> 6 & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    }
    *out = o;
}

/* Lower-cases ASCII, drops niqqud and cantillation (U+0591..U+05C7 except the letters'
 * punctuation), keeps geresh/gershayim/apostrophes/quotes as ASCII ' and ", turns any run of
 * spaces, commas, dashes and dots into one space. */
static void normalize(const char *in, char *out, size_t size)
{
    char *o = out, *end = out + size - 4;
    bool space = true;
    for (const char *p = in; *p && o < end;) {
        unsigned cp = next_cp(&p);
        if (cp >= 0x0591 && cp <= 0x05C7 && cp != 0x05BE && cp != 0x05C0 && cp != 0x05C3 &&
            cp != 0x05C6)
            continue;
        if (cp == 0x05F3 || cp == 0x2019 || cp == 0x2018 || cp == '`')
            cp = '\'';
        if (cp == 0x05F4 || cp == 0x201D || cp == 0x201C)
            cp = '"';
        if (cp == ' ' || cp == '\t' || cp == ',' || cp == '-' || cp == 0x05BE || cp == '.') {
            if (!space)
                *o++ = ' ';
            space = true;
            continue;
        }
        space = false;
        put_cp(&o, cp < 0x80 ? (unsigned)tolower((int)cp) : cp);
    }
    if (o > out && *(o - 1) == ' ') /* o > out: the byte before o was written above */
        o--;
    *o = '\0';
}

/* Value of a Hebrew letter, 0 for anything else. */
static int letter_value(unsigned cp)
{
    static const int values[27] = {1,  2,  3,  4,  5,  6,  7,  8,  9,  10,  20,  20,  30, 40,
                                   40, 50, 50, 60, 70, 80, 80, 90, 90, 100, 200, 300, 400};
    return cp >= 0x05D0 && cp <= 0x05EA ? values[cp - 0x05D0] : 0;
}

/* A token of digits or Hebrew letters (with ' or " marks) as a number; -1 otherwise.
 * *hebrew_thousands is set when a Hebrew number begins with a thousands letter and a mark
 * (ה'תשפ"ז). */
static int token_number(const char *tok, bool *letters, int *thousands)
{
    *letters = false;
    *thousands = 0;
    if (isdigit((unsigned char)tok[0])) {
        char *end;
        long v = strtol(tok, &end, 10);
        return *end == '\0' && v > 0 && v < 100000 ? (int)v : -1;
    }
    int sum = 0, count = 0;
    const char *p = tok;
    while (*p) {
        unsigned cp = next_cp(&p);
        if (cp == '\'' || cp == '"') {
            if (cp == '\'' && count == 1 && *p) {
                *thousands = sum;
                sum = 0;
            }
            continue;
        }
        int v = letter_value(cp);
        if (!v)
            return -1;
        sum += v;
        count++;
    }
    *letters = true;
    return count ? sum : -1;
}

/* The month named by exactly the first n tokens (quotes ignored), or 0. */
static int match_month(char **tokens, int n)
{
    char name[96];
    size_t len = 0;
    for (int i = 0; i < n; i++) {
        if (i && len + 1 < sizeof name)
            name[len++] = ' ';
        for (const char *c = tokens[i]; *c && len + 1 < sizeof name; c++)
            if (*c != '\'' && *c != '"')
                name[len++] = *c;
    }
    name[len] = '\0';
    for (int attempt = 0; attempt < 2; attempt++) {
        const char *candidate = name;
        /* Hebrew "בניסן": the preposition ב before the month name. */
        if (attempt == 1) {
            if (strncmp(name, "ב", 2) != 0)
                break;
            candidate = name + 2;
        }
        for (size_t i = 0; i < sizeof month_aliases / sizeof *month_aliases; i++)
            if (strcmp(candidate, month_aliases[i].name) == 0)
                return month_aliases[i].month;
    }
    return 0;
}

static bool take_year(char **tokens, int count, int *year)
{
    *year = 0;
    if (count == 0)
        return true;
    bool letters;
    int thousands;
    if (count != 1)
        return false;
    int v = token_number(tokens[0], &letters, &thousands);
    if (v <= 0)
        return false;
    if (letters)
        v += thousands ? thousands * 1000 : 5000;
    if (v < 3762 || v > 9999)
        return false;
    *year = v;
    return true;
}

bool hebrew_parse_day(const char *text, struct hebrew_day *out)
{
    char norm[256];
    normalize(text, norm, sizeof norm);
    char *tokens[8];
    int count = 0;
    for (char *save = NULL, *t = strtok_r(norm, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
        if (count == 8)
            return false;
        tokens[count++] = t;
    }
    if (count < 2)
        return false;
    bool letters;
    int thousands;
    /* "<day> <month> [year]", then "<month> <day> [year]"; a month name has one or two words
     * ("Adar II", "מנחם אב"), the longer reading first. */
    int day = token_number(tokens[0], &letters, &thousands);
    if (day >= 1 && day <= 30 && !thousands) {
        for (int n = 2; n >= 1; n--) {
            int month = n < count ? match_month(tokens + 1, n) : 0;
            if (month && take_year(tokens + 1 + n, count - 1 - n, &out->year)) {
                out->month = month;
                out->day = day;
                return true;
            }
        }
    }
    for (int n = 2; n >= 1; n--) {
        int month = n < count ? match_month(tokens, n) : 0;
        if (!month)
            continue;
        day = token_number(tokens[n], &letters, &thousands);
        if (day >= 1 && day <= 30 && !thousands &&
            take_year(tokens + n + 1, count - n - 1, &out->year)) {
            out->month = month;
            out->day = day;
            return true;
        }
    }
    return false;
}

void hebrew_day_in_year(const struct hebrew_day *d, int year, struct hebrew_date *out)
{
    int month = d->month;
    bool leap = hebrew_is_leap_year(year);
    if (leap && month == HEBREW_ADAR)
        month = HEBREW_ADAR_II;
    else if (!leap && (month == HEBREW_ADAR_I || month == HEBREW_ADAR_II))
        month = HEBREW_ADAR;
    out->year = year;
    out->month = month;
    int len = hebrew_days_in_month(year, month);
    out->day = d->day > len ? len : d->day < 1 ? 1 : d->day;
}

bool hebrew_range_contains(const struct hebrew_day *from, const struct hebrew_day *to, int year,
                           int month, int day)
{
    int64_t today = civil_days_from_date(year, month, day);
    struct hebrew_date h, a, b;
    hebrew_from_civil(year, month, day, &h);
    if (from->year || to->year) {
        hebrew_day_in_year(from, from->year ? from->year : to->year, &a);
        hebrew_day_in_year(to, to->year ? to->year : from->year, &b);
        return hebrew_to_days(&a) <= today && today <= hebrew_to_days(&b);
    }
    hebrew_day_in_year(from, h.year, &a);
    hebrew_day_in_year(to, h.year, &b);
    int64_t start = hebrew_to_days(&a), end = hebrew_to_days(&b);
    if (start <= end)
        return start <= today && today <= end;
    /* Across Rosh Hashana: the end of this year's range or the start of its next. */
    return today >= start || today <= end;
}
