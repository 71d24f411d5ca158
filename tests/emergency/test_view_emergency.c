/* Emergency mode in the view model (view/emergency.h), without a display: what the screen shows
 * while it is on, what no longer answers, the built-in slide when the content has no section or
 * it cannot be shown, a dark screen lit, the proof record, and the show taken up where it was. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LOG_MODULE "test"
#include "base/log.h"
#include "check.h"
#include "view/view.h"

/* A show of three slides with a page and a button, in Hebrew and Arabic, with an emergency
 * section of two slides. */
static const char *WITH_SECTION =
    "{\"format\": 1, \"name\": \"akko\", \"screen\": {\"width\": 1920, \"height\": 1080},\n"
    " \"languages\": [\"he\", \"ar\"],\n"
    " \"interactive\": {\"home\": \"home\", \"touch_opens_home\": true},\n"
    " \"slides\": [\n"
    "  {\"id\": \"a\", \"background\": \"#000000\", \"duration\": 10},\n"
    "  {\"id\": \"b\", \"background\": \"#000000\", \"duration\": 10},\n"
    "  {\"id\": \"c\", \"background\": \"#000000\", \"duration\": 10,\n"
    "   \"buttons\": [{\"box\": [0.7, 0.8, 0.2, 0.1], \"action\": \"page:home\",\n"
    "     \"label\": {\"he\": \"x\", \"ar\": \"x\"}}]}],\n"
    " \"pages\": [{\"id\": \"home\", \"background\": \"#101010\"}],\n"
    " \"emergency\": {\"duration\": 6, \"slides\": [\n"
    "  {\"id\": \"shelter\", \"background\": \"#8b0000\",\n"
    "   \"texts\": [{\"text\": {\"he\": \"מרחב מוגן\", \"ar\": \"المكان المحمي\"},\n"
    "               \"box\": [0.1, 0.1, 0.8, 0.2]}]},\n"
    "  {\"id\": \"map\", \"background\": \"#8b0000\"}]}}\n";

static const char *WITHOUT_SECTION =
    "{\"format\": 1, \"name\": \"plain\", \"screen\": {\"width\": 1080, \"height\": 1920},\n"
    " \"languages\": [\"en\"],\n"
    " \"slides\": [{\"id\": \"only\", \"background\": \"#000000\"}]}\n";

static struct playlist *load(const char *text)
{
    struct diag_list diags = {0};
    struct playlist_load_options o = {0};
    struct playlist *pl = playlist_load_text(".", "playlist.json", text, strlen(text), &o, &diags);
    if (!pl)
        diag_print(&diags, stderr);
    diag_list_clear(&diags);
    return pl;
}

static enum view_media_state media_answer = VIEW_MEDIA_READY;
static enum view_media_state media_slide(void *data, const struct playlist *pl, size_t i,
                                         const char **err)
{
    (void)data;
    (void)i;
    *err = "the map is damaged";
    /* Only the emergency slides' pictures fail in these tests. */
    return pl->name && strstr(pl->name, "(emergency)") ? media_answer : VIEW_MEDIA_READY;
}
static const struct view_media MEDIA = {media_slide, NULL};

static void start(struct view *v, const char *text)
{
    media_answer = VIEW_MEDIA_READY;
    struct view_options o = {.idle_timeout_ms = 60000, .status_timeout_ms = 120000, .proof = true};
    struct view_content_id id = {.version = 7};
    strcpy(id.group, "akko");
    view_init(v, &o, text ? load(text) : NULL, &id, 0, 1800000000);
    struct view_changes ch = {0};
    view_tick(v, 0, 1800000000, 1000000, &MEDIA, &ch);
}

static void tick(struct view *v, int64_t now)
{
    struct view_changes ch = {0};
    view_tick(v, now, 1800000000 + now / 1000, 1000000 + now, &MEDIA, &ch);
}

static struct view_frame frame(const struct view *v, int64_t now)
{
    struct view_frame f;
    view_frame(v, now, &f);
    return f;
}

static const char *shown_id(const struct view *v, int64_t now)
{
    struct view_frame f = frame(v, now);
    if (!f.scene.playlist || f.scene.slide.slide == SCHED_NONE)
        return "none";
    if (f.scene.page != PLAYLIST_NO_PAGE)
        return f.scene.playlist->pages[f.scene.page].id;
    return f.scene.playlist->slides[f.scene.slide.slide].id;
}

