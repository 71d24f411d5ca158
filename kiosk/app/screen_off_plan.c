#define LOG_MODULE "screen"
#include "app/screen_off_plan.h"

#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/xmalloc.h"

bool screen_off_plan_init(struct screen_off_plan *s, const struct config *cfg)
{
    memset(s, 0, sizeof *s);
    bool ok = true;
    if (cfg->screen_off_time_count) {
        struct schedule *t = &s->parts[0];
        t->times = xmalloc(cfg->screen_off_time_count * sizeof *t->times);
        memcpy(t->times, cfg->screen_off_times, cfg->screen_off_time_count * sizeof *t->times);
        t->time_count = cfg->screen_off_time_count;
        s->used[0] = true;
    }
    if (cfg->screen_off_days) {
        s->parts[1].days = cfg->screen_off_days;
        s->used[1] = true;
    }
    const struct calendar_place *city = cfg->city[0] ? calendar_place_find(cfg->city) : NULL;
    if (cfg->screen_off_rest_days) {
        if (city) {
            s->parts[2].rest = SCHEDULE_REST_ONLY;
            s->used[2] = true;
        } else {
            LOG_ERR("screen_off_rest_days needs the kiosk's city (city = Akko, ...) to compute "
                    "candle lighting and havdalah; the screen stays on during them");
            ok = false;
        }
    }
    if (city) {
        s->place.city = xstrdup(cfg->city);
        s->place.lat = city->lat;
        s->place.lon = city->lon;
        s->place.candle_minutes = city->candle_minutes;
    }
    if (!schedule_env_init(&s->env, city ? &s->place : NULL)) {
        LOG_ERR("the time zone cannot be read: the screen stays on");
        memset(s->used, 0, sizeof s->used);
        return false;
    }
    return ok;
}

void screen_off_plan_free(struct screen_off_plan *s)
{
    for (int i = 0; i < 3; i++) {
        free(s->parts[i].times);
        s->parts[i].times = NULL;
    }
    schedule_place_clear(&s->place);
}

bool screen_off_plan_any(const struct screen_off_plan *s)
{
    return s->used[0] || s->used[1] || s->used[2];
}

bool screen_off_plan_active(const struct screen_off_plan *s, time_t t)
{
    for (int i = 0; i < 3; i++)
        if (s->used[i] && schedule_active(&s->parts[i], &s->env, t))
            return true;
    return false;
}

time_t screen_off_plan_next_change(const struct screen_off_plan *s, time_t t, time_t limit)
{
    /* The union changes only where one of its parts changes; those are the candidates. */
    bool now = screen_off_plan_active(s, t);
    time_t from = t;
    while (from < limit) {
        time_t next = limit;
        for (int i = 0; i < 3; i++) {
            if (!s->used[i])
                continue;
            time_t c = schedule_next_change(&s->parts[i], &s->env, from, limit);
            if (c < next)
                next = c;
        }
        if (next >= limit || screen_off_plan_active(s, next) != now)
            return next;
        from = next;
    }
    return limit;
}
