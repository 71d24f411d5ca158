/* QR codes: encoding with libqrencode into a module matrix, and the layout that keeps every
 * module a whole number of screen pixels. Plain C, no SDL: `kiosk check` and the tests use it
 * without a screen; qr_draw.h turns a code into pixels.
 *
 * Data is always encoded in 8-bit (byte) mode, as the bytes given: UTF-8 text (Hebrew, Arabic,
 * Russian) stays UTF-8, which phone readers and zbar recognise without an ECI header.
 *
 * Thread: every function is reentrant (Debian's libqrencode is built with pthread), so codes can
 * be made on the slide-preparation thread.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* Error correction: the share of the code that may be dirty, glared or covered and still read
 * (about 7, 15, 25 and 30 per cent). Higher levels hold less data at the same size. */
enum qr_ecc { QR_ECC_L, QR_ECC_M, QR_ECC_Q, QR_ECC_H };
#define QR_ECC_DEFAULT QR_ECC_M

/* The light margin every reader needs around the code, in modules on each side (ISO 18004). */
#define QR_QUIET_MODULES 4

/* The smallest module, in screen pixels, that `kiosk check` accepts. A 1080p lobby screen of 32
 * to 55 inches has pixels of 0.37 to 0.63 mm, so 3 px makes modules of 1.1 to 1.9 mm: a phone at
 * arm's length (40-60 cm) still sees each module as several camera pixels, through the screen's
 * glare and moire. Two-pixel modules often need the phone closer than people hold it. */
#define QR_MIN_MODULE_PX 3

/* The most bytes one code holds at each level (version 40, byte mode): L 2953, M 2331, Q 1663,
 * H 1273. */
size_t qr_capacity(enum qr_ecc ecc);

/* "L", "M", "Q", "H". */
const char *qr_ecc_name(enum qr_ecc ecc);
/* Parses "L", "M", "Q" or "H" (either case); false for anything else. */
bool qr_ecc_parse(const char *name, enum qr_ecc *ecc);

/* An encoded code. Owned by the caller; free with qr_code_free(). */
struct qr_code {
    int version; /* 1..40: the smallest that holds the data at the level asked for */
    int width;   /* modules on each side, 17 + 4 * version, without the quiet zone */
    enum qr_ecc ecc;
    bool *modules; /* width * width, row by row from the top left; true is dark. Owned. */
};

/* Encodes len bytes of data (any bytes; text should be UTF-8) at level ecc. Returns NULL when
 * the data is empty or longer than qr_capacity(ecc), with *err (when err is not NULL) set to a
 * message for a person; the caller frees *err. */
struct qr_code *qr_encode(const void *data, size_t len, enum qr_ecc ecc, char **err);
void qr_code_free(struct qr_code *code);

/* Whether the module at column x, row y is dark; false outside the code (the quiet zone). */
bool qr_code_dark(const struct qr_code *code, int x, int y);

struct qr_rect {
    int x, y, w, h;
};

/* Where a code and its caption go inside a box, in whole output pixels. */
struct qr_layout {
    int module_px;          /* side of one module: a whole number of pixels, >= 1 */
    struct qr_rect code;    /* the square of the code with its quiet zone, light background */
    struct qr_rect caption; /* directly below the code, the box's full width; h may be 0 */
};

/* The side of the square a code of `width` modules takes with its quiet zone at module_px. */
int qr_side_px(int width, int module_px);

/* Lays out a code of `width` modules in `box` (output pixels) with a caption of caption_h
 * pixels under it: the largest whole module size for which the code and its quiet zone fit in
 * box.w x (box.h - caption_h). Code and caption are centred in the box as one group; the code
 * horizontally too. False (and *out untouched) when that module size would be below
 * min_module_px (pass 1 at render time, QR_MIN_MODULE_PX for checks). */
bool qr_layout(int width, struct qr_rect box, int caption_h, int min_module_px,
               struct qr_layout *out);

/* What `kiosk check` asks: can this data be shown as a code in a square of box_px pixels (the
 * room left for the code, quiet zone included: min(box w, box h - caption h)) with modules of at
 * least QR_MIN_MODULE_PX? On failure returns false and sets *err (caller frees) to why and what
 * to change, e.g. "QR data is 412 bytes: at 240 px a code needs 93 modules (version 19) and a
 * quiet zone of 4 on each side, which leaves 2 px a module; the minimum is 3 px. Shorten the
 * data or make the box at least 303 px". On success *version (when not NULL) is the version the
 * data needs. */
bool qr_check(const void *data, size_t len, enum qr_ecc ecc, int box_px, int *version, char **err);
