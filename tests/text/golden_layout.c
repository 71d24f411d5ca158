/* Golden layouts: each tests/text/layouts/NAME.test holds a text, `kiosk layout` options and the
 * expected lines, read as a person reads them (format in layouts/README). Usage:
 *   test_golden_layout FONTS_DIR FILE...         compare, print "N passed, N failed"
 *   test_golden_layout --print FONTS_DIR FILE    print what the engine does, for writing a case
 */
#define LOG_MODULE "test"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/file.h"
#include "base/lang.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "text/layout.h"

struct golden_case {
    char *text;
    struct text_style style;
    float width;
    char *lang;
    /* expectations, in order: "line: S E ALIGN" and "visual: ..." and "font: C NAME" */
    char **expect;
    size_t n_expect, expect_cap;
};

/* Unescapes \n, \t, \\, \" and \u{XXXX}. */
static char *unescape(const char *s)
{
    size_t cap = strlen(s) * 4 + 1, n = 0;
    char *out = xmalloc(cap);
    for (; *s; s++) {
        if (*s != '\\') {
            out[n++] = *s;
            continue;
        }
        s++;
        if (*s == 'n') {
            out[n++] = '\n';
        } else if (*s == 'r') {
            out[n++] = '\r';
        } else if (*s == 't') {
            out[n++] = '\t';
        } else if (*s == 'u' && s[1] == '{') {
            unsigned cp = (unsigned)strtoul(s + 2, (char **)&s, 16);
            if (cp < 0x80) {
                out[n++] = (char)cp;
            } else if (cp < 0x800) {
                out[n++] = (char)(0xC0 | cp >> 6);
                out[n++] = (char)(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                out[n++] = (char)(0xE0 | cp >> 12);
                out[n++] = (char)(0x80 | (cp >> 6 & 0x3F));
                out[n++] = (char)(0x80 | (cp & 0x3F));
            } else {
                out[n++] = (char)(0xF0 | cp >> 18);
                out[n++] = (char)(0x80 | (cp >> 12 & 0x3F));
                out[n++] = (char)(0x80 | (cp >> 6 & 0x3F));
                out[n++] = (char)(0x80 | (cp & 0x3F));
            }
        } else if (*s) {
            out[n++] = *s;
        } else {
            break;
        }
    }
    out[n] = '\0';
    return out;
}

static bool parse_options(struct golden_case *c, char *opts)
{
    bool dir_given = false;
    for (char *tok = strtok(opts, " \t"); tok; tok = strtok(NULL, " \t")) {
        if (!strcmp(tok, "--bold")) {
            c->style.weight = FONT_WEIGHT_BOLD;
            continue;
        }
        char *v = strtok(NULL, " \t");
        if (!v)
            return false;
        if (!strcmp(tok, "--size"))
            c->style.size = strtof(v, NULL);
        else if (!strcmp(tok, "--width"))
            c->width = !strcmp(v, "inf") ? TEXT_WIDTH_UNBOUNDED : strtof(v, NULL);
        else if (!strcmp(tok, "--lang"))
            c->lang = xstrdup(v);
        else if (!strcmp(tok, "--dir")) {
            dir_given = true;
            c->style.dir = !strcmp(v, "rtl")   ? TEXT_DIR_RTL
                           : !strcmp(v, "ltr") ? TEXT_DIR_LTR
                                               : TEXT_DIR_AUTO;
        } else if (!strcmp(tok, "--align"))
            c->style.align = !strcmp(v, "end")      ? TEXT_ALIGN_END
                             : !strcmp(v, "center") ? TEXT_ALIGN_CENTER
                                                    : TEXT_ALIGN_START;
        else
            return false;
    }
    c->style.lang = c->lang;
    /* same rule as `kiosk layout`: the language gives the direction unless --dir says */
    if (!dir_given && c->lang)
        c->style.dir = lang_is_rtl(c->lang) ? TEXT_DIR_RTL : TEXT_DIR_LTR;
    return true;
}

static bool case_load(const char *path, struct golden_case *c)
{
    char err[256];
    char *data;
    size_t size;
    if (!file_read_all(path, 1 << 20, &data, &size, err, sizeof(err))) {
        fprintf(stderr, "%s\n", err);
        return false;
    }
    memset(c, 0, sizeof(*c));
    c->style = (struct text_style){.size = 32, .dir = TEXT_DIR_AUTO};
    c->width = 600;
    bool ok = true;
    for (char *line = data, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        if (!strncmp(line, "text: ", 6)) {
            c->text = unescape(line + 6);
        } else if (!strncmp(line, "options:", 8)) {
            ok = parse_options(c, line + 8) && ok;
        } else if (!strncmp(line, "line:", 5) || !strncmp(line, "visual:", 7) ||
                   !strncmp(line, "direction:", 10) || !strncmp(line, "font:", 5)) {
            c->expect = xgrow(c->expect, &c->expect_cap, c->n_expect + 1, sizeof(*c->expect));
            c->expect[c->n_expect++] = unescape(line);
        } else {
            fprintf(stderr, "%s: cannot read: %s\n", path, line);
            ok = false;
        }
    }
    free(data);
    if (!c->text) {
        fprintf(stderr, "%s: no text:\n", path);
        ok = false;
    }
    return ok;
}

/* Appends code points [a, b) of the text as UTF-8. */
static void append_cps(char **buf, size_t *len, size_t *cap, const char *text, size_t a, size_t b)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t cp = 0, i = 0;
    while (s[i] && cp < b) {
        size_t k = s[i] < 0x80 ? 1 : (s[i] >> 5) == 6 ? 2 : (s[i] >> 4) == 14 ? 3 : 4;
        if (cp >= a) {
            *buf = xgrow(*buf, cap, *len + k + 1, 1);
            memcpy(*buf + *len, s + i, k);
            *len += k;
            (*buf)[*len] = '\0';
        }
        i += k;
        cp++;
    }
}

