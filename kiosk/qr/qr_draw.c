#define LOG_MODULE "qr"

#include "qr/qr_draw.h"

#include <assert.h>
#include <stdlib.h>

#include "base/log.h"
#include "base/xmalloc.h"

/* Calls fn once per horizontal run of dark modules (row y, columns x0..x1-1): a row of a code is
 * mostly runs, so this is far fewer rectangles than one per module. */
static void for_each_dark_run(const struct qr_code *code, void (*fn)(void *, int, int, int),
                              void *ctx)
{
    for (int y = 0; y < code->width; y++) {
        int x = 0;
        while (x < code->width) {
            if (!qr_code_dark(code, x, y)) {
                x++;
                continue;
            }
            int x0 = x;
            while (x < code->width && qr_code_dark(code, x, y))
                x++;
            fn(ctx, y, x0, x);
        }
    }
}

struct surface_fill {
    SDL_Surface *surface;
    int module_px;
    Uint32 dark;
};

static void fill_surface_run(void *ctx, int y, int x0, int x1)
{
    struct surface_fill *f = ctx;
    int offset = QR_QUIET_MODULES * f->module_px;
    SDL_Rect r = {offset + x0 * f->module_px, offset + y * f->module_px, (x1 - x0) * f->module_px,
                  f->module_px};
    SDL_FillRect(f->surface, &r, f->dark);
}

SDL_Surface *qr_draw_surface(const struct qr_code *code, int module_px, struct qr_colors colors)
{
    assert(module_px >= 1);
    int side = qr_side_px(code->width, module_px);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, side, side, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s) {
        LOG_ERR("cannot make a %dx%d surface for a QR code: %s", side, side, SDL_GetError());
        return NULL;
    }
    SDL_Color d = colors.dark, l = colors.light;
    SDL_FillRect(s, NULL, SDL_MapRGBA(s->format, l.r, l.g, l.b, l.a));
    struct surface_fill f = {s, module_px, SDL_MapRGBA(s->format, d.r, d.g, d.b, d.a)};
    for_each_dark_run(code, fill_surface_run, &f);
    return s;
}

struct rect_list {
    SDL_Rect *rects;
    size_t count, capacity;
    int x, y, module_px;
};

static void collect_run(void *ctx, int y, int x0, int x1)
{
    struct rect_list *l = ctx;
    l->rects = xgrow(l->rects, &l->capacity, l->count + 1, sizeof(*l->rects));
    l->rects[l->count++] = (SDL_Rect){l->x + x0 * l->module_px, l->y + y * l->module_px,
                                      (x1 - x0) * l->module_px, l->module_px};
}

bool qr_draw(SDL_Renderer *renderer, const struct qr_code *code, const struct qr_layout *layout,
             struct qr_colors colors)
{
    int m = layout->module_px;
    assert(m >= 1);
    assert(layout->code.w == qr_side_px(code->width, m));

    struct rect_list l = {.x = layout->code.x + QR_QUIET_MODULES * m,
                          .y = layout->code.y + QR_QUIET_MODULES * m,
                          .module_px = m};
    for_each_dark_run(code, collect_run, &l);

    SDL_BlendMode saved_blend;
    Uint8 r0, g0, b0, a0;
    SDL_GetRenderDrawBlendMode(renderer, &saved_blend);
    SDL_GetRenderDrawColor(renderer, &r0, &g0, &b0, &a0);
    SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_NONE);

    SDL_Rect all = {layout->code.x, layout->code.y, layout->code.w, layout->code.h};
    SDL_Color d = colors.dark, lt = colors.light;
    bool ok = SDL_SetRenderDrawColor(renderer, lt.r, lt.g, lt.b, lt.a) == 0 &&
              SDL_RenderFillRect(renderer, &all) == 0 &&
              SDL_SetRenderDrawColor(renderer, d.r, d.g, d.b, d.a) == 0 &&
              SDL_RenderFillRects(renderer, l.rects, (int)l.count) == 0;
    if (!ok)
        LOG_ERR("drawing a QR code: %s", SDL_GetError());

    SDL_SetRenderDrawBlendMode(renderer, saved_blend);
    SDL_SetRenderDrawColor(renderer, r0, g0, b0, a0);
    free(l.rects);
    return ok;
}
