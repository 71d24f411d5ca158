/* Named colours, the playlist's own fonts, named text styles and phrases kept together: what a
 * marketing team defines once per playlist so that brand colours and type live in one place
 * (docs/playlist.md, "Styles", "Fonts", "Words that stay together"). */
#include "playlist/parse_style.h"
#include "base/xmalloc.h"

#include <stdlib.h>
#include <string.h>

#define STYLE_MAX 64       /* named styles, colours or fonts in one playlist */
#define KEEP_MAX 100       /* phrases in keep_together */
#define KEEP_MAX_BYTES 200 /* one phrase */

struct parse_styles {
    const json_t *colors; /* the "colors" object (names checked), or NULL; points into the tree */
    /* "styles" and "fonts" as written (NULL: none): a name defined there whose definition was
     * refused is not reported again where it is used. Point into the tree. */
    const json_t *styles_json, *fonts_json;
    char **names; /* styles by name, in the file's order */
    struct text_block *looks;
    size_t count;
    char **keep; /* keep_together phrases, longest first, so a longer phrase wins */
    size_t keep_count;
};

/* Colour and font names: letters, digits, spaces, _ and -; they are typed again elsewhere. */
static bool name_valid(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > PARSE_ID_MAX)
        return false;
    for (const char *p = s; *p; p++) {
        char ch = *p;
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '_' || ch == '-' || ch == ' '))
            return false;
    }
    return true;
}

static bool too_many(struct parse_ctx *c, const json_t *v, const char *what)
{
    if (json_object_size(v) <= STYLE_MAX)
        return false;
    parse_error(c, "%zu %s; expected at most %d", json_object_size(v), what, STYLE_MAX);
    return true;
}

static void parse_colors(struct parse_ctx *c, const json_t *v)
{
    parse_push_key(c, "colors");
    if (parse_expect(c, v, JSON_OBJECT,
                     "an object of named colours such as {\"brand\": \"#0a4d8c\"}") &&
        !too_many(c, v, "colours")) {
        bool ok = true;
        const char *key;
        json_t *value;
        json_object_foreach((json_t *)v, key, value)
        {
            parse_push_key(c, key);
            struct color unused;
            if (key[0] == '#' || !name_valid(key)) {
                char *quoted = parse_quote(key);
                parse_report(c, DIAG_ERROR, true,
                             "%s is not a colour name; expected a name of letters, digits, "
                             "spaces, _ and - such as \"brand\"",
                             quoted);
                free(quoted);
                ok = false;
            } else if (parse_expect(c, value, JSON_STRING, "a colour string such as \"#0a4d8c\"")) {
                /* A name for a name would be a chain to follow: colours are written out here. */
                if (!parse_color_text(json_string_value(value), &unused)) {
                    char *quoted = parse_quote(json_string_value(value));
                    parse_error(c,
                                "%s is not a colour; expected \"#rrggbb\" or \"#rrggbbaa\" in "
                                "hexadecimal",
                                quoted);
                    free(quoted);
                    ok = false;
                }
            } else {
                ok = false;
            }
            parse_pop(c);
        }
        /* With a bad entry, uses of the good names still work; a bad name is reported once. */
        (void)ok;
        c->styles->colors = v;
    }
    parse_pop(c);
}

bool parse_named_color(const struct parse_ctx *c, const char *name, struct color *out)
{
    if (!c->styles || !c->styles->colors)
        return false;
    const json_t *v = json_object_get(c->styles->colors, name);
    return v && json_is_string(v) && parse_color_text(json_string_value(v), out);
}

char *parse_color_names(const struct parse_ctx *c)
{
    if (!c->styles || !c->styles->colors || json_object_size(c->styles->colors) == 0)
        return NULL;
    char *list = xstrdup("");
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)c->styles->colors, key, value)
    {
        struct color unused;
        if (!parse_named_color(c, key, &unused) || key[0] == '#' || !name_valid(key))
            continue; /* refused where it is defined */
        char *longer = xasprintf("%s%s%s", list, list[0] ? ", " : "", key);
        free(list);
        list = longer;
    }
    return list;
}

