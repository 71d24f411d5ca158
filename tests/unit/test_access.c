/* Accessible mode without a display: the theme's contrast by WCAG's formula, the reach zone of a
 * mounting, the accessible layout (text 1.5 times larger, buttons and controls in the zone, long
 * pages in parts, what does not fit named), and the mode in the view model (on and off, the idle
 * return, the pause that holds the loop and its tickers, speech for the language shown). */
#define LOG_MODULE "test_access"
#include <stdlib.h>
#include <string.h>

#include "access/reach.h"
#include "access/relayout.h"
#include "base/log.h"
#include "check.h"
#include "playlist/diag.h"
#include "render/contrast.h"
#include "text/layout.h"
#include "view/view.h"

static double ratio(struct color a, struct color b)
{
    return contrast_ratio(contrast_luminance(a.r, a.g, a.b), contrast_luminance(b.r, b.g, b.b));
}

static void test_theme_contrast(void)
{
    CHECK(ratio(ACCESS_TEXT, ACCESS_BACKGROUND) >= ACCESS_MIN_CONTRAST, "text %.2f",
          ratio(ACCESS_TEXT, ACCESS_BACKGROUND));
    CHECK(ratio(ACCESS_BUTTON_LABEL, ACCESS_BUTTON_FILL) >= ACCESS_MIN_CONTRAST, "label %.2f",
          ratio(ACCESS_BUTTON_LABEL, ACCESS_BUTTON_FILL));
    CHECK(ratio(ACCESS_BUTTON_LABEL, ACCESS_BUTTON_PRESSED) >= ACCESS_MIN_CONTRAST,
          "pressed label %.2f", ratio(ACCESS_BUTTON_LABEL, ACCESS_BUTTON_PRESSED));
    CHECK(ratio(ACCESS_BUTTON_LABEL, ACCESS_BACKGROUND) >= ACCESS_MIN_CONTRAST, "border %.2f",
          ratio(ACCESS_BUTTON_LABEL, ACCESS_BACKGROUND));
}

static void test_reach(void)
{
    struct reach_mounting m;
    reach_mounting_defaults(&m);
    struct reach_zone z;
    reach_zone_for(&m, 1920, 1080, &z);
    CHECK(!z.known, "no mounting: the zone is a guess");
    CHECK_NUM(z.top, REACH_UNKNOWN_TOP);
    /* A 43-inch landscape screen, its bottom edge 90 cm above the floor: 53.6 cm of picture,
     * within reach up to 120 cm, so the lower 30 cm of it. */
    m.bottom_cm = 90;
    m.diagonal_in = 43;
    double bottom, h;
    CHECK(reach_picture_cm(&m, 1920, 1080, &bottom, &h));
    CHECK_NEAR(h, 53.55, 0.05, "picture height");
    CHECK_NEAR(bottom, 90, 0.01);
    reach_zone_for(&m, 1920, 1080, &z);
    CHECK(z.known && !z.empty);
    CHECK_NEAR(z.top, 1 - 30 / 53.55, 0.002, "zone top");
    CHECK_NUM(z.bottom, 1.0);
    float high[4] = {0.1f, 0.29f, 0.3f, 0.18f}, low[4] = {0.1f, 0.8f, 0.3f, 0.12f};
    CHECK(!reach_box_within(&m, 1920, 1080, high), "a button at the top is out of reach");
    CHECK(reach_box_within(&m, 1920, 1080, low), "a button at the bottom is within reach");
    double top_cm, bottom_cm;
    CHECK(reach_box_cm(&m, 1920, 1080, high, &top_cm, &bottom_cm));
    CHECK_NEAR(top_cm, 90 + 0.71 * 53.55, 0.1, "top edge above the floor");
    /* Portrait: the same panel turned, 95.2 cm of picture from 70 cm. */
    m.bottom_cm = 70;
    reach_zone_for(&m, 1080, 1920, &z);
    CHECK_NEAR(z.top, 1 - 50 / 95.2, 0.003, "portrait zone top");
    CHECK_NEAR(z.bottom, 1.0, 0.001);
    /* Mounted too high: nothing is within reach. */
    m.bottom_cm = 130;
    reach_zone_for(&m, 1920, 1080, &z);
    CHECK(z.empty, "a screen from 130 cm up is out of reach");
}

