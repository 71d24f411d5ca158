#define LOG_MODULE "view"
#include "view/accessible.h"

#include <string.h>

#include "base/log.h"
#include "view/view.h"

/* The controls' order, as access/relayout.h numbers them (kept apart so that the view needs no
 * text engine). */
enum { TOGGLE, PAUSE, PLAY, REPEAT, QUIETER, LOUDER, EARLIER, LATER };

void view_access_init(struct view *v, const struct view_access_options *o)
{
    struct view_access *a = &v->access;
    memset(a, 0, sizeof *a);
    a->volume = VIEW_VOLUME_DEFAULT;
    if (o)
        a->builder = o->builder;
}

static void release(struct view_access *a, struct playlist **copy)
{
    if (*copy && a->builder.release)
        a->builder.release(a->builder.data, *copy);
    *copy = NULL;
}

void view_access_free(struct view *v)
{
    release(&v->access, &v->access.copy);
    release(&v->access, &v->access.retired);
}

void view_access_content_gone(struct view *v, bool fading)
{
    struct view_access *a = &v->access;
    if (fading) {
        release(a, &a->retired);
        a->retired = a->copy;
        a->copy = NULL;
    } else {
        release(a, &a->copy);
    }
    a->copy_of = NULL;
    a->speech_path = NULL;
    a->speech_serial++;
}

void view_access_fade_over(struct view *v)
{
    release(&v->access, &v->access.retired);
}

/* The copy of the content playing now, made when first needed. */
static void ensure_copy(struct view *v)
{
    struct view_access *a = &v->access;
    if (!v->playlist || !a->builder.build || (a->copy && a->copy_of == v->playlist))
        return;
    release(a, &a->copy);
    a->copy = a->builder.build(a->builder.data, v->playlist);
    a->copy_of = v->playlist;
}

const struct playlist *view_access_shown(const struct view *v)
{
    const struct view_access *a = &v->access;
    if (a->on && a->copy && a->copy_of == v->playlist)
        return a->copy;
    return v->playlist;
}

const char *view_access_clip(const struct playlist *pl, size_t page, const char *lang)
{
    if (!pl || page >= pl->page_count || !lang)
        return NULL;
    const struct page *p = &pl->pages[page];
    for (size_t i = 0; i < p->speech_count; i++)
        if (!strcmp(p->speech[i].lang, lang))
            return p->speech[i].path;
    return NULL;
}

static void speak(struct view *v, const char *path)
{
    struct view_access *a = &v->access;
    a->speech_path = path;
    a->speech_page = v->page;
    a->speech_lang = view_language(v);
    a->speech_serial++;
}

/* Moving content follows the resident's pause on the slide loop; on a page it is held anyway
 * (and stays held on the way back while paused: view.c's go_home). */
static void hold_loop(struct view *v, bool hold, int64_t now_ms)
{
    if (v->playlist && v->page == PLAYLIST_NO_PAGE && !v->screen_off)
        sched_pause(&v->sched, hold, now_ms);
}

void view_access_leave(struct view *v, int64_t now_ms, struct view_changes *out)
{
    struct view_access *a = &v->access;
    if (!a->on)
        return;
    a->on = false;
    a->toggles++;
    if (a->paused)
        hold_loop(v, false, now_ms);
    a->paused = false;
    if (a->speech_path)
        speak(v, NULL);
    LOG_INFO("accessible mode off");
    out->redraw = out->page_changed = true;
}

/* What the part shown belongs to: the page, or the loop's current slide (numbered apart from
 * the pages). */
static size_t part_key(const struct view *v)
{
    if (v->page != PLAYLIST_NO_PAGE)
        return v->page;
    return v->playlist && v->sched.current != SCHED_NONE ? PLAYLIST_NO_PAGE - 1 - v->sched.current
                                                         : PLAYLIST_NO_PAGE;
}

/* The copy was made from other content (it is remade at the next event). */
static bool copy_stale(const struct view *v)
{
    return v->access.copy_of != v->playlist;
}

