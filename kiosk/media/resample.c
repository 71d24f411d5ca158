/* Separable resampler in fixed point: weights per output index are precomputed per axis (they
 * sum to exactly WEIGHT_ONE), rows are filtered horizontally on demand and then combined
 * vertically, so the working memory is a few rows wide, never a second full image. */
#define LOG_MODULE "resample"

#include "media/resample.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/xmalloc.h"

#define WEIGHT_BITS 12
#define WEIGHT_ONE (1 << WEIGHT_BITS)

/* Source taps for every output index along one axis: output i reads count[i] consecutive
 * sources from first[i] with weights[i * max_taps + k]. */
struct resample_axis {
    int *first;
    int *count;
    int32_t *weights;
    int max_taps;
};

static void axis_build(struct resample_axis *a, int src, int dst)
{
    a->first = xmalloc(sizeof(int) * (size_t)dst);
    a->count = xmalloc(sizeof(int) * (size_t)dst);
    if (src >= dst) {
        /* Area: output i covers [i * scale, (i + 1) * scale) of the source. */
        double scale = (double)src / dst;
        a->max_taps = (int)ceil(scale) + 1;
        a->weights = xcalloc((size_t)dst * (size_t)a->max_taps, sizeof(int32_t));
        for (int i = 0; i < dst; i++) {
            double lo = i * scale, hi = (i + 1) * scale;
            int j0 = (int)floor(lo), j1 = (int)ceil(hi);
            if (j1 > src)
                j1 = src;
            if (j1 <= j0)
                j1 = j0 + 1;
            int32_t *w = a->weights + (size_t)i * a->max_taps;
            int sum = 0, best = 0;
            for (int j = j0; j < j1; j++) {
                double ov = fmin(hi, j + 1) - fmax(lo, j);
                w[j - j0] = (int32_t)lround(fmax(ov, 0) / scale * WEIGHT_ONE);
                sum += w[j - j0];
                if (w[j - j0] > w[best])
                    best = j - j0;
            }
            w[best] += WEIGHT_ONE - sum; /* rounding leftovers go to the biggest tap */
            a->first[i] = j0;
            a->count[i] = j1 - j0;
        }
    } else {
        /* Bilinear, sampling at pixel centres. */
        a->max_taps = 2;
        a->weights = xcalloc((size_t)dst * 2, sizeof(int32_t));
        for (int i = 0; i < dst; i++) {
            double x = (i + 0.5) * src / dst - 0.5;
            if (x < 0)
                x = 0;
            int j0 = (int)floor(x);
            double f = x - j0;
            if (j0 >= src - 1) {
                j0 = src - 1;
                f = 0;
            }
            int32_t w1 = (int32_t)lround(f * WEIGHT_ONE);
            a->first[i] = j0;
            a->count[i] = w1 ? 2 : 1;
            a->weights[i * 2] = WEIGHT_ONE - w1;
            a->weights[i * 2 + 1] = w1;
        }
    }
}

static void axis_free(struct resample_axis *a)
{
    free(a->first);
    free(a->count);
    free(a->weights);
}

/* Horizontally filtered, premultiplied row: per pixel r*a, g*a, b*a, a*255 (each <= 65025). */
struct resample_row {
    int src_y; /* which source row it holds; -1 when empty */
    int32_t *px;
};

struct resample_ctx {
    SDL_Surface *src;
    bool direct;      /* src is RGBA32: read rows in place */
    uint8_t *convert; /* one source row converted to RGBA32 otherwise */
    struct resample_axis ax;
    struct resample_row rows[2]; /* enough for area (monotonic) and bilinear (2 taps) */
    int next_slot;
    int dst_w;
};

static const uint8_t *ctx_source_row(struct resample_ctx *c, int y)
{
    const uint8_t *p = (const uint8_t *)c->src->pixels + (size_t)y * c->src->pitch;
    if (c->direct)
        return p;
    SDL_ConvertPixels(c->src->w, 1, c->src->format->format, p, c->src->pitch,
                      SDL_PIXELFORMAT_RGBA32, c->convert, c->src->w * 4);
    return c->convert;
}

