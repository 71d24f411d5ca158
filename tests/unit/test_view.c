/* The view model without a display: navigation between pages, language choice and the idle
 * return, the content switch at a slide boundary with its fade, the fallback chain, proof
 * records (the version after a switch), the status page, and button visibility that changes
 * only when the wall clock crosses a schedule boundary. */
#define LOG_MODULE "test_view"
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/log.h"
#include "check.h"
#include "playlist/diag.h"
#include "view/view.h"

/* Two slides (5 s cut, 4 s crossfade 1 s); the second has buttons to a page open only from
 * 08:00 to 12:00, to English, and to the info page. Pages: home (the index), info, office. */
static const char *PLAYLIST =
    "{\"format\": 1, \"name\": \"test\", \"screen\": {\"width\": 1920, \"height\": 1080},\n"
    " \"place\": {\"city\": \"Akko\"}, \"languages\": [\"he\", \"en\"],\n"
    " \"interactive\": {\"home\": \"home\", \"touch_opens_home\": true, \"idle_seconds\": 30},\n"
    " \"slides\": [\n"
    "  {\"id\": \"a\", \"background\": \"#000000\",\n"
    "   \"duration\": 5, \"transition\": {\"type\": \"cut\"}},\n"
    "  {\"id\": \"b\", \"background\": \"#000000\", \"duration\": 4,\n"
    "   \"transition\": {\"type\": \"crossfade\", \"duration\": 1},\n"
    "   \"buttons\": [\n"
    "    {\"box\": [0.1, 0.8, 0.2, 0.1], \"action\": \"page:office\",\n"
    "     \"label\": {\"he\": \"office\", \"en\": \"office\"}},\n"
    "    {\"box\": [0.4, 0.8, 0.2, 0.1], \"action\": \"language:en\",\n"
    "     \"label\": {\"he\": \"en\", \"en\": \"en\"}},\n"
    "    {\"box\": [0.7, 0.8, 0.2, 0.1], \"action\": \"page:info\",\n"
    "     \"label\": {\"he\": \"info\", \"en\": \"info\"}}]}],\n"
    " \"pages\": [\n"
    "  {\"id\": \"home\", \"background\": \"#101010\"},\n"
    "  {\"id\": \"info\", \"background\": \"#202020\"},\n"
    "  {\"id\": \"office\", \"background\": \"#303030\",\n"
    "   \"schedule\": {\"times\": [{\"from\": \"08:00\", \"to\": \"12:00\"}]}}]}\n";

/* The same show, renamed and with one slide, as a new version arrives. */
static const char *PLAYLIST_V2 =
    "{\"format\": 1, \"name\": \"v2\", \"screen\": {\"width\": 1920, \"height\": 1080},\n"
    " \"languages\": [\"he\"],\n"
    " \"slides\": [{\"id\": \"new\", \"background\": \"#ffffff\", \"duration\": 8,\n"
    "   \"transition\": {\"type\": \"crossfade\", \"duration\": 2}}]}\n";

/* Both slides scheduled for the morning; outside it the default slide plays. */
static const char *PLAYLIST_MORNING =
    "{\"format\": 1, \"name\": \"morning\", \"screen\": {\"width\": 1920, \"height\": 1080},\n"
    " \"place\": {\"city\": \"Akko\"}, \"languages\": [\"he\"], \"default_slide\": \"c\",\n"
    " \"slides\": [\n"
    "  {\"id\": \"a\", \"background\": \"#000000\", \"duration\": 5,\n"
    "   \"schedule\": {\"times\": [{\"from\": \"08:00\", \"to\": \"09:00\"}]}},\n"
    "  {\"id\": \"b\", \"background\": \"#000000\", \"duration\": 5,\n"
    "   \"schedule\": {\"times\": [{\"from\": \"08:00\", \"to\": \"09:00\"}]}},\n"
    "  {\"id\": \"c\", \"background\": \"#000000\", \"duration\": 5,\n"
    "   \"schedule\": {\"times\": [{\"from\": \"08:00\", \"to\": \"09:00\"}]}}]}\n";

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

/* 2026-12-10 (a Thursday) at hh:mm in Israel (UTC+2 in December). */
static time_t at(int hh, int mm)
{
    struct tm tm = {.tm_year = 126, .tm_mon = 11, .tm_mday = 10, .tm_hour = hh - 2, .tm_min = mm};
    return timegm(&tm);
}

