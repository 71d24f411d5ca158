/* Text blocks on slides: wrapped text, one-line tickers and clocks, each text given per language.
 * Only the playlist's own rules are checked here; whether a text fits its box and whether the
 * bundled fonts can show it is for the text engine, later, which is why every block keeps its
 * JSON path and place for those messages. */
#include "playlist/parse_internal.h"
#include "playlist/parse_hints.h"
#include "playlist/parse_style.h"
#include "base/xmalloc.h"

#include <stdlib.h>
#include <string.h>

#define TEXT_DEFAULT_SIZE 48.0
#define TEXT_MIN_LINE_HEIGHT 0.8
#define TEXT_MAX_LINE_HEIGHT 3.0
#define PANEL_DEFAULT_PADDING 16.0
#define PANEL_MAX_PADDING 200.0
#define PANEL_MAX_RADIUS 200.0
#define TICKER_DEFAULT_SPEED 120.0
#define TICKER_MIN_SPEED 10.0
#define TICKER_MAX_SPEED 2000.0

/* Indexed by enum text_block_kind, enum block_align, enum block_valign, enum clock_format. */
static const char *const kind_names[] = {"text", "ticker", "clock", NULL};
static const char *const align_names[] = {"start", "end", "center", NULL};
static const char *const valign_names[] = {"top", "middle", "bottom", NULL};
static const char *const clock_names[] = {
    "time", "date", "datetime", "hebrew", "date+hebrew", "datetime+hebrew", NULL};
static const char *const weight_names[] = {"regular", "bold", NULL};
static const char *const panel_fit_names[] = {"box", "hug", NULL}; /* false, true */

/* Keys every kind of block takes, except "text", which a clock does not. */
static const char *const common_keys[] = {
    "id",    "type",   "text", "box",   "size",   "min_size", "weight", "color", "line_height",
    "align", "valign", "dir",  "panel", "shadow", "style",    "font",   NULL,
};
#define COMMON_KEY_COUNT (sizeof(common_keys) / sizeof(common_keys[0]) - 1)

static bool name_is(const char *name, const char *const *names)
{
    for (size_t i = 0; names[i]; i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

/* The keys a block of this kind takes, NULL-terminated, in keys (room for COMMON_KEY_COUNT + 3).
 * Without a known kind, every key of any kind: then only unknown keys are reported. */
static void block_keys(bool kind_known, enum text_block_kind kind, const char **keys)
{
    size_t n = 0;
    for (size_t i = 0; i < COMMON_KEY_COUNT; i++)
        if (!(kind_known && kind == TEXT_BLOCK_CLOCK && strcmp(common_keys[i], "text") == 0))
            keys[n++] = common_keys[i];
    if (!kind_known || kind == TEXT_BLOCK_TICKER)
        keys[n++] = "speed";
    if (!kind_known || kind == TEXT_BLOCK_CLOCK)
        keys[n++] = "format";
    keys[n] = NULL;
}

/* Like parse_known_keys, but a key that belongs to another kind of block says so. */
static void check_block_keys(struct parse_ctx *c, const json_t *v, bool kind_known,
                             enum text_block_kind kind)
{
    const char *allowed[COMMON_KEY_COUNT + 3];
    block_keys(kind_known, kind, allowed);
    char *list = parse_names_list(allowed);
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)v, key, value)
    {
        if (name_is(key, allowed))
            continue;
        char *quoted = parse_quote(key);
        parse_push_key(c, key);
        if (strcmp(key, "text") == 0)
            parse_report(c, DIAG_ERROR, true, "a clock shows the time; remove \"text\"");
        else if (strcmp(key, "speed") == 0)
            parse_report(
                c, DIAG_ERROR, true,
                "\"speed\" is only for a ticker (\"type\": \"ticker\"); expected one of: %s", list);
        else if (strcmp(key, "format") == 0)
            parse_report(
                c, DIAG_ERROR, true,
                "\"format\" is only for a clock (\"type\": \"clock\"); expected one of: %s", list);
        else if (parse_nearest_name(key, allowed))
            parse_report(c, DIAG_ERROR, true,
                         "unknown key %s (did you mean \"%s\"?); expected one of: %s", quoted,
                         parse_nearest_name(key, allowed), list);
        else
            parse_report(c, DIAG_ERROR, true, "unknown key %s; expected one of: %s", quoted, list);
        parse_pop(c);
        free(quoted);
    }
    free(list);
}

