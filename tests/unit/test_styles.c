/* Styles on screen: an image block's decode size and placement (contain and cover, aligned), a
 * panel that hugs its lines, a playlist's own font with the bundled faces behind it, the check
 * that a font file is a font, and words kept on one line by U+00A0 and U+2060.
 * Usage: test_styles FONTS_DIR TMP_DIR GOLDEN_DIR */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/content.h"
#include "base/file.h"
#include "base/xmalloc.h"
#include "check.h"
#include "media/loader.h"
#include "media/texture_cache.h"
#include "render/compositor.h"
#include "render/fit.h"
#include "render/text_blocks.h"
#include "text/layout.h"

static void test_block_decode_size(void)
{
    int w, h;
    /* An 800x600 picture in a 200x300 box: contain fits the width, cover the height. */
    fit_block_decode_size(IMAGE_FIT_CONTAIN, 800, 600, 200, 300, 4096, &w, &h);
    CHECK(w == 200 && h == 150, "contain decodes 200x150, got %dx%d", w, h);
    fit_block_decode_size(IMAGE_FIT_COVER, 800, 600, 200, 300, 4096, &w, &h);
    CHECK(w == 400 && h == 300, "cover decodes 400x300, got %dx%d", w, h);
    /* Never larger than the picture: a small logo in a big box keeps its own size. */
    fit_block_decode_size(IMAGE_FIT_CONTAIN, 100, 50, 1000, 1000, 4096, &w, &h);
    CHECK(w == 100 && h == 50, "a small logo stays 100x50, got %dx%d", w, h);
    /* Nor past the largest texture. */
    fit_block_decode_size(IMAGE_FIT_COVER, 8000, 1000, 4000, 4000, 4096, &w, &h);
    CHECK(w <= 4096 && h <= 4096 && w > 4000, "capped at 4096, got %dx%d", w, h);
}

static void test_block_place(void)
{
    struct rectf src, dst;
    /* Contain: 400x300 in 200x300, aligned to the end (right) and the bottom. */
    const float end_bottom[2] = {1, 1};
    fit_block_place(IMAGE_FIT_CONTAIN, end_bottom, 400, 300, 200, 300, &src, &dst);
    CHECK(src.x == 0 && src.y == 0 && src.w == 400 && src.h == 300, "contain shows all of it");
    CHECK_NEAR(dst.w, 200, 0.01, "contain width");
    CHECK_NEAR(dst.h, 150, 0.01, "contain height");
    CHECK_NEAR(dst.y, 150, 0.01, "contain at the bottom");
    CHECK_NEAR(dst.x, 0, 0.01, "no room left over across");
    /* Centred. */
    const float centre[2] = {0.5f, 0.5f};
    fit_block_place(IMAGE_FIT_CONTAIN, centre, 400, 300, 200, 300, &src, &dst);
    CHECK_NEAR(dst.y, 75, 0.01, "contain centred");
    /* Cover: 400x300 in 300x300 keeps a 300x300 window, at the start (left) for focus x 0. */
    const float start_top[2] = {0, 0};
    fit_block_place(IMAGE_FIT_COVER, start_top, 400, 300, 300, 300, &src, &dst);
    CHECK(dst.x == 0 && dst.y == 0 && dst.w == 300 && dst.h == 300, "cover fills the box");
    CHECK_NEAR(src.x, 0, 0.01, "cover keeps the left");
    CHECK_NEAR(src.w, 300, 0.01, "cover window width");
    fit_block_place(IMAGE_FIT_COVER, end_bottom, 400, 300, 300, 300, &src, &dst);
    CHECK_NEAR(src.x, 100, 0.01, "cover keeps the right");
}

static void test_hug(struct text_engine *e)
{
    /* Two short right-to-left lines in a wide box: the panel is as wide as the longer line
     * plus padding, on the right (the start edge), not the box's width. */
    struct text_style st = {
        .size = 40, .lang = "he", .dir = TEXT_DIR_RTL, .align = TEXT_ALIGN_START};
    const char *text = "שתי שורות\nקצרות";
    struct text_layout *l = text_layout_create(e, text, strlen(text), &st, 1000);
    SDL_FRect r;
    CHECK(text_blocks_hug_rect(l, 100, 50, 10, &r), "a panel for two lines");
    CHECK(l->n_lines == 2, "two lines, got %zu", l->n_lines);
    CHECK_NEAR(r.w, l->width + 20, 0.5, "panel width is the longer line plus padding");
    CHECK_NEAR(r.h, l->height + 20, 0.5, "panel height is the lines plus padding");
    CHECK(r.w < 400, "the panel is no wider than its text: %g", r.w);
    CHECK_NEAR(r.x + r.w, 100 + 1000 + 10, 0.5, "hugging the right edge");
    CHECK_NEAR(r.y, 40, 0.01, "padding above the first line");
    text_layout_unref(l);
    /* Centred text: centred panel. */
    st.align = TEXT_ALIGN_CENTER;
    l = text_layout_create(e, text, strlen(text), &st, 1000);
    CHECK(text_blocks_hug_rect(l, 0, 0, 0, &r), "a centred panel");
    CHECK_NEAR(r.x + r.w / 2, 500, 0.5, "centred in the box");
    text_layout_unref(l);
    /* Nothing visible: no panel. */
    l = text_layout_create(e, "", 0, &st, 1000);
    CHECK(!text_blocks_hug_rect(l, 0, 0, 10, &r), "no panel for no text");
    text_layout_unref(l);
}

