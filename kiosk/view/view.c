#define LOG_MODULE "view"
#include "view/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/lang.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "playlist/page.h"

static void content_id_copy(struct view_content_id *dst, const struct view_content_id *src)
{
    if (src)
        *dst = *src;
    else
        *dst = (struct view_content_id){0};
}

/* ---- Schedules: looked at only when the wall clock crosses a boundary or jumps ---- */

static bool wall_due(const struct view *v, time_t wall)
{
    return !v->wall_valid || wall >= v->wall_next || wall < v->wall_last ||
           wall > v->wall_last + 120;
}

/* A page outside its schedule cannot be opened, and buttons to it are hidden. */
static bool page_open(const struct view *v, size_t page)
{
    return v->playlist && page < v->playlist->page_count && v->page_open[page];
}

/* The only place the calendar is asked, once per boundary: which slides may play (sched) and
 * which pages may open (the buttons that lead to them). */
static void look_at_schedules(struct view *v, time_t wall, int64_t now_ms, struct view_changes *out)
{
    struct playlist *pl = v->playlist;
    v->wall_last = wall;
    v->wall = wall;
    if (!pl)
        return;
    if (sched_set_wall(&v->sched, pl, wall, now_ms))
        out->slide_changed = out->redraw = true;
    v->schedule_checks++;
    bool unset = sched_clock_unset(&v->sched);
    for (size_t i = 0; i < pl->page_count; i++) {
        bool open = unset || sched_page_open(pl, i, &v->sched.env, wall);
        v->schedule_checks++;
        if (open != v->page_open[i])
            out->redraw = true;
        v->page_open[i] = open;
    }
    /* An unset clock is looked at each minute: it may get set. */
    time_t limit = unset ? wall + 60 : wall + 3600;
    v->wall_next = sched_next_wall_change(&v->sched, pl, wall, limit);
    v->wall_valid = true;
}

/* ---- Proof of play ---- */

static const char *lang_tag(const struct view *v)
{
    const struct playlist *pl = v->playlist;
    return pl && pl->language_count ? pl->languages[view_language(v)] : "";
}

size_t view_record_slot(struct view *v)
{
    if (v->record_count == VIEW_RECORDS_MAX) {
        LOG_WARN("proof of play: records not taken by the loop; the oldest is dropped");
        memmove(v->records, v->records + 1, (VIEW_RECORDS_MAX - 1) * sizeof v->records[0]);
        memmove(v->record_ids, v->record_ids + 1, (VIEW_RECORDS_MAX - 1) * sizeof v->record_ids[0]);
        memmove(v->record_langs, v->record_langs + 1,
                (VIEW_RECORDS_MAX - 1) * sizeof v->record_langs[0]);
        memmove(v->record_groups, v->record_groups + 1,
                (VIEW_RECORDS_MAX - 1) * sizeof v->record_groups[0]);
        v->record_count--;
    }
    return v->record_count++;
}

static void record_end(struct view *v, int64_t now_ms)
{
    if (!v->shown_valid)
        return;
    v->shown_valid = false;
    /* A slide replaced within the same moment (quitting as it appeared) was never seen. */
    if (now_ms - v->shown_mono_ms < 100 || !v->proof)
        return;
    size_t k = view_record_slot(v);
    bool page = v->shown_page != PLAYLIST_NO_PAGE;
    bool fallback = !page && v->shown_slide == SCHED_NONE;
    snprintf(v->record_ids[k], sizeof v->record_ids[k], "%s",
             fallback      ? "built-in"
             : v->shown_id ? v->shown_id
                           : "");
    snprintf(v->record_langs[k], sizeof v->record_langs[k], "%s", v->shown_lang);
    snprintf(v->record_groups[k], sizeof v->record_groups[k], "%s", v->shown_content.group);
    v->records[k] = (struct proof_record){
        .kind = page       ? PROOF_KIND_PAGE
                : fallback ? PROOF_KIND_FALLBACK
                           : PROOF_KIND_SLIDE,
        .id = v->record_ids[k],
        /* The version it was shown under: a record ending at a content switch names the old. */
        .content_version = v->shown_content.version,
        .group = v->record_groups[k],
        .start_ms = v->shown_wall_ms,
        .duration_ms = now_ms - v->shown_mono_ms,
        .reached_by = fallback                 ? PROOF_REACHED_SCHEDULE_FALLBACK
                      : page || v->shown_touch ? PROOF_REACHED_TOUCH
                                               : PROOF_REACHED_LOOP,
        .lang = v->record_langs[k],
    };
}

