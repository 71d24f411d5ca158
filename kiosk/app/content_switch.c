#define LOG_MODULE "app"
/* Which content plays, and what follows a change of it (app_internal.h). */
#include <stdlib.h>
#include <string.h>

#include "app/app_internal.h"
#include "app/content.h"
#include "base/clock.h"
#include "base/file.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "render/fit.h"
#include "text/glyph_atlas.h"
#include "text/layout.h"

void app_update_area(struct app *a)
{
    const struct playlist *pl = a->view.playlist;
    display_output_size(&a->display, &a->out_w, &a->out_h);
    int dw = pl ? pl->width : a->out_w;
    int dh = pl ? pl->height : a->out_h;
    struct letterbox lb = fit_letterbox(dw, dh, a->out_w, a->out_h);
    a->area = (SDL_Rect){lb.x, lb.y, lb.w, lb.h};
    a->redraw = true;
}

/* The content rectangle of pl on this output (pending content's design size may differ). */
static SDL_Rect area_for(const struct app *a, const struct playlist *pl)
{
    struct letterbox lb = fit_letterbox(pl->width, pl->height, a->out_w, a->out_h);
    return (SDL_Rect){lb.x, lb.y, lb.w, lb.h};
}

enum view_media_state app_media_slide(void *data, const struct playlist *pl, size_t i,
                                      const char **error)
{
    struct app *a = data;
    SDL_Rect r = area_for(a, pl);
    switch (compositor_slide_media(a->compositor, &pl->slides[i], r.w, r.h, false, error)) {
    case TEXTURE_READY:
        return VIEW_MEDIA_READY;
    case TEXTURE_PENDING:
        return VIEW_MEDIA_PENDING;
    default:
        return VIEW_MEDIA_FAILED;
    }
}

/* Queues the current slide's picture (pending content: its first slide's) and, with `next`, the
 * following slide's. */
static void touch_needed(struct app *a, bool next)
{
    const struct view *v = &a->view;
    const char *err;
    if (v->pending && v->pending->slide_count) {
        SDL_Rect r = area_for(a, v->pending);
        compositor_slide_media(a->compositor, &v->pending->slides[0], r.w, r.h, true, &err);
    }
    if (!v->playlist || v->sched.current == SCHED_NONE)
        return;
    compositor_slide_media(a->compositor, &v->playlist->slides[v->sched.current], a->area.w,
                           a->area.h, false, &err);
    if (v->pending || !next)
        return;
    size_t following = sched_following(&v->sched, v->sched.current);
    if (following != SCHED_NONE && following != v->sched.current)
        compositor_slide_media(a->compositor, &v->playlist->slides[following], a->area.w, a->area.h,
                               true, &err);
}

void app_prefetch(struct app *a)
{
    /* Not the next slide's yet: a transition into this one may be starting, and with the cache
     * at capacity the next picture's entry would push out the outgoing slide's picture that the
     * transition still draws (a black crossfade, and both pictures decoded again). */
    touch_needed(a, false);
    a->trim_textures = true;
}

void app_trim_textures(struct app *a)
{
    a->trim_textures = false;
    const struct view *v = &a->view;
    /* A page, emergency slides or accessible mode's copy of the playlist on screen keep what
     * they show: only the plain loop's needs are named and the rest let go. */
    bool plain =
        v->page == PLAYLIST_NO_PAGE && !view_emergency_on(v) && view_access_shown(v) == v->playlist;
    uint64_t mark = texture_cache_mark(a->cache);
    touch_needed(a, true);
    if (plain)
        texture_cache_drop_untouched(a->cache, mark, a->opts->config.texture_cache_size - 2);
}

/* The text engine and the glyph atlas (16 MB of texture) exist only once a playlist has text,
 * or a notice is shown. */
