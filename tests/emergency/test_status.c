/* What staff see of an emergency: the status page's first line after the title says, in red,
 * since when and why (without one there is no such line); the fleet's health report carries it
 * and `kiosk fleet` names it first among the kiosk's problems. */
#define LOG_MODULE "test"
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/status.h"
#include "base/file.h"
#include "check.h"
#include "fleet/fleet.h"
#include "fleet/health.h"

static void test_fleet(const char *tmp)
{
    char *dir = file_join(tmp, "lobby");
    file_mkdir_p(dir);
    struct health_facts f = {.kiosk = "lobby",
                             .screen_group = "akko",
                             .content_version = 3,
                             .content_group = "akko",
                             .playlist_name = "akko",
                             .display_ok = true,
                             .now = time(NULL),
                             .emergency = "the building's alarm (dry contact, gpiochip0 line 17)"};
    CHECK(health_report_write(dir, &f), "the report is written");
    char *path = file_join(dir, "health.json"), err[512];
    struct health_report r;
    CHECK(health_report_read(path, &r, err, sizeof err), "%s", err);
    CHECK_STR(r.emergency, "the building's alarm (dry contact, gpiochip0 line 17)");
    struct fleet_options o = {.now = time(NULL)};
    struct fleet fl;
    CHECK(fleet_read(tmp, &o, &fl, err, sizeof err), "%s", err);
    CHECK(fl.count == 1 && !strncmp(fl.rows[0].problems, "EMERGENCY MODE: the building's", 30),
          "kiosk fleet names it first: %s", fl.count ? fl.rows[0].problems : "no row");
    fleet_free(&fl);
    f.emergency = NULL;
    CHECK(health_report_write(dir, &f) && health_report_read(path, &r, err, sizeof err) &&
              r.emergency[0] == '\0',
          "none when it is off");
    free(path);
    free(dir);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        test_fleet(argv[1]);
    struct status_text text;
    struct notice page;
    struct status_facts f = {
        .playlist_name = "akko",
        .content_dir = "/var/lib/kiosk/current/content",
        .state_dir = "/tmp",
        .now = 1800000000 + 125,
        .emergency_why = "signed order seq=7 (/run/kiosk/sticks/a): drill",
        .emergency_since_wall_ms = 1800000000LL * 1000,
    };
    status_build(&f, &text, &page);
    CHECK(page.line_count >= 2, "lines: %zu", page.line_count);
    const char *line = page.lines[1].text;
    CHECK(strncmp(line, "EMERGENCY MODE since ", 21) == 0, "the first line says so: %s", line);
    CHECK(strstr(line, "(2 min 5 s)") || strstr(line, "2 min"), "for how long: %s", line);
    CHECK(strstr(line, "signed order seq=7") && strstr(line, "drill"), "and why: %s", line);
    CHECK(page.tone == NOTICE_BAD, "in red");
    f.emergency_why = NULL;
    status_build(&f, &text, &page);
    bool any = false;
    for (size_t i = 0; i < page.line_count; i++)
        any |= strstr(page.lines[i].text, "EMERGENCY") != NULL;
    CHECK(!any, "no emergency line when there is none");
    return check_summary();
}