/* A new slide or page on screen ends the previous record and starts its own. */
static void record_track(struct view *v, int64_t now_ms, int64_t record_wall_ms)
{
    if (v->screen_off) { /* nothing is seen on a dark screen */
        record_end(v, now_ms);
        return;
    }
    size_t slide = v->playlist ? v->sched.current : SCHED_NONE;
    const char *lang = lang_tag(v);
    if (v->shown_valid && v->shown_generation == v->generation && v->shown_slide == slide &&
        v->shown_page == v->page && !strcmp(v->shown_lang, lang))
        return;
    record_end(v, now_ms);
    v->shown_valid = true;
    v->shown_generation = v->generation;
    v->shown_slide = slide;
    v->shown_page = v->page;
    v->shown_wall_ms = record_wall_ms;
    v->shown_mono_ms = now_ms;
    v->shown_touch = v->playlist && v->sched.manual_cut;
    v->shown_content = v->content;
    free(v->shown_id);
    v->shown_id = v->page != PLAYLIST_NO_PAGE ? xstrdup(v->playlist->pages[v->page].id)
                  : slide == SCHED_NONE       ? NULL
                                              : xstrdup(v->playlist->slides[slide].id);
    snprintf(v->shown_lang, sizeof v->shown_lang, "%s", lang);
}

/* ---- Fades ---- */

static void scene_of(const struct view *v, int64_t now_ms, struct view_scene *s);

/* What is on screen now becomes a picture that fades out over what comes next. */
static void fade_from_view(struct view *v, double seconds, int64_t now_ms)
{
    scene_of(v, now_ms, &v->fade_from);
    v->fade_from.pressed = -1;
    v->fade_serial++;
    v->fade_start_ms = now_ms;
    v->fade_s = seconds;
}

static float fade_alpha(const struct view *v, int64_t now_ms)
{
    if (v->fade_start_ms < 0)
        return 0;
    double p = (double)(now_ms - v->fade_start_ms) / (v->fade_s * 1000.0);
    return p >= 1.0 ? 0.0f : p <= 0 ? 1.0f : (float)(1.0 - p);
}

/* ---- Content ---- */

static void apply_idle_timeout(struct view *v)
{
    const struct playlist *pl = v->playlist;
    int64_t ms = pl && pl->interactive.idle_explicit
                     ? (int64_t)(pl->interactive.idle_seconds * 1000)
                     : v->config_idle_ms;
    v->idle.timeout_ms = ms;
}

static void install(struct view *v, struct playlist *pl, int64_t now_ms, time_t wall)
{
    if (v->playlist) {
        sched_free(&v->sched);
        bool fading = v->fade_start_ms >= 0 && (v->fade_from.playlist == v->playlist ||
                                                v->fade_from.playlist == view_access_shown(v));
        view_access_content_gone(v, fading);
        if (fading) {
            /* Its picture is still fading out: the fade's description points into it. */
            playlist_free(v->retired);
            free(v->retired_page_open);
            v->retired = v->playlist;
            v->retired_page_open = v->page_open;
            v->page_open = NULL;
        } else {
            playlist_free(v->playlist);
        }
    }
    free(v->page_open);
    v->page_open = NULL;
    v->playlist = pl;
    v->generation++;
    v->page = PLAYLIST_NO_PAGE;
    v->history_len = 0;
    v->lang_override = -1;
    v->hold_since_ms = -1;
    v->pressed = -1;
    v->wall_valid = false;
    apply_idle_timeout(v);
    if (!pl)
        return;
    v->page_open = xcalloc(pl->page_count ? pl->page_count : 1, sizeof(bool));
    sched_init(&v->sched, pl, now_ms);
    struct view_changes ignored = {0};
    look_at_schedules(v, wall, now_ms, &ignored);
    view_emergency_content_changed(v, now_ms);
    if (sched_clock_unset(&v->sched))
        LOG_WARN("the clock is not set (it says %lld): schedules are ignored, every slide plays",
                 (long long)wall);
}

