/* Clocks on slides show the wall clock at the playlist's place, not the machine's zone: a Pi left
 * on UTC (or a desktop in New York previewing Akko's playlist) shows the time residents read on
 * their own watches, and the same time the schedules use. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "render/clock_text.h"

static time_t utc(int y, int mo, int d, int h, int mi)
{
    struct tm tm = {
        .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi};
    return timegm(&tm);
}

static void clock_at(const struct playlist *pl, time_t t, char *buf, size_t size)
{
    struct tm tm;
    clock_local_time(pl, t, &tm);
    clock_text("en", CLOCK_TIME, &tm, buf, size);
}

int main(void)
{
    static const char *const machine_zones[] = {"UTC", "America/New_York", "Asia/Jerusalem",
                                                "Asia/Tokyo"};
    struct playlist akko = {.has_place = true};
    akko.place.city = (char *)"Akko";
    struct playlist no_place = {0};
    struct playlist lisbon = {.has_place = true};
    lisbon.place.city = (char *)"Lisbon";
    lisbon.place.tz = (char *)"Europe/Lisbon";
    char buf[64];
    for (size_t i = 0; i < sizeof machine_zones / sizeof *machine_zones; i++) {
        setenv("TZ", machine_zones[i], 1);
        tzset();
        /* 15:20 UTC on 10 December 2026 is 17:20 in Israel (winter, UTC+2). */
        clock_at(&akko, utc(2026, 12, 10, 15, 20), buf, sizeof buf);
        CHECK(!strcmp(buf, "17:20"), "machine in %s, Akko in winter: %s", machine_zones[i], buf);
        /* Summer time: 15:20 UTC on 10 July 2026 is 18:20 in Israel (UTC+3). */
        clock_at(&akko, utc(2026, 7, 10, 15, 20), buf, sizeof buf);
        CHECK(!strcmp(buf, "18:20"), "machine in %s, Akko in summer: %s", machine_zones[i], buf);
        /* Without a place the kiosk keeps Israel's time, as its schedules do. */
        clock_at(&no_place, utc(2026, 12, 10, 15, 20), buf, sizeof buf);
        CHECK(!strcmp(buf, "17:20"), "machine in %s, no place: %s", machine_zones[i], buf);
        /* A place's own zone wins. */
        clock_at(&lisbon, utc(2026, 12, 10, 15, 20), buf, sizeof buf);
        CHECK(!strcmp(buf, "15:20"), "machine in %s, Lisbon: %s", machine_zones[i], buf);
    }
    /* The date turns at the place's midnight: 22:30 UTC on 31 December is 1 January there. */
    setenv("TZ", "UTC", 1);
    tzset();
    struct tm tm;
    clock_local_time(&akko, utc(2026, 12, 31, 22, 30), &tm);
    CHECK(tm.tm_year == 127 && tm.tm_mon == 0 && tm.tm_mday == 1 && tm.tm_wday == 5,
          "new year in Akko: %d-%d-%d wday %d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
          tm.tm_wday);
    return check_summary();
}