/* Media: every picture ready, or what the table says. */
static enum view_media_state media_table[8];
static int media_asks;
static enum view_media_state media_slide(void *data, const struct playlist *pl, size_t i,
                                         const char **err)
{
    (void)data;
    (void)pl;
    media_asks++;
    *err = "test";
    return i < 8 ? media_table[i] : VIEW_MEDIA_READY;
}
static const struct view_media MEDIA = {media_slide, NULL};

static void start(struct view *v, const char *text, uint64_t version, time_t wall)
{
    memset(media_table, 0, sizeof media_table);
    struct view_options o = {.idle_timeout_ms = 60000, .status_timeout_ms = 120000, .proof = true};
    struct view_content_id id = {.version = version};
    strcpy(id.group, "akko");
    view_init(v, &o, text ? load(text) : NULL, &id, 0, wall);
    struct view_changes ch = {0};
    view_tick(v, 0, wall, 1000000, &MEDIA, &ch);
}

static void act(struct view *v, enum action_kind kind, int button, int64_t now)
{
    struct action a = {.kind = kind, .button = button};
    struct view_changes ch = {0};
    view_action(v, &a, now, &ch);
}

static void tick(struct view *v, int64_t now, time_t wall)
{
    struct view_changes ch = {0};
    view_tick(v, now, wall, 1000000 + now, &MEDIA, &ch);
}

static const char *page_id(const struct view *v)
{
    struct view_frame f;
    view_frame(v, v->now_ms, &f);
    return f.scene.page == PLAYLIST_NO_PAGE ? "loop" : f.scene.playlist->pages[f.scene.page].id;
}

static void test_navigation(void)
{
    struct view v;
    time_t wall = at(10, 0);
    start(&v, PLAYLIST, 1, wall);
    CHECK(!strcmp(page_id(&v), "loop"), "starts on the loop, got %s", page_id(&v));
    act(&v, ACTION_OPEN_HOME, 0, 100);
    CHECK(!strcmp(page_id(&v), "home"), "a touch opens home, got %s", page_id(&v));
    CHECK(sched_paused(&v.sched), "the show waits while a page is open");
    act(&v, ACTION_NEXT, 0, 200);
    CHECK(!strcmp(page_id(&v), "info"), "next from home: info, got %s", page_id(&v));
    act(&v, ACTION_NEXT, 0, 300);
    CHECK(!strcmp(page_id(&v), "office"), "next: office (open at 10:00), got %s", page_id(&v));
    act(&v, ACTION_NEXT, 0, 400);
    CHECK(!strcmp(page_id(&v), "info"), "next wraps past the home page, got %s", page_id(&v));
    act(&v, ACTION_BACK, 0, 500);
    CHECK(!strcmp(page_id(&v), "office"), "back: office, got %s", page_id(&v));
    act(&v, ACTION_BACK, 0, 600);
    act(&v, ACTION_BACK, 0, 700);
    CHECK(!strcmp(page_id(&v), "home"), "back twice more: home, got %s", page_id(&v));
    act(&v, ACTION_BACK, 0, 800);
    CHECK(!strcmp(page_id(&v), "loop"), "back from the first page: the loop, got %s", page_id(&v));
    CHECK(!sched_paused(&v.sched), "the show goes on where it was");
    act(&v, ACTION_OPEN_HOME, 0, 900);
    act(&v, ACTION_NEXT, 0, 1000);
    act(&v, ACTION_HOME, 0, 1100);
    CHECK(!strcmp(page_id(&v), "loop"), "home: the loop, got %s", page_id(&v));
    /* Next and previous on the loop move the slides. */
    act(&v, ACTION_NEXT, 0, 1200);
    CHECK(v.sched.current == 1, "next slide: b, got %zu", v.sched.current);
    act(&v, ACTION_PREV, 0, 1300);
    CHECK(v.sched.current == 0, "previous slide: a, got %zu", v.sched.current);
    /* A page change fades: the old view's description comes with the frame. */
    act(&v, ACTION_OPEN_HOME, 0, 2000);
    struct view_frame f;
    view_frame(&v, 2000, &f);
    CHECK(f.fade_alpha > 0.99f && f.fade_from.page == PLAYLIST_NO_PAGE,
          "opening a page fades from the loop (alpha %g)", f.fade_alpha);
    view_frame(&v, 2000 + (int64_t)(VIEW_FADE_S * 1000), &f);
    CHECK(f.fade_alpha == 0, "the fade is over after %g s", VIEW_FADE_S);
    view_free(&v);
}

