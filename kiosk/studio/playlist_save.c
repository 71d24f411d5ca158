/* playlist.json as the studio writes it: the same layout a person writes by hand (and `kiosk new`
 * writes), so that a file edited in the studio stays readable and its diffs stay small.
 *
 * Key order: within each kind of object, the order docs/playlist.md and the shipped playlists
 * present its keys; keys the table does not know come after, sorted. Objects whose keys are
 * names the user chose (colors, styles, fonts, the languages of a text) keep their own order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "studio/studio_internal.h"

/* The order of keys per kind of object, named by the key that holds it (the array's key for
 * the objects in an array; "" for the top level). The styles' own objects are "styles". */
static const struct key_order {
    const char *context;
    const char *keys[32];
} key_orders[] = {
    {"",
     {"format", "name", "screen", "languages", "cycle_languages", "colors", "fonts", "styles",
      "defaults", "place", "interactive", "default_slide", "slides", "pages", "emergency"}},
    {"screen", {"width", "height", "diagonal_inches"}},
    {"defaults", {"duration", "transition", "background"}},
    {"transition", {"type", "duration"}},
    {"background", {"color", "gradient", "from", "to", "angle"}},
    {"place", {"city", "latitude", "longitude", "tz", "elevation"}},
    {"interactive", {"touch_opens_home", "home", "idle_seconds", "mirror_rtl", "button_style"}},
    {"slides",
     {"id", "duration", "transition", "background", "image", "video", "images", "schedule", "texts",
      "qrs", "buttons"}},
    {"pages",
     {"id", "duration", "background", "image", "video", "images", "schedule", "texts", "qrs",
      "buttons", "speech", "mirror"}},
    {"emergency", {"duration", "slides"}},
    {"video", {"src", "fit", "focus", "background", "loop", "sound", "volume"}},
    {"image", {"src", "fit", "focus", "pan_zoom"}},
    {"images", {"src", "box", "fit", "align", "focus", "keep_together"}},
    {"pan_zoom", {"zoom", "from", "to"}},
    {"texts", {"id",       "type",        "format",  "style",  "text",   "box",   "size",
               "min_size", "line_height", "align",   "valign", "weight", "color", "dir",
               "font",     "panel",       "padding", "radius", "shadow", "speed"}},
    {"styles",
     {"font", "size", "min_size", "weight", "color", "line_height", "align", "valign", "dir",
      "panel", "padding", "radius", "shadow", "speed"}},
    {"panel", {"color", "fit", "padding", "radius"}},
    {"buttons", {"id", "box", "action", "label", "style"}},
    {"button_style", {"background", "color", "pressed", "border", "size", "min_size", "weight"}},
    {"style", {"background", "color", "border", "pressed", "size", "min_size", "weight"}},
    {"qrs",
     {"data", "box", "ecc", "dark", "light", "caption_style", "caption", "caption_size",
      "caption_color"}},
    {"caption", {"size", "min_size", "weight", "color", "align", "valign", "panel"}},
    {"schedule", {"days", "times", "dates", "periods", "hebrew_dates", "rest_days"}},
};

/* Objects whose keys are the user's own names: their order is the user's. */
static bool keeps_order(const char *context)
{
    return !strcmp(context, "colors") || !strcmp(context, "styles") || !strcmp(context, "fonts");
}

static const struct key_order *order_for(const char *context)
{
    for (size_t i = 0; i < sizeof(key_orders) / sizeof(key_orders[0]); i++)
        if (!strcmp(key_orders[i].context, context))
            return &key_orders[i];
    return NULL;
}

static int key_rank(const struct key_order *o, const char *key)
{
    for (int i = 0; o && i < 32 && o->keys[i]; i++)
        if (!strcmp(o->keys[i], key))
            return i;
    return -1;
}

struct keyed {
    const char *key;
    int rank; /* -1: unknown, after the known ones, sorted */
    size_t seen;
};

static int keyed_cmp(const void *a, const void *b)
{
    const struct keyed *x = a, *y = b;
    if (x->rank >= 0 && y->rank >= 0)
        return x->rank - y->rank;
    if (x->rank >= 0 || y->rank >= 0)
        return x->rank >= 0 ? -1 : 1;
    return strcmp(x->key, y->key);
}

/* The keys of obj in the order they are written. An object whose keys are none of its
 * context's (the languages of a text, a caption's translations) keeps its order. Caller frees. */
static struct keyed *ordered_keys(const json_t *obj, const char *context, bool named, size_t *n)
{
    *n = json_object_size(obj);
    struct keyed *k = xcalloc(*n ? *n : 1, sizeof(*k));
    const struct key_order *o = named ? NULL : order_for(context);
    size_t i = 0, known = 0;
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)obj, key, value)
    {
        k[i] = (struct keyed){.key = key, .rank = key_rank(o, key), .seen = i};
        known += k[i].rank >= 0;
        i++;
    }
    if (!named && known)
        qsort(k, *n, sizeof(*k), keyed_cmp);
    return k;
}

