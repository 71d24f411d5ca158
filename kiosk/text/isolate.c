#include "text/isolate.h"

#include <fribidi.h>

#include "base/xmalloc.h"

static bool is_digit(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 0x660 && c <= 0x669) || (c >= 0x6F0 && c <= 0x6F9);
}

/* Maqaf, geresh and gershayim are the Hebrew hyphen, apostrophe and quotation mark. Unicode
 * gives them the bidi class R, as if they were letters; the number rule treats them as it
 * treats "-", "'" and '"': "ב־20:00" is "ב-20:00" with the proper hyphen. */
static bool is_hebrew_punct(uint32_t c)
{
    return c == 0x05BE || c == 0x05F3 || c == 0x05F4;
}

/* A letter for the word boundaries of the number rule. */
static bool is_word_letter(uint32_t c)
{
    return FRIBIDI_IS_LETTER(fribidi_get_bidi_type(c)) && !is_hebrew_punct(c);
}

static bool is_group_separator(uint32_t c)
{
    return c == '.' || c == ',' || c == ':' || c == '/' || c == '-' || c == 0x2013 || c == 0x05BE ||
           c == 0x066B || c == 0x066C;
}

static bool is_ascii_alnum(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Characters that can sit inside a URL (RFC 3986 unreserved, reserved, and % escapes) plus any
 * letter beyond ASCII, since Hebrew paths exist. Whitespace and bidi controls end it. */
static bool is_url_char(uint32_t c)
{
    if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == '`' || c == '{' || c == '}')
        return false;
    if (c >= 0x80 && (c == 0xA0 || (c >= 0x2000 && c <= 0x206F) || c == 0x3000))
        return false;
    return true;
}

static bool is_email_local(uint32_t c)
{
    return is_ascii_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

static bool is_email_domain(uint32_t c)
{
    return is_ascii_alnum(c) || c == '.' || c == '-';
}

static bool starts_with(const uint32_t *cps, size_t n, size_t i, const char *ascii)
{
    for (size_t k = 0; ascii[k]; k++) {
        if (i + k >= n)
            return false;
        uint32_t c = cps[i + k];
        if (c >= 'A' && c <= 'Z')
            c += 32;
        if (c != (unsigned char)ascii[k])
            return false;
    }
    return true;
}

/* A token may not start in the middle of a word ("abc123" is not a number token) nor in the
 * middle of a number: the "00" of "20:00" is not a token of its own. */
static bool at_word_start(const uint32_t *cps, size_t i)
{
    if (i == 0)
        return true;
    uint32_t p = cps[i - 1];
    if (i >= 2 && is_group_separator(p) && is_digit(cps[i - 2]))
        return false;
    return !is_word_letter(p) && !is_digit(p) && p != '.' && p != '@';
}

/* Trailing sentence punctuation is not part of a URL: "see www.a.co.il." */
static size_t url_trim(const uint32_t *cps, size_t start, size_t end)
{
    int parens = 0;
    for (size_t k = start; k < end; k++)
        parens += cps[k] == '(' ? 1 : cps[k] == ')' ? -1 : 0;
    while (end > start) {
        uint32_t c = cps[end - 1];
        if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' ||
            c == ']' || (c == ')' && parens < 0)) {
            parens += c == ')' ? 1 : 0;
            end--;
        } else {
            break;
        }
    }
    return end;
}

static size_t scan_url(const uint32_t *cps, size_t n, size_t i)
{
    if (!at_word_start(cps, i))
        return 0;
    if (!starts_with(cps, n, i, "http://") && !starts_with(cps, n, i, "https://") &&
        !starts_with(cps, n, i, "www."))
        return 0;
    size_t e = i;
    while (e < n && is_url_char(cps[e]))
        e++;
    e = url_trim(cps, i, e);
    return e > i + 4 ? e - i : 0;
}

static size_t scan_email(const uint32_t *cps, size_t n, size_t i)
{
    if (!at_word_start(cps, i) || !is_ascii_alnum(cps[i]))
        return 0;
    size_t at = i;
    while (at < n && is_email_local(cps[at]))
        at++;
    if (at >= n || cps[at] != '@' || at == i)
        return 0;
    size_t e = at + 1, last_dot = 0;
    while (e < n && is_email_domain(cps[e])) {
        if (cps[e] == '.')
            last_dot = e;
        e++;
    }
    while (e > at + 1 && (cps[e - 1] == '.' || cps[e - 1] == '-'))
        e--;
    if (last_dot <= at + 1 || last_dot + 2 > e)
        return 0;
    return e - i;
}

