/* GET /api/check: `kiosk check`'s verdict on the saved playlist, each message with the JSON path
 * of the field it is about, so the page shows it beside that field. The messages a save
 * returns are the quicker ones of loading it as the player does (api_put_playlist). */
#define _GNU_SOURCE
#include <string.h>

#include "base/file.h"
#include "playlist/diag.h"
#include "studio/render_worker.h"
#include "studio/studio_internal.h"

static json_t *messages_json(const struct diag_list *diags)
{
    json_t *a = json_array();
    for (size_t i = 0; i < diags->count; i++) {
        const struct diag *d = &diags->items[i];
        json_t *m = json_pack("{s:s, s:s, s:i, s:i, s:s}", "severity",
                              d->severity == DIAG_ERROR ? "error" : "warning", "path",
                              d->path ? d->path : "", "line", d->line, "column", d->column, "text",
                              d->message ? d->message : "");
        /* A message about another file than playlist.json (a picture, a font) names it. */
        if (m && d->file && strcmp(file_basename(d->file), "playlist.json"))
            json_object_set_new(m, "file", json_string(file_basename(d->file)));
        if (m)
            json_array_append_new(a, m);
    }
    return a;
}

struct check_job {
    bool full; /* kiosk check's verdict; else the load's messages */
    json_t *answer;
};

static void run_check(struct render_ctx *ctx, void *arg)
{
    struct check_job *job = arg;
    if (!job->full) {
        job->answer = messages_json(render_ctx_diags(ctx));
        return;
    }
    bool fonts_missing = false;
    const struct diag_list *d = render_ctx_check(ctx, &fonts_missing);
    json_t *messages = messages_json(d);
    if (fonts_missing)
        json_array_append_new(messages,
                              json_pack("{s:s, s:s, s:i, s:i, s:s}", "severity", "warning", "path",
                                        "", "line", 0, "column", 0, "text",
                                        "The kiosk's fonts cannot be found on this computer, so "
                                        "the texts were not checked."));
    job->answer = json_pack("{s:b, s:o}", "ok", diag_error_count(d) == 0, "messages", messages);
}

json_t *studio_load_messages(struct studio *st)
{
    struct check_job job = {.full = false};
    render_worker_call(st->renderer, run_check, &job);
    return job.answer;
}

void api_get_check(struct studio *st, const struct studio_request *rq, struct studio_reply *rp)
{
    struct check_job job = {.full = true};
    /* The revision the verdict is about, at the latest (a save during the check makes it
     * older, never newer, so the page asks again). */
    uint64_t revision = studio_revision(st);
    render_worker_call(st->renderer, run_check, &job);
    json_object_set_new(job.answer, "revision", json_integer((json_int_t)revision));
    reply_json(rp, 200, job.answer);
}
