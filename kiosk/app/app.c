#define LOG_MODULE "app"
#include "app/app.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <SDL.h>

#include "app/content.h"
#include "app/screen_schedule.h"
#include "app/script.h"
#include "app/stats.h"
#include "app/status.h"
#include "app/updates.h"
#include "app/watch.h"
#include "base/clock.h"
#include "base/file.h"
#include "base/lang.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "input/input.h"
#include "input/sdl_input.h"
#include "media/loader.h"
#include "media/texture_cache.h"
#include "platform/display.h"
#include "platform/power.h"
#include "proof/writer.h"
#include "platform/service.h"
#include "render/compositor.h"
#include "render/fit.h"
#include "render/interactive.h"
#include "render/notice.h"
#include "render/slide_text.h"
#include "sched/sched.h"
#include "text/glyph_atlas.h"
#include "text/layout.h"

/* How often the loop looks for edits to the playlist folder. */
#define WATCH_INTERVAL_MS 500
/* Frame pacing when the renderer has no vsync (software rendering, Xvfb): about 60 Hz. */
#define FRAME_INTERVAL_NS (1000000000 / 60)
/* A slide change waits for the next slide's image at most this long before skipping it. */
#define HOLD_LIMIT_MS 10000
/* Start-up waits this long for the first image before showing the slide without it. */
#define FIRST_IMAGE_WAIT_MS 1500
/* New content fades in with its first slide's transition; a cut there still fades this long,
 * so viewers see the change of content as one, not as a glitch. */
#define CONTENT_FADE_DEFAULT_S 1.0

/* When a wall-clock schedule needs looking at again: at its next change, or at once when the
 * clock jumps (set by hand, or by a time source). Between them the loop does no calendar work,
 * however many frames it draws. */
struct wall_watch {
    bool valid; /* false: look now */
    time_t next; /* the next change */
    time_t last; /* the wall clock when last asked */
};

static bool wall_watch_due(struct wall_watch *w, time_t wall)
{
    bool due = !w->valid || wall >= w->next || wall < w->last || wall > w->last + 120;
    w->last = wall;
    return due;
}

/* Milliseconds until the watch is due (a little after, so that the change has happened);
 * INT64_MAX before its first look, which the next turn of the loop takes anyway (or, for the
 * show's schedules, the first turn after the screen comes back on). */
static int64_t wall_watch_ms(const struct wall_watch *w, time_t wall)
{
    return w->valid ? ((int64_t)(w->next - wall)) * 1000 + 50 : INT64_MAX;
}

struct app {
    const struct app_options *opts;
    struct display display;
    struct image_loader *loader;
    bool text_checked; /* the playlist's text was checked after the first picture */
    struct texture_cache *cache;
    struct compositor *compositor;
    struct text_engine *text;  /* NULL when the fonts cannot be loaded: slides show no text */
    struct glyph_atlas *atlas;
    time_t shown_minute;       /* the minute a clock on screen shows */
    struct playlist *playlist; /* the last good playlist; NULL: the fallback slide shows */
    struct wall_watch sched_watch; /* the playlist's schedules */
    uint64_t playlist_generation; /* +1 each time a playlist is installed */
    struct sched sched;
    struct watch watch;
    struct stats stats;
    char *content_dir;   /* the folder playing: DIR, or an installed version's content */
    char *playlist_file; /* content_dir/playlist.json */
    struct updates *updates;
    Uint32 wake_event;   /* pushed by the import thread: look at the watcher now */
    struct playlist *pending; /* newly installed content, shown at the next slide boundary */
    char *pending_dir;
    struct install_info pending_info; /* the version and group of `pending` */
    int64_t fade_start_ms; /* the outgoing content's snapshot fades out; -1 when not fading */
    double fade_s;
    SDL_Rect fade_area;    /* where the snapshot was taken */
    struct notice notice;  /* what staff see during an import; line_count 0 when nothing */
    bool notice_shown;
    uint64_t notice_hash;
    int64_t notice_due_ms; /* when the notice changes by itself; -1 never */

    /* Touch and mouse (docs/touch.md). */
    struct input input;
    struct sdl_input sdl_input;
    struct hit_list hits; /* buttons on screen, output pixels */
    double px_per_mm;
    int64_t started_ms;
    size_t page;          /* the interactive page shown, or PLAYLIST_NO_PAGE: the slide loop */
    size_t history[16];   /* pages to go back to; PLAYLIST_NO_PAGE for the loop */
    size_t history_len;
    int lang_override;    /* index into the playlist's languages chosen by a button; -1 none */
    bool status_open;     /* the staff status page */
    struct idle_timer status_timer; /* closes it by itself */
    struct status_text status_text;

    struct script *script;      /* --script; NULL: none */
    int64_t script_start_ms;    /* the first frame; -1 before it */

    /* Screen power (docs/screen-power.md). */
    struct screen_schedule screen_schedule;
    struct screen_power *power; /* NULL: no screen_off settings, the screen is always on */
    bool screen_off;
    struct wall_watch screen_watch;

    /* Proof of play: what is on screen now, recorded when it leaves. */
    struct proof_writer *proof; /* NULL: not recorded */
    uint64_t shown_generation;  /* of playlist_generation */
    size_t shown_slide;         /* SCHED_NONE: the built-in slide */
    size_t shown_page;          /* PLAYLIST_NO_PAGE: the slide loop */
    bool shown_valid;
    int64_t shown_wall_ms, shown_mono_ms;
    bool shown_touch;
    char shown_lang[36];
    char *shown_id;             /* a copy: the playlist may be replaced before the record ends */
    int64_t next_watch_ms;
    int64_t hold_since_ms; /* when a due slide change started waiting for its image; -1 */
    int64_t last_present_ns;
    bool running;
    bool redraw;
    bool presented_once;
    SDL_Rect area; /* the letterboxed content rectangle */
    int out_w, out_h;
};

