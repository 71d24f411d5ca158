/* Line-break opportunities (UAX #14) from ICU, with the kiosk's tailoring for Hebrew:
 *
 * - geresh and gershayim, U+05F3/U+05F4 and the ASCII ' and " typed in their place next to a
 *   Hebrew letter, never allow a break on either side (צה"ל, ג'ירפה stay whole);
 * - maqaf U+05BE never starts a line and never ends one (ICU already keeps Hebrew+maqaf
 *   together by LB21a; the tailoring makes the rule hold for any neighbours).
 *
 * Ownership: struct text_breaker is owned by the caller (text_breaker_create/destroy); it keeps
 * one ICU iterator and scratch buffers. One thread at a time.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum text_break {
    TEXT_BREAK_NONE = 0,
    TEXT_BREAK_ALLOWED = 1,   /* a line may start at this code point */
    TEXT_BREAK_MANDATORY = 2, /* a line must start here (after a hard line break) */
};

struct text_breaker;

/* lang: BCP 47 tag for ICU's locale tailoring, "" for the root rules. NULL on ICU failure. */
struct text_breaker *text_breaker_create(const char *lang);
void text_breaker_destroy(struct text_breaker *br);

/* Fills out[0..n] for cps[0..n): out[i] says whether a line may start at i. out[0] is
 * TEXT_BREAK_NONE and out[n] is TEXT_BREAK_MANDATORY or ALLOWED (end of text). `tailor` turns
 * on the Hebrew tailoring above (the conformance test runs with it off). False on ICU error. */
bool text_breaker_run(struct text_breaker *br, const uint32_t *cps, size_t n, bool tailor,
                      uint8_t *out);
