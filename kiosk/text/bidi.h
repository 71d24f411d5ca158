/* The bidi pass over one paragraph, on FriBidi: paragraph direction, embedding levels with
 * bracket pairs (rule N0), and per-line reordering with rules L1 and L2.
 *
 * Isolated tokens (text/isolate.h) are wrapped in LRI ... PDI in a private copy of the
 * paragraph; callers only ever see indices into their own text. Explicit direction controls from
 * the text are limited to a small nesting depth before FriBidi sees them (text_bidi_limit_controls
 * below): Debian 12's FriBidi 1.0.8 reads freed memory on deeply nested ones. Marks are not
 * reordered (no rule L3) and nothing is mirrored here: HarfBuzz mirrors brackets in right-to-left
 * runs.
 *
 * Ownership: a struct text_bidi is scratch owned by its user (zero-initialise it, reuse it across
 * paragraphs, release with text_bidi_finish). One thread at a time.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <fribidi.h>

#include "text/isolate.h"

enum text_dir { TEXT_DIR_AUTO, TEXT_DIR_LTR, TEXT_DIR_RTL };

struct text_bidi {
    /* the paragraph with LRI/PDI inserted ("augmented"); n_aug entries each */
    size_t n, n_aug;
    FriBidiCharType *types;
    FriBidiBracketType *brackets;
    FriBidiLevel *levels;      /* resolved levels, before L1 */
    FriBidiLevel *line_levels; /* scratch for L1 */
    FriBidiStrIndex *map;
    uint32_t *chars;
    int32_t *aug_to_text;  /* -1 for inserted controls */
    uint32_t *text_to_aug; /* n entries */
    uint8_t *neutral;      /* n entries: 1 where a control of the text was neutralised */
    size_t cap_aug, cap_text;
    bool rtl; /* paragraph direction */
};

/* The direction of a paragraph by rule P2/P3 (first strong character, isolates skipped);
 * `fallback_rtl` when there is none. */
bool text_bidi_first_strong_rtl(const uint32_t *cps, size_t n, bool fallback_rtl);

/* How deep explicit direction controls of the text (LRE RLE LRO RLO LRI RLI FSI) may nest.
 * Real text needs two or three; FriBidi 1.0.8 misbehaves from about 90 on. The engine's own
 * LRI ... PDI around a token add one more level at most (a token never holds a control). */
#define TEXT_BIDI_MAX_DEPTH 8

/* Which explicit direction controls of one paragraph cps[0..n) the engine neutralises: every
 * opener that would nest deeper than TEXT_BIDI_MAX_DEPTH (or sits inside one that did), and the
 * PDF or PDI that closes it, following rules X1-X8 of UAX #9 with TEXT_BIDI_MAX_DEPTH as the
 * maximum depth. A neutralised control takes bidi class BN (ignored, as rule X9 ignores
 * overflowing controls), so the text and its indices stay as they are. Sets neutral[i] to 1 or
 * 0 when neutral is not NULL; returns how many were neutralised. Pure, any thread. */
size_t text_bidi_limit_controls(const uint32_t *cps, size_t n, uint8_t *neutral);

/* Resolves levels of the paragraph cps[0..n) (a paragraph separator, bidi class B, only at its
 * end; one before counts as a tab) with paragraph direction `rtl`, isolating the tokens whose
 * `isolate` flag is set, after text_bidi_limit_controls. A maqaf inside a number token takes the
 * hyphen's bidi class, so "20:00־22:00" is one number as "20:00-22:00" is. Levels for text index i
 * are text_bidi_level(b, i). False on FriBidi failure (logged). */
bool text_bidi_run(struct text_bidi *b, const uint32_t *cps, size_t n, bool rtl,
                   const struct text_token *tokens, size_t n_tokens);

static inline FriBidiLevel text_bidi_level(const struct text_bidi *b, size_t i)
{
    return b->levels[b->text_to_aug[i]];
}

/* Reorders the line cps[start..end) of the last paragraph run: writes the text indices in visual
 * order (left to right) into visual[] and the level of each after rule L1 into levels[] (indexed
 * by text index, only [start, end) written). Returns the number of entries in visual (end -
 * start). */
size_t text_bidi_reorder_line(struct text_bidi *b, size_t start, size_t end, uint32_t *visual,
                              uint8_t *levels);

void text_bidi_finish(struct text_bidi *b);