/* The wall clock schedules and clocks see: the real one, or --at's moment running on. */
static int64_t wall_ms(const struct app *a)
{
    if (a->opts->at)
        return (int64_t)a->opts->at * 1000 + (clock_now_ms() - a->started_ms);
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static time_t wall_now(const struct app *a)
{
    return (time_t)(wall_ms(a) / 1000);
}

static void update_area(struct app *a)
{
    display_output_size(&a->display, &a->out_w, &a->out_h);
    int dw = a->playlist ? a->playlist->width : a->out_w;
    int dh = a->playlist ? a->playlist->height : a->out_h;
    struct letterbox lb = fit_letterbox(dw, dh, a->out_w, a->out_h);
    a->area = (SDL_Rect){lb.x, lb.y, lb.w, lb.h};
    a->redraw = true;
}

/* Queues the current slide's image and the next one's, so a change never waits for a decode. */
static void prefetch(struct app *a)
{
    if (!a->playlist || a->sched.current == SCHED_NONE)
        return;
    const char *err;
    compositor_slide_media(a->compositor, &a->playlist->slides[a->sched.current], a->area.w,
                           a->area.h, false, &err);
    if (a->pending)
        return; /* the next slide is the new content's first (prefetch_pending) */
    size_t next = sched_following(&a->sched, a->sched.current);
    if (next != SCHED_NONE && next != a->sched.current)
        compositor_slide_media(a->compositor, &a->playlist->slides[next], a->area.w, a->area.h,
                               true, &err);
}

/* The content rectangle the pending content will have (its design size may differ). */
static SDL_Rect pending_area(const struct app *a)
{
    struct letterbox lb = fit_letterbox(a->pending->width, a->pending->height, a->out_w,
                                        a->out_h);
    return (SDL_Rect){lb.x, lb.y, lb.w, lb.h};
}

/* State of the pending content's first slide's image; prefetch only queues it. */
static enum texture_status pending_media(struct app *a, bool prefetch)
{
    SDL_Rect area = pending_area(a);
    const char *err = NULL;
    return compositor_slide_media(a->compositor, &a->pending->slides[0], area.w, area.h,
                                  prefetch, &err);
}

/* The text engine and the glyph atlas (16 MB of texture) exist only once a playlist has text,
 * or a notice is shown. */
static void ensure_text_engine(struct app *a)
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
}

static void ensure_text(struct app *a, const struct playlist *pl)
{
    if (a->atlas || !pl)
        return;
    /* Buttons and QR captions are text too; pages almost always have some. */
    bool any = pl->page_count > 0;
    for (size_t i = 0; i < pl->slide_count; i++)
        any |= pl->slides[i].text_count > 0 || pl->slides[i].button_count > 0 ||
               pl->slides[i].qr_count > 0;
    if (any)
        ensure_text_engine(a);
}

static void set_content_dir(struct app *a, const char *dir)
{
    char *copy = xstrdup(dir);
    free(a->content_dir);
    free(a->playlist_file);
    a->content_dir = copy;
    a->playlist_file = file_join(dir, "playlist.json");
}

/* The playlist's own idle time wins over the kiosk's setting. */
static void apply_idle_timeout(struct app *a)
{
    const struct playlist *pl = a->playlist;
    a->input.idle.timeout_ms = pl && pl->interactive.idle_explicit
                                   ? (int64_t)(pl->interactive.idle_seconds * 1000)
                                   : a->opts->config.idle_timeout_s * 1000LL;
}

static size_t current_language(const struct app *a);

static void install_playlist(struct app *a, struct playlist *pl)
{
    ensure_text(a, pl);
    if (a->playlist) {
        sched_free(&a->sched);
        playlist_free(a->playlist);
    }
    a->playlist = pl;
    a->playlist_generation++;
    a->page = PLAYLIST_NO_PAGE;
    a->history_len = 0;
    a->lang_override = -1;
    apply_idle_timeout(a);
    watch_free(&a->watch);
    watch_init(&a->watch, a->playlist_file, pl);
    if (pl) {
        sched_init(&a->sched, pl, clock_now_ms());
        sched_set_wall(&a->sched, pl, wall_now(a), clock_now_ms());
        a->sched_watch.valid = false; /* the next tick computes the next change */
        if (sched_clock_unset(&a->sched))
            LOG_WARN("the clock is not set (it says %lld): schedules are ignored, every slide "
                     "plays", (long long)wall_now(a));
        LOG_INFO("playing \"%s\": %zu slides, %dx%d%s", pl->name, pl->slide_count, pl->width,
                 pl->height, pl->rtl ? ", right to left" : "");
    }
    a->hold_since_ms = -1;
    update_area(a);
    prefetch(a);
}

/* The first load skips the text checks: they lay out every block in every language, which
 * would delay the first picture; they run right after it (check_text_once). */
static struct playlist *load_content(const struct app *a, const char *dir)
{
    struct diag_list diags = {0};
    struct playlist *pl = content_load(dir, a->opts->config.max_image_pixels, NULL,
                                       CONTENT_TEXT_SKIP, &diags);
    diag_print(&diags, stderr);
    diag_list_clear(&diags);
    return pl;
}

/* The content to start with: after recovery from an interrupted import, the installed version;
 * when that does not load, the previous one; else the built-in slide. */
static struct playlist *load_initial(struct app *a)
{
    set_content_dir(a, updates_startup_dir(a->updates));
    struct playlist *pl = load_content(a, a->content_dir);
    while (!pl) {
        const char *previous = updates_fall_back(a->updates, a->content_dir);
        if (!previous)
            break;
        set_content_dir(a, previous);
        pl = load_content(a, a->content_dir);
    }
    if (!pl)
        LOG_ERR("%s: the playlist has errors; showing the built-in slide until it is fixed",
                a->content_dir);
    return pl;
}

