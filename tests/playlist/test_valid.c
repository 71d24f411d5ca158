/* A valid example per feature (the files in tests/playlist/valid): each loads without errors and
 * gives the model the player will show. */
#include "base/file.h"
#include "base/xmalloc.h"
#include "playlist/page.h"
#include "playlist/playlist.h"

#include "check.h"
#include "fake_probe.h"

#include <stdlib.h>

#define VALID_DIR PLAYLIST_TESTS_DIR "/valid"

static bool color_is(struct color c, unsigned r, unsigned g, unsigned b, unsigned a)
{
    return c.r == r && c.g == g && c.b == b && c.a == a;
}

/* Loads valid/NAME with the fake probe; fails the test on any error, or on a warning unless
 * `warnings` is set (the caller then checks them in *diags). */
static struct playlist *load(const char *name, struct diag_list *diags, bool warnings)
{
    char *path = xasprintf("%s/%s", VALID_DIR, name), *text, err[512];
    size_t len;
    struct playlist *pl = NULL;
    if (!file_read_all(path, PLAYLIST_MAX_FILE_BYTES, &text, &len, err, sizeof(err))) {
        fprintf(stderr, "%s\n", err);
        check_failed++;
        free(path);
        return NULL;
    }
    struct playlist_load_options opts = {.probe_image = fake_probe};
    pl = playlist_load_text(VALID_DIR, name, text, len, &opts, diags);
    if (!pl || (!warnings && diags->count > 0)) {
        fprintf(stderr, "FAIL %s did not load cleanly:\n", name);
        diag_print(diags, stderr);
        check_failed++;
    }
    free(text);
    free(path);
    return pl;
}

static void test_full(void)
{
    struct diag_list diags = {0};
    struct playlist *pl = load("full.json", &diags, false);
    if (!pl)
        return;
    CHECK_STR(pl->name, "Akko — city hall lobby");
    CHECK_STR(pl->dir, VALID_DIR);
    CHECK_STR(pl->file, "full.json");
    CHECK_INT(pl->width, 1920);
    CHECK_INT(pl->height, 1080);
    CHECK(!playlist_is_portrait(pl));
    CHECK_INT(pl->language_count, 4);
    CHECK_STR(pl->languages[0], "he");
    CHECK_STR(pl->languages[3], "ru");
    CHECK(pl->rtl);
    CHECK_NUM(pl->default_duration, 8);
    CHECK_INT(pl->default_transition.kind, TRANSITION_CROSSFADE);
    CHECK_NUM(pl->default_transition.duration, 1.0);
    CHECK(color_is(pl->default_background.from, 0x0b, 0x25, 0x40, 255));
    CHECK_INT(pl->slide_count, 3);

    const struct slide *s = &pl->slides[0];
    CHECK_STR(s->id, "harbour");
    CHECK_INT(s->line, 12);
    CHECK_NUM(s->duration, 8);
    CHECK_INT(s->transition.kind, TRANSITION_CROSSFADE);
    CHECK(s->has_image);
    CHECK_STR(s->image.src, "media/landscape.png");
    CHECK_STR(s->image.path, VALID_DIR "/media/landscape.png");
    CHECK_INT(s->image.fit, IMAGE_FIT_COVER);
    CHECK_NUM(s->image.focus[0], 0.5f);
    CHECK_NUM(s->image.focus[1], 0.6f);
    CHECK_INT(s->image.width, 640); /* from the probe */
    CHECK_INT(s->image.height, 480);
    CHECK(s->image.pan_zoom.enabled);
    CHECK_NUM(s->image.pan_zoom.zoom_from, 1.0f);
    CHECK_NUM(s->image.pan_zoom.zoom_to, 1.15f);
    CHECK_NUM(s->image.pan_zoom.focus_from[0], 0.4f);
    CHECK_NUM(s->image.pan_zoom.focus_to[0], 0.6f);
    CHECK_NUM(s->image.pan_zoom.focus_to[1], 0.5f);
    CHECK(color_is(s->background.from, 0x0b, 0x25, 0x40, 255)); /* the default */

    s = &pl->slides[1];
    CHECK_STR(s->id, "walls");
    CHECK_INT(s->line, 14);
    CHECK_NUM(s->duration, 6);
    CHECK_INT(s->transition.kind, TRANSITION_PUSH);
    CHECK_NUM(s->transition.duration, 0.8);
    CHECK_INT(s->background.kind, BACKGROUND_GRADIENT);
    CHECK(color_is(s->background.from, 0x0b, 0x25, 0x40, 255));
    CHECK(color_is(s->background.to, 0x1d, 0x6f, 0xa5, 255));
    CHECK_NUM(s->background.angle_deg, 135);
    CHECK_INT(s->image.fit, IMAGE_FIT_CONTAIN);
    CHECK_NUM(s->image.focus[0], 0.5f); /* default focus */
    CHECK(!s->image.pan_zoom.enabled);

    s = &pl->slides[2];
    CHECK_STR(s->id, "welcome");
    CHECK(!s->has_image);
    CHECK_INT(s->transition.kind, TRANSITION_CUT);
    CHECK_NUM(s->transition.duration, 0);
    CHECK_INT(s->background.kind, BACKGROUND_SOLID);
    CHECK(color_is(s->background.from, 0xf2, 0xc1, 0x4e, 255));
    playlist_free(pl);
    diag_list_clear(&diags);
}

