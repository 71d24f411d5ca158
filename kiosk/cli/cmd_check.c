/* kiosk check DIR: validates a playlist folder the way the player would load it, and lists
 * every problem as file:line:column: json.path: message. */
#include <stdio.h>
#include <string.h>

#include "app/config.h"
#include "app/content.h"
#include "cli/commands.h"
#include "text/layout.h"

int cmd_check(int argc, char **argv)
{
    const char *dir = NULL;
    const char *config_path = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--config") && i + 1 < argc) {
            config_path = argv[++i];
        } else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: kiosk check DIR [--config FILE]\n"
                   "Validates DIR/playlist.json and its media; exit status 1 on any error.\n");
            return 0;
        } else if (argv[i][0] == '-' || dir) {
            fprintf(stderr, "usage: kiosk check DIR [--config FILE]\n");
            return 2;
        } else {
            dir = argv[i];
        }
    }
    if (!dir) {
        fprintf(stderr, "usage: kiosk check DIR [--config FILE]\n");
        return 2;
    }
    struct config cfg;
    config_defaults(&cfg);
    config_load(&cfg, config_path ? config_path : CONFIG_DEFAULT_PATH, config_path == NULL);

    struct diag_list diags = {0};
    /* Text is checked strictly: what overflows its box or has no glyph is an error here, while
     * the player only warns and shows it as well as it can. */
    struct text_engine *engine = text_engine_create(font_set_default_dir());
    if (!engine)
        fprintf(stderr, "kiosk: check: the fonts in %s cannot be loaded; text is not checked\n",
                font_set_default_dir());
    struct playlist *pl = content_load(dir, cfg.max_image_pixels, engine,
                                       engine ? CONTENT_TEXT_STRICT : CONTENT_TEXT_SKIP, &diags);
    text_engine_destroy(engine);
    diag_print(&diags, stderr);
    size_t errors = diag_error_count(&diags);
    size_t warnings = diags.count - errors;
    if (pl) {
        printf("%s: \"%s\": %zu slides, %dx%d, OK%s\n", dir, pl->name, pl->slide_count,
               pl->width, pl->height, warnings ? " (with warnings)" : "");
        playlist_free(pl);
    } else {
        fprintf(stderr, "%s: %zu error%s, %zu warning%s\n", dir, errors, errors == 1 ? "" : "s",
                warnings, warnings == 1 ? "" : "s");
    }
    diag_list_clear(&diags);
    return errors ? 1 : 0;
}
