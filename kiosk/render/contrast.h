/* Contrast of text with what lies behind its letters, as WCAG 2 defines it: relative luminance
 * of sRGB colours, ratio (L1 + 0.05) / (L2 + 0.05), from 1:1 to 21:1.
 *
 * The measure compares two renderings of the same frame, one with the text and one without
 * (render/text_blocks.h's backdrop_only): the pixels that differ are where the letters (and their
 * shadow) are, and the backdrop's pixels there are what the letters must stand out from: a
 * photo, a gradient, a panel, exactly as the kiosk draws them. Pure functions; no SDL. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "playlist/playlist.h"

/* WCAG's thresholds for level AA: 4.5:1 for text, 3:1 for large text (18 pt, or 14 pt bold:
 * 24 px and 18.67 px at CSS's 96 pixels per inch). */
#define CONTRAST_MIN_TEXT 4.5
#define CONTRAST_MIN_LARGE 3.0

/* Relative luminance (0..1) of an sRGB colour. */
double contrast_luminance(uint8_t r, uint8_t g, uint8_t b);
/* The ratio of two luminances, the lighter over the darker, 1..21. */
double contrast_ratio(double l1, double l2);

/* Whether text of `size_px` pixels (at the playlist's screen size) and weight counts as large. */
bool contrast_is_large(float size_px, bool bold);

struct contrast_measure {
    size_t pixels; /* letter pixels found in the box */
    double ratio;  /* the contrast that 80% of them reach (the 20th percentile) */
};

/* Measures text of colour `text` (its alpha blended as drawn) inside box [x, y, w, h] of two
 * RGBA32 images of the same size and pitch: with the text drawn, and without. False when no
 * letter pixel differs (nothing was drawn there). */
bool contrast_measure_text(const uint8_t *with_text, const uint8_t *backdrop, int width, int height,
                           int pitch, int x, int y, int w, int h, struct color text,
                           struct contrast_measure *out);