/* A page with a long text, a QR code and five buttons; a slide with more text than a screen. */
#define PLAYLIST_FMT                                                                               \
    "{\"format\": 1, \"name\": \"t\", \"screen\": {\"width\": 1920, \"height\": 1080,"             \
    " \"diagonal_inches\": 43}, \"languages\": [\"he\", \"en\"],\n"                                \
    " \"slides\": [{\"id\": \"s\", \"background\": \"#336699\", \"texts\": [\n"                    \
    "   {\"id\": \"title\", \"text\": {\"he\": \"שלום\", \"en\": \"Hello\"},"                  \
    "    \"box\": [0.1, 0.1, 0.5, 0.2], \"size\": 60}]},\n"                                        \
    "  {\"id\": \"long\", \"background\": \"#336699\", \"texts\": [\n"                             \
    "   {\"id\": \"wall\", \"text\": {\"he\": \"%s\", \"en\": \"%s\"},"                            \
    "    \"box\": [0.05, 0.05, 0.9, 0.9], \"size\": 40, \"min_size\": 12}]}],\n"                   \
    " \"pages\": [{\"id\": \"p\", \"texts\": [\n"                                                  \
    "   {\"id\": \"body\", \"text\": {\"he\": \"%s\", \"en\": \"%s\"},"                            \
    "    \"box\": [0.3, 0.05, 0.65, 0.7], \"size\": 30, \"min_size\": 20, \"line_height\": "       \
    "1.3}],\n"                                                                                     \
    "  \"qrs\": [{\"data\": \"https://example.org/\", \"box\": [0.05, 0.1, 0.2, 0.4]}],\n"         \
    "  \"buttons\": [\n"                                                                           \
    "   {\"id\": \"a\", \"box\": [0.05, 0.1, 0.2, 0.1], \"action\": \"home\","                     \
    "    \"label\": {\"he\": \"בית\", \"en\": \"Home\"}},\n"                                    \
    "   {\"id\": \"b\", \"box\": [0.3, 0.1, 0.2, 0.1], \"action\": \"back\","                      \
    "    \"label\": {\"he\": \"חזרה\", \"en\": \"Back\"}},\n"                                  \
    "   {\"id\": \"c\", \"box\": [0.55, 0.1, 0.2, 0.1], \"action\": \"language:en\","              \
    "    \"label\": {\"he\": \"English\", \"en\": \"English\"}},\n"                                \
    "   {\"id\": \"d\", \"box\": [0.05, 0.3, 0.2, 0.1], \"action\": \"language:he\","              \
    "    \"label\": {\"he\": \"עברית\", \"en\": \"עברית\"}},\n"                          \
    "   {\"id\": \"e\", \"box\": [0.3, 0.3, 0.2, 0.1], \"action\": \"next\","                      \
    "    \"label\": {\"he\": \"הבא\", \"en\": \"Next\"}}]}]}\n"

static char *repeat(const char *word, int n)
{
    size_t len = strlen(word);
    char *s = malloc(len * (size_t)n + 1);
    for (int i = 0; i < n; i++)
        memcpy(s + len * (size_t)i, word, len);
    s[len * (size_t)n] = '\0';
    return s;
}

static struct playlist *load(void)
{
    char *he = repeat("שלום לכל תושבי העיר ", 40), *en = repeat("Welcome to all residents ", 40);
    char *wall_he = repeat("מידע חשוב ", 250), *wall_en = repeat("Important news ", 250);
    /* One word wider than the screen at 1.5 times: named with its block and language. */
    memcpy(wall_en + strlen(wall_en) - 61,
           "Wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww", 61);
    size_t size = strlen(PLAYLIST_FMT) + 2 * strlen(he) + 2 * strlen(en) + strlen(wall_he) +
                  strlen(wall_en) + 1;
    char *text = malloc(size);
    snprintf(text, size, PLAYLIST_FMT, wall_he, wall_en, he, en);
    struct diag_list diags = {0};
    struct playlist_load_options o = {0};
    struct playlist *pl = playlist_load_text(".", "playlist.json", text, strlen(text), &o, &diags);
    if (!pl)
        diag_print(&diags, stderr);
    diag_list_clear(&diags);
    free(text);
    free(he);
    free(en);
    free(wall_he);
    free(wall_en);
    return pl;
}

