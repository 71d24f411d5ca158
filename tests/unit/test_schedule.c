/* Schedules (sched/schedule.h) and the scheduler's eligibility (sched.h), with the wall clock
 * injected: every moment is a local time in Asia/Jerusalem, Akko's place for rest days. Tables
 * of (schedule, local time, expected); the festival week is Pesach 5787 (22 April 2027); the
 * clock changes are Israel's of 2027 (26 March, 31 October). */
#include <stdlib.h>
#include <string.h>

#include "calendar/rest.h"
#include "check.h"
#include "playlist/playlist.h"
#include "sched/sched.h"
#include "sched/schedule.h"

static struct schedule_env env;

/* UTC of a local time in Jerusalem (the first of two on the repeated autumn hour). */
static time_t local(int y, int mo, int d, int h, int mi)
{
    struct civil_time c = {.year = y, .month = mo, .day = d, .hour = h, .minute = mi};
    time_t t, later;
    tz_from_civil(env.zone, &c, &t, &later);
    return t;
}

static time_t utc(int y, int mo, int d, int h, int mi)
{
    return (time_t)(civil_days_from_date(y, mo, d) * 86400 + h * 3600 + mi * 60);
}

static char *show(time_t t)
{
    static char buf[4][40];
    static int n;
    char *b = buf[n++ % 4];
    struct civil_time c;
    tz_to_civil(env.zone, t, &c);
    snprintf(b, 40, "%04d-%02d-%02d %02d:%02d:%02d%s", c.year, c.month, c.day, c.hour, c.minute,
             c.second, c.dst ? " IDT" : " IST");
    return b;
}

static struct schedule_date_range pesach_fortnight[] = {
    {0, 0}, /* filled in main: 2027-04-15 .. 2027-04-29 */
};
static struct schedule_time_range morning[] = {{6 * 60, 12 * 60}};
static struct schedule_time_range night[] = {{22 * 60, 6 * 60}};
static struct schedule_time_range spring_gap[] = {{2 * 60 + 30, 3 * 60 + 30}};
static struct schedule_time_range autumn_repeat[] = {{60, 90}};
static struct schedule_time_range until_midnight[] = {{18 * 60, 24 * 60}};
static struct schedule_hebrew_range nisan[1];
static struct calendar_period before_pesach[1];

static struct schedule s_dates, s_weekend, s_morning, s_night, s_gap, s_repeat, s_evening, s_nisan,
    s_period, s_rest_only, s_rest_never, s_sat_morning;

static void setup(void)
{
    struct schedule_place akko = {.city = "Akko"};
    CHECK(schedule_env_init(&env, &akko), "Akko's zone loads");
    CHECK(env.has_coordinates && strcmp(env.place.tz, "Asia/Jerusalem") == 0, "Akko's place");
    CHECK(schedule_parse_date("2027-04-15", &pesach_fortnight[0].from) &&
              schedule_parse_date("2027-04-29", &pesach_fortnight[0].to),
          "dates parse");
    CHECK(hebrew_parse_day("1 Nisan", &nisan[0].from) && hebrew_parse_day("22 Nisan", &nisan[0].to),
          "Hebrew days parse");
    char err[200];
    CHECK(calendar_period_parse("week before pesach", &before_pesach[0], err, sizeof err),
          "period parses: %s", err);
    s_dates = (struct schedule){.dates = pesach_fortnight, .date_count = 1};
    s_weekend = (struct schedule){.days = 1u << 5 | 1u << 6};
    s_morning = (struct schedule){.times = morning, .time_count = 1};
    s_night = (struct schedule){.times = night, .time_count = 1};
    s_gap = (struct schedule){.times = spring_gap, .time_count = 1};
    s_repeat = (struct schedule){.times = autumn_repeat, .time_count = 1};
    s_evening = (struct schedule){.times = until_midnight, .time_count = 1};
    s_nisan = (struct schedule){.hebrew = nisan, .hebrew_count = 1};
    s_period = (struct schedule){.periods = before_pesach, .period_count = 1};
    s_rest_only = (struct schedule){.rest = SCHEDULE_REST_ONLY};
    s_rest_never = (struct schedule){.rest = SCHEDULE_REST_NEVER};
    s_sat_morning = (struct schedule){.days = 1u << 6, .times = morning, .time_count = 1};
}

