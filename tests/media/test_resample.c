/* media_resample: the scaler's averages, alpha handling, exact sizes, and the DCT scale choice. */
#include <stdlib.h>
#include <string.h>

#include "media/decode.h"
#include "media/resample.h"
#include "media_test.h"

static SDL_Surface *rgba(int w, int h)
{
    return SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
}

static uint8_t *px(SDL_Surface *s, int x, int y)
{
    return (uint8_t *)s->pixels + (size_t)y * s->pitch + (size_t)x * 4;
}

static void set(SDL_Surface *s, int x, int y, int r, int g, int b, int a)
{
    uint8_t *p = px(s, x, y);
    p[0] = (uint8_t)r, p[1] = (uint8_t)g, p[2] = (uint8_t)b, p[3] = (uint8_t)a;
}

static void test_area_average(void)
{
    char err[256];
    /* 4x1 of 0, 100, 200, 40 shrinks to 2x1 of the pair averages. */
    SDL_Surface *s = rgba(4, 1);
    int v[4] = {0, 100, 200, 40};
    for (int x = 0; x < 4; x++)
        set(s, x, 0, v[x], v[x], v[x], 255);
    SDL_Surface *d = image_resample(s, 2, 1, err, sizeof err);
    CHECK(d && d->w == 2 && d->h == 1 && d->format->format == SDL_PIXELFORMAT_RGBA32);
    CHECK(d && abs(px(d, 0, 0)[0] - 50) <= 1 && abs(px(d, 1, 0)[0] - 120) <= 1);
    CHECK(d && px(d, 0, 0)[3] == 255);
    SDL_FreeSurface(d);
    /* 3 -> 2 (1.5:1): each output weighs 1 + 0.5 sources: (0 + 50) / 1.5 and (50 + 200) / 1.5. */
    SDL_FreeSurface(s);
    s = rgba(3, 1);
    set(s, 0, 0, 0, 0, 0, 255), set(s, 1, 0, 100, 100, 100, 255), set(s, 2, 0, 200, 200, 200, 255);
    d = image_resample(s, 2, 1, err, sizeof err);
    CHECK(d && abs(px(d, 0, 0)[0] - 33) <= 1 && abs(px(d, 1, 0)[0] - 167) <= 1);
    SDL_FreeSurface(d);
    SDL_FreeSurface(s);
}

static void test_alpha_does_not_bleed(void)
{
    char err[256];
    /* Opaque red beside fully transparent green: the average is half-transparent pure red. */
    SDL_Surface *s = rgba(2, 2);
    for (int y = 0; y < 2; y++) {
        set(s, 0, y, 255, 0, 0, 255);
        set(s, 1, y, 0, 255, 0, 0);
    }
    SDL_Surface *d = image_resample(s, 1, 1, err, sizeof err);
    CHECK(d && px(d, 0, 0)[0] == 255 && px(d, 0, 0)[1] == 0 && abs(px(d, 0, 0)[3] - 128) <= 1);
    SDL_FreeSurface(d);
    SDL_FreeSurface(s);
}

static void test_sizes_and_formats(void)
{
    char err[256];
    SDL_Surface *q = fixture_quadrants(64, 48);
    static const int sizes[][2] = {{1, 1}, {7, 3}, {32, 24}, {64, 48}, {100, 75}, {200, 10}};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        SDL_Surface *d = image_resample(q, sizes[i][0], sizes[i][1], err, sizeof err);
        CHECK(d && d->w == sizes[i][0] && d->h == sizes[i][1]);
        SDL_FreeSurface(d);
    }
    /* Upscale keeps the quadrants; same size is the identity. */
    SDL_Surface *d = image_resample(q, 128, 96, err, sizeof err);
    CHECK(fixture_pixel_near(d, 5, 5, 255, 0, 0, 0) &&
          fixture_pixel_near(d, 122, 90, 255, 255, 255, 0));
    SDL_FreeSurface(d);
    d = image_resample(q, 64, 48, err, sizeof err);
    CHECK(d && memcmp(d->pixels, q->pixels, (size_t)q->pitch * q->h) == 0);
    SDL_FreeSurface(d);
    /* Other pixel formats (RGB24 as SDL_image gives for opaque PNGs) convert row by row. */
    SDL_Surface *rgb = SDL_ConvertSurfaceFormat(q, SDL_PIXELFORMAT_RGB24, 0);
    d = image_resample(rgb, 32, 24, err, sizeof err);
    CHECK(d && fixture_pixel_near(d, 2, 2, 255, 0, 0, 0) &&
          fixture_pixel_near(d, 29, 2, 0, 255, 0, 0));
    CHECK(d && fixture_pixel_near(d, 2, 21, 0, 0, 255, 0) && px(d, 2, 21)[3] == 255);
    SDL_FreeSurface(d);
    SDL_FreeSurface(rgb);
    /* Paletted with a colour key: the key becomes transparent. */
    SDL_Surface *pal = SDL_CreateRGBSurfaceWithFormat(0, 4, 4, 8, SDL_PIXELFORMAT_INDEX8);
    SDL_Color colors[2] = {{0, 0, 0, 255}, {10, 200, 30, 255}};
    SDL_SetPaletteColors(pal->format->palette, colors, 0, 2);
    memset(pal->pixels, 1, (size_t)pal->pitch * 4);
    ((uint8_t *)pal->pixels)[0] = 0;
    SDL_SetColorKey(pal, SDL_TRUE, 0);
    d = image_resample(pal, 4, 4, err, sizeof err);
    CHECK(d && px(d, 0, 0)[3] == 0 && px(d, 1, 0)[3] == 255 && px(d, 1, 0)[1] == 200);
    SDL_FreeSurface(d);
    SDL_FreeSurface(pal);
    SDL_FreeSurface(q);
}

