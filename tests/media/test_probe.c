/* media_probe: formats, sizes and EXIF orientation from headers; refusals with their messages. */
#include <SDL_image.h>
#include <stdlib.h>
#include <string.h>

#include "media/probe.h"
#include "media_test.h"

static void test_png_and_jpeg(void)
{
    struct image_info info;
    char err[256];
    SDL_Surface *s = fixture_quadrants(37, 23);
    fixture_write_png(fixture_path("a.png"), s);
    CHECK_MSG(image_probe(fixture_path("a.png"), &info, err, sizeof err), "%s", err);
    CHECK(info.format == IMAGE_FORMAT_PNG && info.width == 37 && info.height == 23);
    CHECK(info.orientation == 1 && info.display_width == 37 && info.display_height == 23);

    size_t len;
    uint8_t *jpeg = fixture_jpeg(s, 0, &len);
    fixture_write(fixture_path("a.jpg"), jpeg, len);
    CHECK_MSG(image_probe(fixture_path("a.jpg"), &info, err, sizeof err), "%s", err);
    CHECK(info.format == IMAGE_FORMAT_JPEG && info.width == 37 && info.height == 23);
    CHECK(info.orientation == 1);
    CHECK(strcmp(image_format_name(info.format), "JPEG") == 0);

    if (SDL_SaveBMP(s, fixture_path("a.bmp")) == 0) {
        CHECK_MSG(image_probe(fixture_path("a.bmp"), &info, err, sizeof err), "%s", err);
        CHECK(info.format == IMAGE_FORMAT_BMP && info.width == 37 && info.height == 23);
    }
    free(jpeg);
    SDL_FreeSurface(s);
}

static void test_exif_orientations(void)
{
    SDL_Surface *s = fixture_quadrants(40, 20);
    size_t len;
    uint8_t *jpeg = fixture_jpeg(s, 0, &len);
    for (int big = 0; big <= 1; big++) {
        for (int o = 1; o <= 8; o++) {
            size_t n;
            uint8_t *e = fixture_with_exif(jpeg, len, o, big, &n);
            struct image_info info;
            char err[256];
            CHECK_MSG(image_probe_memory(e, n, &info, err, sizeof err), "%s", err);
            CHECK_MSG(info.orientation == o, "orientation %d read as %d (%s)", o, info.orientation,
                      big ? "MM" : "II");
            CHECK(info.width == 40 && info.height == 20);
            bool swap = o >= 5;
            CHECK(info.display_width == (swap ? 20 : 40));
            CHECK(info.display_height == (swap ? 40 : 20));
            free(e);
        }
    }
    /* Out-of-range orientation values mean "as stored". */
    size_t n;
    uint8_t *e = fixture_with_exif(jpeg, len, 9, true, &n);
    struct image_info info;
    char err[256];
    CHECK(image_probe_memory(e, n, &info, err, sizeof err) && info.orientation == 1);
    free(e);
    free(jpeg);
    SDL_FreeSurface(s);
}

static void test_bomb(void)
{
    size_t len;
    uint8_t *bomb = fixture_png_bomb(20000, 20000, &len);
    CHECK(len < 200);
    fixture_write(fixture_path("bomb.png"), bomb, len);
    struct image_info info;
    char err[256];
    CHECK_MSG(image_probe(fixture_path("bomb.png"), &info, err, sizeof err), "%s", err);
    CHECK(info.width == 20000 && info.height == 20000);
    CHECK(!image_check_limits(&info, 0, err, sizeof err));
    CHECK_MSG(strcmp(err, "image is 20000x20000 (400.0 megapixels), over the limit of "
                          "40.0 megapixels") == 0,
              "%s", err);
    /* The chunks decide, not the pixels: the first 33 bytes (signature and IHDR) alone are a
     * truncated file, since the decoder would read past them. */
    CHECK(!image_probe_memory(bomb, 33, &info, err, sizeof err) &&
          strstr(err, "truncated PNG: the file ends at byte 33, before IEND"));
    /* A configurable limit, and the side limit whatever the pixel count. */
    info.width = 3000, info.height = 2000;
    CHECK(image_check_limits(&info, 0, err, sizeof err));
    CHECK(!image_check_limits(&info, 5000000, err, sizeof err));
    CHECK_MSG(strstr(err, "3000x2000 (6.0 megapixels)") && strstr(err, "limit of 5.0"), "%s", err);
    info.width = 65501, info.height = 1;
    CHECK(!image_check_limits(&info, 0, err, sizeof err));
    CHECK_MSG(strstr(err, "65500") != NULL, "%s", err);
    info.width = 0;
    CHECK(!image_check_limits(&info, 0, err, sizeof err));
    free(bomb);
}

static void expect_refused(const void *data, size_t len, const char *want)
{
    struct image_info info;
    char err[256] = "";
    CHECK_MSG(!image_probe_memory(data, len, &info, err, sizeof err), "accepted (%s)", want);
    CHECK_MSG(strstr(err, want) != NULL, "got \"%s\", expected \"%s\"", err, want);
}

