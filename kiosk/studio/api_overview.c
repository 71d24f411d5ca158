/* The views of the whole playlist: GET /api/sheet.png (the contact sheet of `kiosk render
 * --sheet`, for a manager's approval) and GET /api/schedule (what `kiosk schedule` shows, as
 * rows). */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/file.h"
#include "base/lang.h"
#include "base/xmalloc.h"
#include "calendar/tz.h"
#include "cli/args.h"
#include "cli/headless.h"
#include "cli/schedule_walk.h"
#include "render/sheet.h"
#include "studio/render_worker.h"
#include "studio/studio_internal.h"
#include "studio/target.h"

struct sheet_job {
    char lang[16];
    char *png;
    size_t len;
    int status;
    char err[600];
};

/* Every slide, then every page, in one language, as `kiosk render --sheet` lays them out. */
static void draw_sheet(struct render_ctx *ctx, void *arg)
{
    struct sheet_job *job = arg;
    const char *why = NULL;
    const struct playlist *pl = render_ctx_playlist(ctx, &why);
    job->status = 422;
    if (!pl) {
        snprintf(job->err, sizeof job->err, "The sheet cannot be drawn until this is fixed: %s",
                 why);
        return;
    }
    struct target t = {0};
    snprintf(t.lang, sizeof t.lang, "%s", job->lang);
    const char *lang;
    if (!target_resolve(pl, &t, &lang, job->err, sizeof job->err)) {
        job->status = 404;
        return;
    }
    struct headless *hd = render_ctx_output(ctx);
    if (!hd) {
        snprintf(job->err, sizeof job->err, "The studio cannot draw on this computer.");
        job->status = 500;
        return;
    }
    headless_set_lang(hd, lang);
    char *title = xasprintf("%s — %s", pl->name ? pl->name : "playlist", lang);
    struct contact_sheet *sheet = sheet_create(pl->width, pl->height, title, lang_is_rtl(lang));
    free(title);
    bool ok = true;
    for (size_t i = 0; ok && i < pl->slide_count; i++) {
        struct sched_frame f = {.slide = i, .from = SCHED_NONE, .progress = 1.0};
        const char *failed = NULL;
        char *label = xasprintf("%02zu %s", i + 1, pl->slides[i].id);
        ok = headless_draw_frame(hd, pl, &f, &failed) &&
             sheet_add_frame(sheet, hd->display.renderer, hd->area, label);
        if (!ok)
            snprintf(job->err, sizeof job->err, "Slide %zu (%s) cannot be drawn: %s", i + 1,
                     pl->slides[i].id, failed ? failed : "it cannot be read");
        free(label);
    }
    for (size_t i = 0; ok && i < pl->page_count; i++) {
        const char *failed = NULL;
        char *label = xasprintf("page %s", pl->pages[i].id);
        ok = headless_draw_page(hd, pl, i, &failed) &&
             sheet_add_frame(sheet, hd->display.renderer, hd->area, label);
        if (!ok)
            snprintf(job->err, sizeof job->err, "Page %s cannot be drawn: %s", pl->pages[i].id,
                     failed ? failed : "it cannot be read");
        free(label);
    }
    char *path = xasprintf("%s/sheet.png", render_ctx_scratch(ctx));
    char err[512];
    if (ok && sheet_save(sheet, render_ctx_engine(ctx), path) &&
        file_read_all(path, (size_t)256 << 20, &job->png, &job->len, err, sizeof err))
        job->status = 200;
    else if (ok)
        snprintf(job->err, sizeof job->err, "The sheet could not be written.");
    unlink(path);
    free(path);
    sheet_destroy(sheet);
}

void api_get_sheet(struct studio *st, const struct studio_request *rq, struct studio_reply *rp)
{
    struct sheet_job job = {0};
    const char *lang = studio_query(rq, "lang");
    snprintf(job.lang, sizeof job.lang, "%s", lang ? lang : "");
    render_worker_call(st->renderer, draw_sheet, &job);
    if (job.png)
        reply_data(rp, 200, "image/png", job.png, job.len);
    else
        reply_error(rp, job.status, "%s", job.err);
}