/* The parts of the page or slide shown (1 without the copy). */
static size_t page_parts(const struct view *v)
{
    const struct view_access *a = &v->access;
    if (!a->on || !a->copy || copy_stale(v))
        return 1;
    if (v->page != PLAYLIST_NO_PAGE)
        return a->builder.parts ? a->builder.parts(a->copy, v->page) : 1;
    if (!v->playlist || v->sched.current == SCHED_NONE || !a->builder.slide_parts)
        return 1;
    return a->builder.slide_parts(a->copy, v->sched.current);
}

size_t view_access_page(const struct view *v)
{
    const struct view_access *a = &v->access;
    if (!a->on || !a->copy || copy_stale(v) || v->page == PLAYLIST_NO_PAGE ||
        !a->builder.part_page || a->part_of != part_key(v) || a->part == 0)
        return v->page;
    return a->builder.part_page(a->copy, v->page, a->part);
}

size_t view_access_slide(const struct view *v, size_t slide)
{
    const struct view_access *a = &v->access;
    if (!a->on || !a->copy || copy_stale(v) || v->page != PLAYLIST_NO_PAGE ||
        slide != v->sched.current || slide == SCHED_NONE || !a->builder.part_slide ||
        a->part_of != part_key(v) || a->part == 0)
        return slide;
    return a->builder.part_slide(a->copy, slide, a->part);
}

void view_access_control(struct view *v, int control, int64_t now_ms, struct view_changes *out)
{
    struct view_access *a = &v->access;
    if (!v->playlist || v->status_open || v->screen_off)
        return;
    if (control == TOGGLE) {
        if (a->on) {
            view_access_leave(v, now_ms, out);
            return;
        }
        ensure_copy(v);
        a->on = true;
        a->toggles++;
        LOG_INFO("accessible mode on");
        out->redraw = out->page_changed = true;
        return;
    }
    if (!a->on)
        return;
    const char *clip = view_access_clip(v->playlist, v->page, view_language_tag(v));
    switch (control) {
    case PAUSE:
        a->paused = !a->paused;
        hold_loop(v, a->paused, now_ms);
        LOG_INFO("moving content %s", a->paused ? "paused" : "resumed");
        break;
    case PLAY:
        if (a->speech_path)
            speak(v, NULL);
        else if (clip)
            speak(v, clip);
        break;
    case REPEAT:
        if (clip)
            speak(v, clip);
        break;
    case QUIETER:
        if (a->volume > 0)
            a->volume--;
        break;
    case LOUDER:
        if (a->volume < VIEW_VOLUME_MAX)
            a->volume++;
        break;
    case EARLIER:
    case LATER: {
        size_t parts = page_parts(v);
        if (control == EARLIER && a->part > 0)
            a->part--;
        else if (control == LATER && a->part + 1 < parts)
            a->part++;
        else
            return;
        a->part_of = part_key(v);
        out->page_changed = true;
        break;
    }
    default:
        return;
    }
    out->redraw = true;
}

void view_access_follow(struct view *v)
{
    struct view_access *a = &v->access;
    if (a->on)
        ensure_copy(v);
    /* Another page or slide starts at its first part. */
    if (a->part_of != part_key(v)) {
        a->part = 0;
        a->part_of = part_key(v);
    }
    if (a->speech_path &&
        (!a->on || v->page != a->speech_page || view_language(v) != a->speech_lang))
        speak(v, NULL);
}

void view_access_speech_ended(struct view *v)
{
    v->access.speech_path = NULL;
}

void view_access_scene_of(const struct view *v, struct view_access_scene *out)
{
    const struct view_access *a = &v->access;
    *out = (struct view_access_scene){
        .button = v->playlist && !v->status_open && !v->screen_off,
        .on = a->on,
        .paused = a->paused,
        .speaking = a->speech_path != NULL,
        .volume = a->volume,
        /* Without a zone, the lower half (access/reach.h's REACH_UNKNOWN_*). */
        .zone_top = 0.5f,
        .zone_bottom = 0.98f,
    };
    if (a->builder.zone && v->playlist)
        a->builder.zone(a->builder.data, v->playlist, &out->zone_top, &out->zone_bottom);
    out->speech = view_access_clip(v->playlist, v->page, view_language_tag(v)) != NULL && a->on;
    out->parts = page_parts(v);
    out->part = a->part_of == part_key(v) ? a->part : 0;
}
