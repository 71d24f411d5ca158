/* media_decode: exact output sizes, EXIF orientation applied (all 8), grey and CMYK JPEGs,
 * progressive JPEGs, and refusals of bombs, truncated, corrupt and empty files. */
#include <SDL_image.h>
#include <stdlib.h>
#include <string.h>
#include <turbojpeg.h>

#include "media/decode.h"
#include "media/probe.h"
#include "media_test.h"

/* The four quadrant colours of a decoded surface, sampled at quadrant centres. */
static bool quadrants_are(SDL_Surface *s, const int want[4][3], int tol)
{
    int xs[2] = {s->w / 4, s->w * 3 / 4}, ys[2] = {s->h / 4, s->h * 3 / 4};
    bool ok = true;
    for (int q = 0; q < 4; q++)
        ok &= fixture_pixel_near(s, xs[q % 2], ys[q / 2], want[q][0], want[q][1], want[q][2], tol);
    return ok;
}

static const int quad[4][3] = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 255}};

static SDL_Surface *decode(const char *name, int w, int h, char *err, size_t errlen)
{
    return image_decode_scaled(fixture_path(name), w, h, 0, err, errlen);
}

static void test_png_sizes(void)
{
    char err[256];
    SDL_Surface *q = fixture_quadrants(64, 48);
    fixture_write_png(fixture_path("q.png"), q);
    static const int sizes[][2] = {{32, 24}, {200, 150}, {10, 40}, {64, 48}, {1, 1}};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        SDL_Surface *s = decode("q.png", sizes[i][0], sizes[i][1], err, sizeof err);
        CHECK_MSG(s, "%s", err);
        if (!s)
            continue;
        CHECK(s->w == sizes[i][0] && s->h == sizes[i][1]);
        CHECK(s->format->format == SDL_PIXELFORMAT_RGBA32);
        if (s->w >= 8)
            CHECK(quadrants_are(s, quad, 2));
        SDL_FreeSurface(s);
    }
    SDL_FreeSurface(q);
}

static void test_jpeg_scaled(void)
{
    char err[256];
    SDL_Surface *q = fixture_quadrants(1600, 1200);
    size_t len;
    uint8_t *jpeg = fixture_jpeg(q, 0, &len);
    fixture_write(fixture_path("big.jpg"), jpeg, len);
    static const int sizes[][2] = {{400, 300}, {333, 250}, {1600, 1200}, {1920, 1080}, {37, 5}};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        SDL_Surface *s = decode("big.jpg", sizes[i][0], sizes[i][1], err, sizeof err);
        CHECK_MSG(s, "%s", err);
        if (!s)
            continue;
        CHECK(s->w == sizes[i][0] && s->h == sizes[i][1]);
        CHECK(quadrants_are(s, quad, 12));
        SDL_FreeSurface(s);
    }
    free(jpeg);
    /* Progressive encoding decodes the same. */
    jpeg = fixture_jpeg(q, TJFLAG_PROGRESSIVE, &len);
    fixture_write(fixture_path("prog.jpg"), jpeg, len);
    SDL_Surface *s = decode("prog.jpg", 320, 240, err, sizeof err);
    CHECK_MSG(s && s->w == 320 && s->h == 240 && quadrants_are(s, quad, 12), "%s", err);
    SDL_FreeSurface(s);
    free(jpeg);
    SDL_FreeSurface(q);
}

static void test_orientations(void)
{
    char err[256];
    /* The picture as it should appear: 64x32, landscape. */
    SDL_Surface *display = fixture_quadrants(64, 32);
    for (int o = 1; o <= 8; o++) {
        SDL_Surface *stored = fixture_stored_for(display, o);
        size_t len, n;
        uint8_t *jpeg = fixture_jpeg(stored, 0, &len);
        uint8_t *exif = fixture_with_exif(jpeg, len, o, o % 2 == 0, &n);
        char name[32];
        snprintf(name, sizeof name, "orient%d.jpg", o);
        fixture_write(fixture_path(name), exif, n);
        /* Whatever the stored shape, the caller asks for display size. */
        static const int sizes[][2] = {{64, 32}, {32, 16}, {100, 50}};
        for (int i = 0; i < 3; i++) {
            SDL_Surface *s = decode(name, sizes[i][0], sizes[i][1], err, sizeof err);
            CHECK_MSG(s, "%s", err);
            if (!s)
                continue;
            CHECK(s->w == sizes[i][0] && s->h == sizes[i][1]);
            CHECK_MSG(quadrants_are(s, quad, 16), "orientation %d at %dx%d", o, s->w, s->h);
            SDL_FreeSurface(s);
        }
        free(exif);
        free(jpeg);
        SDL_FreeSurface(stored);
    }
    SDL_FreeSurface(display);
}