static void check_text_once(struct app *a)
{
    if (a->text_checked || !a->playlist || !a->text)
        return;
    a->text_checked = true;
    struct diag_list diags = {0};
    content_check_text(a->playlist, a->text, DIAG_WARNING, &diags);
    diag_print(&diags, stderr);
    diag_list_clear(&diags);
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

static void go_to_page(struct app *a, size_t page, bool remember);

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

/* A save in the preview: the new playlist shows the slide or page being edited (found by id),
 * in the language chosen, instead of starting again from the first slide. */
static void reload(struct app *a)
{
    struct playlist *pl = load_content(a, a->content_dir);
    if (!pl) {
        LOG_ERR("%s: not reloaded; the last good playlist keeps playing", a->content_dir);
        /* Keep watching the same files: the next save may fix it. */
        return;
    }
    LOG_INFO("%s: reloaded", a->content_dir);
    const struct playlist *old = a->playlist;
    char *slide_id = NULL, *page_id = NULL, *lang = NULL;
    if (old && a->sched.current != SCHED_NONE && a->sched.current < old->slide_count)
        slide_id = xstrdup(old->slides[a->sched.current].id);
    if (old && a->page != PLAYLIST_NO_PAGE && a->page < old->page_count)
        page_id = xstrdup(old->pages[a->page].id);
    if (old && a->lang_override >= 0 && (size_t)a->lang_override < old->language_count)
        lang = xstrdup(old->languages[a->lang_override]);
    install_playlist(a, pl);
    a->text_checked = false; /* checked after the next picture, as at start-up */

    size_t slide = find_slide(pl, slide_id), page = find_page(pl, page_id);
    if (slide != SIZE_MAX && sched_show(&a->sched, slide, clock_now_ms()))
        prefetch(a);
    for (size_t i = 0; lang && i < pl->language_count; i++)
        if (!strcmp(pl->languages[i], lang))
            a->lang_override = (int)i;
    if (page != SIZE_MAX)
        go_to_page(a, page, false);
    if (slide_id || page_id)
        LOG_INFO("showing %s \"%s\" again after the reload", page_id ? "page" : "slide",
                 page_id ? page_id : slide_id);
    free(slide_id);
    free(page_id);
    free(lang);
}

/* The next or previous slide, by a key, a swipe or a button. */
static void step_slide(struct app *a, bool next)
{
    int64_t now = clock_now_ms();
    if (next)
        sched_next(&a->sched, a->playlist, now);
    else
        sched_prev(&a->sched, a->playlist, now);
    a->hold_since_ms = -1;
    a->redraw = true;
    prefetch(a);
}

static void navigate(struct app *a, int visual_dir)
{
    if (!a->playlist)
        return;
    /* Keys follow what the viewer sees: in a right-to-left show the next slide lies to the
     * left. */
    step_slide(a, a->playlist->rtl ? visual_dir < 0 : visual_dir > 0);
}

static void handle_key(struct app *a, const SDL_KeyboardEvent *k)
{
    switch (k->keysym.sym) {
    case SDLK_RIGHT:
        navigate(a, +1);
        break;
    case SDLK_LEFT:
        navigate(a, -1);
        break;
    case SDLK_SPACE:
        if (a->playlist) {
            bool p = !sched_paused(&a->sched);
            sched_pause(&a->sched, p, clock_now_ms());
            LOG_INFO("%s", p ? "paused" : "playing");
            a->redraw = true;
        }
        break;
    case SDLK_f:
        display_toggle_fullscreen(&a->display);
        break;
    case SDLK_q:
    case SDLK_ESCAPE:
        if (a->opts->config.allow_quit)
            a->running = false;
        else
            LOG_INFO("quitting is disabled by the configuration (allow_quit = false)");
        break;
    default:
        break;
    }
}

/* Where the viewer is, for the gesture-to-action table. */
static struct action_context input_context(const struct app *a)
{
    struct action_context ctx = {.view = a->status_open                ? ACTION_VIEW_STATUS
                                         : a->page != PLAYLIST_NO_PAGE ? ACTION_VIEW_PAGE
                                                                       : ACTION_VIEW_LOOP};
    if (a->playlist && a->playlist->language_count > 0)
        ctx.rtl = lang_is_rtl(a->playlist->languages[current_language(a)]);
    ctx.touch_opens_home = a->playlist && a->playlist->interactive.touch_opens_home &&
                           a->playlist->interactive.home != PLAYLIST_NO_PAGE;
    return ctx;
}

static void set_text_context(struct app *a);
static void fade_from_view(struct app *a, double seconds);

/* How long a change of page or language fades: quick, it answers a touch. */
#define VIEW_FADE_S 0.25

static time_t wall_now(const struct app *a);

/* A page outside its schedule cannot be opened, and buttons to it are hidden. */
static bool page_open_now(const struct app *a, size_t page)
{
    return sched_clock_unset(&a->sched) ||
           sched_page_open(a->playlist, page, &a->sched.env, wall_now(a));
}

static bool button_visible(void *data, const struct button *b)
{
    const struct app *a = data;
    return b->action != BUTTON_ACTION_PAGE || page_open_now(a, b->target);
}

static void go_to_page(struct app *a, size_t page, bool remember)
{
    struct playlist *pl = a->playlist;
    if (!pl || page >= pl->page_count || page == a->page || !page_open_now(a, page))
        return;
    fade_from_view(a, VIEW_FADE_S);
    if (remember) {
        /* A long wander forgets its oldest steps, never the latest. */
        size_t cap = sizeof a->history / sizeof a->history[0];
        if (a->history_len == cap) {
            memmove(a->history, a->history + 1, (cap - 1) * sizeof a->history[0]);
            a->history_len--;
        }
        a->history[a->history_len++] = a->page;
    }
    if (a->page == PLAYLIST_NO_PAGE) /* the show waits where it was */
        sched_pause(&a->sched, true, clock_now_ms());
    a->page = page;
    const char *err;
    compositor_page_media(a->compositor, &pl->pages[page], a->area.w, a->area.h, false, &err);
    LOG_DBG("page \"%s\"", pl->pages[page].id);
    a->redraw = true;
}

/* Back to the slide loop, where it was; with `reset_language`, in the show's own languages. */
static void go_home(struct app *a, bool reset_language)
{
    if (a->page == PLAYLIST_NO_PAGE && (!reset_language || a->lang_override < 0))
        return;
    fade_from_view(a, a->page == PLAYLIST_NO_PAGE ? VIEW_FADE_S : 0.5);
    if (a->page != PLAYLIST_NO_PAGE && a->playlist)
        sched_pause(&a->sched, false, clock_now_ms());
    a->page = PLAYLIST_NO_PAGE;
    a->history_len = 0;
    if (reset_language)
        a->lang_override = -1;
    a->redraw = true;
}

static void go_back(struct app *a)
{
    if (a->history_len == 0 || a->history[a->history_len - 1] == PLAYLIST_NO_PAGE) {
        go_home(a, false);
        return;
    }
    go_to_page(a, a->history[--a->history_len], false);
}

static void set_language(struct app *a, size_t lang)
{
    if (!a->playlist || lang >= a->playlist->language_count || (int)lang == a->lang_override)
        return;
    fade_from_view(a, VIEW_FADE_S);
    a->lang_override = (int)lang;
    LOG_DBG("language %s", a->playlist->languages[lang]);
    a->redraw = true;
}

/* Next or previous page in the playlist's order, round the end, skipping the home page (it is
 * the index, reached by its own buttons) and pages outside their schedules. */
static void step_page(struct app *a, int step)
{
    size_t n = a->playlist->page_count, p = a->page;
    for (size_t k = 1; k < n; k++) {
        p = (p + (step > 0 ? 1 : n - 1)) % n;
        if (p != a->playlist->interactive.home && page_open_now(a, p)) {
            go_to_page(a, p, true);
            return;
        }
    }
}

/* The buttons on screen now: the page's, or the current slide's. */
static const struct button *view_buttons(const struct app *a, const struct page **page,
                                         size_t *count)
{
    *page = NULL;
    *count = 0;
    if (!a->playlist || a->status_open)
        return NULL;
    if (a->page != PLAYLIST_NO_PAGE) {
        *page = &a->playlist->pages[a->page];
        *count = (*page)->button_count;
        return (*page)->buttons;
    }
    if (a->sched.current == SCHED_NONE)
        return NULL;
    const struct slide *s = &a->playlist->slides[a->sched.current];
    *count = s->button_count;
    return s->buttons;
}

static void press_button(struct app *a, int index)
{
    const struct page *page;
    size_t count;
    const struct button *buttons = view_buttons(a, &page, &count);
    if (!buttons || index < 0 || (size_t)index >= count)
        return;
    const struct button *b = &buttons[index];
    if (!button_visible(a, b))
        return;
    switch (b->action) {
    case BUTTON_ACTION_PAGE:
        go_to_page(a, b->target, true);
        break;
    case BUTTON_ACTION_BACK:
        go_back(a);
        break;
    case BUTTON_ACTION_HOME:
        go_home(a, false);
        break;
    case BUTTON_ACTION_LANGUAGE:
        set_language(a, b->target);
        break;
    case BUTTON_ACTION_NEXT:
    case BUTTON_ACTION_PREV:
        if (page)
            step_page(a, b->action == BUTTON_ACTION_NEXT ? 1 : -1);
        else
            step_slide(a, b->action == BUTTON_ACTION_NEXT);
        break;
    }
}

/* Rebuilt with every frame from what was drawn, so a touch always meets what is seen. */
static void rebuild_hits(struct app *a)
{
    hit_list_clear(&a->hits);
    const struct page *page;
    size_t count;
    const struct button *buttons = view_buttons(a, &page, &count);
    const char *lang = a->playlist && a->playlist->language_count
                           ? a->playlist->languages[current_language(a)]
                           : NULL;
    for (size_t i = 0; i < count; i++) {
        if (!button_visible(a, &buttons[i]))
            continue;
        SDL_Rect r = interactive_button_rect(a->playlist, page, &buttons[i], lang, a->area);
        hit_list_add(&a->hits, (int)i, (float)r.x, (float)r.y, (float)r.w, (float)r.h);
    }
}

static void open_status(struct app *a, bool open)
{
    if (a->status_open == open)
        return;
    a->status_open = open;
    if (open) {
        LOG_INFO("staff status page opened");
        idle_init(&a->status_timer, a->opts->config.staff_status_timeout_s * 1000LL,
                  clock_now_ms());
        ensure_text_engine(a);
    }
    a->redraw = true;
}

static void run_actions(struct app *a, const struct input_result *res)
{
    if (res->press_changed)
        a->redraw = true; /* press feedback in the next frame */
    for (size_t i = 0; i < res->count; i++) {
        const struct action *act = &res->actions[i];
        LOG_DBG("action %s", action_name(act->kind));
        switch (act->kind) {
        case ACTION_NEXT:
        case ACTION_PREV:
            /* Already in reading order: a swipe towards the start edge is "next". */
            if (!a->playlist || a->status_open)
                break;
            if (a->page != PLAYLIST_NO_PAGE)
                step_page(a, act->kind == ACTION_NEXT ? 1 : -1);
            else
                step_slide(a, act->kind == ACTION_NEXT);
            break;
        case ACTION_OPEN_HOME:
            if (a->playlist && a->playlist->interactive.home != PLAYLIST_NO_PAGE)
                go_to_page(a, a->playlist->interactive.home, true);
            break;
        case ACTION_ACTIVATE:
            press_button(a, act->button);
            break;
        case ACTION_STAFF_STATUS:
            open_status(a, true);
            break;
        case ACTION_BACK:
            if (a->status_open)
                open_status(a, false);
            else
                go_back(a);
            break;
        case ACTION_HOME:
            if (a->status_open)
                open_status(a, false);
            else
                go_home(a, false);
            break;
        default:
            break;
        }
    }
}

static void handle_pointer(struct app *a, const SDL_Event *ev)
{
    struct pointer_event pe;
    if (!sdl_input_translate(&a->sdl_input, ev, clock_now_ms(), SDL_GetTicks(), &pe))
        return;
    struct action_context ctx = input_context(a);
    struct input_result res;
    input_pointer(&a->input, &pe, &a->hits, &ctx, &res);
    if (a->status_open)
        idle_activity(&a->status_timer, clock_now_ms());
    run_actions(a, &res);
}

/* The input pipeline's idea of the screen follows the window. */
static void setup_input(struct app *a, bool first)
{
    const struct config *cfg = &a->opts->config;
    int ww = a->out_w, wh = a->out_h;
    if (a->display.window)
        SDL_GetWindowSize(a->display.window, &ww, &wh);
    sdl_input_init(&a->sdl_input, cfg->touch_rotation, ROTATION_0, a->out_w, a->out_h, ww, wh);
    a->px_per_mm = screen_px_per_mm(cfg->screen_diagonal_inches, cfg->screen_width_mm,
                                    a->out_w, a->out_h);
    if (first) {
        struct input_config ic;
        input_config_defaults(&ic, a->px_per_mm, a->out_w, a->out_h);
        ic.gesture.long_press_ms = cfg->long_press_ms;
        ic.staff = cfg->staff_gesture;
        ic.staff_corner_mm = cfg->staff_corner_mm;
        ic.staff_window_ms = cfg->staff_gesture_time_s * 1000LL;
        ic.idle_timeout_ms = cfg->idle_timeout_s * 1000LL;
        input_init(&a->input, &ic, clock_now_ms());
        apply_idle_timeout(a);
    } else {
        struct input_result res;
        input_set_screen(&a->input, a->out_w, a->out_h, &res);
        run_actions(a, &res);
    }
}

static void handle_event(struct app *a, const SDL_Event *ev)
{
    if (ev->type == SDL_MOUSEBUTTONDOWN || ev->type == SDL_MOUSEBUTTONUP ||
        ev->type == SDL_MOUSEMOTION || ev->type == SDL_FINGERDOWN || ev->type == SDL_FINGERUP ||
        ev->type == SDL_FINGERMOTION) {
        handle_pointer(a, ev);
        return;
    }
    if (ev->type == SDL_QUIT) {
        /* The window manager's close button, or SIGINT/SIGTERM through SDL. */
        a->running = false;
    } else if (ev->type == SDL_KEYDOWN && !ev->key.repeat) {
        input_activity(&a->input, clock_now_ms());
        handle_key(a, &ev->key);
    } else if (ev->type == SDL_WINDOWEVENT) {
        if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
            update_area(a);
            setup_input(a, false);
            prefetch(a);
        } else if (ev->window.event == SDL_WINDOWEVENT_FOCUS_LOST) {
            struct input_result res;
            input_cancel(&a->input, &res);
            run_actions(a, &res);
        } else if (ev->window.event == SDL_WINDOWEVENT_EXPOSED) {
            a->redraw = true;
        }
    } else if (ev->type == SDL_RENDER_TARGETS_RESET || ev->type == SDL_RENDER_DEVICE_RESET) {
        a->redraw = true;
    }
}

