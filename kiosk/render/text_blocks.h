/* Text blocks, wherever a playlist puts them (a slide's, a page's, a button's label, a QR code's
 * caption): where each block goes, in which language and size, and drawing it (panel, shadow,
 * text; a ticker scrolling; a clock). Layouts come from the text engine's
 * cache, so a slide drawn again costs no shaping; a ticker moves an already laid-out line.
 *
 * Thread: the renderer's thread (the engine and the atlas belong to it). */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include <SDL.h>

#include "playlist/playlist.h"
#include "text/glyph_atlas.h"
#include "text/layout.h"

struct text_blocks_context {
    struct text_engine *engine; /* NULL: fonts could not be loaded; text is not drawn */
    struct glyph_atlas *atlas;
    const char *lang;      /* the language shown */
    time_t wall;           /* wall-clock time for clocks */
    bool outline_overflow; /* preview: outline in red a block whose text does not fit */
    bool ticker_at_start;  /* still pictures: a ticker's beginning at its start edge */
    bool backdrop_only;    /* panels but no glyphs: what lies behind the letters, for the
                              contrast check (kiosk check) */
};

/* Draws slide s's text blocks into area (the slide's rectangle on the output) at `elapsed`
 * seconds into the slide (tickers). */
void text_blocks_draw_slide(SDL_Renderer *r, const struct text_blocks_context *ctx,
                            const struct playlist *pl, const struct slide *s, SDL_Rect area,
                            double elapsed);

/* One block (of a slide, a page, a button's label or a QR code's caption) into area; box_override
 * (fractions of the screen, may be NULL) replaces the block's own box: a mirrored page, a
 * button's box. */
void text_blocks_draw(SDL_Renderer *r, const struct text_blocks_context *ctx,
                      const struct playlist *pl, const struct text_block *b,
                      const float *box_override, SDL_Rect area, double elapsed);

/* True when the slide has a ticker: it moves on every frame. */
bool text_blocks_animating(const struct slide *s);
/* True when the slide shows a clock: it changes every minute. */
bool text_blocks_has_clock(const struct slide *s);

/* The style of block b in language lang at `scale` output pixels per screen pixel. */
struct text_style text_blocks_style(const struct text_block *b, const char *lang, float scale);
/* The same, with the block's playlist font (if any) added to the engine's fonts. */
struct text_style text_blocks_style_in(struct text_engine *engine, const struct playlist *pl,
                                       const struct text_block *b, const char *lang, float scale);

/* The panel that hugs a layout drawn with its box's left edge at x and its top at y: the lines'
 * extent plus pad on every side. False when the layout has no visible line. */
bool text_blocks_hug_rect(const struct text_layout *layout, float x, float y, float pad,
                          SDL_FRect *out);

/* Ticker position: the x of the line's left edge relative to the box's left edge, for a line
 * `line_w` wide in a box `box_w` wide, `elapsed` seconds in, moving `speed` px/s. Left-to-right
 * text enters from the right and moves left; right-to-left text enters from the left and moves
 * right, so the reader always meets the beginning first. Loops with the line fully gone. */
float text_blocks_ticker_x(float line_w, float box_w, double elapsed, float speed, bool rtl);