void view_init(struct view *v, const struct view_options *o, struct playlist *pl,
               const struct view_content_id *id, int64_t now_ms, time_t wall)
{
    memset(v, 0, sizeof *v);
    v->page = PLAYLIST_NO_PAGE;
    v->lang_override = -1;
    v->hold_since_ms = -1;
    v->fade_start_ms = -1;
    v->pressed = -1;
    v->shown_slide = SCHED_NONE;
    v->shown_page = PLAYLIST_NO_PAGE;
    v->config_idle_ms = o->idle_timeout_ms;
    v->status_timeout_ms = o->status_timeout_ms;
    v->proof = o->proof;
    v->now_ms = now_ms;
    idle_init(&v->idle, o->idle_timeout_ms, now_ms);
    content_id_copy(&v->content, id);
    view_access_init(v, &o->access);
    install(v, pl, now_ms, wall);
}

void view_free(struct view *v)
{
    if (v->playlist)
        sched_free(&v->sched);
    playlist_free(v->playlist);
    playlist_free(v->pending);
    playlist_free(v->retired);
    free(v->retired_page_open);
    free(v->page_open);
    free(v->shown_id);
    view_access_free(v);
    view_emergency_free(v);
    memset(v, 0, sizeof *v);
}

void view_offer_content(struct view *v, struct playlist *pl, const struct view_content_id *id)
{
    playlist_free(v->pending);
    v->pending = pl;
    content_id_copy(&v->pending_id, id);
}

/* The index of the slide or page with this id in pl; SIZE_MAX when there is none. */
static size_t find_slide(const struct playlist *pl, const char *id)
{
    for (size_t i = 0; id && i < pl->slide_count; i++)
        if (!strcmp(pl->slides[i].id, id))
            return i;
    return SIZE_MAX;
}

static size_t find_page(const struct playlist *pl, const char *id)
{
    for (size_t i = 0; id && i < pl->page_count; i++)
        if (!strcmp(pl->pages[i].id, id))
            return i;
    return SIZE_MAX;
}

static void go_to_page(struct view *v, size_t page, bool remember, int64_t now_ms,
                       struct view_changes *out);

void view_reload_content(struct view *v, struct playlist *pl, int64_t now_ms,
                         struct view_changes *out)
{
    const struct playlist *old = v->playlist;
    char *slide_id = NULL, *page_id = NULL, *lang = NULL;
    if (old && v->sched.current != SCHED_NONE && v->sched.current < old->slide_count)
        slide_id = xstrdup(old->slides[v->sched.current].id);
    if (old && v->page != PLAYLIST_NO_PAGE && v->page < old->page_count)
        page_id = xstrdup(old->pages[v->page].id);
    if (old && v->lang_override >= 0 && (size_t)v->lang_override < old->language_count)
        lang = xstrdup(old->languages[v->lang_override]);
    record_end(v, now_ms);
    install(v, pl, now_ms, v->wall);
    out->redraw = out->slide_changed = true;
    size_t slide = find_slide(pl, slide_id), page = find_page(pl, page_id);
    if (slide != SIZE_MAX)
        sched_show(&v->sched, slide, now_ms);
    for (size_t i = 0; lang && i < pl->language_count; i++)
        if (!strcmp(pl->languages[i], lang))
            v->lang_override = (int)i;
    if (page != SIZE_MAX)
        go_to_page(v, page, false, now_ms, out);
    view_access_follow(v);
    if (slide_id || page_id)
        LOG_INFO("showing %s \"%s\" again after the reload", page_id ? "page" : "slide",
                 page_id ? page_id : slide_id);
    free(slide_id);
    free(page_id);
    free(lang);
}

/* Newly installed content replaces the show: the outgoing picture fades out over the new
 * content's first slide. The slide that was showing is recorded under the old version; from
 * here on every record names the new one. */