static void test_minimal_defaults(void)
{
    struct diag_list diags = {0};
    struct playlist *pl = load("minimal.json", &diags, false);
    if (!pl)
        return;
    CHECK_INT(pl->width, 64);
    CHECK(!pl->rtl);
    CHECK_NUM(pl->default_duration, 8);
    CHECK_INT(pl->default_transition.kind, TRANSITION_CROSSFADE);
    CHECK_NUM(pl->default_transition.duration, 1.0);
    CHECK_INT(pl->default_background.kind, BACKGROUND_SOLID);
    CHECK(color_is(pl->default_background.from, 0, 0, 0, 255));
    CHECK_INT(pl->slide_count, 1);
    const struct slide *s = &pl->slides[0];
    CHECK_NUM(s->duration, 8);
    CHECK_INT(s->transition.kind, TRANSITION_CROSSFADE);
    CHECK_NUM(s->transition.duration, 1.0);
    CHECK(!s->has_image);
    CHECK(color_is(s->background.from, 0, 0, 0, 255));
    CHECK(!pl->cycle_languages);
    CHECK_INT(s->text_count, 0);
    CHECK(s->texts == NULL);
    playlist_free(pl);
    diag_list_clear(&diags);
}

static void test_portrait_rtl(void)
{
    struct diag_list diags = {0};
    struct playlist *pl = load("portrait_rtl.json", &diags, false);
    if (!pl)
        return;
    CHECK(playlist_is_portrait(pl));
    CHECK_STR(pl->languages[0], "ar-IL");
    CHECK(pl->rtl); /* from the primary language, whatever follows */
    CHECK_STR(pl->slides[1].id, "b-2_x");
    playlist_free(pl);
    diag_list_clear(&diags);
}

static void test_colours(void)
{
    struct diag_list diags = {0};
    struct playlist *pl = load("colours.json", &diags, false);
    if (!pl)
        return;
    CHECK(!pl->rtl);
    CHECK_INT(pl->width, 8192);
    const struct background *bg = &pl->slides[0].background;
    CHECK_INT(bg->kind, BACKGROUND_GRADIENT);
    CHECK(color_is(bg->from, 0, 0, 0, 255));
    CHECK(color_is(bg->to, 255, 255, 255, 0x80)); /* #rrggbbaa, upper case */
    CHECK_NUM(bg->angle_deg, 180);                /* default: from top to bottom */
    bg = &pl->slides[1].background;
    CHECK_INT(bg->kind, BACKGROUND_SOLID);
    CHECK(color_is(bg->from, 0x11, 0x22, 0x33, 0x44));
    CHECK_NUM(pl->slides[2].background.angle_deg, 90);
    CHECK_NUM(pl->slides[3].background.angle_deg, 0);
    playlist_free(pl);
    diag_list_clear(&diags);
}

