#define LOG_MODULE "emergency"
#include "view/emergency.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/xmalloc.h"
#include "view/view.h"

/* A picture of the next emergency slide still decoding holds the slide before it this long at
 * most: in an emergency the words matter more than the map. */
#define EMERGENCY_HOLD_MS 2000

/* One band per language: heading and what to do. The wording is the Home Front Command's own
 * general instruction (go into the protected space, follow its instructions): right for a
 * missile alarm, and not wrong for any other emergency. */
static const struct {
    const char *lang, *title, *body;
} builtin_text[] = {
    {"he", "מצב חירום", "היכנסו למרחב המוגן ופעלו לפי הנחיות פיקוד העורף."},
    {"ar", "حالة طوارئ", "توجّهوا إلى المكان المحمي واتّبعوا تعليمات قيادة الجبهة الداخلية."},
    {"en", "Emergency",
     "Go to the protected space and follow the instructions of the Home Front Command."},
    {"ru", "Чрезвычайная ситуация",
     "Пройдите в защищённое помещение и следуйте указаниям Службы тыла."},
};
#define BUILTIN_LANGS (sizeof builtin_text / sizeof builtin_text[0])

struct playlist *view_emergency_builtin(int width, int height)
{
    if (width < PLAYLIST_MIN_SCREEN || height < PLAYLIST_MIN_SCREEN) {
        width = 1920;
        height = 1080;
    }
    int unit = width < height ? width : height;
    /* At least the parser's smallest size: a small preview window still gets its slide. */
    int title = unit * 72 / 1080, body = unit * 46 / 1080, least = (int)TEXT_MIN_SIZE;
    title = title < 2 * least ? 2 * least : title;
    body = body < 2 * least ? 2 * least : body;
    char *texts = xstrdup("");
    for (size_t i = 0; i < BUILTIN_LANGS; i++) {
        double y = 0.25 * (double)i;
        char *more = xasprintf(
            "%s%s"
            "{\"text\": {\"%s\": \"%s\"}, \"box\": [0.04, %.3f, 0.92, 0.09], \"size\": %d,"
            " \"min_size\": %d, \"weight\": \"bold\", \"color\": \"#ffd54f\","
            " \"align\": \"center\", \"valign\": \"top\"},\n"
            "{\"text\": {\"%s\": \"%s\"}, \"box\": [0.04, %.3f, 0.92, 0.135], \"size\": %d,"
            " \"min_size\": %d, \"color\": \"#ffffff\", \"align\": \"center\","
            " \"valign\": \"top\"}",
            texts, i ? ",\n" : "", builtin_text[i].lang, builtin_text[i].title, y + 0.02, title,
            title / 2, builtin_text[i].lang, builtin_text[i].body, y + 0.11, body, body / 2);
        free(texts);
        texts = more;
    }
    char *json = xasprintf("{\"format\": 1, \"name\": \"built-in emergency slide\",\n"
                           " \"screen\": {\"width\": %d, \"height\": %d},\n"
                           " \"languages\": [\"he\", \"ar\", \"en\", \"ru\"],\n"
                           " \"slides\": [{\"id\": \"built-in\", \"duration\": 3600,\n"
                           "  \"background\": \"#8b0000\",\n"
                           "  \"texts\": [%s]}]}\n",
                           width, height, texts);
    struct diag_list diags = {0};
    struct playlist_load_options o = {0};
    struct playlist *pl =
        playlist_load_text(".", "built-in emergency slide", json, strlen(json), &o, &diags);
    if (!pl) /* cannot happen: the text above is fixed; the tests load it */
        diag_print(&diags, stderr);
    diag_list_clear(&diags);
    free(json);
    free(texts);
    return pl;
}

bool view_emergency_on(const struct view *v)
{
    return v->emergency.on;
}

/* The emergency slides to show: the content's section, or the built-in one. */
static void choose(struct view *v, bool builtin, int64_t now_ms)
{
    struct view_emergency *e = &v->emergency;
    if (e->pl)
        sched_free(&e->sched);
    const struct playlist *pl = v->playlist;
    if (!builtin && pl && pl->emergency && pl->emergency->slide_count > 0) {
        e->pl = pl->emergency;
    } else {
        if (!e->builtin)
            e->builtin = view_emergency_builtin(pl ? pl->width : 1920, pl ? pl->height : 1080);
        if (!e->builtin) /* cannot happen (the tests load it at every size); never no slide */
            e->builtin = view_emergency_builtin(1920, 1080);
        e->pl = e->builtin;
    }
    sched_init(&e->sched, e->pl, now_ms);
    e->shown_lang = (size_t)-1;
    LOG_INFO("emergency slides: %s", e->pl == e->builtin ? "the built-in emergency slide"
                                                         : "the playlist's emergency section");
}

void view_emergency_start(struct view *v, const char *why, int64_t since_wall_ms,
                          int64_t record_wall_ms, int64_t now_ms, struct view_changes *out)
{
    struct view_emergency *e = &v->emergency;
    if (e->on)
        return;
    view_end_record(v, now_ms);
    view_leave_page(v, now_ms);
    if (v->playlist && !v->screen_off)
        sched_pause(&v->sched, true, now_ms);
    v->hold_since_ms = -1;
    e->on = true;
    e->serial++;
    e->since_ms = now_ms;
    e->since_wall_ms = since_wall_ms ? since_wall_ms : record_wall_ms;
    snprintf(e->why, sizeof e->why, "%s", why && why[0] ? why : "emergency");
    choose(v, false, now_ms);
    /* A cut, not a fade: the first emergency frame is the next one drawn. */
    v->fade_start_ms = -1;
    out->redraw = out->slide_changed = true;
}

