/* QR codes and buttons, on slides and on pages: their keys, the QR code's fit in its box (with
 * qr/qr_code.h, at the playlist's screen size), the button's action and its size on the glass
 * (with input/hit.h). Labels and captions are translations read by parse_text.c. */
#include "playlist/parse_internal.h"
#include "playlist/parse_style.h"
#include "base/xmalloc.h"
#include "input/hit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define QR_CAPTION_MIN_SIZE 8.0
#define QR_CAPTION_MAX_SIZE 200.0
#define BUTTON_DEFAULT_SIZE 40.0
#define BUTTON_MIN_SIZE 8.0
#define BUTTON_MAX_SIZE 300.0
#define BUTTON_PRESSED_SHADE 0.7 /* a pressed button's fill, when no "pressed": 70% as bright */

/* Indexed by enum qr_ecc. */
static const char *const ecc_names[] = {"L", "M", "Q", "H", NULL};
static const char *const weight_names[] = {"regular", "bold", NULL};

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

/* An optional id of a-z, 0-9, _ and -, unique among the `count` ids in others (NULL: none).
 * Returns a copy, or NULL when it is not valid. */
static char *parse_element_id(struct parse_ctx *c, const json_t *id, const char *const *others,
                              size_t count, const char *list_name, const char *noun,
                              const char *where)
{
    char *result = NULL;
    parse_push_key(c, "id");
    if (parse_expect(c, id, JSON_STRING, "a string such as \"to-housing\"")) {
        const char *text = json_string_value(id);
        if (!parse_id_valid(text)) {
            char *quoted = parse_quote(text);
            parse_error(c, "%s is not a valid id; expected 1 to %d characters of a-z, 0-9, _ and -",
                        quoted, PARSE_ID_MAX);
            free(quoted);
        } else {
            for (size_t i = 0; i < count; i++) {
                if (others[i] && strcmp(others[i], text) == 0) {
                    parse_error(c,
                                "the id \"%s\" is already used by %s[%zu]; expected each %s of a "
                                "%s to have its own id",
                                text, list_name, i, noun, where);
                    break;
                }
            }
            result = xstrdup(text);
        }
    }
    parse_pop(c);
    return result;
}

/* The label or caption as a text block in box: kind TEXT, centred. */
static void init_text(struct parse_ctx *c, const char *key, struct text_block *t)
{
    parse_push_key(c, key);
    t->path = parse_path_text(c);
    parse_position(c, false, &t->line, &t->column);
    parse_pop(c);
    t->kind = TEXT_BLOCK_TEXT;
    t->align = BLOCK_ALIGN_CENTER;
    t->valign = BLOCK_VALIGN_MIDDLE;
    t->clock = CLOCK_TIME;
}

/* ---- QR codes ---- */

/* The caption's share of the box height, in pixels at the screen size. */
static int caption_px(bool has_caption, float size)
{
    return has_caption ? (int)ceilf(size * QR_CAPTION_LINE_HEIGHT) : 0;
}

/* Whether the data fits the box at the screen size; places the caption's band. Reports at
 * "data" or "box". */
static void check_qr_fits(struct parse_ctx *c, const struct playlist *pl, struct qr_block *q)
{
    /* Whole pixels the box covers at the screen size, rounded down: a renderer may lose the
     * fraction, never gain it. */
    int box_w = (int)floor(q->box[2] * pl->width + 1e-6);
    int box_h = (int)floor(q->box[3] * pl->height + 1e-6);
    int side = box_w < box_h - q->caption_px ? box_w : box_h - q->caption_px;
    if (side <= 0) {
        parse_push_key(c, "box");
        parse_error(c,
                    "the box is %d px high and the caption takes %d px of it, which leaves no "
                    "room for the code; expected a taller box or a smaller caption_size",
                    box_h, q->caption_px);
        parse_pop(c);
        return;
    }
    char *err = NULL;
    if (!qr_check(q->data, q->data_len, q->ecc, side, &q->version, &err)) {
        parse_push_key(c, "data");
        if (q->data_len > qr_capacity(q->ecc))
            parse_error(c, "%s", err); /* too long for any box: the box is beside the point */
        else if (q->caption_px > 0)
            parse_error(c,
                        "%s (the code's square is %d px: the box is %d x %d px at the screen "
                        "size, less %d px of height for the caption)",
                        err, side, box_w, box_h, q->caption_px);
        else
            parse_error(c,
                        "%s (the code's square is %d px: the box is %d x %d px at the screen "
                        "size)",
                        err, side, box_w, box_h);
        parse_pop(c);
        free(err);
        return;
    }
    if (!q->has_caption)
        return;
    /* Where the caption goes at the screen size: directly under the code, the box's width. */
    struct qr_rect rect = {(int)floor(q->box[0] * pl->width + 1e-6),
                           (int)floor(q->box[1] * pl->height + 1e-6), box_w, box_h};
    struct qr_layout layout;
    if (qr_layout(17 + 4 * q->version, rect, q->caption_px, 1, &layout)) {
        q->caption.box[0] = (float)layout.caption.x / (float)pl->width;
        q->caption.box[1] = (float)layout.caption.y / (float)pl->height;
        q->caption.box[2] = (float)layout.caption.w / (float)pl->width;
        q->caption.box[3] = (float)layout.caption.h / (float)pl->height;
    }
}

