/* Civil (wall-clock) time in a named IANA time zone, and the civil-date arithmetic under it.
 *
 * All schedules run on wall-clock time in the configured zone ("Asia/Jerusalem" by default,
 * daylight saving included). This module converts between UTC time_t and civil time in any zone
 * without touching the process's TZ: it reads the zone's TZif file itself (RFC 8536, from
 * /usr/share/zoneinfo or $TZDIR) and evaluates the file's POSIX rule for times after its last
 * transition. Why not setenv("TZ") + tzset + localtime_r under a mutex: the zone glibc caches is
 * global, so any other thread calling localtime_r (the log, a clock on screen) would see our
 * temporary zone while we hold it; a mutex only protects callers that know about it.
 *
 * A zone is immutable once loaded and may be shared between threads. tz_get() keeps every zone
 * it has loaded for the life of the process (there are only ever a few names in a configuration).
 * When the zone file is missing, "Asia/Jerusalem" falls back to Israel's rule as a POSIX TZ
 * string (IST-2IDT,M3.4.4/26,M10.5.0), and any name that parses as a POSIX TZ string is used as
 * one, so a kiosk without tzdata still keeps Israeli time.
 *
 * Local times that a clock change skips or repeats are resolved deterministically (see
 * tz_from_civil()). */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#define TZ_DEFAULT_ZONE "Asia/Jerusalem"

struct tz_zone;

/* A civil date and time of day. wday: 0 = Sunday .. 6 = Saturday. utc_offset in seconds east of
 * UTC, dst true in daylight-saving time (both only filled by tz_to_civil()). */
struct civil_time {
    int year, month, day;     /* month 1..12, day 1..31 */
    int hour, minute, second; /* 0..23, 0..59, 0..59 */
    int wday;
    int utc_offset;
    bool dst;
};

/* How a civil time maps onto UTC. */
enum tz_match {
    TZ_MATCH_EXACT,     /* exactly one instant */
    TZ_MATCH_GAP,       /* skipped by a spring-forward change: shifted forward by the gap */
    TZ_MATCH_AMBIGUOUS, /* repeated by a fall-back change: the earlier instant was taken */
    TZ_MATCH_INVALID,   /* fields out of range */
};

/* The zone called `name` (NULL or "" means TZ_DEFAULT_ZONE), loaded on first use and cached for
 * the process's lifetime; thread-safe. Returns NULL (and logs why) when the name is not a zone
 * and not a POSIX TZ string. The zone is owned by the cache: never free it. */
const struct tz_zone *tz_get(const char *name);

/* Loads a zone from a TZif file, or from a POSIX TZ string ("IST-2IDT,M3.4.4/26,M10.5.0"),
 * without the cache; `name` is what tz_name() reports. NULL when it cannot be read. The caller
 * owns the result and frees it with tz_free(). For tests and tools. */
struct tz_zone *tz_load_file(const char *name, const char *path);
struct tz_zone *tz_load_posix(const char *name, const char *posix);
void tz_free(struct tz_zone *zone);

/* The zone's name as given to tz_get(); owned by the zone. */
const char *tz_name(const struct tz_zone *zone);

/* UTC -> civil time in the zone (utc_offset, dst and wday filled). */
void tz_to_civil(const struct tz_zone *zone, time_t t, struct civil_time *out);

/* The offset from UTC in seconds in force at t, and whether it is daylight-saving time. */
int tz_offset_at(const struct tz_zone *zone, time_t t, bool *dst);

/* Civil time in the zone -> UTC (year..second of `c` are read; the rest ignored).
 *   - In a gap (e.g. 02:30 on the night Israel moves from 02:00 to 03:00): the time is read with
 *     the offset in force before the change, which lands as far after the change as it was after
 *     its start (02:30 -> 03:30 summer time). A schedule "at 02:30" thus still fires that night.
 *   - When repeated (e.g. 01:30 on the night clocks go back from 02:00 to 01:00): the earlier
 *     instant (still summer time); *later, when not NULL, receives the second one. A daily
 *     schedule therefore fires once, at its first occurrence.
 * *later is set to *out when the time is not ambiguous. */
enum tz_match tz_from_civil(const struct tz_zone *zone, const struct civil_time *c, time_t *out,
                            time_t *later);

/* Days since 1970-01-01 of a proleptic Gregorian date, and back (any int64 range that fits). */
int64_t civil_days_from_date(int year, int month, int day);
void civil_date_from_days(int64_t days, int *year, int *month, int *day);
/* 0 = Sunday .. 6 = Saturday. */
int civil_weekday(int64_t days);
int civil_days_in_month(int year, int month);