static void test_orient(void)
{
    char err[256];
    SDL_Surface *q = fixture_quadrants(8, 4);
    for (int o = 1; o <= 8; o++) {
        /* Turning the stored pixels of orientation o must give back the display picture. */
        SDL_Surface *stored = fixture_stored_for(q, o);
        SDL_Surface *back = image_orient(stored, o, err, sizeof err);
        CHECK_MSG(back && back->w == 8 && back->h == 4 &&
                      memcmp(back->pixels, q->pixels, (size_t)q->pitch * q->h) == 0,
                  "orientation %d", o);
        SDL_FreeSurface(back);
        SDL_FreeSurface(stored);
    }
    SDL_FreeSurface(q);
}

static void test_pick_scale(void)
{
    /* libjpeg-turbo 2.1's list, largest first, as tjGetScalingFactors() returns it. */
    static const struct image_scale tj[] = {
        {2, 1}, {15, 8}, {7, 4}, {13, 8}, {3, 2}, {11, 8}, {5, 4}, {9, 8},
        {1, 1}, {7, 8},  {3, 4}, {5, 8},  {1, 2}, {3, 8},  {1, 4}, {1, 8},
    };
    static const struct {
        int sw, sh, nw, nh, num, denom;
    } cases[] = {
        {4000, 3000, 1920, 1080, 1, 2}, /* 12 MP to 1080p: 2000x1500 */
        {4000, 3000, 2000, 1500, 1, 2}, /* exactly half fits */
        {4000, 3000, 2001, 1500, 5, 8}, /* one pixel more needs the next factor */
        {4000, 3000, 1000, 750, 1, 4},  /* a quarter */
        {4000, 3000, 100, 100, 1, 8},   /* smallest factor */
        {4000, 3000, 4000, 3000, 1, 1}, /* full size */
        {1000, 800, 1920, 1080, 1, 1},  /* smaller than needed: no DCT upscale */
        {3000, 4000, 1080, 1440, 3, 8}, /* portrait: 1125x1500 */
        {6000, 4000, 3840, 2160, 3, 4}, /* 24 MP to 4K: 5/8 gives 3750 < 3840 */
        {1001, 1001, 126, 126, 1, 8},   /* ceil(1001/8) = 126, as TJSCALED rounds up */
        {1001, 1001, 127, 127, 1, 4},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct image_scale f = jpeg_pick_scale(cases[i].sw, cases[i].sh, cases[i].nw, cases[i].nh,
                                               tj, (int)(sizeof tj / sizeof tj[0]));
        CHECK_MSG(f.num == cases[i].num && f.denom == cases[i].denom,
                  "case %zu: %dx%d for %dx%d: got %d/%d, expected %d/%d", i, cases[i].sw,
                  cases[i].sh, cases[i].nw, cases[i].nh, f.num, f.denom, cases[i].num,
                  cases[i].denom);
    }
    /* No factors at all: full size. */
    struct image_scale f = jpeg_pick_scale(4000, 3000, 10, 10, NULL, 0);
    CHECK(f.num == 1 && f.denom == 1);
}

int main(void)
{
    test_area_average();
    test_alpha_does_not_bleed();
    test_sizes_and_formats();
    test_orient();
    test_pick_scale();
    return check_summary();
}
