/* The staff status page in an emergency: its first line after the title says, in red, since
 * when and why; without one there is no such line. */
#define LOG_MODULE "test"
#include <string.h>
#include <time.h>

#include "app/status.h"
#include "check.h"

int main(void)
{
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
