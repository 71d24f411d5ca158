/* kiosk check DIR: validates a playlist folder the way the player would load it, and lists
 * every problem as file:line:column: json.path: message. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/config.h"
#include "app/content.h"
#include "base/xmalloc.h"
#include "cli/check_access.h"
#include "cli/check_content.h"
#include "cli/check_contrast.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "text/layout.h"

void check_content_collect(const char *dir, const struct config *cfg, struct text_engine *engine,
                           struct diag_list *diags, FILE *notes, bool *fonts_missing,
                           char **summary)
{
    /* Text is checked strictly: what overflows its box or has no glyph is an error here, as at
     * import on the kiosk, so it never reaches a screen; the player, which must keep playing,
     * only warns and shows it at its minimum size (docs/playlist.md, "Text messages"). */
    struct text_engine *own = engine ? NULL : text_engine_create(font_set_default_dir());
    if (!engine)
        engine = own;
    *fonts_missing = engine == NULL;
    struct playlist *pl = content_load(dir, cfg->max_image_pixels, engine,
                                       engine ? CONTENT_TEXT_STRICT : CONTENT_TEXT_SKIP, diags);
    /* Legibility as drawn: text over a pale sky warns, with the measured contrast. */
    if (pl && engine)
        check_contrast(pl, engine, cfg->max_image_pixels, diags);
    /* Accessibility: accessible mode's layout, reach on the mounting, text size, speech. */
    if (pl)
        check_access(pl, engine, cfg, diags, notes);
    text_engine_destroy(own);
    if (summary)
        *summary = pl ? xasprintf("\"%s\": %zu slides, %dx%d", pl->name, pl->slide_count, pl->width,
                                  pl->height)
                      : NULL;
    playlist_free(pl);
}

size_t check_content(const char *dir, const struct config *cfg, const char *who,
                     bool fonts_required, size_t *warnings, char **summary)
{
    struct diag_list diags = {0};
    bool fonts_missing = false;
    check_content_collect(dir, cfg, NULL, &diags, stderr, &fonts_missing, summary);
    size_t font_errors = 0;
    if (fonts_missing && fonts_required) {
        fprintf(stderr,
                "kiosk: %s: the fonts in %s cannot be loaded, so the text cannot be "
                "checked; the kiosk would refuse the bundle for that\n",
                who, font_set_default_dir());
        font_errors = 1;
    } else if (fonts_missing) {
        fprintf(stderr, "kiosk: %s: the fonts in %s cannot be loaded; text is not checked\n", who,
                font_set_default_dir());
    }
    diag_print(&diags, stderr);
    size_t errors = diag_error_count(&diags) + font_errors;
    if (warnings)
        *warnings = diags.count - diag_error_count(&diags);
    diag_list_clear(&diags);
    return errors;
}

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
            dir = args_content_dir(argv[i]);
        }
    }
    if (!dir) {
        fprintf(stderr, "usage: kiosk check DIR [--config FILE]\n");
        return 2;
    }
    struct config cfg;
    config_defaults(&cfg);
    config_load(&cfg, config_path ? config_path : CONFIG_DEFAULT_PATH, config_path == NULL);

    size_t warnings = 0;
    char *summary = NULL;
    size_t errors = check_content(dir, &cfg, "check", false, &warnings, &summary);
    /* What `kiosk bundle` would refuse to pack, check refuses too: one verdict on the desk. As in
     * bundle, after the playlist passes, so that a link the playlist names is not told twice. */
    if (!errors && !check_folder_files(dir, "check"))
        errors++;
    if (!errors && summary)
        printf("%s: %s, OK%s\n", dir, summary, warnings ? " (with warnings)" : "");
    else
        fprintf(stderr, "%s: %zu error%s, %zu warning%s\n", dir, errors, errors == 1 ? "" : "s",
                warnings, warnings == 1 ? "" : "s");
    free(summary);
    return errors ? 1 : 0;
}
