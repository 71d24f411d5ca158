#define LOG_MODULE "interactive"
#include "render/interactive.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/lang.h"
#include "base/log.h"
#include "playlist/page.h"
#include "qr/qr_code.h"
#include "qr/qr_draw.h"
#include "render/background.h"

static SDL_Rect to_output(const float box[4], SDL_Rect area)
{
    /* Whole pixels: a QR module and a button edge must not fall between two. */
    int x0 = area.x + (int)lroundf(box[0] * area.w), y0 = area.y + (int)lroundf(box[1] * area.h);
    int x1 = area.x + (int)lroundf((box[0] + box[2]) * area.w);
    int y1 = area.y + (int)lroundf((box[1] + box[3]) * area.h);
    return (SDL_Rect){x0, y0, x1 - x0, y1 - y0};
}

static void to_fractions(struct qr_rect r, SDL_Rect area, float out[4])
{
    out[0] = (float)(r.x - area.x) / area.w;
    out[1] = (float)(r.y - area.y) / area.h;
    out[2] = (float)r.w / area.w;
    out[3] = (float)r.h / area.h;
}

static SDL_Color sdl_colour(struct color c)
{
    return (SDL_Color){c.r, c.g, c.b, c.a};
}

void interactive_draw_qrs(SDL_Renderer *r, const struct text_blocks_context *ctx,
                          const struct playlist *pl, const struct qr_block *qrs, size_t n,
                          bool mirrored, SDL_Rect area)
{
    float scale = (float)area.w / (float)pl->width;
    for (size_t i = 0; i < n; i++) {
        const struct qr_block *q = &qrs[i];
        float fbox[4];
        page_box(q->box, mirrored, fbox);
        SDL_Rect box = to_output(fbox, area);
        char *err = NULL;
        /* Encoding a short link takes well under a millisecond, and frames are drawn only
         * when something changes: no cache is needed. */
        struct qr_code *code = qr_encode(q->data, q->data_len, q->ecc, &err);
        if (!code) {
            LOG_WARN("%s: %s", q->path, err ? err : "cannot be encoded");
            free(err);
            continue;
        }
        int caption_h = q->has_caption ? (int)ceilf(q->caption_px * scale) : 0;
        struct qr_layout l;
        if (!qr_layout(code->width, (struct qr_rect){box.x, box.y, box.w, box.h}, caption_h, 1,
                       &l)) {
            LOG_WARN("%s: a %dx%d box on this screen is too small for its code", q->path, box.w,
                     box.h);
            qr_code_free(code);
            continue;
        }
        qr_draw(r, code, &l, (struct qr_colors){sdl_colour(q->dark), sdl_colour(q->light)});
        qr_code_free(code);
        if (q->has_caption && l.caption.h > 0) {
            float cbox[4];
            to_fractions(l.caption, area, cbox);
            text_blocks_draw(r, ctx, pl, &q->caption, cbox, area, 0);
        }
    }
}

SDL_Rect interactive_button_rect(const struct playlist *pl, const struct page *page,
                                 const struct button *b, const char *lang, SDL_Rect area)
{
    float box[4];
    button_box_for(pl, page, b, lang, box);
    return to_output(box, area);
}

/* A back button's arrow: a chevron at the start edge of the box pointing out of it, against the
 * reading direction (left in English, right in Hebrew), in the label's colour. The bundled
 * fonts have no arrows, so it is drawn. Returns the width it takes, in output pixels. */
static float draw_back_arrow(SDL_Renderer *r, SDL_Rect box, bool rtl, struct color c)
{
    float h = box.h * 0.34f, w = h * 0.55f, t = fmaxf(2.0f, h * 0.16f);
    float margin = fminf(box.h * 0.3f, box.w * 0.12f);
    float cy = box.y + box.h / 2.0f;
    /* The tip on the outer side, the arms towards the label. */
    float tip = rtl ? box.x + box.w - margin : box.x + margin;
    float arm = rtl ? tip - w : tip + w;
    float dir = rtl ? -1.0f : 1.0f;
    SDL_Color col = {c.r, c.g, c.b, c.a};
    SDL_Vertex v[6] = {
        {{tip, cy}, col, {0, 0}},
        {{arm, cy - h / 2}, col, {0, 0}},
        {{arm + dir * t, cy - h / 2 + t * 0.2f}, col, {0, 0}},
        {{tip + dir * t * 1.2f, cy}, col, {0, 0}},
        {{arm, cy + h / 2}, col, {0, 0}},
        {{arm + dir * t, cy + h / 2 - t * 0.2f}, col, {0, 0}},
    };
    int idx[12] = {0, 1, 2, 0, 2, 3, 0, 3, 5, 0, 5, 4};
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    SDL_RenderGeometry(r, NULL, v, 6, idx, 12);
    return margin + w + t;
}

bool interactive_button_shown(const struct playlist *pl, const struct button *b,
                              const bool *page_open)
{
    return !page_open || b->action != BUTTON_ACTION_PAGE || b->target >= pl->page_count ||
           page_open[b->target];
}

void interactive_draw_buttons(SDL_Renderer *r, const struct text_blocks_context *ctx,
                              const struct playlist *pl, const struct page *page,
                              const struct button *buttons, size_t n, int pressed,
                              const bool *page_open, SDL_Rect area)
{
    float scale = (float)area.w / (float)pl->width;
    for (size_t i = 0; i < n; i++) {
        const struct button *b = &buttons[i];
        if (!interactive_button_shown(pl, b, page_open))
            continue;
        float box[4];
        button_box_for(pl, page, b, ctx->lang, box);
        /* The label block draws the fill as its panel; pressed, the fill changes. */
        struct text_block label = b->label;
        if ((int)i == pressed)
            label.panel = b->style.pressed;
        SDL_Rect out = to_output(box, area);
        if (b->action != BUTTON_ACTION_BACK) {
            text_blocks_draw(r, ctx, pl, &label, box, area, 0);
        } else {
            /* The fill first, then the arrow, then the label beside it. */
            SDL_FRect fill = {(float)out.x, (float)out.y, (float)out.w, (float)out.h};
            background_fill_rounded(r, fill, label.radius * scale, sdl_colour(label.panel));
            bool rtl = ctx->lang && lang_is_rtl(ctx->lang);
            float taken = draw_back_arrow(r, out, rtl, label.color) / area.w;
            float rest[4] = {box[0] + (rtl ? 0 : taken), box[1], box[2] - taken, box[3]};
            label.has_panel = false;
            label.padding = 0;
            if (rest[2] > 0)
                text_blocks_draw(r, ctx, pl, &label, rest, area, 0);
        }
        if (b->style.has_border) {
            int k = (int)fmaxf(1.0f, lroundf(2 * scale));
            SDL_SetRenderDrawColor(r, b->style.border.r, b->style.border.g, b->style.border.b,
                                   b->style.border.a);
            SDL_Rect edges[4] = {{out.x, out.y, out.w, k},
                                 {out.x, out.y + out.h - k, out.w, k},
                                 {out.x, out.y, k, out.h},
                                 {out.x + out.w - k, out.y, k, out.h}};
            SDL_RenderFillRects(r, edges, 4);
        }
    }
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
}
