/* POST /api/media?name=FILE: a picture dropped on the page, copied into DIR/media under a safe
 * name of its own. Probed in memory with the limits `kiosk check` applies before a byte is
 * written, so what lands in the folder is a picture the kiosk can show. */
#define _GNU_SOURCE
#define LOG_MODULE "studio"
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/file.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "media/probe.h"
#include "studio/studio_internal.h"

#define MEDIA_NAME_MAX 80

static const char *extension_of(enum image_format f)
{
    switch (f) {
    case IMAGE_FORMAT_PNG:
        return "png";
    case IMAGE_FORMAT_JPEG:
        return "jpg";
    case IMAGE_FORMAT_WEBP:
        return "webp";
    case IMAGE_FORMAT_GIF:
        return "gif";
    case IMAGE_FORMAT_BMP:
        return "bmp";
    default:
        return NULL;
    }
}

/* The stem of the name the user's file had, in the letters a bundle carries (letters, digits,
 * '-', '_'), lower case; "picture" when nothing is left. The extension follows the format the
 * bytes really are, not the name. Caller frees. */
static char *safe_stem(const char *name)
{
    const char *base = name ? strrchr(name, '/') : NULL;
    base = base ? base + 1 : name ? name : "";
    const char *dot = strrchr(base, '.');
    size_t n = dot ? (size_t)(dot - base) : strlen(base);
    char *stem = xmalloc(MEDIA_NAME_MAX + 1);
    size_t k = 0;
    for (size_t i = 0; i < n && k < MEDIA_NAME_MAX; i++) {
        unsigned char c = (unsigned char)base[i];
        char out = isalnum(c) && c < 0x80 ? (char)tolower(c) : c == '_' ? '_' : '-';
        if (out == '-' && (k == 0 || stem[k - 1] == '-'))
            continue; /* no leading or doubled dashes from spaces and Hebrew letters */
        stem[k++] = out;
    }
    while (k && stem[k - 1] == '-')
        k--;
    stem[k] = '\0';
    if (!k) {
        free(stem);
        return xstrdup("picture");
    }
    return stem;
}

static size_t count_files(const char *dir)
{
    DIR *d = opendir(dir);
    size_t n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        n += e->d_name[0] != '.';
    if (d)
        closedir(d);
    return n;
}

/* Writes data as a new file in media_dir named stem.ext, or stem-2.ext, ...: never over a file
 * that is there. Returns the name chosen (caller frees) or NULL with errno. */
static char *write_new(const char *media_dir, const char *stem, const char *ext, const void *data,
                       size_t len)
{
    char *tmp = xasprintf("%s/.upload-XXXXXX", media_dir);
    int fd = mkostemp(tmp, O_CLOEXEC);
    if (fd < 0) {
        free(tmp);
        return NULL;
    }
    bool ok = file_write_fd(fd, data, len, NULL) && fsync(fd) == 0;
    close(fd);
    fchmodat(AT_FDCWD, tmp, 0644, 0);
    char *name = NULL;
    for (int i = 1; ok && i <= 1000 && !name; i++) {
        char *candidate =
            i == 1 ? xasprintf("%s.%s", stem, ext) : xasprintf("%s-%d.%s", stem, i, ext);
        char *path = xasprintf("%s/%s", media_dir, candidate);
        /* link() never replaces: a name taken meanwhile fails with EEXIST. */
        if (link(tmp, path) == 0)
            name = candidate;
        else
            free(candidate);
        ok = name || errno == EEXIST;
        free(path);
    }
    int saved = errno;
    unlink(tmp);
    free(tmp);
    if (name)
        file_fsync_dir(media_dir);
    errno = saved;
    return name;
}

void api_post_media(struct studio *st, const struct studio_request *rq, struct studio_reply *rp)
{
    struct image_info info;
    char err[600];
    if (!rq->body_len) {
        reply_error(rp, 400, "No picture arrived.");
        return;
    }
    if (!image_probe_memory(rq->body, rq->body_len, &info, err, sizeof err) ||
        !image_check_limits(&info, st->cfg.max_image_pixels, err, sizeof err)) {
        reply_error(rp, 400, "This picture cannot be used on a kiosk: %s", err);
        return;
    }
    const char *ext = extension_of(info.format);
    if (!ext) {
        reply_error(rp, 400, "This is not a picture the kiosk can show (JPEG, PNG or WebP).");
        return;
    }
    char *media_dir = xasprintf("%s/media", st->dir);
    /* The media folder must be the playlist's own, not a link to elsewhere. */
    mkdir(media_dir, 0755);
    char *real = realpath(media_dir, NULL);
    size_t dl = strlen(st->dir);
    bool inside = real && !strncmp(real, st->dir, dl) && real[dl] == '/';
    free(real);
    if (!inside) {
        reply_error(rp, 403, "The playlist's media folder is not inside the playlist folder.");
        free(media_dir);
        return;
    }
    size_t files = count_files(media_dir);
    if (files >= STUDIO_MAX_MEDIA_FILES) {
        reply_error(rp, 400,
                    "The media folder already holds %zu files, the most the studio adds to. "
                    "Remove pictures the playlist no longer uses.",
                    files);
        free(media_dir);
        return;
    }
    char *stem = safe_stem(studio_query(rq, "name"));
    char *name = write_new(media_dir, stem, ext, rq->body, rq->body_len);
    if (!name) {
        LOG_ERR("%s: cannot write a picture: %s", media_dir, strerror(errno));
        reply_error(rp, 500, "The picture could not be saved in the playlist folder: %s",
                    strerror(errno));
    } else {
        char *src = xasprintf("media/%s", name);
        reply_json(rp, 200,
                   json_pack("{s:s, s:i, s:i}", "src", src, "width", info.display_width, "height",
                             info.display_height));
        free(src);
    }
    free(name);
    free(stem);
    free(media_dir);
}
