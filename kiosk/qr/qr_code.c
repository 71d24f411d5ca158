#define LOG_MODULE "qr"

#include "qr/qr_code.h"

#include <assert.h>
#include <errno.h>
#include <qrencode.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/log.h"
#include "base/xmalloc.h"

/* Byte-mode capacity of version 40 at L, M, Q, H (ISO/IEC 18004, table 7). The tests check
 * these against libqrencode: one more byte must be refused. */
static const size_t capacity_v40[] = {2953, 2331, 1663, 1273};
static const char *const ecc_names[] = {"L", "M", "Q", "H"};

size_t qr_capacity(enum qr_ecc ecc)
{
    assert(ecc >= QR_ECC_L && ecc <= QR_ECC_H);
    return capacity_v40[ecc];
}

const char *qr_ecc_name(enum qr_ecc ecc)
{
    assert(ecc >= QR_ECC_L && ecc <= QR_ECC_H);
    return ecc_names[ecc];
}

bool qr_ecc_parse(const char *name, enum qr_ecc *ecc)
{
    for (int i = QR_ECC_L; i <= QR_ECC_H; i++) {
        if (strcasecmp(name, ecc_names[i]) == 0) {
            *ecc = (enum qr_ecc)i;
            return true;
        }
    }
    return false;
}

static QRecLevel to_qrencode(enum qr_ecc ecc)
{
    switch (ecc) {
    case QR_ECC_L:
        return QR_ECLEVEL_L;
    case QR_ECC_M:
        return QR_ECLEVEL_M;
    case QR_ECC_Q:
        return QR_ECLEVEL_Q;
    case QR_ECC_H:
        return QR_ECLEVEL_H;
    }
    abort();
}

static void set_err(char **err, char *msg)
{
    if (err)
        *err = msg;
    else
        free(msg);
}

/* The highest level below ecc whose capacity holds len bytes, or -1. */
static int lower_level_holding(size_t len, enum qr_ecc ecc)
{
    for (int i = (int)ecc - 1; i >= QR_ECC_L; i--) {
        if (len <= capacity_v40[i])
            return i;
    }
    return -1;
}

struct qr_code *qr_encode(const void *data, size_t len, enum qr_ecc ecc, char **err)
{
    if (len == 0) {
        set_err(err, xstrdup("QR data is empty"));
        return NULL;
    }
    if (len > qr_capacity(ecc)) {
        int lower = lower_level_holding(len, ecc);
        if (lower >= 0)
            set_err(err, xasprintf("QR data is %zu bytes; a code at error correction %s holds at "
                                   "most %zu. Shorten the data or use error correction %s "
                                   "(at most %zu)",
                                   len, qr_ecc_name(ecc), qr_capacity(ecc),
                                   qr_ecc_name((enum qr_ecc)lower), capacity_v40[lower]));
        else
            set_err(err, xasprintf("QR data is %zu bytes; a code at error correction %s holds at "
                                   "most %zu. Shorten the data",
                                   len, qr_ecc_name(ecc), qr_capacity(ecc)));
        return NULL;
    }

    /* Version 0: the smallest version that holds the data. Byte mode for all of it, so what a
     * reader gets back is exactly these bytes. */
    errno = 0;
    QRcode *qr = QRcode_encodeData((int)len, data, 0, to_qrencode(ecc));
    if (!qr) {
        if (errno == ENOMEM) {
            LOG_ERR("out of memory encoding a QR code");
            abort();
        }
        set_err(err, xasprintf("QR data of %zu bytes could not be encoded: %s", len,
                               strerror(errno ? errno : EINVAL)));
        return NULL;
    }

    struct qr_code *code = xmalloc(sizeof(*code));
    code->version = qr->version;
    code->width = qr->width;
    code->ecc = ecc;
    size_t n = (size_t)qr->width * (size_t)qr->width;
    code->modules = xmalloc(n * sizeof(bool));
    /* libqrencode keeps flags in the upper bits; the least significant one is the colour. */
    for (size_t i = 0; i < n; i++)
        code->modules[i] = qr->data[i] & 1;
    QRcode_free(qr);
    assert(code->width == 17 + 4 * code->version);
    return code;
}

void qr_code_free(struct qr_code *code)
{
    if (!code)
        return;
    free(code->modules);
    free(code);
}

bool qr_code_dark(const struct qr_code *code, int x, int y)
{
    if (x < 0 || y < 0 || x >= code->width || y >= code->width)
        return false;
    return code->modules[(size_t)y * (size_t)code->width + (size_t)x];
}

int qr_side_px(int width, int module_px)
{
    return (width + 2 * QR_QUIET_MODULES) * module_px;
}

/* The largest whole module size for a code of `width` modules in a square of side px. */
static int module_px_for(int width, int side)
{
    int total = width + 2 * QR_QUIET_MODULES;
    return side > 0 ? side / total : 0;
}

bool qr_layout(int width, struct qr_rect box, int caption_h, int min_module_px,
               struct qr_layout *out)
{
    assert(width > 0);
    if (min_module_px < 1)
        min_module_px = 1;
    if (caption_h < 0)
        caption_h = 0;
    int room_h = box.h - caption_h;
    int side = box.w < room_h ? box.w : room_h;
    int module_px = module_px_for(width, side);
    if (module_px < min_module_px)
        return false;

    int code_side = qr_side_px(width, module_px);
    int group_h = code_side + caption_h;
    out->module_px = module_px;
    out->code = (struct qr_rect){box.x + (box.w - code_side) / 2, box.y + (box.h - group_h) / 2,
                                 code_side, code_side};
    out->caption = (struct qr_rect){box.x, out->code.y + code_side, box.w, caption_h};
    return true;
}

bool qr_check(const void *data, size_t len, enum qr_ecc ecc, int box_px, int *version, char **err)
{
    struct qr_code *code = qr_encode(data, len, ecc, err);
    if (!code)
        return false;
    int width = code->width, ver = code->version;
    qr_code_free(code);

    int module_px = module_px_for(width, box_px);
    if (module_px >= QR_MIN_MODULE_PX) {
        if (version)
            *version = ver;
        return true;
    }

    int need = qr_side_px(width, QR_MIN_MODULE_PX);
    /* A lower level makes a smaller code of the same data: say so when that alone would do. */
    int lower = -1;
    for (int i = (int)ecc - 1; i >= QR_ECC_L && lower < 0; i--) {
        struct qr_code *c = qr_encode(data, len, (enum qr_ecc)i, NULL);
        if (c && module_px_for(c->width, box_px) >= QR_MIN_MODULE_PX)
            lower = i;
        qr_code_free(c);
    }
    char *advice =
        lower >= 0
            ? xasprintf("Shorten the data, make the box at least %d px, or use error correction %s",
                        need, qr_ecc_name((enum qr_ecc)lower))
            : xasprintf("Shorten the data or make the box at least %d px", need);
    set_err(err, xasprintf("QR data is %zu bytes: at %d px a code needs %d modules (version %d) "
                           "and a quiet zone of %d on each side, which leaves %d px a module; "
                           "the minimum is %d px. %s",
                           len, box_px, width, ver, QR_QUIET_MODULES, module_px, QR_MIN_MODULE_PX,
                           advice));
    free(advice);
    return false;
}