static void test_transitions(void)
{
    struct diag_list diags = {0};
    struct playlist *pl = load("transitions.json", &diags, false);
    if (!pl)
        return;
    static const struct {
        enum transition_kind kind;
        double duration, slide_duration;
    } want[] = {
        {TRANSITION_PUSH, 0.5, 10},      {TRANSITION_CUT, 0, 10},
        {TRANSITION_CUT, 0, 10},         {TRANSITION_CROSSFADE, 1.0, 10},
        {TRANSITION_CROSSFADE, 5, 3600}, {TRANSITION_CROSSFADE, 0, 1},
    };
    CHECK_INT(pl->slide_count, 6);
    for (size_t i = 0; i < pl->slide_count && i < 6; i++) {
        CHECK_INT(pl->slides[i].transition.kind, want[i].kind);
        CHECK_NUM(pl->slides[i].transition.duration, want[i].duration);
        CHECK_NUM(pl->slides[i].duration, want[i].slide_duration);
    }
    playlist_free(pl);
    diag_list_clear(&diags);
}

static void test_pan_zoom(void)
{
    struct diag_list diags = {0};
    struct playlist *pl = load("pan_zoom.json", &diags, false);
    if (!pl)
        return;
    const struct pan_zoom *pz = &pl->slides[0].image.pan_zoom;
    CHECK(pz->enabled);
    CHECK_NUM(pz->zoom_from, 2.0f); /* zooming out is allowed */
    CHECK_NUM(pz->zoom_to, 1.0f);
    CHECK_NUM(pz->focus_from[0], 0.25f); /* no from/to: stays on the focus */
    CHECK_NUM(pz->focus_to[1], 0.75f);
    pz = &pl->slides[1].image.pan_zoom;
    CHECK(pz->enabled);
    CHECK_NUM(pz->zoom_from, 1.0f); /* no zoom: a pan at the fitted size */
    CHECK_NUM(pz->zoom_to, 1.0f);
    CHECK_NUM(pz->focus_from[0], 0.0f);
    CHECK_NUM(pz->focus_to[1], 1.0f);
    CHECK(!pl->slides[2].image.pan_zoom.enabled);
    playlist_free(pl);
    diag_list_clear(&diags);
}

/* A byte order mark is skipped (columns count from after it), and a transition longer than half
 * its slide is a warning: the playlist still loads. */
static void test_bom_and_warning(void)
{
    struct diag_list diags = {0};
    struct playlist *pl = load("bom_warning.json", &diags, true);
    if (!pl)
        return;
    CHECK_INT(diags.count, 1);
    CHECK_INT(diag_error_count(&diags), 0);
    if (diags.count == 1) {
        char *line = diag_format(&diags.items[0]);
        CHECK_STR(line, "bom_warning.json:2:104: warning: slides[0].transition.duration: the "
                        "transition into this slide lasts 2 s, more than half of the slide's "
                        "3 s; the slide will be moving for most of its time");
        free(line);
    }
    playlist_free(pl);
    diag_list_clear(&diags);
}

/* Every key of a text block set, texts stored in the order of "languages" whatever the order
 * written, and the block's path and place kept for the text engine's messages. */
static void test_text_block_full(void)
{
    struct diag_list diags = {0};
    struct playlist *pl = load("texts.json", &diags, false);
    if (!pl)
        return;
    CHECK(pl->cycle_languages);
    CHECK_INT(pl->slide_count, 3);
    const struct slide *s = &pl->slides[0];
    CHECK_INT(s->text_count, 2);
    const struct text_block *b = &s->texts[0];
    CHECK_STR(b->id, "title");
    CHECK_STR(b->path, "slides[0].texts[0]");
    CHECK_INT(b->line, 9);
    CHECK_INT(b->column, 7);
    CHECK_INT(b->kind, TEXT_BLOCK_TEXT);
    CHECK_INT(b->text_count, 3);
    if (b->text_count == 3) {
        CHECK_STR(b->texts[0].lang, "he");
        CHECK_STR(b->texts[0].text, "ברוכים הבאים לעכו");
        CHECK_STR(b->texts[1].lang, "en");
        CHECK_STR(b->texts[1].text, "Welcome to Akko");
        CHECK_STR(b->texts[2].lang, "ar");
        CHECK_STR(b->texts[2].text, "أهلا وسهلا في عكا");
    }
    CHECK_NUM(b->box[0], 0.08f);
    CHECK_NUM(b->box[1], 0.62f);
    CHECK_NUM(b->box[2], 0.84f);
    CHECK_NUM(b->box[3], 0.2f);
    CHECK_NUM(b->size, 72);
    CHECK_NUM(b->min_size, 40);
    CHECK(b->bold);
    CHECK(color_is(b->color, 0xf2, 0xc1, 0x4e, 255));
    CHECK_NUM(b->line_height, 1.2f);
    CHECK_INT(b->align, BLOCK_ALIGN_CENTER);
    CHECK_INT(b->valign, BLOCK_VALIGN_BOTTOM);
    CHECK(b->dir_auto);
    CHECK(b->has_panel);
    CHECK(color_is(b->panel, 0, 0, 0, 0x99));
    CHECK_NUM(b->padding, 24);
    CHECK(b->has_shadow);
    CHECK(color_is(b->shadow, 0, 0, 0, 0xaa));
    CHECK_NUM(b->ticker_speed, 0); /* not a ticker */
    CHECK_INT(s->texts[1].line, 14);
    CHECK_INT(s->texts[1].column, 7);
    CHECK_STR(pl->slides[1].texts[2].path, "slides[1].texts[2]");
    CHECK_INT(pl->slides[2].text_count, 0);
    playlist_free(pl);
    diag_list_clear(&diags);
}