static void test_language_and_idle(void)
{
    struct view v;
    time_t wall = at(10, 0);
    start(&v, PLAYLIST, 1, wall);
    act(&v, ACTION_NEXT, 0, 10); /* slide b has the buttons */
    tick(&v, 2000, wall);
    act(&v, ACTION_ACTIVATE, 1, 2000); /* language:en */
    struct view_frame f;
    view_frame(&v, 2000, &f);
    CHECK(f.scene.lang && !strcmp(f.scene.lang, "en"), "the button chose English, got %s",
          f.scene.lang ? f.scene.lang : "(none)");
    CHECK(view_away_from_loop(&v), "a chosen language counts as away from the show");
    view_activity(&v, 2000);
    tick(&v, 2000 + 29999, wall);
    view_frame(&v, 2000 + 29999, &f);
    CHECK(!strcmp(f.scene.lang, "en"), "still English before the playlist's 30 s");
    tick(&v, 2000 + 30000, wall);
    view_frame(&v, 2000 + 30000, &f);
    CHECK(!strcmp(f.scene.lang, "he"), "after 30 s without a touch: Hebrew again, got %s",
          f.scene.lang);
    CHECK(!view_away_from_loop(&v), "back on the loop");
    /* On a page, the idle return closes it too. */
    act(&v, ACTION_OPEN_HOME, 0, 40000);
    view_activity(&v, 40000);
    tick(&v, 70000, wall);
    CHECK(!strcmp(page_id(&v), "loop"), "idle closes the page, got %s", page_id(&v));
    view_free(&v);
}

static void test_content_switch(void)
{
    struct view v;
    time_t wall = at(10, 0);
    start(&v, PLAYLIST, 41, wall);
    tick(&v, 1000, wall);
    struct view_content_id id = {.version = 42};
    strcpy(id.group, "akko");
    view_offer_content(&v, load(PLAYLIST_V2), &id);
    tick(&v, 3000, wall);
    struct view_status st0;
    view_status(&v, &st0);
    CHECK(st0.version == 41 && st0.pending && !strcmp(st0.shown, "a"),
          "until the switch the status page names version 41, with 42 waiting");
    struct view_frame f;
    view_frame(&v, 3000, &f);
    CHECK(f.scene.playlist && !strcmp(f.scene.playlist->name, "test"),
          "the new content waits for the slide's end");
    /* At the boundary the new content's first picture is not decoded yet: it waits. */
    media_table[0] = VIEW_MEDIA_PENDING;
    tick(&v, 5000, wall);
    view_frame(&v, 5000, &f);
    CHECK(!strcmp(f.scene.playlist->name, "test"), "the switch waits for the new picture");
    media_table[0] = VIEW_MEDIA_READY;
    uint64_t serial = f.fade_serial;
    struct view_changes ch = {0};
    view_tick(&v, 5200, wall, 1005200, &MEDIA, &ch);
    CHECK(ch.content_switched, "the switch is reported to the loop");
    view_frame(&v, 5200, &f);
    CHECK(!strcmp(f.scene.playlist->name, "v2") && f.scene.slide.slide == 0,
          "the new content's first slide plays");
    CHECK(f.fade_serial != serial && f.fade_alpha > 0.99f,
          "the old picture fades out over it (alpha %g)", f.fade_alpha);
    CHECK(f.fade_from.playlist && !strcmp(f.fade_from.playlist->name, "test") &&
              f.fade_from.slide.slide == 0,
          "the fade shows the old content's slide a");
    struct view_status st;
    view_status(&v, &st);
    CHECK(st.version == 42 && !strcmp(st.group, "akko") && !strcmp(st.playlist_name, "v2") &&
              !st.pending && !strcmp(st.shown, "new"),
          "the status page names version 42 and its playlist, got %llu",
          (unsigned long long)st.version);
    view_frame(&v, 6200, &f);
    CHECK_NEAR(f.fade_alpha, 0.5, 1e-3, "halfway through the new slide's 2 s crossfade");
    tick(&v, 7300, wall);
    view_frame(&v, 7300, &f);
    CHECK(f.fade_alpha == 0 && !v.retired, "the fade is over and the old content freed");

    /* Proof: slide a ends under version 41, the new slide is recorded under 42. */
    const struct proof_record *r;
    size_t n = view_take_records(&v, &r);
    CHECK(n == 1, "one record so far, got %zu", n);
    if (n >= 1)
        CHECK(!strcmp(r[0].id, "a") && r[0].content_version == 41 && r[0].duration_ms == 5200 &&
                  r[0].kind == PROOF_KIND_SLIDE && !strcmp(r[0].lang, "he") &&
                  r[0].reached_by == PROOF_REACHED_LOOP,
              "slide a, 5.2 s, under the old version: %s %llu %lld", r[0].id,
              (unsigned long long)r[0].content_version, (long long)r[0].duration_ms);
    view_end_record(&v, 9000);
    n = view_take_records(&v, &r);
    CHECK(n == 1 && !strcmp(r[0].id, "new") && r[0].content_version == 42 &&
              r[0].duration_ms == 3800,
          "the new slide is recorded under version 42");
    view_free(&v);
}