static void parse_qr(struct parse_ctx *c, const json_t *v, const struct playlist *pl,
                     struct qr_block *q)
{
    q->path = parse_path_text(c);
    parse_position(c, false, &q->line, &q->column);
    q->ecc = QR_ECC_DEFAULT;
    q->dark = (struct color){0, 0, 0, 255};
    q->light = (struct color){255, 255, 255, 255};
    if (!parse_expect(c, v, JSON_OBJECT,
                      "a QR code such as {\"data\": \"https://www.akko.muni.il/\", \"box\": [0.7, "
                      "0.5, 0.2, 0.4]}"))
        return;
    static const char *const keys[] = {
        "data",          "box",           "ecc",  "caption", "caption_size",
        "caption_color", "caption_style", "dark", "light",   NULL};
    parse_known_keys(c, v, keys);
    size_t errors = c->errors; /* the fit is checked only on an otherwise sound element */

    const json_t *data = json_object_get(v, "data");
    if (!data) {
        parse_missing(c, "data",
                      "the link or text to encode, such as \"https://www.akko.muni.il/\"");
    } else {
        parse_push_key(c, "data");
        if (parse_expect(c, data, JSON_STRING, "a string such as \"https://www.akko.muni.il/\"")) {
            if (json_string_length(data) == 0) {
                parse_error(c, "QR data is empty; expected the link or text to encode");
            } else {
                q->data_len = json_string_length(data);
                q->data = xmalloc(q->data_len + 1);
                memcpy(q->data, json_string_value(data), q->data_len + 1);
            }
        }
        parse_pop(c);
    }

    const json_t *box = json_object_get(v, "box");
    if (box)
        parse_box(c, box, q->box);
    else
        parse_missing(c, "box",
                      "[x, y, width, height] as fractions of the screen, such as [0.7, 0.5, 0.2, "
                      "0.4]");

    int ecc = QR_ECC_DEFAULT;
    parse_enum_member(c, v, "ecc", "error correction", ecc_names, &ecc);
    q->ecc = (enum qr_ecc)ecc;

    double size = QR_CAPTION_DEFAULT_SIZE;
    bool size_given = parse_number_member(c, v, "caption_size", QR_CAPTION_MIN_SIZE,
                                          QR_CAPTION_MAX_SIZE, "pixels", &size) != FIELD_ABSENT;
    init_text(c, "caption", &q->caption);
    q->caption.color = (struct color){255, 255, 255, 255};
    /* A named style gives the caption its font, colour, weight, size and shadow; the caption
     * stays one centred line under the code, without a panel. */
    const json_t *caption_style = json_object_get(v, "caption_style");
    if (caption_style) {
        parse_push_key(c, "caption_style");
        const struct text_block *look = parse_style_lookup(c, caption_style);
        if (look) {
            parse_style_apply(&q->caption, look);
            q->caption.has_panel = false;
            q->caption.align = BLOCK_ALIGN_CENTER;
            if (!size_given)
                size = look->size;
        }
        parse_pop(c);
    }
    q->caption.size = q->caption.min_size = (float)size;
    q->caption.valign = BLOCK_VALIGN_TOP;
    bool color_given = false;
    const json_t *color = json_object_get(v, "caption_color");
    if (color) {
        color_given = true;
        parse_push_key(c, "caption_color");
        parse_color(c, color, &q->caption.color);
        parse_pop(c);
    }
    const json_t *caption = json_object_get(v, "caption");
    if (caption) {
        q->has_caption = true;
        parse_translations(c, "caption", caption, pl, &q->caption);
    } else if (size_given || color_given || caption_style) {
        /* a setting that would do nothing is reported, like an unknown key */
        const char *key = size_given    ? "caption_size"
                          : color_given ? "caption_color"
                                        : "caption_style";
        parse_push_key(c, key);
        parse_report(c, DIAG_ERROR, true,
                     "\"%s\" is only for a QR code with a caption; expected \"caption\" beside "
                     "it, or no \"%s\"",
                     key, key);
        parse_pop(c);
    }
    q->caption_px = caption_px(q->has_caption, q->caption.size);