/* A block that gives only text and box gets the documented defaults. */
static void test_text_block_defaults(void)
{
    struct diag_list diags = {0};
    struct playlist *pl = load("texts.json", &diags, false);
    if (!pl)
        return;
    const struct text_block *b = &pl->slides[0].texts[1];
    CHECK(b->id == NULL);
    CHECK_INT(b->kind, TEXT_BLOCK_TEXT);
    CHECK_STR(b->texts[0].text, "שעות פתיחה: 08:00–16:00\nיום ו׳ 08:00–12:00");
    CHECK_NUM(b->box[2], 1);
    CHECK_NUM(b->size, 48);
    CHECK_NUM(b->min_size, 48); /* no shrinking */
    CHECK(!b->bold);
    CHECK(color_is(b->color, 255, 255, 255, 255));
    CHECK_NUM(b->line_height, 0);
    CHECK_INT(b->align, BLOCK_ALIGN_START);
    CHECK_INT(b->valign, BLOCK_VALIGN_MIDDLE);
    CHECK(!b->dir_auto);
    CHECK(!b->has_panel);
    CHECK_NUM(b->padding, 0);
    CHECK(!b->has_shadow);
    CHECK_INT(b->clock, CLOCK_TIME);
    playlist_free(pl);
    diag_list_clear(&diags);
}

static void test_ticker_and_clock(void)
{
    struct diag_list diags = {0};
    struct playlist *pl = load("texts.json", &diags, false);
    if (!pl)
        return;
    const struct slide *s = &pl->slides[1];
    CHECK_INT(s->text_count, 4);
    const struct text_block *b = &s->texts[0];
    CHECK_INT(b->kind, TEXT_BLOCK_TICKER);
    CHECK_NUM(b->ticker_speed, 90);
    CHECK_INT(b->text_count, 3);
    CHECK_STR(b->texts[2].text, "الدخول إلى الأسوار مجاني يوم السبت");
    CHECK_NUM(s->texts[1].ticker_speed, 120); /* default */

    b = &s->texts[2];
    CHECK_STR(b->id, "clock");
    CHECK_INT(b->kind, TEXT_BLOCK_CLOCK);
    CHECK_INT(b->clock, CLOCK_DATETIME);
    CHECK_INT(b->text_count, 0);
    CHECK_NUM(b->size, 32);
    CHECK_NUM(b->min_size, 32);
    const char *used = "unset";
    CHECK(text_block_text(pl, b, "he", &used) == NULL); /* a clock has no text */
    CHECK(used == NULL);
    CHECK_INT(s->texts[3].clock, CLOCK_TIME); /* default */
    CHECK_NUM(s->texts[3].ticker_speed, 0);
    playlist_free(pl);
    diag_list_clear(&diags);
}

/* Missing translations: one warning per block naming them and the text shown instead; the
 * playlist still loads, and text_block_text() falls back the same way. */