/* The visual form of a line: runs left to right, each `>"text"` (read left to right) or
 * `<"text"` (read right to left), the text in logical order. */
static char *line_visual(const struct text_layout *L, size_t li, const char *text)
{
    const struct text_line *line = &L->lines[li];
    const struct text_glyph *g = L->glyphs + line->first_glyph;
    size_t n = line->glyph_count;
    char *buf = xstrdup("");
    size_t len = 0, cap = 1;
    size_t k = 0;
    while (k < n) {
        bool rtl = g[k].level & 1;
        uint32_t lo = g[k].cluster, hi = g[k].cluster;
        size_t m = k + 1;
        while (m < n && (bool)(g[m].level & 1) == rtl) {
            uint32_t c = g[m].cluster;
            /* contiguous in logical order: same cluster, or the next one in the run's
             * direction with nothing on the line in between */
            bool next = rtl ? c <= lo : c >= hi;
            if (!next)
                break;
            bool gap = false;
            for (size_t q = 0; q < n && !gap; q++) {
                uint32_t d = g[q].cluster;
                gap = rtl ? (d < lo && d > c) : (d > hi && d < c);
            }
            if (gap)
                break;
            lo = c < lo ? c : lo;
            hi = c > hi ? c : hi;
            m++;
        }
        /* run text: from lo to the start of the next cluster after hi on this line */
        uint32_t end = line->end;
        for (size_t q = 0; q < n; q++)
            if (g[q].cluster > hi && g[q].cluster < end)
                end = g[q].cluster;
        if (end == line->end) {
            /* last cluster of the line: stop before a newline */
            while (end > hi + 1) {
                char *tail = NULL;
                size_t tl = 0, tc = 0;
                append_cps(&tail, &tl, &tc, text, end - 1, end);
                bool nl = tail && (tail[0] == '\n' || tail[0] == '\r');
                free(tail);
                if (!nl)
                    break;
                end--;
            }
        }
        if (len)
            buf = xgrow(buf, &cap, len + 2, 1), buf[len++] = ' ', buf[len] = '\0';
        buf = xgrow(buf, &cap, len + 3, 1);
        buf[len++] = rtl ? '<' : '>';
        buf[len++] = '"';
        buf[len] = '\0';
        append_cps(&buf, &len, &cap, text, lo, end);
        buf = xgrow(buf, &cap, len + 2, 1);
        buf[len++] = '"';
        buf[len] = '\0';
        k = m;
    }
    return buf;
}

