/* The import notice: every message exists in the four languages, results name the version and
 * group, and the panel draws a progress bar filled in proportion, with the tone's colour, on a
 * software renderer (no window). With a second argument naming a GPU renderer (opengles2, the
 * Pi's; run on Mesa's llvmpipe), the same notices drawn through it must match the software
 * renderer's within the golden images' tolerance (docs/testing.md). */
#include <string.h>

#include <SDL.h>

#include "check.h"
#include "import/messages.h"
#include "platform/display.h"
#include "render/notice.h"
#include "text/glyph_atlas.h"
#include "text/layout.h"

static void test_messages(void)
{
    static const char *const langs[] = {"he", "ar", "en", "ru", "he-IL"};
    char buf[512];
    for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++) {
        CHECK(import_message_has_language(langs[l]), "%s has a catalogue", langs[l]);
        CHECK(import_message_found(langs[l], false) && import_message_found(langs[l], true) &&
                  import_message_remove(langs[l]),
              "%s: found and remove", langs[l]);
        for (int p = IMPORT_PHASE_FOUND; p <= IMPORT_PHASE_DONE; p++)
            CHECK(import_message_phase(langs[l], (enum import_phase)p) != NULL, "%s phase %d",
                  langs[l], p);
        for (int s = IMPORT_INSTALLED; s <= IMPORT_FAILED; s++) {
            struct import_result r = {.status = (enum import_status)s, .version = 12};
            snprintf(r.group, sizeof r.group, "dimona");
            const char *m = import_message_result(langs[l], &r, buf, sizeof buf);
            CHECK(m && strlen(m) > 8 && !strchr(m, '?'), "%s status %d: %s", langs[l], s,
                  m ? m : "(null)");
            if (s == IMPORT_INSTALLED)
                CHECK(m && strstr(m, "12") && strstr(m, "dimona"), "%s installed: %s", langs[l],
                      m ? m : "(null)");
        }
    }
    struct import_result r = {.status = IMPORT_OTHER_GROUP};
    CHECK(!strcmp(import_message_result("he", &r, buf, sizeof buf),
                  "העדכון נדחה: מיועד לקבוצת מסכים אחרת"),
          "Hebrew refusal: %s", buf);
    CHECK(!strcmp(import_message_result("en", &r, buf, sizeof buf),
                  "Update refused: for another screen group"),
          "English refusal: %s", buf);
    CHECK(!import_message_has_language("fr") && !import_message_found("fr", false) &&
              !import_message_result("fr", &r, buf, sizeof buf) && !import_message_remove(NULL),
          "a language without a catalogue gets no line, not a mixture");
}

static bool is_colour(const SDL_Surface *s, int x, int y, SDL_Color c)
{
    Uint32 px = ((const Uint32 *)s->pixels)[y * (s->pitch / 4) + x];
    Uint8 r, g, b;
    SDL_GetRGB(px, s->format, &r, &g, &b);
    return abs(r - c.r) < 8 && abs(g - c.g) < 8 && abs(b - c.b) < 8;
}

/* The longest run of `c` along row y, and where it starts. */
static int run_of(const SDL_Surface *s, int y, SDL_Color c, int *start)
{
    int best = 0, cur = 0;
    for (int x = 0; x < s->w; x++) {
        cur = is_colour(s, x, y, c) ? cur + 1 : 0;
        if (cur > best) {
            best = cur;
            *start = x - cur + 1;
        }
    }
    return best;
}

static void test_panel(const char *fonts)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 640, 360, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
    struct text_engine *e = text_engine_create(fonts);
    struct glyph_atlas *atlas = e ? glyph_atlas_create(r, text_engine_fonts(e), 1024) : NULL;
    CHECK(e && atlas, "fonts from %s", fonts);

    const SDL_Color bg = {240, 192, 0, 255}, blue = {52, 120, 220, 255}, track = {60, 66, 80, 255},
                    green = {46, 160, 67, 255};
    struct notice n = {.progress = 0.25, .tone = NOTICE_NEUTRAL};
    notice_add(&n, import_message_found("he", false), "he", false);
    notice_add(&n, import_message_found("en", false), "en", false);
    notice_add(&n, import_message_phase("he", IMPORT_PHASE_COPYING), "he", true);
    notice_add(&n, NULL, "en", true);
    CHECK(n.line_count == 3, "a NULL text adds no line (%zu)", n.line_count);
    SDL_SetRenderDrawColor(r, bg.r, bg.g, bg.b, 255);
    SDL_RenderClear(r);
    notice_draw(r, e, atlas, &n, (SDL_Rect){0, 0, 640, 360});
    SDL_RenderPresent(r);
    SDL_SaveBMP(s, "notice-progress.bmp");

    /* Find the bar: the row where the longest run of the tone's colour is not the top edge. */
    int bar_y = -1, filled = 0, filled_x = 0;
    for (int y = 359; y >= 0 && bar_y < 0; y--) {
        int x0 = 0, len = run_of(s, y, blue, &x0);
        int tx = 0, tlen = run_of(s, y, track, &tx);
        if (len > 20 && tlen > 20) {
            bar_y = y;
            filled = len;
            filled_x = x0;
            CHECK_NEAR((double)len / (len + tlen), 0.25, 0.02, "bar filled to a quarter");
            CHECK(tx == x0 + len, "the track continues where the fill ends (%d, %d)", tx, x0 + len);
        }
    }
    CHECK(bar_y > 180, "a progress bar in the lower half (row %d, %d px from x=%d)", bar_y, filled,
          filled_x);
    CHECK(is_colour(s, 5, 5, bg), "the slide shows around the panel");

    /* A result: green edge, no bar. */
    struct notice done = {.progress = -1, .tone = NOTICE_GOOD};
    notice_add(&done, import_message_remove("he"), "he", false);
    SDL_RenderClear(r);
    notice_draw(r, e, atlas, &done, (SDL_Rect){0, 0, 640, 360});
    int x0 = 0;
    bool edge = false;
    for (int y = 0; y < 360; y++)
        edge |= run_of(s, y, green, &x0) > 400;
    CHECK(edge, "a result that went well has a green edge across the panel");
    CHECK(notice_hash(&done) != notice_hash(&n), "different notices hash differently");
    struct notice again = done;
    CHECK(notice_hash(&again) == notice_hash(&done), "the same notice hashes the same");
    again.progress = 0.5;
    CHECK(notice_hash(&again) != notice_hash(&done), "progress changes the hash");

    glyph_atlas_destroy(atlas);
    text_engine_destroy(e);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
}