static const int32_t *ctx_row(struct resample_ctx *c, int y)
{
    for (int i = 0; i < 2; i++)
        if (c->rows[i].src_y == y)
            return c->rows[i].px;
    struct resample_row *row = &c->rows[c->next_slot];
    c->next_slot ^= 1;
    const uint8_t *s = ctx_source_row(c, y);
    for (int x = 0; x < c->dst_w; x++) {
        const int32_t *w = c->ax.weights + (size_t)x * c->ax.max_taps;
        const uint8_t *p = s + (size_t)c->ax.first[x] * 4;
        int32_t r = 0, g = 0, b = 0, al = 0;
        for (int k = 0; k < c->ax.count[x]; k++, p += 4) {
            int32_t a = p[3];
            r += w[k] * (p[0] * a);
            g += w[k] * (p[1] * a);
            b += w[k] * (p[2] * a);
            al += w[k] * (a * 255);
        }
        int32_t *o = row->px + (size_t)x * 4;
        o[0] = (r + WEIGHT_ONE / 2) >> WEIGHT_BITS;
        o[1] = (g + WEIGHT_ONE / 2) >> WEIGHT_BITS;
        o[2] = (b + WEIGHT_ONE / 2) >> WEIGHT_BITS;
        o[3] = (al + WEIGHT_ONE / 2) >> WEIGHT_BITS;
    }
    row->src_y = y;
    return row->px;
}

/* Opaque sources (every JPEG, most photos) take a shorter road to the same bytes. With alpha 255
 * everywhere the general path's premultiplied row holds 255 * S rounded (S: the weighted sum of
 * one channel) and alpha exactly 65025 (the weights sum to WEIGHT_ONE); the column sum's alpha is
 * then WEIGHT_ONE * 65025, and unpremultiply(c, that) = (c * 255 + a / 2) / a reduces, dividing
 * through by 255, to (c + OPAQUE_ROUND) / OPAQUE_DIV. So: three channels instead of four, 32-bit
 * sums instead of 64-bit, and a division by a constant instead of three by a variable, for the
 * identical result. */
#define OPAQUE_DIV (WEIGHT_ONE * 255)
#define OPAQUE_ROUND (OPAQUE_DIV / 2)

/* (sum + OPAQUE_ROUND) / OPAQUE_DIV without the division, for the same byte: dividing by
 * WEIGHT_ONE and then by 255, each rounding down, is dividing by their product rounding down; a
 * column sum is at most WEIGHT_ONE * 65025, so the quotient by WEIGHT_ONE is at most 65152, and
 * below 66299 the multiply-and-shift is exactly a division by 255 (checked over the whole
 * range). A quarter of the resampler's time went to the division. */
static inline uint8_t opaque_byte(int32_t sum)
{
    uint32_t q = (uint32_t)(sum + OPAQUE_ROUND) >> WEIGHT_BITS;
    return (uint8_t)((q * 0x8081u) >> 23);
}

/* True when every pixel of the RGBA32 surface has alpha 255. */
static bool rgba_opaque(const SDL_Surface *s)
{
    for (int y = 0; y < s->h; y++) {
        const uint8_t *p = (const uint8_t *)s->pixels + (size_t)y * s->pitch + 3;
        uint8_t all = 255;
        for (int x = 0; x < s->w; x++)
            all &= p[(size_t)x * 4];
        if (all != 255)
            return false;
    }
    return true;
}

/* As ctx_row for an opaque source: per pixel the three premultiplied colour values r*255, g*255,
 * b*255 filtered and rounded exactly as ctx_row rounds them. */