    const char *names[2] = {"dark", "light"};
    struct color *outs[2] = {&q->dark, &q->light};
    for (int i = 0; i < 2; i++) {
        const json_t *cv = json_object_get(v, names[i]);
        if (!cv)
            continue;
        parse_push_key(c, names[i]);
        parse_color(c, cv, outs[i]);
        parse_pop(c);
    }

    if (c->errors == errors && q->data && pl->width > 0 && pl->height > 0)
        check_qr_fits(c, pl, q);
}

void parse_qrs(struct parse_ctx *c, const json_t *v, const struct playlist *pl, const char *where,
               struct qr_block **qrs, size_t *count)
{
    if (!parse_expect(c, v, JSON_ARRAY, "an array of QR codes"))
        return;
    size_t n = json_array_size(v);
    if (n > PLAYLIST_MAX_QRS) {
        parse_error(c, "%zu QR codes; expected at most %d on a %s", n, PLAYLIST_MAX_QRS, where);
        return;
    }
    *qrs = xcalloc(n ? n : 1, sizeof(**qrs));
    for (size_t i = 0; i < n; i++) {
        parse_push_index(c, i);
        /* Counted at once, so playlist_free releases what the element holds. */
        parse_qr(c, json_array_get(v, i), pl, &(*qrs)[(*count)++]);
        parse_pop(c);
    }
}

/* ---- buttons ---- */

static struct color shade(struct color c, double f)
{
    return (struct color){(uint8_t)lround(c.r * f), (uint8_t)lround(c.g * f),
                          (uint8_t)lround(c.b * f), c.a};
}

struct button_style button_style_default(void)
{
    struct button_style s = {
        .color = {255, 255, 255, 255},
        .background = {0x1d, 0x6f, 0xa5, 255},
        .size = (float)BUTTON_DEFAULT_SIZE,
        .min_size = (float)BUTTON_DEFAULT_SIZE,
        .bold = true,
    };
    s.pressed = shade(s.background, BUTTON_PRESSED_SHADE);
    return s;
}

void parse_button_style(struct parse_ctx *c, const json_t *v, struct button_style *style)
{
    if (!parse_expect(c, v, JSON_OBJECT,
                      "an object such as {\"background\": \"#1d6fa5\", \"color\": \"#ffffff\"}"))
        return;
    static const char *const keys[] = {"color", "background", "pressed", "border",
                                       "size",  "min_size",   "weight",  NULL};
    parse_known_keys(c, v, keys);
    const char *names[4] = {"color", "background", "pressed", "border"};
    struct color *outs[4] = {&style->color, &style->background, &style->pressed, &style->border};
    bool given[4] = {false};
    for (int i = 0; i < 4; i++) {
        const json_t *cv = json_object_get(v, names[i]);
        if (!cv)
            continue;
        parse_push_key(c, names[i]);
        given[i] = parse_color(c, cv, outs[i]);
        parse_pop(c);
    }
    if (given[1] && !given[2])
        style->pressed = shade(style->background, BUTTON_PRESSED_SHADE);
    if (given[3])
        style->has_border = true;

    double size = style->size, min_size;
    enum field size_field =
        parse_number_member(c, v, "size", BUTTON_MIN_SIZE, BUTTON_MAX_SIZE, "pixels", &size);
    if (size_field == FIELD_OK) {
        style->size = (float)size;
        if (style->min_size > style->size)
            style->min_size = style->size;
        if (!json_object_get(v, "min_size"))
            style->min_size = style->size; /* a new size without min_size: no shrinking */
    }
    if (parse_number_member(c, v, "min_size", BUTTON_MIN_SIZE, BUTTON_MAX_SIZE, "pixels",
                            &min_size) == FIELD_OK) {
        if (size_field != FIELD_BAD && min_size > size) {
            char got[32], limit[32];
            parse_number_text(size, limit, sizeof(limit));
            parse_push_key(c, "min_size");
            parse_error(c, "%s is more than the size, %s; expected a minimum size from %g to %s",
                        parse_number_text(min_size, got, sizeof(got)), limit, BUTTON_MIN_SIZE,
                        limit);
            parse_pop(c);
        } else {
            style->min_size = (float)min_size;
        }
    }
    int weight = style->bold ? 1 : 0;
    if (parse_enum_member(c, v, "weight", "weight", weight_names, &weight) == FIELD_OK)
        style->bold = weight == 1;
}

