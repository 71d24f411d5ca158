/* kiosk schedule DIR --from DATE --to DATE [--step MIN]: what would play when, for checking a
 * festival week before the stick goes out. Prints one line at the start and at every change in
 * which slides are eligible (in the playlist's time zone, with the calendar event that caused
 * it), then a summary per slide. The format is stable and golden-tested (tests/schedule/). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "calendar/holiday.h"
#include "calendar/rest.h"
#include "calendar/zmanim.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/schedule_walk.h"
#include "playlist/playlist.h"
#include "sched/sched.h"
#include "sched/schedule.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: kiosk schedule DIR --from DATE --to DATE [--step MIN]\n"
            "  --from DATE   'YYYY-MM-DD' (its midnight) or 'YYYY-MM-DD HH:MM', local time\n"
            "  --to DATE     the end; a date alone includes that whole day (at most %d days)\n"
            "  --step MIN    also print what is eligible every MIN minutes (a timetable)\n"
            "Prints every change in which slides may play, in the playlist's time zone, with\n"
            "the calendar event behind it, then the time each slide is eligible.\n",
            SCHEDULE_MAX_SPAN_DAYS);
}

static const char *const weekday_names[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

/* Appends ", "-separated text to a growing string. */
static void append(char **s, const char *sep, const char *text)
{
    char *longer = xasprintf("%s%s%s", *s, (*s)[0] ? sep : "", text);
    free(*s);
    *s = longer;
}

static void append_kinds(char **s, unsigned kinds)
{
    for (unsigned bit = 1; bit && bit <= REST_SHAVUOT; bit <<= 1)
        if (kinds & bit)
            append(s, " + ", rest_kind_name(bit));
}

/* What happens in the calendar at t that a schedule may follow: candle lighting, havdalah, the
 * day's holidays at midnight, a clock change. Caller frees; "" when nothing. */
static char *event_at(const struct schedule_env *env, time_t t)
{
    char *label = xstrdup("");
    struct civil_time c;
    tz_to_civil(env->zone, t, &c);
    if (env->has_coordinates) {
        struct rest_window w;
        if (rest_at(&env->place, t, &w) && w.start == t) {
            char *kinds = xstrdup("");
            append_kinds(&kinds, w.now);
            char *text = xasprintf("candle lighting, %s", kinds);
            append(&label, "; ", text);
            free(text);
            free(kinds);
        } else if (rest_at(&env->place, t - 1, &w) && w.end == t) {
            char *kinds = xstrdup("");
            append_kinds(&kinds, w.kinds);
            char *text = xasprintf("havdalah, end of %s", kinds);
            append(&label, "; ", text);
            free(text);
            free(kinds);
        } else {
            /* Candle lighting on a working day: the evening a period "from erev" starts. */
            struct zmanim z;
            int64_t today = civil_days_from_date(c.year, c.month, c.day);
            int y, m, d;
            civil_date_from_days(today + 1, &y, &m, &d);
            struct holiday_day days[4];
            int n = holiday_list(y, m, d, days, 4);
            if (n && zmanim_for_date(&env->place, c.year, c.month, c.day, &z) &&
                z.candle_lighting == t) {
                char *text = xasprintf("candle lighting, eve of %s", holiday_name(days[0].id));
                append(&label, "; ", text);
                free(text);
            }
        }
    }
    bool dst;
    int before = tz_offset_at(env->zone, t - 1, &dst);
    if (tz_offset_at(env->zone, t, &dst) != before)
        append(&label, "; ",
               dst ? "clocks go forward (summer time)" : "clocks go back (winter time)");
    if (c.hour == 0 && c.minute == 0 && c.second == 0) {
        struct holiday_day days[4];
        int n = holiday_list(c.year, c.month, c.day, days, 4);
        for (int i = 0; i < n; i++) {
            if (days[i].day > 0) {
                char *text = xasprintf("%s (day %d)", holiday_name(days[i].id), days[i].day);
                append(&label, "; ", text);
                free(text);
            } else {
                append(&label, "; ", holiday_name(days[i].id));
            }
        }
    }
    return label;
}