/* One font file of a family: inside the folder, and a font (when the caller can tell). */
static char *parse_font_file(struct parse_ctx *c, const json_t *v, const char *key)
{
    parse_push_key(c, key);
    char *path = NULL;
    if (parse_expect(c, v, JSON_STRING, "a font file's path such as \"fonts/brand.ttf\"")) {
        path = parse_folder_file(c, json_string_value(v), "font");
        char err[256] = "";
        if (path && c->opts->probe_font &&
            !c->opts->probe_font(c->opts->probe_ctx, path, err, sizeof(err))) {
            char *quoted = parse_quote(json_string_value(v));
            parse_error(c,
                        "%s is not a font this kiosk can use: %s; expected a TrueType (.ttf) "
                        "or OpenType (.otf) file",
                        quoted, err[0] ? err : "the font check refused it");
            free(quoted);
            free(path);
            path = NULL;
        }
    }
    parse_pop(c);
    return path;
}

static void parse_fonts(struct parse_ctx *c, const json_t *v, struct playlist *pl)
{
    parse_push_key(c, "fonts");
    if (!parse_expect(c, v, JSON_OBJECT,
                      "an object such as {\"Brand\": {\"regular\": \"fonts/brand.ttf\"}}") ||
        too_many(c, v, "fonts")) {
        parse_pop(c);
        return;
    }
    pl->fonts = xcalloc(json_object_size(v) + 1, sizeof(*pl->fonts));
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)v, key, value)
    {
        parse_push_key(c, key);
        if (!name_valid(key)) {
            char *quoted = parse_quote(key);
            parse_report(c, DIAG_ERROR, true,
                         "%s is not a font name; expected a name of letters, digits, spaces, _ "
                         "and - such as \"Brand\"",
                         quoted);
            free(quoted);
        } else if (parse_expect(c, value, JSON_OBJECT,
                                "an object such as {\"regular\": \"fonts/brand.ttf\", \"bold\": "
                                "\"fonts/brand-bold.ttf\"}")) {
            static const char *const keys[] = {"regular", "bold", NULL};
            parse_known_keys(c, value, keys);
            const json_t *regular = json_object_get(value, "regular");
            const json_t *bold = json_object_get(value, "bold");
            char *regular_path = NULL, *bold_path = NULL;
            if (regular)
                regular_path = parse_font_file(c, regular, "regular");
            else
                parse_missing(c, "regular", "the regular face's file, such as \"fonts/brand.ttf\"");
            if (bold)
                bold_path = parse_font_file(c, bold, "bold");
            if (regular_path) {
                pl->fonts[pl->font_count++] =
                    (struct playlist_font){xstrdup(key), regular_path, bold_path};
            } else {
                free(bold_path);
            }
        }
        parse_pop(c);
    }
    parse_pop(c);
}

unsigned parse_font_name(struct parse_ctx *c, const json_t *v, const struct playlist *pl)
{
    if (!parse_expect(c, v, JSON_STRING, "the name of one of the playlist's \"fonts\""))
        return 0;
    const char *name = json_string_value(v);
    for (size_t i = 0; i < pl->font_count; i++)
        if (strcmp(pl->fonts[i].name, name) == 0)
            return (unsigned)i + 1;
    if (c->styles && c->styles->fonts_json && json_object_get(c->styles->fonts_json, name))
        return 0; /* its definition was refused, with a message there */
    char *quoted = parse_quote(name);
    if (pl->font_count == 0 && c->styles && c->styles->fonts_json) {
        parse_error(c,
                    "unknown font %s; expected a font defined in \"fonts\", where none can be "
                    "used yet (see the messages there)",
                    quoted);
    } else if (pl->font_count == 0) {
        parse_error(c,
                    "unknown font %s; the playlist has no \"fonts\"; expected a font defined "
                    "there, such as \"fonts\": {%s: {\"regular\": \"fonts/brand.ttf\"}}",
                    quoted, quoted);
    } else {
        char *list = xstrdup("");
        for (size_t i = 0; i < pl->font_count; i++) {
            char *longer = xasprintf("%s%s%s", list, i ? ", " : "", pl->fonts[i].name);
            free(list);
            list = longer;
        }
        parse_error(c, "unknown font %s; expected one of the playlist's fonts: %s", quoted, list);
        free(list);
    }
    free(quoted);
    return 0;
}

