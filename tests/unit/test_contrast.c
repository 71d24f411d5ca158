/* WCAG 2 contrast as kiosk check measures it: the formula's known values, and the measure of the
 * letters' backdrop from two renderings (only pixels that differ count; alpha is blended). */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "render/contrast.h"

int main(void)
{
    double white = contrast_luminance(255, 255, 255), black = contrast_luminance(0, 0, 0);
    CHECK_NEAR(contrast_ratio(white, black), 21.0, 1e-9, "white on black");
    CHECK_NEAR(contrast_ratio(black, white), 21.0, 1e-9, "order does not matter");
    /* #767676 on white is the lightest grey that passes 4.5:1; #777777 just fails. */
    CHECK(contrast_ratio(contrast_luminance(0x76, 0x76, 0x76), white) >= 4.5, "#767676 passes");
    CHECK(contrast_ratio(contrast_luminance(0x77, 0x77, 0x77), white) < 4.5, "#777777 fails");
    CHECK(contrast_is_large(24, false) && !contrast_is_large(23, false), "24 px is large");
    CHECK(contrast_is_large(19, true) && !contrast_is_large(18, true), "18.67 px bold is large");

    /* A 10x10 pale-blue backdrop; "text" drawn as white in a 4x4 square at (2, 2). */
    enum { W = 10, H = 10, P = W * 4 };
    uint8_t back[P * H], with[P * H];
    for (int i = 0; i < W * H; i++) {
        memcpy(back + i * 4, (uint8_t[]){0xd8, 0xec, 0xff, 0xff}, 4);
        memcpy(with + i * 4, back + i * 4, 4);
    }
    for (int y = 2; y < 6; y++)
        for (int x = 2; x < 6; x++)
            memset(with + y * P + x * 4, 0xff, 4);
    struct contrast_measure m;
    struct color white_text = {255, 255, 255, 255};
    CHECK(contrast_measure_text(with, back, W, H, P, 0, 0, W, H, white_text, &m), "letters found");
    CHECK(m.pixels == 16, "only the 16 letter pixels count, got %zu", m.pixels);
    CHECK(m.ratio < 1.3, "white on pale blue is about 1.2:1, got %.2f", m.ratio);
    /* Dark text over the same backdrop. */
    for (int y = 2; y < 6; y++)
        for (int x = 2; x < 6; x++)
            memcpy(with + y * P + x * 4, (uint8_t[]){0x0b, 0x25, 0x40, 0xff}, 4);
    struct color dark = {0x0b, 0x25, 0x40, 255};
    CHECK(contrast_measure_text(with, back, W, H, P, 0, 0, W, H, dark, &m) && m.ratio > 10,
          "dark blue on pale blue is high, got %.2f", m.ratio);
    /* Half-transparent dark text counts as drawn: blended with the backdrop. */
    struct color half = {0x0b, 0x25, 0x40, 128};
    CHECK(contrast_measure_text(with, back, W, H, P, 0, 0, W, H, half, &m) && m.ratio < 4.5,
          "half-transparent dark text is lower, got %.2f", m.ratio);
    /* Outside the box nothing counts; an empty box has no letters. */
    CHECK(!contrast_measure_text(with, back, W, H, P, 6, 6, 4, 4, dark, &m), "no letters there");
    CHECK(!contrast_measure_text(back, back, W, H, P, 0, 0, W, H, dark, &m), "nothing drawn");
    return check_summary();
}