static void test_text_fallback(void)
{
    struct diag_list diags = {0};
    struct playlist *pl = load("text_fallback.json", &diags, true);
    if (!pl)
        return;
    static const char *const want[] = {
        "text_fallback.json:8:16: warning: slides[0].texts[0].text: no text in ar, ru; the he "
        "text is shown instead",
        "text_fallback.json:9:16: warning: slides[0].texts[1].text: no text in he, en; the ar "
        "text is shown instead",
        "text_fallback.json:10:16: warning: slides[0].texts[2].text: no text in he, ar, en; the "
        "ru text is shown instead",
    };
    CHECK_INT(diags.count, 3);
    CHECK_INT(diag_error_count(&diags), 0);
    for (size_t i = 0; i < diags.count && i < 3; i++) {
        char *line = diag_format(&diags.items[i]);
        CHECK_STR(line, want[i]);
        free(line);
    }

    const struct slide *s = &pl->slides[0];
    const char *used = NULL;
    /* the language asked for, when there */
    CHECK_STR(text_block_text(pl, &s->texts[0], "en", &used), "Welcome");
    CHECK_STR(used, "en");
    CHECK_STR(text_block_text(pl, &s->texts[0], "he", NULL), "ברוכים הבאים");
    /* missing: the primary language */
    CHECK_STR(text_block_text(pl, &s->texts[0], "ru", &used), "ברוכים הבאים");
    CHECK_STR(used, "he");
    CHECK_STR(text_block_text(pl, &s->texts[0], NULL, &used), "ברוכים הבאים");
    CHECK_STR(used, "he");
    /* the primary missing too: the block's first text in the order of "languages" (ar before
     * ru, although ru is written first) */
    CHECK_INT(s->texts[1].text_count, 2);
    CHECK_STR(s->texts[1].texts[0].lang, "ar");
    CHECK_STR(text_block_text(pl, &s->texts[1], "en", &used), "أهلا وسهلا");
    CHECK_STR(used, "ar");
    CHECK_STR(text_block_text(pl, &s->texts[1], "ru", &used), "Добро пожаловать");
    CHECK_STR(used, "ru");
    CHECK_STR(text_block_text(pl, &s->texts[2], "he", &used), "Добро пожаловать");
    CHECK_STR(used, "ru");
    playlist_free(pl);
    diag_list_clear(&diags);
}

