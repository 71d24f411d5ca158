/* Loading a content folder for playing or checking: the playlist parser with media's image
 * probe plugged in, so every image is checked (exists, readable, size within limits) before a
 * playlist is accepted, and every text block laid out with the bundled fonts. */
#pragma once

#include <stdbool.h>

#include "playlist/playlist.h"

struct text_engine;

enum content_text_check {
    CONTENT_TEXT_SKIP,   /* no text engine at hand */
    CONTENT_TEXT_WARN,   /* play: text problems are logged; preview outlines overflowing boxes */
    CONTENT_TEXT_STRICT, /* check: text problems are errors */
};

/* Loads DIR/playlist.json; NULL with diags filled when it has any error. The engine (may be
 * NULL with CONTENT_TEXT_SKIP) is borrowed for the call. */
struct playlist *content_load(const char *dir, int64_t max_image_pixels, struct text_engine *engine,
                              enum content_text_check text_check, struct diag_list *diags);

/* Lays out every text block of pl in each of its languages at the playlist's screen size:
 * text that does not fit its box even at the block's minimum size, and characters that no
 * bundled font can show, are reported against the block, naming slide, block and language. */
void content_check_text(const struct playlist *pl, struct text_engine *engine,
                        enum diag_severity severity, struct diag_list *diags);
