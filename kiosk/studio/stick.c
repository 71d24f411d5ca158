/* "Make a USB stick": GET /api/sticks (the mounted removable drives, and what was made from
 * this folder last time) and POST /api/stick (the same bundle and signature as `kiosk bundle
 * --sign`, then a summary in plain words). What is remembered lives in the user's state folder,
 * never in the playlist folder (which travels on the stick); the password is never kept. */
#define _GNU_SOURCE
#define LOG_MODULE "studio"
#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "base/file.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "cli/bundle.h"
#include "playlist/playlist.h"
#include "studio/render_worker.h"
#include "studio/studio_internal.h"

#define LAST_MAX_BYTES 4096

/* The file that remembers the last stick made from st->dir: one per folder, named by a hash of
 * its path. Caller frees. */
static char *last_path(const struct studio *st)
{
    unsigned char h[16];
    char hex[33];
    crypto_generichash(h, sizeof h, (const unsigned char *)st->dir, strlen(st->dir), NULL, 0);
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    return xasprintf("%s/last-stick-%s.json", st->state_dir, hex);
}

static json_t *read_last(const struct studio *st)
{
    char *path = last_path(st), *text = NULL, err[512];
    size_t len = 0;
    json_t *v = NULL;
    if (file_read_all(path, LAST_MAX_BYTES, &text, &len, err, sizeof err))
        v = json_loadb(text, len, 0, NULL);
    free(text);
    free(path);
    if (!json_is_object(v)) {
        json_decref(v);
        return json_null();
    }
    return v;
}

static void remember(const struct studio *st, uint64_t version, const char *group, const char *key,
                     const char *stick)
{
    json_t *v = json_pack("{s:I, s:s, s:s, s:s}", "version", (json_int_t)version, "group", group,
                          "key", key, "stick", stick);
    char *text = json_dumps(v, JSON_INDENT(2));
    char *path = last_path(st), err[512];
    if (!file_mkdir_p(st->state_dir) ||
        !file_write_atomic(path, text, strlen(text), err, sizeof err))
        LOG_WARN("%s: cannot remember the last stick", path);
    free(path);
    free(text);
    json_decref(v);
}

/* Mount points under base (/media/USER, /run/media/USER): folders on another device than
 * base itself. */
static void add_drives(json_t *drives, const char *base)
{
    struct stat bs;
    DIR *d = opendir(base);
    if (!d || stat(base, &bs) != 0) {
        if (d)
            closedir(d);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) && json_array_size(drives) < 32) {
        if (e->d_name[0] == '.')
            continue;
        char *path = xasprintf("%s/%s", base, e->d_name);
        struct stat sb;
        if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode) && sb.st_dev != bs.st_dev &&
            access(path, W_OK) == 0)
            json_array_append_new(drives,
                                  json_pack("{s:s, s:s}", "path", path, "label", e->d_name));
        free(path);
    }
    closedir(d);
}

void api_get_sticks(struct studio *st, const struct studio_request *rq, struct studio_reply *rp)
{
    json_t *drives = json_array();
    const char *user = getenv("USER");
    if (user && *user && !strchr(user, '/')) {
        char *a = xasprintf("/media/%s", user), *b = xasprintf("/run/media/%s", user);
        add_drives(drives, a);
        add_drives(drives, b);
        free(a);
        free(b);
    }
    reply_json(rp, 200, json_pack("{s:o, s:o}", "drives", drives, "last", read_last(st)));
}

static const char *language_name(const char *tag)
{
    static const struct {
        const char *tag, *name;
    } names[] = {{"he", "Hebrew"}, {"ar", "Arabic"},  {"en", "English"}, {"ru", "Russian"},
                 {"fr", "French"}, {"am", "Amharic"}, {"es", "Spanish"}};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (!strcmp(names[i].tag, tag))
            return names[i].name;
    return tag;
}

struct stick_job {
    struct studio *st;
    struct bundle_options o;
    struct bundle_result res;
    int status;
    char *messages; /* bundle's reasons when it refused */
    json_t *check;  /* check's messages when the playlist has errors */
    char *summary;
};

static char *describe(const struct playlist *pl, const struct stick_job *job)
{
    char *langs = xstrdup("");
    for (size_t i = 0; i < pl->language_count; i++) {
        char *more = xasprintf("%s%s%s", langs,
                               i == 0                        ? ""
                               : i + 1 == pl->language_count ? " and "
                                                             : ", ",
                               language_name(pl->languages[i]));
        free(langs);
        langs = more;
    }
    char *s = xasprintf(
        "The stick at %s now holds version %" PRIu64 " of \"%s\" for the screens of group "
        "\"%s\": %zu slide%s and %zu page%s in %s, %zu files and folders (%.1f MB), signed "
        "with the key %s.\n"
        "Plug it into a kiosk of group \"%s\": a kiosk that shows an older version installs it "
        "within a minute and says so on its screen. Kiosks of other groups, and kiosks that "
        "already have version %" PRIu64 " or newer, leave it alone.",
        job->o.out, job->res.version, pl->name ? pl->name : "the playlist", job->res.group,
        pl->slide_count, pl->slide_count == 1 ? "" : "s", pl->page_count,
        pl->page_count == 1 ? "" : "s", langs, job->res.entries, (double)job->res.bytes / 1e6,
        job->o.key, job->res.group, job->res.version);
    free(langs);
    return s;
}