static void test_gray_and_cmyk(void)
{
    char err[256];
    SDL_Surface *q = fixture_quadrants(64, 64);
    size_t len;
    uint8_t *gray = fixture_jpeg_gray(q, &len);
    fixture_write(fixture_path("gray.jpg"), gray, len);
    SDL_Surface *s = decode("gray.jpg", 32, 32, err, sizeof err);
    CHECK_MSG(s, "%s", err);
    if (s) {
        /* BT.601 luma: red 76, green 150, blue 29, white 255. */
        static const int luma[4][3] = {
            {76, 76, 76}, {150, 150, 150}, {29, 29, 29}, {255, 255, 255}};
        CHECK(quadrants_are(s, luma, 4));
        SDL_FreeSurface(s);
    }
    uint8_t *cmyk = fixture_jpeg_cmyk(q, &len);
    fixture_write(fixture_path("cmyk.jpg"), cmyk, len);
    struct image_info info;
    CHECK(image_probe(fixture_path("cmyk.jpg"), &info, err, sizeof err) && info.width == 64);
    s = decode("cmyk.jpg", 32, 32, err, sizeof err);
    CHECK_MSG(s, "%s", err);
    if (s) {
        CHECK(quadrants_are(s, quad, 16));
        SDL_FreeSurface(s);
    }
    free(gray);
    free(cmyk);
    SDL_FreeSurface(q);
}

static void expect_refused(const char *name, const char *want)
{
    char err[256] = "";
    SDL_Surface *s = decode(name, 32, 32, err, sizeof err);
    CHECK_MSG(!s, "%s decoded", name);
    SDL_FreeSurface(s);
    CHECK_MSG(strstr(err, name) && strstr(err, want), "%s: got \"%s\", expected \"%s\"", name, err,
              want);
}

static void test_refusals(void)
{
    char err[256];
    size_t len;
    uint8_t *bomb = fixture_png_bomb(20000, 20000, &len);
    fixture_write(fixture_path("bomb.png"), bomb, len);
    /* Refused by the limit check, from the header: a decode attempt would have failed with a
     * libpng or allocation message instead. */
    expect_refused("bomb.png", "image is 20000x20000 (400.0 megapixels), over the limit of 40.0");
    free(bomb);

    SDL_Surface *q = fixture_quadrants(256, 256);
    uint8_t *jpeg = fixture_jpeg(q, 0, &len);
    fixture_write(fixture_path("cut.jpg"), jpeg, len * 6 / 10);
    expect_refused("cut.jpg", "truncated JPEG");
    free(jpeg);
    jpeg = fixture_jpeg(q, TJFLAG_PROGRESSIVE, &len);
    fixture_write(fixture_path("cutprog.jpg"), jpeg, len * 6 / 10);
    expect_refused("cutprog.jpg", "truncated JPEG");
    free(jpeg);

    fixture_write_png(fixture_path("full.png"), q);
    char *png;
    size_t png_len;
    FILE *f = fopen(fixture_path("full.png"), "rb");
    fseek(f, 0, SEEK_END);
    png_len = (size_t)ftell(f);
    rewind(f);
    png = malloc(png_len);
    CHECK(fread(png, 1, png_len, f) == png_len);
    fclose(f);
    fixture_write(fixture_path("cut.png"), png, png_len / 2);
    expect_refused("cut.png", "truncated PNG");
    free(png);

    static const char garbage[] = "\x01\x02\x03 definitely not an image";
    fixture_write(fixture_path("garbage.jpg"), garbage, sizeof garbage - 1);
    expect_refused("garbage.jpg", "not a PNG, JPEG, WebP, GIF or BMP image");
    fixture_write(fixture_path("empty.png"), "", 0);
    expect_refused("empty.png", "empty file");
    expect_refused("missing.png", "cannot open");

    /* Configurable limit, and output sizes out of range. */
    SDL_Surface *s = image_decode_scaled(fixture_path("full.png"), 32, 32, 1000, err, sizeof err);
    CHECK(!s && strstr(err, "over the limit of 0.0 megapixels"));
    s = image_decode_scaled(fixture_path("full.png"), 0, 32, 0, err, sizeof err);
    CHECK(!s && strstr(err, "outside 1..16384"));
    SDL_FreeSurface(q);
}

/* Flipped bytes anywhere must end in an image or a message, never a crash (the sanitizer run
 * checks reads too). */
static void test_corruption_does_not_crash(void)
{
    char err[256];
    SDL_Surface *q = fixture_quadrants(48, 40);
    size_t len;
    uint8_t *jpeg = fixture_jpeg(q, TJFLAG_PROGRESSIVE, &len);
    uint8_t *copy = malloc(len);
    srand(12345);
    int decoded = 0, refused = 0;
    for (int i = 0; i < 300; i++) {
        memcpy(copy, jpeg, len);
        for (int k = 0; k < 1 + i % 4; k++)
            copy[(size_t)rand() % len] = (uint8_t)rand();
        SDL_Surface *s = image_decode_scaled_memory(copy, len, 24, 20, 0, err, sizeof err);
        if (s) {
            CHECK(s->w == 24 && s->h == 20);
            decoded++;
        } else {
            CHECK(err[0] != 0);
            refused++;
        }
        SDL_FreeSurface(s);
    }
    CHECK(decoded > 0 && refused > 0);
    free(copy);
    free(jpeg);
    SDL_FreeSurface(q);
}

int main(void)
{
    test_png_sizes();
    test_jpeg_scaled();
    test_orientations();
    test_gray_and_cmyk();
    test_refusals();
    test_corruption_does_not_crash();
    fixture_cleanup();
    return check_summary();
}