static void switch_to_pending(struct view *v, int64_t now_ms, struct view_changes *out)
{
    fade_from_view(v, VIEW_CONTENT_FADE_S, now_ms);
    record_end(v, now_ms);
    struct playlist *pl = v->pending;
    v->pending = NULL;
    v->content = v->pending_id;
    install(v, pl, now_ms, v->wall);
    if (pl && pl->slide_count) {
        const struct transition *t = &pl->slides[0].transition;
        v->fade_s =
            t->kind != TRANSITION_CUT && t->duration > 0 ? t->duration : VIEW_CONTENT_FADE_S;
    }
    out->content_switched = out->slide_changed = out->redraw = true;
}

/* ---- Navigation ---- */

static void step_slide(struct view *v, bool next, int64_t now_ms, struct view_changes *out)
{
    if (!v->playlist)
        return;
    if (next)
        sched_next(&v->sched, v->playlist, now_ms);
    else
        sched_prev(&v->sched, v->playlist, now_ms);
    v->hold_since_ms = -1;
    out->redraw = out->slide_changed = true;
}

static void go_to_page(struct view *v, size_t page, bool remember, int64_t now_ms,
                       struct view_changes *out)
{
    struct playlist *pl = v->playlist;
    if (!pl || page >= pl->page_count || page == v->page || !page_open(v, page))
        return;
    fade_from_view(v, VIEW_FADE_S, now_ms);
    if (remember) {
        /* A long wander forgets its oldest steps, never the latest. */
        if (v->history_len == VIEW_HISTORY_MAX) {
            memmove(v->history, v->history + 1, (VIEW_HISTORY_MAX - 1) * sizeof v->history[0]);
            v->history_len--;
        }
        v->history[v->history_len++] = v->page;
    }
    if (v->page == PLAYLIST_NO_PAGE) /* the show waits where it was */
        sched_pause(&v->sched, true, now_ms);
    v->page = page;
    v->pressed = -1;
    LOG_DBG("page \"%s\"", pl->pages[page].id);
    out->redraw = out->page_changed = true;
}

/* Back to the slide loop, where it was; with `reset_language`, in the show's own languages. */
static void go_home(struct view *v, bool reset_language, int64_t now_ms, struct view_changes *out)
{
    if (v->page == PLAYLIST_NO_PAGE && (!reset_language || v->lang_override < 0))
        return;
    fade_from_view(v, v->page == PLAYLIST_NO_PAGE ? VIEW_FADE_S : VIEW_HOME_FADE_S, now_ms);
    /* The show goes on where it was, unless a resident paused it in accessible mode. */
    if (v->page != PLAYLIST_NO_PAGE && v->playlist && !v->screen_off && !v->access.paused)
        sched_pause(&v->sched, false, now_ms);
    v->page = PLAYLIST_NO_PAGE;
    v->history_len = 0;
    v->pressed = -1;
    if (reset_language)
        v->lang_override = -1;
    out->redraw = true;
}

void view_fade_from(struct view *v, double seconds, int64_t now_ms)
{
    fade_from_view(v, seconds, now_ms);
}

void view_leave_page(struct view *v, int64_t now_ms)
{
    struct view_changes ignored = {0};
    view_access_leave(v, now_ms, &ignored);
    go_home(v, true, now_ms, &ignored);
    v->fade_start_ms = -1; /* no fade: what comes next is shown at once */
}

static void go_back(struct view *v, int64_t now_ms, struct view_changes *out)
{
    if (v->history_len == 0 || v->history[v->history_len - 1] == PLAYLIST_NO_PAGE) {
        go_home(v, false, now_ms, out);
        return;
    }
    go_to_page(v, v->history[--v->history_len], false, now_ms, out);
}

static void set_language(struct view *v, size_t lang, int64_t now_ms, struct view_changes *out)
{
    if (!v->playlist || lang >= v->playlist->language_count || (int)lang == v->lang_override)
        return;
    fade_from_view(v, VIEW_FADE_S, now_ms);
    v->lang_override = (int)lang;
    LOG_DBG("language %s", v->playlist->languages[lang]);
    out->redraw = true;
}

/* Next or previous page in the playlist's order, round the end, skipping the home page (it is
 * the index, reached by its own buttons) and pages outside their schedules. */
