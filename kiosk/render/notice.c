#include "render/notice.h"

#include <math.h>
#include <string.h>

#include "text/draw.h"

void notice_add(struct notice *n, const char *text, const char *lang, bool small)
{
    if (!text || n->line_count >= NOTICE_MAX_LINES)
        return;
    n->lines[n->line_count++] = (struct notice_line){text, lang, small};
}

static SDL_Color tone_colour(enum notice_tone t)
{
    switch (t) {
    case NOTICE_GOOD:
        return (SDL_Color){46, 160, 67, 255};
    case NOTICE_BAD:
        return (SDL_Color){210, 48, 48, 255};
    default:
        return (SDL_Color){52, 120, 220, 255};
    }
}

static enum text_dir lang_dir(const char *lang)
{
    /* The notice's own languages; a text's direction follows its language, as on slides. */
    if (lang && (!strncmp(lang, "he", 2) || !strncmp(lang, "ar", 2)))
        return TEXT_DIR_RTL;
    return lang ? TEXT_DIR_LTR : TEXT_DIR_AUTO;
}

static struct text_layout *layout_line(struct text_engine *engine, const struct notice_line *l,
                                       float size, float width, enum text_align align)
{
    struct text_style st = {
        .size = size,
        .weight = l->small ? FONT_WEIGHT_REGULAR : FONT_WEIGHT_BOLD,
        .lang = l->lang,
        .dir = l->small ? TEXT_DIR_AUTO : lang_dir(l->lang),
        .align = align,
    };
    return text_layout_get(engine, l->text, strlen(l->text), &st, width);
}

static void fill(SDL_Renderer *r, float x, float y, float w, float h, SDL_Color c)
{
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
    SDL_FRect rect = {x, y, w, h};
    SDL_RenderFillRectF(r, &rect);
}

static void draw_compact(SDL_Renderer *r, struct text_engine *engine, struct glyph_atlas *atlas,
                         const struct notice *n, SDL_Rect area)
{
    if (n->line_count == 0 || !engine || !atlas)
        return;
    float size = fmaxf(12.0f, area.h / 40.0f), pad = size * 0.5f;
    struct text_layout *l =
        layout_line(engine, &n->lines[0], size, TEXT_WIDTH_UNBOUNDED, TEXT_ALIGN_CENTER);
    float w = l->width + 2 * pad, h = l->height + 2 * pad;
    /* The bottom corner on the reading side's far end: out of the way of slide text, which
     * starts on the other side in the primary language. */
    float x = l->rtl ? area.x + pad : area.x + area.w - w - pad;
    float y = area.y + area.h - h - pad;
    fill(r, x, y, w, h, (SDL_Color){0, 0, 0, 190});
    fill(r, l->rtl ? x + w - pad / 2 : x, y, pad / 2, h, tone_colour(n->tone));
    text_draw(r, atlas, l, x + pad, y + pad, (SDL_Color){255, 255, 255, 255});
    text_layout_unref(l);
}

/* The status page: nearly opaque, lines from the top; what does not fit is left out. */
static void draw_page(SDL_Renderer *r, struct text_engine *engine, struct glyph_atlas *atlas,
                      const struct notice *n, SDL_Rect area)
{
    float unit = fminf((float)area.w, (float)area.h);
    float big = fmaxf(13.0f, unit / 24.0f), small = fmaxf(10.0f, unit / 40.0f);
    float margin = unit * 0.04f, pad = big * 0.8f;
    float x = area.x + margin, y = area.y + margin;
    float w = area.w - 2 * margin, h = area.h - 2 * margin;
    fill(r, x, y, w, h, (SDL_Color){12, 16, 24, 240});
    fill(r, x, y, w, pad * 0.35f, tone_colour(n->tone));
    if (!engine || !atlas)
        return;
    float ty = y + pad;
    for (size_t i = 0; i < n->line_count; i++) {
        const struct notice_line *l = &n->lines[i];
        struct text_layout *lay =
            layout_line(engine, l, l->small ? small : big, w - 2 * pad, TEXT_ALIGN_START);
        bool fits = ty + lay->height <= y + h - pad;
        if (fits)
            text_draw(r, atlas, lay, x + pad, ty,
                      l->small ? (SDL_Color){200, 205, 215, 255} : (SDL_Color){255, 255, 255, 255});
        ty += lay->height + small * 0.3f;
        text_layout_unref(lay);
        if (!fits)
            break;
    }
}