static void test_fallback(void)
{
    struct view v;
    time_t wall = at(10, 0);
    start(&v, NULL, 0, wall);
    struct view_frame f;
    view_frame(&v, 0, &f);
    CHECK(!f.scene.playlist && f.scene.slide.slide == SCHED_NONE,
          "no playlist: the built-in slide");
    view_free(&v);

    start(&v, PLAYLIST, 1, wall);
    media_table[0] = VIEW_MEDIA_FAILED;
    tick(&v, 100, wall);
    view_frame(&v, 100, &f);
    CHECK(f.scene.slide.slide == 1, "slide a's picture failed: b plays, got %zu",
          f.scene.slide.slide);
    media_table[1] = VIEW_MEDIA_FAILED;
    tick(&v, 300, wall);
    view_frame(&v, 300, &f);
    CHECK(f.scene.playlist && f.scene.slide.slide == SCHED_NONE,
          "nothing playable: the built-in slide");
    view_end_record(&v, 1000);
    const struct proof_record *r;
    size_t n = view_take_records(&v, &r);
    CHECK(n >= 1 && r[n - 1].kind == PROOF_KIND_FALLBACK &&
              r[n - 1].reached_by == PROOF_REACHED_SCHEDULE_FALLBACK,
          "the built-in slide is recorded as the fallback");
    view_free(&v);

    /* Schedules: in the morning the scheduled slides; after it the default slide alone (its
     * own schedule does not matter); when its picture fails too, the built-in slide. */
    start(&v, PLAYLIST_MORNING, 1, at(8, 30));
    view_frame(&v, 0, &f);
    CHECK(f.scene.slide.slide == 0, "08:30: slide a, got %zu", f.scene.slide.slide);
    tick(&v, 1000, at(9, 0));
    view_frame(&v, 1000, &f);
    CHECK(f.scene.slide.slide == 2, "09:00: nothing eligible, the default slide c, got %zu",
          f.scene.slide.slide);
    tick(&v, 20000, at(9, 0) + 19);
    view_frame(&v, 20000, &f);
    CHECK(f.scene.slide.slide == 2, "the default slide stays, got %zu", f.scene.slide.slide);
    media_table[2] = VIEW_MEDIA_FAILED;
    tick(&v, 21000, at(9, 0) + 20);
    view_frame(&v, 21000, &f);
    CHECK(f.scene.slide.slide == SCHED_NONE, "its picture failed: the built-in slide");
    view_free(&v);
}