/* Marks slides whose images failed as unplayable, with the reason in the log. */
static void check_failures(struct app *a, size_t i)
{
    const char *err = NULL;
    const struct slide *s = &a->playlist->slides[i];
    if (compositor_slide_media(a->compositor, s, a->area.w, a->area.h, false, &err) ==
        TEXTURE_FAILED) {
        LOG_ERR("slide \"%s\" skipped: %s", s->id, err ? err : "image failed");
        sched_set_playable(&a->sched, a->playlist, i, false, clock_now_ms());
        if (a->sched.current == SCHED_NONE)
            LOG_ERR("nothing in the playlist can be shown; showing the built-in slide");
        a->redraw = true;
        prefetch(a);
    }
}

/* What the compositor needs to draw text this frame: language and time. */
/* The language shown: one a resident chose, else the show's. */
static size_t current_language(const struct app *a)
{
    if (a->lang_override >= 0 && (size_t)a->lang_override < a->playlist->language_count)
        return (size_t)a->lang_override;
    return sched_language(&a->sched, a->playlist);
}

static void set_text_context(struct app *a)
{
    struct slide_text_context ctx = {
        .engine = a->text,
        .atlas = a->atlas,
        .wall = wall_now(a),
        .outline_overflow = !a->opts->fullscreen,
    };
    const char *from_lang = NULL;
    if (a->playlist && a->playlist->language_count > 0) {
        ctx.lang = a->playlist->languages[current_language(a)];
        from_lang = a->lang_override >= 0
                        ? ctx.lang
                        : a->playlist->languages[sched_from_language(&a->sched, a->playlist)];
    }
    a->shown_minute = ctx.wall / 60;
    compositor_set_text(a->compositor, &ctx, from_lang);
}

