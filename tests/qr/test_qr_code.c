/* QR encoding, capacity, layout and the messages `kiosk check` shows. No screen, no zbar. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "qr/qr_code.h"

static char *filled(size_t len)
{
    char *d = malloc(len ? len : 1);
    /* Varied bytes, not one repeated: the encoder's masking sees ordinary data. */
    for (size_t i = 0; i < len; i++)
        d[i] = (char)('a' + (i * 7) % 26);
    return d;
}

static void test_ecc_names(void)
{
    const char *names[] = {"L", "M", "Q", "H"};
    for (int i = 0; i < 4; i++) {
        enum qr_ecc e;
        CHECK(strcmp(qr_ecc_name((enum qr_ecc)i), names[i]) == 0, "name of %d", i);
        CHECK(qr_ecc_parse(names[i], &e) && e == (enum qr_ecc)i, "parse %s", names[i]);
    }
    enum qr_ecc e = QR_ECC_L;
    CHECK(qr_ecc_parse("q", &e) && e == QR_ECC_Q, "lower case accepted");
    CHECK(!qr_ecc_parse("X", &e) && !qr_ecc_parse("", &e) && !qr_ecc_parse("MM", &e),
          "anything else refused");
    CHECK(QR_ECC_DEFAULT == QR_ECC_M, "default is M");
}

/* Version 40 holds exactly qr_capacity(ecc) bytes; one more is refused with a message. */
static void test_capacity_boundary(void)
{
    const size_t expect[] = {2953, 2331, 1663, 1273};
    const char *refusal[] = {
        "QR data is 2954 bytes; a code at error correction L holds at most 2953. Shorten the data",
        "QR data is 2332 bytes; a code at error correction M holds at most 2331. Shorten the data "
        "or use error correction L (at most 2953)",
        "QR data is 1664 bytes; a code at error correction Q holds at most 1663. Shorten the data "
        "or use error correction M (at most 2331)",
        "QR data is 1274 bytes; a code at error correction H holds at most 1273. Shorten the data "
        "or use error correction Q (at most 1663)",
    };
    for (int i = 0; i < 4; i++) {
        enum qr_ecc e = (enum qr_ecc)i;
        size_t cap = qr_capacity(e);
        CHECK(cap == expect[i], "capacity at %s: %zu", qr_ecc_name(e), cap);
        char *d = filled(cap + 1);
        char *err = NULL;
        struct qr_code *c = qr_encode(d, cap, e, &err);
        CHECK(c && c->version == 40 && c->width == 177, "%zu bytes at %s fit version 40", cap,
              qr_ecc_name(e));
        CHECK(!err, "no message on success");
        qr_code_free(c);
        c = qr_encode(d, cap + 1, e, &err);
        CHECK(!c, "%zu bytes at %s refused", cap + 1, qr_ecc_name(e));
        CHECK(err && strcmp(err, refusal[i]) == 0, "message: %s", err ? err : "(none)");
        free(err);
        err = NULL;
        CHECK(!qr_check(d, cap + 1, e, 4000, NULL, &err) && err && strcmp(err, refusal[i]) == 0,
              "check refuses too much data at any size: %s", err ? err : "(none)");
        free(err);
        free(d);
    }
}

/* Version 1 in byte mode holds 17, 14, 11 and 7 bytes (ISO/IEC 18004 table 7). */
static void test_version_1_boundary(void)
{
    const int v1[] = {17, 14, 11, 7};
    char *d = filled(32);
    for (int i = 0; i < 4; i++) {
        enum qr_ecc e = (enum qr_ecc)i;
        struct qr_code *a = qr_encode(d, (size_t)v1[i], e, NULL);
        struct qr_code *b = qr_encode(d, (size_t)v1[i] + 1, e, NULL);
        CHECK(a && a->version == 1 && a->width == 21 && a->ecc == e, "%d bytes at %s: version 1",
              v1[i], qr_ecc_name(e));
        CHECK(b && b->version == 2 && b->width == 25, "%d bytes at %s: version 2", v1[i] + 1,
              qr_ecc_name(e));
        qr_code_free(a);
        qr_code_free(b);
    }
    free(d);
}

static void test_encode_basics(void)
{
    char *err = NULL;
    CHECK(!qr_encode("", 0, QR_ECC_M, &err) && err && strcmp(err, "QR data is empty") == 0,
          "empty refused: %s", err ? err : "(none)");
    free(err);
    CHECK(!qr_encode("", 0, QR_ECC_M, NULL), "err may be NULL");

    /* Bytes, not C strings: a NUL inside is kept. */
    struct qr_code *c = qr_encode("a\0b", 3, QR_ECC_M, NULL);
    CHECK(c && c->version == 1, "data with a NUL encodes");
    qr_code_free(c);

    const char *url = "https://www.akko.muni.il/";
    c = qr_encode(url, strlen(url), QR_ECC_M, NULL);
    CHECK(c && c->width == 17 + 4 * c->version, "width follows version");
    if (c) {
        /* Finder pattern in the top-left corner: dark ring, light ring, dark 3x3 centre. */
        bool ok = true;
        for (int y = 0; y < 7; y++)
            for (int x = 0; x < 7; x++) {
                bool outer = x == 0 || x == 6 || y == 0 || y == 6;
                bool inner = x >= 2 && x <= 4 && y >= 2 && y <= 4;
                bool dark = outer || inner;
                ok &= qr_code_dark(c, x, y) == dark;
            }
        CHECK(ok, "top-left finder pattern");
        CHECK(!qr_code_dark(c, -1, 0) && !qr_code_dark(c, c->width, 3), "outside is light");
    }
    qr_code_free(c);
    qr_code_free(NULL);
}

