#define LOG_MODULE "glyph_atlas"
#include "text/glyph_atlas.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/xmalloc.h"

#define ATLAS_TABLE_SIZE 8192 /* power of two; the atlas restarts at 3/4 full */

struct atlas_slot {
    uint64_t key; /* 0 = empty */
    struct glyph_atlas_entry entry;
};

struct glyph_atlas {
    SDL_Renderer *renderer;
    const struct font_set *fonts;
    SDL_Texture *texture;
    int side, max_side;            /* starts small, doubles up to max_side when full */
    int shelf_x, shelf_y, shelf_h; /* the shelf being filled */
    struct atlas_slot *table;
    size_t used;
    uint32_t generation;
    uint64_t hits, misses;
    uint32_t *pixels; /* upload scratch */
    size_t pixels_cap;
};

/* face (12 bits) | size in 26.6 (20 bits, up to 16383 px) | glyph id (32 bits) */
static uint64_t atlas_key(font_id font, long size26_6, uint32_t glyph)
{
    return ((uint64_t)font + 1) << 52 | ((uint64_t)(size26_6 & 0xfffff) << 32) | glyph;
}

/* The atlas starts at this side (4 MB) and grows when a show's text needs more: most shows'
 * glyphs fit, and on the software renderer (and a Pi's GPU memory, which is its RAM) a 2048
 * atlas is 16 MB, cleared and resident from the start. */
#define ATLAS_START_SIDE 1024

static SDL_Texture *atlas_texture(SDL_Renderer *renderer, int side)
{
    SDL_Texture *tex =
        SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, side, side);
    if (!tex) {
        LOG_ERR("atlas texture %dx%d: %s", side, side, SDL_GetError());
        return NULL;
    }
    SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
    return tex;
}

struct glyph_atlas *glyph_atlas_create(SDL_Renderer *renderer, const struct font_set *fonts,
                                       int side)
{
    int start = side < ATLAS_START_SIDE ? side : ATLAS_START_SIDE;
    SDL_Texture *tex = atlas_texture(renderer, start);
    if (!tex)
        return NULL;
    struct glyph_atlas *a = xcalloc(1, sizeof(*a));
    a->renderer = renderer;
    a->fonts = fonts;
    a->texture = tex;
    a->side = start;
    a->max_side = side;
    a->table = xcalloc(ATLAS_TABLE_SIZE, sizeof(*a->table));
    return a;
}

void glyph_atlas_destroy(struct glyph_atlas *a)
{
    if (!a)
        return;
    SDL_DestroyTexture(a->texture);
    free(a->table);
    free(a->pixels);
    free(a);
}

static void atlas_reset(struct glyph_atlas *a)
{
    memset(a->table, 0, ATLAS_TABLE_SIZE * sizeof(*a->table));
    a->used = 0;
    a->shelf_x = a->shelf_y = a->shelf_h = 0;
    a->generation++;
    LOG_DBG("atlas full: starting over (generation %u)", a->generation);
}

/* Finds room for w x h; false when the texture is full. */
static bool atlas_pack(struct glyph_atlas *a, int w, int h, SDL_Rect *r)
{
    if (w + 1 > a->side || h + 1 > a->side)
        return false;
    if (a->shelf_x + w + 1 > a->side) {
        a->shelf_y += a->shelf_h;
        a->shelf_x = a->shelf_h = 0;
    }
    if (a->shelf_y + h + 1 > a->side)
        return false;
    *r = (SDL_Rect){a->shelf_x, a->shelf_y, w, h};
    a->shelf_x += w + 1; /* one pixel gap so linear filtering never bleeds */
    if (h + 1 > a->shelf_h)
        a->shelf_h = h + 1;
    return true;
}

static bool atlas_rasterize(struct glyph_atlas *a, font_id font, long size26_6, uint32_t glyph,
                            struct glyph_atlas_entry *out)
{
    const struct font_face *face = font_set_face(a->fonts, font);
    if (!face)
        return false;
    FT_Face ft = face->ft_face;
    if (FT_Set_Char_Size(ft, 0, size26_6, 72, 72) != 0 ||
        FT_Load_Glyph(ft, glyph, FT_LOAD_TARGET_LIGHT | FT_LOAD_RENDER) != 0) {
        LOG_WARN("%s: cannot render glyph %u at %.2f px", face->name, glyph, (double)size26_6 / 64);
        return false;
    }
    FT_Bitmap *bm = &ft->glyph->bitmap;
    out->left = ft->glyph->bitmap_left;
    out->top = ft->glyph->bitmap_top;
    out->rect = (SDL_Rect){0, 0, 0, 0};
    int w = (int)bm->width, h = (int)bm->rows;
    if (w == 0 || h == 0)
        return true;
    if (!atlas_pack(a, w, h, &out->rect))
        return false;
    a->pixels = xgrow(a->pixels, &a->pixels_cap, (size_t)w * h, sizeof(*a->pixels));
    for (int y = 0; y < h; y++) {
        const unsigned char *row = bm->buffer + (ptrdiff_t)y * bm->pitch;
        for (int x = 0; x < w; x++)
            a->pixels[y * w + x] = (uint32_t)row[x] << 24 | 0xffffff;
    }
    if (SDL_UpdateTexture(a->texture, &out->rect, a->pixels, w * 4) != 0) {
        LOG_WARN("atlas upload: %s", SDL_GetError());
        return false;
    }
    return true;
}

bool glyph_atlas_lookup(struct glyph_atlas *a, font_id font, float size_px, uint32_t glyph,
                        struct glyph_atlas_entry *out)
{
    long size26_6 = lroundf(size_px * 64);
    if (size26_6 < 64 || size26_6 > 0xfffff)
        return false;
    uint64_t key = atlas_key(font, size26_6, glyph);
    size_t mask = ATLAS_TABLE_SIZE - 1;
    size_t i = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 51) & mask;
    while (a->table[i].key) {
        if (a->table[i].key == key) {
            a->hits++;
            *out = a->table[i].entry;
            return true;
        }
        i = (i + 1) & mask;
    }
    a->misses++;
    if (a->used >= ATLAS_TABLE_SIZE * 3 / 4)
        atlas_reset(a);
    struct glyph_atlas_entry e;
    if (!atlas_rasterize(a, font, size26_6, glyph, &e)) {
        /* Texture full: twice the side while it may grow (a new, empty texture), else start
         * over; retry once; a glyph bigger than the atlas is skipped. */
        int bigger = a->side * 2 < a->max_side ? a->side * 2 : a->max_side;
        SDL_Texture *tex = bigger > a->side ? atlas_texture(a->renderer, bigger) : NULL;
        if (tex) {
            SDL_DestroyTexture(a->texture);
            a->texture = tex;
            a->side = bigger;
            LOG_DBG("atlas grows to %dx%d", bigger, bigger);
        }
        atlas_reset(a);
        if (!atlas_rasterize(a, font, size26_6, glyph, &e))
            return false;
    }
    i = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 51) & mask;
    while (a->table[i].key)
        i = (i + 1) & mask;
    a->table[i] = (struct atlas_slot){.key = key, .entry = e};
    a->used++;
    *out = e;
    return true;
}

SDL_Texture *glyph_atlas_texture(const struct glyph_atlas *a)
{
    return a->texture;
}

uint32_t glyph_atlas_generation(const struct glyph_atlas *a)
{
    return a->generation;
}

void glyph_atlas_stats(const struct glyph_atlas *a, uint64_t *hits, uint64_t *misses)
{
    *hits = a->hits;
    *misses = a->misses;
}