static bool within(const float box[4], const struct reach_zone *z)
{
    return box[1] >= z->top - 1e-4f && box[1] + box[3] <= z->bottom + 1e-4f;
}

static void test_layout(struct text_engine *engine)
{
    struct playlist *pl = load();
    CHECK(pl != NULL, "the test playlist loads");
    if (!pl)
        return;
    struct reach_mounting m;
    reach_mounting_defaults(&m);
    m.bottom_cm = 75;
    m.diagonal_in = 43;
    struct reach_zone z;
    reach_zone_for(&m, pl->width, pl->height, &z);
    struct diag_list diags = {0};
    struct playlist *a = access_playlist_build(pl, engine, &z, &diags);
    const struct page *p = &a->pages[0];
    CHECK_NUM(p->texts[0].size, 45.0);
    CHECK(p->texts[0].min_size >= p->texts[0].size, "accessible text never shrinks");
    CHECK_NUM(p->buttons[0].label.size, pl->pages[0].buttons[0].label.size * 1.5);
    CHECK(p->background.kind == BACKGROUND_SOLID && p->background.from.r == 0 && !p->has_image,
          "a plain black background");
    for (size_t i = 0; i < p->button_count; i++) {
        CHECK(within(p->buttons[i].box, &z),
              "button %zu within reach: y %.3f to %.3f, zone %.3f "
              "to %.3f",
              i, p->buttons[i].box[1], p->buttons[i].box[1] + p->buttons[i].box[3], z.top,
              z.bottom);
    }
    CHECK(!within(pl->pages[0].buttons[0].box, &z), "(where the page put it, it is not)");
    for (int c = 0; c < ACCESS_CONTROL_COUNT; c++) {
        float box[4];
        access_control_box(pl->width, pl->height, &z, (enum access_control)c, box);
        CHECK(within(box, &z), "control %d within reach", c);
    }
    /* The long page comes in parts, its text cut between lines and never lost. */
    size_t parts = access_page_parts(a, 0);
    CHECK(parts >= 2, "the long page is shown in parts (%zu)", parts);
    float shown = 0;
    for (size_t k = 0; k < parts; k++) {
        const struct page *part = &a->pages[access_page_part(a, 0, k)];
        CHECK(!strcmp(part->id, "p"), "part %zu is the same page", k);
        CHECK(part->texts[0].box[1] + part->texts[0].box[3] <= p->buttons[0].box[1] + 0.03f,
              "part %zu's text stays above the buttons", k);
        if (k > 0)
            CHECK(part->texts[0].scroll > shown - 1, "part %zu starts where the last ended", k);
        shown = part->texts[0].scroll + part->texts[0].box[3] * (float)pl->height;
    }
    /* The slide with a wall of text cannot fit: named with its block and the language. */
    bool named = false;
    for (size_t i = 0; i < diags.count; i++) {
        const char *msg = diags.items[i].message;
        if (strstr(msg, "slide \"long\"") && strstr(msg, "block wall in en") &&
            strstr(msg, "a word is wider"))
            named = true;
        CHECK(!strstr(msg, "slide \"s\""), "the short slide fits: %s", msg);
        CHECK(!strstr(msg, "page \"p\""), "the long page fits in parts: %s", msg);
    }
    CHECK(named, "the word that does not fit is named with its slide, block and language");
    CHECK(access_slide_parts(a, 1) >= 2, "the slide with a wall of text comes in parts");
    CHECK_INT(access_slide_parts(a, 0), 1);
    diag_list_clear(&diags);
    access_playlist_free(a);
    playlist_free(pl);
}

/* ---- The view model ---- */

static struct text_engine *g_engine;

