/* Solid and gradient backgrounds, drawn with SDL_RenderGeometry so a gradient costs four
 * vertices and no texture. */
#pragma once

#include <SDL.h>

#include "playlist/playlist.h"

/* Fills rect with bg at the given opacity (0..1). */
void background_draw(SDL_Renderer *r, const struct background *bg, SDL_FRect rect, float alpha);

/* The colour of a linear gradient at the point (u, v) of its rectangle, u and v in 0..1:
 * exposed for tests. Angles follow CSS: 180 = from top to bottom, 90 = from left to right. */
struct color background_gradient_at(const struct background *bg, float aspect, float u, float v);

/* Fills rect with colour c (blended), its corners rounded with radius px (0: square; at most
 * half the shorter side). Panels behind text and button fills. */
void background_fill_rounded(SDL_Renderer *r, SDL_FRect rect, float radius, SDL_Color c);