static void print_time(const struct schedule_env *env, time_t t, FILE *out)
{
    struct civil_time c;
    tz_to_civil(env->zone, t, &c);
    fprintf(out, "%04d-%02d-%02d %02d:%02d", c.year, c.month, c.day, c.hour, c.minute);
    if (c.second)
        fprintf(out, ":%02d", c.second);
    fprintf(out, " %s", weekday_names[c.wday]);
}

static void print_duration(time_t seconds, FILE *out)
{
    long long minutes = (long long)(seconds + 30) / 60;
    fprintf(out, "%3lld:%02lld h", minutes / 60, minutes % 60);
}

static bool local_to_utc(const struct schedule_env *env, const struct civil_time *c, time_t *out)
{
    time_t later;
    return tz_from_civil(env->zone, c, out, &later) != TZ_MATCH_INVALID;
}

void schedule_walk(const struct playlist *pl, const struct schedule_env *env, time_t from,
                   time_t to, int step_min, schedule_row_fn row_fn, void *ctx,
                   struct schedule_totals *totals)
{
    size_t n = pl->slide_count;
    bool *now = xcalloc(n ? n : 1, sizeof(bool)), *before = xcalloc(n ? n : 1, sizeof(bool));
    *totals = (struct schedule_totals){.eligible_for = xcalloc(n ? n : 1, sizeof(time_t)),
                                       .stretches = xcalloc(n ? n : 1, sizeof(int))};
    time_t t = from;
    bool first = true;
    while (t < to) {
        bool changed = first;
        bool any = sched_eligible_slides(pl, env, t, now) > 0; /* the player's rule */
        for (size_t i = 0; i < n; i++) {
            if (now[i] && (first || !before[i]))
                totals->stretches[i]++;
            changed |= now[i] != before[i];
        }
        bool on_step = step_min && (t - from) % (time_t)(step_min * 60) == 0;
        if (changed || on_step) {
            if (changed && !first)
                totals->changes++;
            char *event = first ? xstrdup("") : event_at(env, t);
            struct schedule_row row = {t, event, changed, any, now};
            row_fn(ctx, &row);
            free(event);
        }
        time_t next = to;
        if (pl->schedule)
            next = schedule_next_change(pl->schedule, env, t, next);
        for (size_t i = 0; i < n; i++)
            if (pl->slides[i].schedule)
                next = schedule_next_change(pl->slides[i].schedule, env, t, next);
        if (step_min) {
            time_t grid =
                from + ((t - from) / (time_t)(step_min * 60) + 1) * (time_t)(step_min * 60);
            if (grid < next)
                next = grid;
        }
        for (size_t i = 0; i < n; i++)
            if (now[i])
                totals->eligible_for[i] += next - t;
        if (!any)
            totals->fallback_for += next - t;
        memcpy(before, now, n * sizeof(bool));
        first = false;
        t = next;
    }
    free(now);
    free(before);
}

void schedule_totals_free(struct schedule_totals *totals)
{
    free(totals->eligible_for);
    free(totals->stretches);
}

struct print_ctx {
    const struct playlist *pl;
    const struct schedule_env *env;
    size_t default_slide;
};

static void print_row(void *ctx, const struct schedule_row *row)
{
    const struct print_ctx *pc = ctx;
    const struct playlist *pl = pc->pl;
    print_time(pc->env, row->t, stdout);
    printf("  %s%s%s", row->changed ? "" : "(no change) ", row->event, row->event[0] ? " — " : "");
    if (row->any) {
        printf("eligible:");
        const char *sep = " ";
        for (size_t i = 0; i < pl->slide_count; i++) {
            if (row->eligible[i]) {
                printf("%s%s", sep, pl->slides[i].id);
                sep = ", ";
            }
        }
        printf("\n");
    } else if (pc->default_slide < pl->slide_count) {
        printf("eligible: none; shows the default slide %s\n", pl->default_slide);
    } else {
        printf("eligible: none; shows the built-in slide\n");
    }
}