static struct playlist *build(void *data, const struct playlist *pl)
{
    (void)data;
    struct reach_zone z = {.top = REACH_UNKNOWN_TOP, .bottom = REACH_UNKNOWN_BOTTOM};
    return access_playlist_build(pl, g_engine, &z, NULL);
}

static void release(void *data, struct playlist *copy)
{
    (void)data;
    access_playlist_free(copy);
}

static const char *SHOW =
    "{\"format\": 1, \"name\": \"v\", \"screen\": {\"width\": 1280, \"height\": 720},\n"
    " \"languages\": [\"he\", \"en\"],\n"
    " \"interactive\": {\"home\": \"home\", \"touch_opens_home\": true, \"idle_seconds\": 30},\n"
    " \"slides\": [\n"
    "  {\"id\": \"a\", \"duration\": 5, \"transition\": {\"type\": \"cut\"}, \"texts\": [\n"
    "   {\"type\": \"ticker\", \"text\": {\"he\": \"חדשות\", \"en\": \"News\"},"
    "    \"box\": [0, 0.85, 1, 0.1], \"size\": 30}]},\n"
    "  {\"id\": \"b\", \"duration\": 5, \"transition\": {\"type\": \"cut\"}}],\n"
    " \"pages\": [{\"id\": \"home\", \"buttons\": [\n"
    "   {\"box\": [0.1, 0.1, 0.2, 0.1], \"action\": \"page:info\","
    "    \"label\": {\"he\": \"מידע\", \"en\": \"Info\"}},\n"
    "   {\"box\": [0.4, 0.1, 0.2, 0.1], \"action\": \"language:en\","
    "    \"label\": {\"he\": \"English\", \"en\": \"English\"}}]},\n"
    "  {\"id\": \"info\"}]}\n";

static void access_act(struct view *v, int control, int64_t now)
{
    struct action a = {.kind = ACTION_ACCESS, .button = control};
    struct view_changes ch = {0};
    view_action(v, &a, now, &ch);
}

static void act(struct view *v, enum action_kind kind, int button, int64_t now)
{
    struct action a = {.kind = kind, .button = button};
    struct view_changes ch = {0};
    view_action(v, &a, now, &ch);
}

static void tick(struct view *v, int64_t now)
{
    struct view_changes ch = {0};
    view_tick(v, now, 1800000000, 0, NULL, &ch);
}

