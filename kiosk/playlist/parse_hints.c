/* Messages for mistakes people make when they write JSON by hand: what happened, where, and what
 * to type instead. jansson says "unexpected token near ']'" one line after a trailing comma, and
 * "'}' expected near 'ס'" after the gershayim of מתנ"ס; these read the text around its error and
 * name the real cause at its own place. Known keys and language codes get a "did you mean". */
#include "playlist/parse_hints.h"
#include "playlist/parse_internal.h"
#include "base/xmalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static bool is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/* The offset of the last character before `offset` that is not white space; (size_t)-1 if none. */
static size_t previous_char(const char *text, size_t offset)
{
    while (offset > 0) {
        offset--;
        if (!is_space(text[offset]))
            return offset;
    }
    return (size_t)-1;
}

/* Typographic quotes that word processors put where a straight quote was typed. */
static const char *const curly_quotes[] = {"\u201C", "\u201D", "\u201E", "\u2018",
                                           "\u2019", "\u00AB", "\u00BB", NULL};

bool parse_syntax_hint(const char *text, size_t len, size_t offset, size_t *at, char **message)
{
    if (offset >= len)
        return false;
    char ch = text[offset];
    size_t before = previous_char(text, offset);
    if ((ch == ']' || ch == '}') && before != (size_t)-1 && text[before] == ',') {
        *at = before;
        *message = xasprintf("a comma after the last %s; remove this comma (JSON allows no "
                             "comma before \"%c\")",
                             ch == ']' ? "item of a list" : "member of an object", ch);
        return true;
    }
    for (size_t i = 0; curly_quotes[i]; i++) {
        size_t n = strlen(curly_quotes[i]);
        if (len - offset >= n && memcmp(text + offset, curly_quotes[i], n) == 0) {
            *at = offset;
            *message = xasprintf(
                "%s is a typographic quote, as word processors type it; JSON needs the straight "
                "quote \" around every text and key: replace %s with \" (or copy the text from "
                "a plain-text editor)",
                curly_quotes[i], curly_quotes[i]);
            return true;
        }
    }
    /* A value ended and another begins: the comma between them is missing. */
    if (before != (size_t)-1 && (ch == '"' || ch == '{' || ch == '[') &&
        (text[before] == '"' || text[before] == '}' || text[before] == ']' ||
         (text[before] >= '0' && text[before] <= '9') || text[before] == 'e' ||
         text[before] == 'l')) {
        *at = offset;
        *message = xstrdup("a comma is missing before this; JSON needs a comma between the items "
                           "of a list and between the members of an object");
        return true;
    }
    /* A string ended, and text goes on without a comma or colon: a " inside the text closed it
     * early. In Hebrew that is nearly always the gershayim of an abbreviation. */
    if (before != (size_t)-1 && text[before] == '"' && ch != ',' && ch != ':' && ch != '"' &&
        ch != '}' && ch != ']' && ch != '{' && ch != '[') {
        *at = before;
        *message = xstrdup("this \" ends the text early, but the text goes on after it; inside "
                           "a text write the Hebrew gershayim as ״ (U+05F4), as in מתנ״ס, and a "
                           "quotation mark as \\\"");
        return true;
    }
    return false;
}

/* Edit distance with transpositions (optimal string alignment), bytes; capped work: keys are
 * short. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > 64 || m > 64)
        return (size_t)-1;
    size_t d[65][65];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= n; i++) {
        for (size_t j = 1; j <= m; j++) {
            size_t cost =
                tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 1]) ? 0 : 1;
            size_t best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < best)
                best = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[n][m];
}

const char *parse_nearest_name(const char *name, const char *const *names)
{
    size_t n = strlen(name);
    /* A typo, not another word: one edit in a short name, two in a longer one, three in a long
     * one ("backgrund", "colour", "min-size"). */
    size_t limit = n <= 4 ? 1 : n <= 8 ? 2 : 3;
    const char *best = NULL;
    size_t best_distance = limit + 1;
    for (size_t i = 0; names[i]; i++) {
        size_t d = edit_distance(name, names[i]);
        /* fewer edits than letters: "X" is not a typo of "L" */
        if (d < best_distance && d < n) {
            best = names[i];
            best_distance = d;
        }
    }
    return best;
}

/* ISO 639-1, the codes a language tag starts with ("he", "he-IL"). */
static const char *const iso639_1[] = {
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bi",
    "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de",
    "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy",
    "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz", "ia",
    "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj", "kk",
    "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln", "lo",
    "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb", "nd",
    "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl",
    "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl",
    "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk",
    "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo", "wa",
    "wo", "xh", "yi", "yo", "za", "zh", "zu", NULL};

/* Codes people write for the kiosk's languages and their neighbours, with the right one. */
static const char *const language_aliases[][2] = {
    {"heb", "he"}, {"iw", "he"},  {"il", "he"},  {"isr", "he"}, {"eng", "en"}, {"us", "en"},
    {"gb", "en"},  {"ara", "ar"}, {"arb", "ar"}, {"rus", "ru"}, {"ua", "uk"},  {"ukr", "uk"},
    {"fra", "fr"}, {"fre", "fr"}, {"amh", "am"}, {"yid", "yi"}, {"jp", "ja"},  {"cn", "zh"},
    {"gr", "el"},  {"ger", "de"}, {"deu", "de"}, {"spa", "es"}, {"sp", "es"},  {"per", "fa"},
    {"tig", "ti"}, {"tir", "ti"},
};

bool parse_language_known(const char *tag, const char **suggestion)
{
    *suggestion = NULL;
    size_t n = strcspn(tag, "-");
    char base[8];
    if (n >= sizeof(base))
        return false;
    memcpy(base, tag, n);
    base[n] = '\0';
    for (size_t i = 0; iso639_1[i]; i++)
        if (strcmp(base, iso639_1[i]) == 0)
            return true;
    for (size_t i = 0; i < sizeof(language_aliases) / sizeof(language_aliases[0]); i++)
        if (strcmp(base, language_aliases[i][0]) == 0)
            *suggestion = language_aliases[i][1];
    /* Three-letter codes of ISO 639-2/3 are valid tags but the kiosk's fonts and text rules know
     * languages by their two-letter code; keep to those. */
    return false;
}
