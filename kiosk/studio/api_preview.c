/* GET /api/preview.png: a slide or page as the kiosk draws it, from the saved playlist, by the
 * kiosk's own renderer on the studio's drawing thread. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "cli/headless.h"
#include "studio/render_worker.h"
#include "studio/studio_internal.h"
#include "studio/target.h"

bool target_parse(const struct studio_request *rq, struct target *t, char *err, size_t errlen)
{
    const char *slide = studio_query(rq, "slide");
    const char *page = studio_query(rq, "page");
    const char *lang = studio_query(rq, "lang");
    memset(t, 0, sizeof(*t));
    if ((slide != NULL) == (page != NULL)) {
        snprintf(err, errlen, "Say which slide (slide=0) or which page (page=ID) to show.");
        return false;
    }
    if (slide) {
        char *end;
        unsigned long i = strtoul(slide, &end, 10);
        if (!*slide || *end || i >= PLAYLIST_MAX_SLIDES) {
            snprintf(err, errlen, "slide=%.40s is not a slide's number.", slide);
            return false;
        }
        t->slide = i;
    } else {
        snprintf(t->page_id, sizeof t->page_id, "%s", page);
        if (strlen(page) >= sizeof t->page_id) {
            snprintf(err, errlen, "There is no page named that.");
            return false;
        }
    }
    t->is_page = page != NULL;
    snprintf(t->lang, sizeof t->lang, "%s", lang ? lang : "");
    return true;
}

bool target_resolve(const struct playlist *pl, struct target *t, const char **lang, char *err,
                    size_t errlen)
{
    if (t->is_page) {
        t->page = PLAYLIST_NO_PAGE;
        for (size_t i = 0; i < pl->page_count; i++)
            if (!strcmp(pl->pages[i].id, t->page_id))
                t->page = i;
        if (t->page == PLAYLIST_NO_PAGE) {
            snprintf(err, errlen, "There is no page \"%s\" in the saved playlist.", t->page_id);
            return false;
        }
    } else if (t->slide >= pl->slide_count) {
        snprintf(err, errlen, "The saved playlist has %zu slides; there is no slide %zu.",
                 pl->slide_count, t->slide + 1);
        return false;
    }
    *lang = pl->languages[0];
    if (!t->lang[0])
        return true;
    for (size_t i = 0; i < pl->language_count; i++)
        if (!strcmp(pl->languages[i], t->lang)) {
            *lang = pl->languages[i];
            return true;
        }
    snprintf(err, errlen, "The playlist has no language \"%s\".", t->lang);
    return false;
}

bool target_draw(struct render_ctx *ctx, struct target *t, const struct playlist **out_pl,
                 int *status, char *err, size_t errlen)
{
    const char *why = NULL;
    const struct playlist *pl = render_ctx_playlist(ctx, &why);
    *status = 422;
    if (!pl) {
        snprintf(err, errlen, "The preview cannot be drawn until this is fixed: %s", why);
        return false;
    }
    const char *lang;
    if (!target_resolve(pl, t, &lang, err, errlen)) {
        *status = 404;
        return false;
    }
    struct headless *hd = render_ctx_output(ctx);
    if (!hd) {
        *status = 500;
        snprintf(err, errlen, "The studio cannot draw on this computer.");
        return false;
    }
    headless_set_lang(hd, lang);
    const char *failed = NULL;
    bool ok;
    if (t->is_page) {
        ok = headless_draw_page(hd, pl, t->page, &failed);
    } else {
        struct sched_frame f = {.slide = t->slide, .from = SCHED_NONE, .progress = 1.0};
        ok = headless_draw_frame(hd, pl, &f, &failed);
    }
    if (!ok) {
        snprintf(err, errlen, "A picture of this %s cannot be shown: %s",
                 t->is_page ? "page" : "slide", failed ? failed : "it cannot be read");
        return false;
    }
    *out_pl = pl;
    return true;
}

struct preview_job {
    struct target target;
    char *png;
    size_t len;
    int status;
    char err[600];
};

static void draw_preview(struct render_ctx *ctx, void *arg)
{
    struct preview_job *job = arg;
    const struct playlist *pl;
    if (!target_draw(ctx, &job->target, &pl, &job->status, job->err, sizeof job->err))
        return;
    job->png = render_ctx_png(ctx, &job->len);
    job->status = job->png ? 200 : 500;
    if (!job->png)
        snprintf(job->err, sizeof job->err, "The preview could not be written.");
}

void api_get_preview(struct studio *st, const struct studio_request *rq, struct studio_reply *rp)
{
    struct preview_job job = {0};
    if (!target_parse(rq, &job.target, job.err, sizeof job.err)) {
        reply_error(rp, 400, "%s", job.err);
        return;
    }
    render_worker_call(st->renderer, draw_preview, &job);
    if (job.png)
        reply_data(rp, 200, "image/png", job.png, job.len);
    else
        reply_error(rp, job.status, "%s", job.err);
}
