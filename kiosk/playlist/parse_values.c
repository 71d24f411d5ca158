/* The parser's small pieces: the path stack, reporting, types, numbers, names, colours,
 * backgrounds and transitions. */
#include "playlist/parse_internal.h"
#include "playlist/parse_hints.h"
#include "playlist/parse_style.h"
#include "base/xmalloc.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void parse_push_key(struct parse_ctx *c, const char *key)
{
    /* The nesting check before parsing keeps documents shallower than the stack. */
    assert(c->depth < PARSE_MAX_DEPTH);
    c->path[c->depth++] = (struct json_path_seg){.key = key};
}

void parse_push_index(struct parse_ctx *c, size_t index)
{
    assert(c->depth < PARSE_MAX_DEPTH);
    c->path[c->depth++] = (struct json_path_seg){.index = index};
}

void parse_pop(struct parse_ctx *c)
{
    assert(c->depth > 0);
    c->depth--;
}

char *parse_path_text(const struct parse_ctx *c)
{
    char *path = xstrdup("");
    for (size_t i = 0; i < c->depth; i++) {
        char *longer = json_path_append(path, &c->path[i]);
        free(path);
        path = longer;
    }
    return path;
}

bool parse_position(const struct parse_ctx *c, bool at_key, int *line, int *column)
{
    size_t offset;
    if (!json_locate(c->text, c->len, c->path, c->depth, at_key, &offset))
        return false;
    json_line_column(c->text, c->len, offset, line, column);
    return true;
}

void parse_report(struct parse_ctx *c, enum diag_severity severity, bool at_key, const char *fmt,
                  ...)
{
    if (severity == DIAG_ERROR)
        c->errors++;
    if (c->reported > PLAYLIST_MAX_DIAGS)
        return;
    if (c->reported++ == PLAYLIST_MAX_DIAGS) {
        diag_add(c->diags, DIAG_ERROR, c->file, 0, 0, "",
                 "more than %d problems; fix these and check again", PLAYLIST_MAX_DIAGS);
        return;
    }
    char *path = parse_path_text(c);
    int line = 0, column = 0;
    parse_position(c, at_key, &line, &column);

    va_list ap;
    va_start(ap, fmt);
    char *message = xvasprintf(fmt, ap);
    va_end(ap);
    diag_add(c->diags, severity, c->file, line, column, path, "%s", message);
    free(message);
    free(path);
}

char *parse_quote(const char *s)
{
    enum { MAX_SHOWN = 64 };
    size_t n = strlen(s), cap = 4 * MAX_SHOWN + 8, o = 0;
    char *q = xmalloc(cap);
    q[o++] = '"';
    size_t i = 0;
    for (; i < n && i < MAX_SHOWN; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"' || ch == '\\')
            o += (size_t)snprintf(q + o, cap - o, "\\%c", ch);
        else if (ch < 0x20 || ch == 0x7F)
            o += (size_t)snprintf(q + o, cap - o, "\\x%02x", ch);
        else
            q[o++] = (char)ch;
    }
    /* Do not cut a UTF-8 sequence in half. */
    while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80 && o < cap - 6) {
        q[o++] = s[i++];
    }
    if (i < n)
        o += (size_t)snprintf(q + o, cap - o, "...");
    q[o++] = '"';
    q[o] = '\0';
    return q;
}

const char *parse_number_text(double v, char *buf, size_t size)
{
    if (v == floor(v) && fabs(v) < 1e15)
        snprintf(buf, size, "%.0f", v);
    else
        snprintf(buf, size, "%g", v);
    return buf;
}

const char *parse_type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        return "an object";
    case JSON_ARRAY:
        return "an array";
    case JSON_STRING:
        return "a string";
    case JSON_INTEGER:
    case JSON_REAL:
        return "a number";
    case JSON_TRUE:
    case JSON_FALSE:
        return "a boolean";
    case JSON_NULL:
        return "null";
    }
    return "a value";
}

bool parse_expect(struct parse_ctx *c, const json_t *v, json_type type, const char *what)
{
    bool ok = json_typeof(v) == type || (type == JSON_REAL && json_typeof(v) == JSON_INTEGER);
    if (!ok)
        parse_error(c, "expected %s, found %s", what, parse_type_name(v));
    return ok;
}

