#define LOG_MODULE "text_blocks"
#include "render/text_blocks.h"

#include <math.h>
#include <string.h>

#include "base/lang.h"
#include "base/log.h"
#include "render/background.h"
#include "render/clock_text.h"
#include "text/draw.h"

struct text_style text_blocks_style(const struct text_block *b, const char *lang, float scale)
{
    struct text_style st = {
        .size = b->size * scale,
        .weight = b->bold ? FONT_WEIGHT_BOLD : FONT_WEIGHT_REGULAR,
        .lang = lang,
        .line_height = b->line_height,
    };
    if (b->dir_auto)
        st.dir = TEXT_DIR_AUTO;
    else
        st.dir = lang && lang_is_rtl(lang) ? TEXT_DIR_RTL : TEXT_DIR_LTR;
    switch (b->align) {
    case BLOCK_ALIGN_START:
        st.align = TEXT_ALIGN_START;
        break;
    case BLOCK_ALIGN_END:
        st.align = TEXT_ALIGN_END;
        break;
    case BLOCK_ALIGN_CENTER:
        st.align = TEXT_ALIGN_CENTER;
        break;
    }
    return st;
}

struct text_style text_blocks_style_in(struct text_engine *engine, const struct playlist *pl,
                                       const struct text_block *b, const char *lang, float scale)
{
    struct text_style st = text_blocks_style(b, lang, scale);
    if (engine && b->font > 0 && b->font <= pl->font_count) {
        const struct playlist_font *f = &pl->fonts[b->font - 1];
        st.family = text_engine_add_family(engine, f->regular, f->bold);
    }
    return st;
}

bool text_blocks_hug_rect(const struct text_layout *layout, float x, float y, float pad,
                          SDL_FRect *out)
{
    float left = 0, right = 0;
    bool any = false;
    for (size_t i = 0; i < layout->n_lines; i++) {
        const struct text_line *l = &layout->lines[i];
        if (l->width <= 0)
            continue;
        if (!any || l->x < left)
            left = l->x;
        if (!any || l->x + l->width > right)
            right = l->x + l->width;
        any = true;
    }
    if (!any)
        return false;
    *out = (SDL_FRect){x + left - pad, y - pad, right - left + 2 * pad, layout->height + 2 * pad};
    return true;
}

float text_blocks_ticker_x(float line_w, float box_w, double elapsed, float speed, bool rtl)
{
    double period_px = line_w + box_w;
    if (period_px <= 0 || speed <= 0)
        return 0;
    double d = fmod(elapsed * speed, period_px);
    return rtl ? (float)(d - line_w) : (float)(box_w - d);
}

bool text_blocks_animating(const struct slide *s)
{
    for (size_t i = 0; i < s->text_count; i++)
        if (s->texts[i].kind == TEXT_BLOCK_TICKER)
            return true;
    return false;
}

bool text_blocks_has_clock(const struct slide *s)
{
    for (size_t i = 0; i < s->text_count; i++)
        if (s->texts[i].kind == TEXT_BLOCK_CLOCK)
            return true;
    return false;
}

static SDL_Color to_sdl(struct color c)
{
    return (SDL_Color){c.r, c.g, c.b, c.a};
}

