#include "playlist/locate.h"
#include "base/xmalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The scanner works on [p, end): every helper returns the position after what it skipped, or
 * NULL when the text is malformed there. */

static const char *skip_ws(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    return p;
}

/* p at the opening quote. */
static const char *skip_string(const char *p, const char *end)
{
    for (p++; p < end; p++) {
        if (*p == '\\')
            p++;
        else if (*p == '"')
            return p + 1;
    }
    return NULL;
}

static bool is_delimiter(char ch)
{
    return ch == ',' || ch == ':' || ch == '[' || ch == ']' || ch == '{' || ch == '}' ||
           ch == '"' || ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/* Skips one value (iteratively: nesting depth costs no stack). */
static const char *skip_value(const char *p, const char *end)
{
    if (p >= end)
        return NULL;
    if (*p == '"')
        return skip_string(p, end);
    if (*p != '{' && *p != '[') {
        const char *start = p;
        while (p < end && !is_delimiter(*p))
            p++;
        return p > start ? p : NULL;
    }
    size_t depth = 0;
    while (p < end) {
        if (*p == '"') {
            p = skip_string(p, end);
            if (!p)
                return NULL;
            continue;
        }
        if (*p == '{' || *p == '[')
            depth++;
        else if (*p == '}' || *p == ']') {
            if (--depth == 0)
                return p + 1;
        }
        p++;
    }
    return NULL;
}

static int hex_value(const char *p, const char *end)
{
    if (end - p < 4)
        return -1;
    int v = 0;
    for (int i = 0; i < 4; i++) {
        char ch = p[i];
        v <<= 4;
        if (ch >= '0' && ch <= '9')
            v |= ch - '0';
        else if (ch >= 'a' && ch <= 'f')
            v |= ch - 'a' + 10;
        else if (ch >= 'A' && ch <= 'F')
            v |= ch - 'A' + 10;
        else
            return -1;
    }
    return v;
}

static size_t utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Compares the JSON string at p (opening quote) with key, decoding escapes on the way. Sets
 * *after to the position after the closing quote (NULL if malformed). */
static bool string_equals(const char *p, const char *end, const char *key, const char **after)
{
    *after = skip_string(p, end);
    if (!*after)
        return false;
    const char *stop = *after - 1; /* the closing quote */
    size_t k = 0, klen = strlen(key);
    for (p++; p < stop;) {
        char buf[4];
        size_t n;
        if (*p != '\\') {
            buf[0] = *p++;
            n = 1;
        } else {
            char esc = p[1];
            p += 2;
            const char *simple = strchr("\"\\/bfnrt", esc);
            if (esc && simple) {
                buf[0] = "\"\\/\b\f\n\r\t"[simple - "\"\\/bfnrt"];
                n = 1;
            } else if (esc == 'u') {
                int cp = hex_value(p, stop);
                if (cp < 0)
                    return false;
                p += 4;
                if (cp >= 0xD800 && cp < 0xDC00 && stop - p >= 6 && p[0] == '\\' && p[1] == 'u') {
                    int lo = hex_value(p + 2, stop);
                    if (lo >= 0xDC00 && lo < 0xE000) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        p += 6;
                    }
                }
                n = utf8_encode((uint32_t)cp, buf);
            } else {
                return false;
            }
        }
        if (k + n > klen || memcmp(key + k, buf, n) != 0)
            return false;
        k += n;
    }
    return k == klen;
}

bool json_locate(const char *text, size_t len, const struct json_path_seg *path, size_t depth,
                 bool at_key, size_t *offset)
{
    const char *end = text + len;
    const char *p = skip_ws(text, end);
    const char *key_at = NULL;
    for (size_t d = 0; d < depth; d++) {
        const struct json_path_seg *seg = &path[d];
        if (p >= end || *p != (seg->key ? '{' : '['))
            return false;
        p = skip_ws(p + 1, end);
        for (size_t i = 0;; i++) {
            if (p >= end || *p == '}' || *p == ']')
                return false;
            bool found;
            if (seg->key) {
                const char *after;
                if (*p != '"')
                    return false;
                const char *key_start = p;
                found = string_equals(p, end, seg->key, &after);
                if (!after)
                    return false;
                p = skip_ws(after, end);
                if (p >= end || *p != ':')
                    return false;
                p = skip_ws(p + 1, end);
                key_at = key_start;
            } else {
                found = i == seg->index;
                key_at = NULL;
            }
            if (found)
                break;
            p = skip_value(p, end);
            if (!p)
                return false;
            p = skip_ws(p, end);
            if (p >= end || *p != ',')
                return false;
            p = skip_ws(p + 1, end);
        }
    }
    if (p >= end)
        return false;
    *offset = (size_t)((at_key && key_at ? key_at : p) - text);
    return true;
}

