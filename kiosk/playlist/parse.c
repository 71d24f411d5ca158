/* Loading a playlist: limits before parsing, JSON syntax through jansson, then the top level of
 * the format. Slides are in parse_slide.c, their text blocks in parse_text.c, QR codes and
 * buttons in parse_button.c, interactive pages in parse_page.c, values in parse_values.c. */
#include "playlist/parse_internal.h"
#include "playlist/parse_hints.h"
#include "playlist/parse_style.h"
#include "playlist/parse_schedule.h"
#include "base/file.h"
#include "base/lang.h"
#include "base/xmalloc.h"
#include "input/hit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void report_at_offset(struct parse_ctx *c, size_t offset, const char *message)
{
    int line, column;
    json_line_column(c->text, c->len, offset, &line, &column);
    char *path = json_path_at(c->text, c->len, offset);
    /* A nesting bomb's path is a wall of "[0]": show its start. */
    if (strlen(path) > 40) {
        size_t cut = 36;
        while (cut > 0 && ((unsigned char)path[cut] & 0xC0) == 0x80)
            cut--; /* not inside a UTF-8 sequence */
        strcpy(path + cut, "...");
    }
    c->errors++;
    c->reported++;
    diag_add(c->diags, DIAG_ERROR, c->file, line, column, path, "%s", message);
    free(path);
}

/* Sizes before work: jansson's own depth limit is 2048 and it recurses; a playlist needs five
 * levels, so anything past PLAYLIST_MAX_NESTING is refused before jansson sees it. */
static bool check_nesting(struct parse_ctx *c)
{
    int depth = 0;
    bool in_string = false;
    for (size_t i = 0; i < c->len; i++) {
        char ch = c->text[i];
        if (in_string) {
            if (ch == '\\')
                i++;
            else if (ch == '"')
                in_string = false;
        } else if (ch == '"') {
            in_string = true;
        } else if (ch == '[' || ch == '{') {
            if (++depth > PLAYLIST_MAX_NESTING) {
                char *message = xasprintf("arrays and objects are nested more than %d levels "
                                          "deep; expected a playlist (it needs 5 levels)",
                                          PLAYLIST_MAX_NESTING);
                report_at_offset(c, i, message);
                free(message);
                return false;
            }
        } else if (ch == ']' || ch == '}') {
            depth--;
        }
    }
    return true;
}

/* jansson reports where its reader stopped: the last character of the offending token. Point
 * at the token's first character instead, as validation messages do; the token is the one its
 * message quotes ("invalid token near 'tru'"). */
static void report_syntax(struct parse_ctx *c, const json_error_t *err)
{
    size_t end = (size_t)err->position, offset = end;
    const char *near = strstr(err->text, " near '");
    size_t text_len = strlen(err->text);
    if (near && text_len > 0 && err->text[text_len - 1] == '\'') {
        const char *token = near + 7;
        size_t token_len = (size_t)(err->text + text_len - 1 - token);
        if (token_len <= end && end <= c->len &&
            memcmp(c->text + end - token_len, token, token_len) == 0)
            offset = end - token_len;
    }
    int line, column;
    if (offset > c->len || (offset == end && !near)) {
        line = err->line > 0 ? err->line : 1;
        column = err->column > 0 ? err->column : 1;
    } else {
        json_line_column(c->text, c->len, offset, &line, &column);
    }
    size_t at;
    char *hint = NULL, *path = NULL;
    if (!(offset > c->len || (offset == end && !near)) &&
        parse_syntax_hint(c->text, c->len, offset, &at, &hint)) {
        if (c->text[at] == ',') {
            /* A trailing comma belongs to the list or object it ends: its path, not the
             * element after the comma, which does not exist. */
            path = json_path_at(c->text, c->len, offset);
            size_t n = strlen(path);
            if (c->text[offset] == ']' && n > 0 && path[n - 1] == ']')
                *strrchr(path, '[') = '\0';
        }
        offset = at; /* the comma or quote itself, not where jansson noticed it */
        json_line_column(c->text, c->len, offset, &line, &column);
    }
    if (!path)
        path = json_path_at(c->text, c->len, offset);
    c->errors++;
    c->reported++;
    if (hint) {
        diag_add(c->diags, DIAG_ERROR, c->file, line, column, path, "%s", hint);
        free(hint);
    } else if (json_error_code(err) == json_error_duplicate_key && near) {
        /* "duplicate object key near '"slides"'": name the key in the path, like unknown keys */
        diag_add(c->diags, DIAG_ERROR, c->file, line, column, path,
                 "duplicate key %.*s; expected each key once in an object",
                 (int)(strlen(near + 7) - 1), near + 7);
    } else {
        diag_add(c->diags, DIAG_ERROR, c->file, line, column, path, "invalid JSON: %s", err->text);
    }
    free(path);
}