/* `blocks` are the blocks of the slide or page so far; b is the last of them. */
static void parse_block_id(struct parse_ctx *c, const json_t *id, const struct text_block *blocks,
                           const char *where, struct text_block *b)
{
    parse_push_key(c, "id");
    if (parse_expect(c, id, JSON_STRING, "a string such as \"title\"")) {
        const char *text = json_string_value(id);
        if (!parse_id_valid(text)) {
            char *quoted = parse_quote(text);
            parse_error(c, "%s is not a valid id; expected 1 to %d characters of a-z, 0-9, _ and -",
                        quoted, PARSE_ID_MAX);
            free(quoted);
        } else {
            /* b is the last block counted so far; the ones before it are complete */
            for (size_t i = 0; blocks + i < b; i++) {
                if (blocks[i].id && strcmp(blocks[i].id, text) == 0) {
                    parse_error(c,
                                "the id \"%s\" is already used by texts[%zu]; expected each text "
                                "block of a %s to have its own id",
                                text, i, where);
                    break;
                }
            }
            b->id = xstrdup(text);
        }
    }
    parse_pop(c);
}

static size_t code_points(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80; /* jansson gives valid UTF-8 only */
    return n;
}

static char *languages_list(const struct playlist *pl)
{
    char *list = xstrdup("");
    for (size_t i = 0; i < pl->language_count; i++) {
        char *longer = xasprintf("%s%s%s", list, i ? ", " : "", pl->languages[i]);
        free(list);
        list = longer;
    }
    return list;
}

/* Languages with no text, and the one shown in their place: a warning, since the block still
 * shows something in every language. Texts are in the playlist's order, so the fallback is
 * the one text_block_text() picks. */
static void warn_missing_translations(struct parse_ctx *c, const struct playlist *pl,
                                      const struct text_block *b)
{
    if (b->text_count == 0 || b->text_count == pl->language_count)
        return;
    char *missing = xstrdup("");
    for (size_t i = 0, t = 0; i < pl->language_count; i++) {
        if (t < b->text_count && b->texts[t].lang == pl->languages[i]) {
            t++;
            continue;
        }
        char *longer = xasprintf("%s%s%s", missing, missing[0] ? ", " : "", pl->languages[i]);
        free(missing);
        missing = longer;
    }
    const char *shown = NULL;
    text_block_text(pl, b, pl->languages[0], &shown);
    parse_warning(c, "no text in %s; the %s text is shown instead", missing, shown);
    free(missing);
}

/* "text": {"he": "...", "en": "..."} (or a button's "label", a QR code's "caption"), the value of
 * key. b->texts take the playlist's order of languages; their lang points into pl->languages
 * while parsing (so a language compares by pointer) and is copied at the end. */
void parse_translations(struct parse_ctx *c, const char *key_name, const json_t *v,
                        const struct playlist *pl, struct text_block *b)
{
    parse_push_key(c, key_name);
    if (!parse_expect(c, v, JSON_OBJECT,
                      "an object with the text in each language, such as {\"he\": \"שלום\", "
                      "\"en\": \"Hello\"}")) {
        parse_pop(c);
        return;
    }
    char *allowed = languages_list(pl);
    if (json_object_size(v) == 0)
        parse_error(c,
                    "the object is empty; expected the text in at least one of the "
                    "playlist's languages: %s",
                    allowed);
    const char **found = xcalloc(pl->language_count + 1, sizeof(*found));
    bool ok = true;
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)v, key, value)
    {
        size_t lang = 0;
        while (lang < pl->language_count && strcmp(pl->languages[lang], key) != 0)
            lang++;
        parse_push_key(c, key);
        if (lang == pl->language_count) {
            ok = false;
            if (c->languages_ok) {
                char *quoted = parse_quote(key);
                parse_report(c, DIAG_ERROR, true,
                             "%s is not one of the playlist's languages; expected one of: %s",
                             quoted, allowed);
                free(quoted);
            }
        } else if (!parse_expect(c, value, JSON_STRING, "a string")) {
            ok = false;
        } else if (json_string_length(value) == 0) {
            parse_error(c,
                        "the text is empty; expected the %s text, or no \"%s\" (another "
                        "language is shown instead)",
                        key, key);
            ok = false;
        } else if (code_points(json_string_value(value)) > TEXT_MAX_CHARS) {
            parse_error(c, "the text has %zu characters; expected at most %d",
                        code_points(json_string_value(value)), TEXT_MAX_CHARS);
            ok = false;
        } else {
            found[lang] = json_string_value(value);
        }
        parse_pop(c);
    }
    b->texts = xcalloc(pl->language_count + 1, sizeof(*b->texts));
    for (size_t i = 0; i < pl->language_count; i++)
        if (found[i])
            b->texts[b->text_count++] =
                (struct translation){pl->languages[i], parse_keep_together(c, found[i])};
    if (ok && c->languages_ok)
        warn_missing_translations(c, pl, b);
    for (size_t i = 0; i < b->text_count; i++)
        b->texts[i].lang = xstrdup(b->texts[i].lang);
    free(found);
    free(allowed);
    parse_pop(c);
}