static bool name_in(const char *name, const char *const *names)
{
    for (size_t i = 0; names[i]; i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

char *parse_names_list(const char *const *names)
{
    char *list = xstrdup("");
    for (size_t i = 0; names[i]; i++) {
        char *longer = xasprintf("%s%s%s", list, i ? ", " : "", names[i]);
        free(list);
        list = longer;
    }
    return list;
}

bool parse_known_keys(struct parse_ctx *c, const json_t *obj, const char *const *allowed)
{
    bool ok = true;
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)obj, key, value)
    {
        if (name_in(key, allowed))
            continue;
        char *quoted = parse_quote(key), *list = parse_names_list(allowed);
        const char *meant = parse_nearest_name(key, allowed);
        parse_push_key(c, key);
        if (meant)
            parse_report(c, DIAG_ERROR, true,
                         "unknown key %s (did you mean \"%s\"?); "
                         "expected one of: %s",
                         quoted, meant, list);
        else
            parse_report(c, DIAG_ERROR, true, "unknown key %s; expected one of: %s", quoted, list);
        parse_pop(c);
        free(quoted);
        free(list);
        ok = false;
    }
    return ok;
}

void parse_missing(struct parse_ctx *c, const char *key, const char *expected)
{
    parse_error(c, "missing required key \"%s\"; expected %s", key, expected);
}

static bool number_in_range(struct parse_ctx *c, const json_t *v, double min, double max,
                            const char *what, double *out)
{
    if (!parse_expect(c, v, JSON_REAL, "a number"))
        return false;
    double d = json_number_value(v);
    if (!(d >= min && d <= max)) {
        char a[32], b[32], x[32];
        parse_error(c, "%s is out of range; expected %s from %s to %s",
                    parse_number_text(d, x, sizeof(x)), what, parse_number_text(min, a, sizeof(a)),
                    parse_number_text(max, b, sizeof(b)));
        return false;
    }
    *out = d;
    return true;
}

enum field parse_number_member(struct parse_ctx *c, const json_t *obj, const char *key, double min,
                               double max, const char *what, double *out)
{
    const json_t *v = json_object_get(obj, key);
    if (!v)
        return FIELD_ABSENT;
    parse_push_key(c, key);
    bool ok = number_in_range(c, v, min, max, what, out);
    parse_pop(c);
    return ok ? FIELD_OK : FIELD_BAD;
}

bool parse_pair(struct parse_ctx *c, const json_t *v, double min, double max, const char *what,
                float out[2])
{
    return parse_numbers(c, v, 2, min, max, what, out);
}

bool parse_numbers(struct parse_ctx *c, const json_t *v, size_t n, double min, double max,
                   const char *what, float *out)
{
    char expected[40];
    snprintf(expected, sizeof(expected), "an array of %zu numbers", n);
    if (!parse_expect(c, v, JSON_ARRAY, expected))
        return false;
    if (json_array_size(v) != n) {
        parse_error(c, "expected %s, found %zu element%s", expected, json_array_size(v),
                    json_array_size(v) == 1 ? "" : "s");
        return false;
    }
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        double d;
        parse_push_index(c, i);
        if (number_in_range(c, json_array_get(v, i), min, max, what, &d))
            out[i] = (float)d;
        else
            ok = false;
        parse_pop(c);
    }
    return ok;
}

enum field parse_enum_member(struct parse_ctx *c, const json_t *obj, const char *key,
                             const char *kind, const char *const *names, int *out)
{
    const json_t *v = json_object_get(obj, key);
    if (!v)
        return FIELD_ABSENT;
    parse_push_key(c, key);
    enum field result = FIELD_BAD;
    if (parse_expect(c, v, JSON_STRING, "a string")) {
        const char *s = json_string_value(v);
        for (int i = 0; names[i]; i++) {
            if (strcmp(s, names[i]) == 0) {
                *out = i;
                result = FIELD_OK;
            }
        }
        if (result != FIELD_OK) {
            char *quoted = parse_quote(s), *list = parse_names_list(names);
            const char *meant = parse_nearest_name(s, names);
            if (meant)
                parse_error(c, "unknown %s %s (did you mean \"%s\"?); expected one of: %s", kind,
                            quoted, meant, list);
            else
                parse_error(c, "unknown %s %s; expected one of: %s", kind, quoted, list);
            free(quoted);
            free(list);
        }
    }
    parse_pop(c);
    return result;
}

