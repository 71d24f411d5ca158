/* Drawing what residents touch: buttons (with their pressed look), QR codes with captions, and
 * whole interactive pages' parts, on slides and pages. The compositor calls these after a
 * slide's or page's picture and text.
 *
 * Mirroring follows playlist/page.h: on a page shown in a language that reads the other way,
 * every box moves to 1 - x - width; slides never mirror.
 *
 * Thread: the renderer's thread. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

#include "playlist/playlist.h"
#include "render/text_blocks.h"

#define INTERACTIVE_NO_PRESS (-1)

/* Draws n QR codes into area. Each code is encoded from its data and laid out in whole output
 * pixels per module (never scaled), its caption under it in ctx->lang. */
void interactive_draw_qrs(SDL_Renderer *r, const struct text_blocks_context *ctx,
                          const struct playlist *pl, const struct qr_block *qrs, size_t n,
                          bool mirrored, SDL_Rect area);

/* Draws the buttons of page (NULL: of a slide; then buttons is the slide's) into area; the
 * button at index `pressed` shows its pressed fill. page_open (pl->page_count entries, from
 * the view model; NULL: all open) hides the buttons that lead to a page outside its schedule. */
void interactive_draw_buttons(SDL_Renderer *r, const struct text_blocks_context *ctx,
                              const struct playlist *pl, const struct page *page,
                              const struct button *buttons, size_t n, int pressed,
                              const bool *page_open, SDL_Rect area);

/* Whether button b shows, as interactive_draw_buttons decides. */
bool interactive_button_shown(const struct playlist *pl, const struct button *b,
                              const bool *page_open);

/* Where button i is on the output (for hit testing), in ctx's language. */
SDL_Rect interactive_button_rect(const struct playlist *pl, const struct page *page,
                                 const struct button *b, const char *lang, SDL_Rect area);