static void proof_end(struct app *a, int64_t now);

/* Newly installed content replaces the show: the outgoing picture is kept as a snapshot that
 * fades out over the new content's first slide. From here on the status page and every record
 * of proof of play name the new version; the slide that was showing is recorded under the old. */
static void switch_to_pending(struct app *a, int64_t now)
{
    struct sched_frame f = a->playlist ? sched_frame(&a->sched, a->playlist, now)
                                       : (struct sched_frame){.slide = SCHED_NONE,
                                                              .from = SCHED_NONE};
    set_text_context(a);
    SDL_Rect old_area = a->area;
    bool snap = compositor_snapshot(a->compositor, a->playlist, &f, old_area);
    struct playlist *pl = a->pending;
    a->pending = NULL;
    set_content_dir(a, a->pending_dir);
    free(a->pending_dir);
    a->pending_dir = NULL;
    proof_end(a, now);
    updates_set_playing(a->updates, &a->pending_info);
    install_playlist(a, pl);
    a->text_checked = false;
    const struct transition *t = &pl->slides[0].transition;
    a->fade_s = t->kind != TRANSITION_CUT && t->duration > 0 ? t->duration
                                                             : CONTENT_FADE_DEFAULT_S;
    a->fade_start_ms = snap ? clock_now_ms() : -1;
    a->fade_area = old_area;
    LOG_INFO("now playing the new content from %s", a->content_dir);
}

/* Switches to pending content at the end of the current slide, once its first image is in. */
static bool tick_pending(struct app *a, int64_t now)
{
    bool showing = a->playlist && a->sched.current != SCHED_NONE;
    if (showing && sched_ms_until_due(&a->sched, a->playlist, now) != 0)
        return true;
    if (pending_media(a, false) == TEXTURE_PENDING) {
        if (a->hold_since_ms < 0)
            a->hold_since_ms = now;
        if (now - a->hold_since_ms < HOLD_LIMIT_MS)
            return true;
    }
    a->hold_since_ms = -1;
    switch_to_pending(a, now);
    return true;
}

/* Advances the show when the current slide's time is up and the next slide is ready. */
static void tick(struct app *a)
{
    if (a->pending && tick_pending(a, clock_now_ms()))
        return;
    struct playlist *pl = a->playlist;
    time_t wall = wall_now(a);
    if (pl && wall_watch_due(&a->sched_watch, wall)) {
        if (sched_set_wall(&a->sched, pl, wall, clock_now_ms())) {
            a->redraw = true;
            prefetch(a);
        }
        if (a->page != PLAYLIST_NO_PAGE && !page_open_now(a, a->page)) {
            LOG_INFO("page \"%s\" is outside its schedule now: back to the slides",
                     pl->pages[a->page].id);
            go_home(a, false);
        }
        /* An unset clock is looked at each minute: it may get set. */
        time_t limit = sched_clock_unset(&a->sched) ? wall + 60 : wall + 3600;
        a->sched_watch.next = sched_next_wall_change(&a->sched, pl, wall, limit);
        a->sched_watch.valid = true;
    }
    if (!pl || a->sched.current == SCHED_NONE)
        return;
    check_failures(a, a->sched.current);
    int64_t now = clock_now_ms();
    if (a->sched.current == SCHED_NONE || sched_ms_until_due(&a->sched, pl, now) != 0)
        return;

    size_t next = sched_following(&a->sched, a->sched.current);
    const char *err = NULL;
    enum texture_status st = next == SCHED_NONE ? TEXTURE_READY
                                                : compositor_slide_media(a->compositor,
                                                                         &pl->slides[next],
                                                                         a->area.w, a->area.h,
                                                                         false, &err);
    if (st == TEXTURE_FAILED) {
        check_failures(a, next);
        return;
    }
    if (st == TEXTURE_PENDING) {
        if (a->hold_since_ms < 0)
            a->hold_since_ms = now;
        if (now - a->hold_since_ms < HOLD_LIMIT_MS)
            return; /* the loader's event wakes us when it is ready */
        LOG_WARN("slide \"%s\" is still loading after %d s; moving on", pl->slides[next].id,
                 HOLD_LIMIT_MS / 1000);
    }
    bool held = a->hold_since_ms >= 0 && now - a->hold_since_ms > 100;
    a->hold_since_ms = -1;
    if (sched_tick(&a->sched, pl, now)) {
        if (held)
            sched_restart_current(&a->sched, now);
        LOG_DBG("slide %zu \"%s\"", a->sched.current, pl->slides[a->sched.current].id);
        a->redraw = true;
        prefetch(a);
    }
}

