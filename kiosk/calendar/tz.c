/* Time zones from TZif files and POSIX TZ rules, with no global state beyond the zone cache. */
#define LOG_MODULE "tz"
#include "calendar/tz.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/xmalloc.h"

/* A zone file larger than this is not a zone file (the largest in tzdata is ~ 4 KiB). */
#define TZ_FILE_MAX (256 * 1024)

/* Israel since 2013: summer time from the Friday before the last Sunday of March at 02:00 (the
 * Thursday-based "M3.4.4/26"), to the last Sunday of October at 02:00. */
#define TZ_ISRAEL_POSIX "IST-2IDT,M3.4.4/26,M10.5.0"

struct tz_type {
    int32_t offset; /* seconds east of UTC */
    bool dst;
};

/* One end of a POSIX rule: a day of the year and the local time of the change. */
struct tz_rule_date {
    char kind;    /* 'J': Julian day 1..365 without Feb 29; 'D': day 0..365; 'M': month.week.day */
    int day;      /* for 'J' and 'D' */
    int month;    /* for 'M': 1..12 */
    int week;     /* for 'M': 1..5, 5 = the last */
    int weekday;  /* for 'M': 0 = Sunday */
    int32_t time; /* seconds after local midnight; may be negative or past 24 h (RFC 8536) */
};

struct tz_posix {
    bool valid;
    int32_t std_offset, dst_offset; /* seconds east of UTC */
    bool has_dst;
    struct tz_rule_date start, end; /* into and out of summer time */
};

struct tz_zone {
    char *name;
    size_t count;          /* transitions */
    int64_t *times;        /* count UTC instants, ascending; owned */
    uint8_t *type_index;   /* count indices into types; owned */
    struct tz_type *types; /* owned */
    size_t type_count;
    struct tz_posix rule; /* after the last transition (or everywhere when count == 0) */
};

/* ---- civil dates ---------------------------------------------------------------------------- */