/* digits ( [.,:/-] digits )* ; returns the end and counts digits */
static size_t scan_digit_groups(const uint32_t *cps, size_t n, size_t i, size_t *digits,
                                size_t *groups, bool allow_space)
{
    size_t e = i;
    *digits = 0;
    *groups = 0;
    while (e < n && is_digit(cps[e])) {
        while (e < n && is_digit(cps[e])) {
            e++;
            (*digits)++;
        }
        (*groups)++;
        if (e + 1 < n && is_digit(cps[e + 1]) &&
            (is_group_separator(cps[e]) || (allow_space && cps[e] == ' ')))
            e++;
        else
            break;
    }
    return e;
}

static size_t scan_number(const uint32_t *cps, size_t n, size_t i, enum text_token_kind *kind)
{
    if (!at_word_start(cps, i))
        return 0;
    size_t p = i;
    bool sign = false;
    /* A sign counts only when it touches the digits: "+972", "-5", "*6200", "₪3,200". */
    if (p < n &&
        (cps[p] == '+' || cps[p] == '-' || cps[p] == 0x05BE || cps[p] == 0x2212 || cps[p] == '*' ||
         cps[p] == 0x20AA || cps[p] == '$' || cps[p] == 0x20AC || cps[p] == '#')) {
        sign = true;
        p++;
    }
    if (p >= n || !is_digit(cps[p]))
        return 0;
    size_t digits, groups;
    size_t e = scan_digit_groups(cps, n, p, &digits, &groups, false);
    *kind = TEXT_TOKEN_NUMBER;
    /* Phone numbers written in groups ("+972 3 123 4567", "050 123 4567") read as one token:
     * they start with + or 0 and hold 7 to 15 digits in all. */
    bool phone_start = (sign && cps[i] == '+') || (!sign && cps[p] == '0');
    if (phone_start) {
        size_t d2, g2;
        size_t e2 = scan_digit_groups(cps, n, p, &d2, &g2, true);
        if (e2 > e && d2 >= 7 && d2 <= 15) {
            e = e2;
            digits = d2;
            groups = g2;
        }
    }
    if (phone_start && digits >= 7)
        *kind = TEXT_TOKEN_PHONE;
    if (cps[i] == '*')
        *kind = TEXT_TOKEN_PHONE;
    if (e < n && cps[e] == '%')
        e++;
    /* "12abc" is a word, not a number */
    if (e < n && is_word_letter(cps[e]))
        return 0;
    return e - i;
}

size_t text_tokens_find(const uint32_t *cps, size_t n, bool par_rtl, struct text_token **tokens,
                        size_t *capacity)
{
    size_t count = 0;
    bool last_strong_rtl = par_rtl;
    for (size_t i = 0; i < n;) {
        enum text_token_kind kind = TEXT_TOKEN_URL;
        size_t len = scan_url(cps, n, i);
        if (!len) {
            kind = TEXT_TOKEN_EMAIL;
            len = scan_email(cps, n, i);
        }
        if (!len)
            len = scan_number(cps, n, i, &kind);
        if (len) {
            *tokens = xgrow(*tokens, capacity, count + 1, sizeof(**tokens));
            (*tokens)[count++] = (struct text_token){
                .start = (uint32_t)i,
                .end = (uint32_t)(i + len),
                .kind = kind,
                .isolate = last_strong_rtl,
            };
            for (size_t k = i; k < i + len; k++)
                if (fribidi_get_bidi_type(cps[k]) == FRIBIDI_TYPE_AN)
                    (*tokens)[count - 1].has_an = true;
            /* An isolated token is neutral to what follows; a plain one passes on its own
             * strong letters (a URL after Latin text). */
            for (size_t k = i; k < i + len && !last_strong_rtl; k++) {
                FriBidiCharType t = fribidi_get_bidi_type(cps[k]);
                if (FRIBIDI_IS_LETTER(t) && FRIBIDI_IS_STRONG(t))
                    last_strong_rtl = FRIBIDI_IS_RTL(t);
            }
            i += len;
            continue;
        }
        FriBidiCharType t = fribidi_get_bidi_type(cps[i]);
        /* maqaf, geresh and gershayim are strong (class R) but end a word */
        if (FRIBIDI_IS_LETTER(t) && FRIBIDI_IS_STRONG(t))
            last_strong_rtl = FRIBIDI_IS_RTL(t);
        bool letter = is_word_letter(cps[i]);
        i++;
        /* Skip the rest of a word so "abc123" or "A1" never starts a token mid-word. */
        while (letter && i < n && is_word_letter(cps[i])) {
            t = fribidi_get_bidi_type(cps[i]);
            if (FRIBIDI_IS_STRONG(t))
                last_strong_rtl = FRIBIDI_IS_RTL(t);
            i++;
        }
    }
    return count;
}
