/* Limits checked before parsing (size, nesting), messages that are not at a place in a file,
 * the cap on the number of messages, and the printed message format. */
#include "base/xmalloc.h"
#include "playlist/playlist.h"

#include "check.h"

#include <stdlib.h>

static char *first_message(const struct diag_list *diags)
{
    return diags->count ? diag_format(&diags->items[0]) : xstrdup("(no message)");
}

/* A file over PLAYLIST_MAX_FILE_BYTES is refused before jansson reads it. */
static void test_file_too_big(void)
{
    size_t len = PLAYLIST_MAX_FILE_BYTES + 1;
    char *text = xmalloc(len);
    memset(text, ' ', len);
    struct diag_list diags = {0};
    CHECK(playlist_load_text(".", "big.json", text, len, NULL, &diags) == NULL);
    CHECK_INT(diags.count, 1);
    char *line = first_message(&diags);
    CHECK_STR(line, "big.json: the file is 4194305 bytes; expected at most 4194304 bytes (4 MiB)");
    free(line);
    diag_list_clear(&diags);
    free(text);
}

/* 100000 nested arrays would make jansson recurse deeply; the scan before parsing stops at the
 * 33rd level and says where. */
static void test_nesting_bomb(void)
{
    size_t depth = 100000, len = 2 * depth + 16;
    char *text = xmalloc(len);
    size_t n = (size_t)sprintf(text, "{\"slides\": ");
    memset(text + n, '[', depth);
    memset(text + n + depth, ']', depth);
    n += 2 * depth;
    text[n++] = '}';
    struct diag_list diags = {0};
    CHECK(playlist_load_text(".", "bomb.json", text, n, NULL, &diags) == NULL);
    CHECK_INT(diags.count, 1);
    char *line = first_message(&diags);
    CHECK_STR(line, "bomb.json:1:43: slides[0][0][0][0][0][0][0][0][0][0]...: arrays and objects "
                    "are nested more than 32 levels deep; expected a playlist (it needs 5 levels)");
    free(line);
    diag_list_clear(&diags);
    free(text);

    /* brackets inside strings are text, not nesting */
    const char *ok = "{\"format\": 1, \"name\": \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\", "
                     "\"screen\": {\"width\": 100, \"height\": 100}, \"languages\": [\"en\"], "
                     "\"slides\": [{\"id\": \"a\"}]}";
    struct playlist *pl = playlist_load_text(".", "ok.json", ok, strlen(ok), NULL, &diags);
    CHECK(pl != NULL);
    CHECK_INT(diags.count, 0);
    playlist_free(pl);
    diag_list_clear(&diags);
}

/* A folder without playlist.json: one message naming the file, no line. */
static void test_missing_file(void)
{
    struct diag_list diags = {0};
    CHECK(playlist_load(PLAYLIST_TESTS_DIR "/no-such-folder", NULL, &diags) == NULL);
    CHECK_INT(diags.count, 1);
    char *line = first_message(&diags);
    CHECK_STR(line, PLAYLIST_TESTS_DIR "/no-such-folder/playlist.json: cannot open: No such file "
                                       "or directory");
    free(line);
    diag_list_clear(&diags);
}

/* Empty text is a syntax error at 1:1. */
static void test_empty(void)
{
    struct diag_list diags = {0};
    CHECK(playlist_load_text(".", "empty.json", "", 0, NULL, &diags) == NULL);
    char *line = first_message(&diags);
    CHECK_STR(line, "empty.json:1:1: invalid JSON: '[' or '{' expected near end of file");
    free(line);
    diag_list_clear(&diags);
}

/* 1000 slides with a bad id each: the first PLAYLIST_MAX_DIAGS are reported, then one line
 * says there are more; the limit of slides itself is checked too. */
static void test_many_problems(void)
{
    char *text = xstrdup("{\"format\": 1, \"name\": \"n\", \"screen\": {\"width\": 100, "
                         "\"height\": 100}, \"languages\": [\"en\"], \"slides\": [");
    for (int i = 0; i < PLAYLIST_MAX_SLIDES; i++) {
        char *longer = xasprintf("%s%s{\"id\": \"Bad\"}", text, i ? "," : "");
        free(text);
        text = longer;
    }
    char *doc = xasprintf("%s]}", text);
    struct diag_list diags = {0};
    CHECK(playlist_load_text(".", "many.json", doc, strlen(doc), NULL, &diags) == NULL);
    CHECK_INT(diags.count, PLAYLIST_MAX_DIAGS + 1);
    if (diags.count == PLAYLIST_MAX_DIAGS + 1) {
        char *line = diag_format(&diags.items[PLAYLIST_MAX_DIAGS]);
        CHECK_STR(line, "many.json: more than 100 problems; fix these and check again");
        free(line);
    }
    diag_list_clear(&diags);
    free(doc);

    /* one slide too many */
    doc = xasprintf("%s,{\"id\": \"Bad\"}]}", text);
    CHECK(playlist_load_text(".", "many.json", doc, strlen(doc), NULL, &diags) == NULL);
    CHECK_INT(diags.count, 1);
    char *line = first_message(&diags);
    CHECK_STR(line, "many.json:1:100: slides: 1001 slides; expected at most 1000");
    free(line);
    diag_list_clear(&diags);
    free(doc);
    free(text);
}

