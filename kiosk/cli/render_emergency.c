#include "cli/render_emergency.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/xmalloc.h"
#include "platform/display.h"
#include "view/emergency.h"

static bool draw(struct headless *hd, const struct playlist *pl, size_t slide, const char *lang,
                 const char *path)
{
    struct sched_frame f = {.slide = slide, .from = SCHED_NONE, .progress = 1.0};
    const char *err = NULL;
    headless_set_lang(hd, lang);
    if (!headless_draw_frame(hd, pl, &f, &err)) {
        fprintf(stderr, "kiosk: render: emergency slide \"%s\": %s\n", pl->slides[slide].id,
                err ? err : "failed");
        return false;
    }
    if (!display_save_png(&hd->display, path))
        return false;
    printf("%s\n", path);
    return true;
}

bool render_emergency(struct headless *hd, const struct playlist *pl, const char *out, bool builtin)
{
    bool ok = true;
    const char *shown = hd->text.lang;
    /* In an emergency nothing answers a touch and accessible mode is left: no controls are
     * drawn over these slides, whatever `render --accessible` asked for the others. */
    struct view_access_scene access = hd->access;
    hd->access = (struct view_access_scene){0};
    const struct playlist *e = pl->emergency;
    for (size_t i = 0; e && i < e->slide_count; i++) {
        for (size_t k = 0; k < e->language_count; k++) {
            char *path = xasprintf("%s/emergency-%02zu-%s-%s.png", out, i + 1, e->slides[i].id,
                                   e->languages[k]);
            ok &= draw(hd, e, i, e->languages[k], path);
            free(path);
        }
    }
    if (builtin) {
        struct playlist *b = view_emergency_builtin(pl->width, pl->height);
        char *path = xasprintf("%s/emergency-built-in.png", out);
        ok &= b && draw(hd, b, 0, b->languages[0], path);
        free(path);
        playlist_free(b);
    }
    headless_set_lang(hd, shown);
    hd->access = access;
    return ok;
}
