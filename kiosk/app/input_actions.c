#define LOG_MODULE "app"
/* What a touch or a key asks for: SDL events through input/ (gestures, hit regions, the staff
 * gesture) into actions, and actions into the view model (app_internal.h). */
#include "app/app_internal.h"
#include "base/clock.h"
#include "base/log.h"

static void run_actions(struct app *a, const struct input_result *res)
{
    int64_t now = clock_now_ms();
    struct view_changes ch = {0};
    if (res->press_changed) {
        const struct input_press *p = &a->input.press;
        view_set_press(&a->view, p->active ? p->target : -1);
        ch.redraw = true; /* press feedback in the next frame */
    }
    for (size_t i = 0; i < res->count; i++)
        view_action(&a->view, &res->actions[i], now, &ch);
    app_view_changed(a, &ch);
}

static void handle_key(struct app *a, const SDL_KeyboardEvent *k)
{
    int64_t now = clock_now_ms();
    struct view_changes ch = {0};
    switch (k->keysym.sym) {
    case SDLK_RIGHT:
        view_navigate(&a->view, +1, now, &ch);
        break;
    case SDLK_LEFT:
        view_navigate(&a->view, -1, now, &ch);
        break;
    case SDLK_SPACE:
        view_toggle_pause(&a->view, now);
        ch.redraw = true;
        break;
    case SDLK_f:
        display_toggle_fullscreen(&a->display);
        break;
    case SDLK_F1: {
        /* A keypad's accessibility key (docs/accessibility.md), as the on-screen button. */
        struct action act = {.kind = ACTION_ACCESS, .button = 0};
        view_action(&a->view, &act, now, &ch);
        break;
    }
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
    app_view_changed(a, &ch);
}

static void handle_pointer(struct app *a, const SDL_Event *ev)
{
    struct pointer_event pe;
    if (!sdl_input_translate(&a->sdl_input, ev, clock_now_ms(), SDL_GetTicks(), &pe))
        return;
    struct action_context ctx = view_action_context(&a->view);
    struct input_result res;
    input_pointer(&a->input, &pe, &a->hits, &ctx, &res);
    view_activity(&a->view, clock_now_ms());
    run_actions(a, &res);
}

/* The input pipeline's idea of the screen follows the window. */
void app_setup_input(struct app *a, bool first)
{
    const struct config *cfg = &a->opts->config;
    int ww = a->out_w, wh = a->out_h;
    if (a->display.window)
        SDL_GetWindowSize(a->display.window, &ww, &wh);
    sdl_input_init(&a->sdl_input, cfg->touch_rotation, ROTATION_0, a->out_w, a->out_h, ww, wh);
    a->px_per_mm =
        screen_px_per_mm(cfg->screen_diagonal_inches, cfg->screen_width_mm, a->out_w, a->out_h);
    if (first) {
        struct input_config ic;
        input_config_defaults(&ic, a->px_per_mm, a->out_w, a->out_h);
        ic.gesture.long_press_ms = cfg->long_press_ms;
        ic.staff = cfg->staff_gesture;
        ic.staff_corner_mm = cfg->staff_corner_mm;
        ic.staff_window_ms = cfg->staff_gesture_time_s * 1000LL;
        ic.idle_timeout_ms = cfg->idle_timeout_s * 1000LL;
        input_init(&a->input, &ic, clock_now_ms());
    } else {
        struct input_result res;
        input_set_screen(&a->input, a->out_w, a->out_h, &res);
        run_actions(a, &res);
    }
}

/* Gestures that time out (a long press) act without a new event. */
void app_input_tick(struct app *a)
{
    struct action_context ctx = view_action_context(&a->view);
    struct input_result res;
    input_tick(&a->input, clock_now_ms(), &ctx, &res);
    if (res.count || res.press_changed)
        run_actions(a, &res);
}

void app_handle_event(struct app *a, const SDL_Event *ev)
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
        view_activity(&a->view, clock_now_ms());
        handle_key(a, &ev->key);
    } else if (ev->type == SDL_WINDOWEVENT) {
        if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
            app_update_area(a);
            app_setup_input(a, false);
            app_prefetch(a);
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