static void parse_style_objects(struct parse_ctx *c, const json_t *v, const struct playlist *pl)
{
    parse_push_key(c, "styles");
    if (!parse_expect(c, v, JSON_OBJECT,
                      "an object of named styles such as {\"title\": {\"size\": 72, \"weight\": "
                      "\"bold\"}}") ||
        too_many(c, v, "styles")) {
        parse_pop(c);
        return;
    }
    struct parse_styles *st = c->styles;
    size_t n = json_object_size(v);
    st->names = xcalloc(n + 1, sizeof(*st->names));
    st->looks = xcalloc(n + 1, sizeof(*st->looks));
    static const char *const keys[] = {"font",  "size",        "min_size", "weight",
                                       "color", "line_height", "align",    "valign",
                                       "dir",   "panel",       "shadow",   NULL};
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)v, key, value)
    {
        parse_push_key(c, key);
        if (!parse_id_valid(key)) {
            char *quoted = parse_quote(key);
            parse_report(c, DIAG_ERROR, true,
                         "%s is not a valid style name; expected 1 to %d characters of a-z, "
                         "0-9, _ and -, such as \"title\"",
                         quoted, PARSE_ID_MAX);
            free(quoted);
        } else if (parse_expect(c, value, JSON_OBJECT,
                                "an object such as {\"size\": 72, \"weight\": \"bold\", "
                                "\"color\": \"#ffffff\"}")) {
            parse_known_keys(c, value, keys);
            struct text_block *look = &st->looks[st->count];
            text_block_look_defaults(look);
            parse_text_look(c, value, pl, look);
            st->names[st->count++] = xstrdup(key);
        }
        parse_pop(c);
    }
    parse_pop(c);
}

const struct text_block *parse_style_lookup(struct parse_ctx *c, const json_t *v)
{
    if (!parse_expect(c, v, JSON_STRING, "the name of one of the playlist's \"styles\""))
        return NULL;
    const char *name = json_string_value(v);
    const struct parse_styles *st = c->styles;
    for (size_t i = 0; st && i < st->count; i++)
        if (strcmp(st->names[i], name) == 0)
            return &st->looks[i];
    if (st && st->styles_json && json_object_get(st->styles_json, name))
        return NULL; /* its definition was refused, with a message there */
    char *quoted = parse_quote(name);
    if (st && st->count == 0 && st->styles_json) {
        parse_error(c,
                    "unknown style %s; expected a style defined in \"styles\", where none can be "
                    "used yet (see the messages there)",
                    quoted);
    } else if (!st || st->count == 0) {
        parse_error(c,
                    "unknown style %s; the playlist has no \"styles\"; expected a style defined "
                    "there, such as \"styles\": {%s: {\"size\": 72}}",
                    quoted, quoted);
    } else {
        char *list = xstrdup("");
        for (size_t i = 0; i < st->count; i++) {
            char *longer = xasprintf("%s%s%s", list, i ? ", " : "", st->names[i]);
            free(list);
            list = longer;
        }
        parse_error(c, "unknown style %s; expected one of the playlist's styles: %s", quoted, list);
        free(list);
    }
    free(quoted);
    return NULL;
}

void parse_style_apply(struct text_block *b, const struct text_block *s)
{
    b->font = s->font;
    b->size = s->size;
    b->min_size = s->min_size;
    b->bold = s->bold;
    b->color = s->color;
    b->line_height = s->line_height;
    b->align = s->align;
    b->valign = s->valign;
    b->dir_auto = s->dir_auto;
    b->has_panel = s->has_panel;
    b->panel = s->panel;
    b->padding = s->padding;
    b->panel_hug = s->panel_hug;
    b->radius = s->radius;
    b->has_shadow = s->has_shadow;
    b->shadow = s->shadow;
}

static int longest_first(const void *a, const void *b)
{
    size_t x = strlen(*(char *const *)a), y = strlen(*(char *const *)b);
    return x < y ? 1 : x > y ? -1 : 0;
}

static void parse_keep_list(struct parse_ctx *c, const json_t *v)
{
    parse_push_key(c, "keep_together");
    if (!parse_expect(c, v, JSON_ARRAY,
                      "an array of phrases such as [\"Kiosk City\", \"*6200\"]")) {
        parse_pop(c);
        return;
    }
    size_t n = json_array_size(v);
    if (n > KEEP_MAX) {
        parse_error(c, "%zu phrases; expected at most %d", n, KEEP_MAX);
        parse_pop(c);
        return;
    }
    struct parse_styles *st = c->styles;
    st->keep = xcalloc(n + 1, sizeof(*st->keep));
    for (size_t i = 0; i < n; i++) {
        const json_t *p = json_array_get(v, i);
        parse_push_index(c, i);
        if (parse_expect(c, p, JSON_STRING, "a phrase such as \"Kiosk City\"")) {
            size_t len = json_string_length(p);
            if (len == 0 || strspn(json_string_value(p), " ") == len)
                parse_error(c, "the phrase is empty; expected words to keep on one line, such "
                               "as \"Kiosk City\"");
            else if (len > KEEP_MAX_BYTES)
                parse_error(c,
                            "the phrase is %zu bytes long; expected at most %d (a name or a "
                            "number, not a sentence)",
                            len, KEEP_MAX_BYTES);
            else if (strchr(json_string_value(p), '\n'))
                parse_error(c, "the phrase has a line break; expected words on one line");
            else
                st->keep[st->keep_count++] = xstrdup(json_string_value(p));
        }
        parse_pop(c);
    }
    qsort(st->keep, st->keep_count, sizeof(*st->keep), longest_first);
    parse_pop(c);
}