static void test_layout(void)
{
    struct qr_layout l;
    /* 25 modules + 8 quiet = 33: 240 / 33 = 7 px, 231 px square centred. */
    CHECK(qr_layout(25, (struct qr_rect){0, 0, 240, 240}, 0, 1, &l), "fits");
    CHECK(l.module_px == 7 && l.code.w == 231 && l.code.h == 231, "7 px modules: %d", l.module_px);
    CHECK(l.code.x == 4 && l.code.y == 4, "centred: %d,%d", l.code.x, l.code.y);
    CHECK(l.caption.h == 0 && l.caption.y == 235, "empty caption below");

    /* Caption of 40 px in a 240x300 box at (100, 50): the code gets min(240, 260) = 240. */
    CHECK(qr_layout(25, (struct qr_rect){100, 50, 240, 300}, 40, 1, &l), "fits with caption");
    CHECK(l.module_px == 7, "module %d", l.module_px);
    CHECK(l.code.x == 104 && l.code.y == 50 + (300 - 271) / 2, "group centred: %d,%d", l.code.x,
          l.code.y);
    CHECK(l.caption.x == 100 && l.caption.w == 240 && l.caption.h == 40 &&
              l.caption.y == l.code.y + l.code.h,
          "caption under the code across the box");

    /* A wide box: the height limits. */
    CHECK(qr_layout(21, (struct qr_rect){0, 0, 1000, 120}, 30, 1, &l), "wide box");
    CHECK(l.module_px == 3 && l.code.w == 87 && l.code.x == (1000 - 87) / 2, "wide: %d px",
          l.module_px);

    /* Exactly at the boundary: 33 * 3 = 99 fits 3 px, 98 does not. */
    CHECK(qr_layout(25, (struct qr_rect){0, 0, 99, 99}, 0, 3, &l) && l.module_px == 3,
          "99 px gives 3 px modules");
    l.module_px = -1;
    CHECK(!qr_layout(25, (struct qr_rect){0, 0, 98, 98}, 0, 3, &l) && l.module_px == -1,
          "98 px refused at minimum 3, layout untouched");
    CHECK(qr_layout(25, (struct qr_rect){0, 0, 98, 98}, 0, 1, &l) && l.module_px == 2,
          "98 px gives 2 px when 1 is allowed");
    CHECK(!qr_layout(25, (struct qr_rect){0, 0, 32, 32}, 0, 1, &l), "under 1 px refused");
    CHECK(!qr_layout(25, (struct qr_rect){0, 0, 200, 30}, 40, 1, &l), "caption taller than box");

    /* Every module size is whole and the code always fits. */
    bool ok = true;
    for (int w = 21; w <= 177; w += 4)
        for (int box = 40; box <= 1200; box += 37)
            if (qr_layout(w, (struct qr_rect){3, 5, box, box + 20}, 20, 1, &l))
                ok &= l.code.w == (w + 8) * l.module_px && l.code.w <= box &&
                      (w + 8) * (l.module_px + 1) > box && l.code.x >= 3 && l.code.y >= 5;
    CHECK(ok, "largest whole module size, always inside the box");
}

static void test_check_messages(void)
{
    char *d = filled(412);
    char *err = NULL;
    int version = 0;
    CHECK(qr_check(d, 412, QR_ECC_M, 255, &version, &err) && version == 15 && !err,
          "412 bytes at M in 255 px: version 15, 3 px");
    CHECK(!qr_check(d, 412, QR_ECC_M, 254, NULL, &err), "254 px refused");
    CHECK(err && strcmp(err, "QR data is 412 bytes: at 254 px a code needs 77 modules (version "
                             "15) and a quiet zone of 4 on each side, which leaves 2 px a module; "
                             "the minimum is 3 px. Shorten the data, make the box at least 255 "
                             "px, or use error correction L") == 0,
          "message: %s", err ? err : "(none)");
    free(err);
    err = NULL;

    /* At L already: no lower level to offer. */
    CHECK(!qr_check(d, 412, QR_ECC_L, 200, NULL, &err), "412 bytes at L in 200 px refused");
    CHECK(err && strcmp(err, "QR data is 412 bytes: at 200 px a code needs 69 modules (version "
                             "13) and a quiet zone of 4 on each side, which leaves 2 px a module; "
                             "the minimum is 3 px. Shorten the data or make the box at least 231 "
                             "px") == 0,
          "message: %s", err ? err : "(none)");
    free(err);
    err = NULL;

    /* 200 bytes at H needs version 15 (77 + 8 = 85: 255 px); Q needs version 12 (65 + 8 = 73:
     * 219 px), so at 240 px Q is the level to offer. */
    CHECK(!qr_check(d, 200, QR_ECC_H, 240, NULL, &err), "200 bytes at H in 240 px refused");
    CHECK(err && strstr(err, "make the box at least 255 px, or use error correction Q"),
          "offers Q: %s", err ? err : "(none)");
    free(err);
    err = NULL;

    /* 27 bytes: one more than version 2 holds at M. */
    const char *url = "https://www.dimona.muni.il/";
    CHECK(qr_check(url, strlen(url), QR_ECC_M, (29 + 8) * QR_MIN_MODULE_PX, &version, NULL) &&
              version == 3,
          "a city link fits 111 px");
    CHECK(!qr_check(url, strlen(url), QR_ECC_M, 0, NULL, &err) && err, "0 px refused");
    free(err);
    free(d);
}

int main(void)
{
    test_ecc_names();
    test_encode_basics();
    test_version_1_boundary();
    test_capacity_boundary();
    test_layout();
    test_check_messages();
    return check_summary();
}