int cmd_schedule(int argc, char **argv)
{
    enum { OPT_FROM = 256, OPT_TO, OPT_STEP, OPT_HELP };
    static const struct option longopts[] = {
        {"from", required_argument, NULL, OPT_FROM},
        {"to", required_argument, NULL, OPT_TO},
        {"step", required_argument, NULL, OPT_STEP},
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0},
    };
    struct civil_time from_c, to_c;
    bool has_from = false, has_to = false;
    uint64_t step_min = 0;
    optind = 1;
    int ch;
    while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (ch) {
        case OPT_FROM:
        case OPT_TO:
            if (!args_parse_civil(optarg, ch == OPT_TO, ch == OPT_FROM ? &from_c : &to_c)) {
                fprintf(stderr,
                        "kiosk: --%s: expected 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM' such "
                        "as '2027-04-22 19:30', found \"%s\"\n",
                        ch == OPT_FROM ? "from" : "to", optarg);
                return 2;
            }
            *(ch == OPT_FROM ? &has_from : &has_to) = true;
            break;
        case OPT_STEP:
            if (!args_parse_uint(optarg, &step_min) || step_min < 1 || step_min > 24 * 60) {
                fprintf(stderr, "kiosk: --step: expected minutes from 1 to 1440, found \"%s\"\n",
                        optarg);
                return 2;
            }
            break;
        case 'h':
        case OPT_HELP:
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    if (optind != argc - 1 || !has_from || !has_to) {
        usage(stderr);
        return 2;
    }
    const char *dir = args_content_dir(argv[optind]);
    struct diag_list diags = {0};
    struct playlist *pl = playlist_load(dir, NULL, &diags);
    diag_print(&diags, stderr);
    diag_list_clear(&diags);
    if (!pl)
        return 1;

    struct schedule_env env;
    schedule_env_init(&env, pl->has_place ? &pl->place : NULL);
    time_t from, to;
    if (!local_to_utc(&env, &from_c, &from) || !local_to_utc(&env, &to_c, &to) || to <= from ||
        to - from > (time_t)SCHEDULE_MAX_SPAN_DAYS * 86400) {
        fprintf(stderr, "kiosk: schedule: expected --to after --from, at most %d days later\n",
                SCHEDULE_MAX_SPAN_DAYS);
        playlist_free(pl);
        return 2;
    }

    size_t n = pl->slide_count, default_slide = n;
    for (size_t i = 0; pl->default_slide && i < n; i++)
        if (!strcmp(pl->slides[i].id, pl->default_slide))
            default_slide = i;

    printf("schedule of \"%s\" (%s)\n", pl->name, dir);
    printf("time zone %s", env.place.tz);
    if (pl->has_place && pl->place.city)
        printf(", place %s", pl->place.city);
    else if (pl->has_place)
        printf(", place %.4f %.4f", pl->place.lat, pl->place.lon);
    printf("; default slide: %s\n", pl->default_slide ? pl->default_slide : "none (built-in)");
    printf("from ");
    print_time(&env, from, stdout);
    printf(" to ");
    print_time(&env, to, stdout);
    printf("\n\n");

    struct print_ctx pc = {pl, &env, default_slide};
    struct schedule_totals totals;
    schedule_walk(pl, &env, from, to, (int)step_min, print_row, &pc, &totals);
    time_t *eligible_for = totals.eligible_for, fallback_for = totals.fallback_for;
    int *stretches = totals.stretches, changes = totals.changes;

    printf("\nsummary: ");
    print_duration(to - from, stdout);
    printf(", %d change%s\n", changes, changes == 1 ? "" : "s");
    int width = 0;
    for (size_t i = 0; i < n; i++)
        if ((int)strlen(pl->slides[i].id) > width)
            width = (int)strlen(pl->slides[i].id);
    for (size_t i = 0; i < n; i++) {
        printf("  %-*s  eligible ", width, pl->slides[i].id);
        print_duration(eligible_for[i], stdout);
        if (!pl->slides[i].schedule)
            printf("  (no schedule)");
        else
            printf(" in %d stretch%s", stretches[i], stretches[i] == 1 ? "" : "es");
        printf("%s\n", i == default_slide ? " (the default slide)" : "");
    }
    printf("  no slide eligible for ");
    print_duration(fallback_for, stdout);
    if (fallback_for > 0)
        printf(": %s\n",
               default_slide < n ? "the default slide plays" : "the built-in slide plays");
    else
        printf("\n");

    schedule_totals_free(&totals);
    playlist_free(pl);
    return 0;
}