size_t parse_page_index(const struct parse_ctx *c, const char *id)
{
    for (size_t i = 0; i < c->page_id_count; i++)
        if (c->page_ids[i] && strcmp(c->page_ids[i], id) == 0)
            return i;
    return PLAYLIST_NO_PAGE;
}

void parse_report_unknown_page(struct parse_ctx *c, const char *id)
{
    char *quoted = parse_quote(id);
    char *list = xstrdup("");
    for (size_t i = 0; i < c->page_id_count; i++) {
        if (!c->page_ids[i])
            continue;
        char *longer = xasprintf("%s%s%s", list, list[0] ? ", " : "", c->page_ids[i]);
        free(list);
        list = longer;
    }
    if (list[0])
        parse_error(c, "unknown page %s; expected one of: %s", quoted, list);
    else
        parse_error(c,
                    "unknown page %s; expected the id of one of \"pages\", and the playlist "
                    "has none",
                    quoted);
    free(list);
    free(quoted);
}

static void parse_action(struct parse_ctx *c, const json_t *v, const struct playlist *pl,
                         bool on_page, struct button *b)
{
    parse_push_key(c, "action");
    const char *expected = on_page ? "\"page:ID\", \"language:TAG\", \"back\", \"home\", "
                                     "\"next\" or \"prev\""
                                   : "\"page:ID\", \"language:TAG\", \"next\" or \"prev\"";
    if (!parse_expect(c, v, JSON_STRING, "a string such as \"page:housing\"")) {
        parse_pop(c);
        return;
    }
    const char *a = json_string_value(v);
    if (strncmp(a, "page:", 5) == 0) {
        b->action = BUTTON_ACTION_PAGE;
        b->target = parse_page_index(c, a + 5);
        if (b->target == PLAYLIST_NO_PAGE)
            parse_report_unknown_page(c, a + 5);
    } else if (strncmp(a, "language:", 9) == 0) {
        b->action = BUTTON_ACTION_LANGUAGE;
        const char *tag = a + 9;
        size_t i = 0;
        while (i < pl->language_count && strcmp(pl->languages[i], tag) != 0)
            i++;
        b->target = i;
        if (i == pl->language_count && c->languages_ok) {
            char *quoted = parse_quote(tag), *list = languages_list(pl);
            parse_error(c, "%s is not one of the playlist's languages; expected one of: %s", quoted,
                        list);
            free(list);
            free(quoted);
        }
    } else if (strcmp(a, "next") == 0) {
        b->action = BUTTON_ACTION_NEXT;
    } else if (strcmp(a, "prev") == 0) {
        b->action = BUTTON_ACTION_PREV;
    } else if (strcmp(a, "back") == 0 || strcmp(a, "home") == 0) {
        b->action = a[0] == 'b' ? BUTTON_ACTION_BACK : BUTTON_ACTION_HOME;
        if (!on_page)
            parse_error(c,
                        "\"%s\" is only for a button on a page (a slide is in the slide loop "
                        "already); expected one of: %s",
                        a, expected);
    } else {
        char *quoted = parse_quote(a);
        parse_error(c, "unknown action %s; expected one of: %s", quoted, expected);
        free(quoted);
    }
    parse_pop(c);
}

/* A touch target smaller than HIT_MIN_MM either way: a warning at its box. */
static void check_button_size(struct parse_ctx *c, const struct playlist *pl,
                              const struct button *b)
{
    struct hit_region r = {0, 0, 0, b->box[2] * (float)pl->width, b->box[3] * (float)pl->height};
    if (!hit_region_too_small(&r, c->px_per_mm))
        return;
    double min_px = ceil(hit_min_size_px(c->px_per_mm) - 0.01);
    char *on = pl->diagonal_inches > 0
                   ? xasprintf("on a %g-inch screen", pl->diagonal_inches)
                   : xstrdup("at 96 pixels per inch (assumed: \"screen\" has no "
                             "\"diagonal_inches\")");
    parse_push_key(c, "box");
    parse_warning(c,
                  "the button is %.0f x %.0f px, %.1f x %.1f mm %s; expected at least %g x %g mm "
                  "(%.0f x %.0f px) for a finger",
                  r.w, r.h, r.w / c->px_per_mm, r.h / c->px_per_mm, on, HIT_MIN_MM, HIT_MIN_MM,
                  min_px, min_px);
    parse_pop(c);
    free(on);
}

