/* The settings file: values, defaults, and messages naming file and line. */
#include <stdio.h>
#include <stdlib.h>

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
    return check_summary();
}
