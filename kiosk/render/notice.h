/* A notice panel over the show: a few lines of text, each in its own language, an optional
 * progress bar and a coloured edge saying how things went. The import overlay uses it for
 * staff at the screen; it needs no files beyond the bundled fonts.
 *
 * Thread: the renderer's thread. The engine and atlas are borrowed. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#include "text/glyph_atlas.h"
#include "text/layout.h"

#define NOTICE_MAX_LINES 16

enum notice_tone { NOTICE_NEUTRAL, NOTICE_GOOD, NOTICE_BAD };

struct notice_line {
    const char *text; /* UTF-8; borrowed until notice_draw returns */
    const char *lang; /* decides direction and shaping ("he", "ar", "en", "ru") */
    bool small;       /* a detail line (file:line: ...) in a smaller size */
};

struct notice {
    struct notice_line lines[NOTICE_MAX_LINES];
    size_t line_count;
    double progress; /* 0..1 draws a progress bar; < 0 none */
    enum notice_tone tone;
    bool compact; /* one small line in the bottom corner instead of the panel */
    bool page;    /* a page over nearly the whole screen, lines from the top at the start
                     edge (the staff status page) */
};

/* Appends a line; ignored when text is NULL or the notice is full. */
void notice_add(struct notice *n, const char *text, const char *lang, bool small);

/* Draws the notice over `area` (the content rectangle of the output). Text is skipped when
 * engine or atlas is NULL (the panel and the bar still show that something is happening). */
void notice_draw(SDL_Renderer *r, struct text_engine *engine, struct glyph_atlas *atlas,
                 const struct notice *n, SDL_Rect area);

/* A fingerprint of what the notice would draw (progress to a thousandth): the loop redraws only
 * when it changes. The texts are hashed, not their addresses, since callers reuse buffers. */
uint64_t notice_hash(const struct notice *n);
