/* A drawn code reads back as its data: each code is drawn on a slide with the software renderer,
 * saved as PNG, and read with zbarimg (Debian's zbar-tools). Skipped (77) without zbarimg. */
#include <SDL_image.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "qr_test.h"

static const char *out_dir;

/* Runs zbarimg on path; returns its output (caller frees), without the newline --raw adds in
 * text mode. binary: -Sbinary, the bytes exactly as stored, no guessing of the text encoding. */
static char *zbar_read(const char *path, bool binary, size_t *len)
{
    char cmd[1200];
    snprintf(cmd, sizeof(cmd), "zbarimg --raw -q %s '%s' 2>/dev/null", binary ? "-Sbinary" : "",
             path);
    FILE *p = popen(cmd, "r");
    if (!p)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, p)) > 0) {
        n += got;
        if (n == cap)
            buf = realloc(buf, cap *= 2);
    }
    int status = pclose(p);
    if (status != 0) {
        free(buf);
        return NULL;
    }
    if (!binary && n > 0 && buf[n - 1] == '\n')
        n--;
    buf[n] = 0;
    *len = n;
    return buf;
}

static int case_no;

static void round_trip(const char *label, const char *data, size_t len, enum qr_ecc ecc, int box,
                       struct qr_colors colors, enum draw_path path, bool binary)
{
    char *err = NULL;
    struct qr_code *code = qr_encode(data, len, ecc, &err);
    CHECK(code, "%s: encode: %s", label, err ? err : "");
    free(err);
    if (!code)
        return;
    struct qr_layout l;
    /* The box sits off-centre on a larger slide, with room for a caption under it. */
    SDL_Surface *s = draw_on_slide(code, box + 80, box + 90,
                                   (struct qr_rect){37, 21, box, box + 40}, 40, colors, path, &l);
    CHECK(s, "%s: drawn at %d px", label, box);
    if (s) {
        char png[1024];
        snprintf(png, sizeof(png), "%s/qr_%02d_%s_%s_%d.png", out_dir, ++case_no, label,
                 qr_ecc_name(ecc), box);
        CHECK(IMG_SavePNG(s, png) == 0, "save %s: %s", png, IMG_GetError());
        size_t n = 0;
        char *got = zbar_read(png, binary, &n);
        CHECK(got && n == len && memcmp(got, data, len) == 0,
              "%s (%s, %d px, %d px modules, version %d): read back \"%s\"", label,
              qr_ecc_name(ecc), box, l.module_px, code->version, got ? got : "(nothing)");
        free(got);
        SDL_FreeSurface(s);
    }
    qr_code_free(code);
}

int main(int argc, char **argv)
{
    if (system("command -v zbarimg >/dev/null 2>&1") != 0) {
        printf("zbarimg not found (Debian package zbar-tools): skipped\n");
        return 77;
    }
    out_dir = argc > 1 ? argv[1] : ".";

    static const struct {
        const char *label, *data;
    } cases[] = {
        {"akko", "https://www.akko.muni.il/"},
        {"kiryat_shmona", "https://www.k-8.co.il/"},
        {"ofakim", "https://www.ofakim.org.il/"},
        {"dimona", "https://www.dimona.muni.il/"},
        {"tel", "tel:+972-4-995-6000"},
        {"hebrew", "לשכת הרווחה, קומה 2 — שעות קבלה: א׳–ה׳ 08:00–13:00"},
        {"hebrew_city", "עיריית קריית שמונה"},
        {"niqqud", "בָּרוּךְ הַבָּא לְעַכּוֹ"},
        {"arabic", "أهلاً وسهلاً في بلدية عكا"},
        {"russian", "Добро пожаловать в Димону"},
        {"mixed", "מוקד 106: tel:106 · https://www.ofakim.org.il/ · עברית / English"},
    };
    struct qr_colors navy_on_cream = {{20, 30, 80, 255}, {250, 245, 230, 255}};
    const int boxes[] = {120, 180, 300};

    for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
        const char *d = cases[i].data;
        size_t len = strlen(d);
        for (size_t b = 0; b < sizeof(boxes) / sizeof(*boxes); b++) {
            char *err = NULL;
            /* Only sizes that `kiosk check` would accept: those are the promise. */
            if (!qr_check(d, len, QR_ECC_M, boxes[b], NULL, &err)) {
                free(err);
                continue;
            }
            round_trip(cases[i].label, d, len, QR_ECC_M, boxes[b], QR_COLORS_DEFAULT,
                       b % 2 ? DRAW_TEXTURE : DRAW_RECTS, false);
        }
    }
    /* Every level, and other colours. */
    for (int e = QR_ECC_L; e <= QR_ECC_H; e++)
        round_trip("akko_ecc", cases[0].data, strlen(cases[0].data), (enum qr_ecc)e, 200,
                   navy_on_cream, DRAW_TEXTURE, false);
    /* The smallest accepted module (3 px) on a dense code. */
    const char *heb = cases[5].data;
    struct qr_code *c = qr_encode(heb, strlen(heb), QR_ECC_H, NULL);
    if (c) {
        round_trip("hebrew_min", heb, strlen(heb), QR_ECC_H, qr_side_px(c->width, 3),
                   QR_COLORS_DEFAULT, DRAW_RECTS, false);
        qr_code_free(c);
    }
    /* Single letters: zbar's text mode guesses Shift JIS for some two-byte UTF-8 (see
     * docs/qr.md), so these compare the stored bytes. */
    const char *short_text[] = {"ש", "א", "Да", "é"};
    for (size_t i = 0; i < sizeof(short_text) / sizeof(*short_text); i++)
        round_trip("short", short_text[i], strlen(short_text[i]), QR_ECC_M, 150, QR_COLORS_DEFAULT,
                   DRAW_RECTS, true);
    /* Arbitrary bytes, NUL included. */
    const char bytes[] = {'k', 0, (char)0xff, (char)0xd7, '\n', 'z'};
    round_trip("bytes", bytes, sizeof(bytes), QR_ECC_M, 150, QR_COLORS_DEFAULT, DRAW_TEXTURE, true);
    /* A long text near the top of M's capacity. */
    size_t big = qr_capacity(QR_ECC_M);
    char *text = malloc(big + 1);
    for (size_t i = 0; i < big; i++)
        text[i] = (char)('a' + (i * 11) % 26);
    text[big] = 0;
    round_trip("capacity", text, big, QR_ECC_M, qr_side_px(177, 4), QR_COLORS_DEFAULT, DRAW_TEXTURE,
               false);
    free(text);
    return check_summary();
}
