#define LOG_MODULE "bidi"
#include "text/bidi.h"

#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/xmalloc.h"

bool text_bidi_first_strong_rtl(const uint32_t *cps, size_t n, bool fallback_rtl)
{
    /* P2 with isolates skipped: depth counts open isolate initiators. */
    int depth = 0;
    for (size_t i = 0; i < n; i++) {
        FriBidiCharType t = fribidi_get_bidi_type(cps[i]);
        if (t == FRIBIDI_TYPE_LRI || t == FRIBIDI_TYPE_RLI || t == FRIBIDI_TYPE_FSI) {
            depth++;
        } else if (t == FRIBIDI_TYPE_PDI) {
            if (depth > 0)
                depth--;
        } else if (t == FRIBIDI_TYPE_BS) {
            break;
        } else if (depth == 0 && FRIBIDI_IS_LETTER(t) && FRIBIDI_IS_STRONG(t)) {
            return FRIBIDI_IS_RTL(t);
        }
    }
    return fallback_rtl;
}

size_t text_bidi_limit_controls(const uint32_t *cps, size_t n, uint8_t *neutral)
{
    /* Rules X1-X8 reduced to what decides whether a control is kept: the stack holds only
     * whether each open entry is an isolate, the counters are those of UAX #9. */
    bool stack_isolate[TEXT_BIDI_MAX_DEPTH];
    size_t depth = 0, overflow_isolates = 0, overflow_embeddings = 0, valid_isolates = 0;
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        FriBidiCharType t = fribidi_get_bidi_type(cps[i]);
        bool drop = false;
        if (t == FRIBIDI_TYPE_LRE || t == FRIBIDI_TYPE_RLE || t == FRIBIDI_TYPE_LRO ||
            t == FRIBIDI_TYPE_RLO) {
            if (depth < TEXT_BIDI_MAX_DEPTH && overflow_isolates == 0 && overflow_embeddings == 0) {
                stack_isolate[depth++] = false;
            } else {
                drop = true;
                if (overflow_isolates == 0)
                    overflow_embeddings++;
            }
        } else if (t == FRIBIDI_TYPE_LRI || t == FRIBIDI_TYPE_RLI || t == FRIBIDI_TYPE_FSI) {
            if (depth < TEXT_BIDI_MAX_DEPTH && overflow_isolates == 0 && overflow_embeddings == 0) {
                stack_isolate[depth++] = true;
                valid_isolates++;
            } else {
                drop = true;
                overflow_isolates++;
            }
        } else if (t == FRIBIDI_TYPE_PDI) {
            if (overflow_isolates > 0) {
                drop = true;
                overflow_isolates--;
            } else if (valid_isolates > 0) {
                /* closes its isolate and whatever embeddings are still open inside it */
                overflow_embeddings = 0;
                while (depth > 0 && !stack_isolate[depth - 1])
                    depth--;
                depth--;
                valid_isolates--;
            }
            /* an unmatched PDI is an ordinary neutral to FriBidi: kept */
        } else if (t == FRIBIDI_TYPE_PDF) {
            if (overflow_isolates > 0) {
                drop = true;
            } else if (overflow_embeddings > 0) {
                drop = true;
                overflow_embeddings--;
            } else if (depth > 0 && !stack_isolate[depth - 1]) {
                depth--;
            }
            /* a PDF that closes nothing is ignored by FriBidi anyway: kept */
        }
        if (neutral)
            neutral[i] = drop;
        count += drop;
    }
    return count;
}

static void reserve(struct text_bidi *b, size_t n, size_t n_aug)
{
    if (n_aug > b->cap_aug) {
        size_t cap = n_aug + n_aug / 2 + 16;
        b->types = xrealloc(b->types, cap * sizeof(*b->types));
        b->brackets = xrealloc(b->brackets, cap * sizeof(*b->brackets));
        b->levels = xrealloc(b->levels, cap * sizeof(*b->levels));
        b->line_levels = xrealloc(b->line_levels, cap * sizeof(*b->line_levels));
        b->map = xrealloc(b->map, cap * sizeof(*b->map));
        b->chars = xrealloc(b->chars, cap * sizeof(*b->chars));
        b->aug_to_text = xrealloc(b->aug_to_text, cap * sizeof(*b->aug_to_text));
        b->cap_aug = cap;
    }
    if (n > b->cap_text) {
        size_t cap = n + n / 2 + 16;
        b->text_to_aug = xrealloc(b->text_to_aug, cap * sizeof(*b->text_to_aug));
        b->neutral = xrealloc(b->neutral, cap * sizeof(*b->neutral));
        b->cap_text = cap;
    }
}

