/* Hints for hand-written JSON: the nearest known key for a typo, language codes, and the
 * messages for keys of text blocks, whose list of keys grows with the format (so these check
 * the start of the message; the golden cases in invalid/ hold whole messages). */
#include "base/xmalloc.h"
#include "playlist/parse_hints.h"
#include "playlist/playlist.h"

#include "check.h"

#include <stdlib.h>

static void test_nearest_name(void)
{
    static const char *const keys[] = {"id",    "type",     "text",   "box",   "size",
                                       "color", "min_size", "shadow", "panel", NULL};
    CHECK_STR(parse_nearest_name("colour", keys), "color");
    CHECK_STR(parse_nearest_name("Color", keys), "color");
    CHECK_STR(parse_nearest_name("min-size", keys), "min_size");
    CHECK_STR(parse_nearest_name("minsize", keys), "min_size");
    CHECK_STR(parse_nearest_name("shadwo", keys), "shadow"); /* letters swapped */
    CHECK_STR(parse_nearest_name("txet", keys), "text");
    CHECK(parse_nearest_name("background", keys) == NULL); /* another word, not a typo */
    CHECK(parse_nearest_name("xy", keys) == NULL);
    static const char *const ecc[] = {"L", "M", "Q", "H", NULL};
    CHECK(parse_nearest_name("X", ecc) == NULL); /* one letter for another is no typo */
    CHECK_STR(parse_nearest_name("m", ecc), "M");
    static const char *const kinds[] = {"cut", "crossfade", "push", NULL};
    CHECK_STR(parse_nearest_name("crosfade", kinds), "crossfade");
    CHECK(parse_nearest_name("fade", kinds) == NULL);
}

static void test_languages(void)
{
    const char *meant;
    CHECK(parse_language_known("he", &meant) && meant == NULL);
    CHECK(parse_language_known("he-IL", &meant));
    CHECK(parse_language_known("uk", &meant)); /* Ukrainian */
    CHECK(!parse_language_known("eng", &meant) && meant && !strcmp(meant, "en"));
    CHECK(!parse_language_known("iw", &meant) && meant && !strcmp(meant, "he"));
    CHECK(!parse_language_known("ua", &meant) && meant && !strcmp(meant, "uk"));
    CHECK(!parse_language_known("xx", &meant) && meant == NULL);
}

/* "colour" in a text block: the message says "did you mean "color"?" at the key's place. */
static void test_text_block_key(void)
{
    const char *text = "{\"format\": 1, \"name\": \"x\", \"screen\": {\"width\": 100, \"height\": "
                       "100}, \"languages\": [\"en\"], \"slides\": [{\"id\": \"a\", \"texts\": "
                       "[{\"box\": [0, 0, 1, 1], \"text\": {\"en\": \"Hi\"}, \"colour\": "
                       "\"#ffffff\"}]}]}";
    struct diag_list diags = {0};
    CHECK(playlist_load_text(".", "x.json", text, strlen(text), NULL, &diags) == NULL);
    CHECK_INT(diags.count, 1);
    char *line = diags.count ? diag_format(&diags.items[0]) : xstrdup("");
    const char *want = "x.json:1:167: slides[0].texts[0].colour: unknown key \"colour\" (did you "
                       "mean \"color\"?); expected one of: ";
    if (strncmp(line, want, strlen(want)) != 0) {
        fprintf(stderr, "got:  %s\nwant: %s...\n", line, want);
        check_failed++;
    }
    free(line);
    diag_list_clear(&diags);
}

int main(void)
{
    test_nearest_name();
    test_languages();
    test_text_block_key();
    return check_summary();
}