static bool copy_file(const char *from, const char *to)
{
    char *data = NULL, err[256];
    size_t len = 0;
    if (!file_read_all(from, 64u << 20, &data, &len, err, sizeof err))
        return false;
    FILE *f = fopen(to, "wb");
    bool ok = f && fwrite(data, 1, len, f) == len;
    if (f)
        ok &= fclose(f) == 0;
    free(data);
    return ok;
}

static void test_playlist_font(struct text_engine *e, const char *fonts_dir, const char *tmp)
{
    /* A "brand" font: a bundled Latin face under another name, as a playlist would ship it. */
    char *from = xasprintf("%s/NotoSans-Bold.ttf", fonts_dir);
    char *brand = xasprintf("%s/brand.ttf", tmp);
    CHECK(copy_file(from, brand), "copy %s to %s", from, brand);
    font_family_id fam = text_engine_add_family(e, brand, NULL);
    CHECK(fam != FONT_FAMILY_BUNDLED, "the brand family loads");
    CHECK(text_engine_add_family(e, brand, NULL) == fam, "the same file is the same family");

    /* Hebrew with a brand name: the Latin letters in the brand face, the Hebrew in Noto Sans
     * Hebrew (the brand face has none), run by run. */
    struct text_style st = {.size = 40, .lang = "he", .dir = TEXT_DIR_RTL, .family = fam};
    const char *text = "שלום Kiosk";
    struct text_layout *l = text_layout_create(e, text, strlen(text), &st, 2000);
    const struct font_set *fonts = text_engine_fonts(e);
    bool latin_brand = false, hebrew_noto = false, other = false;
    for (size_t i = 0; i < l->n_glyphs; i++) {
        const char *name = font_set_face(fonts, l->glyphs[i].font)->name;
        uint32_t cl = l->glyphs[i].cluster;
        if (cl >= 5 && !strcmp(name, "brand.ttf"))
            latin_brand = true;
        else if (cl < 4 && !strcmp(name, "NotoSansHebrew-Regular.ttf"))
            hebrew_noto = true;
        else if (cl != 4)
            other = true;
    }
    CHECK(latin_brand, "Kiosk is set in the brand font");
    CHECK(hebrew_noto, "the Hebrew falls back to Noto Sans Hebrew");
    CHECK(!other, "no glyph in another face");
    text_layout_unref(l);

    /* Without the family, the same text takes the bundled regular face. */
    st.family = FONT_FAMILY_BUNDLED;
    l = text_layout_create(e, text, strlen(text), &st, 2000);
    bool any_brand = false;
    for (size_t i = 0; i < l->n_glyphs; i++)
        any_brand |= !strcmp(font_set_face(fonts, l->glyphs[i].font)->name, "brand.ttf");
    CHECK(!any_brand, "no brand glyph without the family");
    text_layout_unref(l);

    /* A file that is not a font: refused with a reason; a missing one gives the bundled faces. */
    char *fake = xasprintf("%s/fake.ttf", tmp);
    FILE *f = fopen(fake, "w");
    if (f) {
        fputs("this is not a font\n", f);
        fclose(f);
    }
    char err[256] = "";
    CHECK(!font_file_check(fake, err, sizeof err), "a text file is not a font");
    CHECK(!strcmp(err, "not a font file FreeType knows"), "reason: %s", err);
    CHECK(font_file_check(brand, err, sizeof err), "a real font passes: %s", err);
    CHECK(text_engine_add_family(e, fake, NULL) == FONT_FAMILY_BUNDLED, "a fake font is skipped");
    free(fake);
    free(from);
    free(brand);
}

/* kiosk check with a Hebrew brand font: a digit it lacks is named (it comes from Noto Sans), the
 * English it has no letter of falls back silently, and a file that is not a font is an error at
 * the file. */
