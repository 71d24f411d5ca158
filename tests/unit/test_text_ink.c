/* A glyph's ink is never cut by its own box: the dots under a bold Arabic yeh at the bottom of a
 * heading set flush with its box's bottom, and the shadda and fatha over a line flush with its
 * box's top, reach past the line box the font's ascent and descent give. Each block is drawn as
 * on screen and again in a box with room to spare; both must show the same ink.
 * Usage: test_text_ink FONTS_DIR TMP_DIR */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/content.h"
#include "base/file.h"
#include "base/xmalloc.h"
#include "check.h"
#include "render/text_blocks.h"
#include "text/glyph_atlas.h"
#include "text/layout.h"

static const char playlist_json[] =
    "{\"format\": 1, \"name\": \"Ink\", \"screen\": {\"width\": 480, \"height\": 270},"
    " \"languages\": [\"ar\"], \"defaults\": {\"duration\": 5, \"background\": \"#000000\"},"
    " \"slides\": [{\"id\": \"ink\", \"texts\": ["
    "  {\"id\": \"bottom\", \"text\": {\"ar\": \"\xd9\x81\xd9\x8a "
    "\xd8\xa7\xd9\x84\xd9\x85\xd8\xa8\xd9\x86"
    "\xd9\x89 \xd8\xa7\xd9\x84\xd8\xaf\xd8\xa7\xd8\xae\xd9\x84\xd9\x8a\"},"
    "   \"box\": [0.05, 0.6, 0.9, 0.2], \"size\": 34, \"weight\": \"bold\","
    "   \"valign\": \"bottom\", \"color\": \"#ffffff\"},"
    "  {\"id\": \"top\", \"text\": {\"ar\": \"\xd8\xb9\xd9\x8e\xd9\x83\xd9\x91\xd9\x8e\xd8\xa7\"},"
    "   \"box\": [0.05, 0.1, 0.9, 0.2], \"size\": 34, \"weight\": \"bold\", \"line_height\": 1.0,"
    "   \"valign\": \"top\", \"color\": \"#ffffff\"}]}]}\n";

/* Pixels of the white text (over black) in the whole picture. */
static size_t ink_pixels(SDL_Surface *surf)
{
    size_t n = 0;
    for (int y = 0; y < surf->h; y++) {
        const uint32_t *row = (const uint32_t *)((const uint8_t *)surf->pixels + y * surf->pitch);
        for (int x = 0; x < surf->w; x++)
            if ((row[x] & 0xff) > 96)
                n++;
    }
    return n;
}

static size_t draw_block(SDL_Renderer *r, SDL_Surface *surf, const struct text_blocks_context *ctx,
                         const struct playlist *pl, const struct text_block *b, const float *box)
{
    SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
    SDL_RenderClear(r);
    text_blocks_draw(r, ctx, pl, b, box, (SDL_Rect){0, 0, 480, 270}, 0);
    SDL_RenderFlush(r);
    return ink_pixels(surf);
}

int main(int argc, char **argv)
{
    const char *fonts = argc > 1 ? argv[1] : "fonts";
    const char *tmp = argc > 2 ? argv[2] : ".";
    struct text_engine *e = text_engine_create(fonts);
    CHECK(e != NULL, "fonts load from %s", fonts);
    char *dir = xasprintf("%s/text-ink", tmp), *file = xasprintf("%s/playlist.json", dir);
    char err[256];
    CHECK(file_mkdir_p(dir) &&
              file_write_atomic(file, playlist_json, strlen(playlist_json), err, sizeof err),
          "write %s", file);
    struct diag_list diags = {0};
    struct playlist *pl = e ? content_load(dir, 40000000, e, CONTENT_TEXT_WARN, &diags) : NULL;
    diag_print(&diags, stderr);
    CHECK(pl && pl->slide_count == 1 && pl->slides[0].text_count == 2, "the playlist loads");
    CHECK(diags.count == 0, "both texts fit their boxes (%zu messages)", diags.count);
    diag_list_clear(&diags);
    if (pl && pl->slide_count == 1 && pl->slides[0].text_count == 2) {
        SDL_Surface *surf =
            SDL_CreateRGBSurfaceWithFormat(0, 480, 270, 32, SDL_PIXELFORMAT_ARGB8888);
        SDL_Renderer *r = SDL_CreateSoftwareRenderer(surf);
        struct glyph_atlas *atlas = glyph_atlas_create(r, text_engine_fonts(e), 1024);
        struct text_blocks_context ctx = {.engine = e, .atlas = atlas, .lang = "ar"};
        for (size_t i = 0; i < 2; i++) {
            const struct text_block *b = &pl->slides[0].texts[i];
            size_t drawn = draw_block(r, surf, &ctx, pl, b, NULL);
            /* The same text in the middle of a box a line taller each way. */
            struct text_block mid = *b;
            mid.valign = BLOCK_VALIGN_MIDDLE;
            float roomy[4] = {b->box[0], b->box[1] - 0.1f, b->box[2], b->box[3] + 0.2f};
            size_t whole = draw_block(r, surf, &ctx, pl, &mid, roomy);
            CHECK(whole > 500, "block %s draws its text (%zu pixels)", b->id, whole);
            CHECK(drawn == whole, "block %s shows all its ink: %zu pixels of %zu", b->id, drawn,
                  whole);
        }
        glyph_atlas_destroy(atlas);
        SDL_DestroyRenderer(r);
        SDL_FreeSurface(surf);
    }
    if (pl)
        playlist_free(pl);
    free(file);
    free(dir);
    if (e)
        text_engine_destroy(e);
    return check_summary();
}