static void step_page(struct view *v, int step, int64_t now_ms, struct view_changes *out)
{
    size_t n = v->playlist->page_count, p = v->page;
    for (size_t k = 1; k < n; k++) {
        p = (p + (step > 0 ? 1 : n - 1)) % n;
        if (p != v->playlist->interactive.home && page_open(v, p)) {
            go_to_page(v, p, true, now_ms, out);
            return;
        }
    }
}

const struct button *view_buttons(const struct view *v, const struct page **page, size_t *count)
{
    *page = NULL;
    *count = 0;
    if (!v->playlist || v->status_open || v->emergency.on)
        return NULL;
    if (v->page != PLAYLIST_NO_PAGE) {
        *page = &v->playlist->pages[v->page];
        *count = (*page)->button_count;
        return (*page)->buttons;
    }
    if (v->sched.current == SCHED_NONE)
        return NULL;
    const struct slide *s = &v->playlist->slides[v->sched.current];
    *count = s->button_count;
    return s->buttons;
}

bool view_button_visible(const struct view *v, const struct button *b)
{
    return b->action != BUTTON_ACTION_PAGE || page_open(v, b->target);
}

static void press_button(struct view *v, int index, int64_t now_ms, struct view_changes *out)
{
    const struct page *page;
    size_t count;
    const struct button *buttons = view_buttons(v, &page, &count);
    if (!buttons || index < 0 || (size_t)index >= count)
        return;
    const struct button *b = &buttons[index];
    if (!view_button_visible(v, b))
        return;
    switch (b->action) {
    case BUTTON_ACTION_PAGE:
        go_to_page(v, b->target, true, now_ms, out);
        break;
    case BUTTON_ACTION_BACK:
        go_back(v, now_ms, out);
        break;
    case BUTTON_ACTION_HOME:
        go_home(v, false, now_ms, out);
        break;
    case BUTTON_ACTION_LANGUAGE:
        set_language(v, b->target, now_ms, out);
        break;
    case BUTTON_ACTION_NEXT:
    case BUTTON_ACTION_PREV:
        if (page)
            step_page(v, b->action == BUTTON_ACTION_NEXT ? 1 : -1, now_ms, out);
        else
            step_slide(v, b->action == BUTTON_ACTION_NEXT, now_ms, out);
        break;
    }
}

void view_set_status(struct view *v, bool open, int64_t now_ms)
{
    if (v->status_open == open)
        return;
    v->status_open = open;
    if (open) {
        LOG_INFO("staff status page opened");
        idle_init(&v->status_timer, v->status_timeout_ms, now_ms);
    }
}

void view_action(struct view *v, const struct action *act, int64_t now_ms, struct view_changes *out)
{
    LOG_DBG("action %s", action_name(act->kind));
    /* In an emergency nothing on screen answers a touch; staff can still see the status page. */
    if (v->emergency.on && act->kind != ACTION_STAFF_STATUS &&
        !(v->status_open && (act->kind == ACTION_BACK || act->kind == ACTION_HOME)))
        return;
    switch (act->kind) {
    case ACTION_NEXT:
    case ACTION_PREV:
        /* Already in reading order: a swipe towards the start edge is "next". */
        if (!v->playlist || v->status_open)
            break;
        if (v->page != PLAYLIST_NO_PAGE)
            step_page(v, act->kind == ACTION_NEXT ? 1 : -1, now_ms, out);
        else
            step_slide(v, act->kind == ACTION_NEXT, now_ms, out);
        break;
    case ACTION_OPEN_HOME:
        if (v->playlist && v->playlist->interactive.home != PLAYLIST_NO_PAGE)
            go_to_page(v, v->playlist->interactive.home, true, now_ms, out);
        break;
    case ACTION_ACTIVATE:
        press_button(v, act->button, now_ms, out);
        break;
    case ACTION_ACCESS:
        view_access_control(v, act->button, now_ms, out);
        break;
    case ACTION_STAFF_STATUS:
        view_set_status(v, true, now_ms);
        out->redraw = true;
        break;
    case ACTION_BACK:
    case ACTION_HOME:
        if (v->status_open)
            view_set_status(v, false, now_ms);
        else if (act->kind == ACTION_BACK)
            go_back(v, now_ms, out);
        else
            go_home(v, false, now_ms, out);
        out->redraw = true;
        break;
    default:
        break;
    }
    view_access_follow(v);
}