static void parse_button(struct parse_ctx *c, const json_t *v, const struct playlist *pl,
                         const char *where, bool on_page, const struct button *earlier,
                         struct button *b)
{
    b->path = parse_path_text(c);
    parse_position(c, false, &b->line, &b->column);
    b->style = c->button_style;
    if (!parse_expect(c, v, JSON_OBJECT,
                      "a button such as {\"label\": {\"he\": \"דיור\"}, \"box\": [0.7, 0.8, 0.2, "
                      "0.1], \"action\": \"page:housing\"}"))
        return;
    static const char *const keys[] = {"id", "label", "box", "action", "style", NULL};
    parse_known_keys(c, v, keys);
    size_t errors = c->errors;

    const json_t *id = json_object_get(v, "id");
    if (id) {
        size_t n = (size_t)(b - earlier);
        const char **others = xcalloc(n ? n : 1, sizeof(*others));
        for (size_t i = 0; i < n; i++)
            others[i] = earlier[i].id;
        b->id = parse_element_id(c, id, others, n, "buttons", "button", where);
        free(others);
    }

    /* "style": a button style object, or the name of one of the playlist's styles: its colour
     * for the label, its panel colour for the fill, its font, sizes, weight and corner radius. */
    const json_t *style = json_object_get(v, "style");
    const struct text_block *look = NULL;
    if (style) {
        parse_push_key(c, "style");
        if (json_is_string(style)) {
            look = parse_style_lookup(c, style);
            if (look) {
                b->style.color = look->color;
                if (look->has_panel) {
                    b->style.background = look->panel;
                    b->style.pressed = shade(look->panel, BUTTON_PRESSED_SHADE);
                }
                b->style.size = look->size;
                b->style.min_size = look->min_size;
                b->style.bold = look->bold;
            }
        } else {
            parse_button_style(c, style, &b->style);
        }
        parse_pop(c);
    }

    init_text(c, "label", &b->label);
    const json_t *label = json_object_get(v, "label");
    if (label)
        parse_translations(c, "label", label, pl, &b->label);
    else
        parse_missing(c, "label",
                      "the label in each language, such as {\"he\": \"דיור\", \"en\": "
                      "\"Housing\"}");

    const json_t *box = json_object_get(v, "box");
    bool box_ok = false;
    if (box) {
        size_t before = c->errors;
        parse_box(c, box, b->box);
        box_ok = c->errors == before;
    } else {
        parse_missing(c, "box",
                      "[x, y, width, height] as fractions of the screen, such as [0.7, 0.8, 0.2, "
                      "0.1]");
    }

    const json_t *action = json_object_get(v, "action");
    if (action)
        parse_action(c, action, pl, on_page, b);
    else
        parse_missing(c, "action",
                      on_page ? "one of: \"page:ID\", \"language:TAG\", \"back\", "
                                "\"home\", \"next\", \"prev\""
                              : "one of: \"page:ID\", \"language:TAG\", \"next\", "
                                "\"prev\"");

    /* The label: a text block filling the button, the fill as its panel. */
    struct text_block *t = &b->label;
    memcpy(t->box, b->box, sizeof(t->box));
    t->size = b->style.size;
    t->min_size = b->style.min_size;
    t->bold = b->style.bold;
    t->color = b->style.color;
    t->has_panel = true;
    t->panel = b->style.background;
    t->padding = BUTTON_LABEL_PADDING;
    if (look) {
        t->font = look->font;
        t->radius = look->radius;
        t->has_shadow = look->has_shadow;
        t->shadow = look->shadow;
        t->line_height = look->line_height;
    }

    if (box_ok && c->errors == errors && pl->width > 0 && pl->height > 0)
        check_button_size(c, pl, b);
}

void parse_buttons(struct parse_ctx *c, const json_t *v, const struct playlist *pl,
                   const char *where, bool on_page, struct button **buttons, size_t *count)
{
    if (!parse_expect(c, v, JSON_ARRAY, "an array of buttons"))
        return;
    size_t n = json_array_size(v);
    if (n > PLAYLIST_MAX_BUTTONS) {
        parse_error(c, "%zu buttons; expected at most %d on a %s", n, PLAYLIST_MAX_BUTTONS, where);
        return;
    }
    *buttons = xcalloc(n ? n : 1, sizeof(**buttons));
    for (size_t i = 0; i < n; i++) {
        parse_push_index(c, i);
        struct button *b = &(*buttons)[(*count)++];
        parse_button(c, json_array_get(v, i), pl, where, on_page, *buttons, b);
        parse_pop(c);
    }
}