static const int32_t *ctx_row_opaque(struct resample_ctx *c, int y)
{
    for (int i = 0; i < 2; i++)
        if (c->rows[i].src_y == y)
            return c->rows[i].px;
    struct resample_row *row = &c->rows[c->next_slot];
    c->next_slot ^= 1;
    const uint8_t *s = ctx_source_row(c, y);
    int32_t *o = row->px;
    for (int x = 0; x < c->dst_w; x++, o += 3) {
        const int32_t *w = c->ax.weights + (size_t)x * c->ax.max_taps;
        const uint8_t *p = s + (size_t)c->ax.first[x] * 4;
        int32_t r = 0, g = 0, b = 0;
        for (int k = 0; k < c->ax.count[x]; k++, p += 4) {
            r += w[k] * p[0];
            g += w[k] * p[1];
            b += w[k] * p[2];
        }
        o[0] = (r * 255 + WEIGHT_ONE / 2) >> WEIGHT_BITS;
        o[1] = (g * 255 + WEIGHT_ONE / 2) >> WEIGHT_BITS;
        o[2] = (b * 255 + WEIGHT_ONE / 2) >> WEIGHT_BITS;
    }
    row->src_y = y;
    return row->px;
}

static void resample_opaque(struct resample_ctx *c, const struct resample_axis *ay,
                            SDL_Surface *dst)
{
    int n = c->dst_w * 3;
    /* Column sums stay below WEIGHT_ONE * 65025 < 2^31. */
    int32_t *acc = xmalloc(sizeof(int32_t) * (size_t)n);
    for (int y = 0; y < dst->h; y++) {
        const int32_t *wy = ay->weights + (size_t)y * ay->max_taps;
        const int32_t *row = ctx_row_opaque(c, ay->first[y]);
        for (int i = 0; i < n; i++)
            acc[i] = wy[0] * row[i];
        for (int k = 1; k < ay->count[y]; k++) {
            row = ctx_row_opaque(c, ay->first[y] + k);
            int32_t wk = wy[k];
            for (int i = 0; i < n; i++)
                acc[i] += wk * row[i];
        }
        uint8_t *o = (uint8_t *)dst->pixels + (size_t)y * dst->pitch;
        for (int x = 0; x < c->dst_w; x++) {
            const int32_t *a = acc + (size_t)x * 3;
            o[x * 4 + 0] = opaque_byte(a[0]);
            o[x * 4 + 1] = opaque_byte(a[1]);
            o[x * 4 + 2] = opaque_byte(a[2]);
            o[x * 4 + 3] = 255;
        }
    }
    free(acc);
}

static uint8_t unpremultiply(int64_t c, int64_t a)
{
    if (a <= 0)
        return 0;
    int64_t v = (c * 255 + a / 2) / a;
    return (uint8_t)(v > 255 ? 255 : v);
}