void view_navigate(struct view *v, int visual_dir, int64_t now_ms, struct view_changes *out)
{
    if (!v->playlist || v->emergency.on)
        return;
    /* Keys follow what the viewer sees: in a right-to-left show the next slide lies to the
     * left. */
    step_slide(v, v->playlist->rtl ? visual_dir < 0 : visual_dir > 0, now_ms, out);
}

void view_toggle_pause(struct view *v, int64_t now_ms)
{
    if (!v->playlist)
        return;
    bool p = !sched_paused(&v->sched);
    sched_pause(&v->sched, p, now_ms);
    LOG_INFO("%s", p ? "paused" : "playing");
}

void view_activity(struct view *v, int64_t now_ms)
{
    idle_activity(&v->idle, now_ms);
    if (v->status_open)
        idle_activity(&v->status_timer, now_ms);
}

void view_set_press(struct view *v, int button)
{
    v->pressed = button;
}

void view_screen_power(struct view *v, bool off, int64_t now_ms, struct view_changes *out)
{
    if (off == v->screen_off)
        return;
    if (off) {
        view_access_leave(v, now_ms, out);
        go_home(v, true, now_ms, out);
    }
    v->screen_off = off;
    /* In an emergency the show stays paused whatever the screen's schedule does. */
    if (v->playlist && !v->emergency.on)
        sched_pause(&v->sched, off, now_ms);
    if (off)
        record_end(v, now_ms);
    out->redraw = true;
}

/* ---- The loop's clock ---- */

/* Marks a slide whose pictures failed as unplayable, with the reason in the log. */
static void check_failure(struct view *v, size_t i, enum view_media_state st, const char *err,
                          int64_t now_ms, struct view_changes *out)
{
    if (st != VIEW_MEDIA_FAILED)
        return;
    LOG_ERR("slide \"%s\" skipped: %s", v->playlist->slides[i].id, err ? err : "image failed");
    sched_set_playable(&v->sched, v->playlist, i, false, now_ms);
    if (v->sched.current == SCHED_NONE)
        LOG_ERR("nothing in the playlist can be shown; showing the built-in slide");
    out->redraw = out->slide_changed = true;
}

static enum view_media_state media_state(const struct view_media *m, const struct playlist *pl,
                                         size_t i, const char **err)
{
    *err = NULL;
    return m && m->slide ? m->slide(m->data, pl, i, err) : VIEW_MEDIA_READY;
}

/* True while a due change may still wait for its picture. */
static bool hold(struct view *v, int64_t now_ms)
{
    if (v->hold_since_ms < 0)
        v->hold_since_ms = now_ms;
    return now_ms - v->hold_since_ms < VIEW_HOLD_LIMIT_MS;
}

/* Pending content takes over at the end of the current slide, once its first picture is in. */
static void tick_pending(struct view *v, int64_t now_ms, const struct view_media *media,
                         struct view_changes *out)
{
    bool showing = v->playlist && v->sched.current != SCHED_NONE;
    if (showing && sched_ms_until_due(&v->sched, v->playlist, now_ms) != 0)
        return;
    const char *err;
    if (v->pending->slide_count && media_state(media, v->pending, 0, &err) == VIEW_MEDIA_PENDING &&
        hold(v, now_ms))
        return;
    v->hold_since_ms = -1;
    switch_to_pending(v, now_ms, out);
}

static void tick_slides(struct view *v, int64_t now_ms, const struct view_media *media,
                        struct view_changes *out)
{
    struct playlist *pl = v->playlist;
    const char *err;
    size_t cur = v->sched.current;
    enum view_media_state cur_state = media_state(media, pl, cur, &err);
    check_failure(v, cur, cur_state, err, now_ms, out);
    if (v->sched.current == SCHED_NONE || sched_ms_until_due(&v->sched, pl, now_ms) != 0)
        return;
    size_t next = sched_following(&v->sched, v->sched.current);
    enum view_media_state st =
        next == SCHED_NONE ? VIEW_MEDIA_READY : media_state(media, pl, next, &err);
    if (st == VIEW_MEDIA_FAILED) {
        check_failure(v, next, st, err, now_ms, out);
        return;
    }
    if (st == VIEW_MEDIA_PENDING) {
        if (hold(v, now_ms))
            return; /* the loader's event wakes the loop when it is ready */
        LOG_WARN("slide \"%s\" is still loading after %d s; moving on", pl->slides[next].id,
                 VIEW_HOLD_LIMIT_MS / 1000);
    }
    bool held = v->hold_since_ms >= 0 && now_ms - v->hold_since_ms > 100;
    v->hold_since_ms = -1;
    if (sched_tick(&v->sched, pl, now_ms)) {
        if (held)
            sched_restart_current(&v->sched, now_ms);
        LOG_DBG("slide %zu \"%s\"", v->sched.current, pl->slides[v->sched.current].id);
        out->redraw = out->slide_changed = true;
    }
}

