/* A valid example per feature (the files in tests/playlist/valid): each loads without errors and
 * gives the model the player will show. */
#include "base/file.h"
#include "base/xmalloc.h"
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
        check_failures++;
        free(path);
        return NULL;
    }
    struct playlist_load_options opts = {.probe_image = fake_probe};
    pl = playlist_load_text(VALID_DIR, name, text, len, &opts, diags);
    if (!pl || (!warnings && diags->count > 0)) {
        fprintf(stderr, "FAIL %s did not load cleanly:\n", name);
        diag_print(diags, stderr);
        check_failures++;
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
    CHECK_STR(s->image.src, "../media/landscape.png");
    CHECK_STR(s->image.path, VALID_DIR "/../media/landscape.png");
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
        CHECK_STR(pl->slides[0].image.path, PLAYLIST_TESTS_DIR "/folder/../media/landscape.png");
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
    test_load_folder();
    test_probe_called();
    return check_failures != 0;
}
