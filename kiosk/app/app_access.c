#define LOG_MODULE "app"
#include "app/app_access.h"

#include "access/relayout.h"
#include "app/app_internal.h"
#include "audio/speech.h"
#include "base/log.h"
#include "render/accessible_theme.h"

static void zone_of(void *data, const struct playlist *pl, float *top, float *bottom)
{
    struct app *a = data;
    struct reach_zone z;
    reach_zone_for(&a->access.mounting, pl->width, pl->height, &z);
    *top = z.top;
    *bottom = z.bottom;
}

static struct playlist *build(void *data, const struct playlist *pl)
{
    struct app *a = data;
    app_ensure_text_engine(a);
    struct reach_zone z;
    reach_zone_for(&a->access.mounting, pl->width, pl->height, &z);
    struct diag_list diags = {0};
    struct playlist *copy = access_playlist_build(pl, a->text, &z, &diags);
    /* `kiosk check` names these for the people who make the content; here they are logged. */
    for (size_t i = 0; i < diags.count; i++)
        LOG_WARN("%s", diags.items[i].message);
    diag_list_clear(&diags);
    return copy;
}

static void release(void *data, struct playlist *copy)
{
    (void)data;
    access_playlist_free(copy);
}

struct view_access_options app_access_options(struct app *a)
{
    config_access_mounting(&a->opts->config, &a->access.mounting);
    a->access.volume = -1;
    return (struct view_access_options){.builder = {.build = build,
                                                    .release = release,
                                                    .zone = zone_of,
                                                    .parts = access_page_parts,
                                                    .part_page = access_page_part,
                                                    .slide_parts = access_slide_parts,
                                                    .part_slide = access_slide_part,
                                                    .data = a}};
}

void app_access_follow(struct app *a)
{
    struct app_access *s = &a->access;
    const struct view_access *va = &a->view.access;
    if (va->speech_serial != s->speech_serial) {
        s->speech_serial = va->speech_serial;
        if (va->speech_path) {
            if (!s->speech)
                s->speech = speech_create(a->wake_event);
            s->speaking = speech_play(s->speech, va->speech_path, va->volume);
            s->volume = va->volume;
            if (!s->speaking)
                view_access_speech_ended(&a->view);
        } else if (s->speech) {
            speech_stop(s->speech);
            s->speaking = false;
        }
        a->redraw = true;
    }
    if (s->speech && va->volume != s->volume) {
        s->volume = va->volume;
        speech_set_volume(s->speech, s->volume);
    }
    if (s->speaking && !speech_playing(s->speech)) {
        s->speaking = false;
        view_access_speech_ended(&a->view);
        a->redraw = true;
    }
}

void app_access_hits(struct app *a, const struct view_frame *f)
{
    const struct view_scene *s = &f->scene;
    if (!s->playlist || f->status_open || f->screen_off)
        return;
    for (int c = 0; c < ACCESS_CONTROL_COUNT; c++) {
        if (!accessible_theme_control_shown(&s->access, c))
            continue;
        SDL_Rect r = accessible_theme_control_rect(s->playlist, &s->access, c, a->area);
        hit_list_add(&a->hits, HIT_ID_ACCESS - c, (float)r.x, (float)r.y, (float)r.w, (float)r.h);
    }
}

void app_access_free(struct app *a)
{
    speech_destroy(a->access.speech);
    a->access.speech = NULL;
}
