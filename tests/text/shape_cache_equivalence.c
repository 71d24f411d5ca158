/* The word cache (text/shape_cache.h) reuses a word's glyphs next to other words. This test lays
 * out every golden-layout text and every benchmark paragraph at several widths with the word cache
 * warm and off and requires identical lines and glyphs (ids, fonts, clusters, positions), so a font
 * or text where context across a space matters shows up here. Prints "N passed, N failed" (texts x
 * widths).
 *
 * Usage: test_shape_cache_equivalence FONTS_DIR CORPUS FILE.test...
 */
#define LOG_MODULE "test"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "base/file.h"
#include "base/lang.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "text/layout.h"

static void compare(struct text_engine *a, struct text_engine *b, const char *text,
                    const char *lang, const char *where)
{
    static const float widths[] = {600, 300, 150, TEXT_WIDTH_UNBOUNDED};
    for (size_t w = 0; w < sizeof(widths) / sizeof(widths[0]); w++) {
        struct text_style st = {.size = 32,
                                .lang = lang,
                                .dir = lang ? (lang_is_rtl(lang) ? TEXT_DIR_RTL : TEXT_DIR_LTR)
                                            : TEXT_DIR_AUTO};
        /* the first layout fills the word cache, the second is built from it */
        text_layout_unref(text_layout_create(a, text, strlen(text), &st, widths[w]));
        struct text_layout *x = text_layout_create(a, text, strlen(text), &st, widths[w]);
        struct text_layout *y = text_layout_create(b, text, strlen(text), &st, widths[w]);
        bool ok = x->n_lines == y->n_lines && x->n_glyphs == y->n_glyphs;
        for (size_t k = 0; ok && k < x->n_lines; k++)
            ok = x->lines[k].start == y->lines[k].start && x->lines[k].end == y->lines[k].end &&
                 fabsf(x->lines[k].x - y->lines[k].x) < 0.01f;
        for (size_t g = 0; ok && g < x->n_glyphs; g++) {
            const struct text_glyph *p = &x->glyphs[g], *q = &y->glyphs[g];
            ok = p->cluster == q->cluster && p->font == q->font && p->glyph == q->glyph &&
                 fabsf(p->x - q->x) < 0.01f && fabsf(p->y - q->y) < 0.01f &&
                 fabsf(p->advance - q->advance) < 0.01f;
            if (!ok)
                printf("%s (width %g): glyph %zu differs: cached g=%u cl=%u x=%.2f, "
                       "uncached g=%u cl=%u x=%.2f\n",
                       where, widths[w], g, p->glyph, p->cluster, p->x, q->glyph, q->cluster, q->x);
        }
        if (!ok && x->n_lines != y->n_lines)
            printf("%s (width %g): %zu lines vs %zu\n", where, widths[w], x->n_lines, y->n_lines);
        CHECK(ok, "%s (width %g): the layout through the word cache differs", where, widths[w]);
        text_layout_unref(x);
        text_layout_unref(y);
    }
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s FONTS_DIR CORPUS FILE.test...\n", argv[0]);
        return 2;
    }
    struct text_engine *cached = text_engine_create(argv[1]);
    struct text_engine *plain = text_engine_create(argv[1]);
    if (!cached || !plain)
        return 1;
    text_engine_set_caching(cached, false, true);
    text_engine_set_caching(plain, false, false);
    for (int i = 2; i < argc; i++) {
        char err[256], *data;
        size_t size;
        if (!file_read_all(argv[i], 1 << 20, &data, &size, err, sizeof(err))) {
            fprintf(stderr, "%s\n", err);
            return 1;
        }
        bool corpus = i == 2;
        for (char *line = data, *next; line && *line; line = next) {
            next = strchr(line, '\n');
            if (next)
                *next++ = '\0';
            if (corpus && line[0] != '#' && strchr(line, '\t')) {
                char *tab = strchr(line, '\t');
                *tab = '\0';
                compare(cached, plain, tab + 1, line, argv[i]);
            } else if (!corpus && !strncmp(line, "text: ", 6)) {
                /* escapes are irrelevant here: the text is laid out as written */
                compare(cached, plain, line + 6, NULL, argv[i]);
                compare(cached, plain, line + 6, "he", argv[i]);
            }
        }
        free(data);
    }
    text_engine_destroy(cached);
    text_engine_destroy(plain);
    return check_summary();
}
