/* Drawing a laid-out text with SDL_RenderGeometry: one textured quad per glyph from the glyph
 * atlas, one draw call per text. Drawing never shapes; a cached layout drawn every frame (a
 * ticker moving x) costs only atlas lookups.
 *
 * Thread: the renderer's thread. The layout is borrowed for the call.
 */
#pragma once

#include <stdbool.h>

#include <SDL.h>

#include "text/glyph_atlas.h"
#include "text/layout.h"

/* Draws `layout` with its box's top-left corner at (x, y) in `color` (alpha honoured). Glyphs
 * entirely outside the renderer's clip rectangle are skipped, so a long ticker line costs only
 * what is visible. False when SDL fails (logged). */
bool text_draw(SDL_Renderer *renderer, struct glyph_atlas *atlas, const struct text_layout *layout,
               float x, float y, SDL_Color color);

/* The rows the layout's ink covers, from its box's top edge (y down), as text_draw places the
 * glyphs: marks such as Arabic dots below or Hebrew niqqud may reach past the first line's top
 * or the last line's bottom, which the layout's height (line boxes from the font's ascent and
 * descent) does not count. False when no glyph has ink. */
bool text_draw_ink_rows(struct glyph_atlas *atlas, const struct text_layout *layout, float *top,
                        float *bottom);