/* diag_print writes one line per problem in the documented format: file:line:column: path:
 * message; warnings say so; no line when there is no place; no path for the whole document. */
static void test_diag_print(void)
{
    struct diag_list diags = {0};
    diag_add(&diags, DIAG_ERROR, "playlists/akko/playlist.json", 14, 22,
             "slides[1].transition.type", "unknown transition \"%s\"; expected one of: %s", "fade",
             "cut, crossfade, push");
    diag_add(&diags, DIAG_WARNING, "p.json", 3, 5, "slides[0].transition.duration", "long");
    diag_add(&diags, DIAG_ERROR, "p.json", 1, 1, "", "missing required key \"name\"");
    diag_add(&diags, DIAG_ERROR, "p.json", 0, 0, "", "cannot open: No such file or directory");
    CHECK_INT(diag_error_count(&diags), 3);

    char *buf = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&buf, &size);
    diag_print(&diags, out);
    fclose(out);
    CHECK_STR(buf, "playlists/akko/playlist.json:14:22: slides[1].transition.type: unknown "
                   "transition \"fade\"; expected one of: cut, crossfade, push\n"
                   "p.json:3:5: warning: slides[0].transition.duration: long\n"
                   "p.json:1:1: missing required key \"name\"\n"
                   "p.json: cannot open: No such file or directory\n");
    free(buf);
    diag_list_clear(&diags);
    CHECK_INT(diags.count, 0);
    CHECK_INT(diag_error_count(&diags), 0);
}

/* A reload appends to the same list: earlier messages stay first and in place. */
static void test_appends(void)
{
    struct diag_list diags = {0};
    diag_add(&diags, DIAG_ERROR, "earlier.json", 9, 9, "x", "earlier");
    const char *doc = "{\"format\": 1}";
    CHECK(playlist_load_text(".", "p.json", doc, strlen(doc), NULL, &diags) == NULL);
    CHECK(diags.count == 5);
    if (diags.count == 5) {
        CHECK_STR(diags.items[0].file, "earlier.json");
        char *line = diag_format(&diags.items[1]);
        CHECK_STR(line, "p.json:1:1: missing required key \"name\"; expected the playlist's name, "
                        "a string");
        free(line);
    }
    diag_list_clear(&diags);
}

/* A text holds at most TEXT_MAX_CHARS characters, counted in code points: 4000 Hebrew letters
 * (8000 bytes) are fine, one more is not. */
static void test_text_length(void)
{
    for (int extra = 0; extra <= 1; extra++) {
        size_t chars = TEXT_MAX_CHARS + (size_t)extra;
        char *letters = xmalloc(2 * chars + 1);
        for (size_t i = 0; i < chars; i++)
            memcpy(letters + 2 * i, "\xd7\x90", 2); /* U+05D0 alef */
        letters[2 * chars] = '\0';
        char *text = xasprintf("{\"format\": 1, \"name\": \"n\", \"screen\": {\"width\": 100, "
                               "\"height\": 100}, \"languages\": [\"he\"], \"slides\": [{\"id\": "
                               "\"a\", \"texts\": [{\"box\": [0, 0, 1, 1], \"text\": {\"he\": "
                               "\"%s\"}}]}]}",
                               letters);
        struct diag_list diags = {0};
        struct playlist *pl =
            playlist_load_text(".", "long.json", text, strlen(text), NULL, &diags);
        if (extra == 0) {
            CHECK(pl != NULL);
            CHECK_INT(diags.count, 0);
        } else {
            CHECK(pl == NULL);
            CHECK_INT(diags.count, 1);
            char *line = first_message(&diags);
            CHECK_STR(line, "long.json:1:160: slides[0].texts[0].text.he: the text has 4001 "
                            "characters; expected at most 4000");
            free(line);
        }
        playlist_free(pl);
        diag_list_clear(&diags);
        free(text);
        free(letters);
    }
}

int main(void)
{
    test_file_too_big();
    test_nesting_bomb();
    test_missing_file();
    test_empty();
    test_many_problems();
    test_diag_print();
    test_appends();
    test_text_length();
    return check_summary();
}
