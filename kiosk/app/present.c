#define LOG_MODULE "app"
/* What the frame shows: the view model's description drawn, and the hit regions rebuilt from
 * the same description, so a touch always meets what is seen (app_internal.h). */
#include <math.h>

#include "app/app_internal.h"
#include "base/clock.h"
#include "base/log.h"
#include "platform/service.h"
#include "render/interactive.h"
#include "render/text_blocks.h"

/* Frame pacing when the renderer has no vsync (software rendering, Xvfb): about 60 Hz. */
#define FRAME_INTERVAL_NS (1000000000 / 60)

void app_current_frame(struct app *a, struct view_frame *f)
{
    view_frame(&a->view, clock_now_ms(), f);
    const struct view_scene *s = &f->scene;
    const struct playlist *pl = s->playlist;
    a->video_playing = false;
    /* A page's clip plays on its own clock. A clip alone presents a frame when its next one is
     * due (app.c); with anything else moving every frame is presented anyway. */
    if (pl && s->page != PLAYLIST_NO_PAGE && !f->screen_off && pl->pages[s->page].has_video)
        a->video_playing = !f->animating;
    if (!pl || s->page != PLAYLIST_NO_PAGE || f->screen_off || s->slide.slide == SCHED_NONE ||
        sched_paused(&a->view.sched))
        return;
    /* Tickers keep a slide moving like a transition does. */
    const struct slide *cur = &pl->slides[s->slide.slide];
    bool clip =
        cur->has_video || (s->slide.from != SCHED_NONE && pl->slides[s->slide.from].has_video);
    if (text_blocks_animating(cur) ||
        (s->slide.from != SCHED_NONE && text_blocks_animating(&pl->slides[s->slide.from])))
        f->animating = true;
    a->video_playing = clip && !f->animating;
    /* A clock redraws when its minute turns. */
    if (text_blocks_has_clock(cur) && s->wall / 60 != a->shown_minute)
        a->redraw = true;
}

/* The buttons the frame shows, where they are on the output. */
static void rebuild_hits(struct app *a, const struct view_frame *f)
{
    hit_list_clear(&a->hits);
    const struct view_scene *s = &f->scene;
    const struct playlist *pl = s->playlist;
    if (!pl || f->status_open || f->screen_off)
        return;
    const struct page *page = NULL;
    const struct button *buttons;
    size_t count;
    if (s->page != PLAYLIST_NO_PAGE) {
        page = &pl->pages[s->page];
        buttons = page->buttons;
        count = page->button_count;
    } else if (s->slide.slide != SCHED_NONE) {
        buttons = pl->slides[s->slide.slide].buttons;
        count = pl->slides[s->slide.slide].button_count;
    } else {
        return;
    }
    for (size_t i = 0; i < count; i++) {
        if (!interactive_button_shown(pl, &buttons[i], s->page_open))
            continue;
        SDL_Rect r = interactive_button_rect(pl, page, &buttons[i], s->lang, a->area);
        hit_list_add(&a->hits, (int)i, (float)r.x, (float)r.y, (float)r.w, (float)r.h);
    }
    app_access_hits(a, f);
}

/* The facts of the staff status page, gathered when it is drawn. */
static void status_build_for(struct app *a, struct notice *out)
{
    struct view_status vs;
    view_status(&a->view, &vs);
    int64_t now = clock_now_ms();
    SDL_RendererInfo ri = {0};
    SDL_GetRendererInfo(a->display.renderer, &ri);
    struct status_facts f = {
        .playlist_name = vs.playlist_name,
        .content_dir = a->content_dir,
        .content_version = vs.version,
        .content_group = vs.group,
        .bad_note = updates_bad_note(a->updates),
        .trial_note = updates_trial_note(a->updates),
        .imports_enabled = updates_enabled(a->updates),
        .screen_group = a->opts->config.screen_group,
        .uptime_ms = now - a->started_ms,
        .state_dir = a->opts->config.state_dir,
        .video_driver = SDL_GetCurrentVideoDriver(),
        .renderer = ri.name,
        .screen_w = a->out_w,
        .screen_h = a->out_h,
        .px_per_mm = a->px_per_mm,
        .now = app_wall_now(a),
        .clock_unset = vs.clock_unset,
        .screen_power = a->power ? power_method_name(a->power) : NULL,
        .screen_off = vs.screen_off,
        .device_id = updates_device_id(a->updates),
        .emergency_why = vs.emergency_why,
        .emergency_since_wall_ms = vs.emergency_since_wall_ms,
    };
    struct video_player_stats video;
    video_player_stats(a->video, &video);
    f.video_decoder = video.decoder;
    f.video_note = video.note;
    f.video_frames = video.shown;
    f.video_dropped = video.dropped;
    f.has_import = updates_last_result(a->updates, now, &f.last_import, &f.import_ago_ms);
    char inbox[512];
    if (updates_inbox_line(a->updates, inbox, sizeof inbox))
        f.inbox_line = inbox;
    status_build(&f, &a->status_text, out);
}