static void test_check_brand_font(struct text_engine *e, const char *fonts_dir, const char *tmp)
{
    char *dir = xasprintf("%s/brand-check", tmp);
    char *fdir = xasprintf("%s/fonts", dir);
    CHECK(file_mkdir_p(fdir), "mkdir %s", fdir);
    char *from = xasprintf("%s/NotoSansHebrew-Regular.ttf", fonts_dir);
    char *to = xasprintf("%s/brand.ttf", fdir);
    CHECK(copy_file(from, to), "copy the Hebrew face as a brand font");
    char *json = xasprintf("%s/playlist.json", dir);
    FILE *f = fopen(json, "w");
    if (f) {
        fputs("{\"format\": 1, \"name\": \"brand\", \"screen\": {\"width\": 640, \"height\": "
              "360},\n \"languages\": [\"he\", \"en\"],\n"
              " \"fonts\": {\"Brand\": {\"regular\": \"fonts/brand.ttf\"}},\n"
              " \"slides\": [{\"id\": \"a\", \"texts\": [{\"font\": \"Brand\", \"box\": [0, 0, 1, "
              "1],\n  \"text\": {\"he\": \"שלום 5\", \"en\": \"Hello\"}}]}]}\n",
              f);
        fclose(f);
    }
    struct diag_list diags = {0};
    struct playlist *pl = content_load(dir, 40000000, e, CONTENT_TEXT_STRICT, &diags);
    CHECK(pl != NULL, "a brand font that lacks digits still passes");
    CHECK(diags.count == 1, "one warning, got %zu", diags.count);
    if (diags.count == 1) {
        CHECK(diags.items[0].severity == DIAG_WARNING, "a warning");
        CHECK(!strcmp(diags.items[0].path, "slides[0].texts[0].text.he"), "at %s",
              diags.items[0].path);
        CHECK(!strcmp(diags.items[0].message,
                      "block 1 of slide \"a\": the font \"Brand\" has no \"5\" (U+0035) in the he "
                      "text \"שלום 5\"; it is drawn in the bundled Noto font instead, which may "
                      "look out of place; use a font file that has it, or change the text"),
              "message: %s", diags.items[0].message);
    }
    playlist_free(pl);
    diag_list_clear(&diags);

    /* The same playlist with a text file for a font. */
    f = fopen(to, "w");
    if (f) {
        fputs("not a font\n", f);
        fclose(f);
    }
    pl = content_load(dir, 40000000, e, CONTENT_TEXT_STRICT, &diags);
    CHECK(pl == NULL, "a file that is not a font is an error");
    CHECK(diags.count >= 1 && !strcmp(diags.items[0].path, "fonts.Brand.regular") &&
              strstr(diags.items[0].message, "not a font file FreeType knows"),
          "the error is at the file: %s", diags.count ? diags.items[0].message : "(none)");
    playlist_free(pl);
    diag_list_clear(&diags);
    free(json);
    free(to);
    free(from);
    free(fdir);
    free(dir);
}

/* A slide with more image blocks than the texture cache's configured size keeps them all from
 * frame to frame: a redraw (a ticker, a clock) must not evict one and decode it again. */
