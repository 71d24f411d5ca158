/* kiosk fleet DIR: on the content machine, one line per kiosk from the folders the kiosks publish
 * through Syncthing (DIR/NAME/health.json), the ones that need looking at first
 * (docs/fleet.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/utf8.h"
#include "base/xmalloc.h"
#include "cli/commands.h"
#include "fleet/fleet.h"

static const char usage[] =
    "usage: kiosk fleet DIR [--published DIR] [--silent-after MINUTES] [--csv]\n"
    "Prints one line per kiosk folder in DIR (each kiosk's published folder: health.json and\n"
    "proof of play): kiosk, group, version shown, last seen, state and problems. Failing,\n"
    "silent and behind kiosks come first. --published is the folder the bundles are published\n"
    "from (one subfolder per group); without it a group's newest version is the newest any of\n"
    "its kiosks shows. A kiosk is silent when its report is older than --silent-after minutes\n"
    "(default 15). Exit status 0 when every kiosk is ok, 1 when some need looking at, 2 on\n"
    "usage errors.\n";

enum { C_KIOSK, C_GROUP, C_VERSION, C_SEEN, C_STATE, C_PROBLEMS, NCOLS };

static size_t width_of(const char *s)
{
    size_t len = strlen(s), i = 0, w = 0;
    while (i < len) {
        utf8_next(s, len, &i);
        w++;
    }
    return w;
}

static void seen_text(const struct fleet_row *r, time_t now, char *out, size_t cap)
{
    if (!r->has_report) {
        snprintf(out, cap, "never");
        return;
    }
    struct tm tm;
    char when[32];
    time_t t = r->health.written;
    if (!localtime_r(&t, &tm) || !strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm))
        snprintf(when, sizeof when, "?");
    int64_t age = (int64_t)(now - t);
    if (age < 0)
        age = 0;
    if (age < 120)
        snprintf(out, cap, "%s (%lld s ago)", when, (long long)age);
    else if (age < 2 * 3600)
        snprintf(out, cap, "%s (%lld min ago)", when, (long long)(age / 60));
    else if (age < 2 * 86400)
        snprintf(out, cap, "%s (%lld h ago)", when, (long long)(age / 3600));
    else
        snprintf(out, cap, "%s (%lld days ago)", when, (long long)(age / 86400));
}

static void cells(const struct fleet_row *r, time_t now, char cell[NCOLS][1100])
{
    snprintf(cell[C_KIOSK], 1100, "%s", r->name);
    snprintf(cell[C_GROUP], 1100, "%s", r->group[0] ? r->group : "-");
    if (r->has_report && r->health.content_version)
        snprintf(cell[C_VERSION], 1100, "%llu", (unsigned long long)r->health.content_version);
    else
        snprintf(cell[C_VERSION], 1100, "-");
    seen_text(r, now, cell[C_SEEN], 1100);
    snprintf(cell[C_STATE], 1100, "%s", fleet_state_name(r->state));
    snprintf(cell[C_PROBLEMS], 1100, "%s", r->problems[0] ? r->problems : "-");
}

static void put_csv(const char *s, bool last)
{
    if (strpbrk(s, "\",\r\n")) {
        putchar('"');
        for (; *s; s++) {
            if (*s == '"')
                putchar('"');
            putchar(*s);
        }
        putchar('"');
    } else {
        fputs(s, stdout);
    }
    fputs(last ? "\r\n" : ",", stdout);
}

int cmd_fleet(int argc, char **argv)
{
    const char *dir = NULL;
    struct fleet_options o = {0};
    bool csv = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool has_value = i + 1 < argc;
        if (!strcmp(a, "--published") && has_value) {
            o.published_dir = argv[++i];
        } else if (!strcmp(a, "--silent-after") && has_value) {
            char *end;
            long m = strtol(argv[++i], &end, 10);
            if (*end || m < 1 || m > 100000) {
                fprintf(stderr, "kiosk: fleet: --silent-after expects minutes (1 to 100000), "
                                "not \"%s\"\n", argv[i]);
                return 2;
            }
            o.silent_after_s = m * 60;
        } else if (!strcmp(a, "--csv")) {
            csv = true;
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage, stdout);
            return 0;
        } else if (a[0] == '-' || dir) {
            fputs(usage, stderr);
            return 2;
        } else {
            dir = a;
        }
    }
    if (!dir) {
        fputs(usage, stderr);
        return 2;
    }
    o.now = time(NULL);
    struct fleet f;
    char err[1024];
    if (!fleet_read(dir, &o, &f, err, sizeof err)) {
        fprintf(stderr, "kiosk: fleet: %s\n", err);
        return 1;
    }
    static const char *const heads[NCOLS] = {"kiosk", "group", "version",
                                             "last seen", "state", "problems"};
    char(*cell)[1100] = xmalloc(NCOLS * sizeof *cell);
    int status = 0;
    if (csv) {
        fputs("kiosk,group,version,newest,last_seen,state,problems\r\n", stdout);
        for (size_t i = 0; i < f.count; i++) {
            const struct fleet_row *r = &f.rows[i];
            char seen[32] = "", num[24], newest[24] = "";
            if (r->has_report) {
                struct tm tm;
                time_t t = r->health.written;
                if (gmtime_r(&t, &tm))
                    strftime(seen, sizeof seen, "%Y-%m-%dT%H:%M:%SZ", &tm);
            }
            snprintf(num, sizeof num, "%llu",
                     (unsigned long long)(r->has_report ? r->health.content_version : 0));
            if (r->newest)
                snprintf(newest, sizeof newest, "%llu", (unsigned long long)r->newest);
            put_csv(r->name, false);
            put_csv(r->group, false);
            put_csv(num, false);
            put_csv(newest, false);
            put_csv(seen, false);
            put_csv(fleet_state_name(r->state), false);
            put_csv(r->problems, true);
        }
    } else {
        size_t width[NCOLS];
        for (int c = 0; c < NCOLS; c++)
            width[c] = width_of(heads[c]);
        for (size_t i = 0; i < f.count; i++) {
            cells(&f.rows[i], o.now, cell);
            for (int c = 0; c < NCOLS; c++)
                if (width_of(cell[c]) > width[c])
                    width[c] = width_of(cell[c]);
        }
        for (int c = 0; c < NCOLS; c++)
            printf("%s%*s", heads[c], c == NCOLS - 1 ? 0 : (int)(width[c] - width_of(heads[c]) + 2),
                   "");
        putchar('\n');
        for (size_t i = 0; i < f.count; i++) {
            cells(&f.rows[i], o.now, cell);
            for (int c = 0; c < NCOLS; c++)
                printf("%s%*s", cell[c],
                       c == NCOLS - 1 ? 0 : (int)(width[c] - width_of(cell[c]) + 2), "");
            putchar('\n');
        }
        if (f.count == 0)
            printf("(no kiosk folders in %s yet)\n", dir);
    }
    for (size_t i = 0; i < f.count; i++)
        if (f.rows[i].state != FLEET_OK)
            status = 1;
    free(cell);
    fleet_free(&f);
    return status;
}
