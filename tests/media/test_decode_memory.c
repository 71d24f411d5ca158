/* The decoder's peak memory against its estimate (image_decode_peak) and the budget.
 *
 * Pictures of every format and depth the kiosk takes are made with ImageMagick at test time, and
 * each is decoded to 1920x1080 in a fresh process (this program run again with --decode), whose
 * peak resident memory (getrusage) is compared with the estimate: the estimate must be an upper
 * bound, or a picture `kiosk check` accepted could still exhaust a 1 GB Raspberry Pi. Pictures
 * over the budget are refused before any decoding, with a message naming size, depth, estimate
 * and budget.
 *
 * Under AddressSanitizer the allocator keeps freed memory in quarantine, and ThreadSanitizer's
 * shadow memory grows with the memory used, so peaks are printed but not compared. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/sanitizer.h"
#include "media/decode.h"
#include "media/decode_memory.h"
#include "media/probe.h"
#include "media_test.h"

#include "base/sanitizer.h"

#define OUT_W 1920
#define OUT_H 1080

static long rss_now_kb(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long pages = 0, resident = 0;
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        fclose(f);
    }
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

/* Child: decode one file, print the resident memory before and the peak after, in KiB. */
static int decode_child(const char *path)
{
    char err[512];
    long before = rss_now_kb();
    SDL_Surface *s = image_decode_scaled(path, OUT_W, OUT_H, 0, err, sizeof err);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("%ld %ld\n", before, ru.ru_maxrss);
    if (!s) {
        fprintf(stderr, "%s\n", err);
        return 3;
    }
    SDL_FreeSurface(s);
    return 0;
}