SDL_Surface *image_resample(SDL_Surface *src, int dst_w, int dst_h, char *err, size_t errlen)
{
    assert(src && dst_w > 0 && dst_h > 0);
    SDL_Surface *converted = NULL, *dst = NULL;
    struct resample_axis ay = {0};
    int64_t *acc = NULL;
    struct resample_ctx c = {.rows = {{.src_y = -1}, {.src_y = -1}}, .dst_w = dst_w};

    /* Palettes and colour keys need SDL's whole-surface conversion (it turns the key into
     * alpha); packed formats are converted row by row to keep memory at one row. */
    if (SDL_ISPIXELFORMAT_INDEXED(src->format->format) || SDL_HasColorKey(src) ||
        src->format->BytesPerPixel < 2) {
        converted = SDL_ConvertSurfaceFormat(src, SDL_PIXELFORMAT_RGBA32, 0);
        if (!converted) {
            snprintf(err, errlen, "cannot convert the image: %s", SDL_GetError());
            goto out;
        }
        src = converted;
    }
    dst = SDL_CreateRGBSurfaceWithFormat(0, dst_w, dst_h, 32, SDL_PIXELFORMAT_RGBA32);
    if (!dst) {
        snprintf(err, errlen, "cannot allocate %dx%d pixels: %s", dst_w, dst_h, SDL_GetError());
        goto out;
    }
    if (SDL_MUSTLOCK(src))
        SDL_LockSurface(src);
    c.src = src;
    c.direct = src->format->format == SDL_PIXELFORMAT_RGBA32;
    if (!c.direct)
        c.convert = xmalloc((size_t)src->w * 4);
    axis_build(&c.ax, src->w, dst_w);
    axis_build(&ay, src->h, dst_h);
    for (int i = 0; i < 2; i++)
        c.rows[i].px = xmalloc(sizeof(int32_t) * 4 * (size_t)dst_w);
    /* A source without alpha reads as alpha 255 (ctx_source_row converts it). */
    if (c.direct ? rgba_opaque(src) : !SDL_ISPIXELFORMAT_ALPHA(src->format->format)) {
        resample_opaque(&c, &ay, dst);
        goto unlock;
    }
    acc = xmalloc(sizeof(int64_t) * 4 * (size_t)dst_w);

    for (int y = 0; y < dst_h; y++) {
        memset(acc, 0, sizeof(int64_t) * 4 * (size_t)dst_w);
        const int32_t *wy = ay.weights + (size_t)y * ay.max_taps;
        for (int k = 0; k < ay.count[y]; k++) {
            const int32_t *row = ctx_row(&c, ay.first[y] + k);
            for (int i = 0; i < dst_w * 4; i++)
                acc[i] += (int64_t)wy[k] * row[i];
        }
        uint8_t *o = (uint8_t *)dst->pixels + (size_t)y * dst->pitch;
        for (int x = 0; x < dst_w; x++) {
            const int64_t *a = acc + (size_t)x * 4;
            o[x * 4 + 0] = unpremultiply(a[0], a[3]);
            o[x * 4 + 1] = unpremultiply(a[1], a[3]);
            o[x * 4 + 2] = unpremultiply(a[2], a[3]);
            o[x * 4 + 3] = (uint8_t)((a[3] + 255 * WEIGHT_ONE / 2) / (255 * WEIGHT_ONE));
        }
    }
unlock:
    if (SDL_MUSTLOCK(src))
        SDL_UnlockSurface(src);

out:
    free(acc);
    for (int i = 0; i < 2; i++)
        free(c.rows[i].px);
    axis_free(&ay);
    axis_free(&c.ax);
    free(c.convert);
    SDL_FreeSurface(converted);
    return dst;
}

SDL_Surface *image_orient(SDL_Surface *src, int orientation, char *err, size_t errlen)
{
    assert(src->format->format == SDL_PIXELFORMAT_RGBA32);
    int tw = src->w, th = src->h, ow, oh;
    bool swap = orientation >= 5 && orientation <= 8;
    ow = swap ? th : tw;
    oh = swap ? tw : th;
    SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormat(0, ow, oh, 32, SDL_PIXELFORMAT_RGBA32);
    if (!dst) {
        snprintf(err, errlen, "cannot allocate %dx%d pixels: %s", ow, oh, SDL_GetError());
        return NULL;
    }
    for (int y = 0; y < oh; y++) {
        uint32_t *o = (uint32_t *)((uint8_t *)dst->pixels + (size_t)y * dst->pitch);
        for (int x = 0; x < ow; x++) {
            int sx, sy; /* display (x, y) comes from stored (sx, sy) */
            switch (orientation) {
            case 2: /* mirrored */
                sx = tw - 1 - x;
                sy = y;
                break;
            case 3: /* turned 180 */
                sx = tw - 1 - x;
                sy = th - 1 - y;
                break;
            case 4: /* flipped */
                sx = x;
                sy = th - 1 - y;
                break;
            case 5: /* transposed */
                sx = y;
                sy = x;
                break;
            case 6: /* turn 90 clockwise */
                sx = y;
                sy = th - 1 - x;
                break;
            case 7: /* transversed */
                sx = tw - 1 - y;
                sy = th - 1 - x;
                break;
            case 8: /* turn 90 anticlockwise */
                sx = tw - 1 - y;
                sy = x;
                break;
            default:
                sx = x;
                sy = y;
                break;
            }
            o[x] = *(const uint32_t *)((const uint8_t *)src->pixels + (size_t)sy * src->pitch +
                                       (size_t)sx * 4);
        }
    }
    return dst;
}
