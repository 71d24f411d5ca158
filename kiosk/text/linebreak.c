#define LOG_MODULE "linebreak"
#include "text/linebreak.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/utf16.h>

#include "base/log.h"
#include "base/xmalloc.h"

struct text_breaker {
    UBreakIterator *it;
    UChar *u16;
    uint32_t *u16_to_cp; /* code point index of each UTF-16 unit, plus one past the end */
    size_t cap;
};

struct text_breaker *text_breaker_create(const char *lang)
{
    UErrorCode err = U_ZERO_ERROR;
    UBreakIterator *it = ubrk_open(UBRK_LINE, lang ? lang : "", NULL, 0, &err);
    if (U_FAILURE(err)) {
        LOG_ERR("ICU line break iterator: %s", u_errorName(err));
        return NULL;
    }
    struct text_breaker *br = xcalloc(1, sizeof(*br));
    br->it = it;
    return br;
}

void text_breaker_destroy(struct text_breaker *br)
{
    if (!br)
        return;
    ubrk_close(br->it);
    free(br->u16);
    free(br->u16_to_cp);
    free(br);
}

static bool is_hebrew_letter(uint32_t c)
{
    return (c >= 0x05D0 && c <= 0x05EA) || (c >= 0x05EF && c <= 0x05F2) ||
           (c >= 0xFB1D && c <= 0xFB4F);
}

/* Hebrew letter, possibly followed by niqqud: look back over marks U+0591..U+05C7. */
static bool hebrew_before(const uint32_t *cps, size_t i)
{
    while (i > 0 && cps[i - 1] >= 0x0591 && cps[i - 1] <= 0x05C7 && cps[i - 1] != 0x05BE &&
           cps[i - 1] != 0x05C0 && cps[i - 1] != 0x05C3 && cps[i - 1] != 0x05C6)
        i--;
    return i > 0 && is_hebrew_letter(cps[i - 1]);
}

static void tailor_hebrew(const uint32_t *cps, size_t n, uint8_t *out)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cps[i];
        bool glue = c == 0x05F3 || c == 0x05F4 || c == 0x05BE;
        if ((c == '\'' || c == '"' || c == 0x2019) &&
            (hebrew_before(cps, i) || (i + 1 < n && is_hebrew_letter(cps[i + 1]))))
            glue = true;
        if (!glue)
            continue;
        /* an opening quote after a space may still start a line */
        if (out[i] != TEXT_BREAK_MANDATORY && i > 0 && cps[i - 1] != ' ')
            out[i] = TEXT_BREAK_NONE;
        /* after a geresh/maqaf only a space may separate; gluing across spaces is wrong */
        if (i + 1 < n && out[i + 1] != TEXT_BREAK_MANDATORY && cps[i + 1] != ' ')
            out[i + 1] = TEXT_BREAK_NONE;
    }
}

bool text_breaker_run(struct text_breaker *br, const uint32_t *cps, size_t n, bool tailor,
                      uint8_t *out)
{
    memset(out, TEXT_BREAK_NONE, n + 1);
    out[n] = TEXT_BREAK_ALLOWED;
    if (n == 0)
        return true;
    if (2 * n + 1 > br->cap) {
        br->cap = 2 * n + 1;
        br->u16 = xrealloc(br->u16, br->cap * sizeof(*br->u16));
        br->u16_to_cp = xrealloc(br->u16_to_cp, br->cap * sizeof(*br->u16_to_cp));
    }
    int32_t len = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cps[i] > 0x10FFFF || (cps[i] >= 0xD800 && cps[i] < 0xE000) ? 0xFFFD : cps[i];
        if (c >= 0x10000) {
            br->u16_to_cp[len] = (uint32_t)i;
            br->u16[len++] = U16_LEAD(c);
            br->u16_to_cp[len] = (uint32_t)i;
            br->u16[len++] = U16_TRAIL(c);
        } else {
            br->u16_to_cp[len] = (uint32_t)i;
            br->u16[len++] = (UChar)c;
        }
    }
    br->u16_to_cp[len] = (uint32_t)n;
    UErrorCode err = U_ZERO_ERROR;
    ubrk_setText(br->it, br->u16, len, &err);
    if (U_FAILURE(err)) {
        LOG_ERR("ICU setText: %s", u_errorName(err));
        return false;
    }
    for (int32_t pos = ubrk_following(br->it, 0); pos != UBRK_DONE; pos = ubrk_next(br->it)) {
        /* rule status: hard breaks (after LF, NEL, LS, PS) are UBRK_LINE_HARD */
        int32_t status = ubrk_getRuleStatus(br->it);
        uint32_t i = br->u16_to_cp[pos];
        out[i] = status >= UBRK_LINE_HARD && status < UBRK_LINE_HARD_LIMIT ? TEXT_BREAK_MANDATORY
                                                                           : TEXT_BREAK_ALLOWED;
    }
    if (tailor)
        tailor_hebrew(cps, n, out);
    return true;
}