void notice_draw(SDL_Renderer *r, struct text_engine *engine, struct glyph_atlas *atlas,
                 const struct notice *n, SDL_Rect area)
{
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    if (n->page) {
        draw_page(r, engine, atlas, n, area);
        SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
        return;
    }
    if (n->compact) {
        draw_compact(r, engine, atlas, n, area);
        SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
        return;
    }
    /* Sizes follow the screen's shorter side, so portrait screens get the same legibility. */
    float unit = fminf((float)area.w, (float)area.h);
    float big = fmaxf(14.0f, unit / 20.0f), small = fmaxf(11.0f, unit / 34.0f);
    float pad = big * 0.8f;
    float panel_w = area.w * 0.86f, text_w = panel_w - 2 * pad;

    struct text_layout *layouts[NOTICE_MAX_LINES] = {0};
    float text_h = 0;
    for (size_t i = 0; i < n->line_count && engine && atlas; i++) {
        layouts[i] = layout_line(engine, &n->lines[i], n->lines[i].small ? small : big, text_w,
                                 TEXT_ALIGN_CENTER);
        text_h += layouts[i]->height + (i ? big * 0.25f : 0);
    }
    float bar_h = n->progress >= 0 ? big * 0.6f : 0;
    float panel_h = 2 * pad + text_h + (bar_h > 0 ? bar_h + pad : 0);
    if (panel_h < 3 * pad)
        panel_h = 3 * pad;
    float x = area.x + (area.w - panel_w) / 2;
    /* In the lower part of the screen, above where tickers usually run. */
    float y = area.y + area.h * 0.92f - panel_h;
    if (y < area.y + pad)
        y = area.y + pad;

    fill(r, x, y, panel_w, panel_h, (SDL_Color){12, 16, 24, 225});
    fill(r, x, y, panel_w, pad * 0.35f, tone_colour(n->tone));

    float ty = y + pad;
    for (size_t i = 0; i < n->line_count; i++) {
        if (!layouts[i])
            continue;
        SDL_Color c =
            n->lines[i].small ? (SDL_Color){200, 205, 215, 255} : (SDL_Color){255, 255, 255, 255};
        text_draw(r, atlas, layouts[i], x + pad, ty, c);
        ty += layouts[i]->height + big * 0.25f;
        text_layout_unref(layouts[i]);
    }
    if (bar_h > 0) {
        float by = y + panel_h - pad - bar_h;
        double p = n->progress > 1 ? 1 : n->progress;
        fill(r, x + pad, by, text_w, bar_h, (SDL_Color){60, 66, 80, 255});
        fill(r, x + pad, by, (float)(text_w * p), bar_h, tone_colour(n->tone));
    }
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
}

static uint64_t fnv(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * 1099511628211ull;
    return h;
}

uint64_t notice_hash(const struct notice *n)
{
    uint64_t h = 14695981039346656037ull;
    long permille = n->progress < 0 ? -1 : lround(n->progress * 1000);
    int flags[4] = {(int)n->tone, n->compact, n->page, (int)n->line_count};
    h = fnv(h, &permille, sizeof permille);
    h = fnv(h, flags, sizeof flags);
    for (size_t i = 0; i < n->line_count; i++) {
        const struct notice_line *l = &n->lines[i];
        h = fnv(h, l->text, strlen(l->text) + 1);
        h = fnv(h, l->lang ? l->lang : "", l->lang ? strlen(l->lang) + 1 : 1);
        h = fnv(h, &l->small, sizeof l->small);
    }
    return h;
}