static void test_parse_values(void)
{
    int64_t d;
    int m;
    CHECK(schedule_parse_date("2027-02-28", &d) && d == civil_days_from_date(2027, 2, 28),
          "28 Feb");
    CHECK(!schedule_parse_date("2027-02-29", &d), "no 29 February in 2027");
    CHECK(schedule_parse_date("2028-02-29", &d), "29 February 2028");
    CHECK(!schedule_parse_date("2027-02-30", &d), "30 February");
    CHECK(!schedule_parse_date("2027-4-15", &d) && !schedule_parse_date("2027-04-15 ", &d),
          "strict form");
    CHECK(schedule_parse_time("06:00", false, &m) && m == 360, "06:00");
    CHECK(schedule_parse_time("23:59", false, &m) && m == 1439, "23:59");
    CHECK(!schedule_parse_time("24:00", false, &m), "24:00 not as a start");
    CHECK(schedule_parse_time("24:00", true, &m) && m == 1440, "24:00 as an end");
    CHECK(!schedule_parse_time("12:60", true, &m) && !schedule_parse_time("6:00", true, &m) &&
              !schedule_parse_time("24:01", true, &m),
          "bad times");
    CHECK(schedule_parse_weekday("fri") == 5 && schedule_parse_weekday("Saturday") == 6 &&
              schedule_parse_weekday("SUN") == 0 && schedule_parse_weekday("fr") == -1,
          "weekdays");
}