static void test_status(void)
{
    struct view v;
    time_t wall = at(10, 0);
    start(&v, PLAYLIST, 7, wall);
    act(&v, ACTION_STAFF_STATUS, 0, 100);
    struct view_frame f;
    view_frame(&v, 100, &f);
    CHECK(f.status_open, "the staff gesture opens the status page");
    struct action_context ctx = view_action_context(&v);
    CHECK(ctx.view == ACTION_VIEW_STATUS, "input knows the status page is open");
    view_activity(&v, 60000);
    tick(&v, 60000 + 119999, wall);
    CHECK(v.status_open, "a touch keeps it open");
    tick(&v, 60000 + 120000, wall);
    CHECK(!v.status_open, "it closes by itself after 120 s");
    act(&v, ACTION_STAFF_STATUS, 0, 200000);
    act(&v, ACTION_BACK, 0, 200100);
    CHECK(!v.status_open && !strcmp(page_id(&v), "loop"), "back closes it, nothing else");
    struct view_status st;
    view_status(&v, &st);
    CHECK(st.version == 7 && !strcmp(st.playlist_name, "test") && !st.clock_unset && !st.screen_off,
          "the facts: version 7 of \"test\", the clock set, the screen on");
    view_free(&v);
    /* A Pi without a clock boots in 1970: schedules are ignored and the page says so. */
    start(&v, PLAYLIST, 7, 1000);
    view_status(&v, &st);
    CHECK(st.clock_unset, "a clock in 1970 is reported as not set");
    CHECK(view_button_visible(&v, &v.playlist->slides[1].buttons[0]),
          "with the clock unset every page opens");
    view_free(&v);
    start(&v, NULL, 0, 1000);
    view_status(&v, &st);
    CHECK(!st.playlist_name && !st.shown && !st.clock_unset, "the built-in slide: no playlist");
    view_free(&v);
}

/* Item 3 of issue 13: the calendar is asked when the wall clock crosses a boundary, never per
 * frame, and never during a transition. */
static void test_button_visibility(void)
{
    struct view v;
    start(&v, PLAYLIST, 1, at(11, 59));
    const struct button *office = &v.playlist->slides[1].buttons[0];
    CHECK(view_button_visible(&v, office), "office page open at 11:59: its button shows");
    uint64_t checks = v.schedule_checks;
    /* 60 frames a second through slide a and the crossfade into b (5 s to 6 s). */
    for (int64_t t = 16; t < 6000; t += 16) {
        time_t wall = at(11, 59) + (time_t)(t / 1000);
        tick(&v, t, wall);
        struct view_frame f;
        view_frame(&v, t, &f);
        if (t > 5000 && t < 6000)
            CHECK(f.scene.slide.from == 0 && f.animating, "the crossfade runs at %lld",
                  (long long)t);
    }
    CHECK(v.schedule_checks == checks, "no schedule evaluation in 374 frames, got %llu",
          (unsigned long long)(v.schedule_checks - checks));
    CHECK(view_ms_until_due(&v, 6000, at(11, 59) + 6) <= 54050, "the loop wakes at the boundary");
    /* Noon: the office page closes, its button hides. */
    tick(&v, 60000, at(12, 0));
    CHECK(v.schedule_checks > checks, "the boundary is looked at");
    CHECK(!view_button_visible(&v, office), "office closed at 12:00: its button hides");
    struct view_frame f;
    view_frame(&v, 60000, &f);
    CHECK(f.scene.page_open && !f.scene.page_open[2], "the frame says the office page is closed");
    /* A clock set by hand (a jump) is looked at at once. */
    checks = v.schedule_checks;
    tick(&v, 60016, at(10, 0));
    CHECK(v.schedule_checks > checks && view_button_visible(&v, office),
          "the clock set back to 10:00: the button shows again");
    view_free(&v);
}

/* Off, the screen shows nothing: the show pauses, the page and language are forgotten, and no
 * record counts the dark time. */
static void test_screen_power(void)
{
    struct view v;
    time_t wall = at(10, 0);
    start(&v, PLAYLIST, 1, wall);
    act(&v, ACTION_OPEN_HOME, 0, 1000);
    tick(&v, 1000, wall);
    struct view_changes ch = {0};
    view_screen_power(&v, true, 2000, &ch);
    CHECK(!strcmp(page_id(&v), "loop") && sched_paused(&v.sched), "off: the loop, paused");
    tick(&v, 50000, wall);
    const struct proof_record *r;
    size_t n = view_take_records(&v, &r);
    CHECK(n == 2 && r[1].kind == PROOF_KIND_PAGE && r[1].duration_ms == 1000,
          "the page is recorded until the screen went off");
    view_screen_power(&v, false, 60000, &ch);
    tick(&v, 60000, wall);
    CHECK(!sched_paused(&v.sched), "on: the show goes on");
    view_free(&v);
}

int main(void)
{
    log_set_level(LOG_LEVEL_ERROR);
    test_navigation();
    test_language_and_idle();
    test_content_switch();
    test_fallback();
    test_status();
    test_button_visibility();
    test_screen_power();
    return check_summary();
}