static void emergency(struct view *v, bool on, int64_t now)
{
    struct view_changes ch = {0};
    if (on)
        view_emergency_start(v, "test", 0, 1000000 + now, now, &ch);
    else
        view_emergency_end(v, now, &ch);
    CHECK(ch.redraw, "the change is drawn at once");
}

static void test_section_through_languages(void)
{
    struct view v;
    start(&v, WITH_SECTION);
    tick(&v, 12000); /* slide b, 2 s into it */
    CHECK_STR(shown_id(&v, 12000), "b");
    emergency(&v, true, 12000);
    struct view_frame f = frame(&v, 12000);
    CHECK_STR(shown_id(&v, 12000), "shelter");
    CHECK(f.fade_alpha == 0, "the first emergency frame is a cut, not a fade");
    CHECK_STR(f.scene.lang, "he");
    /* In turn: each slide, then the next language. */
    tick(&v, 18000);
    CHECK_STR(shown_id(&v, 18000), "map");
    tick(&v, 24000);
    CHECK_STR(shown_id(&v, 24000), "shelter");
    f = frame(&v, 24000);
    CHECK_STR(f.scene.lang, "ar");
    /* The show waits: an hour later it is still slide b. */
    tick(&v, 3600000);
    CHECK(view_emergency_on(&v), "still on");
    emergency(&v, false, 3600000);
    CHECK_STR(shown_id(&v, 3600000), "b");
    f = frame(&v, 3600000);
    CHECK(f.fade_alpha > 0.99f && f.fade_from.playlist && f.fade_from.playlist != v.playlist,
          "the show fades in from the emergency picture");
    tick(&v, 3607000);
    CHECK_STR(shown_id(&v, 3607000), "b");
    tick(&v, 3608100);
    CHECK_STR(shown_id(&v, 3608100), "c"); /* b had 8 s left of its 10 */
    view_free(&v);
}

static void test_touch_suspended(void)
{
    struct view v;
    start(&v, WITH_SECTION);
    tick(&v, 21000); /* slide c, with its button */
    struct action open = {.kind = ACTION_OPEN_HOME};
    struct view_changes ch = {0};
    view_action(&v, &open, 21000, &ch);
    CHECK_STR(shown_id(&v, 21000), "home");
    emergency(&v, true, 22000);
    CHECK_STR(shown_id(&v, 22000), "shelter");
    const struct page *page;
    size_t n = 1;
    CHECK(view_buttons(&v, &page, &n) == NULL && n == 0, "no button answers in an emergency");
    struct action next = {.kind = ACTION_NEXT};
    view_action(&v, &next, 22100, &ch);
    view_action(&v, &open, 22200, &ch);
    CHECK_STR(shown_id(&v, 22300), "shelter");
    /* Staff still open the status page, which says why. */
    struct action staff = {.kind = ACTION_STAFF_STATUS};
    view_action(&v, &staff, 22400, &ch);
    CHECK(frame(&v, 22400).status_open, "the staff status page opens");
    struct view_status vs;
    view_status(&v, &vs);
    CHECK(vs.emergency && vs.emergency_why && !strcmp(vs.emergency_why, "test"),
          "the status page is told why");
    struct action back = {.kind = ACTION_BACK};
    view_action(&v, &back, 22500, &ch);
    CHECK(!frame(&v, 22500).status_open, "and closes");
    emergency(&v, false, 30000);
    CHECK_STR(shown_id(&v, 30000), "c"); /* the page was left: the loop where it was */
    view_free(&v);
}

static void test_builtin(void)
{
    struct view v;
    /* No section: the built-in slide, at the show's own shape. */
    start(&v, WITHOUT_SECTION);
    emergency(&v, true, 1000);
    struct view_frame f = frame(&v, 1000);
    CHECK(f.scene.playlist && f.scene.playlist->language_count == 4, "the built-in slide");
    CHECK(f.scene.playlist->height == 1920 && f.scene.playlist->width == 1080,
          "portrait like the show");
    CHECK_STR(shown_id(&v, 1000), "built-in");
    view_free(&v);
    /* Broken content (nothing loads): the built-in slide too. */
    start(&v, NULL);
    emergency(&v, true, 1000);
    CHECK_STR(shown_id(&v, 1000), "built-in");
    emergency(&v, false, 2000);
    CHECK(frame(&v, 2000).scene.playlist == NULL, "back to the built-in (non-emergency) slide");
    view_free(&v);
    /* A section whose pictures fail: each is left out, then the built-in slide shows. */
    start(&v, WITH_SECTION);
    emergency(&v, true, 1000);
    media_answer = VIEW_MEDIA_FAILED;
    tick(&v, 1010);
    tick(&v, 1020);
    tick(&v, 1030);
    CHECK_STR(shown_id(&v, 1030), "built-in");
    view_free(&v);
}

