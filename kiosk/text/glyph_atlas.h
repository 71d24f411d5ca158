/* Rasterized glyphs in one SDL texture, keyed by (face, pixel size in 1/64 px, glyph id).
 *
 * FreeType renders each glyph once (light hinting: vertical only, so the advances HarfBuzz gave
 * the layout still hold); the coverage goes into the alpha channel of a white texture so one
 * atlas serves every text colour through vertex colours. Packing is shelf by shelf; when the
 * texture or the table is full the atlas starts over (generation increments) rather than
 * evicting piecemeal: on a kiosk the working set is a few slides of text.
 *
 * Ownership: the caller owns the atlas (glyph_atlas_create/destroy); it borrows the renderer and
 * the font set, which must outlive it. Thread: the renderer's thread only.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include <SDL.h>

#include "text/fonts.h"

struct glyph_atlas;

struct glyph_atlas_entry {
    SDL_Rect rect; /* in the texture; w or h 0 for blank glyphs (spaces) */
    int left, top; /* bitmap offset from the glyph origin: x right, y up (FreeType's) */
};

/* NULL when the texture cannot be created (logged). side: the largest texture width and height
 * in px; the atlas starts at 1024 (or side, when smaller) and doubles up to it when full. The
 * texture may therefore change between lookups: take glyph_atlas_texture() after them. */
struct glyph_atlas *glyph_atlas_create(SDL_Renderer *renderer, const struct font_set *fonts,
                                       int side);
void glyph_atlas_destroy(struct glyph_atlas *atlas);

/* Finds or rasterizes a glyph at size_px (fractional sizes from scaled slides are kept to
 * 1/64 px, so bitmaps match the layout's advances). False when FreeType fails on it (the glyph
 * is then skipped). */
bool glyph_atlas_lookup(struct glyph_atlas *atlas, font_id font, float size_px, uint32_t glyph,
                        struct glyph_atlas_entry *out);

SDL_Texture *glyph_atlas_texture(const struct glyph_atlas *atlas);
/* Increments each time the atlas starts over; entries from an older generation are stale. */
uint32_t glyph_atlas_generation(const struct glyph_atlas *atlas);
void glyph_atlas_stats(const struct glyph_atlas *atlas, uint64_t *hits, uint64_t *misses);