struct out {
    char *buf;
    size_t len, cap;
};

static void out_add(struct out *o, const char *s, size_t n)
{
    if (o->len + n + 1 > o->cap)
        o->buf = xgrow(o->buf, &o->cap, o->len + n + 1, 1);
    memcpy(o->buf + o->len, s, n);
    o->len += n;
    o->buf[o->len] = '\0';
}

static void out_str(struct out *o, const char *s)
{
    out_add(o, s, strlen(s));
}

static void out_indent(struct out *o, int n)
{
    for (int i = 0; i < n; i++)
        out_add(o, " ", 1);
}

static char *scalar_text(const json_t *v)
{
    return json_dumps(v, JSON_ENCODE_ANY | JSON_REAL_PRECISION(6));
}

static bool is_scalar(const json_t *v)
{
    return !json_is_object(v) && !json_is_array(v);
}

static const char *child_context(const char *context, const char *key, bool named)
{
    /* A style's own object is a "styles" object whatever the style's name. */
    if (named && !strcmp(context, "styles"))
        return "styles";
    return key;
}

/* Columns taken by o's text since start: UTF-8 continuation bytes take none, so a Hebrew line
 * is measured as it looks, as a person wrapping by hand measures it. */
static size_t cols(const struct out *o, size_t start)
{
    size_t n = 0;
    for (size_t i = start; i < o->len; i++)
        n += ((unsigned char)o->buf[i] & 0xc0) != 0x80;
    return n;
}

static int str_cols(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

/* v on one line when it fits in max columns, else false (o unchanged). */
static bool one_line(struct out *o, const json_t *v, const char *context, size_t max)
{
    size_t start = o->len;
    if (is_scalar(v)) {
        char *s = scalar_text(v);
        out_str(o, s);
        free(s);
    } else if (json_is_array(v)) {
        out_str(o, "[");
        size_t i;
        json_t *item;
        json_array_foreach(v, i, item)
        {
            if (i)
                out_str(o, ", ");
            if (cols(o, start) > max || !one_line(o, item, context, max - (cols(o, start))))
                goto too_long;
        }
        out_str(o, "]");
    } else {
        bool named = keeps_order(context);
        size_t n;
        struct keyed *k = ordered_keys(v, context, named, &n);
        out_str(o, "{");
        for (size_t i = 0; i < n; i++) {
            if (i)
                out_str(o, ", ");
            json_t *ks = json_string(k[i].key);
            char *s = scalar_text(ks);
            json_decref(ks);
            out_str(o, s);
            out_str(o, ": ");
            free(s);
            if (cols(o, start) > max ||
                !one_line(o, json_object_get(v, k[i].key), child_context(context, k[i].key, named),
                          max - (cols(o, start)))) {
                free(k);
                goto too_long;
            }
        }
        free(k);
        out_str(o, "}");
    }
    if (cols(o, start) <= max || is_scalar(v))
        return true;
too_long:
    o->len = start;
    o->buf[start] = '\0';
    return false;
}

/* Indented JSON; a container goes on one line when it fits in 100 columns. */
static void write_value(struct out *o, const json_t *v, const char *context, int indent, int used)
{
    if (one_line(o, v, context, used < 100 ? (size_t)(100 - used) : 0))
        return;
    if (json_is_array(v)) {
        out_str(o, "[\n");
        size_t i, n = json_array_size(v);
        json_t *item;
        json_array_foreach(v, i, item)
        {
            out_indent(o, indent + 2);
            write_value(o, item, context, indent + 2, indent + 2);
            out_str(o, i + 1 < n ? ",\n" : "\n");
        }
        out_indent(o, indent);
        out_str(o, "]");
        return;
    }
    bool named = keeps_order(context);
    size_t n;
    struct keyed *k = ordered_keys(v, context, named, &n);
    out_str(o, "{\n");
    for (size_t i = 0; i < n; i++) {
        json_t *ks = json_string(k[i].key);
        char *s = scalar_text(ks);
        json_decref(ks);
        out_indent(o, indent + 2);
        out_str(o, s);
        out_str(o, ": ");
        write_value(o, json_object_get(v, k[i].key), child_context(context, k[i].key, named),
                    indent + 2, indent + 4 + str_cols(s));
        out_str(o, i + 1 < n ? ",\n" : "\n");
        free(s);
    }
    free(k);
    out_indent(o, indent);
    out_str(o, "}");
}

char *playlist_save_text(const json_t *v, size_t *len)
{
    struct out o = {0};
    write_value(&o, v, "", 0, 0);
    out_str(&o, "\n");
    *len = o.len;
    return o.buf;
}
