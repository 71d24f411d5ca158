#include "cli/check_access.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access/reach.h"
#include "access/relayout.h"
#include "app/config.h"
#include "base/xmalloc.h"
#include "input/hit.h"
#include "playlist/page.h"

/* Text smaller than this, drawn at its smallest, is hard to read from a step away. */
#define CAP_HEIGHT_MIN_MM 4.8

/* ---- Text size ---- */

static void check_size(const struct playlist *pl, double px_per_mm, const struct text_block *b,
                       const char *what, struct diag_list *diags)
{
    float smallest = b->min_size > 0 && b->min_size < b->size ? b->min_size : b->size;
    double cap_mm = smallest * CHECK_ACCESS_CAP_RATIO / px_per_mm;
    if (cap_mm >= CAP_HEIGHT_MIN_MM - 0.005)
        return;
    double need_px = CAP_HEIGHT_MIN_MM * px_per_mm / CHECK_ACCESS_CAP_RATIO;
    diag_add(diags, DIAG_WARNING, pl->file, b->line, b->column, b->path,
             "%s: its text may be drawn at %.0f px, whose capital letters are %.1f mm high on "
             "this %g-inch screen (screen.diagonal_inches); text should have at least %.1f mm "
             "(SI 5568 / WCAG, read from a step away): make its size%s at least %.0f px",
             what, (double)smallest, cap_mm, pl->diagonal_inches, CAP_HEIGHT_MIN_MM,
             b->min_size < b->size ? " and min_size" : "", need_px + 0.5);
}

static void name_block(char *buf, size_t n, const struct text_block *b, size_t i, const char *owner,
                       const char *id)
{
    if (b->id)
        snprintf(buf, n, "block \"%s\" of %s \"%s\"", b->id, owner, id ? id : "?");
    else
        snprintf(buf, n, "block %zu of %s \"%s\"", i + 1, owner, id ? id : "?");
}

static void check_sizes_in(const struct playlist *pl, double px_per_mm, const char *owner,
                           const char *id, const struct text_block *texts, size_t nt,
                           const struct qr_block *qrs, size_t nq, const struct button *buttons,
                           size_t nb, struct diag_list *diags)
{
    char what[200];
    for (size_t i = 0; i < nt; i++) {
        name_block(what, sizeof what, &texts[i], i, owner, id);
        check_size(pl, px_per_mm, &texts[i], what, diags);
    }
    for (size_t i = 0; i < nq; i++) {
        if (!qrs[i].has_caption)
            continue;
        snprintf(what, sizeof what, "the caption of QR code %zu of %s \"%s\"", i + 1, owner, id);
        check_size(pl, px_per_mm, &qrs[i].caption, what, diags);
    }
    for (size_t i = 0; i < nb; i++) {
        if (buttons[i].id)
            snprintf(what, sizeof what, "the label of button \"%s\" of %s \"%s\"", buttons[i].id,
                     owner, id);
        else
            snprintf(what, sizeof what, "the label of button %zu of %s \"%s\"", i + 1, owner, id);
        check_size(pl, px_per_mm, &buttons[i].label, what, diags);
    }
}

static void check_text_sizes(const struct playlist *pl, struct diag_list *diags)
{
    if (!(pl->diagonal_inches > 0))
        return; /* unknown screen: the note in check_access says so */
    double px_per_mm = screen_px_per_mm(pl->diagonal_inches, 0, pl->width, pl->height);
    for (size_t i = 0; i < pl->slide_count; i++) {
        const struct slide *s = &pl->slides[i];
        check_sizes_in(pl, px_per_mm, "slide", s->id, s->texts, s->text_count, s->qrs, s->qr_count,
                       s->buttons, s->button_count, diags);
    }
    for (size_t i = 0; i < pl->page_count; i++) {
        const struct page *p = &pl->pages[i];
        check_sizes_in(pl, px_per_mm, "page", p->id, p->texts, p->text_count, p->qrs, p->qr_count,
                       p->buttons, p->button_count, diags);
    }
}

/* ---- Reach ---- */

static void check_reach_in(const struct playlist *pl, const struct reach_mounting *m,
                           const char *owner, const char *id, const struct page *page,
                           const struct button *buttons, size_t n, struct diag_list *diags)
{
    for (size_t i = 0; i < n; i++) {
        const struct button *b = &buttons[i];
        float box[4];
        button_box_for(pl, page, b, NULL, box);
        double top, bottom;
        if (reach_box_within(m, pl->width, pl->height, box) ||
            !reach_box_cm(m, pl->width, pl->height, box, &top, &bottom))
            continue;
        char name[120];
        if (b->id)
            snprintf(name, sizeof name, "button \"%s\" of %s \"%s\"", b->id, owner, id);
        else
            snprintf(name, sizeof name, "button %zu of %s \"%s\"", i + 1, owner, id);
        diag_add(diags, DIAG_WARNING, pl->file, b->line, b->column, b->path,
                 "%s is out of reach: on this kiosk's mounting it spans %.0f to %.0f cm above "
                 "the floor, and the reach range is %.0f to %.0f cm (SI 1918; kiosk.conf "
                 "reach_min_cm, reach_max_cm); accessible mode moves it into reach, but in the "
                 "show a resident in a wheelchair cannot touch it: move it %s",
                 name, bottom, top, m->min_cm, m->max_cm,
                 top > m->max_cm ? "lower on the screen" : "higher on the screen");
    }
}

