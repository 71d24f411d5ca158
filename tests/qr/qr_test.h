/* Shared by the QR tests: a code drawn on a slide-like surface with SDL's software renderer (no
 * video driver needed), the way the renderer will draw it. */
#pragma once

#include <SDL.h>
#include <stdio.h>

#include "qr/qr_code.h"
#include "qr/qr_draw.h"

/* The slide behind the code: a mid blue, neither colour of the code. */
#define SLIDE_R 30
#define SLIDE_G 60
#define SLIDE_B 140

enum draw_path { DRAW_RECTS, DRAW_TEXTURE };

/* A w x h ARGB8888 surface: the slide colour, and the code laid out in box with qr_draw()
 * (DRAW_RECTS) or as a qr_draw_surface() texture copied 1:1 (DRAW_TEXTURE). NULL if the layout
 * refuses. Caller frees. */
static inline SDL_Surface *draw_on_slide(const struct qr_code *code, int w, int h,
                                         struct qr_rect box, int caption_h, struct qr_colors colors,
                                         enum draw_path path, struct qr_layout *layout)
{
    if (!qr_layout(code->width, box, caption_h, 1, layout))
        return NULL;
    SDL_Surface *target = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(target);
    if (!target || !r) {
        fprintf(stderr, "software renderer: %s\n", SDL_GetError());
        return NULL;
    }
    SDL_SetRenderDrawColor(r, SLIDE_R, SLIDE_G, SLIDE_B, 255);
    SDL_RenderClear(r);
    if (path == DRAW_RECTS) {
        if (!qr_draw(r, code, layout, colors))
            fprintf(stderr, "qr_draw failed\n");
    } else {
        SDL_Surface *s = qr_draw_surface(code, layout->module_px, colors);
        SDL_Texture *t = s ? SDL_CreateTextureFromSurface(r, s) : NULL;
        SDL_Rect dst = {layout->code.x, layout->code.y, layout->code.w, layout->code.h};
        if (!t || s->w != dst.w || s->h != dst.h || SDL_RenderCopy(r, t, NULL, &dst) != 0)
            fprintf(stderr, "qr_draw_surface path failed: %s\n", SDL_GetError());
        if (t)
            SDL_DestroyTexture(t);
        SDL_FreeSurface(s);
    }
    SDL_RenderPresent(r);
    SDL_DestroyRenderer(r);
    return target;
}

static inline Uint32 pixel_at(SDL_Surface *s, int x, int y)
{
    return ((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x];
}

static inline Uint32 rgb(SDL_Surface *s, SDL_Color c)
{
    return SDL_MapRGBA(s->format, c.r, c.g, c.b, 255);
}