void view_tick(struct view *v, int64_t now_ms, time_t wall, int64_t record_wall_ms,
               const struct view_media *media, struct view_changes *out)
{
    v->now_ms = now_ms;
    v->wall = wall;
    if (v->fade_start_ms >= 0 && fade_alpha(v, now_ms) <= 0) {
        v->fade_start_ms = -1;
        v->fade_from = (struct view_scene){0};
        playlist_free(v->retired);
        free(v->retired_page_open);
        v->retired = NULL;
        v->retired_page_open = NULL;
        view_access_fade_over(v);
        out->redraw = true;
    }
    if (v->status_open && idle_due(&v->status_timer, now_ms)) {
        LOG_INFO("staff status page closed after %lld s", (long long)(v->status_timeout_ms / 1000));
        view_set_status(v, false, now_ms);
        out->redraw = true;
    }
    if (view_emergency_tick(v, now_ms, media, out))
        return; /* the show, its schedules and its records wait */
    /* Nobody there any more: back to the slides in the show's own language. */
    if (view_away_from_loop(v) && idle_due(&v->idle, now_ms)) {
        LOG_INFO("no touch for %lld s: back to the slides", (long long)(v->idle.timeout_ms / 1000));
        view_access_leave(v, now_ms, out);
        go_home(v, true, now_ms, out);
    }
    if (!v->screen_off) {
        if (v->pending) {
            tick_pending(v, now_ms, media, out);
        } else {
            if (v->playlist && wall_due(v, wall)) {
                look_at_schedules(v, wall, now_ms, out);
                if (v->page != PLAYLIST_NO_PAGE && !page_open(v, v->page)) {
                    LOG_INFO("page \"%s\" is outside its schedule now: back to the slides",
                             v->playlist->pages[v->page].id);
                    go_home(v, false, now_ms, out);
                }
            }
            v->wall_last = wall;
            if (v->playlist && v->sched.current != SCHED_NONE)
                tick_slides(v, now_ms, media, out);
        }
    }
    view_access_follow(v);
    record_track(v, now_ms, record_wall_ms);
}

/* ---- What the frame shows ---- */

size_t view_language(const struct view *v)
{
    const struct playlist *pl = v->playlist;
    if (!pl || pl->language_count == 0)
        return 0;
    if (v->lang_override >= 0 && (size_t)v->lang_override < pl->language_count)
        return (size_t)v->lang_override;
    return sched_language(&v->sched, pl);
}

const char *view_language_tag(const struct view *v)
{
    return lang_tag(v);
}

bool view_away_from_loop(const struct view *v)
{
    return v->page != PLAYLIST_NO_PAGE || v->lang_override >= 0 || v->access.on;
}

struct action_context view_action_context(const struct view *v)
{
    struct action_context ctx = {.view = v->status_open                ? ACTION_VIEW_STATUS
                                         : v->page != PLAYLIST_NO_PAGE ? ACTION_VIEW_PAGE
                                                                       : ACTION_VIEW_LOOP};
    const struct playlist *pl = v->playlist;
    if (pl && pl->language_count > 0)
        ctx.rtl = lang_is_rtl(pl->languages[view_language(v)]);
    ctx.touch_opens_home =
        pl && pl->interactive.touch_opens_home && pl->interactive.home != PLAYLIST_NO_PAGE;
    return ctx;
}