/* Pages, buttons and QR codes: every key of valid/pages.json reaches the model. */
static void test_pages(void)
{
    struct diag_list diags = {0};
    struct playlist *pl = load("pages.json", &diags, false);
    if (!pl)
        return;
    CHECK_NUM(pl->diagonal_inches, 21.5);
    CHECK(pl->interactive.touch_opens_home);
    CHECK_INT(pl->interactive.home, 0);
    CHECK_NUM(pl->interactive.idle_seconds, 90);
    CHECK(pl->interactive.idle_explicit);
    CHECK(pl->interactive.mirror_rtl);
    CHECK_INT(pl->page_count, 2);
    CHECK_INT(playlist_find_page(pl, "home"), 0);
    CHECK_INT(playlist_find_page(pl, "housing"), 1);
    CHECK(playlist_find_page(pl, "faq") == PLAYLIST_NO_PAGE);

    /* a slide's QR code with a caption */
    const struct slide *s = &pl->slides[0];
    CHECK_INT(s->qr_count, 1);
    const struct qr_block *q = &s->qrs[0];
    CHECK_STR(q->data, "https://www.akko.muni.il/");
    CHECK_INT(q->data_len, 25);
    CHECK_STR(q->path, "slides[0].qrs[0]");
    CHECK_INT(q->line, 11);
    CHECK_INT(q->column, 8);
    CHECK_NUM(q->box[0], 0.8f);
    CHECK_NUM(q->box[3], 0.35f);
    CHECK_INT(q->ecc, QR_ECC_M);
    CHECK_INT(q->version, 2); /* 25 bytes at M */
    CHECK(color_is(q->dark, 0, 0, 0, 255));
    CHECK(color_is(q->light, 255, 255, 255, 255));
    CHECK(q->has_caption);
    CHECK_INT(q->caption_px, 42); /* 28 px * 1.5 */
    CHECK_NUM(q->caption.size, 28);
    CHECK_INT(q->caption.align, BLOCK_ALIGN_CENTER);
    CHECK_INT(q->caption.valign, BLOCK_VALIGN_TOP);
    CHECK_STR(q->caption.path, "slides[0].qrs[0].caption");
    /* box 1536,648 288x378 px; a 25-module code with its quiet zone in 288 px: 8 px modules,
     * 264 px; code and caption (306 px) centred: the caption at y = 648 + 36 + 264 */
    CHECK_NUM(q->caption.box[0], 0.8f);
    CHECK_NUM(q->caption.box[1], 948.0f / 1080.0f);
    CHECK_NUM(q->caption.box[2], 288.0f / 1920.0f);
    CHECK_NUM(q->caption.box[3], 42.0f / 1080.0f);
    const char *used = NULL;
    CHECK_STR(qr_caption(pl, q, "en", &used), "City website");
    CHECK_STR(used, "en");

    /* a slide's buttons take interactive.button_style */
    CHECK_INT(s->button_count, 2);
    const struct button *b = &s->buttons[0];
    CHECK_STR(b->id, "more");
    CHECK_STR(b->path, "slides[0].buttons[0]");
    CHECK_INT(b->line, 15);
    CHECK_INT(b->action, BUTTON_ACTION_PAGE);
    CHECK_INT(b->target, 1);
    CHECK(color_is(b->style.background, 0x0b, 0x25, 0x40, 255));
    CHECK(color_is(b->style.color, 0xf2, 0xc1, 0x4e, 255));
    /* the pressed fill, not given, is the fill at 70% */
    CHECK(color_is(b->style.pressed, 8, 26, 45, 255));
    CHECK_NUM(b->style.size, 36);
    CHECK_NUM(b->style.min_size, 36);
    CHECK(b->style.bold);
    CHECK(!b->style.has_border);
    CHECK_STR(button_label(pl, b, "ru", NULL), "Подробнее о жилье");
    CHECK_STR(b->label.path, "slides[0].buttons[0].label");
    CHECK_NUM(b->label.box[2], 0.3f);
    CHECK_NUM(b->label.size, 36);
    CHECK(b->label.has_panel);
    CHECK(color_is(b->label.panel, 0x0b, 0x25, 0x40, 255));
    CHECK_INT(b->label.align, BLOCK_ALIGN_CENTER);
    CHECK(b->id && s->buttons[1].id == NULL);
    CHECK_INT(s->buttons[1].action, BUTTON_ACTION_NEXT);

    /* the home page */
    const struct page *p = &pl->pages[0];
    CHECK_STR(p->id, "home");
    CHECK_STR(p->path, "pages[0]");
    CHECK_INT(p->line, 22);
    CHECK_INT(p->column, 5);
    CHECK(p->mirror); /* from interactive.mirror_rtl */
    CHECK_INT(p->background.kind, BACKGROUND_GRADIENT);
    CHECK(!p->has_image);
    CHECK_INT(p->text_count, 1);
    CHECK_STR(p->texts[0].id, "title");
    CHECK_STR(p->texts[0].path, "pages[0].texts[0]");
    CHECK_NUM(p->texts[0].size, 64);
    CHECK_INT(p->qr_count, 0);
    CHECK_INT(p->button_count, 6);
    char action[80];
    static const char *const actions[] = {"page:housing", "language:he", "language:ar",
                                          "language:en",  "language:ru", "home"};
    for (size_t i = 0; i < 6 && i < p->button_count; i++)
        CHECK_STR(button_action_text(pl, &p->buttons[i], action, sizeof(action)), actions[i]);
    CHECK_INT(p->buttons[2].action, BUTTON_ACTION_LANGUAGE);
    CHECK_INT(p->buttons[2].target, 1); /* ar */
    b = &p->buttons[5];
    CHECK_INT(b->action, BUTTON_ACTION_HOME);
    CHECK(color_is(b->style.background, 255, 255, 255, 255));
    CHECK(color_is(b->style.pressed, 0xdd, 0xdd, 0xdd, 255));
    CHECK(b->style.has_border);
    CHECK(color_is(b->style.border, 0x0b, 0x25, 0x40, 255));
    CHECK(!b->style.bold);
    CHECK_NUM(b->style.size, 32);
    CHECK_NUM(b->style.min_size, 24);
    CHECK_NUM(b->label.min_size, 24);

    /* the housing page: an image, a QR code without caption, back and prev */
    p = &pl->pages[1];
    CHECK(!p->mirror);
    CHECK(p->has_image);
    CHECK_STR(p->image.src, "media/landscape.png");
    CHECK_INT(p->image.width, 640);
    CHECK_INT(p->image.fit, IMAGE_FIT_CONTAIN);
    CHECK(color_is(p->background.from, 0, 0, 0, 255)); /* the default background */
    CHECK_INT(p->qr_count, 1);
    q = &p->qrs[0];
    CHECK_INT(q->ecc, QR_ECC_H);
    CHECK(!q->has_caption);
    CHECK_INT(q->caption_px, 0);
    CHECK(qr_caption(pl, q, "he", &used) == NULL);
    CHECK(used == NULL);
    CHECK(color_is(q->dark, 0x0b, 0x25, 0x40, 255));
    CHECK(color_is(q->light, 0xf0, 0xf0, 0xf0, 255));
    CHECK_INT(p->buttons[0].action, BUTTON_ACTION_BACK);
    CHECK_INT(p->buttons[1].action, BUTTON_ACTION_PREV);
    playlist_free(pl);
    diag_list_clear(&diags);
}