bool text_bidi_run(struct text_bidi *b, const uint32_t *cps, size_t n, bool rtl,
                   const struct text_token *tokens, size_t n_tokens)
{
    size_t extra = 0;
    for (size_t t = 0; t < n_tokens; t++)
        extra += tokens[t].isolate ? 2 + (tokens[t].end - tokens[t].start) : 0;
    reserve(b, n, n + extra);
    size_t a = 0, t = 0;
    for (size_t i = 0; i < n; i++) {
        while (t < n_tokens && (!tokens[t].isolate || tokens[t].end <= i))
            t++;
        if (t < n_tokens && tokens[t].start == i) {
            b->chars[a] = 0x2066; /* LRI */
            b->aug_to_text[a++] = -1;
        }
        b->chars[a] = cps[i];
        b->aug_to_text[a] = (int32_t)i;
        b->text_to_aug[i] = (uint32_t)a++;
        /* Arabic-Indic digits are AN, and a separator between two ANs ("٠٣-١٢٣") resolves to
         * R even inside the LTR isolate, reversing the groups. An LRM after each separator of
         * such a token makes the separator resolve L, so the groups keep their order. */
        if (t < n_tokens && tokens[t].start <= i && i + 1 < tokens[t].end && tokens[t].has_an &&
            fribidi_get_bidi_type(cps[i]) != FRIBIDI_TYPE_AN) {
            b->chars[a] = 0x200E; /* LRM */
            b->aug_to_text[a++] = -1;
        }
        if (t < n_tokens && tokens[t].end == i + 1) {
            b->chars[a] = 0x2069; /* PDI */
            b->aug_to_text[a++] = -1;
        }
    }
    b->n = n;
    b->n_aug = a;
    b->rtl = rtl;
    if (a == 0)
        return true;
    fribidi_get_bidi_types(b->chars, (FriBidiStrIndex)a, b->types);
    /* The one place where content's direction controls are bounded before FriBidi runs. */
    if (text_bidi_limit_controls(cps, n, b->neutral) > 0)
        for (size_t i = 0; i < n; i++)
            if (b->neutral[i])
                b->types[b->text_to_aug[i]] = FRIBIDI_TYPE_BN;
    /* A paragraph separator before the end is not a paragraph's: FriBidi 1.0.8 reads freed
     * memory on one after an isolate opener. The layout splits paragraphs at every one, so
     * this only guards other callers: such a separator counts as a segment separator (tab). */
    for (size_t k = 0; k + 1 < a; k++)
        if (b->types[k] == FRIBIDI_TYPE_BS)
            b->types[k] = FRIBIDI_TYPE_SS;
    /* Maqaf is the Hebrew hyphen: inside a number it joins the groups as "-" does (rule W4)
     * instead of being a right-to-left letter that splits them. */
    for (size_t k = 0; k < n_tokens; k++)
        if (tokens[k].kind == TEXT_TOKEN_NUMBER || tokens[k].kind == TEXT_TOKEN_PHONE)
            for (size_t i = tokens[k].start; i < tokens[k].end; i++)
                if (cps[i] == 0x05BE)
                    b->types[b->text_to_aug[i]] = FRIBIDI_TYPE_ES;
    fribidi_get_bracket_types(b->chars, (FriBidiStrIndex)a, b->types, b->brackets);
    FriBidiParType dir = rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
    if (!fribidi_get_par_embedding_levels_ex(b->types, b->brackets, (FriBidiStrIndex)a, &dir,
                                             b->levels)) {
        LOG_ERR("fribidi failed on a paragraph of %zu characters", n);
        return false;
    }
    return true;
}

size_t text_bidi_reorder_line(struct text_bidi *b, size_t start, size_t end, uint32_t *visual,
                              uint8_t *levels)
{
    if (start >= end)
        return 0;
    /* The line in the augmented text: from its first character (or the paragraph start, so an
     * LRI opening the line comes along) to the next line's first character. */
    size_t a0 = start == 0 ? 0 : b->text_to_aug[start];
    size_t a1 = end >= b->n ? b->n_aug : b->text_to_aug[end];
    memcpy(b->line_levels + a0, b->levels + a0, (a1 - a0) * sizeof(*b->levels));
    for (size_t k = a0; k < a1; k++)
        b->map[k] = (FriBidiStrIndex)k;
    FriBidiParType dir = b->rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
    /* Flags 0: no mark reordering (L3) and no mirroring; shaping handles both. */
    if (!fribidi_reorder_line(0, b->types, (FriBidiStrIndex)(a1 - a0), (FriBidiStrIndex)a0, dir,
                              b->line_levels, NULL, b->map))
        LOG_WARN("fribidi_reorder_line failed; the line keeps logical order");
    size_t count = 0;
    for (size_t k = a0; k < a1; k++) {
        int32_t ti = b->aug_to_text[b->map[k]];
        if (ti < 0)
            continue;
        visual[count++] = (uint32_t)ti;
        levels[ti] = (uint8_t)b->line_levels[b->map[k]];
    }
    return count;
}

void text_bidi_finish(struct text_bidi *b)
{
    free(b->types);
    free(b->brackets);
    free(b->levels);
    free(b->line_levels);
    free(b->map);
    free(b->chars);
    free(b->aug_to_text);
    free(b->text_to_aug);
    free(b->neutral);
    memset(b, 0, sizeof(*b));
}
