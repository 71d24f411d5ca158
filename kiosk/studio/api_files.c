/* Files the studio serves: the page itself (/ and /static/), and the playlist folder's own
 * files (/api/media/), each confined to its folder. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/file.h"
#include "base/xmalloc.h"
#include "studio/studio_internal.h"

/* Debian's libjs-sortable, served as the page's own file. */
#define SORTABLE_JS "/usr/share/javascript/sortable/Sortable.min.js"
#define STATIC_MAX_BYTES ((size_t)16 << 20)
#define MEDIA_MAX_BYTES ((size_t)512 << 20)

static const char *content_type_of(const char *name)
{
    static const struct {
        const char *ext, *type;
    } types[] = {
        {".html", "text/html; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".json", "application/json; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".jpeg", "image/jpeg"},
        {".webp", "image/webp"},
        {".gif", "image/gif"},
        {".ttf", "font/ttf"},
        {".otf", "font/otf"},
        {".woff2", "font/woff2"},
        {".mp4", "video/mp4"},
        {".webm", "video/webm"},
    };
    const char *dot = strrchr(name, '.');
    for (size_t i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
        if (!strcasecmp(dot, types[i].ext))
            return types[i].type;
    return "application/octet-stream";
}

/* Sends dir/rel when it is a regular file inside dir. */
static void reply_file(struct studio_reply *rp, const char *dir, const char *rel, size_t max)
{
    size_t size = 0;
    int fd = guard_open_inside(dir, rel, max, &size);
    if (fd == -2) {
        reply_error(rp, 403, "The studio only shows files inside the playlist folder.");
        return;
    }
    if (fd < 0) {
        reply_error(rp, 404, "There is no file \"%s\" here.", rel);
        return;
    }
    reply_data(rp, 200, content_type_of(rel), NULL, 0);
    rp->has_fd = true;
    rp->fd = fd;
    rp->fd_size = size;
}

void api_get_index(struct studio *st, const struct studio_request *rq, struct studio_reply *rp)
{
    reply_file(rp, st->web_dir, "index.html", STATIC_MAX_BYTES);
}

void api_get_static(struct studio *st, const struct studio_request *rq, struct studio_reply *rp)
{
    if (!strcmp(rq->rest, "sortable.js")) {
        char *data = NULL, err[512];
        size_t len = 0;
        if (!file_read_all(SORTABLE_JS, STATIC_MAX_BYTES, &data, &len, err, sizeof err)) {
            reply_error(rp, 404, "Debian's libjs-sortable is not installed.");
            return;
        }
        reply_data(rp, 200, "text/javascript; charset=utf-8", data, len);
        return;
    }
    reply_file(rp, st->web_dir, rq->rest, STATIC_MAX_BYTES);
}

void api_get_media(struct studio *st, const struct studio_request *rq, struct studio_reply *rp)
{
    if (!guard_relative_ok(rq->rest)) {
        reply_error(rp, 403, "The studio only shows files inside the playlist folder.");
        return;
    }
    reply_file(rp, st->dir, rq->rest, MEDIA_MAX_BYTES);
}
