#include "render/contrast.h"

#include <math.h>
#include <stdlib.h>

static double channel(uint8_t c)
{
    double s = c / 255.0;
    return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4);
}

double contrast_luminance(uint8_t r, uint8_t g, uint8_t b)
{
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

double contrast_ratio(double l1, double l2)
{
    double hi = l1 > l2 ? l1 : l2, lo = l1 > l2 ? l2 : l1;
    return (hi + 0.05) / (lo + 0.05);
}

bool contrast_is_large(float size_px, bool bold)
{
    return size_px >= 24.0f || (bold && size_px >= 18.66f);
}

/* A pixel belongs to the letters (or their shadow) when the two renderings differ by at least
 * this much in some channel: anti-aliased edges that barely differ say little about either. */
enum { LETTER_DIFF = 32 };
/* Ratios are counted in bins of 0.05 from 1 to 21. */
enum { BINS = 401 };

bool contrast_measure_text(const uint8_t *with_text, const uint8_t *backdrop, int width, int height,
                           int pitch, int x, int y, int w, int h, struct color text,
                           struct contrast_measure *out)
{
    int x0 = x < 0 ? 0 : x, y0 = y < 0 ? 0 : y;
    int x1 = x + w > width ? width : x + w, y1 = y + h > height ? height : y + h;
    size_t hist[BINS] = {0};
    size_t n = 0;
    double a = text.a / 255.0;
    for (int py = y0; py < y1; py++) {
        const uint8_t *t = with_text + (size_t)py * (size_t)pitch;
        const uint8_t *b = backdrop + (size_t)py * (size_t)pitch;
        for (int px = x0; px < x1; px++) {
            const uint8_t *tp = t + px * 4, *bp = b + px * 4;
            int d = 0;
            for (int c = 0; c < 3; c++) {
                int diff = abs((int)tp[c] - (int)bp[c]);
                d = diff > d ? diff : d;
            }
            if (d < LETTER_DIFF)
                continue;
            /* The letter's colour as drawn over this backdrop pixel. */
            uint8_t r = (uint8_t)lround(text.r * a + bp[0] * (1 - a));
            uint8_t g = (uint8_t)lround(text.g * a + bp[1] * (1 - a));
            uint8_t bl = (uint8_t)lround(text.b * a + bp[2] * (1 - a));
            double ratio = contrast_ratio(contrast_luminance(r, g, bl),
                                          contrast_luminance(bp[0], bp[1], bp[2]));
            int bin = (int)((ratio - 1.0) / 0.05);
            hist[bin < 0 ? 0 : bin >= BINS ? BINS - 1 : bin]++;
            n++;
        }
    }
    if (n == 0)
        return false;
    size_t want = n / 5, seen = 0;
    int bin = 0;
    for (; bin < BINS - 1; bin++) {
        seen += hist[bin];
        if (seen > want)
            break;
    }
    out->pixels = n;
    out->ratio = 1.0 + bin * 0.05;
    return true;
}
