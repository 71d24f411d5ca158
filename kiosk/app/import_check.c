#define LOG_MODULE "import-check"
#include "app/import_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/content.h"
#include "base/log.h"
#include "import/importer.h"
#include "text/fonts.h"
#include "text/layout.h"

/* How many diagnostics go into the message; the rest are in the log. */
#define SHOWN_DIAGS 3

/* A problem with the playlist's "fonts" (a font file that cannot be loaded). */
static bool is_font_diag(const struct diag *d)
{
    const char *p = d->path ? d->path : "";
    return !strncmp(p, "fonts", 5) && (p[5] == '\0' || p[5] == '.' || p[5] == '[');
}

bool import_check_content(void *data, const char *content_dir, char *err, size_t errlen)
{
    const struct import_check *c = data;
    struct diag_list diags = {0};
    struct text_engine *engine = text_engine_create(font_set_default_dir());
    if (!engine) {
        /* `kiosk check` would only warn here; an importer must not install text it cannot
         * check, so this is a refusal. */
        snprintf(err, errlen, IMPORT_FONT_PROBLEM "the kiosk's own fonts in %s cannot be "
                 "loaded, so the bundle's text cannot be checked", font_set_default_dir());
        return false;
    }
    struct playlist *pl = content_load(content_dir, c->max_image_pixels, engine,
                                       CONTENT_TEXT_STRICT, &diags);
    text_engine_destroy(engine);
    bool ok = pl != NULL && diag_error_count(&diags) == 0;
    if (!ok) {
        size_t used = 0, shown = 0;
        err[0] = '\0';
        /* A font file of the bundle that cannot be loaded has its own reason for staff
         * (IMPORT_FONT_FAILED) when it is the first problem. */
        for (size_t i = 0; i < diags.count; i++) {
            if (diags.items[i].severity != DIAG_ERROR)
                continue;
            if (is_font_diag(&diags.items[i]))
                used = (size_t)snprintf(err, errlen, "%s", IMPORT_FONT_PROBLEM);
            break;
        }
        for (size_t i = 0; i < diags.count; i++) {
            char *line = diag_format(&diags.items[i]);
            LOG_WARN("%s", line);
            if (diags.items[i].severity == DIAG_ERROR && shown < SHOWN_DIAGS && used < errlen) {
                int n = snprintf(err + used, errlen - used, "%s%s", shown ? "; " : "", line);
                used += n > 0 ? (size_t)n : 0;
                shown++;
            }
            free(line);
        }
        size_t errors = diag_error_count(&diags);
        if (shown == 0)
            snprintf(err, errlen, "%s/playlist.json: cannot be loaded", content_dir);
        else if (errors > shown && used < errlen)
            snprintf(err + used, errlen - used, " (and %zu more)", errors - shown);
    }
    if (pl)
        playlist_free(pl);
    diag_list_clear(&diags);
    return ok;
}