void text_blocks_draw(SDL_Renderer *r, const struct text_blocks_context *ctx,
                      const struct playlist *pl, const struct text_block *b,
                      const float *box_override, SDL_Rect area, double elapsed)
{
    if (!ctx || !ctx->engine || !ctx->atlas)
        return;
    const float *bx = box_override ? box_override : b->box;
    float scale = (float)area.w / (float)pl->width;
    SDL_FRect box = {area.x + bx[0] * area.w, area.y + bx[1] * area.h, bx[2] * area.w,
                     bx[3] * area.h};

    const char *lang = ctx->lang;
    char clock_buf[256];
    const char *text;
    if (b->kind == TEXT_BLOCK_CLOCK) {
        struct tm tm;
        clock_local_time(pl, ctx->wall, &tm);
        clock_text(lang, b->clock, &tm, clock_buf, sizeof(clock_buf));
        text = clock_buf;
    } else {
        text = text_block_text(pl, b, ctx->lang, &lang);
        if (!text)
            return;
    }

    /* A panel hugging its text is drawn once the text is laid out; a ticker moves, so its
     * panel always spans the box. */
    bool hug = b->has_panel && b->panel_hug && b->kind != TEXT_BLOCK_TICKER;
    if (b->has_panel && !hug)
        background_fill_rounded(r, box, b->radius * scale, to_sdl(b->panel));
    float pad = b->has_panel ? b->padding * scale : 0;
    SDL_FRect inner = {box.x + pad, box.y + pad, box.w - 2 * pad, box.h - 2 * pad};
    if (inner.w <= 1 || inner.h <= 1)
        return;

    struct text_style st = text_blocks_style_in(ctx->engine, pl, b, lang, scale);
    struct text_layout *layout = NULL;
    bool fits = true;
    size_t len = strlen(text);
    float x = inner.x;
    if (b->kind == TEXT_BLOCK_TICKER) {
        layout = text_layout_get(ctx->engine, text, len, &st, TEXT_WIDTH_UNBOUNDED);
        if (ctx->ticker_at_start)
            x = layout->rtl ? inner.x + inner.w - layout->width : inner.x;
        else
            x = inner.x + text_blocks_ticker_x(layout->width, inner.w, elapsed,
                                               b->ticker_speed * scale, layout->rtl);
    } else {
        fits = text_layout_fit(ctx->engine, text, len, &st, inner.w, inner.h, b->min_size * scale,
                               &layout);
    }

    float y = inner.y;
    if (b->valign == BLOCK_VALIGN_MIDDLE)
        y = inner.y + (inner.h - layout->height) / 2;
    else if (b->valign == BLOCK_VALIGN_BOTTOM)
        y = inner.y + inner.h - layout->height;
    /* Lines are placed by their line boxes (the font's ascent and descent), but marks such as
     * the dots under a bold Arabic yeh or Hebrew niqqud may reach past them: when the ink fits
     * the box, move the text just enough to bring it inside. A block cut into parts (scroll)
     * is placed by its lines, so that the parts meet. */
    float ink_top = 0, ink_bottom = layout->height;
    bool inked = text_draw_ink_rows(ctx->atlas, layout, &ink_top, &ink_bottom);
    if (inked && fits && b->scroll == 0 && ink_bottom - ink_top <= inner.h) {
        if (y + ink_bottom > inner.y + inner.h)
            y = inner.y + inner.h - ink_bottom;
        if (y + ink_top < inner.y)
            y = inner.y - ink_top;
    }
    y -= b->scroll * scale;
    SDL_FRect hugged;
    if (hug && text_blocks_hug_rect(layout, x, y, pad, &hugged))
        background_fill_rounded(r, hugged, b->radius * scale, to_sdl(b->panel));

    /* Text never spills out of its box over the rest of the slide. */
    SDL_Rect clip = {(int)floorf(inner.x), (int)floorf(box.y), (int)ceilf(inner.w),
                     (int)ceilf(box.h)};
    if (b->kind != TEXT_BLOCK_TICKER) {
        clip.x = (int)floorf(box.x);
        clip.w = (int)ceilf(box.w);
    }
    /* A glyph's own ink is never cut by its own box: when the first line starts inside the box,
     * the clip reaches up to its ink, and when the last line ends inside, down to its ink (the
     * slide's edge still bounds both). Lines outside the box (overflow, a part's neighbours)
     * stay hidden. */
    if (inked) {
        float top = floorf(box.y), bottom = ceilf(box.y + box.h);
        if (y >= box.y - 0.5f)
            top = fmaxf((float)area.y, fminf(top, floorf(y + ink_top)));
        if (y + layout->height <= box.y + box.h + 0.5f)
            bottom = fminf((float)(area.y + area.h), fmaxf(bottom, ceilf(y + ink_bottom)));
        clip.y = (int)top;
        clip.h = bottom > top ? (int)(bottom - top) : 0;
    }
    SDL_Rect prev_clip;
    bool had_clip = SDL_RenderIsClipEnabled(r);
    SDL_RenderGetClipRect(r, &prev_clip);
    SDL_Rect use = clip;
    if (had_clip && !SDL_IntersectRect(&clip, &prev_clip, &use))
        use = (SDL_Rect){0, 0, 0, 0};
    SDL_RenderSetClipRect(r, &use);

    if (ctx->backdrop_only) {
        SDL_RenderSetClipRect(r, had_clip ? &prev_clip : NULL);
        text_layout_unref(layout);
        return;
    }
    if (b->has_shadow) {
        float off = fmaxf(1.0f, st.size / 16.0f);
        text_draw(r, ctx->atlas, layout, x + (layout->rtl ? -off : off), y + off,
                  to_sdl(b->shadow));
    }
    text_draw(r, ctx->atlas, layout, x, y, to_sdl(b->color));
    SDL_RenderSetClipRect(r, had_clip ? &prev_clip : NULL);

    if (!fits && ctx->outline_overflow) {
        /* Preview only: show marketing which box overflows; `kiosk check` names it. */
        SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
        SDL_SetRenderDrawColor(r, 255, 0, 0, 255);
        for (int k = 0; k < 3; k++) {
            SDL_FRect o = {box.x - k, box.y - k, box.w + 2 * k, box.h + 2 * k};
            SDL_RenderDrawRectF(r, &o);
        }
    }
    text_layout_unref(layout);
}

void text_blocks_draw_slide(SDL_Renderer *r, const struct text_blocks_context *ctx,
                            const struct playlist *pl, const struct slide *s, SDL_Rect area,
                            double elapsed)
{
    if (!ctx || !ctx->engine || !ctx->atlas)
        return;
    for (size_t i = 0; i < s->text_count; i++)
        text_blocks_draw(r, ctx, pl, &s->texts[i], NULL, area, elapsed);
}