void parse_styles_root(struct parse_ctx *c, const json_t *root, struct playlist *pl)
{
    c->styles = xcalloc(1, sizeof(*c->styles));
    /* Colours first (styles use them), fonts next (styles name them), then the styles. */
    const json_t *v = json_object_get(root, "colors");
    if (v)
        parse_colors(c, v);
    v = json_object_get(root, "fonts");
    if (v) {
        c->styles->fonts_json = json_is_object(v) ? v : NULL;
        parse_fonts(c, v, pl);
    }
    v = json_object_get(root, "styles");
    if (v) {
        c->styles->styles_json = json_is_object(v) ? v : NULL;
        parse_style_objects(c, v, pl);
    }
    v = json_object_get(root, "keep_together");
    if (v)
        parse_keep_list(c, v);
}

void parse_styles_finish(struct parse_ctx *c)
{
    struct parse_styles *st = c->styles;
    if (!st)
        return;
    for (size_t i = 0; i < st->count; i++) {
        free(st->names[i]);
        text_block_free(&st->looks[i]);
    }
    free(st->names);
    free(st->looks);
    for (size_t i = 0; i < st->keep_count; i++)
        free(st->keep[i]);
    free(st->keep);
    free(st);
    c->styles = NULL;
}

/* Where a line may break inside a phrase and a no-break space does not help: after a hyphen, a
 * dash, a slash or the maqaf. Only there: a joiner between two letters would cut Arabic
 * joining, and one beside other punctuation could change how the bidi pass orders it. */
static bool needs_joiner(const unsigned char *p, size_t len)
{
    if (len == 1)
        return p[0] == '-' || p[0] == '/';
    /* U+05BE maqaf, U+2010..U+2015 dashes, U+2212 minus */
    return (len == 2 && p[0] == 0xD6 && p[1] == 0xBE) ||
           (len == 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0x90 && p[2] <= 0x95) ||
           (len == 3 && p[0] == 0xE2 && p[1] == 0x88 && p[2] == 0x92);
}

static size_t utf8_len(unsigned char lead)
{
    return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

/* Appends the glued form of phrase[0..len) to out at *o (room checked by the caller). */
static void glue(const char *phrase, size_t len, char *out, size_t *o)
{
    for (size_t i = 0; i < len;) {
        size_t n = utf8_len((unsigned char)phrase[i]);
        if (i + n > len)
            n = len - i;
        if (phrase[i] == ' ') {
            memcpy(out + *o, "\xC2\xA0", 2); /* U+00A0 NO-BREAK SPACE */
            *o += 2;
        } else {
            memcpy(out + *o, phrase + i, n);
            *o += n;
            if (i + n < len && needs_joiner((const unsigned char *)phrase + i, n)) {
                memcpy(out + *o, "\xE2\x81\xA0", 3); /* U+2060 WORD JOINER */
                *o += 3;
            }
        }
        i += n;
    }
}

char *parse_keep_together(const struct parse_ctx *c, const char *text)
{
    const struct parse_styles *st = c->styles;
    if (!st || st->keep_count == 0)
        return xstrdup(text);
    /* Each byte of a phrase grows to at most 3 + 3 bytes (a character and a joiner). */
    size_t len = strlen(text);
    char *out = xmalloc(len * 6 + 1);
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        size_t k = 0;
        for (; k < st->keep_count; k++)
            if (strncmp(text + i, st->keep[k], strlen(st->keep[k])) == 0)
                break;
        if (k < st->keep_count) {
            size_t n = strlen(st->keep[k]);
            glue(text + i, n, out, &o);
            i += n;
        } else {
            out[o++] = text[i++];
        }
    }
    out[o] = '\0';
    return out;
}
