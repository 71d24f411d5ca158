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
    test_load_folder();
    test_probe_called();
    return check_failures != 0;
}
