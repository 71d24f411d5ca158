/* Interactive pages as the player shows them: which way a page is laid out in a language, and
 * where its boxes go then. Pure functions of the model; no SDL.
 *
 * Mirroring: a playlist's boxes are written for its primary language's reading direction (an
 * Akko playlist, Hebrew first, is laid out right to left). A page with "mirror": true is shown
 * mirrored left to right when the language shown reads the other way (English or Russian on
 * that playlist; Hebrew or Arabic on a playlist whose first language is English): every box of
 * its texts, QR codes and buttons moves to x' = 1 - x - width. The image and the background do
 * not move, and nothing inside a box is flipped: text keeps its own direction and alignment
 * (start/end already follow the language), a QR code is never mirrored. Slides never mirror. */
#pragma once

#include <stdbool.h>

#include "playlist/playlist.h"

/* True when page (NULL: a slide) is shown mirrored in language lang (NULL: the primary). The
 * renderer also points a back arrow by it: a back arrow points against the reading direction
 * of the language shown (left in English, right in Hebrew), whatever the mirroring. */
bool page_mirrored(const struct playlist *pl, const struct page *page, const char *lang);

/* box, mirrored horizontally when `mirrored`, into out (which may be box). */
void page_box(const float box[4], bool mirrored, float out[4]);

/* Where button b of page (NULL for a button on a slide) goes in language lang: its box,
 * mirrored when page_mirrored(). Fractions of the screen. */
void button_box_for(const struct playlist *pl, const struct page *page, const struct button *b,
                    const char *lang, float out[4]);

/* The text of a button's label or a QR code's caption in lang, with the same fallback as
 * text_block_text(); NULL for a QR code without caption. */
const char *button_label(const struct playlist *pl, const struct button *b, const char *lang,
                         const char **used_lang);
const char *qr_caption(const struct playlist *pl, const struct qr_block *q, const char *lang,
                       const char **used_lang);

/* "page:housing", "back", "language:ar", ... as a playlist writes it, into buf. */
const char *button_action_text(const struct playlist *pl, const struct button *b, char *buf,
                               size_t size);