static void test_blocks_stay_cached(const char *golden_dir, const char *fonts_dir, const char *tmp)
{
    /* The golden styles playlist, with its brand font copied in as the golden test does. */
    char *dir = xasprintf("%s/cached", tmp);
    static const char *const files[][2] = {
        {"styles/playlist.json", "playlist.json"},
        {"styles/media/badge.png", "media/badge.png"},
        {"styles/media/quadrants.jpg", "media/quadrants.jpg"},
    };
    char *sub = xasprintf("%s/media", dir), *fsub = xasprintf("%s/fonts", dir);
    CHECK(file_mkdir_p(sub) && file_mkdir_p(fsub), "mkdir %s", dir);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char *a = xasprintf("%s/%s", golden_dir, files[i][0]);
        char *b = xasprintf("%s/%s", dir, files[i][1]);
        CHECK(copy_file(a, b), "copy %s", a);
        free(a);
        free(b);
    }
    char *font_from = xasprintf("%s/NotoSans-Bold.ttf", fonts_dir);
    char *font_to = xasprintf("%s/brand.ttf", fsub);
    CHECK(copy_file(font_from, font_to), "copy the brand font");
    free(font_from);
    free(font_to);
    free(sub);
    free(fsub);
    struct diag_list diags = {0};
    struct playlist *pl = content_load(dir, 40000000, NULL, CONTENT_TEXT_SKIP, &diags);
    diag_print(&diags, stderr);
    diag_list_clear(&diags);
    CHECK(pl != NULL, "the golden styles playlist loads");
    char *file = NULL;
    if (!pl) {
        free(dir);
        return;
    }
    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, 640, 360, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(surf);
    struct image_loader *loader = image_loader_create(40000000);
    struct texture_cache *cache = texture_cache_create(r, loader, 2);
    struct compositor *comp = compositor_create(r, cache);
    const struct slide *s = NULL;
    for (size_t i = 0; i < pl->slide_count; i++)
        if (!strcmp(pl->slides[i].id, "images"))
            s = &pl->slides[i];
    CHECK(s && s->image_count == 3, "the slide has three image blocks");
    if (s) {
        const char *error = NULL;
        texture_cache_begin_frame(cache);
        compositor_slide_media(comp, s, 640, 360, false, &error);
        CHECK(compositor_wait_images(comp, s->images, s->image_count, 640, 360, &error),
              "decoded: %s", error ? error : "");
        for (int frame = 0; frame < 3; frame++) {
            texture_cache_begin_frame(cache);
            enum texture_status st = compositor_slide_media(comp, s, 640, 360, false, &error);
            CHECK(st == TEXTURE_READY, "frame %d: every block still ready (status %d)", frame,
                  (int)st);
            /* The loop prefetches the next slide's media after drawing. */
            compositor_slide_media(comp, &pl->slides[0], 640, 360, true, &error);
        }
    }
    compositor_destroy(comp);
    texture_cache_destroy(cache);
    image_loader_destroy(loader);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(surf);
    playlist_free(pl);
    free(file);
    free(dir);
}

/* The index of the line holding code point cp. */
static size_t line_of(const struct text_layout *l, uint32_t cp)
{
    for (size_t i = 0; i < l->n_lines; i++)
        if (cp >= l->lines[i].start && cp < l->lines[i].end)
            return i;
    return (size_t)-1;
}

static void test_keep_together(struct text_engine *e)
{
    struct text_style st = {.size = 40, .lang = "en", .dir = TEXT_DIR_LTR};
    /* The box is as wide as "Visit Kiosk": with a plain space "City" wraps alone, with a
     * no-break space "Kiosk City" moves to the next line together. */
    struct text_layout *probe = text_layout_create(e, "Visit Kiosk", 11, &st, 0);
    float w = probe->width + 2;
    text_layout_unref(probe);
    const char *plain = "Visit Kiosk City";
    struct text_layout *l = text_layout_create(e, plain, strlen(plain), &st, w);
    CHECK(line_of(l, 6) == 0 && line_of(l, 12) == 1, "a plain space breaks between the words");
    text_layout_unref(l);
    const char *kept = "Visit Kiosk\u00a0City";
    l = text_layout_create(e, kept, strlen(kept), &st, w);
    CHECK(line_of(l, 6) == 1 && line_of(l, 12) == 1, "U+00A0 keeps Kiosk City together");
    CHECK(!l->word_broken, "nothing broken inside a word");
    text_layout_unref(l);

    /* A hyphen between letters is a break opportunity; a word joiner after it is not. */
    probe = text_layout_create(e, "Visit Tel-", 10, &st, 0);
    w = probe->width + 2;
    text_layout_unref(probe);
    const char *city = "Visit Tel-Aviv";
    l = text_layout_create(e, city, strlen(city), &st, w);
    CHECK(line_of(l, 6) == 0 && line_of(l, 10) == 1, "Tel-Aviv breaks after its hyphen");
    text_layout_unref(l);
    const char *joined = "Visit Tel-\u2060Aviv";
    l = text_layout_create(e, joined, strlen(joined), &st, w);
    CHECK(line_of(l, 6) == line_of(l, 11), "U+2060 keeps Tel-Aviv on one line");
    text_layout_unref(l);
}

int main(int argc, char **argv)
{
    const char *fonts = argc > 1 ? argv[1] : "fonts";
    const char *tmp = argc > 2 ? argv[2] : ".";
    const char *golden = argc > 3 ? argv[3] : "tests/golden";
    test_block_decode_size();
    test_block_place();
    struct text_engine *e = text_engine_create(fonts);
    CHECK(e != NULL, "fonts load from %s", fonts);
    if (e) {
        test_hug(e);
        test_playlist_font(e, fonts, tmp);
        test_keep_together(e);
        test_check_brand_font(e, fonts, tmp);
        test_blocks_stay_cached(golden, fonts, tmp);
        text_engine_destroy(e);
    }
    return check_summary();
}