static void parse_screen(struct parse_ctx *c, const json_t *screen, struct playlist *pl)
{
    parse_push_key(c, "screen");
    if (parse_expect(c, screen, JSON_OBJECT,
                     "an object such as {\"width\": 1920, \"height\": 1080}")) {
        static const char *const keys[] = {"width", "height", "diagonal_inches", NULL};
        parse_known_keys(c, screen, keys);
        parse_number_member(c, screen, "diagonal_inches", PLAYLIST_MIN_DIAGONAL,
                            PLAYLIST_MAX_DIAGONAL, "inches", &pl->diagonal_inches);
        const char *names[2] = {"width", "height"};
        int *out[2] = {&pl->width, &pl->height};
        for (int i = 0; i < 2; i++) {
            const json_t *v = json_object_get(screen, names[i]);
            if (!v) {
                parse_missing(c, names[i], "a whole number of pixels from 64 to 8192");
                continue;
            }
            parse_push_key(c, names[i]);
            double d = json_number_value(v);
            char x[32];
            if (!parse_expect(c, v, JSON_REAL, "a whole number of pixels")) {
            } else if (d != floor(d)) { /* no cast: 1e80 does not fit a long long */
                parse_error(c, "%s is not a whole number; expected a whole number of pixels",
                            parse_number_text(d, x, sizeof(x)));
            } else if (d < PLAYLIST_MIN_SCREEN || d > PLAYLIST_MAX_SCREEN) {
                parse_error(c, "%s is out of range; expected pixels from %d to %d",
                            parse_number_text(d, x, sizeof(x)), PLAYLIST_MIN_SCREEN,
                            PLAYLIST_MAX_SCREEN);
            } else {
                *out[i] = (int)d;
            }
            parse_pop(c);
        }
    }
    parse_pop(c);
}

static void parse_languages(struct parse_ctx *c, const json_t *languages, struct playlist *pl)
{
    parse_push_key(c, "languages");
    if (!parse_expect(c, languages, JSON_ARRAY, "an array of language tags such as [\"he\"]")) {
        parse_pop(c);
        return;
    }
    size_t n = json_array_size(languages);
    if (n == 0)
        parse_error(c, "the list is empty; expected at least one language tag such as \"he\"");
    pl->languages = xcalloc(n ? n : 1, sizeof(*pl->languages));
    for (size_t i = 0; i < n; i++) {
        const json_t *v = json_array_get(languages, i);
        parse_push_index(c, i);
        if (parse_expect(c, v, JSON_STRING, "a language tag such as \"he\"")) {
            const char *tag = json_string_value(v);
            char *quoted = parse_quote(tag);
            bool duplicate = false;
            for (size_t j = 0; j < pl->language_count; j++)
                duplicate |= strcmp(pl->languages[j], tag) == 0;
            const char *meant = NULL;
            if (!lang_tag_valid(tag))
                parse_error(c,
                            "%s is not a language tag; expected a lowercase language code "
                            "with an optional region, such as \"he\" or \"he-IL\"",
                            quoted);
            else if (!parse_language_known(tag, &meant) && meant)
                parse_error(c,
                            "%s is not a language code; did you mean \"%s\"? Texts then "
                            "use the same code, as in \"text\": {\"%s\": \"...\"}",
                            quoted, meant, meant);
            else if (!parse_language_known(tag, &meant))
                parse_error(c,
                            "%s is not a language code; expected a two-letter ISO 639-1 code "
                            "such as \"he\", \"ar\", \"en\" or \"ru\"",
                            quoted);
            else if (duplicate)
                parse_error(c, "%s is listed twice; expected each language once", quoted);
            else
                pl->languages[pl->language_count++] = xstrdup(tag);
            free(quoted);
        }
        parse_pop(c);
    }
    if (pl->language_count > 0)
        pl->rtl = lang_is_rtl(pl->languages[0]);
    c->languages_ok = n > 0 && pl->language_count == n;
    parse_pop(c);
}

static void parse_defaults(struct parse_ctx *c, const json_t *defaults, struct playlist *pl)
{
    parse_push_key(c, "defaults");
    if (!parse_expect(c, defaults, JSON_OBJECT, "an object")) {
        parse_pop(c);
        return;
    }
    static const char *const keys[] = {"duration", "transition", "background", NULL};
    parse_known_keys(c, defaults, keys);
    bool duration_ok =
        parse_number_member(c, defaults, "duration", PLAYLIST_MIN_DURATION, PLAYLIST_MAX_DURATION,
                            "seconds", &pl->default_duration) != FIELD_BAD;
    const json_t *v = json_object_get(defaults, "transition");
    if (v) {
        bool explicit_duration;
        parse_push_key(c, "transition");
        if (parse_transition(c, v, &pl->default_transition, &explicit_duration) && duration_ok &&
            pl->default_transition.duration >= pl->default_duration) {
            char a[32], b[32];
            if (explicit_duration)
                parse_push_key(c, "duration");
            parse_error(c,
                        "the transition lasts %s s, not less than the default slide duration "
                        "of %s s; expected a transition shorter than the slide",
                        parse_number_text(pl->default_transition.duration, a, sizeof(a)),
                        parse_number_text(pl->default_duration, b, sizeof(b)));
            if (explicit_duration)
                parse_pop(c);
        }
        parse_pop(c);
    }
    v = json_object_get(defaults, "background");
    if (v) {
        parse_push_key(c, "background");
        parse_background(c, v, &pl->default_background);
        parse_pop(c);
    }
    parse_pop(c);
}

