/* GET /api/boxes: where each block of a slide or page is drawn, in screen pixels, so the page
 * can put handles over the preview. From the saved playlist as the player loads it, with a
 * page's mirroring in the language asked for, as the renderer places them. */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "playlist/page.h"
#include "studio/render_worker.h"
#include "studio/studio_internal.h"
#include "studio/target.h"

static void add_box(json_t *boxes, const struct playlist *pl, const char *path, const char *kind,
                    const float box[4])
{
    json_array_append_new(boxes,
                          json_pack("{s:s, s:s, s:i, s:i, s:i, s:i}", "path", path ? path : "",
                                    "kind", kind, "x", (int)lroundf(box[0] * (float)pl->width), "y",
                                    (int)lroundf(box[1] * (float)pl->height), "w",
                                    (int)lroundf(box[2] * (float)pl->width), "h",
                                    (int)lroundf(box[3] * (float)pl->height)));
}

static const char *text_kind(const struct text_block *t)
{
    switch (t->kind) {
    case TEXT_BLOCK_TICKER:
        return "ticker";
    case TEXT_BLOCK_CLOCK:
        return "clock";
    default:
        return "text";
    }
}

/* In drawing order: pictures, texts, QR codes, buttons. */
static json_t *boxes_of(const struct playlist *pl, const struct target *t, const char *lang)
{
    const struct page *page = t->is_page ? &pl->pages[t->page] : NULL;
    const struct slide *slide = t->is_page ? NULL : &pl->slides[t->slide];
    bool mirrored = page && page_mirrored(pl, page, lang);
    const struct image_block *images = page ? page->images : slide->images;
    size_t n_images = page ? page->image_count : slide->image_count;
    const struct text_block *texts = page ? page->texts : slide->texts;
    size_t n_texts = page ? page->text_count : slide->text_count;
    const struct qr_block *qrs = page ? page->qrs : slide->qrs;
    size_t n_qrs = page ? page->qr_count : slide->qr_count;
    const struct button *buttons = page ? page->buttons : slide->buttons;
    size_t n_buttons = page ? page->button_count : slide->button_count;

    json_t *boxes = json_array();
    float b[4];
    for (size_t i = 0; i < n_images; i++) {
        page_box(images[i].box, mirrored, b);
        add_box(boxes, pl, images[i].path, "image", b);
    }
    for (size_t i = 0; i < n_texts; i++) {
        page_box(texts[i].box, mirrored, b);
        add_box(boxes, pl, texts[i].path, text_kind(&texts[i]), b);
    }
    for (size_t i = 0; i < n_qrs; i++) {
        page_box(qrs[i].box, mirrored, b);
        add_box(boxes, pl, qrs[i].path, "qr", b);
    }
    for (size_t i = 0; i < n_buttons; i++) {
        button_box_for(pl, page, &buttons[i], lang, b);
        add_box(boxes, pl, buttons[i].path, "button", b);
    }
    return boxes;
}

struct boxes_job {
    struct target target;
    json_t *answer;
    int status;
    char err[600];
};

static void find_boxes(struct render_ctx *ctx, void *arg)
{
    struct boxes_job *job = arg;
    const char *why = NULL, *lang = NULL;
    const struct playlist *pl = render_ctx_playlist(ctx, &why);
    if (!pl) {
        job->status = 422;
        snprintf(job->err, sizeof job->err, "The boxes cannot be shown until this is fixed: %s",
                 why);
        return;
    }
    if (!target_resolve(pl, &job->target, &lang, job->err, sizeof job->err)) {
        job->status = 404;
        return;
    }
    job->answer =
        json_pack("{s:o, s:{s:i, s:i}, s:b}", "boxes", boxes_of(pl, &job->target, lang), "screen",
                  "width", pl->width, "height", pl->height, "mirrored",
                  job->target.is_page && page_mirrored(pl, &pl->pages[job->target.page], lang));
    job->status = 200;
}

void api_get_boxes(struct studio *st, const struct studio_request *rq, struct studio_reply *rp)
{
    struct boxes_job job = {0};
    if (!target_parse(rq, &job.target, job.err, sizeof job.err)) {
        reply_error(rp, 400, "%s", job.err);
        return;
    }
    render_worker_call(st->renderer, find_boxes, &job);
    if (job.answer)
        reply_json(rp, 200, job.answer);
    else
        reply_error(rp, job.status, "%s", job.err);
}
