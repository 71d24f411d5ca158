/* The settings file: values, defaults, and messages naming file and line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/config.h"
#include "check.h"

static const char *write_file(const char *name, const char *text)
{
    static char path[512];
    snprintf(path, sizeof(path), "%s/%s", TEST_TMP, name);
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
    return path;
}

int main(void)
{
    struct config c;
    config_defaults(&c);
    CHECK(c.allow_quit && c.max_image_pixels == 40000000, "defaults");
    CHECK(config_load(&c, "/nonexistent/kiosk.conf", true), "a missing optional file is fine");
    CHECK(!config_load(&c, "/nonexistent/kiosk.conf", false), "a missing named file is not");

    const char *p = write_file("good.conf", "# kiosk mode\nallow_quit = false\n\n"
                                            "max_image_pixels=20000000\n");
    CHECK(config_load(&c, p, false), "good file loads");
    CHECK(!c.allow_quit && c.max_image_pixels == 20000000, "values read");

    config_defaults(&c);
    p = write_file("bad.conf", "allow_quit = maybe\nmax_image_pixels = 5\ncolour = red\nnoequals\n"
                               "texture_cache_size = 6\n");
    CHECK(!config_load(&c, p, false), "bad file reports failure");
    CHECK(c.allow_quit && c.max_image_pixels == 40000000, "bad values keep their defaults");
    CHECK(c.texture_cache_size == 6, "good lines in a bad file still count");

    /* Import settings: paths, the group, the list of stick roots. */
    config_defaults(&c);
    CHECK(!strcmp(c.state_dir, "/var/lib/kiosk") && !strcmp(c.keys_dir, "/etc/kiosk/keys") &&
              c.watch_dir_count == 1 && !strcmp(c.watch_dirs[0], "/run/kiosk/sticks") &&
              c.screen_group[0] == '\0' && c.inbox_dir[0] == '\0',
          "import defaults");
    p = write_file("import.conf", "screen_group = dimona-hall.1\nstate_dir = /srv/kiosk\n"
                                  "watch_dirs = /media/a , /media/b\ninbox_dir = /srv/inbox\n");
    CHECK(config_load(&c, p, false), "import settings load");
    CHECK(!strcmp(c.screen_group, "dimona-hall.1") && !strcmp(c.state_dir, "/srv/kiosk") &&
              c.watch_dir_count == 2 && !strcmp(c.watch_dirs[1], "/media/b") &&
              !strcmp(c.inbox_dir, "/srv/inbox"),
          "import values read");
    char err[1024];
    CHECK(!config_set(&c, "screen_group", "akko hall", err, sizeof err) &&
              strstr(err, "letters, digits") && !strcmp(c.screen_group, "dimona-hall.1"),
          "a group with a space is refused and changes nothing");
    CHECK(!config_set(&c, "state_dir", "var/lib", err, sizeof err) &&
              strstr(err, "expected an absolute path"),
          "relative state_dir refused");
    CHECK(!config_set(&c, "watch_dirs", "/a,/b,/c,/d,/e", err, sizeof err) &&
              strstr(err, "at most 4") && c.watch_dir_count == 2,
          "too many watch_dirs refused");
    CHECK(config_set(&c, "watch_dirs", "", err, sizeof err) && c.watch_dir_count == 0,
          "empty watch_dirs turns stick watching off");
    CHECK(!config_set(&c, "colour", "red", err, sizeof err) &&
              strstr(err, "unknown key \"colour\"; expected one of: allow_quit,") &&
              strstr(err, "inbox_dir"),
          "unknown key lists the known ones");
    /* Sound of clips: a cap and quiet hours that pass midnight. */
    CHECK(c.video_volume == 100 && !config_video_quiet(&c, 23 * 60), "sound defaults");
    CHECK(config_set(&c, "video_volume", "60", err, sizeof err) && c.video_volume == 60,
          "video_volume read");
    CHECK(!config_set(&c, "video_volume", "150", err, sizeof err) && c.video_volume == 60,
          "video_volume over 100 refused");
    CHECK(config_set(&c, "video_quiet_hours", "22:00-07:00, 13:00-14:00", err, sizeof err),
          "video_quiet_hours read");
    CHECK(config_video_quiet(&c, 23 * 60) && config_video_quiet(&c, 6 * 60 + 59) &&
              !config_video_quiet(&c, 7 * 60) && config_video_quiet(&c, 13 * 60 + 30) &&
              !config_video_quiet(&c, 12 * 60),
          "quiet from 22:00 to 07:00 and 13:00 to 14:00");
    CHECK(!config_set(&c, "video_quiet_hours", "22:00", err, sizeof err), "a time alone refused");
    /* The file the package installs loads without a complaint. */
    config_defaults(&c);
    CHECK(config_load(&c, SHIPPED_CONF, false), "%s loads", SHIPPED_CONF);
    CHECK(!c.allow_quit && c.screen_group[0] == '\0', "shipped: no quitting, no group yet");
    return check_summary();
}
