/* Text layout benchmark against Pango, same paragraphs, same width, same run.
 *
 * For each paragraph of corpus.txt, the kiosk engine three ways: uncached (text_layout_create on an
 * engine with both caches off: paragraph split, bidi, itemize, shape every run with HarfBuzz,
 * break, reorder, align), words (layout cache off, word-shaping cache warm: the cost of laying
 * out known words again at a new width or size, or after an edit), first (the default engine
 * with its word cache emptied before each run: the first sight of a paragraph), and cached (a
 * layout cache hit, what a redraw of an unchanged slide costs); and Pango (pangoft2: a new
 * PangoLayout per iteration with the text, width and font, forced with pango_layout_get_extents).
 * Then every layout is drawn with the glyph atlas on SDL's software renderer for a number of frames
 * to show the atlas hit rate. Fonts: the bundled set for the engine; Pango gets "Noto Sans" through
 * fontconfig, which resolves to the same Noto files from fonts-noto-core.
 *
 * Usage: bench_text FONTS_DIR CORPUS [ITERATIONS]
 */
#define LOG_MODULE "bench"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <pango/pangoft2.h>

#include "base/clock.h"
#include "base/file.h"
#include "base/lang.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "text/draw.h"
#include "text/glyph_atlas.h"
#include "text/layout.h"

#define MAX_PARAS 64
#define SIZE_PX 32
#define WIDTH_PX 600

struct para {
    char lang[8];
    char *text;
    size_t len;
    double cold_us, first_us, words_us, warm_us, pango_us;
    size_t lines, pango_lines;
};

