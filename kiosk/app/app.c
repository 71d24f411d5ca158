#define LOG_MODULE "app"
/* The loop: SDL events in, the threads' wake-ups, the view model ticked, the frame presented,
 * then sleep until something is due. What is on screen and why is the view model's
 * (view/view.h); the other concerns of the player are beside this file (app_internal.h). */
#include "app/app.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <SDL.h>

#include "app/app_internal.h"
#include "app/script.h"
#include "base/clock.h"
#include "base/log.h"
#include "platform/service.h"
#include "render/fit.h"
#include "render/interactive.h"
#include "render/text_blocks.h"
#include "text/glyph_atlas.h"
#include "text/layout.h"

/* How often the loop looks for edits to the playlist folder. */
#define WATCH_INTERVAL_MS 500
/* Start-up waits this long for the first image before showing the slide without it. */
#define FIRST_IMAGE_WAIT_MS 1500

int64_t app_wall_ms(const struct app *a)
{
    if (a->opts->at)
        return (int64_t)a->opts->at * 1000 + (clock_now_ms() - a->started_ms);
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

time_t app_wall_now(const struct app *a)
{
    return (time_t)(app_wall_ms(a) / 1000);
}

/* Queues the first slide's image before the window exists, so decoding overlaps starting the
 * video system and opening the display. The output size is predicted without asking the display
 * (that alone takes tens of milliseconds): the window size asked for, or fullscreen the
 * playlist's own screen size, which is the kiosk's screen when the playlist was made for it. A
 * wrong guess costs one more decode, not a wrong picture. */
static void request_first_image(struct texture_cache *cache, const struct playlist *pl,
                                const struct display_options *dopts)
{
    if (!pl)
        return;
    const struct slide *s = &pl->slides[0];
    if (!s->has_image || s->image.width <= 0)
        return;
    int ow = dopts->fullscreen ? pl->width : dopts->width;
    int oh = dopts->fullscreen ? pl->height : dopts->height;
    struct letterbox lb = fit_letterbox(pl->width, pl->height, ow, oh);
    struct decode_plan plan;
    fit_decode_plan(&s->image, s->image.width, s->image.height, lb.w, lb.h, 4096, &plan);
    texture_cache_prefetch_region(cache, s->image.path, plan.w, plan.h, &plan.region);
}

/* One turn of the view model's clock; what it ended is recorded. */
static void tick_view(struct app *a)
{
    struct view_changes ch = {0};
    view_tick(&a->view, clock_now_ms(), app_wall_now(a), proof_wall_clock_ms(), &a->media, &ch);
    app_view_changed(a, &ch);
}

/* Turns the screen off and on as the settings' schedule says. Off, the show pauses where it is
 * (no decoding, no frames) and the loop sleeps until the schedule changes. */
static void update_screen_power(struct app *a)
{
    if (!a->power)
        return;
    time_t wall = app_wall_now(a);
    bool due = !a->screen_watch_valid || wall >= a->screen_next || wall < a->screen_last ||
               wall > a->screen_last + 120;
    a->screen_last = wall;
    if (!due)
        return;
    a->screen_next = screen_off_plan_next_change(&a->screen_off_plan, wall, wall + 3600);
    a->screen_watch_valid = true;
    bool off = screen_off_plan_active(&a->screen_off_plan, wall);
    if (off == a->view.screen_off)
        return;
    power_set(a->power, !app_emergency_screen_off(a, off));
    LOG_INFO("screen %s (%s)", off ? "off" : "on", power_method_name(a->power));
    struct view_changes ch = {0};
    view_screen_power(&a->view, off, clock_now_ms(), &ch);
    app_view_changed(a, &ch);
}

/* What staff see during an import; redrawn only when it changes. */
static void refresh_notice(struct app *a, int64_t now)
{
    const struct playlist *pl = a->view.playlist;
    int64_t in_ms;
    struct notice n;
    bool shown = updates_notice(a->updates, now, pl ? (const char *const *)pl->languages : NULL,
                                pl ? pl->language_count : 0, &n, &in_ms);
    if (!shown)
        n.line_count = 0;
    else
        app_ensure_text_engine(a);
    uint64_t h = shown ? notice_hash(&n) : 0;
    if (h != a->notice_hash) {
        a->notice_hash = h;
        a->redraw = true;
    }
    a->notice = n;
    a->notice_due_ms = in_ms >= 0 ? now + in_ms : -1;
}

/* The script's view of the app. */
static const char *script_view(void *data)
{
    const struct view *v = &((struct app *)data)->view;
    if (v->status_open)
        return "status";
    return v->playlist && v->page != PLAYLIST_NO_PAGE ? v->playlist->pages[v->page].id : "loop";
}

static const char *script_lang(void *data)
{
    return view_language_tag(&((struct app *)data)->view);
}

/* Draws the current frame now, so that what is read is what is on screen. */
static void present_now(struct app *a)
{
    struct view_frame f;
    app_current_frame(a, &f);
    app_present(a, &f);
}

static bool script_pixel(void *data, float x, float y, uint8_t rgb[3])
{
    struct app *a = data;
    present_now(a);
    SDL_Rect r = {(int)(x * (a->out_w - 1)), (int)(y * (a->out_h - 1)), 1, 1};
    Uint32 px = 0;
    if (SDL_RenderReadPixels(a->display.renderer, &r, SDL_PIXELFORMAT_RGB888, &px, 4) != 0)
        return false;
    rgb[0] = (uint8_t)(px >> 16);
    rgb[1] = (uint8_t)(px >> 8);
    rgb[2] = (uint8_t)px;
    return true;
}

static bool script_shot(void *data, const char *path)
{
    struct app *a = data;
    present_now(a);
    return display_save_png(&a->display, path);
}

static bool script_button(void *data, const char *id, float *x, float *y)
{
    struct app *a = data;
    const struct page *page;
    size_t count;
    const struct button *buttons = view_buttons(&a->view, &page, &count);
    char *end;
    long index = strtol(id, &end, 10);
    for (size_t i = 0; i < count; i++) {
        bool match = buttons[i].id ? !strcmp(buttons[i].id, id) : *end == '\0' && (long)i == index;
        if (!match)
            continue;
        /* Where it is drawn: in accessible mode, the accessible copy's box. */
        const struct playlist *shown = view_access_shown(&a->view);
        const struct page *shown_page = page ? &shown->pages[view_access_page(&a->view)] : NULL;
        const struct button *b =
            shown_page ? &shown_page->buttons[i] : &shown->slides[a->view.sched.current].buttons[i];
        SDL_Rect r =
            interactive_button_rect(shown, shown_page, b, view_language_tag(&a->view), a->area);
        *x = (r.x + r.w / 2.0f) / a->out_w;
        *y = (r.y + r.h / 2.0f) / a->out_h;
        return true;
    }
    return false;
}

static void script_quit(void *data)
{
    ((struct app *)data)->running = false;
}

static void run_script(struct app *a)
{
    if (!a->script || !a->presented_once)
        return;
    if (a->script_start_ms < 0)
        a->script_start_ms = clock_now_ms();
    struct script_hooks h = {a,           script_view,   script_lang, script_pixel,
                             script_shot, script_button, script_quit};
    script_run(a->script, clock_now_ms() - a->script_start_ms, &h);
}

/* Called on the import thread and by screen power: only wakes the loop. */
static void wake_loop(void *data)
{
    struct app *a = data;
    SDL_Event ev = {.type = a->wake_event};
    SDL_PushEvent(&ev);
}

/* At start-up, wait briefly for the first slide's image so the first picture is the real one
 * and not its bare background. */
static void wait_first_image(struct app *a)
{
    struct view *v = &a->view;
    if (!v->playlist || v->sched.current == SCHED_NONE)
        return;
    int64_t until = clock_now_ms() + FIRST_IMAGE_WAIT_MS;
    const char *err;
    while (clock_now_ms() < until) {
        texture_cache_pump(a->cache);
        if (app_media_slide(a, v->playlist, v->sched.current, &err) != VIEW_MEDIA_PENDING)
            break;
        SDL_Event ev;
        if (SDL_WaitEventTimeout(&ev, 50))
            app_handle_event(a, &ev);
    }
    /* The show's clock starts with the first picture, not with the process. */
    if (v->playlist && v->sched.current != SCHED_NONE)
        sched_restart_current(&v->sched, clock_now_ms());
}

static int64_t wait_timeout(struct app *a, bool animating)
{
    if (animating || a->redraw)
        return 0;
    int64_t now = clock_now_ms();
    int64_t t = a->opts->watch ? a->next_watch_ms - now : 60000;
    if (a->video_playing) {
        int64_t frame = video_player_ms_until_frame(a->video);
        if (frame >= 0 && frame < t)
            t = frame;
    }
    const struct view *v = &a->view;
    if (v->playlist && v->sched.current != SCHED_NONE &&
        text_blocks_has_clock(&v->playlist->slides[v->sched.current])) {
        int64_t to_minute = 60000 - app_wall_ms(a) % 60000;
        if (to_minute + 5 < t)
            t = to_minute + 5;
    }
    /* The slide's end, schedules' boundaries, the idle return, the status page closing. */
    time_t wall = app_wall_now(a);
    int64_t due = view_ms_until_due(v, now, wall);
    if (due >= 0 && due < t)
        t = due;
    if (a->power) {
        int64_t screen = a->screen_watch_valid ? (int64_t)(a->screen_next - wall) * 1000 + 50 : 0;
        if (screen < t)
            t = screen;
    }
    int64_t in = input_ms_until_due(&a->input, now);
    if (in >= 0 && in < t)
        t = in;
    if (v->status_open && t > 1000)
        t = 1000; /* its clock and uptime move */
    if (a->script && a->script_start_ms >= 0) {
        int64_t next = script_ms_until_next(a->script, now - a->script_start_ms);
        if (next >= 0 && next < t)
            t = next;
    }
    int64_t poll = updates_ms_until_poll(a->updates, now);
    if (poll >= 0 && poll < t)
        t = poll;
    if (a->notice_due_ms >= 0 && a->notice_due_ms - now < t)
        t = a->notice_due_ms - now;
    return t < 0 ? 0 : t;
}

/* Everything that is not the loop itself, released in reverse order of creation. */
static void app_free(struct app *a)
{
    proof_writer_close(a->proof);
    power_close(a->power); /* leaves the screen as it is: a restart at night stays dark */
    screen_off_plan_free(&a->screen_off_plan);
    /* First: it waits for a running import, whose thread still pushes wake events. */
    updates_destroy(a->updates);
    app_emergency_close(a);
    free(a->pending_dir);
    free(a->content_dir);
    app_access_free(a); /* before the view: a clip's path is the content's */
    view_free(&a->view);
    watch_free(&a->watch);
    hit_list_free(&a->hits);
    compositor_destroy(a->compositor);
    video_player_destroy(a->video); /* stops the decode threads; its textures go before SDL */
    glyph_atlas_destroy(a->atlas);
    text_engine_destroy(a->text);
    texture_cache_destroy(a->cache);
    image_loader_destroy(a->loader);
    if (a->display.renderer)
        display_close(&a->display);
    stats_free(&a->stats);
    free(a->playlist_file);
}

/* One turn: draw when needed, sleep until something is due, then take what happened. */
static void turn(struct app *a)
{
    const struct app_options *opts = a->opts;
    service_watchdog();
    struct view_frame f;
    app_current_frame(a, &f);
    /* No decoding while a transition runs: its frames keep their time on a Pi, and the next
     * picture's decode does not add to the memory of two slides on screen. */
    bool transition = f.scene.page == PLAYLIST_NO_PAGE && f.scene.slide.from != SCHED_NONE;
    /* The outgoing slide will not be drawn again: its picture goes before the next decodes. */
    if (!transition && a->trim_textures && f.fade_alpha <= 0)
        app_trim_textures(a);
    image_loader_set_paused(a->loader, transition);
    if (!transition)
        compositor_release_layer(a->compositor);
    if (a->redraw || f.animating ||
        (a->video_playing && video_player_ms_until_frame(a->video) == 0)) {
        app_present(a, &f);
        app_ensure_text(a, a->view.playlist); /* the first frame may have come without it */
        app_check_text_once(a);
    }
    /* Still time starts after the frame that shows the still picture. */
    stats_set_still(&a->stats, !f.animating && !a->video_playing);

    SDL_Event ev;
    int64_t timeout = wait_timeout(a, f.animating);
    /* A still slide may not sleep through the watchdog's interval: systemd would take a healthy
     * player for a hung one. */
    int64_t watchdog_ms = service_watchdog_timeout_ms();
    if (watchdog_ms >= 0 && timeout > watchdog_ms)
        timeout = watchdog_ms;
    bool got = timeout > 0 ? SDL_WaitEventTimeout(&ev, (int)timeout) : SDL_PollEvent(&ev);
    while (got) {
        app_handle_event(a, &ev);
        got = SDL_PollEvent(&ev);
    }
    if (texture_cache_pump(a->cache))
        a->redraw = true;
    app_input_tick(a);
    /* Sound of clips: the settings' cap, silent in their quiet hours (the wall clock's, or
     * --at's). */
    time_t wall_now = app_wall_now(a);
    struct tm local;
    localtime_r(&wall_now, &local);
    video_player_set_volume(a->video, opts->config.video_volume,
                            config_video_quiet(&opts->config, local.tm_hour * 60 + local.tm_min));
    if (a->view.status_open)
        a->redraw = true; /* at most once a second: wait_timeout */
    /* What the fleet's health report says about the screen (the loop knows it), gathered only
     * when the report is about to be written, not on every frame. */
    if (updates_health_due(a->updates, clock_now_ms())) {
        struct view_status vs;
        view_status(&a->view, &vs);
        char display[64];
        snprintf(display, sizeof display, "%s %dx%d", SDL_GetCurrentVideoDriver(), a->out_w,
                 a->out_h);
        updates_set_screen_facts(a->updates, vs.playlist_name, display, vs.playlist_name != NULL,
                                 a->power ? power_method_name(a->power) : NULL, vs.screen_off);
    }
    app_emergency_poll(a); /* at once: not at a slide boundary */
    updates_poll(a->updates, clock_now_ms());
    app_take_installed(a);
    app_request_export(a);
    refresh_notice(a, clock_now_ms());
    if (opts->watch && clock_now_ms() >= a->next_watch_ms) {
        a->next_watch_ms = clock_now_ms() + WATCH_INTERVAL_MS;
        if (watch_changed(&a->watch))
            app_reload(a);
    }
    update_screen_power(a);
    run_script(a);
    uint64_t shown_before = a->view.playlist ? a->view.sched.shown : 0;
    tick_view(a);
    const struct view *v = &a->view;
    updates_played(a->updates, clock_now_ms(), v->playlist ? v->sched.loops : 0, !v->screen_off);
    if (opts->exit_after && v->playlist && v->sched.shown > opts->exit_after &&
        v->sched.shown != shown_before) {
        LOG_INFO("%llu slides shown; exiting as asked", (unsigned long long)opts->exit_after);
        a->running = false;
    }
}

int app_run(const struct app_options *opts)
{
    struct app a = {.opts = opts, .running = true, .notice_due_ms = -1, .script_start_ms = -1};
    a.media = (struct view_media){app_media_slide, &a};
    stats_init(&a.stats);
    a.started_ms = clock_now_ms();
    hit_list_init(&a.hits);
    /* Registered before any thread could push it; SDL's event queue works before video init. */
    a.wake_event = SDL_RegisterEvents(1);
    if (opts->script) {
        char err[1024];
        a.script = script_load(opts->script, err, sizeof err);
        if (!a.script) {
            fprintf(stderr, "kiosk: %s\n", err);
            stats_free(&a.stats);
            return 2;
        }
    }
    a.updates = updates_create(&opts->config, opts->dir, wake_loop, &a);

    struct display_options dopts = {
        .fullscreen = opts->fullscreen,
        .width = opts->window_w,
        .height = opts->window_h,
        .vsync = true,
        .title = "kiosk",
        .mode = opts->config.display_mode,
    };
    a.loader = image_loader_create(opts->config.max_image_pixels);
    a.cache = texture_cache_create(NULL, a.loader, opts->config.texture_cache_size);
    struct playlist *pl = app_load_initial(&a);
    request_first_image(a.cache, pl, &dopts);

    if (!display_open_window(&dopts, &a.display)) {
        playlist_free(pl);
        app_free(&a);
        script_free(a.script);
        return 1;
    }
    texture_cache_set_renderer(a.cache, a.display.renderer);
    /* Clear the renderer's target while the first picture decodes on the other thread: with a
     * GPU renderer this is the first touch of its buffers. (The software renderer's window was
     * already primed and shown black by display_open_window.) */
    SDL_SetRenderDrawColor(a.display.renderer, 0, 0, 0, 255);
    SDL_RenderClear(a.display.renderer);
    SDL_RenderFlush(a.display.renderer);
    a.compositor = compositor_create(a.display.renderer, a.cache);
    /* H.264 through the hardware decoder where there is a V4L2 device (a Pi 4), else or when it
     * fails in software; a first frame wakes the loop. */
    struct video_player_options vpo = {.hardware = true,
                                       .sound = true,
                                       .software = a.display.software,
                                       .wake_event = a.wake_event};
    video_player_options_from_env(&vpo);
    a.video = video_player_create(a.display.renderer, &vpo);
    compositor_set_video(a.compositor, a.video, 0, -1);
    app_proof_open(&a);
    const struct install_info *playing = updates_playing(a.updates);
    struct view_content_id id = {.version = playing->version};
    snprintf(id.group, sizeof id.group, "%s", playing->group);
    struct view_options vo = {
        .idle_timeout_ms = opts->config.idle_timeout_s * 1000LL,
        .status_timeout_ms = opts->config.staff_status_timeout_s * 1000LL,
        .proof = a.proof != NULL,
        .access = app_access_options(&a),
    };
    view_init(&a.view, &vo, pl, &id, clock_now_ms(), app_wall_now(&a));
    app_ensure_text_first(&a, pl, a.view.sched.current);
    watch_init(&a.watch, a.playlist_file, pl);
    app_update_area(&a);
    app_prefetch(&a);
    if (pl)
        LOG_INFO("playing \"%s\": %zu slides, %dx%d%s", pl->name, pl->slide_count, pl->width,
                 pl->height, pl->rtl ? ", right to left" : "");
    app_setup_input(&a, true);
    screen_off_plan_init(&a.screen_off_plan, &opts->config);
    if (screen_off_plan_any(&a.screen_off_plan)) {
        struct power_options po = {
            .cec_device = opts->config.screen_power_cec_device[0]
                              ? opts->config.screen_power_cec_device
                              : NULL,
            .on_change = wake_loop,
            .ctx = &a,
        };
        a.power = power_open(opts->config.screen_power_method, &po);
    }
    update_screen_power(&a);
    app_emergency_open(&a, wake_loop);
    app_emergency_poll(&a); /* an emergency from before this start shows in the first frame */
    wait_first_image(&a);
    a.next_watch_ms = clock_now_ms() + WATCH_INTERVAL_MS;
    a.redraw = true;

    while (a.running)
        turn(&a);

    service_notify_stopping();
    view_end_record(&a.view, clock_now_ms());
    app_proof_write(&a);
    if (opts->stats) {
        stats_print(&a.stats, stderr);
        struct video_player_stats vs;
        video_player_stats(a.video, &vs);
        fprintf(stderr, "stats: video_frames=%llu video_dropped=%llu video_decoder=%s\n",
                (unsigned long long)vs.shown, (unsigned long long)vs.dropped,
                vs.decoder[0] ? vs.decoder : "none");
    }
    app_free(&a);
    int status = 0;
    if (a.script) {
        status = script_summary(a.script) ? 1 : 0;
        script_free(a.script);
    }
    SDL_Quit();
    return status;
}