void json_line_column(const char *text, size_t len, size_t offset, int *line, int *column)
{
    if (offset > len)
        offset = len;
    int l = 1, c = 1;
    for (size_t i = 0; i < offset; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch == '\n') {
            l++;
            c = 1;
        } else if ((ch & 0xC0) != 0x80) { /* not a continuation byte: a new code point */
            c++;
        }
    }
    *line = l;
    *column = c;
}

static bool is_plain_key(const char *key)
{
    if (!*key)
        return false;
    for (const char *p = key; *p; p++) {
        char ch = *p;
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '_' || ch == '-'))
            return false;
    }
    return true;
}

char *json_path_append(const char *path, const struct json_path_seg *seg)
{
    if (!seg->key)
        return xasprintf("%s[%zu]", path, seg->index);
    if (is_plain_key(seg->key))
        return xasprintf("%s%s%s", path, path[0] ? "." : "", seg->key);
    /* Quote odd keys, escaping what would confuse a terminal; keep them short. */
    size_t n = strlen(seg->key), cap = 4 * (n < 64 ? n : 64) + 8, o = 0;
    char *q = xmalloc(cap);
    q[o++] = '"';
    for (size_t i = 0; i < n && i < 64; i++) {
        unsigned char ch = (unsigned char)seg->key[i];
        if (ch == '"' || ch == '\\')
            o += (size_t)snprintf(q + o, cap - o, "\\%c", ch);
        else if (ch < 0x20 || ch == 0x7F)
            o += (size_t)snprintf(q + o, cap - o, "\\x%02x", ch);
        else
            q[o++] = (char)ch;
    }
    if (n > 64)
        o += (size_t)snprintf(q + o, cap - o, "...");
    q[o++] = '"';
    q[o] = '\0';
    char *out = xasprintf("%s[%s]", path, q);
    free(q);
    return out;
}

/* What json_path_at keeps per open container. */
struct open_container {
    bool object;
    bool has_key;    /* object: a complete key was read for the current member */
    bool want_key;   /* object: the next string is a key */
    bool done;       /* the current member or element is complete (until the next comma) */
    size_t index;    /* array: current element */
    const char *key; /* object: raw key text between the quotes */
    size_t key_len;
};

#define PATH_AT_MAX_DEPTH 64

char *json_path_at(const char *text, size_t len, size_t offset)
{
    struct open_container stack[PATH_AT_MAX_DEPTH];
    size_t depth = 0, ignored = 0; /* ignored: levels past PATH_AT_MAX_DEPTH */
    const char *end = text + (offset < len ? offset : len);
    const char *p = text;
    while (p < end) {
        p = skip_ws(p, end);
        if (p >= end)
            break;
        struct open_container *top = depth && !ignored ? &stack[depth - 1] : NULL;
        char ch = *p;
        if (ch == '{' || ch == '[') {
            if (depth < PATH_AT_MAX_DEPTH && !ignored) {
                stack[depth++] = (struct open_container){.object = ch == '{', .want_key = true};
            } else {
                ignored++;
            }
            p++;
        } else if (ch == '}' || ch == ']') {
            if (ignored)
                ignored--;
            else if (depth)
                depth--;
            if (depth && !ignored)
                stack[depth - 1].done = true;
            p++;
        } else if (ch == ',') {
            if (top && top->object) {
                top->has_key = false;
                top->want_key = true;
            } else if (top) {
                top->index++;
            }
            if (top)
                top->done = false;
            p++;
        } else if (ch == ':') {
            if (top && top->object)
                top->want_key = false;
            p++;
        } else if (ch == '"') {
            const char *after = skip_string(p, text + len);
            if (!after || after > end)
                break; /* the offset is inside this string */
            if (top && top->object && top->want_key) {
                top->key = p + 1;
                top->key_len = (size_t)(after - p - 2);
                top->has_key = true;
            } else if (top) {
                top->done = true;
            }
            p = after;
        } else {
            const char *start = p;
            while (p < end && !is_delimiter(*p))
                p++;
            if (p < end && p > start && top)
                top->done = true; /* a scalar that ends before the offset */
        }
    }
    char *path = xstrdup("");
    for (size_t i = 0; i < depth; i++) {
        struct json_path_seg seg = {0};
        char *key = NULL;
        if (i + 1 == depth && !ignored && stack[i].done)
            break; /* between members: the innermost container itself */
        if (stack[i].object) {
            if (!stack[i].has_key)
                break;
            key = xstrndup(stack[i].key, stack[i].key_len);
            seg.key = key;
        } else {
            seg.index = stack[i].index;
        }
        char *longer = json_path_append(path, &seg);
        free(key);
        free(path);
        path = longer;
    }
    return path;
}