static void test_active_table(void)
{
    static const struct {
        const struct schedule *s;
        int y, mo, d, h, mi;
        bool active;
        const char *what;
    } rows[] = {
        {&s_dates, 2027, 4, 14, 23, 59, false, "day before the range"},
        {&s_dates, 2027, 4, 15, 0, 0, true, "first day at midnight"},
        {&s_dates, 2027, 4, 29, 23, 59, true, "last day, last minute"},
        {&s_dates, 2027, 4, 30, 0, 0, false, "after the range"},
        {&s_weekend, 2027, 4, 22, 23, 59, false, "Thursday"},
        {&s_weekend, 2027, 4, 23, 0, 0, true, "Friday"},
        {&s_weekend, 2027, 4, 24, 23, 59, true, "Saturday"},
        {&s_weekend, 2027, 4, 25, 0, 0, false, "Sunday"},
        {&s_morning, 2027, 4, 20, 5, 59, false, "before 06:00"},
        {&s_morning, 2027, 4, 20, 6, 0, true, "06:00 included"},
        {&s_morning, 2027, 4, 20, 11, 59, true, "11:59"},
        {&s_morning, 2027, 4, 20, 12, 0, false, "12:00 excluded"},
        {&s_night, 2027, 4, 20, 21, 59, false, "night: 21:59"},
        {&s_night, 2027, 4, 20, 22, 0, true, "night: 22:00"},
        {&s_night, 2027, 4, 21, 0, 0, true, "night: midnight"},
        {&s_night, 2027, 4, 21, 5, 59, true, "night: 05:59"},
        {&s_night, 2027, 4, 21, 6, 0, false, "night: 06:00"},
        {&s_evening, 2027, 4, 20, 23, 59, true, "until 24:00"},
        {&s_evening, 2027, 4, 21, 0, 0, false, "24:00 excluded"},
        {&s_nisan, 2027, 4, 7, 23, 59, false, "29 Adar II"},
        {&s_nisan, 2027, 4, 8, 0, 0, true, "1 Nisan 5787"},
        {&s_nisan, 2027, 4, 29, 23, 59, true, "22 Nisan"},
        {&s_nisan, 2027, 4, 30, 0, 0, false, "23 Nisan"},
        {&s_nisan, 2028, 3, 28, 12, 0, true, "1 Nisan 5788 (every year)"},
        {&s_nisan, 2028, 3, 27, 12, 0, false, "29 Adar 5788"},
        {&s_period, 2027, 4, 14, 23, 59, false, "8 days before Pesach"},
        {&s_period, 2027, 4, 15, 0, 0, true, "week before Pesach: first day"},
        {&s_period, 2027, 4, 21, 23, 59, true, "Erev Pesach"},
        {&s_period, 2027, 4, 22, 0, 0, false, "Pesach I"},
        {&s_sat_morning, 2027, 4, 24, 9, 0, true, "Saturday 09:00"},
        {&s_sat_morning, 2027, 4, 24, 13, 0, false, "Saturday 13:00"},
        {&s_sat_morning, 2027, 4, 23, 9, 0, false, "Friday 09:00"},
        {&s_rest_only, 2027, 4, 20, 12, 0, false, "a Tuesday"},
        {&s_rest_only, 2027, 4, 22, 12, 0, true, "Pesach I"},
        {&s_rest_only, 2027, 4, 23, 12, 0, false, "chol hamoed Friday, before candle lighting"},
        {&s_rest_only, 2027, 4, 24, 12, 0, true, "Shabbat chol hamoed"},
        {&s_rest_never, 2027, 4, 22, 12, 0, false, "never: Pesach I"},
        {&s_rest_never, 2027, 4, 26, 12, 0, true, "never: a Monday of chol hamoed"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        time_t t = local(rows[i].y, rows[i].mo, rows[i].d, rows[i].h, rows[i].mi);
        CHECK(schedule_active(rows[i].s, &env, t) == rows[i].active, "%s (%s): expected %s",
              rows[i].what, show(t), rows[i].active ? "active" : "inactive");
    }
    CHECK(schedule_active(NULL, &env, 0), "no schedule: always");
    struct schedule empty = {0};
    CHECK(schedule_active(&empty, &env, 0), "empty schedule: always");
}

/* The rest windows of Pesach week in Akko, from the calendar: exact to the second. */
static void test_rest_windows(void)
{
    static const struct {
        int y, mo, d;
        unsigned kind;
    } windows[] = {
        {2027, 4, 21, REST_PESACH_I}, /* from the eve, Wednesday 21 April */
        {2027, 4, 23, REST_SHABBAT},
        {2027, 4, 27, REST_PESACH_VII},
    };
    for (size_t i = 0; i < sizeof windows / sizeof windows[0]; i++) {
        struct rest_window w;
        time_t noon = local(windows[i].y, windows[i].mo, windows[i].d, 12, 0);
        CHECK(rest_next(&env.place, noon, &w) && (w.kinds & windows[i].kind), "window %zu", i);
        CHECK(!schedule_active(&s_rest_only, &env, w.start - 1), "only: a second before %s",
              show(w.start));
        CHECK(schedule_active(&s_rest_only, &env, w.start), "only: at candle lighting %s",
              show(w.start));
        CHECK(schedule_active(&s_rest_only, &env, w.end - 1), "only: a second before havdalah %s",
              show(w.end));
        CHECK(!schedule_active(&s_rest_only, &env, w.end), "only: at havdalah %s", show(w.end));
        CHECK(schedule_active(&s_rest_never, &env, w.start - 1) &&
                  !schedule_active(&s_rest_never, &env, w.start),
              "never: the other way round");
        time_t next = schedule_next_change(&s_rest_only, &env, noon, noon + 7 * 86400);
        CHECK(next == w.start, "next change from noon is candle lighting: %s, expected %s",
              show(next), show(w.start));
        next = schedule_next_change(&s_rest_only, &env, w.start, w.start + 7 * 86400);
        CHECK(next == w.end, "then havdalah: %s, expected %s", show(next), show(w.end));
        struct civil_time c;
        tz_to_civil(env.zone, w.start, &c);
        CHECK(c.hour == 18 && c.minute >= 50,
              "candle lighting in Akko in late April is about 18:55 summer time: %s",
              show(w.start));
    }
}

static void test_next_change(void)
{
    struct {
        const struct schedule *s;
        time_t from, expected;
        const char *what;
    } table[] = {
        {&s_morning, local(2027, 4, 20, 3, 17), local(2027, 4, 20, 6, 0), "to 06:00"},
        {&s_morning, local(2027, 4, 20, 6, 0), local(2027, 4, 20, 12, 0), "to 12:00"},
        {&s_morning, local(2027, 4, 20, 12, 0), local(2027, 4, 21, 6, 0), "to tomorrow 06:00"},
        {&s_night, local(2027, 4, 20, 12, 0), local(2027, 4, 20, 22, 0), "night starts"},
        {&s_night, local(2027, 4, 20, 22, 0), local(2027, 4, 21, 6, 0), "across midnight"},
        {&s_dates, local(2027, 4, 1, 9, 0), local(2027, 4, 15, 0, 0), "the range starts"},
        {&s_dates, local(2027, 4, 15, 0, 0), local(2027, 4, 30, 0, 0), "the range ends"},
        {&s_weekend, local(2027, 4, 20, 9, 0), local(2027, 4, 23, 0, 0), "Friday"},
        {&s_period, local(2027, 4, 1, 9, 0), local(2027, 4, 15, 0, 0), "week before Pesach"},
        {&s_sat_morning, local(2027, 4, 20, 9, 0), local(2027, 4, 24, 6, 0), "Saturday 06:00"},
        /* Spring forward, 26 March 2027: 02:00 IST becomes 03:00 IDT (00:00 UTC). The range
         * 02:30-03:30 starts when the clock jumps into it, and ends at 03:30 IDT. */
        {&s_gap, local(2027, 3, 26, 1, 0), utc(2027, 3, 26, 0, 0),
         "the clock jumps into 02:30-03:30"},
        {&s_gap, utc(2027, 3, 26, 0, 0), utc(2027, 3, 26, 0, 30), "03:30 IDT"},
        /* Fall back, 31 October 2027: 02:00 IDT (23:00 UTC) becomes 01:00 IST. 01:00-01:30
         * is on the wall twice. */
        {&s_repeat, utc(2027, 10, 30, 21, 0), utc(2027, 10, 30, 22, 0), "01:00 IDT"},
        {&s_repeat, utc(2027, 10, 30, 22, 0), utc(2027, 10, 30, 22, 30), "01:30 IDT"},
        {&s_repeat, utc(2027, 10, 30, 22, 30), utc(2027, 10, 30, 23, 0), "01:00 IST again"},
        {&s_repeat, utc(2027, 10, 30, 23, 0), utc(2027, 10, 30, 23, 30), "01:30 IST"},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        time_t got =
            schedule_next_change(table[i].s, &env, table[i].from, table[i].from + 30 * 86400);
        CHECK(got == table[i].expected, "%s: from %s got %s, expected %s", table[i].what,
              show(table[i].from), show(got), show(table[i].expected));
    }
    time_t t = local(2027, 4, 20, 3, 0);
    CHECK(schedule_next_change(&s_morning, &env, t, t + 3600) == t + 3600, "limit when none");
    CHECK(schedule_next_change(NULL, &env, t, t + 99) == t + 99, "no schedule: limit");
    /* Summer and winter 06:00 are both local: the same schedule, an hour apart in UTC. */
    CHECK(local(2027, 7, 1, 6, 0) == utc(2027, 7, 1, 3, 0) &&
              local(2027, 12, 1, 6, 0) == utc(2027, 12, 1, 4, 0),
          "06:00 is local time in summer and in winter");
    /* Brute force agrees with the search over the festival fortnight, minute by minute. */
    const struct schedule *all[] = {&s_dates, &s_weekend, &s_morning,   &s_night,
                                    &s_nisan, &s_period,  &s_rest_only, &s_sat_morning};
    for (size_t k = 0; k < sizeof all / sizeof all[0]; k++) {
        time_t from = local(2027, 4, 13, 0, 0), to = local(2027, 5, 1, 0, 0), cur = from;
        int mismatches = 0;
        while (cur < to) {
            time_t next = schedule_next_change(all[k], &env, cur, to);
            bool v = schedule_active(all[k], &env, cur);
            for (time_t m = cur + 60 - (cur % 60); m < next; m += 60)
                mismatches += schedule_active(all[k], &env, m) != v;
            if (next < to)
                mismatches += schedule_active(all[k], &env, next) == v;
            cur = next;
        }
        CHECK(mismatches == 0, "schedule %zu: %d minutes disagree with the search", k, mismatches);
    }
}

/* Scheduler: four slides, 10 s each, crossfades of 1 s. */
static struct slide slides[4];
static struct playlist pl;

static void make_playlist(struct schedule *a, struct schedule *b, struct schedule *c,
                          struct schedule *d, const char *default_slide)
{
    static const char *const ids[4] = {"always", "pesach", "night", "welcome"};
    struct schedule *sc[4] = {a, b, c, d};
    for (int i = 0; i < 4; i++)
        slides[i] = (struct slide){.id = (char *)ids[i],
                                   .duration = 10,
                                   .transition = {TRANSITION_CROSSFADE, 1},
                                   .schedule = sc[i]};
    pl = (struct playlist){.slides = slides,
                           .slide_count = 4,
                           .width = 1920,
                           .height = 1080,
                           .has_place = true,
                           .place = {.city = "Akko"},
                           .default_slide = (char *)default_slide};
}

static void tick_to(struct sched *s, int64_t from, int64_t to)
{
    for (int64_t t = from; t <= to; t += 100)
        sched_tick(s, &pl, t);
}

static void test_sched_eligibility(void)
{
    /* Festival week: "always" has no schedule; "pesach" plays during Pesach; "night" from
     * 22:00 to 06:00; "welcome" (the default) never by its own schedule (a past date). */
    static struct schedule_date_range past[] = {{0, 0}};
    struct schedule s_never = {.dates = past, .date_count = 1};
    struct calendar_period during;
    char err[100];
    calendar_period_parse("pesach", &during, err, sizeof err);
    struct schedule s_pesach = {.periods = &during, .period_count = 1};
    make_playlist(NULL, &s_pesach, &s_night, &s_never, "welcome");
    struct sched s;
    sched_init(&s, &pl, 0);
    sched_set_clock_floor(&s, utc(2026, 1, 1, 0, 0));
    CHECK(s.default_slide == 3, "default slide found by id");

    static const struct {
        int y, mo, d, h, mi;
        bool eligible[4];
    } rows[] = {
        {2027, 4, 20, 12, 0, {true, false, false, false}},
        {2027, 4, 20, 23, 0, {true, false, true, false}},
        {2027, 4, 22, 12, 0, {true, true, false, false}},
        {2027, 4, 28, 23, 30, {true, true, true, false}},
        {2027, 4, 29, 0, 0, {true, false, true, false}},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        sched_set_wall(&s, &pl, local(rows[i].y, rows[i].mo, rows[i].d, rows[i].h, rows[i].mi), 0);
        for (size_t k = 0; k < 4; k++)
            CHECK(sched_eligible(&s, k) == rows[i].eligible[k], "row %zu slide %zu", i, k);
    }
    sched_free(&s);

    /* The loop during Pesach at noon: always, pesach, always, pesach ... */
    sched_init(&s, &pl, 0);
    sched_set_clock_floor(&s, utc(2026, 1, 1, 0, 0));
    sched_set_wall(&s, &pl, local(2027, 4, 22, 12, 0), 0);
    size_t expect[] = {0, 1, 0, 1};
    for (int k = 0; k < 4; k++) {
        tick_to(&s, k * 10000, k * 10000 + 500);
        CHECK(s.current == expect[k], "Pesach noon, slide %d: %zu, expected %zu", k, s.current,
              expect[k]);
    }
    /* 22:00 arrives while "pesach" shows (play time 35 s): it stays (still eligible) and
     * "night" joins the loop at the next boundary. */
    sched_set_wall(&s, &pl, local(2027, 4, 22, 22, 0), 35000);
    CHECK(s.current == 1, "pesach keeps playing");
    tick_to(&s, 35000, 40500);
    CHECK(s.current == 2, "night is next: %zu", s.current);
    sched_free(&s);
}

static void test_sched_default_and_none(void)
{
    struct schedule s_weekend_only = {.days = 1u << 5 | 1u << 6};
    static struct schedule_date_range past[] = {{0, 0}};
    struct schedule s_never = {.dates = past, .date_count = 1};
    make_playlist(&s_weekend_only, &s_weekend_only, &s_weekend_only, &s_never, "welcome");
    struct sched s;
    sched_init(&s, &pl, 0);
    sched_set_clock_floor(&s, utc(2026, 1, 1, 0, 0));
    /* A Tuesday: nothing eligible; the default slide plays in a loop of its own. */
    CHECK(sched_set_wall(&s, &pl, local(2027, 4, 20, 12, 0), 0), "first wall changes slide 0");
    CHECK(s.current == 3 && s.previous == SCHED_NONE && s.shown == 1,
          "the default replaces the first slide at once, without a transition: %zu", s.current);
    tick_to(&s, 0, 25000);
    CHECK(s.current == 3, "the default slide repeats");
    /* Friday comes while the default shows: it gives way at once, with a transition. */
    CHECK(sched_set_wall(&s, &pl, local(2027, 4, 23, 0, 0), 25000), "Friday changes the slide");
    struct sched_frame f = sched_frame(&s, &pl, 25500);
    CHECK(s.current == 0 && f.from == 3 && f.progress > 0.4 && f.progress < 0.6,
          "first weekend slide, crossfading from the default: %zu from %zu", s.current, f.from);
    sched_free(&s);

    /* Without a default slide: SCHED_NONE (the built-in slide), and back when one is eligible. */
    make_playlist(&s_weekend_only, &s_weekend_only, &s_weekend_only, &s_weekend_only, NULL);
    sched_init(&s, &pl, 0);
    sched_set_clock_floor(&s, utc(2026, 1, 1, 0, 0));
    sched_set_wall(&s, &pl, local(2027, 4, 20, 12, 0), 0);
    CHECK(s.current == SCHED_NONE, "nothing eligible, no default: built-in");
    CHECK(sched_frame(&s, &pl, 100).slide == SCHED_NONE, "frame: built-in");
    CHECK(sched_ms_until_due(&s, &pl, 100) == -1, "nothing due");
    time_t next =
        sched_next_wall_change(&s, &pl, local(2027, 4, 20, 12, 0), local(2027, 5, 20, 12, 0));
    CHECK(next == local(2027, 4, 23, 0, 0), "the loop should wake on Friday: %s", show(next));
    CHECK(sched_set_wall(&s, &pl, next, 5000) && s.current == 0 && s.previous == SCHED_NONE,
          "Friday starts the first slide, no transition from nothing");
    /* Saturday night ends the weekend while slide 1 shows: it gives way to the built-in. */
    tick_to(&s, 5000, 15500);
    CHECK(s.current == 1, "second slide");
    CHECK(sched_set_wall(&s, &pl, local(2027, 4, 25, 0, 0), 16000) && s.current == SCHED_NONE,
          "Sunday: nothing, built-in");
    sched_free(&s);
}

static void test_sched_clock_unset(void)
{
    struct schedule s_weekend_only = {.days = 1u << 5 | 1u << 6};
    make_playlist(&s_weekend_only, NULL, &s_weekend_only, NULL, NULL);
    struct sched s;
    sched_init(&s, &pl, 0);
    CHECK(sched_clock_floor() > utc(2026, 1, 1, 0, 0), "the build time is recent: %lld",
          (long long)sched_clock_floor());
    sched_set_clock_floor(&s, utc(2026, 1, 1, 0, 0));
    CHECK(!sched_clock_unset(&s), "not unset before any wall clock");
    /* A Pi without network or real-time clock: 1970. */
    sched_set_wall(&s, &pl, 1000, 0);
    CHECK(sched_clock_unset(&s), "1970 is unset");
    for (size_t k = 0; k < 4; k++)
        CHECK(sched_eligible(&s, k), "unset clock: slide %zu plays", k);
    CHECK(s.current == 0, "the first slide stays");
    CHECK(sched_next_wall_change(&s, &pl, 1000, 5000) == 5000, "no wall changes while unset");
    /* The clock gets set (a Tuesday): schedules apply; slide 0 gives way to slide 1. */
    sched_set_wall(&s, &pl, local(2027, 4, 20, 12, 0), 3000);
    CHECK(!sched_clock_unset(&s), "set");
    CHECK(!sched_eligible(&s, 0) && sched_eligible(&s, 1), "schedules apply");
    CHECK(s.current == 1, "moved on to slide 1: %zu", s.current);
    sched_free(&s);

    /* Before any sched_set_wall() schedules are not applied (callers that know no wall clock). */
    sched_init(&s, &pl, 0);
    for (size_t k = 0; k < 4; k++)
        CHECK(sched_eligible(&s, k), "no wall yet: slide %zu", k);
    sched_free(&s);
}

/* The festival-week playlist of tests/schedule, as the parser builds it. */
static void test_parsed_model(void)
{
    struct diag_list diags = {0};
    struct playlist *p = playlist_load(SCHEDULE_TESTS_DIR "/akko-pesach", NULL, &diags);
    CHECK(p && diags.count == 0, "the festival playlist loads without messages");
    if (!p)
        return;
    CHECK(p->has_place && p->place.city && !strcmp(p->place.city, "Akko") && !p->place.tz,
          "place: Akko");
    CHECK(p->default_slide && !strcmp(p->default_slide, "welcome"), "default slide");
    const struct schedule *harbour = p->slides[0].schedule, *office = p->slides[3].schedule,
                          *greeting = p->slides[2].schedule, *night_s = p->slides[5].schedule,
                          *fest = p->slides[6].schedule;
    CHECK(harbour && harbour->rest == SCHEDULE_REST_NEVER && !harbour->days, "harbour");
    CHECK(office && office->days == 0x1f && office->time_count == 1 &&
              office->times[0].from == 480 && office->times[0].to == 780,
          "office hours: Sunday to Thursday, 08:00-13:00");
    CHECK(greeting && greeting->hebrew_count == 1 && greeting->hebrew[0].from.day == 15 &&
              greeting->hebrew[0].from.month == HEBREW_NISAN && greeting->hebrew[0].to.day == 21,
          "15-21 Nisan");
    CHECK(night_s && night_s->times[0].from == 1320 && night_s->times[0].to == 360, "night wraps");
    CHECK(fest && fest->date_count == 1 &&
              fest->dates[0].from == civil_days_from_date(2027, 4, 15) &&
              fest->dates[0].to == civil_days_from_date(2027, 4, 29) &&
              fest->days == (1u << 5 | 1u << 6),
          "festival fortnight, weekends");
    CHECK(p->slides[1].schedule && p->slides[1].schedule->period_count == 1 &&
              p->slides[1].schedule->periods[0].first == -7 &&
              p->slides[1].schedule->periods[0].last == -1,
          "week before pesach");
    /* The scheduler finds the default slide and the place. */
    struct sched s;
    sched_init(&s, p, 0);
    CHECK(s.default_slide == 7 && s.env.has_coordinates, "sched: default and place");
    sched_set_clock_floor(&s, utc(2026, 1, 1, 0, 0));
    sched_set_wall(&s, p, local(2027, 4, 21, 20, 30), 0);
    CHECK(s.current == 7, "Erev Pesach 20:30: the default slide");
    sched_free(&s);
    playlist_free(p);
    diag_list_clear(&diags);
}

int main(void)
{
    setup();
    test_parse_values();
    test_active_table();
    test_rest_windows();
    test_next_change();
    test_sched_eligibility();
    test_sched_default_and_none();
    test_sched_clock_unset();
    test_parsed_model();
    return check_summary();
}