static void make_stick(struct render_ctx *ctx, void *arg)
{
    struct stick_job *job = arg;
    /* The check first, as structured messages the page can show beside the fields. */
    struct file_stamp before, after;
    studio_stamp(job->st->playlist_path, &before);
    bool fonts_missing = false;
    const struct diag_list *d = render_ctx_check(ctx, &fonts_missing);
    if (diag_error_count(d) || fonts_missing) {
        job->status = 422;
        return;
    }
    size_t len = 0;
    FILE *msgs = open_memstream(&job->messages, &len);
    job->o.msgs = msgs;
    /* Checked just now by the same code; a playlist.json changed meanwhile is caught below. */
    job->o.checked = true;
    int status = bundle_make(&job->o, &job->res);
    fclose(msgs);
    studio_stamp(job->st->playlist_path, &after);
    if (status != 0) {
        job->status = 400;
        return;
    }
    if (!studio_same_stamp(&before, &after)) {
        job->status = 409;
        return;
    }
    const char *why;
    const struct playlist *pl = render_ctx_playlist(ctx, &why);
    job->summary = pl ? describe(pl, job)
                      : xasprintf("Version %" PRIu64 " for group \"%s\" is on the stick at %s.",
                                  job->res.version, job->res.group, job->o.out);
    job->status = 200;
}

/* "kiosk: bundle: X" lines without their prefix, for people. */
static char *plain(const char *text)
{
    char *out = xstrdup(text ? text : ""), *o = out;
    for (const char *p = out; *p;) {
        if (!strncmp(p, "kiosk: bundle: ", 15))
            p += 15;
        *o++ = *p++;
    }
    *o = '\0';
    while (o > out && o[-1] == '\n')
        *--o = '\0';
    return out;
}

void api_post_stick(struct studio *st, const struct studio_request *rq, struct studio_reply *rp)
{
    json_t *body = json_loadb(rq->body, rq->body_len, 0, NULL);
    const char *dir = json_string_value(json_object_get(body, "dir"));
    const char *group = json_string_value(json_object_get(body, "group"));
    const char *key = json_string_value(json_object_get(body, "key"));
    json_t *pw = json_object_get(body, "password");
    json_t *v = json_object_get(body, "version");
    char version[32] = "";
    if (json_is_integer(v) && json_integer_value(v) > 0)
        snprintf(version, sizeof version, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    else if (json_is_string(v))
        snprintf(version, sizeof version, "%s", json_string_value(v));
    struct stat sb;
    /* A folder typed that does not exist yet is made when its parent exists, as `kiosk bundle
     * --out` makes it. */
    char *parent = dir && dir[0] == '/' ? file_dirname(dir) : NULL;
    if (parent && stat(dir, &sb) != 0 && stat(parent, &sb) == 0 && S_ISDIR(sb.st_mode))
        mkdir(dir, 0755);
    free(parent);
    if (!dir || !*dir) {
        reply_error(rp, 400, "Choose the stick, or a folder, to write to.");
    } else if (dir[0] != '/') {
        reply_error(rp, 400, "Give the folder's whole path, such as /media/dana/STICK.");
    } else if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        reply_error(rp, 400, "The folder %s does not exist; create it, or choose another.", dir);
    } else if (!group || !*group || !version[0]) {
        reply_error(rp, 400, "Say which version this is and which group of screens it is for.");
    } else if (!key || key[0] != '/' || access(key, R_OK) != 0) {
        reply_error(rp, 400, "Choose the signing key (the file minisign.key) to sign with.");
    } else {
        struct stick_job job = {.st = st,
                                .o = {.dir = st->dir,
                                      .out = dir,
                                      .version = version,
                                      .group = group,
                                      .key = key,
                                      .password = json_string_value(pw)}};
        render_worker_call(st->renderer, make_stick, &job);
        if (job.status == 200) {
            remember(st, job.res.version, job.res.group, key, dir);
            reply_json(rp, 200,
                       json_pack("{s:s, s:I, s:s}", "summary", job.summary, "version",
                                 (json_int_t)job.res.version, "group", job.res.group));
        } else if (job.status == 409) {
            reply_error(rp, 409,
                        "The playlist changed while the stick was being made: make the stick "
                        "again.");
        } else if (job.status == 422) {
            reply_error(rp, 422,
                        "The playlist has errors, so no stick was made: fix the messages shown "
                        "beside the fields first.");
        } else {
            char *why = plain(job.messages);
            reply_error(rp, 400, "No stick was made: %s", why);
            free(why);
        }
        free(job.messages);
        free(job.summary);
    }
    /* The password leaves no copy behind in this process. */
    if (json_is_string(pw))
        sodium_memzero((char *)json_string_value(pw), json_string_length(pw));
    sodium_memzero((char *)rq->body, rq->body_len);
    json_decref(body);
}