/* A playlist with pages plays with warnings: a button under 9 mm (at 96 dpi, no diagonal),
 * missing translations of labels, captions and page texts, pages nothing leads to. Without
 * "interactive" settings the defaults hold. */
static void test_pages_warnings(void)
{
    struct diag_list diags = {0};
    struct playlist *pl = load("pages_warnings.json", &diags, true);
    if (!pl)
        return;
    static const char *const want[] = {
        "pages_warnings.json:10:16: warning: slides[0].buttons[0].box: the button is 29 x 32 px, "
        "7.6 x 8.6 mm at 96 pixels per inch (assumed: \"screen\" has no \"diagonal_inches\"); "
        "expected at least 9 x 9 mm (35 x 35 px) for a finger",
        "pages_warnings.json:14:88: warning: slides[0].qrs[0].caption: no text in ar, en; the he "
        "text is shown instead",
        "pages_warnings.json:18:5: warning: pages[0]: nothing leads to this page: it is "
        "\"interactive.home\", but \"touch_opens_home\" is not true and no button opens it; "
        "expected \"touch_opens_home\": true, or a button with \"action\": \"page:home\"",
        "pages_warnings.json:19:69: warning: pages[0].buttons[0].label: no text in ar; the he "
        "text is shown instead",
        "pages_warnings.json:21:38: warning: pages[1].texts[0].text: no text in he, ar; the en "
        "text is shown instead",
        "pages_warnings.json:22:5: warning: pages[2]: nothing leads to this page; expected a "
        "button with \"action\": \"page:orphan\" on a slide or on a page that can be reached",
    };
    size_t n = sizeof(want) / sizeof(want[0]);
    CHECK_INT(diags.count, n);
    CHECK_INT(diag_error_count(&diags), 0);
    for (size_t i = 0; i < diags.count && i < n; i++) {
        char *line = diag_format(&diags.items[i]);
        CHECK_STR(line, want[i]);
        free(line);
    }
    CHECK(!pl->interactive.touch_opens_home);
    CHECK_INT(pl->interactive.home, 0);
    CHECK_NUM(pl->interactive.idle_seconds, 60);
    CHECK(!pl->interactive.idle_explicit);
    CHECK(!pl->interactive.mirror_rtl);
    CHECK(!pl->pages[0].mirror);
    CHECK_NUM(pl->diagonal_inches, 0);
    /* the default button style */
    const struct button *b = &pl->pages[0].buttons[0];
    CHECK(color_is(b->style.background, 0x1d, 0x6f, 0xa5, 255));
    CHECK(color_is(b->style.color, 255, 255, 255, 255));
    CHECK_NUM(b->style.size, 40);
    CHECK(b->style.bold);
    CHECK_STR(button_label(pl, b, "ar", NULL), "שאלות"); /* the primary language */
    playlist_free(pl);
    diag_list_clear(&diags);
}