/* Returns false when the rest of the document must not be read (a newer format). */
static bool parse_format(struct parse_ctx *c, const json_t *format)
{
    parse_push_key(c, "format");
    bool ok = false;
    if (parse_expect(c, format, JSON_REAL, "the number 1")) {
        double d = json_number_value(format);
        char x[32];
        if (d == floor(d) && d > PLAYLIST_FORMAT_VERSION) {
            parse_error(c, "this is format %s; this kiosk reads format %d; update the kiosk",
                        parse_number_text(d, x, sizeof(x)), PLAYLIST_FORMAT_VERSION);
            parse_pop(c);
            return false;
        }
        if (d != PLAYLIST_FORMAT_VERSION)
            parse_error(c, "unknown format %s; expected %d", parse_number_text(d, x, sizeof(x)),
                        PLAYLIST_FORMAT_VERSION);
        else
            ok = true;
    }
    parse_pop(c);
    (void)ok; /* an older or odd number is reported; the rest is still worth checking */
    return true;
}

static void parse_root(struct parse_ctx *c, const json_t *root, struct playlist *pl)
{
    if (!parse_expect(c, root, JSON_OBJECT,
                      "an object with \"format\", \"name\", \"screen\", "
                      "\"languages\" and \"slides\""))
        return;
    const json_t *format = json_object_get(root, "format");
    if (!format)
        parse_missing(c, "format", "\"format\": 1");
    else if (!parse_format(c, format))
        return; /* a newer format: its keys would only add noise */

    static const char *const keys[] = {
        "format",          "name",        "screen", "languages",     "defaults",      "slides",
        "cycle_languages", "interactive", "pages",  "place",         "default_slide", "schedule",
        "colors",          "fonts",       "styles", "keep_together", "emergency",     NULL};
    parse_known_keys(c, root, keys);

    const json_t *name = json_object_get(root, "name");
    if (!name) {
        parse_missing(c, "name", "the playlist's name, a string");
    } else {
        parse_push_key(c, "name");
        if (parse_expect(c, name, JSON_STRING, "a string")) {
            if (json_string_length(name) == 0)
                parse_error(c, "the name is empty; expected the playlist's name");
            else
                pl->name = xstrdup(json_string_value(name));
        }
        parse_pop(c);
    }

    const json_t *v = json_object_get(root, "screen");
    if (v)
        parse_screen(c, v, pl);
    else
        parse_missing(c, "screen", "an object such as {\"width\": 1920, \"height\": 1080}");

    v = json_object_get(root, "languages");
    if (v)
        parse_languages(c, v, pl);
    else
        parse_missing(c, "languages", "an array of language tags such as [\"he\"]");

    /* Colours, fonts and styles before anything that uses them by name. */
    parse_styles_root(c, root, pl);

    v = json_object_get(root, "cycle_languages");
    if (v) {
        parse_push_key(c, "cycle_languages");
        if (json_is_boolean(v))
            pl->cycle_languages = json_is_true(v);
        else
            parse_error(c, "expected true or false, found %s", parse_type_name(v));
        parse_pop(c);
    }

    v = json_object_get(root, "defaults");
    if (v)
        parse_defaults(c, v, pl);
    parse_place(c, root, pl); /* before the slides: their schedules may need it */
    pl->schedule = parse_schedule_member(c, root, pl);

    /* Touch targets are measured at the design size; without a diagonal, 96 dpi. */
    c->px_per_mm = screen_px_per_mm(pl->diagonal_inches, 0, pl->width, pl->height);
    if (!(c->px_per_mm > 0))
        c->px_per_mm = SCREEN_DEFAULT_PX_PER_MM;

    /* Pages before slides, and their ids before any button, which may name a page further
     * down; messages are sorted by place afterwards anyway. */
    parse_collect_page_ids(c, root);
    v = json_object_get(root, "interactive");
    if (v)
        parse_interactive(c, v, pl);
    v = json_object_get(root, "pages");
    if (v)
        parse_pages(c, v, pl);

    v = json_object_get(root, "slides");
    if (v)
        parse_slides(c, v, pl);
    else
        parse_missing(c, "slides", "an array of slides");
    parse_default_slide(c, root, pl);
    parse_emergency(c, root, pl);

    parse_check_reachable(c, pl);
}

