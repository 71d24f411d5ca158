/* Styles, named colours, playlist fonts, image blocks and keep_together (tests/playlist/styles):
 * what each key gives the model, with the style's look under every block that names it and the
 * block's own keys over it. Their errors are in invalid/styles_*.json and friends. */
#include "base/xmalloc.h"
#include "playlist/playlist.h"

#include "check.h"
#include "fake_probe.h"

#include <stdlib.h>
#include <string.h>

#define STYLES_DIR PLAYLIST_TESTS_DIR "/styles"

static bool color_is(struct color c, unsigned r, unsigned g, unsigned b, unsigned a)
{
    return c.r == r && c.g == g && c.b == b && c.a == a;
}

/* Refuses files named not-a-font*, as font_file_check would a text file. */
static bool fake_font_probe(void *ctx, const char *path, char *err, size_t errlen)
{
    (void)ctx;
    if (strstr(path, "not-a-font")) {
        snprintf(err, errlen, "not a font file FreeType knows");
        return false;
    }
    return true;
}

static struct playlist *load(struct diag_list *diags)
{
    struct playlist_load_options opts = {.probe_image = fake_probe, .probe_font = fake_font_probe};
    struct playlist *pl = playlist_load(STYLES_DIR, &opts, diags);
    if (!pl || diags->count > 0) {
        fprintf(stderr, "FAIL styles/playlist.json did not load cleanly:\n");
        diag_print(diags, stderr);
        check_failed++;
    }
    return pl;
}

static void test_colors_and_fonts(const struct playlist *pl)
{
    CHECK(color_is(pl->default_background.from, 0x0a, 0x4d, 0x8c, 255)); /* "brand" */
    CHECK_INT(pl->font_count, 2);
    CHECK_STR(pl->fonts[0].name, "Brand");
    CHECK_STR(pl->fonts[0].regular, STYLES_DIR "/fonts/brand.ttf");
    CHECK_STR(pl->fonts[0].bold, STYLES_DIR "/fonts/brand-bold.ttf");
    CHECK_STR(pl->fonts[1].name, "Plain");
    CHECK(pl->fonts[1].bold == NULL);
}

static void test_text_styles(const struct playlist *pl)
{
    const struct slide *s = &pl->slides[0];
    CHECK_INT(s->text_count, 4);
    /* The style alone. */
    const struct text_block *t = &s->texts[0];
    CHECK_INT(t->font, 1);
    CHECK_NUM(t->size, 96);
    CHECK_NUM(t->min_size, 64);
    CHECK(t->bold);
    CHECK(color_is(t->color, 0xf2, 0xc1, 0x4e, 255));
    CHECK(t->has_shadow);
    CHECK(color_is(t->shadow, 0, 0, 0, 0xaa));
    CHECK_INT(t->align, BLOCK_ALIGN_CENTER);
    CHECK_INT(t->valign, BLOCK_VALIGN_TOP);
    CHECK(!t->has_panel);
    /* The block's own size and colour over the style; the style's shrinking stays. */
    t = &s->texts[1];
    CHECK_NUM(t->size, 72);
    CHECK_NUM(t->min_size, 64);
    CHECK(color_is(t->color, 255, 255, 255, 255));
    CHECK(t->bold);
    CHECK_INT(t->font, 1);
    /* A panel from the style, its fit changed by the block; padding and radius kept. */
    t = &s->texts[2];
    CHECK(t->has_panel);
    CHECK(!t->panel_hug);
    CHECK_NUM(t->padding, 20);
    CHECK_NUM(t->radius, 16);
    CHECK(color_is(t->panel, 0x0b, 0x25, 0x40, 0xcc));
    CHECK_NUM(t->size, 40);
    CHECK_NUM(t->min_size, 40); /* a style without min_size does not shrink */
    CHECK_NUM(t->line_height, 1.3f);
    CHECK_INT(t->font, 0);
    /* "panel": false takes the style's panel away. */
    CHECK(!s->texts[3].has_panel);
    /* The page's text has the style's hugging panel. */
    const struct text_block *p = &pl->pages[0].texts[0];
    CHECK(p->has_panel && p->panel_hug);
    CHECK_NUM(p->radius, 16);
}