void app_ensure_text_engine(struct app *a)
{
    if (a->atlas)
        return;
    if (!a->text)
        a->text = text_engine_create(font_set_default_dir());
    if (a->text)
        a->atlas = glyph_atlas_create(a->display.renderer, text_engine_fonts(a->text), 2048);
    if (!a->text || !a->atlas)
        LOG_ERR("fonts in %s could not be loaded: slides will show no text",
                font_set_default_dir());
    struct text_blocks_context ctx = {
        .engine = a->text, .atlas = a->atlas, .outline_overflow = !a->opts->fullscreen};
    compositor_set_text(a->compositor, &ctx);
}

/* Buttons and QR captions are text too. */
static bool slide_has_text(const struct slide *s)
{
    return s->text_count > 0 || s->button_count > 0 || s->qr_count > 0;
}

void app_ensure_text(struct app *a, const struct playlist *pl)
{
    if (a->atlas || !pl)
        return;
    /* Pages almost always have some. */
    bool any = pl->page_count > 0;
    for (size_t i = 0; i < pl->slide_count; i++)
        any |= slide_has_text(&pl->slides[i]);
    if (any)
        app_ensure_text_engine(a);
}

void app_ensure_text_first(struct app *a, const struct playlist *pl, size_t first)
{
    if (pl && first < pl->slide_count && slide_has_text(&pl->slides[first]))
        app_ensure_text_engine(a);
}

void app_check_text_once(struct app *a)
{
    if (a->text_checked || !a->view.playlist || !a->text)
        return;
    a->text_checked = true;
    struct diag_list diags = {0};
    content_check_text(a->view.playlist, a->text, DIAG_WARNING, &diags);
    diag_print(&diags, stderr);
    diag_list_clear(&diags);
}

void app_set_content_dir(struct app *a, const char *dir)
{
    char *copy = xstrdup(dir);
    free(a->content_dir);
    free(a->playlist_file);
    a->content_dir = copy;
    a->playlist_file = file_join(dir, "playlist.json");
}

/* The first load skips the text checks: they lay out every block in every language, which
 * would delay the first picture; they run right after it (app_check_text_once). */
static struct playlist *load_content(const struct app *a, const char *dir)
{
    struct diag_list diags = {0};
    struct playlist *pl =
        content_load(dir, a->opts->config.max_image_pixels, NULL, CONTENT_TEXT_SKIP, &diags);
    diag_print(&diags, stderr);
    diag_list_clear(&diags);
    return pl;
}

struct playlist *app_load_initial(struct app *a)
{
    app_set_content_dir(a, updates_startup_dir(a->updates));
    struct playlist *pl = load_content(a, a->content_dir);
    while (!pl) {
        const char *previous = updates_fall_back(a->updates, a->content_dir);
        if (!previous)
            break;
        app_set_content_dir(a, previous);
        pl = load_content(a, a->content_dir);
    }
    if (!pl)
        LOG_ERR("%s: the playlist has errors; showing the built-in slide until it is fixed",
                a->content_dir);
    return pl;
}

/* What follows content newly playing: its fonts, its size on this output, the files watched. */
static void content_playing(struct app *a)
{
    const struct playlist *pl = a->view.playlist;
    app_ensure_text(a, pl);
    watch_free(&a->watch);
    watch_init(&a->watch, a->playlist_file, pl);
    a->text_checked = false; /* checked after the next picture, as at start-up */
    app_update_area(a);
    if (pl)
        LOG_INFO("playing \"%s\": %zu slides, %dx%d%s", pl->name, pl->slide_count, pl->width,
                 pl->height, pl->rtl ? ", right to left" : "");
}

/* A save in the preview: the new playlist shows the slide or page being edited. */
void app_reload(struct app *a)
{
    struct playlist *pl = load_content(a, a->content_dir);
    if (!pl) {
        LOG_ERR("%s: not reloaded; the last good playlist keeps playing", a->content_dir);
        /* Keep watching the same files: the next save may fix it. */
        return;
    }
    LOG_INFO("%s: reloaded", a->content_dir);
    struct view_changes ch = {0};
    view_reload_content(&a->view, pl, clock_now_ms(), &ch);
    content_playing(a);
    app_view_changed(a, &ch);
}

