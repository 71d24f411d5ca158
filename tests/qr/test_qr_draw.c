/* Drawing is pixel-exact: every pixel of the code's square is the colour of the module (or quiet
 * zone) it belongs to, modules are whole pixels, the quiet zone is at least 4 modules, nothing
 * is drawn outside the square, and both ways of drawing give the same pixels. */
#include <string.h>

#include "check.h"
#include "qr_test.h"

/* Probes every pixel of the surface against the expected picture. Returns the number wrong. */
static long probe(SDL_Surface *s, const struct qr_code *code, const struct qr_layout *l,
                  struct qr_colors colors)
{
    Uint32 dark = rgb(s, colors.dark), light = rgb(s, colors.light);
    Uint32 slide = SDL_MapRGBA(s->format, SLIDE_R, SLIDE_G, SLIDE_B, 255);
    int m = l->module_px;
    long wrong = 0;
    for (int y = 0; y < s->h; y++) {
        for (int x = 0; x < s->w; x++) {
            int cx = x - l->code.x, cy = y - l->code.y;
            Uint32 expect;
            if (cx < 0 || cy < 0 || cx >= l->code.w || cy >= l->code.h)
                expect = slide;
            else
                expect = qr_code_dark(code, cx / m - QR_QUIET_MODULES, cy / m - QR_QUIET_MODULES)
                             ? dark
                             : light;
            if (pixel_at(s, x, y) != expect && wrong++ < 3)
                fprintf(stderr, "pixel %d,%d: %08x, expected %08x\n", x, y, pixel_at(s, x, y),
                        expect);
        }
    }
    return wrong;
}

/* The quiet zone measured on the pixels: light rows and columns from the square's edge to the
 * first dark pixel, at least 4 modules on all four sides. */
static int quiet_px(SDL_Surface *s, const struct qr_layout *l, Uint32 light)
{
    int least = l->code.w;
    for (int side = 0; side < 4; side++) {
        int n = 0;
        for (; n < l->code.w / 2; n++) {
            bool all_light = true;
            for (int i = 0; i < l->code.w && all_light; i++) {
                int x = side == 0 ? n : side == 1 ? l->code.w - 1 - n : i;
                int y = side == 2 ? n : side == 3 ? l->code.w - 1 - n : i;
                all_light = pixel_at(s, l->code.x + x, l->code.y + y) == light;
            }
            if (!all_light)
                break;
        }
        if (n < least)
            least = n;
    }
    return least;
}

static void test_case(const char *data, enum qr_ecc ecc, struct qr_rect box, int caption_h,
                      struct qr_colors colors)
{
    struct qr_code *code = qr_encode(data, strlen(data), ecc, NULL);
    CHECK(code, "encode %s", data);
    if (!code)
        return;
    struct qr_layout l1, l2;
    int w = box.x + box.w + 11, h = box.y + box.h + 7;
    SDL_Surface *a = draw_on_slide(code, w, h, box, caption_h, colors, DRAW_RECTS, &l1);
    SDL_Surface *b = draw_on_slide(code, w, h, box, caption_h, colors, DRAW_TEXTURE, &l2);
    CHECK(a && b, "drawn: %s in %dx%d", data, box.w, box.h);
    if (a && b) {
        CHECK(l1.module_px >= 1 && l1.code.w == (code->width + 8) * l1.module_px,
              "whole modules: %d px", l1.module_px);
        long wa = probe(a, code, &l1, colors), wb = probe(b, code, &l2, colors);
        CHECK(wa == 0, "qr_draw: %ld pixels wrong (%s, box %d)", wa, data, box.w);
        CHECK(wb == 0, "qr_draw_surface: %ld pixels wrong (%s, box %d)", wb, data, box.w);
        bool same = true;
        for (int y = 0; y < h && same; y++)
            same = memcmp((Uint8 *)a->pixels + y * a->pitch, (Uint8 *)b->pixels + y * b->pitch,
                          (size_t)w * 4) == 0;
        CHECK(same, "both ways give the same pixels");
        int q = quiet_px(a, &l1, rgb(a, colors.light));
        CHECK(q >= QR_QUIET_MODULES * l1.module_px, "quiet zone %d px, module %d px", q,
              l1.module_px);
    }
    SDL_FreeSurface(a);
    SDL_FreeSurface(b);
    qr_code_free(code);
}

/* The renderer's colour and blend mode are as the caller left them. */
static void test_state_restored(void)
{
    struct qr_code *code = qr_encode("tel:+97246956000", 16, QR_ECC_M, NULL);
    SDL_Surface *t = SDL_CreateRGBSurfaceWithFormat(0, 100, 100, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(t);
    struct qr_layout l;
    CHECK(code && r && qr_layout(code->width, (struct qr_rect){0, 0, 100, 100}, 0, 1, &l),
          "set up");
    if (code && r) {
        SDL_SetRenderDrawColor(r, 1, 2, 3, 4);
        SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
        qr_draw(r, code, &l, QR_COLORS_DEFAULT);
        Uint8 cr, cg, cb, ca;
        SDL_BlendMode mode;
        SDL_GetRenderDrawColor(r, &cr, &cg, &cb, &ca);
        SDL_GetRenderDrawBlendMode(r, &mode);
        CHECK(cr == 1 && cg == 2 && cb == 3 && ca == 4 && mode == SDL_BLENDMODE_BLEND,
              "draw state restored");
        SDL_DestroyRenderer(r);
    }
    SDL_FreeSurface(t);
    qr_code_free(code);
}

int main(void)
{
    struct qr_colors navy_on_cream = {{20, 30, 80, 255}, {250, 245, 230, 255}};
    const int boxes[] = {99, 120, 150, 240, 333, 480};
    for (size_t i = 0; i < sizeof(boxes) / sizeof(*boxes); i++) {
        int b = boxes[i];
        test_case("https://www.akko.muni.il/", QR_ECC_M, (struct qr_rect){13, 7, b, b}, 0,
                  QR_COLORS_DEFAULT);
        test_case("https://www.k-8.co.il/", QR_ECC_H, (struct qr_rect){0, 0, b, b + 40}, 40,
                  navy_on_cream);
    }
    /* A large code (version 25 and up) in an odd-sized box. */
    char long_text[700];
    for (int i = 0; i < 699; i++)
        long_text[i] = (char)('A' + i % 23);
    long_text[699] = 0;
    test_case(long_text, QR_ECC_Q, (struct qr_rect){5, 3, 617, 700}, 60, QR_COLORS_DEFAULT);
    test_state_restored();
    return check_summary();
}