/* x, y, width, height as fractions of the screen; the box stays on the screen. The sums use the
 * numbers as written (doubles), so 0.2 + 0.8 is exactly 1. */
void parse_box(struct parse_ctx *c, const json_t *v, float box[4])
{
    parse_push_key(c, "box");
    if (parse_numbers(c, v, 4, 0, 1, "a fraction of the screen", box)) {
        double x = json_number_value(json_array_get(v, 0));
        double y = json_number_value(json_array_get(v, 1));
        double w = json_number_value(json_array_get(v, 2));
        double h = json_number_value(json_array_get(v, 3));
        static const char *const sides[2] = {"width", "height"};
        bool sized = true;
        for (size_t i = 0; i < 2; i++) {
            if ((i == 0 ? w : h) == 0) {
                parse_push_index(c, 2 + i);
                parse_error(c, "the %s is 0; expected a fraction of the screen more than 0",
                            sides[i]);
                parse_pop(c);
                sized = false;
            }
        }
        char a[32];
        if (sized && x + w > 1 + 1e-9)
            parse_error(c,
                        "x + width is %s, past the right edge of the screen; expected x + width "
                        "at most 1",
                        parse_number_text(x + w, a, sizeof(a)));
        if (sized && y + h > 1 + 1e-9)
            parse_error(c,
                        "y + height is %s, past the bottom edge of the screen; expected y + "
                        "height at most 1",
                        parse_number_text(y + h, a, sizeof(a)));
    }
    parse_pop(c);
}

/* Over b's sizes (the defaults or a style's): a new size without a min_size keeps the style's
 * shrinking (down to its min_size, or to the new size if that is smaller), or none. */
static void parse_sizes(struct parse_ctx *c, const json_t *v, struct text_block *b)
{
    double size = b->size, min_size;
    bool shrinks = b->min_size < b->size;
    enum field size_field =
        parse_number_member(c, v, "size", TEXT_MIN_SIZE, TEXT_MAX_SIZE, "pixels", &size);
    if (size_field == FIELD_OK) {
        b->size = (float)size;
        b->min_size = shrinks && b->min_size < b->size ? b->min_size : b->size;
    }
    switch (
        parse_number_member(c, v, "min_size", TEXT_MIN_SIZE, TEXT_MAX_SIZE, "pixels", &min_size)) {
    case FIELD_OK:
        if (size_field != FIELD_BAD && min_size > size) {
            char got[32], limit[32];
            parse_number_text(size, limit, sizeof(limit));
            parse_push_key(c, "min_size");
            parse_error(c, "%s is more than the size, %s; expected a minimum size from %g to %s",
                        parse_number_text(min_size, got, sizeof(got)), limit, TEXT_MIN_SIZE, limit);
            parse_pop(c);
        } else {
            b->min_size = (float)min_size;
        }
        break;
    case FIELD_BAD:
    case FIELD_ABSENT:
        break;
    }
}