static const char *line_align(const struct text_layout *L, const struct text_line *line)
{
    float right = L->box_width - (line->x + line->width);
    if (fabsf(line->x) < 0.5f && fabsf(right) < 0.5f)
        return "full";
    if (fabsf(line->x) < 0.5f)
        return "left";
    if (fabsf(right) < 0.5f)
        return "right";
    if (fabsf(line->x - right) < 1.0f)
        return "center";
    return "other";
}

/* What the engine produced, in the expectation format. */
static char **describe(const struct text_layout *L, const struct font_set *fonts, const char *text,
                       size_t *count)
{
    char **out = xmalloc((L->n_lines * 2 + 1) * sizeof(*out));
    size_t n = 0;
    out[n++] = xasprintf("direction: %s", L->rtl ? "rtl" : "ltr");
    for (size_t k = 0; k < L->n_lines; k++) {
        const struct text_line *line = &L->lines[k];
        out[n++] = xasprintf("line: %u %u %s", line->start, line->end, line_align(L, line));
        char *v = line_visual(L, k, text);
        out[n++] = xasprintf("visual: %s", v);
        free(v);
    }
    (void)fonts;
    *count = n;
    return out;
}

static const char *glyph_font_at(const struct text_layout *L, const struct font_set *fonts,
                                 uint32_t cluster)
{
    for (size_t g = 0; g < L->n_glyphs; g++)
        if (L->glyphs[g].cluster == cluster)
            return font_set_face(fonts, L->glyphs[g].font)->name;
    return "(no glyph)";
}

static bool run_case(struct text_engine *e, const char *path, bool print)
{
    struct golden_case c;
    if (!case_load(path, &c))
        return false;
    const struct font_set *fonts = text_engine_fonts(e);
    struct text_layout *L = text_layout_create(e, c.text, strlen(c.text), &c.style, c.width);
    size_t n_got;
    char **got = describe(L, fonts, c.text, &n_got);
    bool ok = true;
    if (print) {
        for (size_t k = 0; k < n_got; k++)
            printf("%s\n", got[k]);
    } else {
        /* line/visual expectations must match the engine's list exactly and in order; font
         * expectations are checked on their own */
        size_t gi = 0;
        for (size_t k = 0; k < c.n_expect; k++) {
            const char *exp = c.expect[k];
            if (!strncmp(exp, "font:", 5)) {
                unsigned cl;
                char name[128];
                if (sscanf(exp, "font: %u %127s", &cl, name) != 2 ||
                    strcmp(glyph_font_at(L, fonts, cl), name) != 0) {
                    printf("%s: expected %s\n      got cluster %u in %s\n", path, exp, cl,
                           glyph_font_at(L, fonts, cl));
                    ok = false;
                }
                continue;
            }
            if (gi >= n_got || strcmp(exp, got[gi]) != 0) {
                printf("%s: expected %s\n      got      %s\n", path, exp,
                       gi < n_got ? got[gi] : "(no more lines)");
                ok = false;
            }
            gi++;
        }
        if (gi < n_got) {
            printf("%s: unexpected extra %s\n", path, got[gi]);
            ok = false;
        }
    }
    for (size_t k = 0; k < n_got; k++)
        free(got[k]);
    free(got);
    for (size_t k = 0; k < c.n_expect; k++)
        free(c.expect[k]);
    free(c.expect);
    free(c.text);
    free(c.lang);
    text_layout_unref(L);
    return ok;
}

int main(int argc, char **argv)
{
    bool print = argc > 1 && !strcmp(argv[1], "--print");
    int first = print ? 2 : 1;
    if (argc < first + 2) {
        fprintf(stderr, "usage: %s [--print] FONTS_DIR FILE...\n", argv[0]);
        return 2;
    }
    struct text_engine *e = text_engine_create(argv[first]);
    if (!e)
        return 1;
    int passed = 0, failed = 0;
    for (int i = first + 1; i < argc; i++) {
        if (run_case(e, argv[i], print))
            passed++;
        else
            failed++;
    }
    text_engine_destroy(e);
    if (!print)
        printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