static void test_buttons_and_captions(const struct playlist *pl)
{
    const struct button *b = &pl->slides[0].buttons[0];
    CHECK(color_is(b->style.background, 0x0a, 0x4d, 0x8c, 255));
    CHECK(color_is(b->style.color, 255, 255, 255, 255));
    CHECK_NUM(b->style.size, 44);
    CHECK(!b->style.bold);
    CHECK_INT(b->label.font, 2);
    CHECK_NUM(b->label.radius, 24);
    CHECK(color_is(b->label.panel, 0x0a, 0x4d, 0x8c, 255));
    /* A button style object takes named colours too. */
    CHECK(color_is(pl->pages[0].buttons[0].style.background, 0xf2, 0xc1, 0x4e, 255));
    const struct qr_block *q = &pl->slides[0].qrs[0];
    CHECK(q->has_caption);
    CHECK_NUM(q->caption.size, 40);
    CHECK(!q->caption.has_panel);
    CHECK_INT(q->caption.align, BLOCK_ALIGN_CENTER);
    CHECK_INT(q->caption_px, 60); /* 40 px * 1.5, from the style's size */
}

static void test_image_blocks(const struct playlist *pl)
{
    const struct slide *s = &pl->slides[0];
    CHECK_INT(s->image_count, 2);
    const struct image_block *i = &s->images[0];
    CHECK_STR(i->image.src, "media/logo.png");
    CHECK_STR(i->image.path, STYLES_DIR "/media/logo.png");
    CHECK_INT(i->image.fit, IMAGE_FIT_CONTAIN); /* the default for a block */
    CHECK_INT(i->image.width, 640);             /* probed */
    CHECK_NUM(i->box[2], 0.2f);
    /* Hebrew first: the start edge is the right one. */
    CHECK_NUM(i->image.focus[0], 1.0f);
    CHECK_NUM(i->image.focus[1], 0.0f);
    CHECK_STR(i->path, "slides[0].images[0]");
    i = &s->images[1];
    CHECK_INT(i->image.fit, IMAGE_FIT_COVER);
    CHECK_NUM(i->image.focus[0], 0.0f);
    CHECK_NUM(i->image.focus[1], 1.0f);
    CHECK_INT(pl->pages[0].image_count, 1);
    CHECK_NUM(pl->pages[0].images[0].image.focus[0], 0.5f);
}

static void test_keep_together(const struct playlist *pl)
{
    const struct slide *s = &pl->slides[0];
    CHECK_STR(text_block_text(pl, &s->texts[0], "en", NULL), "Welcome to Kiosk\u00a0City");
    CHECK_STR(text_block_text(pl, &s->texts[0], "he", NULL), "ברוכים הבאים ל-Kiosk\u00a0City");
    /* A joiner after each hyphen of a phrase; "*6200" has nothing to glue. */
    CHECK_STR(text_block_text(pl, &s->texts[1], "en", NULL),
              "Call *6200 or 04-\u2060123-\u20604567");
}

static void test_font_probe(void)
{
    /* The same playlist with a font the probe refuses: an error at the file's path. */
    const char *text =
        "{\"format\": 1, \"name\": \"x\", \"screen\": {\"width\": 640, \"height\": 360},\n"
        " \"languages\": [\"en\"],\n"
        " \"fonts\": {\"Bad\": {\"regular\": \"fonts/not-a-font.ttf\"}},\n"
        " \"slides\": [{\"id\": \"a\", \"texts\": [{\"text\": {\"en\": \"a\"}, \"box\": [0, 0, "
        "1, 1], \"font\": \"Bad\"}]}]}\n";
    struct diag_list diags = {0};
    struct playlist_load_options opts = {.probe_image = fake_probe, .probe_font = fake_font_probe};
    struct playlist *pl =
        playlist_load_text(STYLES_DIR, "bad.json", text, strlen(text), &opts, &diags);
    CHECK(pl == NULL);
    /* One message, at the file: the block naming the refused family is not told again. */
    CHECK_INT(diags.count, 1);
    if (diags.count == 1) {
        CHECK_INT(diags.items[0].line, 3);
        CHECK_INT(diags.items[0].column, 31);
        CHECK_STR(diags.items[0].path, "fonts.Bad.regular");
        CHECK_STR(diags.items[0].message,
                  "\"fonts/not-a-font.ttf\" is not a font this kiosk can use: not a font file "
                  "FreeType knows; expected a TrueType (.ttf) or OpenType (.otf) file");
    }
    playlist_free(pl);
    diag_list_clear(&diags);
}

int main(void)
{
    struct diag_list diags = {0};
    struct playlist *pl = load(&diags);
    if (pl) {
        test_colors_and_fonts(pl);
        test_text_styles(pl);
        test_buttons_and_captions(pl);
        test_image_blocks(pl);
        test_keep_together(pl);
    }
    playlist_free(pl);
    diag_list_clear(&diags);
    test_font_probe();
    return check_summary();
}