/* The facts of the staff status page, gathered when it is drawn. */
static void status_build_for(struct app *a, struct notice *out)
{
    const struct install_info *playing = updates_playing(a->updates);
    int64_t now = clock_now_ms();
    SDL_RendererInfo ri = {0};
    SDL_GetRendererInfo(a->display.renderer, &ri);
    struct status_facts f = {
        .playlist_name = a->playlist ? a->playlist->name : NULL,
        .content_dir = a->content_dir,
        .content_version = playing->version,
        .content_group = playing->group,
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
        .now = wall_now(a),
        .clock_unset = a->playlist && sched_clock_unset(&a->sched),
        .screen_power = a->power ? power_method_name(a->power) : NULL,
        .screen_off = a->screen_off,
    };
    f.has_import = updates_last_result(a->updates, now, &f.last_import, &f.import_ago_ms);
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

/* Turns the screen off and on as the settings' schedule says. Off, the show pauses where it is
 * (no decoding, no frames) and the loop sleeps until the schedule changes. */
static void update_screen_power(struct app *a)
{
    if (!a->power)
        return;
    time_t wall = wall_now(a);
    if (!wall_watch_due(&a->screen_watch, wall))
        return;
    a->screen_watch.next = screen_schedule_next_change(&a->screen_schedule, wall, wall + 3600);
    a->screen_watch.valid = true;
    bool off = screen_schedule_off(&a->screen_schedule, wall);
    if (off == a->screen_off)
        return;
    a->screen_off = off;
    power_set(a->power, !off);
    LOG_INFO("screen %s (%s)", off ? "off" : "on", power_method_name(a->power));
    if (off)
        go_home(a, true);
    if (a->playlist)
        sched_pause(&a->sched, off, clock_now_ms());
    a->redraw = true;
}

/* The slide loop's frame f, or the page shown, into area (no overlays). */
static void draw_view(struct app *a, const struct sched_frame *f, SDL_Rect area)
{
    if (a->playlist && a->page != PLAYLIST_NO_PAGE)
        compositor_draw_page(a->compositor, a->playlist, a->page, area);
    else
        compositor_draw(a->compositor, a->playlist, f, area);
}

static struct sched_frame current_frame(struct app *a);

/* On a page, or in a language a resident chose: the idle timer brings the show back. */
static bool away_from_loop(const struct app *a)
{
    return a->page != PLAYLIST_NO_PAGE || a->lang_override >= 0;
}

/* Keeps what is on screen as a snapshot that fades out over what comes next. */
static void fade_from_view(struct app *a, double seconds)
{
    if (!a->compositor)
        return;
    struct sched_frame f = current_frame(a);
    set_text_context(a);
    compositor_set_pressed(a->compositor, INTERACTIVE_NO_PRESS);
    if (!compositor_snapshot_begin(a->compositor, a->area))
        return;
    draw_view(a, &f, (SDL_Rect){0, 0, a->area.w, a->area.h});
    compositor_snapshot_end(a->compositor);
    a->fade_start_ms = clock_now_ms();
    a->fade_s = seconds;
    a->fade_area = a->area;
}

static void present(struct app *a, const struct sched_frame *f)
{
    int64_t t0 = clock_now_ns();
    set_text_context(a);
    texture_cache_begin_frame(a->cache);
    const struct input_press *press = &a->input.press;
    compositor_set_pressed(a->compositor, press->active ? press->target : INTERACTIVE_NO_PRESS);
    if (a->screen_off && power_is_black(a->power, false)) {
        SDL_SetRenderDrawColor(a->display.renderer, 0, 0, 0, 255);
        SDL_RenderClear(a->display.renderer);
        hit_list_clear(&a->hits);
    } else {
        draw_view(a, f, a->area);
        rebuild_hits(a);
    }
    if (a->fade_start_ms >= 0) {
        double p = (clock_now_ms() - a->fade_start_ms) / (a->fade_s * 1000.0);
        if (p >= 1.0) {
            compositor_release_snapshot(a->compositor);
            a->fade_start_ms = -1;
        } else {
            compositor_draw_snapshot(a->compositor, a->fade_area, (float)(1.0 - p));
        }
    }
    if (a->status_open) {
        struct notice page;
        status_build_for(a, &page);
        notice_draw(a->display.renderer, a->text, a->atlas, &page, a->area);
    } else if (a->notice.line_count > 0) {
        notice_draw(a->display.renderer, a->text, a->atlas, &a->notice, a->area);
    }
    draw_press(a);
    int64_t tdraw = clock_now_ns();
    SDL_RenderPresent(a->display.renderer);
    int64_t t1 = clock_now_ns();
    LOG_DBG("frame: draw %.1f ms, present %.1f ms", (tdraw - t0) / 1e6, (t1 - tdraw) / 1e6);
    stats_frame(&a->stats, t1 - t0);
    if (!a->presented_once) {
        a->presented_once = true;
        LOG_INFO("first frame presented");
        service_notify_ready();
    }
    /* Without vsync, pace animation to about 60 frames a second instead of spinning. */
    if (f->animating && a->last_present_ns) {
        int64_t wait = FRAME_INTERVAL_NS - (t1 - a->last_present_ns);
        if (wait > 1000000 && a->display.software)
            SDL_Delay((Uint32)(wait / 1000000));
    }
    a->last_present_ns = clock_now_ns();
    a->redraw = false;
}

/* At start-up, wait briefly for the first slide's image so the first picture is the real one
 * and not its bare background. */
static void wait_first_image(struct app *a)
{
    if (!a->playlist || a->sched.current == SCHED_NONE)
        return;
    int64_t until = clock_now_ms() + FIRST_IMAGE_WAIT_MS;
    const char *err;
    while (clock_now_ms() < until) {
        texture_cache_pump(a->cache);
        enum texture_status st =
            compositor_slide_media(a->compositor, &a->playlist->slides[a->sched.current],
                                   a->area.w, a->area.h, false, &err);
        if (st != TEXTURE_PENDING)
            break;
        SDL_Event ev;
        if (SDL_WaitEventTimeout(&ev, 50))
            handle_event(a, &ev);
    }
    /* The show's clock starts with the first picture, not with the process. */
    sched_restart_current(&a->sched, clock_now_ms());
    check_failures(a, a->sched.current);
}

/* The frame to draw now; tickers keep a slide moving like a transition does. */
static struct sched_frame current_frame(struct app *a)
{
    if (!a->playlist)
        return (struct sched_frame){.slide = SCHED_NONE, .from = SCHED_NONE,
                                    .animating = a->fade_start_ms >= 0};
    struct sched_frame f = sched_frame(&a->sched, a->playlist, clock_now_ms());
    if (a->fade_start_ms >= 0)
        f.animating = true;
    if (a->page != PLAYLIST_NO_PAGE || a->screen_off)
        return f; /* still: a page, or a dark screen over the paused show */
    if (!sched_paused(&a->sched) && f.slide != SCHED_NONE) {
        const struct slide *s = &a->playlist->slides[f.slide];
        if (slide_text_animating(s) ||
            (f.from != SCHED_NONE && slide_text_animating(&a->playlist->slides[f.from])))
            f.animating = true;
        /* A clock redraws when its minute turns. */
        if (slide_text_has_clock(s) && wall_now(a) / 60 != a->shown_minute)
            a->redraw = true;
    }
    return f;
}

static int64_t wait_timeout(struct app *a, bool animating)
{
    if (animating || a->redraw)
        return 0;
    int64_t now = clock_now_ms();
    int64_t t = a->opts->watch ? a->next_watch_ms - now : 60000;
    if (a->playlist && a->sched.current != SCHED_NONE &&
        slide_text_has_clock(&a->playlist->slides[a->sched.current])) {
        int64_t to_minute = 60000 - wall_ms(a) % 60000;
        if (to_minute + 5 < t)
            t = to_minute + 5;
    }
    if (a->playlist && a->hold_since_ms < 0) {
        int64_t due = sched_ms_until_due(&a->sched, a->playlist, now);
        if (due >= 0 && due < t)
            t = due;
    }
    /* Schedules: wake when what is eligible, or the screen's power, changes. */
    time_t wall = wall_now(a);
    if (a->playlist && wall_watch_ms(&a->sched_watch, wall) < t)
        t = wall_watch_ms(&a->sched_watch, wall);
    if (a->power && wall_watch_ms(&a->screen_watch, wall) < t)
        t = wall_watch_ms(&a->screen_watch, wall);
    int64_t in = input_ms_until_due(&a->input, now);
    if (in >= 0 && in < t)
        t = in;
    if (away_from_loop(a)) {
        int64_t idle = idle_ms_until_due(&a->input.idle, now);
        if (idle >= 0 && idle < t)
            t = idle;
    }
    if (a->status_open) {
        int64_t close = idle_ms_until_due(&a->status_timer, now);
        if (close >= 0 && close < t)
            t = close;
        if (t > 1000)
            t = 1000; /* its clock and uptime move */
    }
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

/* A newly installed version: loaded now (the importer checked it as `kiosk check` does) and
 * shown from the end of the current slide. */
static void take_installed(struct app *a)
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
    playlist_free(a->pending);
    free(a->pending_dir);
    a->pending = pl;
    a->pending_dir = xstrdup(info.content_dir);
    a->pending_info = info;
    LOG_INFO("version %llu of group \"%s\" installed; it plays from the next slide",
             (unsigned long long)info.version, info.group);
    ensure_text(a, pl);
    pending_media(a, true);
    a->redraw = true;
}

static const char *current_lang_tag(const struct app *a)
{
    return a->playlist && a->playlist->language_count
               ? a->playlist->languages[current_language(a)]
               : "";
}

/* Writes the record of what was on screen until now. */
static void proof_end(struct app *a, int64_t now)
{
    if (!a->proof || !a->shown_valid)
        return;
    a->shown_valid = false;
    /* A slide replaced within the same moment (quitting as it appeared) was never seen. */
    if (now - a->shown_mono_ms < 100)
        return;
    const struct install_info *playing = updates_playing(a->updates);
    bool page = a->shown_page != PLAYLIST_NO_PAGE;
    bool fallback = !page && a->shown_slide == SCHED_NONE;
    struct proof_record r = {
        .kind = page ? PROOF_KIND_PAGE : fallback ? PROOF_KIND_FALLBACK : PROOF_KIND_SLIDE,
        .id = fallback ? "built-in" : a->shown_id,
        .content_version = playing->version,
        .group = playing->group,
        .start_ms = a->shown_wall_ms,
        .duration_ms = now - a->shown_mono_ms,
        .reached_by = fallback                 ? PROOF_REACHED_SCHEDULE_FALLBACK
                      : page || a->shown_touch ? PROOF_REACHED_TOUCH
                                               : PROOF_REACHED_LOOP,
        .lang = a->shown_lang,
    };
    proof_writer_add(a->proof, &r);
}

/* Called once per turn of the loop: a new slide on screen ends the previous record. */
static void proof_track(struct app *a)
{
    if (!a->proof)
        return;
    if (a->screen_off) { /* nothing is seen on a dark screen */
        proof_end(a, clock_now_ms());
        return;
    }
    size_t slide = a->playlist ? a->sched.current : SCHED_NONE;
    if (a->shown_valid && a->shown_generation == a->playlist_generation &&
        a->shown_slide == slide && a->shown_page == a->page &&
        !strcmp(a->shown_lang, current_lang_tag(a)))
        return;
    int64_t now = clock_now_ms();
    proof_end(a, now);
    a->shown_valid = true;
    a->shown_generation = a->playlist_generation;
    a->shown_slide = slide;
    a->shown_page = a->page;
    a->shown_wall_ms = proof_wall_clock_ms();
    a->shown_mono_ms = now;
    a->shown_touch = a->playlist && a->sched.manual_cut;
    free(a->shown_id);
    a->shown_id = a->page != PLAYLIST_NO_PAGE ? xstrdup(a->playlist->pages[a->page].id)
                  : slide == SCHED_NONE        ? NULL
                                               : xstrdup(a->playlist->slides[slide].id);
    snprintf(a->shown_lang, sizeof a->shown_lang, "%s", current_lang_tag(a));
}

/* Where records go: the settings' proof_dir, or STATE/proof for the service's player. */
static void proof_open(struct app *a)
{
    const struct config *cfg = &a->opts->config;
    if (!strcmp(cfg->proof_dir, "off"))
        return;
    char *dir = cfg->proof_dir[0]          ? xstrdup(cfg->proof_dir)
                : updates_managed(a->updates) ? file_join(cfg->state_dir, "proof")
                                              : NULL;
    if (!dir)
        return;
    a->proof = proof_writer_open(dir, NULL);
    LOG_INFO("proof of play: %s", dir);
    free(dir);
}

/* A signed bundle asked for the proof-of-play records: written out now, then copied onto the
 * stick by the root helper (packaging/mount-stick export-all), never by the player. */
static void request_export(struct app *a)
{
    char name[64];
    if (!updates_take_export_request(a->updates, name, sizeof name))
        return;
    if (!a->proof) {
        LOG_WARN("the bundle on stick %s asks for the proof-of-play records, but this kiosk does "
                 "not record them (proof_dir)", name);
        return;
    }
    proof_writer_flush(a->proof);
    updates_request_export(a->updates, name);
    a->redraw = true;
}

/* What staff see during an import; redrawn only when it changes. */
static void refresh_notice(struct app *a, int64_t now)
{
    const char *const *langs = NULL;
    size_t count = 0;
    if (a->playlist) {
        langs = (const char *const *)a->playlist->languages;
        count = a->playlist->language_count;
    }
    int64_t in_ms;
    struct notice n;
    bool shown = updates_notice(a->updates, now, langs, count, &n, &in_ms);
    if (!shown)
        n.line_count = 0;
    else
        ensure_text_engine(a);
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
    struct app *a = data;
    if (a->status_open)
        return "status";
    return a->playlist && a->page != PLAYLIST_NO_PAGE ? a->playlist->pages[a->page].id : "loop";
}

static const char *script_lang(void *data)
{
    return current_lang_tag(data);
}

/* Draws the current frame now, so that what is read is what is on screen. */
static void present_now(struct app *a)
{
    struct sched_frame f = current_frame(a);
    present(a, &f);
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
    const struct button *buttons = view_buttons(a, &page, &count);
    char *end;
    long index = strtol(id, &end, 10);
    for (size_t i = 0; i < count; i++) {
        bool match = buttons[i].id ? !strcmp(buttons[i].id, id) : *end == '\0' && (long)i == index;
        if (!match)
            continue;
        SDL_Rect r = interactive_button_rect(a->playlist, page, &buttons[i], current_lang_tag(a),
                                             a->area);
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
    struct script_hooks h = {a, script_view, script_lang, script_pixel, script_shot,
                             script_button, script_quit};
    script_run(a->script, clock_now_ms() - a->script_start_ms, &h);
}

/* Called on the import thread: only wakes the loop. */
static void wake_loop(void *data)
{
    struct app *a = data;
    SDL_Event ev = {.type = a->wake_event};
    SDL_PushEvent(&ev);
}

int app_run(const struct app_options *opts)
{
    struct app a = {.opts = opts, .running = true, .hold_since_ms = -1, .fade_start_ms = -1,
                    .notice_due_ms = -1, .page = PLAYLIST_NO_PAGE, .lang_override = -1};
    stats_init(&a.stats);
    a.started_ms = clock_now_ms();
    hit_list_init(&a.hits);
    /* Registered before any thread could push it; SDL's event queue works before video init. */
    a.wake_event = SDL_RegisterEvents(1);
    a.script_start_ms = -1;
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
    };
    a.loader = image_loader_create(opts->config.max_image_pixels);
    a.cache = texture_cache_create(NULL, a.loader, opts->config.texture_cache_size);
    struct playlist *pl = load_initial(&a);
    request_first_image(a.cache, pl, &dopts);

    if (!display_open_window(&dopts, &a.display)) {
        updates_destroy(a.updates);
        free(a.content_dir);
        playlist_free(pl);
        texture_cache_destroy(a.cache);
        image_loader_destroy(a.loader);
        free(a.playlist_file);
        stats_free(&a.stats);
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
    compositor_set_button_filter(a.compositor,
                                 &(struct button_filter){.visible = button_visible, .data = &a});
    install_playlist(&a, pl);
    setup_input(&a, true);
    proof_open(&a);
    screen_schedule_init(&a.screen_schedule, &opts->config);
    if (screen_schedule_any(&a.screen_schedule)) {
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
    wait_first_image(&a);
    a.next_watch_ms = clock_now_ms() + WATCH_INTERVAL_MS;
    a.redraw = true;

    while (a.running) {
        service_watchdog();
        struct sched_frame f = current_frame(&a);
        /* No decoding while a transition runs: its frames keep their time on a Pi, and the
         * next picture's decode does not add to the memory of two slides on screen. */
        image_loader_set_paused(a.loader, f.from != SCHED_NONE);
        if (f.from == SCHED_NONE)
            compositor_release_layer(a.compositor);
        if (a.redraw || f.animating) {
            present(&a, &f);
            check_text_once(&a);
        }
        /* Still time starts after the frame that shows the still picture. */
        stats_set_still(&a.stats, !f.animating);

        SDL_Event ev;
        int64_t timeout = wait_timeout(&a, f.animating);
        /* A still slide may not sleep through the watchdog's interval: systemd would take a
         * healthy player for a hung one. */
        int64_t watchdog_ms = service_watchdog_timeout_ms();
        if (watchdog_ms >= 0 && timeout > watchdog_ms)
            timeout = watchdog_ms;
        bool got = timeout > 0 ? SDL_WaitEventTimeout(&ev, (int)timeout) : SDL_PollEvent(&ev);
        while (got) {
            handle_event(&a, &ev);
            got = SDL_PollEvent(&ev);
        }
        if (texture_cache_pump(a.cache))
            a.redraw = true;
        {
            struct action_context ctx = input_context(&a);
            struct input_result res;
            input_tick(&a.input, clock_now_ms(), &ctx, &res);
            run_actions(&a, &res);
            if (a.status_open) {
                if (idle_due(&a.status_timer, clock_now_ms())) {
                    LOG_INFO("staff status page closed after %d s", 
                             opts->config.staff_status_timeout_s);
                    open_status(&a, false);
                }
                a.redraw = true; /* at most once a second: wait_timeout */
            }
            /* Nobody there any more: back to the slides in the show's own language. */
            if (away_from_loop(&a) && idle_due(&a.input.idle, clock_now_ms())) {
                LOG_INFO("no touch for %lld s: back to the slides",
                         (long long)(a.input.idle.timeout_ms / 1000));
                go_home(&a, true);
            }
        }
        updates_poll(a.updates, clock_now_ms());
        take_installed(&a);
        request_export(&a);
        refresh_notice(&a, clock_now_ms());

        if (opts->watch && clock_now_ms() >= a.next_watch_ms) {
            a.next_watch_ms = clock_now_ms() + WATCH_INTERVAL_MS;
            if (watch_changed(&a.watch))
                reload(&a);
        }
        update_screen_power(&a);
        run_script(&a);
        uint64_t shown_before = a.sched.shown;
        if (!a.screen_off)
            tick(&a);
        proof_track(&a);
        updates_played(a.updates, clock_now_ms(), a.content_dir, a.playlist ? a.sched.loops : 0,
                       !a.screen_off);
        if (opts->exit_after && a.playlist && a.sched.shown > opts->exit_after &&
            a.sched.shown != shown_before) {
            LOG_INFO("%llu slides shown; exiting as asked", (unsigned long long)opts->exit_after);
            a.running = false;
        }
    }

    service_notify_stopping();
    proof_end(&a, clock_now_ms());
    proof_writer_close(a.proof);
    power_close(a.power); /* leaves the screen as it is: a restart at night stays dark */
    screen_schedule_free(&a.screen_schedule);
    free(a.shown_id);
    /* First: it waits for a running import, whose thread still pushes wake events. */
    updates_destroy(a.updates);
    playlist_free(a.pending);
    free(a.pending_dir);
    free(a.content_dir);
    if (opts->stats)
        stats_print(&a.stats, stderr);
    if (a.playlist) {
        sched_free(&a.sched);
        playlist_free(a.playlist);
    }
    watch_free(&a.watch);
    hit_list_free(&a.hits);
    compositor_destroy(a.compositor);
    glyph_atlas_destroy(a.atlas);
    text_engine_destroy(a.text);
    texture_cache_destroy(a.cache);
    image_loader_destroy(a.loader);
    display_close(&a.display);
    stats_free(&a.stats);
    free(a.playlist_file);
    int status = 0;
    if (a.script) {
        status = script_summary(a.script) ? 1 : 0;
        script_free(a.script);
    }
    SDL_Quit();
    return status;
}