/* Draws notice n over the slide colour with renderer r into a new 640x360 ARGB surface. */
static SDL_Surface *draw_with(SDL_Renderer *r, struct text_engine *e, const struct notice *n)
{
    struct glyph_atlas *atlas = glyph_atlas_create(r, text_engine_fonts(e), 1024);
    SDL_SetRenderDrawColor(r, 240, 192, 0, 255);
    SDL_RenderClear(r);
    notice_draw(r, e, atlas, n, (SDL_Rect){0, 0, 640, 360});
    SDL_Surface *out = SDL_CreateRGBSurfaceWithFormat(0, 640, 360, 32, SDL_PIXELFORMAT_ARGB8888);
    CHECK(SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_ARGB8888, out->pixels, out->pitch) == 0,
          "read back: %s", SDL_GetError());
    glyph_atlas_destroy(atlas);
    return out;
}

/* The staff notice through a GPU renderer against the software renderer: the mean difference
 * and the share of pixels off by more than 48 levels, as tests/golden/compare_png counts them. */
static void test_gpu(const char *fonts, const char *renderer)
{
    struct display d;
    CHECK(display_open_headless_gpu(640, 360, renderer, &d), "the %s renderer", renderer);
    if (!d.renderer)
        return;
    struct text_engine *e = text_engine_create(fonts);
    struct notice n = {.progress = 0.4, .tone = NOTICE_NEUTRAL};
    notice_add(&n, import_message_found("he", false), "he", false);
    notice_add(&n, import_message_found("ar", false), "ar", false);
    notice_add(&n, import_message_found("en", false), "en", false);
    notice_add(&n, import_message_phase("ru", IMPORT_PHASE_COPYING), "ru", true);
    struct notice bad = {.progress = -1, .tone = NOTICE_BAD};
    notice_add(&bad, "playlist.json:12:7: slides[3].image.src: no such file", "en", true);
    const struct notice *cases[] = {&n, &bad};
    for (size_t k = 0; k < 2; k++) {
        SDL_Surface *ref_s =
            SDL_CreateRGBSurfaceWithFormat(0, 640, 360, 32, SDL_PIXELFORMAT_ARGB8888);
        SDL_Renderer *soft = SDL_CreateSoftwareRenderer(ref_s);
        SDL_Surface *want = draw_with(soft, e, cases[k]), *got = draw_with(d.renderer, e, cases[k]);
        double sum = 0;
        long off = 0;
        for (int y = 0; y < 360; y++) {
            const Uint8 *a = (const Uint8 *)want->pixels + y * want->pitch;
            const Uint8 *b = (const Uint8 *)got->pixels + y * got->pitch;
            for (int x = 0; x < 640; x++) {
                int worst = 0;
                for (int ch = 0; ch < 3; ch++) {
                    int diff = abs(a[4 * x + ch] - b[4 * x + ch]);
                    sum += diff;
                    worst = diff > worst ? diff : worst;
                }
                off += worst > 48;
            }
        }
        double mean = sum / (640.0 * 360 * 3), share = (double)off / (640.0 * 360);
        CHECK(mean <= 1.2 && share <= 0.0045,
              "notice %zu through %s: mean difference %.3f (limit 1.2), %.3f%% of pixels off "
              "(limit 0.45%%)",
              k, renderer, mean, 100 * share);
        if (k == 0)
            SDL_SaveBMP(got, "notice-gpu.bmp");
        SDL_FreeSurface(want);
        SDL_FreeSurface(got);
        SDL_DestroyRenderer(soft);
        SDL_FreeSurface(ref_s);
    }
    text_engine_destroy(e);
    display_close(&d);
}

int main(int argc, char **argv)
{
    if (argc > 2) { /* the GPU comparison only: the rest runs in unit.test_notice */
        test_gpu(argv[1], argv[2]);
        SDL_Quit();
        return check_summary();
    }
    test_messages();
    test_panel(argc > 1 ? argv[1] : "fonts");
    return check_summary();
}