static const char *const weekdays[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

struct rows_ctx {
    const struct playlist *pl;
    const struct schedule_env *env;
    json_t *rows;
};

static void add_row(void *arg, const struct schedule_row *row)
{
    struct rows_ctx *rc = arg;
    if (json_array_size(rc->rows) >= 2000)
        return; /* a step of a minute over months: the page shows no more */
    struct civil_time c;
    tz_to_civil(rc->env->zone, row->t, &c);
    char when[32];
    snprintf(when, sizeof when, "%04d-%02d-%02d %02d:%02d", c.year, c.month, c.day, c.hour,
             c.minute);
    json_t *eligible = json_array();
    for (size_t i = 0; i < rc->pl->slide_count; i++)
        if (row->eligible[i])
            json_array_append_new(eligible, json_string(rc->pl->slides[i].id));
    json_t *r = json_pack("{s:s, s:s, s:s, s:b, s:o}", "time", when, "weekday", weekdays[c.wday],
                          "event", row->event, "changed", row->changed, "eligible", eligible);
    if (!row->any)
        json_object_set_new(
            r, "shows",
            json_string(rc->pl->default_slide ? rc->pl->default_slide : "the built-in slide"));
    json_array_append_new(rc->rows, r);
}

void api_get_schedule(struct studio *st, const struct studio_request *rq, struct studio_reply *rp)
{
    const char *from_s = studio_query(rq, "from"), *to_s = studio_query(rq, "to");
    struct civil_time from_c, to_c;
    if (!from_s || !to_s || !args_parse_civil(from_s, false, &from_c) ||
        !args_parse_civil(to_s, true, &to_c)) {
        reply_error(rp, 400, "Give the dates as from=YYYY-MM-DD&to=YYYY-MM-DD.");
        return;
    }
    struct diag_list diags = {0};
    struct playlist *pl = playlist_load(st->dir, NULL, &diags);
    if (!pl) {
        reply_error(rp, 422, "The schedule cannot be shown until this is fixed: %s",
                    diags.count ? diags.items[0].message : "the playlist cannot be read");
        diag_list_clear(&diags);
        return;
    }
    diag_list_clear(&diags);
    struct schedule_env env;
    schedule_env_init(&env, pl->has_place ? &pl->place : NULL);
    time_t from, to, later;
    if (tz_from_civil(env.zone, &from_c, &from, &later) == TZ_MATCH_INVALID ||
        tz_from_civil(env.zone, &to_c, &to, &later) == TZ_MATCH_INVALID || to <= from ||
        to - from > (time_t)SCHEDULE_MAX_SPAN_DAYS * 86400) {
        reply_error(rp, 400, "The end must come after the start, at most %d days later.",
                    SCHEDULE_MAX_SPAN_DAYS);
        playlist_free(pl);
        return;
    }
    struct rows_ctx rc = {pl, &env, json_array()};
    struct schedule_totals totals;
    const char *step = studio_query(rq, "step");
    int step_min = step ? atoi(step) : 0;
    if (step_min < 0 || step_min > 24 * 60)
        step_min = 0;
    schedule_walk(pl, &env, from, to, step_min, add_row, &rc, &totals);
    json_t *slides = json_array();
    for (size_t i = 0; i < pl->slide_count; i++)
        json_array_append_new(
            slides, json_pack("{s:s, s:I, s:i, s:b}", "id", pl->slides[i].id, "eligible_seconds",
                              (json_int_t)totals.eligible_for[i], "stretches", totals.stretches[i],
                              "scheduled", pl->slides[i].schedule != NULL));
    reply_json(rp, 200,
               json_pack("{s:s, s:o, s:o, s:I, s:i}", "zone", env.place.tz, "rows", rc.rows,
                         "slides", slides, "fallback_seconds", (json_int_t)totals.fallback_for,
                         "changes", totals.changes));
    schedule_totals_free(&totals);
    playlist_free(pl);
}
