#define LOG_MODULE "emergency"
#include "app/emergency_mode.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "app/app_internal.h"
#include "base/clock.h"
#include "base/log.h"
#include "emergency/watch.h"

void app_emergency_open(struct app *a, void (*wake)(void *data))
{
    const struct config *cfg = &a->opts->config;
    struct stat st;
    if (stat(cfg->state_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        LOG_INFO("emergency triggers off: no state folder %s", cfg->state_dir);
        return;
    }
    const char *roots[CONFIG_MAX_WATCH_DIRS];
    for (size_t i = 0; i < cfg->watch_dir_count; i++)
        roots[i] = cfg->watch_dirs[i];
    char name[128];
    snprintf(name, sizeof name, "%s line %u", cfg->emergency.gpio_chip, cfg->emergency.gpio_line);
    struct emergency_watch_options o = {
        .state_dir = cfg->state_dir,
        .keys_dir = cfg->keys_dir,
        .group = cfg->screen_group,
        .mount_roots = roots,
        .mount_root_count = cfg->watch_dir_count,
        .inbox_dir = cfg->inbox_dir[0] ? cfg->inbox_dir : NULL,
        .contact = {.active_low = cfg->emergency.active_low,
                    .debounce_ms = cfg->emergency.debounce_ms,
                    .release_ms = cfg->emergency.release_s * 1000},
        .contact_name = name,
        .notify = wake,
        .notify_data = a,
    };
    struct line_source line;
    if (cfg->emergency.gpio_chip[0]) {
        char err[512];
        if (line_source_open_gpiod(cfg->emergency.gpio_chip, cfg->emergency.gpio_line,
                                   cfg->emergency.active_low, cfg->emergency.bias, &line, err,
                                   sizeof err))
            o.line = &line;
        else
            LOG_ERR("dry contact not watched: %s (docs/emergency.md, \"Wiring the dry "
                    "contact\")",
                    err);
    }
    a->emergency = emergency_watch_create(&o);
}

bool app_emergency_poll(struct app *a)
{
    if (!a->emergency)
        return false;
    struct emergency_state st;
    emergency_watch_state(a->emergency, &st);
    if (st.serial == a->emergency_serial)
        return false;
    a->emergency_serial = st.serial;
    int64_t now = clock_now_ms();
    struct view_changes ch = {0};
    if (st.on) {
        /* Lit whatever the schedule says; the show stays paused as the schedule left it. */
        if (a->power && a->view.screen_off)
            power_set(a->power, true);
        view_emergency_start(&a->view, st.why, st.since_wall_ms, proof_wall_clock_ms(), now, &ch);
        a->emergency_trigger_ms = st.changed_mono_ms;
        a->emergency_frame_logged = false;
        LOG_WARN("EMERGENCY MODE ON (%s); trigger seen at %lld ms, taken by the loop %lld ms later",
                 st.why, (long long)st.changed_mono_ms, (long long)(now - st.changed_mono_ms));
    } else {
        view_emergency_end(&a->view, now, &ch);
        if (a->power && a->view.screen_off)
            power_set(a->power, false);
        LOG_WARN("emergency mode over: the show goes on%s",
                 a->view.screen_off ? " (the screen is off by its schedule)" : "");
    }
    updates_set_emergency(a->updates, st.on ? st.why : NULL);
    app_view_changed(a, &ch);
    a->redraw = true;
    return true;
}

void app_emergency_presented(struct app *a)
{
    if (!view_emergency_on(&a->view) || a->emergency_frame_logged)
        return;
    a->emergency_frame_logged = true;
    int64_t now = clock_now_ms();
    LOG_INFO("first emergency frame presented at %lld ms, %lld ms after the trigger",
             (long long)now, (long long)(now - a->emergency_trigger_ms));
}

bool app_emergency_screen_off(const struct app *a, bool scheduled_off)
{
    return scheduled_off && !view_emergency_on(&a->view);
}

void app_emergency_close(struct app *a)
{
    emergency_watch_destroy(a->emergency);
    a->emergency = NULL;
}