static void check_reach(const struct playlist *pl, const struct config *cfg,
                        struct diag_list *diags)
{
    struct reach_mounting m;
    config_access_mounting(cfg, &m);
    if (!reach_mounting_known(&m))
        return;
    if (m.min_cm >= m.max_cm) {
        diag_add(diags, DIAG_WARNING, pl->file, 0, 0, "",
                 "the kiosk's reach range is upside down (reach_min_cm %.0f is not below "
                 "reach_max_cm %.0f): reach is not checked",
                 m.min_cm, m.max_cm);
        return;
    }
    struct reach_zone z;
    reach_zone_for(&m, pl->width, pl->height, &z);
    if (z.empty) {
        double bottom, h;
        reach_picture_cm(&m, pl->width, pl->height, &bottom, &h);
        diag_add(diags, DIAG_WARNING, pl->file, 0, 0, "",
                 "no part of the picture is within reach: on this mounting it spans %.0f to "
                 "%.0f cm above the floor, and the reach range is %.0f to %.0f cm; mount the "
                 "screen so that its lower part is within reach (screen_bottom_cm in kiosk.conf)",
                 bottom, bottom + h, m.min_cm, m.max_cm);
        return;
    }
    for (size_t i = 0; i < pl->slide_count; i++)
        check_reach_in(pl, &m, "slide", pl->slides[i].id, NULL, pl->slides[i].buttons,
                       pl->slides[i].button_count, diags);
    for (size_t i = 0; i < pl->page_count; i++)
        check_reach_in(pl, &m, "page", pl->pages[i].id, &pl->pages[i], pl->pages[i].buttons,
                       pl->pages[i].button_count, diags);
}

/* ---- The accessibility button's corner ---- */

static bool overlap(const float a[4], const float b[4])
{
    return a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
}

/* The accessibility button lies over every slide and page: a button under it cannot be touched
 * (in either direction of a mirrored page). */
static void check_corner_in(const struct playlist *pl, const float corner[4], const char *owner,
                            const char *id, const struct page *page, const struct button *buttons,
                            size_t n, struct diag_list *diags)
{
    for (size_t i = 0; i < n; i++) {
        float a[4], b[4];
        page_box(buttons[i].box, false, a);
        page_box(buttons[i].box, page && page->mirror, b);
        if (!overlap(a, corner) && !overlap(b, corner))
            continue;
        diag_add(diags, DIAG_WARNING, pl->file, buttons[i].line, buttons[i].column, buttons[i].path,
                 "button %zu of %s \"%s\" lies under the accessibility button (the bottom-left "
                 "corner, x below %.3f and y from %.3f to %.3f), which is drawn over it; move it",
                 i + 1, owner, id, (double)(corner[0] + corner[2]), (double)corner[1],
                 (double)(corner[1] + corner[3]));
    }
}

static void check_corner(const struct playlist *pl, const struct reach_zone *z,
                         struct diag_list *diags)
{
    float corner[4];
    access_control_box(pl->width, pl->height, z, ACCESS_CONTROL_TOGGLE, corner);
    for (size_t i = 0; i < pl->slide_count; i++)
        check_corner_in(pl, corner, "slide", pl->slides[i].id, NULL, pl->slides[i].buttons,
                        pl->slides[i].button_count, diags);
    for (size_t i = 0; i < pl->page_count; i++)
        check_corner_in(pl, corner, "page", pl->pages[i].id, &pl->pages[i], pl->pages[i].buttons,
                        pl->pages[i].button_count, diags);
}

/* ---- Speech ---- */

static void note_speech(const struct playlist *pl, FILE *notes)
{
    for (size_t i = 0; i < pl->page_count; i++) {
        const struct page *p = &pl->pages[i];
        char missing[128] = "";
        size_t used = 0;
        for (size_t l = 0; l < pl->language_count; l++) {
            bool has = false;
            for (size_t k = 0; k < p->speech_count && !has; k++)
                has = !strcmp(p->speech[k].lang, pl->languages[l]);
            if (!has && used < sizeof missing)
                used += (size_t)snprintf(missing + used, sizeof missing - used, "%s%s",
                                         used ? ", " : "", pl->languages[l]);
        }
        if (used)
            fprintf(notes,
                    "%s: note: page \"%s\" has no recorded speech in %s (\"speech\"; "
                    "docs/accessibility.md)\n",
                    pl->file, p->id, missing);
    }
}

size_t check_access(const struct playlist *pl, struct text_engine *engine, const struct config *cfg,
                    struct diag_list *diags, FILE *notes)
{
    if (!pl)
        return 0;
    size_t before = diags->count;
    struct reach_mounting m;
    config_access_mounting(cfg, &m);
    struct reach_zone z;
    reach_zone_for(&m, pl->width, pl->height, &z);
    /* Accessible mode lays every slide and page out again: what does not fit is named. */
    if (engine)
        access_playlist_free(access_playlist_build(pl, engine, &z, diags));
    check_reach(pl, cfg, diags);
    check_corner(pl, &z, diags);
    check_text_sizes(pl, diags);
    if (notes) {
        if (!(pl->diagonal_inches > 0))
            fprintf(notes,
                    "%s: note: the playlist does not say its screen's size "
                    "(\"screen\": {\"diagonal_inches\": 43}), so the size of its text is not "
                    "checked against the 4.8 mm minimum\n",
                    pl->file);
        note_speech(pl, notes);
    }
    return diags->count - before;
}