static void scene_of(const struct view *v, int64_t now_ms, struct view_scene *s)
{
    if (view_emergency_scene(v, now_ms, s))
        return;
    const struct playlist *pl = v->playlist;
    *s = (struct view_scene){.playlist = view_access_shown(v),
                             .page = PLAYLIST_NO_PAGE,
                             .wall = v->wall,
                             .pressed = v->pressed,
                             .page_open = v->page_open,
                             .slide = {.slide = SCHED_NONE, .from = SCHED_NONE, .progress = 1}};
    if (!pl)
        return;
    s->slide = sched_frame(&v->sched, pl, now_ms);
    s->slide.slide = view_access_slide(v, s->slide.slide);
    if (pl->language_count > 0) {
        s->lang = pl->languages[view_language(v)];
        s->from_lang =
            v->lang_override >= 0 ? s->lang : pl->languages[sched_from_language(&v->sched, pl)];
    }
    if (v->page != PLAYLIST_NO_PAGE) {
        s->page = view_access_page(v);
        s->mirrored = page_mirrored(pl, &pl->pages[v->page], s->lang);
    }
    view_access_scene_of(v, &s->access);
}

void view_frame(const struct view *v, int64_t now_ms, struct view_frame *out)
{
    memset(out, 0, sizeof *out);
    scene_of(v, now_ms, &out->scene);
    if (v->status_open)
        out->scene.pressed = -1;
    out->fade_from = v->fade_from;
    out->fade_serial = v->fade_serial;
    out->fade_alpha = fade_alpha(v, now_ms);
    out->status_open = v->status_open;
    out->screen_off = v->screen_off && !v->emergency.on; /* an emergency lights the screen */
    /* Still: a page, or a dark screen over the paused show; a transition or a fade moves. */
    out->animating = out->fade_alpha > 0 || (out->scene.page == PLAYLIST_NO_PAGE &&
                                             !out->screen_off && out->scene.slide.animating);
}

int64_t view_ms_until_due(const struct view *v, int64_t now_ms, time_t wall)
{
    int64_t t = -1;
#define EARLIER(x)                                                                                 \
    do {                                                                                           \
        int64_t x_ = (x);                                                                          \
        if (x_ >= 0 && (t < 0 || x_ < t))                                                          \
            t = x_;                                                                                \
    } while (0)
    if (v->emergency.on) {
        EARLIER(view_emergency_ms_until_due(v, now_ms));
        if (v->status_open)
            EARLIER(idle_ms_until_due(&v->status_timer, now_ms));
        return t;
    }
    if (v->playlist && v->hold_since_ms < 0 && !v->screen_off)
        EARLIER(sched_ms_until_due(&v->sched, v->playlist, now_ms));
    if (v->playlist && !v->screen_off)
        EARLIER(v->wall_valid ? ((int64_t)(v->wall_next - wall)) * 1000 + 50 : 0);
    if (view_away_from_loop(v))
        EARLIER(idle_ms_until_due(&v->idle, now_ms));
    if (v->status_open)
        EARLIER(idle_ms_until_due(&v->status_timer, now_ms));
#undef EARLIER
    return t;
}

void view_status(const struct view *v, struct view_status *out)
{
    const struct playlist *pl = v->playlist;
    *out = (struct view_status){
        .playlist_name = pl ? pl->name : NULL,
        .version = v->content.version,
        .group = v->content.group,
        .clock_unset = pl && sched_clock_unset(&v->sched),
        .screen_off = v->screen_off,
        .pending = v->pending != NULL,
        .emergency = v->emergency.on,
        .emergency_since_wall_ms = v->emergency.since_wall_ms,
        .emergency_why = v->emergency.on ? v->emergency.why : NULL,
    };
    if (pl && v->page != PLAYLIST_NO_PAGE)
        out->shown = pl->pages[v->page].id;
    else if (pl && v->sched.current != SCHED_NONE)
        out->shown = pl->slides[v->sched.current].id;
}

void view_end_record(struct view *v, int64_t now_ms)
{
    record_end(v, now_ms);
    view_emergency_end_record(v, now_ms);
}

size_t view_take_records(struct view *v, const struct proof_record **out)
{
    size_t n = v->record_count;
    *out = v->records;
    v->record_count = 0;
    return n;
}
