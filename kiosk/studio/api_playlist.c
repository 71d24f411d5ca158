/* GET and PUT /api/playlist, GET /api/state: the playlist file and its revision.
 *
 * The revision counts versions of playlist.json this studio has seen: one more on every save
 * and on every change made outside (a text editor, another studio), noticed by the file's
 * stamp. A save names the revision it was based on; when that is not the current one the file
 * changed meanwhile and the save is refused (409), so no one's work is overwritten. */
#define _GNU_SOURCE
#define LOG_MODULE "studio"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/file.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "playlist/playlist.h"
#include "studio/studio_internal.h"

void studio_stamp(const char *path, struct file_stamp *out)
{
    struct stat sb;
    *out = (struct file_stamp){0};
    if (stat(path, &sb) != 0)
        return;
    *out = (struct file_stamp){.exists = true,
                               .mtime_ns =
                                   (int64_t)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec,
                               .size = sb.st_size,
                               .ino = sb.st_ino};
}

bool studio_same_stamp(const struct file_stamp *a, const struct file_stamp *b)
{
    return a->exists == b->exists && a->mtime_ns == b->mtime_ns && a->size == b->size &&
           a->ino == b->ino;
}

uint64_t studio_revision_locked(struct studio *st)
{
    struct file_stamp now;
    studio_stamp(st->playlist_path, &now);
    if (!studio_same_stamp(&now, &st->seen)) {
        st->seen = now;
        st->revision++;
    }
    return st->revision;
}

uint64_t studio_revision(struct studio *st)
{
    pthread_mutex_lock(&st->lock);
    uint64_t r = studio_revision_locked(st);
    pthread_mutex_unlock(&st->lock);
    return r;
}

json_t *studio_read_playlist(const struct studio *st, char *err, size_t errlen)
{
    char *data = NULL;
    size_t len = 0;
    char why[512];
    if (!file_read_all(st->playlist_path, PLAYLIST_MAX_FILE_BYTES, &data, &len, why, sizeof why)) {
        snprintf(err, errlen, "playlist.json cannot be read: %s", why);
        return NULL;
    }
    json_error_t je;
    json_t *v = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
    free(data);
    if (!v) {
        snprintf(err, errlen, "playlist.json, line %d, column %d: %s", je.line, je.column, je.text);
        return NULL;
    }
    if (!json_is_object(v)) {
        json_decref(v);
        snprintf(err, errlen, "playlist.json should hold one object, between { and }");
        return NULL;
    }
    return v;
}

/* The playlist with what the page needs beside it. A file that is not JSON (half-typed by
 * hand) comes as "playlist": null with the reason, so the page can say so and wait. */
static json_t *playlist_answer(struct studio *st, uint64_t revision)
{
    char err[600];
    json_t *pl = studio_read_playlist(st, err, sizeof err);
    json_t *langs = json_array();
    json_int_t w = 1920, h = 1080;
    if (pl) {
        json_t *l = json_object_get(pl, "languages");
        size_t i;
        json_t *item;
        json_array_foreach(l, i, item) if (json_is_string(item)) json_array_append(langs, item);
        json_t *screen = json_object_get(pl, "screen");
        if (json_is_integer(json_object_get(screen, "width")) &&
            json_is_integer(json_object_get(screen, "height"))) {
            w = json_integer_value(json_object_get(screen, "width"));
            h = json_integer_value(json_object_get(screen, "height"));
        }
    }
    json_t *v = json_pack("{s:o, s:I, s:s, s:o, s:{s:I, s:I}}", "playlist", pl ? pl : json_null(),
                          "revision", (json_int_t)revision, "dir", st->dir, "languages", langs,
                          "screen", "width", w, "height", h);
    if (!pl)
        json_object_set_new(v, "error", json_string(err));
    return v;
}

void api_get_playlist(struct studio *st, const struct studio_request *rq, struct studio_reply *rp)
{
    reply_json(rp, 200, playlist_answer(st, studio_revision(st)));
}

void api_get_state(struct studio *st, const struct studio_request *rq, struct studio_reply *rp)
{
    reply_json(rp, 200, json_pack("{s:I}", "revision", (json_int_t)studio_revision(st)));
}

/* Writes text as playlist.json unless the file holds exactly that already. */
static bool write_if_changed(struct studio *st, const char *text, size_t len, bool *written,
                             char *err, size_t errlen)
{
    char *old = NULL, why[512];
    size_t old_len = 0;
    *written = false;
    if (file_read_all(st->playlist_path, PLAYLIST_MAX_FILE_BYTES, &old, &old_len, why,
                      sizeof why) &&
        old_len == len && !memcmp(old, text, len)) {
        free(old);
        return true;
    }
    free(old);
    if (!file_write_atomic(st->playlist_path, text, len, err, errlen))
        return false;
    *written = true;
    return true;
}

void api_put_playlist(struct studio *st, const struct studio_request *rq, struct studio_reply *rp)
{
    json_error_t je;
    json_t *body = json_loadb(rq->body, rq->body_len, JSON_REJECT_DUPLICATES, &je);
    json_t *pl = json_object_get(body, "playlist");
    json_t *base = json_object_get(body, "base_revision");
    if (!json_is_object(pl) || !json_is_integer(base)) {
        json_decref(body);
        reply_error(rp, 400, "The studio expected {\"playlist\": {...}, \"base_revision\": N}.");
        return;
    }
    size_t len;
    char *text = playlist_save_text(pl, &len);
    if (len > PLAYLIST_MAX_FILE_BYTES) {
        free(text);
        json_decref(body);
        reply_error(rp, 413, "The playlist is larger than the kiosk takes (%u MiB).",
                    PLAYLIST_MAX_FILE_BYTES >> 20);
        return;
    }
    pthread_mutex_lock(&st->lock);
    uint64_t now = studio_revision_locked(st);
    if ((uint64_t)json_integer_value(base) != now) {
        pthread_mutex_unlock(&st->lock);
        free(text);
        json_decref(body);
        json_t *v = playlist_answer(st, now);
        json_object_set_new(v, "error",
                            json_string("The playlist was changed elsewhere (by hand or in "
                                        "another window) since you opened it. It has been "
                                        "reloaded; make your change again."));
        reply_json(rp, 409, v);
        return;
    }
    char err[600];
    bool written = false;
    bool ok = write_if_changed(st, text, len, &written, err, sizeof err);
    if (ok && written) {
        studio_stamp(st->playlist_path, &st->seen);
        st->revision++;
    }
    uint64_t revision = st->revision;
    pthread_mutex_unlock(&st->lock);
    free(text);
    json_decref(body);
    if (!ok) {
        LOG_ERR("%s", err);
        reply_error(rp, 500, "The playlist could not be saved: %s", err);
        return;
    }
    reply_json(rp, 200,
               json_pack("{s:I, s:o}", "revision", (json_int_t)revision, "messages",
                         studio_load_messages(st)));
}
