/* `kiosk check`'s legibility warning: text whose letters stand on pixels (photo, gradient, panel,
 * as the kiosk draws them) of too little contrast with the text's colour, by WCAG 2's measure
 * (render/contrast.h): below 4.5:1, or 3:1 for large text. Every text block of every slide and
 * page, in every language. */
#pragma once

#include <stddef.h>

#include "playlist/diag.h"
#include "playlist/playlist.h"
#include "text/layout.h"

/* Renders pl headless (at half its screen size when that is over 1280 px wide: enough to find
 * the letters, a quarter of the work) and adds a warning to diags for each block and language
 * that is hard to read. Slides whose pictures cannot be decoded are left out (their errors are
 * reported by the rest of the check). Returns the number of warnings added. */
size_t check_contrast(const struct playlist *pl, struct text_engine *engine,
                      size_t max_image_pixels, struct diag_list *diags);
