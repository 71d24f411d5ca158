#define LOG_MODULE "contrast"
#include "cli/check_contrast.h"

#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/xmalloc.h"
#include "cli/headless.h"
#include "playlist/page.h"
#include "render/contrast.h"

/* One rendering read back: RGBA32 pixels of the output. */
struct pixels {
    uint8_t *data;
    int w, h, pitch;
};

static bool read_back(struct headless *hd, struct pixels *p)
{
    SDL_Renderer *r = hd->display.renderer;
    int w, h;
    SDL_GetRendererOutputSize(r, &w, &h);
    if (!p->data) {
        p->w = w;
        p->h = h;
        p->pitch = w * 4;
        p->data = xmalloc((size_t)p->pitch * (size_t)h);
    }
    return SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_RGBA32, p->data, p->pitch) == 0;
}

/* Draws the slide or page twice, with and without its letters; false when it cannot be drawn. */
static bool draw_twice(struct headless *hd, const struct playlist *pl, size_t slide, size_t page,
                       struct pixels *with, struct pixels *without)
{
    const char *err = NULL;
    for (int pass = 0; pass < 2; pass++) {
        hd->text.backdrop_only = pass == 1;
        compositor_set_text(hd->comp, &hd->text);
        bool ok;
        if (page != PLAYLIST_NO_PAGE) {
            ok = headless_draw_page(hd, pl, page, &err);
        } else {
            struct sched_frame f = {.slide = slide, .from = SCHED_NONE, .progress = 1.0};
            ok = headless_draw_frame(hd, pl, &f, &err);
        }
        if (!ok || !read_back(hd, pass == 0 ? with : without)) {
            hd->text.backdrop_only = false;
            compositor_set_text(hd->comp, &hd->text);
            return false;
        }
    }
    hd->text.backdrop_only = false;
    compositor_set_text(hd->comp, &hd->text);
    return true;
}

/* A block found hard to read, in one or more languages. */
struct finding {
    const struct text_block *block;
    const char *owner, *owner_id; /* "slide", "welcome" */
    size_t index;                 /* the block's place among its owner's */
    char langs[64];               /* "he, en" */
    double worst;
    double need;
};

struct findings {
    struct finding *items;
    size_t count, cap;
};

static void note(struct findings *f, const struct text_block *b, const char *owner,
                 const char *owner_id, size_t index, const char *lang, double ratio, double need)
{
    struct finding *it = NULL;
    for (size_t i = 0; i < f->count && !it; i++)
        if (f->items[i].block == b)
            it = &f->items[i];
    if (!it) {
        if (f->count == f->cap) {
            f->cap = f->cap ? f->cap * 2 : 8;
            f->items = xrealloc(f->items, f->cap * sizeof(*f->items));
        }
        it = &f->items[f->count++];
        *it = (struct finding){.block = b,
                               .owner = owner,
                               .owner_id = owner_id,
                               .index = index,
                               .worst = ratio,
                               .need = need};
    }
    size_t used = strlen(it->langs);
    snprintf(it->langs + used, sizeof it->langs - used, "%s%s", used ? ", " : "", lang);
    if (ratio < it->worst)
        it->worst = ratio;
}

/* Measures each text block of one slide or page in one language; notes those hard to read. */
static void measure_blocks(const struct playlist *pl, const struct headless *hd,
                           const struct text_block *blocks, size_t n, const char *owner,
                           const char *owner_id, const struct page *page, const char *lang,
                           const struct pixels *with, const struct pixels *without,
                           struct findings *found)
{
    bool mirrored = page && page_mirrored(pl, page, lang);
    for (size_t i = 0; i < n; i++) {
        const struct text_block *b = &blocks[i];
        const char *used = lang;
        if (b->kind != TEXT_BLOCK_CLOCK &&
            (!text_block_text(pl, b, lang, &used) || strcmp(used, lang) != 0))
            continue; /* shown in another language: measured there */
        float box[4];
        page_box(b->box, mirrored, box);
        int x = hd->area.x + (int)(box[0] * hd->area.w),
            y = hd->area.y + (int)(box[1] * hd->area.h);
        int w = (int)(box[2] * hd->area.w), h = (int)(box[3] * hd->area.h);
        struct contrast_measure m;
        if (!contrast_measure_text(with->data, without->data, with->w, with->h, with->pitch, x, y,
                                   w, h, b->color, &m))
            continue;
        double need =
            contrast_is_large(b->min_size, b->bold) ? CONTRAST_MIN_LARGE : CONTRAST_MIN_TEXT;
        if (m.ratio < need)
            note(found, b, owner, owner_id, i, lang, m.ratio, need);
    }
}

/* One warning per block, naming every language in which it is hard to read. */
static size_t report(const struct playlist *pl, const struct findings *found,
                     struct diag_list *diags)
{
    for (size_t i = 0; i < found->count; i++) {
        const struct finding *f = &found->items[i];
        const struct text_block *b = f->block;
        char name[200];
        if (b->id)
            snprintf(name, sizeof name, "block \"%s\" of %s \"%s\"", b->id, f->owner, f->owner_id);
        else
            snprintf(name, sizeof name, "block %zu of %s \"%s\"", f->index + 1, f->owner,
                     f->owner_id);
        diag_add(diags, DIAG_WARNING, pl->file, b->line, b->column, b->path,
                 "%s: the text is hard to read (%s): its letters stand on a background whose "
                 "contrast with the text colour is %.1f:1, where %s text needs at least %.1f:1 "
                 "(WCAG AA); give it a panel (\"panel\": {\"color\": \"#000000b0\"}) or "
                 "a colour that stands out from the picture behind it",
                 name, f->langs, f->worst, f->need == CONTRAST_MIN_LARGE ? "large" : "normal-size",
                 f->need);
    }
    return found->count;
}

size_t check_contrast(const struct playlist *pl, struct text_engine *engine,
                      size_t max_image_pixels, struct diag_list *diags)
{
    if (!pl || !engine)
        return 0;
    int w = pl->width, h = pl->height;
    if (w > 1280) {
        w /= 2;
        h /= 2;
    }
    struct headless hd;
    if (!headless_open(&hd, pl, w, h, max_image_pixels, 4, engine, 0, NULL)) {
        LOG_WARN("the contrast of text is not checked: no renderer");
        return 0;
    }
    hd.text.outline_overflow = false;
    struct pixels with = {0}, without = {0};
    struct findings found = {0};
    for (size_t l = 0; l < pl->language_count; l++) {
        const char *lang = pl->languages[l];
        headless_set_lang(&hd, lang);
        for (size_t i = 0; i < pl->slide_count; i++) {
            const struct slide *s = &pl->slides[i];
            if (s->text_count && draw_twice(&hd, pl, i, PLAYLIST_NO_PAGE, &with, &without))
                measure_blocks(pl, &hd, s->texts, s->text_count, "slide", s->id, NULL, lang, &with,
                               &without, &found);
        }
        for (size_t i = 0; i < pl->page_count; i++) {
            const struct page *p = &pl->pages[i];
            if (p->text_count && draw_twice(&hd, pl, 0, i, &with, &without))
                measure_blocks(pl, &hd, p->texts, p->text_count, "page", p->id, p, lang, &with,
                               &without, &found);
        }
    }
    size_t warned = report(pl, &found, diags);
    free(found.items);
    free(with.data);
    free(without.data);
    headless_close(&hd);
    return warned;
}
