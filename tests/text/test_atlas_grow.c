/* The glyph atlas starts small (1024) and grows to the side it was created with when a text
 * needs more: a page of large Latin, Cyrillic and Hebrew letters, more than 1024 x 1024 holds,
 * drawn while the atlas grows under it comes out exactly as drawn again from the grown atlas
 * (no glyph from the old texture, none missing). */
#include <string.h>

#include <SDL.h>

#include "check.h"
#include "text/draw.h"
#include "text/glyph_atlas.h"
#include "text/layout.h"

static const char page[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789 "
                           "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ абвгдежзийклмнопрстуфхцчшщъыьэюя "
                           "אבגדהוזחטיכלמנסעפצקרשת ךםןףץ";

static void draw_page(SDL_Renderer *r, struct glyph_atlas *atlas, const struct text_layout *L)
{
    SDL_SetRenderDrawColor(r, 255, 255, 255, 255);
    SDL_RenderClear(r);
    text_draw(r, atlas, L, 20, 20, (SDL_Color){20, 20, 60, 255});
    SDL_RenderPresent(r);
}

int main(int argc, char **argv)
{
    const char *fonts = argc > 1 ? argv[1] : "fonts";
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 1900, 2800, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
    struct text_engine *e = text_engine_create(fonts);
    struct glyph_atlas *atlas = e ? glyph_atlas_create(r, text_engine_fonts(e), 2048) : NULL;
    CHECK(atlas, "fonts from %s", fonts);
    if (!atlas)
        return check_summary();
    int side = 0;
    SDL_QueryTexture(glyph_atlas_texture(atlas), NULL, NULL, &side, NULL);
    CHECK_INT(side, 1024);

    struct text_style st = {.size = 160, .lang = "en", .dir = TEXT_DIR_LTR};
    struct text_layout *L = text_layout_get(e, page, strlen(page), &st, 1860);
    draw_page(r, atlas, L);
    SDL_QueryTexture(glyph_atlas_texture(atlas), NULL, NULL, &side, NULL);
    CHECK_INT(side, 2048);
    size_t bytes = (size_t)s->pitch * (size_t)s->h;
    void *first = SDL_malloc(bytes);
    memcpy(first, s->pixels, bytes);
    uint32_t gen = glyph_atlas_generation(atlas);
    draw_page(r, atlas, L);
    CHECK(glyph_atlas_generation(atlas) == gen, "the grown atlas holds the whole page");
    CHECK(memcmp(first, s->pixels, bytes) == 0,
          "the page drawn while the atlas grew is the page drawn from the grown atlas");
    long dark = 0;
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++)
            dark += (((const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch))[x] & 0xff) < 128;
    CHECK(dark > 100000, "the letters are there (%ld dark pixels)", dark);
    SDL_SaveBMP(s, "atlas-grow.bmp");

    SDL_free(first);
    text_layout_unref(L);
    glyph_atlas_destroy(atlas);
    text_engine_destroy(e);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
    return check_summary();
}