/* The whole emergency is one proof record: when it started and how long it lasted (until the
 * player stops, when it stops during one). */
void view_emergency_end_record(struct view *v, int64_t now_ms)
{
    struct view_emergency *e = &v->emergency;
    if (e->on && v->proof && now_ms > e->since_ms) {
        size_t k = view_record_slot(v);
        snprintf(v->record_ids[k], sizeof v->record_ids[k], "%s",
                 e->pl == e->builtin ? "built-in" : "emergency");
        snprintf(v->record_langs[k], sizeof v->record_langs[k], "%s", "");
        snprintf(v->record_groups[k], sizeof v->record_groups[k], "%s", v->content.group);
        v->records[k] = (struct proof_record){
            .kind = PROOF_KIND_EMERGENCY,
            .id = v->record_ids[k],
            .content_version = v->content.version,
            .group = v->record_groups[k],
            .start_ms = e->since_wall_ms,
            .duration_ms = now_ms - e->since_ms,
            .reached_by = PROOF_REACHED_TRIGGER,
            .lang = v->record_langs[k],
        };
    }
    e->since_wall_ms += now_ms - e->since_ms;
    e->since_ms = now_ms;
}

void view_emergency_end(struct view *v, int64_t now_ms, struct view_changes *out)
{
    struct view_emergency *e = &v->emergency;
    if (!e->on)
        return;
    int64_t began = e->since_ms;
    view_emergency_end_record(v, now_ms);
    view_fade_from(v, VIEW_HOME_FADE_S, now_ms); /* from the emergency picture */
    e->on = false;
    sched_free(&e->sched);
    e->pl = NULL;
    if (v->playlist && !v->screen_off)
        sched_pause(&v->sched, false, now_ms);
    LOG_INFO("emergency over after %lld s: back to the show", (long long)((now_ms - began) / 1000));
    out->redraw = out->slide_changed = true;
}

void view_emergency_content_changed(struct view *v, int64_t now_ms)
{
    if (v->emergency.on)
        choose(v, false, now_ms);
}

void view_emergency_free(struct view *v)
{
    struct view_emergency *e = &v->emergency;
    if (e->pl)
        sched_free(&e->sched);
    playlist_free(e->builtin);
    memset(e, 0, sizeof *e);
}

static enum view_media_state media_of(const struct view_media *m, const struct playlist *pl,
                                      size_t i, const char **err)
{
    *err = NULL;
    return m && m->slide ? m->slide(m->data, pl, i, err) : VIEW_MEDIA_READY;
}

bool view_emergency_tick(struct view *v, int64_t now_ms, const struct view_media *media,
                         struct view_changes *out)
{
    struct view_emergency *e = &v->emergency;
    if (!e->on)
        return false;
    const char *err;
    /* A slide whose map cannot be shown is left out; with none left, the built-in slide. */
    size_t cur = e->sched.current;
    if (cur != SCHED_NONE && media_of(media, e->pl, cur, &err) == VIEW_MEDIA_FAILED) {
        LOG_ERR("emergency slide \"%s\" left out: %s", e->pl->slides[cur].id,
                err ? err : "its picture failed");
        sched_set_playable(&e->sched, e->pl, cur, false, now_ms);
        out->redraw = out->slide_changed = true;
    }
    if (e->sched.current == SCHED_NONE) {
        if (e->pl != e->builtin)
            LOG_ERR("no emergency slide of the playlist can be shown: the built-in one shows");
        choose(v, true, now_ms);
        out->redraw = out->slide_changed = true;
    }
    if (sched_ms_until_due(&e->sched, e->pl, now_ms) == 0) {
        size_t next = sched_following(&e->sched, e->sched.current);
        enum view_media_state st =
            next == SCHED_NONE ? VIEW_MEDIA_READY : media_of(media, e->pl, next, &err);
        bool wait = st == VIEW_MEDIA_PENDING && v->hold_since_ms >= 0 &&
                    now_ms - v->hold_since_ms < EMERGENCY_HOLD_MS;
        if (st == VIEW_MEDIA_PENDING && v->hold_since_ms < 0) {
            v->hold_since_ms = now_ms;
            wait = true;
        }
        if (!wait) {
            v->hold_since_ms = -1;
            if (sched_tick(&e->sched, e->pl, now_ms))
                out->redraw = out->slide_changed = true;
        }
    }
    size_t lang = sched_language(&e->sched, e->pl);
    if (lang != e->shown_lang && e->pl->language_count > 0) {
        e->shown_lang = lang;
        LOG_INFO("emergency slide \"%s\" in %s", e->pl->slides[e->sched.current].id,
                 e->pl == e->builtin ? "he, ar, en and ru" : e->pl->languages[lang]);
    }
    return true;
}

bool view_emergency_scene(const struct view *v, int64_t now_ms, struct view_scene *s)
{
    const struct view_emergency *e = &v->emergency;
    if (!e->on)
        return false;
    *s = (struct view_scene){.playlist = e->pl,
                             .page = PLAYLIST_NO_PAGE,
                             .wall = v->wall,
                             .pressed = -1,
                             .slide = sched_frame(&e->sched, e->pl, now_ms)};
    if (e->pl->language_count > 0) {
        s->lang = e->pl->languages[sched_language(&e->sched, e->pl)];
        s->from_lang = e->pl->languages[sched_from_language(&e->sched, e->pl)];
    }
    return true;
}

int64_t view_emergency_ms_until_due(const struct view *v, int64_t now_ms)
{
    const struct view_emergency *e = &v->emergency;
    if (!e->on)
        return -1;
    if (v->hold_since_ms >= 0)
        return 50; /* a picture is awaited: its decode wakes the loop, this bounds the hold */
    return sched_ms_until_due(&e->sched, e->pl, now_ms);
}