/* Mirroring: boxes are written for the primary language's direction; a page that mirrors is
 * flipped in a language that reads the other way. Slides never mirror. */
static void test_mirroring(void)
{
    struct diag_list diags = {0};
    struct playlist *pl = load("pages.json", &diags, false);
    if (!pl)
        return;
    const struct page *home = &pl->pages[0], *housing = &pl->pages[1];
    CHECK(pl->rtl); /* Hebrew first */
    CHECK(!page_mirrored(pl, home, "he"));
    CHECK(!page_mirrored(pl, home, "ar"));
    CHECK(page_mirrored(pl, home, "en"));
    CHECK(page_mirrored(pl, home, "ru"));
    CHECK(!page_mirrored(pl, home, NULL));
    CHECK(!page_mirrored(pl, housing, "en")); /* "mirror": false */
    CHECK(!page_mirrored(pl, NULL, "en"));    /* a slide */

    float box[4];
    button_box_for(pl, home, &home->buttons[0], "he", box); /* [0.6, 0.3, 0.3, 0.12] */
    CHECK_NUM(box[0], 0.6f);
    button_box_for(pl, home, &home->buttons[0], "en", box);
    CHECK_NUM(box[0], 0.1f); /* 1 - 0.6 - 0.3 */
    CHECK_NUM(box[1], 0.3f);
    CHECK_NUM(box[2], 0.3f);
    CHECK_NUM(box[3], 0.12f);
    /* the language buttons change order: he, ar, en, ru from the left become from the right */
    button_box_for(pl, home, &home->buttons[1], "en", box);
    CHECK_NUM(box[0], 0.85f);
    button_box_for(pl, home, &home->buttons[4], "en", box);
    CHECK_NUM(box[0], 0.49f);
    button_box_for(pl, NULL, &pl->slides[0].buttons[0], "en", box);
    CHECK_NUM(box[0], 0.05f);
    float edge[4] = {0, 0, 1, 1};
    page_box(edge, true, box);
    CHECK_NUM(box[0], 0);
    CHECK_NUM(box[2], 1);

    /* a playlist written left to right mirrors in Hebrew and Arabic */
    pl->rtl = false;
    CHECK(page_mirrored(pl, home, "he"));
    CHECK(page_mirrored(pl, home, "ar"));
    CHECK(!page_mirrored(pl, home, "en"));
    playlist_free(pl);
    diag_list_clear(&diags);
}

/* playlist_load reads DIR/playlist.json and resolves media against DIR; without a probe it
 * only checks that the files exist, and leaves the size unknown. */
static void test_load_folder(void)
{
    struct diag_list diags = {0};
    struct playlist *pl = playlist_load(PLAYLIST_TESTS_DIR "/folder", NULL, &diags);
    CHECK(pl != NULL);
    CHECK_INT(diags.count, 0);
    if (pl) {
        CHECK_STR(pl->file, PLAYLIST_TESTS_DIR "/folder/playlist.json");
        CHECK_STR(pl->slides[0].image.path, PLAYLIST_TESTS_DIR "/folder/media/landscape.png");
        CHECK_INT(pl->slides[0].image.width, 0);
    }
    playlist_free(pl);
    diag_list_clear(&diags);
}

/* The probe is asked once per image and its size is kept. */
static void test_probe_called(void)
{
    int calls = 0;
    struct playlist_load_options opts = {.probe_image = fake_probe, .probe_ctx = &calls};
    struct diag_list diags = {0};
    struct playlist *pl = playlist_load(PLAYLIST_TESTS_DIR "/folder", &opts, &diags);
    CHECK(pl != NULL);
    CHECK_INT(calls, 1);
    if (pl)
        CHECK_INT(pl->slides[0].image.width, 640);
    playlist_free(pl);
    diag_list_clear(&diags);
}

int main(void)
{
    test_full();
    test_minimal_defaults();
    test_portrait_rtl();
    test_colours();
    test_transitions();
    test_pan_zoom();
    test_bom_and_warning();
    test_text_block_full();
    test_text_block_defaults();
    test_ticker_and_clock();
    test_text_fallback();
    test_pages();
    test_pages_warnings();
    test_mirroring();
    test_load_folder();
    test_probe_called();
    return check_summary();
}
