/* Accessible mode's pages: the same slides and pages, laid out again by the text engine with
 * text 1.5 times larger, in a high-contrast theme (at least 7:1, WCAG 2's AAA level for text),
 * and with every button gathered into the reach zone (access/reach.h).
 *
 * access_playlist_build() makes an accessible copy of a playlist: a struct playlist whose
 * slides and pages are new, with new boxes, sizes and colours for their texts, QR codes and
 * buttons, in the same order (a button keeps its index, so touches mean what they meant), and
 * whose strings (texts, ids, paths, fonts, schedules) are borrowed from the original. The
 * compositor draws it like any playlist. Pictures are left out: the theme's solid background
 * stands behind the text.
 *
 * Layout of each slide and page, top to bottom: its texts and then its QR codes, one under the
 * other across the screen's width; above the reach zone's bottom, the row of accessible-mode
 * controls (access_control_box) and over it the buttons in a grid, as many columns as their
 * labels allow at 1.5 times their size, in reading order.
 *
 * Ownership: the copy borrows from pl and must be freed (access_playlist_free, never
 * playlist_free) before pl is. Thread: the engine's (the loop's). */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "access/reach.h"
#include "playlist/diag.h"
#include "playlist/playlist.h"

struct text_engine;

/* Text in accessible mode is this many times its size (and never shrinks below it). */
#define ACCESS_TEXT_SCALE 1.5f

/* The theme. Every pair is asserted to reach ACCESS_MIN_CONTRAST by WCAG's formula
 * (render/contrast.h) in tests/unit/test_access.c. */
#define ACCESS_MIN_CONTRAST 7.0
#define ACCESS_BACKGROUND ((struct color){0, 0, 0, 255})
#define ACCESS_TEXT ((struct color){255, 255, 255, 255})
#define ACCESS_BUTTON_LABEL ((struct color){255, 230, 0, 255})
#define ACCESS_BUTTON_FILL ((struct color){0, 0, 0, 255})
#define ACCESS_BUTTON_PRESSED ((struct color){60, 60, 60, 255})

/* The built-in controls: the accessibility button (on every slide and page, in the same place
 * in every language and mode, not mirrored), and in accessible mode beside it, in this order,
 * pause/resume of moving content, play and repeat of the page's recorded speech, volume, and
 * on a page shown in parts the previous and next part. */
enum access_control {
    ACCESS_CONTROL_TOGGLE,
    ACCESS_CONTROL_PAUSE,
    ACCESS_CONTROL_PLAY,
    ACCESS_CONTROL_REPEAT,
    ACCESS_CONTROL_QUIETER,
    ACCESS_CONTROL_LOUDER,
    ACCESS_CONTROL_EARLIER, /* a long page's previous part */
    ACCESS_CONTROL_LATER,   /* and its next */
    ACCESS_CONTROL_COUNT
};

/* Where control c goes on a width x height playlist whose reach zone is z: fractions of the
 * screen, like a playlist's boxes. The row sits at the bottom of the zone, from the left edge. */
void access_control_box(int width, int height, const struct reach_zone *z, enum access_control c,
                        float out[4]);

/* The accessible copy of pl (see above). engine measures the texts (NULL: heights are
 * estimated, for tests of the geometry alone). When a slide or page does not fit at that size,
 * or its buttons need more than the zone, a warning naming it, its largest block and the
 * language is added to diags (may be NULL); the copy is still made (its texts are cut at their
 * boxes). Never NULL. */
struct playlist *access_playlist_build(const struct playlist *pl, struct text_engine *engine,
                                       const struct reach_zone *z, struct diag_list *diags);
void access_playlist_free(struct playlist *acc);

/* A page too long for one screen at that size is shown in parts, one screen each, cut between
 * lines: the number of parts of content page `page` (>= 1), and the index in copy->pages of
 * part `part` (0: the page itself; the others follow the content's pages). */
size_t access_page_parts(const struct playlist *copy, size_t page);
size_t access_page_part(const struct playlist *copy, size_t page, size_t part);
/* The same for a slide with more text than a screen (its parts follow the content's slides). */
size_t access_slide_parts(const struct playlist *copy, size_t slide);
size_t access_slide_part(const struct playlist *copy, size_t slide, size_t part);