/* A newly installed version: loaded now (the importer checked it as `kiosk check` does) and
 * shown from the end of the current slide. */
void app_take_installed(struct app *a)
{
    struct install_info info;
    if (!updates_take_installed(a->updates, &info))
        return;
    struct playlist *pl = load_content(a, info.content_dir);
    if (!pl) {
        LOG_ERR("version %llu was installed but does not load here; the show goes on",
                (unsigned long long)info.version);
        return;
    }
    struct view_content_id id = {.version = info.version};
    snprintf(id.group, sizeof id.group, "%s", info.group);
    view_offer_content(&a->view, pl, &id);
    free(a->pending_dir);
    a->pending_dir = xstrdup(info.content_dir);
    a->pending_info = info;
    LOG_INFO("version %llu of group \"%s\" installed; it plays from the next slide",
             (unsigned long long)info.version, info.group);
    app_ensure_text(a, pl);
    app_prefetch(a);
    a->redraw = true;
}

void app_view_changed(struct app *a, const struct view_changes *ch)
{
    struct view_frame f;
    view_frame(&a->view, clock_now_ms(), &f);
    /* The picture to fade out of is taken now, in the area it was shown in: a new content's
     * area may differ. */
    if (f.fade_serial != a->fade_taken) {
        a->fade_taken = f.fade_serial;
        compositor_release_snapshot(a->compositor);
        a->fade_snapshot =
            f.fade_alpha > 0 && compositor_snapshot(a->compositor, &f.fade_from, a->area);
        a->fade_area = a->area;
    }
    if (ch->content_switched) {
        /* From here on the status page and every proof record name the new version; the
         * slide that was showing was recorded under the old one (view_tick). */
        app_set_content_dir(a, a->pending_dir);
        free(a->pending_dir);
        a->pending_dir = NULL;
        updates_set_playing(a->updates, &a->pending_info);
        content_playing(a);
        LOG_INFO("now playing the new content from %s", a->content_dir);
    }
    if (ch->page_changed && a->view.page != PLAYLIST_NO_PAGE) {
        const char *err;
        compositor_page_media(a->compositor, &a->view.playlist->pages[a->view.page], a->area.w,
                              a->area.h, false, &err);
    }
    if (ch->slide_changed || ch->content_switched)
        app_prefetch(a);
    if (ch->redraw || ch->content_switched)
        a->redraw = true;
    app_access_follow(a);
    app_proof_write(a);
}

/* Where records go: the settings' proof_dir, or STATE/proof for the service's player. */
void app_proof_open(struct app *a)
{
    const struct config *cfg = &a->opts->config;
    if (!strcmp(cfg->proof_dir, "off"))
        return;
    char *dir = cfg->proof_dir[0]             ? xstrdup(cfg->proof_dir)
                : updates_managed(a->updates) ? file_join(cfg->state_dir, "proof")
                                              : NULL;
    if (!dir)
        return;
    a->proof = proof_writer_open(dir, NULL);
    LOG_INFO("proof of play: %s", dir);
    free(dir);
}

/* The records the view model ended since the last call, onto disk. */
void app_proof_write(struct app *a)
{
    const struct proof_record *r;
    size_t n = view_take_records(&a->view, &r);
    for (size_t i = 0; a->proof && i < n; i++)
        proof_writer_add(a->proof, &r[i]);
}

/* A signed bundle asked for the proof-of-play records: written out now, then copied onto the
 * stick by the root helper (packaging/mount-stick export-all), never by the player. */
void app_request_export(struct app *a)
{
    char name[64];
    if (!updates_take_export_request(a->updates, name, sizeof name))
        return;
    if (!a->proof) {
        LOG_WARN("the bundle on stick %s asks for the proof-of-play records, but this kiosk does "
                 "not record them (proof_dir)",
                 name);
        return;
    }
    proof_writer_flush(a->proof);
    updates_request_export(a->updates, name);
    a->redraw = true;
}