static void test_refusals(void)
{
    SDL_Surface *s = fixture_quadrants(16, 16);
    size_t len;
    uint8_t *jpeg = fixture_jpeg(s, 0, &len);
    size_t blen;
    uint8_t *png = fixture_png_bomb(100, 100, &blen);

    expect_refused("", 0, "empty file");
    expect_refused("hello, world, this is not an image", 34, "not a PNG, JPEG");
    expect_refused(png, 20, "truncated PNG");
    expect_refused(jpeg, 4, "truncated JPEG");
    expect_refused(jpeg, 40, "truncated JPEG");
    uint8_t bad[64];
    memcpy(bad, jpeg, sizeof bad);
    bad[2] = 0xFF, bad[3] = 0xDA; /* image data before any frame header */
    expect_refused(bad, sizeof bad, "before the frame header");
    uint8_t zero_ihdr[33];
    memcpy(zero_ihdr, png, sizeof zero_ihdr);
    memset(zero_ihdr + 16, 0, 4);
    expect_refused(zero_ihdr, sizeof zero_ihdr, "invalid size 0x100");
    expect_refused("GIF89a\x10\x00\x10\x00\x00\x00\x00", 13, "truncated GIF");
    expect_refused("RIFF\0\0\0\0WEBPVP8 ", 16, "truncated WebP");

    /* A missing file and a directory name the path. */
    struct image_info info;
    char err[256];
    CHECK(!image_probe(fixture_path("missing.png"), &info, err, sizeof err));
    CHECK(strstr(err, "missing.png: cannot open") != NULL);
    CHECK(!image_probe(fixture_dir(), &info, err, sizeof err));
    CHECK(strstr(err, "not a regular file") != NULL);
    fixture_write(fixture_path("zero.png"), "", 0);
    CHECK(!image_probe(fixture_path("zero.png"), &info, err, sizeof err));
    CHECK_MSG(strstr(err, "zero.png: empty file") != NULL, "%s", err);
    free(png);
    free(jpeg);
    SDL_FreeSurface(s);
}

static void test_webp_gif_headers(void)
{
    struct image_info info;
    char err[256];
    /* VP8L: signature 0x2f, then 14 bits width-1 and 14 bits height-1. */
    uint8_t vp8l[30] = "RIFF\0\0\0\0WEBPVP8L\0\0\0\0";
    uint32_t bits = (300 - 1) | (200 - 1) << 14;
    vp8l[20] = 0x2f;
    for (int i = 0; i < 4; i++)
        vp8l[21 + i] = (uint8_t)(bits >> (8 * i));
    CHECK_MSG(image_probe_memory(vp8l, sizeof vp8l, &info, err, sizeof err), "%s", err);
    CHECK(info.format == IMAGE_FORMAT_WEBP && info.width == 300 && info.height == 200);
    /* VP8X canvas of 70000x3: 24-bit sizes get past 16 bits, and the limits catch them. */
    uint8_t vp8x[30] = "RIFF\0\0\0\0WEBPVP8X\x0a\0\0\0";
    uint32_t w1 = 70000 - 1, h1 = 3 - 1;
    for (int i = 0; i < 3; i++) {
        vp8x[24 + i] = (uint8_t)(w1 >> (8 * i));
        vp8x[27 + i] = (uint8_t)(h1 >> (8 * i));
    }
    CHECK_MSG(image_probe_memory(vp8x, sizeof vp8x, &info, err, sizeof err), "%s", err);
    CHECK(info.width == 70000 && info.height == 3);
    CHECK(!image_check_limits(&info, 0, err, sizeof err));

    /* GIF: 16x8 canvas, no colour table, a comment extension, a 16x8 frame, the trailer. */
    static const uint8_t gif[] = "GIF89a\x10\x00\x08\x00\x00\x00\x00"
                                 "\x21\xfe\x03"
                                 "abc\x00"
                                 "\x2c\x00\x00\x00\x00\x10\x00\x08\x00\x00"
                                 "\x02\x02\x4c\x01\x00\x3b";
    CHECK_MSG(image_probe_memory(gif, sizeof gif - 1, &info, err, sizeof err), "%s", err);
    CHECK(info.format == IMAGE_FORMAT_GIF && info.width == 16 && info.height == 8);
    /* A frame bigger than its canvas would get a huge decode past a tiny declared size. */
    static const uint8_t liar[] = "GIF89a\x10\x00\x08\x00\x00\x00\x00"
                                  "\x2c\x00\x00\x00\x00\x30\x75\x30\x75\x00";
    expect_refused(liar, sizeof liar - 1, "exceeds the 16x8 canvas");
    /* Stray bytes would let SDL_image resynchronise on a frame we never checked (found by
     * fuzzing: a 6537x103 canvas decoded as 65282x29665). */
    static const uint8_t stray[] = "GIF89a\x10\x00\x08\x00\x00\x00\x00"
                                   "\x2c\x00\x00\x00\x00\x10\x00\x08\x00\x00"
                                   "\x02\x02\x4c\x01\x00"
                                   "junk\x2c\x00\x00\x00\x00\x02\xff\xe1\x73\x00";
    expect_refused(stray, sizeof stray - 1, "unexpected byte");
    static const uint8_t bad_lzw[] = "GIF89a\x10\x00\x08\x00\x00\x00\x00"
                                     "\x2c\x00\x00\x00\x00\x10\x00\x08\x00\x00"
                                     "\x49\x02\x4c\x01\x00\x3b";
    expect_refused(bad_lzw, sizeof bad_lzw - 1, "LZW code size 73");
}

static void test_fit_size(void)
{
    int w, h;
    image_fit_size(4000, 3000, 1920, 1080, false, &w, &h);
    CHECK(w == 1440 && h == 1080);
    image_fit_size(4000, 3000, 1920, 1080, true, &w, &h);
    CHECK(w == 1920 && h == 1440);
    image_fit_size(3000, 4000, 1080, 1920, false, &w, &h);
    CHECK(w == 1080 && h == 1440);
    image_fit_size(10, 10, 1920, 1080, false, &w, &h);
    CHECK(w == 1080 && h == 1080);
}

int main(void)
{
    test_png_and_jpeg();
    test_exif_orientations();
    test_bomb();
    test_refusals();
    test_webp_gif_headers();
    test_fit_size();
    fixture_cleanup();
    return check_summary();
}
