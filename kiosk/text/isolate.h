/* Which tokens of a paragraph are wrapped in LRI ... PDI before the bidi pass.
 *
 * The rule (docs/text.md explains it with examples): a token is a URL, an e-mail address, or a
 * number-like token (a number with separators, a date, a time, a phone number with an optional
 * leading + or *, a signed number, a number with a leading currency sign or a trailing %). A token
 * is isolated as left-to-right when the nearest strong character before it is right-to-left (or
 * there is none and the paragraph is right-to-left). After a left-to-right character the plain
 * Unicode algorithm already keeps the token in order (rule W7), and isolating it would detach it
 * from the Latin words it belongs to ("iPhone 15").
 *
 * The text is not changed: the spans are only used to build the bidi input. Pure functions,
 * any thread.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum text_token_kind { TEXT_TOKEN_NUMBER, TEXT_TOKEN_PHONE, TEXT_TOKEN_URL, TEXT_TOKEN_EMAIL };

struct text_token {
    uint32_t start, end; /* code point indices, end exclusive */
    enum text_token_kind kind;
    bool isolate; /* true when the rule above asks for LRI ... PDI */
    bool has_an;  /* holds Arabic-Indic digits (bidi class AN) */
};

/* Finds the tokens of cps[0..n) (one paragraph) in logical order. *tokens is grown with xgrow
 * (pass NULL/0 the first time); returns the number found. */
size_t text_tokens_find(const uint32_t *cps, size_t n, bool par_rtl, struct text_token **tokens,
                        size_t *capacity);
