/* A rendered text box against a committed golden PNG: text/layout + glyph_atlas + draw on SDL's
 * software renderer over an offscreen surface (no display needed). The image holds Hebrew with
 * niqqud, joined Arabic, Hebrew mixed with numbers, a phone, a price and a URL, and English and
 * Russian; box outlines show alignment. Tolerance: FreeType versions may move antialiasing a
 * little, so a pixel counts as different only beyond 48/255 in some channel, and the test fails
 * when more than 0.3% of pixels differ.
 *
 * Usage: test_render_golden FONTS_DIR GOLDEN.png OUT.png [--update]
 */
#define LOG_MODULE "test"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_image.h>

#include "base/log.h"
#include "text/draw.h"
#include "text/glyph_atlas.h"
#include "text/layout.h"

struct render_block {
    const char *text;
    const char *lang;
    float size, x, y, w;
    enum text_align align;
    enum font_weight weight;
};

static const struct render_block blocks[] = {
    {"בְּרֵאשִׁית בָּרָא אֱלֹהִים אֵת הַשָּׁמַיִם וְאֵת הָאָרֶץ", "he", 40, 20, 20, 860, TEXT_ALIGN_START,
     FONT_WEIGHT_REGULAR},
    {"مَرْحَبًا بِكُمْ فِي الْمَتْحَف — السعر 35,000 ريال", "ar", 40, 20, 100, 860, TEXT_ALIGN_START,
     FONT_WEIGHT_REGULAR},
    {"מבצע! ₪3,200 במקום 40,000 ₪ עד 12.3.2027 בשעה 18:30. טלפון: +972-3-1234567 או *6200, "
     "אתר: www.kiosk.co.il/he (פתוח 24/7) info@kiosk.co.il",
     "he", 28, 20, 180, 860, TEXT_ALIGN_START, FONT_WEIGHT_BOLD},
    {"צה\"ל, ג׳ירפה, בית־הספר, iPhone 15 ו-Google", "he", 28, 20, 330, 420, TEXT_ALIGN_CENTER,
     FONT_WEIGHT_REGULAR},
    {"Welcome — Добро пожаловать — שלום", "en", 28, 460, 330, 420, TEXT_ALIGN_START,
     FONT_WEIGHT_REGULAR},
};

static bool render(const char *fonts_dir, SDL_Surface *surface)
{
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(surface);
    if (!r) {
        fprintf(stderr, "software renderer: %s\n", SDL_GetError());
        return false;
    }
    struct text_engine *e = text_engine_create(fonts_dir);
    struct glyph_atlas *atlas = e ? glyph_atlas_create(r, text_engine_fonts(e), 1024) : NULL;
    if (!atlas) {
        text_engine_destroy(e);
        SDL_DestroyRenderer(r);
        return false;
    }
    SDL_SetRenderDrawColor(r, 255, 255, 255, 255);
    SDL_RenderClear(r);
    for (size_t k = 0; k < sizeof(blocks) / sizeof(blocks[0]); k++) {
        const struct render_block *b = &blocks[k];
        struct text_style st = {.size = b->size,
                                .weight = b->weight,
                                .lang = b->lang,
                                .dir = TEXT_DIR_AUTO,
                                .align = b->align};
        st.dir = strcmp(b->lang, "en") ? TEXT_DIR_RTL : TEXT_DIR_LTR;
        struct text_layout *L = text_layout_get(e, b->text, strlen(b->text), &st, b->w);
        SDL_SetRenderDrawColor(r, 200, 200, 230, 255);
        SDL_FRect box = {b->x, b->y, b->w, L->height};
        SDL_RenderDrawRectF(r, &box);
        text_draw(r, atlas, L, b->x, b->y, (SDL_Color){20, 20, 60, 255});
        text_layout_unref(L);
    }
    SDL_RenderPresent(r);
    glyph_atlas_destroy(atlas);
    text_engine_destroy(e);
    SDL_DestroyRenderer(r);
    return true;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s FONTS_DIR GOLDEN.png OUT.png [--update]\n", argv[0]);
        return 2;
    }
    bool update = argc > 4 && !strcmp(argv[4], "--update");
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 900, 420, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s || !render(argv[1], s))
        return 1;
    if (IMG_SavePNG(s, update ? argv[2] : argv[3]) != 0) {
        fprintf(stderr, "save: %s\n", IMG_GetError());
        return 1;
    }
    if (update) {
        printf("wrote %s\n", argv[2]);
        return 0;
    }
    SDL_Surface *loaded = IMG_Load(argv[2]);
    if (!loaded) {
        fprintf(stderr, "%s: %s (run with --update to create it)\n", argv[2], IMG_GetError());
        return 1;
    }
    SDL_Surface *g = SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(loaded);
    if (!g || g->w != s->w || g->h != s->h) {
        fprintf(stderr, "%s: size differs from %dx%d\n", argv[2], s->w, s->h);
        return 1;
    }
    long differ = 0, total = (long)s->w * s->h;
    for (int y = 0; y < s->h; y++) {
        const uint32_t *a = (const uint32_t *)((const uint8_t *)s->pixels + y * s->pitch);
        const uint32_t *b = (const uint32_t *)((const uint8_t *)g->pixels + y * g->pitch);
        for (int x = 0; x < s->w; x++) {
            int worst = 0;
            for (int sh = 0; sh < 24; sh += 8) {
                int d = abs((int)((a[x] >> sh) & 0xff) - (int)((b[x] >> sh) & 0xff));
                worst = d > worst ? d : worst;
            }
            differ += worst > 48;
        }
    }
    double pct = 100.0 * (double)differ / (double)total;
    printf("%ld of %ld pixels differ (%.3f%%, limit 0.3%%); output in %s\n", differ, total, pct,
           argv[3]);
    SDL_FreeSurface(g);
    SDL_FreeSurface(s);
    bool ok = pct <= 0.3;
    printf("%d passed, %d failed\n", ok, !ok);
    return ok ? 0 : 1;
}