/* Howard Hinnant's days_from_civil. */
int64_t civil_days_from_date(int year, int month, int day)
{
    int64_t y = (int64_t)year - (month <= 2);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civil_date_from_days(int64_t days, int *year, int *month, int *day)
{
    days += 719468;
    int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    int64_t doe = days - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = (int)(yoe + era * 400 + (m <= 2));
    *month = m;
    *day = d;
}

int civil_weekday(int64_t days)
{
    /* 1970-01-01 was a Thursday. */
    int64_t w = (days + 4) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

static bool is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int civil_days_in_month(int year, int month)
{
    static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    return len[month - 1] + (month == 2 && is_leap(year));
}

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* ---- POSIX TZ strings ----------------------------------------------------------------------- */

static const char *posix_name(const char *s)
{
    if (*s == '<') {
        const char *e = strchr(s, '>');
        return e && e - s >= 2 ? e + 1 : NULL;
    }
    const char *p = s;
    while (isalpha((unsigned char)*p))
        p++;
    return p - s >= 3 ? p : NULL;
}

/* [+-]hh[:mm[:ss]], hours up to 167 (RFC 8536 allows -167..167 in rule times). */
static const char *posix_hms(const char *s, int32_t *out)
{
    int sign = 1;
    if (*s == '+' || *s == '-')
        sign = *s++ == '-' ? -1 : 1;
    if (!isdigit((unsigned char)*s))
        return NULL;
    char *end;
    long h = strtol(s, &end, 10), m = 0, sec = 0;
    if (*end == ':') {
        m = strtol(end + 1, &end, 10);
        if (*end == ':')
            sec = strtol(end + 1, &end, 10);
    }
    if (h > 167 || m < 0 || m > 59 || sec < 0 || sec > 59)
        return NULL;
    *out = (int32_t)(sign * (h * 3600 + m * 60 + sec));
    return end;
}

static const char *posix_rule_date(const char *s, struct tz_rule_date *d)
{
    memset(d, 0, sizeof *d);
    char *end;
    if (*s == 'J') {
        d->kind = 'J';
        d->day = (int)strtol(s + 1, &end, 10);
        if (end == s + 1 || d->day < 1 || d->day > 365)
            return NULL;
    } else if (*s == 'M') {
        d->kind = 'M';
        d->month = (int)strtol(s + 1, &end, 10);
        if (*end != '.')
            return NULL;
        d->week = (int)strtol(end + 1, &end, 10);
        if (*end != '.')
            return NULL;
        d->weekday = (int)strtol(end + 1, &end, 10);
        if (d->month < 1 || d->month > 12 || d->week < 1 || d->week > 5 || d->weekday < 0 ||
            d->weekday > 6)
            return NULL;
    } else if (isdigit((unsigned char)*s)) {
        d->kind = 'D';
        d->day = (int)strtol(s, &end, 10);
        if (d->day > 365)
            return NULL;
    } else {
        return NULL;
    }
    s = end;
    d->time = 2 * 3600;
    if (*s == '/')
        s = posix_hms(s + 1, &d->time);
    return s;
}

static bool posix_parse(const char *s, struct tz_posix *out)
{
    memset(out, 0, sizeof *out);
    int32_t off;
    if (!(s = posix_name(s)) || !(s = posix_hms(s, &off)))
        return false;
    out->std_offset = -off; /* POSIX offsets count west of UTC */
    if (*s == '\0') {
        out->valid = true;
        return true;
    }
    if (!(s = posix_name(s)))
        return false;
    out->has_dst = true;
    out->dst_offset = out->std_offset + 3600;
    if (*s != ',' && *s != '\0') {
        if (!(s = posix_hms(s, &off)))
            return false;
        out->dst_offset = -off;
    }
    if (*s == '\0') {
        /* No rule: POSIX leaves it to the implementation; use the US rule as glibc does. */
        s = ",M3.2.0,M11.1.0";
    }
    if (*s != ',' || !(s = posix_rule_date(s + 1, &out->start)) || *s != ',' ||
        !(s = posix_rule_date(s + 1, &out->end)) || *s != '\0')
        return false;
    out->valid = true;
    return true;
}

/* Days since the epoch of a rule date in `year`. */
static int64_t rule_day(const struct tz_rule_date *d, int year)
{
    int64_t jan1 = civil_days_from_date(year, 1, 1);
    switch (d->kind) {
    case 'J':
        return jan1 + d->day - 1 + (is_leap(year) && d->day >= 60);
    case 'D':
        return jan1 + d->day;
    default: {
        int64_t first = civil_days_from_date(year, d->month, 1);
        int64_t day = first + (d->weekday - civil_weekday(first) + 7) % 7 + 7 * (d->week - 1);
        while (day >= first + civil_days_in_month(year, d->month))
            day -= 7;
        return day;
    }
    }
}

static struct tz_type posix_type_at(const struct tz_posix *r, int64_t t)
{
    struct tz_type std = {r->std_offset, false};
    if (!r->has_dst)
        return std;
    struct tz_type dst = {r->dst_offset, true};
    int year, month, day;
    civil_date_from_days(floor_div(t + r->std_offset, 86400), &year, &month, &day);
    /* The change into summer time happens at a standard-time wall clock, the change out of it at
     * a summer-time one. Look at the neighbouring years too: a rule time past 24 h can move a
     * change across New Year. */
    for (int y = year + 1; y >= year - 1; y--) {
        int64_t start = rule_day(&r->start, y) * 86400 + r->start.time - r->std_offset;
        int64_t end = rule_day(&r->end, y) * 86400 + r->end.time - r->dst_offset;
        if (start < end) {
            if (t >= end)
                return std;
            if (t >= start)
                return dst;
        } else {
            /* Southern hemisphere: summer time spans New Year. */
            if (t >= start)
                return dst;
            if (t >= end)
                return std;
        }
    }
    /* Before every change we looked at: whatever held before the first of them. */
    int64_t start = rule_day(&r->start, year - 1) * 86400 + r->start.time - r->std_offset;
    int64_t end = rule_day(&r->end, year - 1) * 86400 + r->end.time - r->dst_offset;
    return start < end ? std : dst;
}

/* ---- TZif files ----------------------------------------------------------------------------- */

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
    return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

struct tzif_counts {
    uint32_t isut, isstd, leap, time, type, chars;
};

static bool tzif_header(const unsigned char *p, size_t len, struct tzif_counts *c, char *version)
{
    if (len < 44 || memcmp(p, "TZif", 4) != 0)
        return false;
    *version = (char)p[4];
    c->isut = be32(p + 20);
    c->isstd = be32(p + 24);
    c->leap = be32(p + 28);
    c->time = be32(p + 32);
    c->type = be32(p + 36);
    c->chars = be32(p + 40);
    return c->type >= 1 && c->type <= 256 && c->time <= 100000 && c->chars <= 4096 &&
           c->leap <= 10000 && (c->isut == 0 || c->isut == c->type) &&
           (c->isstd == 0 || c->isstd == c->type);
}

static size_t tzif_block_size(const struct tzif_counts *c, size_t time_size)
{
    return c->time * time_size + c->time + c->type * 6 + c->chars + c->leap * (time_size + 4) +
           c->isstd + c->isut;
}

static bool tzif_parse(struct tz_zone *z, const unsigned char *p, size_t len)
{
    struct tzif_counts c;
    char version;
    if (!tzif_header(p, len, &c, &version))
        return false;
    size_t time_size = 4, at = 44;
    if (version >= '2') {
        /* Skip the 32-bit block; the 64-bit one follows with its own header. */
        at += tzif_block_size(&c, 4);
        if (at > len || !tzif_header(p + at, len - at, &c, &version))
            return false;
        at += 44;
        time_size = 8;
    }
    if (at + tzif_block_size(&c, time_size) > len)
        return false;
    const unsigned char *times = p + at, *idx = times + c.time * time_size, *types = idx + c.time;
    z->count = c.time;
    z->times = xcalloc(c.time ? c.time : 1, sizeof *z->times);
    z->type_index = xcalloc(c.time ? c.time : 1, 1);
    z->type_count = c.type;
    z->types = xcalloc(c.type, sizeof *z->types);
    for (uint32_t i = 0; i < c.time; i++) {
        z->times[i] = time_size == 8 ? be64(times + 8 * i) : (int32_t)be32(times + 4 * i);
        if (idx[i] >= c.type || (i > 0 && z->times[i] <= z->times[i - 1]))
            return false;
        z->type_index[i] = idx[i];
    }
    for (uint32_t i = 0; i < c.type; i++) {
        z->types[i].offset = (int32_t)be32(types + 6 * i);
        z->types[i].dst = types[6 * i + 4] != 0;
        if (z->types[i].offset < -25 * 3600 || z->types[i].offset > 26 * 3600)
            return false;
    }
    at += tzif_block_size(&c, time_size);
    /* The footer: "\n<POSIX TZ string>\n", for instants after the last transition. */
    if (time_size == 8 && at < len && p[at] == '\n') {
        const unsigned char *nl = memchr(p + at + 1, '\n', len - at - 1);
        if (nl && nl - (p + at + 1) < 128) {
            char rule[128];
            size_t n = (size_t)(nl - (p + at + 1));
            memcpy(rule, p + at + 1, n);
            rule[n] = '\0';
            if (n > 0 && !posix_parse(rule, &z->rule))
                LOG_WARN("%s: cannot read its rule \"%s\"; using its last transition", z->name,
                         rule);
        }
    }
    return true;
}

struct tz_zone *tz_load_posix(const char *name, const char *posix)
{
    struct tz_zone *z = xcalloc(1, sizeof *z);
    z->name = xstrdup(name);
    if (!posix_parse(posix, &z->rule)) {
        tz_free(z);
        return NULL;
    }
    return z;
}

struct tz_zone *tz_load_file(const char *name, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    unsigned char *buf = xmalloc(TZ_FILE_MAX);
    size_t len = fread(buf, 1, TZ_FILE_MAX, f);
    fclose(f);
    struct tz_zone *z = xcalloc(1, sizeof *z);
    z->name = xstrdup(name);
    bool ok = len < TZ_FILE_MAX && tzif_parse(z, buf, len);
    free(buf);
    if (!ok) {
        LOG_WARN("%s: not a valid zone file", path);
        tz_free(z);
        return NULL;
    }
    return z;
}

void tz_free(struct tz_zone *z)
{
    if (!z)
        return;
    free(z->name);
    free(z->times);
    free(z->type_index);
    free(z->types);
    free(z);
}

const char *tz_name(const struct tz_zone *z)
{
    return z->name;
}

/* A zone name is a relative path of letters, digits and "_+-/", without "..": nothing from a
 * playlist may point the loader at another file. */
static bool zone_name_ok(const char *name)
{
    if (!*name || name[0] == '/' || strstr(name, "..") || strlen(name) > 64)
        return false;
    for (const char *p = name; *p; p++)
        if (!isalnum((unsigned char)*p) && !strchr("_+-/", *p))
            return false;
    return true;
}

static struct tz_zone *zone_load(const char *name)
{
    if (zone_name_ok(name)) {
        const char *dir = getenv("TZDIR");
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", name);
        struct tz_zone *z = tz_load_file(name, path);
        if (z)
            return z;
        if (strcmp(name, "Asia/Jerusalem") == 0 || strcmp(name, "Israel") == 0) {
            LOG_WARN("%s: no zone file; using Israel's rule %s", name, TZ_ISRAEL_POSIX);
            return tz_load_posix(name, TZ_ISRAEL_POSIX);
        }
    }
    struct tz_zone *z = tz_load_posix(name, name);
    if (!z)
        LOG_ERR("unknown time zone \"%s\"", name);
    return z;
}

/* The process-wide zone cache: a short list, searched under a mutex. Names that failed are
 * remembered too (with a NULL zone), so a wrong name in the configuration is reported once, not
 * on every question a scheduler asks. */
struct cache_entry {
    char *name;
    struct tz_zone *zone;
};
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct cache_entry *cache;
static size_t cache_count, cache_cap;

const struct tz_zone *tz_get(const char *name)
{
    if (!name || !*name)
        name = TZ_DEFAULT_ZONE;
    pthread_mutex_lock(&cache_lock);
    for (size_t i = 0; i < cache_count; i++) {
        if (strcmp(cache[i].name, name) == 0) {
            struct tz_zone *z = cache[i].zone;
            pthread_mutex_unlock(&cache_lock);
            return z;
        }
    }
    struct tz_zone *z = zone_load(name);
    cache = xgrow(cache, &cache_cap, cache_count + 1, sizeof *cache);
    cache[cache_count++] = (struct cache_entry){xstrdup(name), z};
    pthread_mutex_unlock(&cache_lock);
    return z;
}

/* ---- conversions ---------------------------------------------------------------------------- */

static struct tz_type type_at(const struct tz_zone *z, int64_t t)
{
    if (z->count == 0 || t >= z->times[z->count - 1]) {
        if (z->rule.valid)
            return posix_type_at(&z->rule, t);
        if (z->count == 0)
            return z->type_count ? z->types[0] : (struct tz_type){0, false};
        return z->types[z->type_index[z->count - 1]];
    }
    if (t < z->times[0])
        return z->types[0];
    size_t lo = 0, hi = z->count - 1; /* times[lo] <= t < times[hi] */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (z->times[mid] <= t)
            lo = mid;
        else
            hi = mid;
    }
    return z->types[z->type_index[lo]];
}

int tz_offset_at(const struct tz_zone *z, time_t t, bool *dst)
{
    struct tz_type ty = type_at(z, (int64_t)t);
    if (dst)
        *dst = ty.dst;
    return ty.offset;
}

void tz_to_civil(const struct tz_zone *z, time_t t, struct civil_time *out)
{
    struct tz_type ty = type_at(z, (int64_t)t);
    int64_t local = (int64_t)t + ty.offset;
    int64_t days = floor_div(local, 86400);
    int64_t secs = local - days * 86400;
    civil_date_from_days(days, &out->year, &out->month, &out->day);
    out->hour = (int)(secs / 3600);
    out->minute = (int)(secs / 60 % 60);
    out->second = (int)(secs % 60);
    out->wday = civil_weekday(days);
    out->utc_offset = ty.offset;
    out->dst = ty.dst;
}

enum tz_match tz_from_civil(const struct tz_zone *z, const struct civil_time *c, time_t *out,
                            time_t *later)
{
    if (c->month < 1 || c->month > 12 || c->day < 1 ||
        c->day > civil_days_in_month(c->year, c->month) || c->hour < 0 || c->hour > 23 ||
        c->minute < 0 || c->minute > 59 || c->second < 0 || c->second > 60)
        return TZ_MATCH_INVALID;
    int64_t local = civil_days_from_date(c->year, c->month, c->day) * 86400 + c->hour * 3600 +
                    c->minute * 60 + c->second;
    /* The instant is within a day of `local`; the offsets in force a day either side are the
     * only candidates (zones change offset at most once in any two days). */
    int32_t before = type_at(z, local - 86400).offset;
    int32_t after = type_at(z, local + 86400).offset;
    int64_t cand[2];
    int n = 0;
    if (type_at(z, local - before).offset == before)
        cand[n++] = local - before;
    if (after != before && type_at(z, local - after).offset == after)
        cand[n++] = local - after;
    enum tz_match m;
    if (n == 0) {
        /* Skipped: read the time with the offset before the change. */
        cand[0] = cand[1] = local - before;
        m = TZ_MATCH_GAP;
    } else if (n == 1) {
        cand[1] = cand[0];
        m = TZ_MATCH_EXACT;
    } else {
        if (cand[1] < cand[0]) {
            int64_t tmp = cand[0];
            cand[0] = cand[1];
            cand[1] = tmp;
        }
        m = cand[0] == cand[1] ? TZ_MATCH_EXACT : TZ_MATCH_AMBIGUOUS;
    }
    *out = (time_t)cand[0];
    if (later)
        *later = (time_t)cand[1];
    return m;
}
