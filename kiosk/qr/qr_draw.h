/* QR codes into pixels: every module a whole number of pixels on whole-pixel positions, never
 * scaled or filtered, so the edges stay sharp for a phone camera.
 *
 * Two ways, same pixels: qr_draw_surface() makes a surface of the exact size once (on any
 * thread; the caller uploads it as a texture and copies it 1:1 at layout.code's position), and
 * qr_draw() fills rectangles straight into a renderer (render thread only). The caption is not
 * drawn here: the caller lays it out with the text engine in layout.caption.
 */
#pragma once

#include <SDL.h>
#include <stdbool.h>

#include "qr/qr_code.h"

/* Dark modules on a light quiet zone and background. Readers expect dark on light with strong
 * contrast; keep the light colour near white. */
struct qr_colors {
    SDL_Color dark, light;
};
#define QR_COLORS_DEFAULT ((struct qr_colors){{0, 0, 0, 255}, {255, 255, 255, 255}})

/* A new ARGB8888 surface of qr_side_px(code->width, module_px) pixels a side: the quiet zone and
 * light modules in colors.light, dark modules in colors.dark. Owned by the caller
 * (SDL_FreeSurface). NULL only when SDL cannot allocate (logged). module_px must be >= 1. */
SDL_Surface *qr_draw_surface(const struct qr_code *code, int module_px, struct qr_colors colors);

/* Fills layout->code with the light colour and draws the dark modules as rectangles at
 * layout->module_px each, into the renderer's current target. Blending is turned off for the
 * fills and restored after. False if SDL refuses a fill (logged). */
bool qr_draw(SDL_Renderer *renderer, const struct qr_code *code, const struct qr_layout *layout,
             struct qr_colors colors);