static void test_dark_screen_and_proof(void)
{
    struct view v;
    start(&v, WITH_SECTION);
    struct view_changes ch = {0};
    tick(&v, 3000);
    view_screen_power(&v, true, 5000, &ch);
    CHECK(frame(&v, 5000).screen_off, "off by the schedule");
    const struct proof_record *r;
    view_take_records(&v, &r);
    emergency(&v, true, 6000);
    CHECK(!frame(&v, 6000).screen_off, "an emergency lights the screen");
    tick(&v, 6500);
    size_t n = view_take_records(&v, &r);
    CHECK(n == 0, "nothing of the show is recorded while it is off (%zu)", n);
    emergency(&v, false, 66000);
    CHECK(frame(&v, 66000).screen_off, "dark again after it, as scheduled");
    n = view_take_records(&v, &r);
    CHECK(n == 1 && r[0].kind == PROOF_KIND_EMERGENCY && r[0].duration_ms == 60000 &&
              r[0].start_ms == 1006000 && r[0].reached_by == PROOF_REACHED_TRIGGER,
          "one record: the emergency's start and length (%zu)", n);
    view_screen_power(&v, false, 70000, &ch);
    tick(&v, 70000);
    CHECK_STR(shown_id(&v, 70000), "a");
    /* The schedule turning the screen off during an emergency changes nothing seen. */
    emergency(&v, true, 71000);
    view_screen_power(&v, true, 72000, &ch);
    CHECK(!frame(&v, 72000).screen_off && !strcmp(shown_id(&v, 72000), "shelter"), "still shown");
    /* Nor does it turning the screen on again: the show stays where it was until the end. */
    view_screen_power(&v, false, 73000, &ch);
    tick(&v, 200000);
    emergency(&v, false, 200000);
    tick(&v, 200000);
    CHECK_STR(shown_id(&v, 200000), "a");
    tick(&v, 203900);
    CHECK_STR(shown_id(&v, 203900), "a"); /* a had 4 s left of its 10 when the alarm came */
    tick(&v, 204100);
    CHECK_STR(shown_id(&v, 204100), "b");
    view_free(&v);
}

static void test_section_parse(void)
{
    struct playlist *pl = load(WITH_SECTION);
    CHECK(pl && pl->emergency && pl->emergency->slide_count == 2, "the section is read");
    CHECK(pl && pl->emergency->cycle_languages && pl->emergency->default_duration == 6,
          "in turn through the languages, 6 s each");
    playlist_free(pl);
    /* Buttons on an emergency slide are refused, with the place. */
    const char *bad =
        "{\"format\": 1, \"name\": \"x\", \"screen\": {\"width\": 640, \"height\": 360},"
        " \"languages\": [\"he\"], \"slides\": [{\"id\": \"a\"}],"
        " \"emergency\": {\"slides\": [{\"id\": \"e\", \"buttons\": []}]}}";
    struct diag_list diags = {0};
    struct playlist_load_options o = {0};
    pl = playlist_load_text(".", "playlist.json", bad, strlen(bad), &o, &diags);
    CHECK(!pl && diags.count == 1 && !strcmp(diags.items[0].path, "emergency.slides[0].buttons"),
          "refused at emergency.slides[0].buttons (%s)",
          diags.count ? diags.items[0].message : "no message");
    diag_list_clear(&diags);
    /* The built-in slide loads (it is made from text at run time). */
    pl = view_emergency_builtin(1920, 1080);
    CHECK(pl && pl->slide_count == 1 && pl->slides[0].text_count == 8,
          "the built-in emergency slide: four languages, heading and instruction");
    playlist_free(pl);
    /* At the smallest screen a playlist may have, and at a large portrait one. */
    const int sizes[][2] = {{64, 64}, {640, 360}, {1080, 1920}, {3840, 2160}};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        pl = view_emergency_builtin(sizes[i][0], sizes[i][1]);
        CHECK(pl && pl->width == sizes[i][0], "the built-in slide at %dx%d", sizes[i][0],
              sizes[i][1]);
        playlist_free(pl);
    }
}

int main(void)
{
    log_set_level(LOG_LEVEL_ERROR);
    test_section_parse();
    test_section_through_languages();
    test_touch_suspended();
    test_builtin();
    test_dark_screen_and_proof();
    return check_summary();
}