/* Press feedback: a ring under the finger from the first frame after it touches, so a
 * resident sees the kiosk felt it even where nothing is to be pressed. */
static void draw_press(struct app *a)
{
    const struct input_press *p = &a->input.press;
    if (!p->active)
        return;
    enum { SEGMENTS = 48 };
    float r_out = (float)(a->px_per_mm * 7), r_in = r_out * 0.75f;
    SDL_Vertex v[SEGMENTS * 2];
    int idx[SEGMENTS * 6];
    SDL_Color col = {255, 255, 255, 150};
    for (int i = 0; i < SEGMENTS; i++) {
        float t = (float)i / SEGMENTS * 2 * (float)M_PI;
        v[2 * i] = (SDL_Vertex){{p->x + r_out * cosf(t), p->y + r_out * sinf(t)}, col, {0, 0}};
        v[2 * i + 1] = (SDL_Vertex){{p->x + r_in * cosf(t), p->y + r_in * sinf(t)}, col, {0, 0}};
        int j = (i + 1) % SEGMENTS, *q = &idx[i * 6];
        q[0] = 2 * i, q[1] = 2 * j, q[2] = 2 * i + 1;
        q[3] = 2 * i + 1, q[4] = 2 * j, q[5] = 2 * j + 1;
    }
    SDL_SetRenderDrawBlendMode(a->display.renderer, SDL_BLENDMODE_BLEND);
    SDL_RenderGeometry(a->display.renderer, NULL, v, SEGMENTS * 2, idx, SEGMENTS * 6);
}

void app_present(struct app *a, const struct view_frame *f)
{
    int64_t t0 = clock_now_ns();
    texture_cache_begin_frame(a->cache);
    if (f->screen_off && power_is_black(a->power, false)) {
        SDL_SetRenderDrawColor(a->display.renderer, 0, 0, 0, 255);
        SDL_RenderClear(a->display.renderer);
        hit_list_clear(&a->hits);
    } else {
        compositor_draw(a->compositor, &f->scene, a->area);
        rebuild_hits(a, f);
    }
    a->shown_minute = f->scene.wall / 60;
    if (a->fade_snapshot) {
        if (f->fade_alpha > 0 && f->fade_serial == a->fade_taken) {
            compositor_draw_snapshot(a->compositor, a->fade_area, f->fade_alpha);
        } else {
            compositor_release_snapshot(a->compositor);
            a->fade_snapshot = false;
        }
    }
    if (f->status_open) {
        struct notice page;
        app_ensure_text_engine(a);
        status_build_for(a, &page);
        notice_draw(a->display.renderer, a->text, a->atlas, &page, a->area);
    } else if (a->notice.line_count > 0 && !view_emergency_on(&a->view)) {
        notice_draw(a->display.renderer, a->text, a->atlas, &a->notice, a->area);
    }
    draw_press(a);
    int64_t tdraw = clock_now_ns();
    SDL_RenderPresent(a->display.renderer);
    video_player_frame_end(a->video); /* a clip no longer seen stops decoding */
    int64_t t1 = clock_now_ns();
    LOG_DBG("frame: draw %.1f ms, present %.1f ms", (tdraw - t0) / 1e6, (t1 - tdraw) / 1e6);
    stats_frame(&a->stats, t1 - t0);
    app_emergency_presented(a);
    if (!a->presented_once) {
        a->presented_once = true;
        /* A test script's clock starts with the show's, not at the loop's next wake-up, which
         * on a still first slide followed by a slide with nothing to load is its end. */
        if (a->script && a->script_start_ms < 0)
            a->script_start_ms = clock_now_ms();
        /* The show's clock starts when its first picture is on screen: a first frame that was
         * slow to draw (fonts, a cold cache, a sanitizer) takes nothing from the first slide,
         * and a clip on it starts at its first frame. */
        if (a->view.playlist && a->view.sched.current != SCHED_NONE)
            sched_restart_current(&a->view.sched, clock_now_ms());
        LOG_INFO("first frame presented");
        service_notify_ready();
    }
    /* Without vsync, pace animation to about 60 frames a second instead of spinning; a
     * transition drawn by SDL's software renderer to 30. There a 1080p crossfade frame costs
     * 5-10 ms of a core (p95 over 20 ms on a busy two-core machine), so 60 a second would miss
     * frames and take most of a core from the decoder; 30 even steps look the same in a fade. */
    if (f->animating && a->last_present_ns) {
        bool transition = f->scene.slide.from != SCHED_NONE || f->fade_alpha > 0;
        int64_t interval = transition ? 2 * FRAME_INTERVAL_NS : FRAME_INTERVAL_NS;
        int64_t wait = interval - (t1 - a->last_present_ns);
        if (wait > 1000000 && a->display.software)
            SDL_Delay((Uint32)(wait / 1000000));
    }
    a->last_present_ns = clock_now_ns();
    a->redraw = false;
}