static int hex_digit(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

bool parse_color_text(const char *s, struct color *out)
{
    size_t n = strlen(s);
    if (s[0] != '#' || (n != 7 && n != 9))
        return false;
    uint8_t v[4] = {0, 0, 0, 255};
    for (size_t i = 0; i < (n - 1) / 2; i++) {
        int hi = hex_digit(s[1 + 2 * i]), lo = hex_digit(s[2 + 2 * i]);
        if (hi < 0 || lo < 0)
            return false;
        v[i] = (uint8_t)(hi * 16 + lo);
    }
    *out = (struct color){v[0], v[1], v[2], v[3]};
    return true;
}

bool parse_color(struct parse_ctx *c, const json_t *v, struct color *out)
{
    if (!parse_expect(c, v, JSON_STRING, "a colour string such as \"#0b2540\""))
        return false;
    if (parse_color_text(json_string_value(v), out) ||
        parse_named_color(c, json_string_value(v), out))
        return true;
    char *quoted = parse_quote(json_string_value(v));
    char *names = json_string_value(v)[0] == '#' ? NULL : parse_color_names(c);
    if (names)
        parse_error(c,
                    "%s is not a colour; expected \"#rrggbb\" or \"#rrggbbaa\" in hexadecimal, "
                    "or one of the playlist's colors: %s",
                    quoted, names);
    else
        parse_error(c, "%s is not a colour; expected \"#rrggbb\" or \"#rrggbbaa\" in hexadecimal",
                    quoted);
    free(names);
    free(quoted);
    return false;
}

bool parse_background(struct parse_ctx *c, const json_t *v, struct background *out)
{
    if (json_is_string(v)) {
        out->kind = BACKGROUND_SOLID;
        out->angle_deg = 180;
        return parse_color(c, v, &out->from);
    }
    if (!json_is_object(v)) {
        parse_error(c,
                    "expected a colour string such as \"#0b2540\" or a gradient object "
                    "{\"gradient\": [\"#0b2540\", \"#1d6fa5\"]}, found %s",
                    parse_type_name(v));
        return false;
    }
    static const char *const keys[] = {"gradient", "angle", NULL};
    bool ok = parse_known_keys(c, v, keys);
    out->kind = BACKGROUND_GRADIENT;
    out->angle_deg = 180;
    const json_t *gradient = json_object_get(v, "gradient");
    if (!gradient) {
        parse_missing(c, "gradient", "an array of 2 colours such as [\"#0b2540\", \"#1d6fa5\"]");
        ok = false;
    } else {
        parse_push_key(c, "gradient");
        if (!parse_expect(c, gradient, JSON_ARRAY, "an array of 2 colours")) {
            ok = false;
        } else if (json_array_size(gradient) != 2) {
            parse_error(c, "expected an array of 2 colours, found %zu element%s",
                        json_array_size(gradient), json_array_size(gradient) == 1 ? "" : "s");
            ok = false;
        } else {
            struct color *ends[2] = {&out->from, &out->to};
            for (size_t i = 0; i < 2; i++) {
                parse_push_index(c, i);
                ok &= parse_color(c, json_array_get(gradient, i), ends[i]);
                parse_pop(c);
            }
        }
        parse_pop(c);
    }
    double angle;
    switch (parse_number_member(c, v, "angle", 0, 360, "degrees", &angle)) {
    case FIELD_OK:
        out->angle_deg = (float)angle;
        break;
    case FIELD_BAD:
        ok = false;
        break;
    case FIELD_ABSENT:
        break;
    }
    return ok;
}

bool parse_transition(struct parse_ctx *c, const json_t *v, struct transition *out,
                      bool *explicit_duration)
{
    *explicit_duration = false;
    if (!parse_expect(c, v, JSON_OBJECT, "an object such as {\"type\": \"crossfade\"}"))
        return false;
    static const char *const keys[] = {"type", "duration", NULL};
    static const char *const kinds[] = {"cut", "crossfade", "push", NULL};
    bool ok = parse_known_keys(c, v, keys);
    int kind = TRANSITION_CROSSFADE;
    switch (parse_enum_member(c, v, "type", "transition", kinds, &kind)) {
    case FIELD_ABSENT:
        parse_missing(c, "type", "one of: cut, crossfade, push");
        return false;
    case FIELD_BAD:
        return false;
    case FIELD_OK:
        break;
    }
    out->kind = (enum transition_kind)kind;
    out->duration = out->kind == TRANSITION_CUT ? 0.0 : 1.0;
    double d;
    switch (parse_number_member(c, v, "duration", 0, PLAYLIST_MAX_TRANSITION, "seconds", &d)) {
    case FIELD_OK:
        *explicit_duration = true;
        if (out->kind == TRANSITION_CUT && d != 0) {
            parse_push_key(c, "duration");
            parse_error(c, "a cut has no duration; expected 0 or no \"duration\"");
            parse_pop(c);
            ok = false;
        } else {
            out->duration = d;
        }
        break;
    case FIELD_BAD:
        ok = false;
        break;
    case FIELD_ABSENT:
        break;
    }
    return ok;
}