static void test_view(void)
{
    struct diag_list diags = {0};
    struct playlist_load_options lo = {0};
    struct playlist *pl = playlist_load_text(".", "playlist.json", SHOW, strlen(SHOW), &lo, &diags);
    diag_print(&diags, stderr);
    diag_list_clear(&diags);
    CHECK(pl != NULL);
    if (!pl)
        return;
    /* Speech for the info page, as if parsed (the parser probes real files). */
    struct page *info = &pl->pages[1];
    info->speech = calloc(2, sizeof *info->speech);
    info->speech[0] = (struct speech_clip){strdup("he"), strdup("he.ogg"), strdup("/c/he.ogg")};
    info->speech[1] = (struct speech_clip){strdup("en"), strdup("en.ogg"), strdup("/c/en.ogg")};
    info->speech_count = 2;

    struct view v;
    struct view_options o = {.idle_timeout_ms = 60000,
                             .status_timeout_ms = 60000,
                             .access = {.builder = {.build = build,
                                                    .release = release,
                                                    .parts = access_page_parts,
                                                    .part_page = access_page_part}}};
    view_init(&v, &o, pl, NULL, 0, 1800000000);
    tick(&v, 0);
    struct view_frame f;
    view_frame(&v, 10, &f);
    CHECK(f.scene.access.button && !f.scene.access.on, "the button shows, the mode is off");
    CHECK(f.scene.playlist == v.playlist, "the show's own look");

    access_act(&v, ACCESS_CONTROL_TOGGLE, 100);
    view_frame(&v, 110, &f);
    CHECK(f.scene.access.on, "the button turns the mode on");
    CHECK(f.scene.playlist != v.playlist && f.scene.playlist != NULL, "the accessible copy shows");
    CHECK_NUM(f.scene.playlist->slides[0].texts[0].size, 45.0);

    /* Pause: the loop and its ticker stand still. */
    access_act(&v, ACCESS_CONTROL_PAUSE, 200);
    CHECK(sched_paused(&v.sched), "the pause control holds the loop");
    view_frame(&v, 1000, &f);
    double e1 = f.scene.slide.elapsed;
    tick(&v, 9000);
    view_frame(&v, 9000, &f);
    CHECK(f.scene.slide.slide == 0, "no slide change while paused");
    CHECK_NUM(f.scene.slide.elapsed, e1);
    CHECK(f.scene.access.paused && !f.animating, "nothing moves (the ticker neither)");
    /* A page and back: still paused, as the resident left it. */
    act(&v, ACTION_OPEN_HOME, 0, 9100);
    act(&v, ACTION_HOME, 0, 9200);
    CHECK(sched_paused(&v.sched), "still paused after a page");
    access_act(&v, ACCESS_CONTROL_PAUSE, 9300);
    CHECK(!sched_paused(&v.sched), "the control resumes");

    /* Speech on the info page, in the language shown. */
    act(&v, ACTION_OPEN_HOME, 0, 9400);
    act(&v, ACTION_ACTIVATE, 0, 9500); /* info */
    view_frame(&v, 9600, &f);
    CHECK(f.scene.access.speech, "the info page has speech in Hebrew");
    uint64_t serial = v.access.speech_serial;
    access_act(&v, ACCESS_CONTROL_PLAY, 9700);
    CHECK(v.access.speech_serial != serial, "play asks the loop for a clip");
    CHECK_STR(v.access.speech_path, "/c/he.ogg");
    access_act(&v, ACCESS_CONTROL_QUIETER, 9800);
    CHECK_INT(v.access.volume, VIEW_VOLUME_DEFAULT - 1);
    for (int i = 0; i < 20; i++)
        access_act(&v, ACCESS_CONTROL_LOUDER, 9900);
    CHECK_INT(v.access.volume, VIEW_VOLUME_MAX);
    act(&v, ACTION_BACK, 0, 10000); /* to home: the clip stops */
    CHECK(v.access.speech_path == NULL, "leaving the page stops the speech");
    act(&v, ACTION_ACTIVATE, 1, 10100); /* English */
    act(&v, ACTION_ACTIVATE, 0, 10200); /* info */
    access_act(&v, ACCESS_CONTROL_PLAY, 10300);
    CHECK_STR(v.access.speech_path, "/c/en.ogg");
    access_act(&v, ACCESS_CONTROL_PLAY, 10400);
    CHECK(v.access.speech_path == NULL, "play again stops it");
    access_act(&v, ACCESS_CONTROL_REPEAT, 10500);
    CHECK_STR(v.access.speech_path, "/c/en.ogg");

    /* Nobody there: the idle return ends the mode and the speech. */
    tick(&v, 10500 + 61000);
    view_frame(&v, 10500 + 61000, &f);
    CHECK(!f.scene.access.on && f.scene.playlist == v.playlist, "the idle return ends the mode");
    CHECK(v.access.speech_path == NULL, "and the speech");
    CHECK(!strcmp(view_language_tag(&v), "he"), "back in the show's language");

    /* The button again turns it off. */
    access_act(&v, ACCESS_CONTROL_TOGGLE, 80000);
    access_act(&v, ACCESS_CONTROL_TOGGLE, 80100);
    view_frame(&v, 80200, &f);
    CHECK(!f.scene.access.on, "the same button leaves the mode");
    view_free(&v);
}

int main(int argc, char **argv)
{
    log_set_level(LOG_LEVEL_ERROR);
    g_engine = text_engine_create(argc > 1 ? argv[1] : font_set_default_dir());
    CHECK(g_engine != NULL, "the bundled fonts load");
    test_theme_contrast();
    test_reach();
    if (g_engine) {
        test_layout(g_engine);
        test_view();
    }
    text_engine_destroy(g_engine);
    return check_summary();
}