static int diag_order(const void *a, const void *b)
{
    const struct diag *x = a, *y = b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->column != y->column)
        return x->column < y->column ? -1 : 1;
    return 0;
}

/* Messages in the order of the file, as a reader goes through it; ties keep the order found
 * (qsort is not stable, so sort on (place, order found)). */
static void sort_diags(struct diag_list *diags, size_t first)
{
    size_t n = diags->count - first;
    if (n < 2)
        return;
    struct keyed {
        struct diag d;
        size_t order;
    } *items = xmalloc(n * sizeof(*items));
    for (size_t i = 0; i < n; i++)
        items[i] = (struct keyed){diags->items[first + i], i};
    for (size_t i = 1; i < n; i++) { /* insertion sort: stable, and n <= PLAYLIST_MAX_DIAGS */
        struct keyed k = items[i];
        size_t j = i;
        while (j > 0) {
            const struct diag *prev = &items[j - 1].d;
            /* the "too many problems" message (no place) stays last */
            bool after = k.d.line == 0     ? false
                         : prev->line == 0 ? true
                                           : diag_order(prev, &k.d) > 0;
            if (!after)
                break;
            items[j] = items[j - 1];
            j--;
        }
        items[j] = k;
    }
    for (size_t i = 0; i < n; i++)
        diags->items[first + i] = items[i].d;
    free(items);
}

struct playlist *playlist_load_text(const char *dir, const char *file, const char *text, size_t len,
                                    const struct playlist_load_options *opts,
                                    struct diag_list *diags)
{
    static const struct playlist_load_options no_options;
    struct parse_ctx ctx = {
        .file = file,
        .dir = dir,
        .text = text,
        .len = len,
        .opts = opts ? opts : &no_options,
        .diags = diags,
        .first_diag = diags->count,
        .button_style = button_style_default(),
    };
    struct parse_ctx *c = &ctx;
    if (len > PLAYLIST_MAX_FILE_BYTES) {
        diag_add(diags, DIAG_ERROR, file, 0, 0, "",
                 "the file is %zu bytes; expected at most %u bytes (%u MiB)", len,
                 PLAYLIST_MAX_FILE_BYTES, PLAYLIST_MAX_FILE_BYTES >> 20);
        return NULL;
    }
    /* A byte order mark, as some Windows editors write: editors do not show it, so columns
     * are counted after it. */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        c->text += 3;
        c->len -= 3;
    }
    if (!check_nesting(c))
        return NULL;

    json_error_t err;
    json_t *root = json_loadb(c->text, c->len, JSON_REJECT_DUPLICATES, &err);
    if (!root) {
        report_syntax(c, &err);
        return NULL;
    }
    struct playlist *pl = xcalloc(1, sizeof(*pl));
    pl->dir = xstrdup(dir);
    pl->file = xstrdup(file);
    pl->default_duration = 8.0;
    pl->default_transition = (struct transition){TRANSITION_CROSSFADE, 1.0};
    pl->default_background =
        (struct background){.kind = BACKGROUND_SOLID, .from = {0, 0, 0, 255}, .angle_deg = 180};
    pl->interactive =
        (struct interactive){.home = PLAYLIST_NO_PAGE, .idle_seconds = INTERACTIVE_DEFAULT_IDLE};
    parse_root(c, root, pl);
    parse_styles_finish(c);
    free(c->page_ids); /* they pointed into root */
    json_decref(root);

    sort_diags(diags, c->first_diag);
    if (c->errors > 0 && !c->opts->keep_on_error) {
        playlist_free(pl);
        return NULL;
    }
    return pl;
}

struct playlist *playlist_load(const char *dir, const struct playlist_load_options *opts,
                               struct diag_list *diags)
{
    char *file = file_join(dir, "playlist.json");
    char *text = NULL, err[512];
    size_t len = 0;
    struct playlist *pl = NULL;
    if (!file_read_all(file, PLAYLIST_MAX_FILE_BYTES, &text, &len, err, sizeof(err))) {
        /* file_read_all names the file first; the message names it already */
        const char *reason = err;
        size_t n = strlen(file);
        if (strncmp(err, file, n) == 0 && strncmp(err + n, ": ", 2) == 0)
            reason = err + n + 2;
        diag_add(diags, DIAG_ERROR, file, 0, 0, "", "%s", reason);
    } else {
        pl = playlist_load_text(dir, file, text, len, opts, diags);
    }
    free(text);
    free(file);
    return pl;
}

bool playlist_is_portrait(const struct playlist *pl)
{
    return pl->height > pl->width;
}