/* Runs the child on path; the growth of its resident memory during the decode, in bytes, or -1. */
static int64_t measure(const char *self, const char *path)
{
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        execl(self, self, "--decode", path, (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    char buf[128] = "";
    ssize_t n = read(fds[0], buf, sizeof buf - 1);
    close(fds[0]);
    int status;
    waitpid(pid, &status, 0);
    long before = 0, peak = 0;
    if (n <= 0 || sscanf(buf, "%ld %ld", &before, &peak) != 2 || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0)
        return -1;
    return (int64_t)(peak - before) * 1024;
}

struct picture {
    const char *name;
    const char *convert; /* ImageMagick arguments; the output file's name follows them */
};

/* clang-format off */
static const struct picture pictures[] = {
    /* The picture of the issue: 40 megapixels of a flat colour, 16 bits per sample, as RGB and
     * as grey (which SDL_image decodes to 8-bit indexed, then expands to RGBA: the 200 MB). */
    {"flat16.png", "-size 8000x5000 xc:#3366cc -depth 16 PNG48:"},
    {"grey16.png", "-size 8000x5000 xc:#777777 -depth 16 -define png:color-type=0 PNG:"},
    {"rgba16-interlaced.png",
     "-size 3000x2000 xc:#3366cc -alpha set -channel A -evaluate set 60% +channel "
     "-depth 16 -interlace PNG PNG64:"},
    {"palette.png", "-size 3000x2000 xc:#3366cc -type Palette PNG8:"},
    {"rgb8.png", "-size 3000x2000 xc:#3366cc PNG24:"},
    {"baseline.jpg", "-size 6000x4000 xc:#3366cc -quality 90 "},
    {"progressive.jpg", "-size 6000x4000 xc:#3366cc -interlace JPEG -quality 90 "},
    {"progressive444.jpg", "-size 4000x3000 xc:#3366cc -interlace JPEG -sampling-factor 1x1 "},
    {"cmyk.jpg", "-size 4000x3000 xc:#3366cc -colorspace CMYK "},
    {"lossless.webp", "-size 3000x2000 xc:#3366cc -define webp:lossless=true "},
    {"lossy.webp", "-size 3000x2000 xc:#3366cc -quality 80 "},
    {"image.gif", "-size 3000x2000 xc:#3366cc "},
    {"palette.bmp", "-size 3000x2000 xc:#3366cc -type Palette BMP3:"},
    {"rgb.bmp", "-size 3000x2000 xc:#3366cc -type TrueColor BMP3:"},
};
/* clang-format on */

static bool have_convert(void)
{
    return system("convert -version >/dev/null 2>&1") == 0;
}

static void test_measured(const char *self)
{
    printf("%-24s %-52s %9s %9s\n", "picture", "as probed", "measured", "estimate");
    for (size_t i = 0; i < sizeof pictures / sizeof pictures[0]; i++) {
        const struct picture *p = &pictures[i];
        const char *path = fixture_path(p->name);
        char cmd[1024];
        snprintf(cmd, sizeof cmd, "convert %s%s", p->convert, path);
        if (system(cmd) != 0) {
            CHECK_MSG(false, "could not make %s: %s", p->name, cmd);
            continue;
        }
        struct image_info info;
        char err[512];
        CHECK_MSG(image_probe(path, &info, err, sizeof err), "%s", err);
        int64_t estimate = image_decode_peak(&info, OUT_W, OUT_H);
        int64_t measured = measure(self, path);
        char kind[96];
        snprintf(kind, sizeof kind, "%dx%d %d-bit %dc%s%s%s%s", info.width, info.height,
                 info.bit_depth, info.components, info.indexed ? " indexed" : "",
                 info.colour_key ? " key" : "", info.interlaced ? " interlaced" : "",
                 info.jpeg_coefficient_bytes ? " coefficients" : "");
        printf("%-24s %-52s %6lld MB %6lld MB\n", p->name, kind, (long long)(measured >> 20),
               (long long)(estimate >> 20));
        CHECK_MSG(measured > 0, "%s: the decode failed", p->name);
        /* What the player is asked to show has passed the check at screen size. */
        CHECK_MSG(image_check_limits(&info, 0, err, sizeof err), "%s: %s", p->name, err);
        if (!KIOSK_UNDER_SANITIZER)
            CHECK_MSG(measured <= estimate, "%s: measured %lld bytes, estimated only %lld", p->name,
                      (long long)measured, (long long)estimate);
        remove(path);
    }
    if (KIOSK_UNDER_SANITIZER)
        printf("(AddressSanitizer or ThreadSanitizer: peaks not compared)\n");
}

/* Header-only files: the checks refuse them before a byte of pixels is decoded. */
static void test_refused(void)
{
    /* A lossless WebP of 6000x6000 (36 megapixels, under the pixel limit): libwebp's ARGB
     * buffer and SDL's surface, 288 MB. The header is all the probe reads. */
    uint8_t webp[30] = "RIFF\0\0\0\0WEBPVP8L";
    webp[16] = 10;
    webp[20] = 0x2f;
    uint32_t bits = (6000 - 1) | (uint32_t)(6000 - 1) << 14;
    for (int i = 0; i < 4; i++)
        webp[21 + i] = (uint8_t)(bits >> (8 * i));
    const char *path = fixture_path("huge-lossless.webp");
    fixture_write(path, webp, sizeof webp);
    struct image_info info;
    char err[512] = "";
    CHECK(image_probe(path, &info, err, sizeof err));
    CHECK_MSG(!image_check_limits(&info, 0, err, sizeof err), "accepted");
    CHECK_MSG(strstr(err, "6000x6000, lossless WebP (30 bytes file): decoding it takes about ") &&
                  strstr(err, "over the budget of 256 MiB for one picture"),
              "message: %s", err);
    SDL_Surface *s = image_decode_scaled(path, OUT_W, OUT_H, 0, err, sizeof err);
    CHECK_MSG(!s && strstr(err, path) && strstr(err, "over the budget"), "decode: %s", err);
    SDL_FreeSurface(s);

    /* A 16-bit RGBA PNG of 7000x5500 with a transparent colour: 154 MB decoded and expanded
     * again to RGBA: refused, naming its depth. */
    uint8_t png[64] = "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR";
    const uint8_t ihdr[13] = {0, 0, 0x1b, 0x58, 0, 0, 0x15, 0x7c, 16, 2, 0, 0, 0};
    memcpy(png + 16, ihdr, sizeof ihdr);
    memcpy(png + 33, "\0\0\0\x06tRNS", 8);
    memcpy(png + 51, "\0\0\0\0IEND", 8); /* every chunk inside the file, up to IEND */
    path = fixture_path("keyed16.png");
    fixture_write(path, png, sizeof png);
    CHECK(image_probe(path, &info, err, sizeof err));
    CHECK_MSG(info.bit_depth == 16 && info.colour_key && info.components == 3, "probe");
    CHECK_MSG(!image_check_limits(&info, 0, err, sizeof err) &&
                  strstr(err, "image is 7000x5500, 16-bit RGB with a transparent colour PNG"),
              "message: %s", err);
    /* Without the colour key the same picture decodes to 3 bytes a pixel and fits. */
    info.colour_key = false;
    CHECK_MSG(image_check_limits(&info, 0, err, sizeof err), "refused: %s", err);

    /* A progressive JPEG keeps all its coefficients whatever the scale: 8 bytes a pixel for
     * 4 components without subsampling. */
    struct image_info jpeg = {.format = IMAGE_FORMAT_JPEG,
                              .width = 6500,
                              .height = 6000,
                              .orientation = 1,
                              .bit_depth = 8,
                              .components = 4,
                              .interlaced = true,
                              .jpeg_coefficient_bytes = (uint64_t)6500 * 6000 * 4 * 2};
    CHECK_MSG(!image_check_decode_memory(&jpeg, OUT_W, OUT_H, err, sizeof err) &&
                  strstr(err, "8-bit 4-component progressive JPEG"),
              "message: %s", err);
    jpeg.interlaced = false;
    jpeg.jpeg_coefficient_bytes = 0;
    CHECK_MSG(image_check_decode_memory(&jpeg, OUT_W, OUT_H, err, sizeof err),
              "a one-scan JPEG decodes at 1/4 scale: %s", err);
}

/* Found by fuzz_image_decode: 263 bytes whose chunk declares 83 MB, past the end of the data.
 * SDL_image's reader ignores the short read and libpng went on reading stale bytes as chunk
 * headers, for minutes. Refused by the probe at once now. */
static const uint8_t png_chunk_past_end[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x18, 0x00, 0x00, 0x00, 0x10, 0x04, 0x00, 0x00, 0x00, 0x00, 0xec, 0xbf, 0x0d,
    0x48, 0x00, 0x00, 0x00, 0x04, 0x67, 0x41, 0x4d, 0x41, 0x00, 0x00, 0xb1, 0x8f, 0x0b, 0xfc, 0x61,
    0x05, 0x00, 0x00, 0x40, 0x02, 0x62, 0x4b, 0x47, 0x44, 0x00, 0x0f, 0x3a, 0x32, 0x3e, 0xa3, 0x00,
    0x00, 0x00, 0x07, 0x74, 0x49, 0x4d, 0x45, 0x07, 0xea, 0x0c, 0x04, 0x17, 0x01, 0x20, 0x0a, 0x85,
    0x4c, 0x6e, 0x00, 0x00, 0x00, 0x3b, 0x49, 0x44, 0x41, 0x54, 0x08, 0xd7, 0x4d, 0xc1, 0x41, 0x01,
    0x00, 0x10, 0x00, 0xc0, 0xc0, 0x55, 0x50, 0x41, 0x05, 0x15, 0x54, 0x50, 0x41, 0x05, 0x15, 0x54,
    0x50, 0x41, 0x05, 0x15, 0x54, 0x50, 0x41, 0x05, 0xbe, 0xbb, 0xe3, 0x09, 0x57, 0x38, 0xc2, 0x16,
    0x96, 0x30, 0x85, 0x21, 0x74, 0xa1, 0x09, 0x55, 0x28, 0x42, 0x16, 0x92, 0x10, 0x85, 0x20, 0xd8,
    0x07, 0x9f, 0x0c, 0x5f, 0xa1, 0x0f, 0x2e, 0x82, 0x66, 0x00, 0x00, 0x00, 0x25, 0x74, 0x45, 0x58,
    0x74, 0x64, 0x61, 0x74, 0x65, 0x3a, 0x63, 0x72, 0x65, 0x61, 0x74, 0x65, 0x00, 0x32, 0x30, 0x32,
    0x36, 0x2d, 0x31, 0x32, 0x2d, 0x30, 0x34, 0x54, 0x32, 0x33, 0x3a, 0x30, 0x31, 0x3a, 0x33, 0x32,
    0x2b, 0x30, 0x30, 0x3a, 0x30, 0x30, 0x11, 0xf9, 0x98, 0xd5, 0x00, 0x00, 0x00, 0x25, 0x74, 0x45,
    0x58, 0x74, 0x64, 0x61, 0x74, 0x65, 0x3a, 0x6d, 0x6f, 0x64, 0x69, 0x66, 0x79, 0x00, 0x32, 0x30,
    0x32, 0x36, 0x2d, 0x31, 0x32, 0x2d, 0x30, 0x34, 0x54, 0x32, 0x33, 0x3a, 0x30, 0x31, 0x3a, 0x33,
    0x32, 0x2b, 0x30, 0x30, 0x3a, 0x30, 0x30, 0x60, 0xa4, 0x20, 0x69, 0x00, 0x00, 0x00, 0x00, 0x49,
    0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

static void test_chunk_past_end(void)
{
    char err[512] = "";
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    SDL_Surface *s = image_decode_scaled_memory(png_chunk_past_end, sizeof png_chunk_past_end, 33,
                                                17, 0, err, sizeof err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    CHECK_MSG(!s && strstr(err, "truncated PNG: chunk") && strstr(err, "past the end of the file"),
              "%s", err);
    CHECK_MSG(secs < 1.0, "refused after %.1f s", secs);
    SDL_FreeSurface(s);
}

/* Found by fuzz_image_decode: SDL_image's GIF decoder pushes each code's chain of prefixes onto a
 * fixed stack without a bound, so a code table with a loop (code 6 -> 7 -> 6) writes over the
 * heap. A 64x64 GIF whose first codes are 7, 6, 0, 6 builds that loop; the probe runs the same
 * LZW state machine and refuses it before SDL_image sees it. */
static void test_gif_lzw_loop(void)
{
    static const uint8_t gif[] = {
        'G',  'I',  'F',  '8', '9', 'a', 64, 0,  64, 0, 0x80, 0, 0, /* screen, 2 colours */
        0,    0,    0,    255, 255, 255,                            /* global colour table */
        0x2c, 0,    0,    0,   0,   64,  0,  64, 0,  0,             /* image descriptor */
        2,                                                          /* LZW code size */
        4,    0x37, 0x0c, 0,   0,                                   /* codes 7, 6, 0, 6 */
        0,    0x3b,
    };
    char err[512] = "";
    struct image_info info;
    CHECK_MSG(!image_probe_memory(gif, sizeof gif, &info, err, sizeof err) &&
                  strstr(err, "corrupt GIF: its compressed data would overrun the decoder"),
              "%s", err);
    SDL_Surface *s = image_decode_scaled_memory(gif, sizeof gif, 33, 17, 0, err, sizeof err);
    CHECK_MSG(!s && strstr(err, "overrun"), "decoded: %s", err);
    SDL_FreeSurface(s);
    /* The same frame with codes that do not loop (7 replaced by a colour) still decodes. */
    uint8_t fine[sizeof gif];
    memcpy(fine, gif, sizeof gif);
    fine[32] = 0x31; /* first code 1 instead of 7 */
    CHECK_MSG(image_probe_memory(fine, sizeof fine, &info, err, sizeof err), "%s", err);
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "--decode"))
        return decode_child(argv[2]);
    fixture_dir();
    alarm(120); /* a decoder that hangs ends the test */
    test_chunk_past_end();
    test_gif_lzw_loop();
    test_refused();
    if (have_convert())
        test_measured("/proc/self/exe");
    else
        printf("SKIP: no ImageMagick convert: peaks not measured\n");
    fixture_cleanup();
    return check_summary();
}