/* Over a panel a style gave (then "color" is not required), or a new one; false: none. */
static void parse_panel(struct parse_ctx *c, const json_t *v, struct text_block *b)
{
    parse_push_key(c, "panel");
    if (json_is_false(v)) {
        b->has_panel = false;
        parse_pop(c);
        return;
    }
    bool had_panel = b->has_panel;
    if (!had_panel) {
        b->padding = (float)PANEL_DEFAULT_PADDING;
        b->panel_hug = false;
        b->radius = 0;
    }
    b->has_panel = true;
    if (parse_expect(c, v, JSON_OBJECT,
                     "an object such as {\"color\": \"#00000099\", \"fit\": \"hug\"}, or false "
                     "for no panel")) {
        static const char *const keys[] = {"color", "padding", "fit", "radius", NULL};
        parse_known_keys(c, v, keys);
        const json_t *color = json_object_get(v, "color");
        if (color) {
            parse_push_key(c, "color");
            parse_color(c, color, &b->panel);
            parse_pop(c);
        } else if (!had_panel) {
            parse_missing(c, "color", "the panel's colour, such as \"#00000099\"");
        }
        double padding, radius;
        if (parse_number_member(c, v, "padding", 0, PANEL_MAX_PADDING, "pixels", &padding) ==
            FIELD_OK)
            b->padding = (float)padding;
        if (parse_number_member(c, v, "radius", 0, PANEL_MAX_RADIUS, "pixels", &radius) == FIELD_OK)
            b->radius = (float)radius;
        int fit = b->panel_hug;
        if (parse_enum_member(c, v, "fit", "panel fit", panel_fit_names, &fit) == FIELD_OK)
            b->panel_hug = fit == 1;
    }
    parse_pop(c);
}

static void parse_optional_color(struct parse_ctx *c, const json_t *v, const char *key,
                                 struct color *out, bool *present)
{
    const json_t *color = json_object_get(v, key);
    if (!color)
        return;
    if (present)
        *present = true;
    parse_push_key(c, key);
    parse_color(c, color, out);
    parse_pop(c);
}

void text_block_look_defaults(struct text_block *b)
{
    b->size = b->min_size = (float)TEXT_DEFAULT_SIZE;
    b->color = (struct color){255, 255, 255, 255};
    b->align = BLOCK_ALIGN_START;
    b->valign = BLOCK_VALIGN_MIDDLE;
}

void parse_text_look(struct parse_ctx *c, const json_t *v, const struct playlist *pl,
                     struct text_block *b)
{
    const json_t *font = json_object_get(v, "font");
    if (font) {
        parse_push_key(c, "font");
        unsigned f = parse_font_name(c, font, pl);
        if (f)
            b->font = f;
        parse_pop(c);
    }
    parse_sizes(c, v, b);

    int weight = b->bold;
    if (parse_enum_member(c, v, "weight", "weight", weight_names, &weight) == FIELD_OK)
        b->bold = weight == 1;
    parse_optional_color(c, v, "color", &b->color, NULL);

    double line_height;
    if (parse_number_member(c, v, "line_height", TEXT_MIN_LINE_HEIGHT, TEXT_MAX_LINE_HEIGHT,
                            "a multiple of the size", &line_height) == FIELD_OK)
        b->line_height = (float)line_height;

    int align = (int)b->align, valign = (int)b->valign;
    parse_enum_member(c, v, "align", "alignment", align_names, &align);
    parse_enum_member(c, v, "valign", "vertical alignment", valign_names, &valign);
    b->align = (enum block_align)align;
    b->valign = (enum block_valign)valign;

    const json_t *dir = json_object_get(v, "dir");
    if (dir) {
        parse_push_key(c, "dir");
        if (parse_expect(c, dir, JSON_STRING, "the string \"auto\"")) {
            if (strcmp(json_string_value(dir), "auto") == 0) {
                b->dir_auto = true;
            } else {
                char *quoted = parse_quote(json_string_value(dir));
                parse_error(c,
                            "unknown direction %s; expected \"auto\", or no \"dir\" for the "
                            "direction of each text's language",
                            quoted);
                free(quoted);
            }
        }
        parse_pop(c);
    }

    const json_t *panel = json_object_get(v, "panel");
    if (panel)
        parse_panel(c, panel, b);
    parse_optional_color(c, v, "shadow", &b->shadow, &b->has_shadow);
}