static size_t load_corpus(const char *path, struct para *paras)
{
    char err[256], *data;
    size_t size, n = 0;
    if (!file_read_all(path, 1 << 20, &data, &size, err, sizeof(err))) {
        fprintf(stderr, "%s\n", err);
        exit(1);
    }
    for (char *line = data, *next; line && *line && n < MAX_PARAS; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        char *tab = strchr(line, '\t');
        if (line[0] == '#' || !tab)
            continue;
        *tab = '\0';
        snprintf(paras[n].lang, sizeof(paras[n].lang), "%s", line);
        paras[n].text = xstrdup(tab + 1);
        paras[n].len = strlen(tab + 1);
        n++;
    }
    free(data);
    return n;
}

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s FONTS_DIR CORPUS [ITERATIONS]\n", argv[0]);
        return 2;
    }
    int iters = argc > 3 ? atoi(argv[3]) : 200;
    static struct para paras[MAX_PARAS];
    size_t n = load_corpus(argv[2], paras);
    struct text_engine *e = text_engine_create(argv[1]);
    struct text_engine *bare = text_engine_create(argv[1]);
    if (!e || !bare)
        return 1;
    text_engine_set_caching(bare, false, false);

    /* Pango setup, kept out of the timed loops like the engine's font loading. */
    PangoFontMap *fm = pango_ft2_font_map_new();
    pango_ft2_font_map_set_resolution(PANGO_FT2_FONT_MAP(fm), 72, 72);
    PangoContext *ctx = pango_font_map_create_context(fm);
    PangoFontDescription *desc = pango_font_description_from_string("Noto Sans");
    pango_font_description_set_absolute_size(desc, SIZE_PX * PANGO_SCALE);

    for (size_t k = 0; k < n; k++) {
        struct para *p = &paras[k];
        struct text_style st = {.size = SIZE_PX,
                                .lang = p->lang,
                                .dir = lang_is_rtl(p->lang) ? TEXT_DIR_RTL : TEXT_DIR_LTR};
        /* one untimed round each, so first-use costs (font tables, ICU data) are not counted */
        struct text_layout *L = text_layout_create(bare, p->text, p->len, &st, WIDTH_PX);
        p->lines = L->n_lines;
        text_layout_unref(L);
        int64_t t0 = clock_now_ns();
        for (int i = 0; i < iters; i++)
            text_layout_unref(text_layout_create(bare, p->text, p->len, &st, WIDTH_PX));
        p->cold_us = (double)(clock_now_ns() - t0) / iters / 1e3;

        /* default engine seeing the paragraph for the first time: word cache emptied before
         * each iteration, outside the timed part */
        int64_t first_ns = 0;
        for (int i = 0; i < iters; i++) {
            text_engine_clear_caches(e);
            int64_t t1 = clock_now_ns();
            text_layout_unref(text_layout_create(e, p->text, p->len, &st, WIDTH_PX));
            first_ns += clock_now_ns() - t1;
        }
        p->first_us = (double)first_ns / iters / 1e3;

        text_layout_unref(text_layout_create(e, p->text, p->len, &st, WIDTH_PX));
        t0 = clock_now_ns();
        for (int i = 0; i < iters; i++)
            text_layout_unref(text_layout_create(e, p->text, p->len, &st, WIDTH_PX));
        p->words_us = (double)(clock_now_ns() - t0) / iters / 1e3;

        text_layout_unref(text_layout_get(e, p->text, p->len, &st, WIDTH_PX));
        t0 = clock_now_ns();
        for (int i = 0; i < iters; i++)
            text_layout_unref(text_layout_get(e, p->text, p->len, &st, WIDTH_PX));
        p->warm_us = (double)(clock_now_ns() - t0) / iters / 1e3;

        pango_context_set_language(ctx, pango_language_from_string(p->lang));
        /* BENCH_SKIP_PANGO=1 profiles the engine alone */
        int pango_iters = getenv("BENCH_SKIP_PANGO") ? 0 : iters;
        t0 = clock_now_ns();
        for (int i = -1; i < pango_iters; i++) {
            if (i == 0)
                t0 = clock_now_ns();
            PangoLayout *pl = pango_layout_new(ctx);
            pango_layout_set_font_description(pl, desc);
            pango_layout_set_width(pl, WIDTH_PX * PANGO_SCALE);
            pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
            pango_layout_set_text(pl, p->text, (int)p->len);
            PangoRectangle ink, logical;
            pango_layout_get_extents(pl, &ink, &logical);
            p->pango_lines = (size_t)pango_layout_get_line_count(pl);
            g_object_unref(pl);
        }
        p->pango_us = (double)(clock_now_ns() - t0) / (pango_iters ? pango_iters : 1) / 1e3;
    }

    /* Glyph atlas: every paragraph drawn for 60 frames, as a slide would be. */
    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, 1920, 1080, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(surf);
    struct glyph_atlas *atlas = glyph_atlas_create(r, text_engine_fonts(e), 2048);
    int frames = 60;
    int64_t draw_ns = 0;
    for (int f = 0; f < frames; f++) {
        for (size_t k = 0; k < n; k++) {
            struct para *p = &paras[k];
            struct text_style st = {.size = SIZE_PX,
                                    .lang = p->lang,
                                    .dir = lang_is_rtl(p->lang) ? TEXT_DIR_RTL : TEXT_DIR_LTR};
            struct text_layout *L = text_layout_get(e, p->text, p->len, &st, WIDTH_PX);
            int64_t t0 = clock_now_ns();
            text_draw(r, atlas, L, 10, 10, (SDL_Color){255, 255, 255, 255});
            draw_ns += clock_now_ns() - t0;
            text_layout_unref(L);
        }
    }
    uint64_t hits, misses;
    glyph_atlas_stats(atlas, &hits, &misses);

    printf("Text layout, %d px, width %d px, %d iterations per paragraph (times in microseconds)\n",
           SIZE_PX, WIDTH_PX, iters);
    printf("%-3s %-4s %5s %5s %9s %9s %9s %9s %9s %10s %10s\n", "#", "lang", "chars", "lines",
           "uncached", "first", "words", "cached", "pango", "pango/unc", "pango/wrd");
    double sum_cold = 0, sum_first = 0, sum_words = 0, sum_warm = 0, sum_pango = 0;
    for (size_t k = 0; k < n; k++) {
        struct para *p = &paras[k];
        printf("%-3zu %-4s %5zu %2zu/%-2zu %9.1f %9.1f %9.1f %9.2f %9.1f %9.2fx %9.2fx\n", k + 1,
               p->lang, utf8_chars(p->text), p->lines, p->pango_lines, p->cold_us, p->first_us,
               p->words_us, p->warm_us, p->pango_us, p->pango_us / p->cold_us,
               p->pango_us / p->words_us);
        sum_cold += p->cold_us;
        sum_words += p->words_us;
        sum_first += p->first_us;
        sum_warm += p->warm_us;
        sum_pango += p->pango_us;
    }
    printf("%-3s %-4s %5s %5s %9.1f %9.1f %9.1f %9.2f %9.1f %9.2fx %9.2fx\n", "all", "mean", "", "",
           sum_cold / (double)n, sum_first / (double)n, sum_words / (double)n, sum_warm / (double)n,
           sum_pango / (double)n, sum_pango / sum_cold, sum_pango / sum_words);
    printf("glyph atlas: %llu hits, %llu misses, hit rate %.2f%% over %d frames of %zu paragraphs;"
           " draw %.1f us per paragraph (software renderer)\n",
           (unsigned long long)hits, (unsigned long long)misses,
           100.0 * (double)hits / (double)(hits + misses), frames, n,
           (double)draw_ns / frames / (double)n / 1e3);

    glyph_atlas_destroy(atlas);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(surf);
    pango_font_description_free(desc);
    g_object_unref(ctx);
    g_object_unref(fm);
    text_engine_destroy(e);
    text_engine_destroy(bare);
    for (size_t k = 0; k < n; k++)
        free(paras[k].text);
    return 0;
}