static void parse_text_block(struct parse_ctx *c, const json_t *v, const struct playlist *pl,
                             const struct text_block *blocks, const char *where,
                             struct text_block *b)
{
    b->path = parse_path_text(c);
    parse_position(c, false, &b->line, &b->column);
    b->kind = TEXT_BLOCK_TEXT;
    text_block_look_defaults(b);
    b->clock = CLOCK_TIME;
    if (!parse_expect(c, v, JSON_OBJECT,
                      "a text block such as {\"text\": {\"he\": \"שלום\"}, \"box\": [0.1, 0.1, "
                      "0.8, 0.2]}"))
        return;

    /* The kind first: which keys are allowed depends on it. */
    int kind = TEXT_BLOCK_TEXT;
    bool kind_known = parse_enum_member(c, v, "type", "block type", kind_names, &kind) != FIELD_BAD;
    b->kind = (enum text_block_kind)kind;
    check_block_keys(c, v, kind_known, b->kind);

    const json_t *id = json_object_get(v, "id");
    if (id)
        parse_block_id(c, id, blocks, where, b);

    const json_t *text = json_object_get(v, "text");
    if (text && !(kind_known && b->kind == TEXT_BLOCK_CLOCK))
        parse_translations(c, "text", text, pl, b);
    else if (!text && kind_known && b->kind != TEXT_BLOCK_CLOCK)
        parse_missing(c, "text",
                      "the text in each language, such as {\"he\": \"שלום\", \"en\": \"Hello\"}");

    const json_t *box = json_object_get(v, "box");
    if (box)
        parse_box(c, box, b->box);
    else
        parse_missing(c, "box",
                      "[x, y, width, height] as fractions of the screen, such as [0.08, 0.62, "
                      "0.84, 0.2]");

    const json_t *style = json_object_get(v, "style");
    if (style) {
        parse_push_key(c, "style");
        const struct text_block *look = parse_style_lookup(c, style);
        if (look)
            parse_style_apply(b, look);
        parse_pop(c);
    }
    parse_text_look(c, v, pl, b);

    /* speed and format on the wrong kind were reported with the keys; their values are not
     * worth a second message. */
    if (b->kind == TEXT_BLOCK_TICKER || !kind_known) {
        double speed = TICKER_DEFAULT_SPEED;
        parse_number_member(c, v, "speed", TICKER_MIN_SPEED, TICKER_MAX_SPEED, "pixels per second",
                            &speed);
        if (b->kind == TEXT_BLOCK_TICKER)
            b->ticker_speed = (float)speed;
    }
    if (b->kind == TEXT_BLOCK_CLOCK || !kind_known) {
        int format = CLOCK_TIME;
        parse_enum_member(c, v, "format", "clock format", clock_names, &format);
        b->clock = (enum clock_format)format;
    }
}

void parse_text_blocks(struct parse_ctx *c, const json_t *texts, const struct playlist *pl,
                       const char *where, struct text_block **blocks, size_t *count)
{
    if (!parse_expect(c, texts, JSON_ARRAY, "an array of text blocks"))
        return;
    size_t n = json_array_size(texts);
    if (n > PARSE_MAX_TEXT_BLOCKS) {
        parse_error(c, "%zu text blocks; expected at most %d on a %s", n, PARSE_MAX_TEXT_BLOCKS,
                    where);
        return;
    }
    *blocks = xcalloc(n ? n : 1, sizeof(**blocks));
    for (size_t i = 0; i < n; i++) {
        parse_push_index(c, i);
        /* Counted at once, so playlist_free releases what the block holds. */
        struct text_block *b = &(*blocks)[(*count)++];
        parse_text_block(c, json_array_get(texts, i), pl, *blocks, where, b);
        parse_pop(c);
    }
}

static const struct translation *find_translation(const struct text_block *b, const char *lang)
{
    for (size_t i = 0; lang && i < b->text_count; i++)
        if (strcmp(b->texts[i].lang, lang) == 0)
            return &b->texts[i];
    return NULL;
}

const char *text_block_text(const struct playlist *pl, const struct text_block *b, const char *lang,
                            const char **used_lang)
{
    const struct translation *t = find_translation(b, lang);
    if (!t && pl->language_count > 0)
        t = find_translation(b, pl->languages[0]);
    if (!t && b->text_count > 0)
        t = &b->texts[0];
    if (used_lang)
        *used_lang = t ? t->lang : NULL;
    return t ? t->text : NULL;
}
