/* What the studio's modules share: the server's state, one request and its reply, and the
 * handlers the route table (server.c) dispatches to. Nothing here knows libmicrohttpd except
 * server.c; handlers read a struct studio_request and fill a struct studio_reply.
 *
 * Threads: libmicrohttpd runs each connection on its own thread, so handlers run concurrently.
 * struct studio's mutable fields are guarded by its `lock`; renders go to one worker thread
 * (render_worker.c) that owns every SDL object. */
#pragma once

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <jansson.h>

#include "app/config.h"

struct render_worker;

/* Bounds on what one request may carry or cause. */
#define STUDIO_MAX_CONNECTIONS 16
#define STUDIO_CONNECTION_TIMEOUT 30           /* seconds a connection may stay idle */
#define STUDIO_MAX_JSON_BODY ((size_t)4 << 20) /* the parser's playlist limit, with room */
#define STUDIO_MAX_UPLOAD ((size_t)64 << 20)   /* one picture dropped on the page */
#define STUDIO_MAX_MEDIA_FILES 500             /* files in DIR/media the studio adds to */
#define STUDIO_MAX_BODIES ((size_t)192 << 20)  /* all requests' bodies held at once */

/* Identity of playlist.json on disk: a rename, a write or a touch changes it. */
struct file_stamp {
    bool exists;
    int64_t mtime_ns;
    off_t size;
    ino_t ino;
};

struct studio {
    char *dir;           /* absolute, real path of the playlist folder; owned */
    char *playlist_path; /* dir/playlist.json; owned */
    char *web_dir;       /* the page's files; owned */
    char *state_dir;     /* $XDG_STATE_HOME/kiosk-studio (what is remembered); owned */
    int port;
    char token[65]; /* 32 random bytes in hex */
    struct config cfg;
    struct render_worker *renderer;
    atomic_size_t body_bytes; /* held by requests being received now, <= STUDIO_MAX_BODIES */

    pthread_mutex_t lock;   /* guards the fields below and every write into dir */
    uint64_t revision;      /* grows on every save and every outside change */
    struct file_stamp seen; /* playlist.json as the revision last counted it */
};

struct studio_request {
    const char *method; /* "GET", "PUT", "POST" */
    const char *path;   /* the URL path, "/api/playlist" */
    const char *rest;   /* what follows a route that ends in '/' ("media/a.jpg"), else "" */
    const char *body;   /* NUL-terminated; "" when there is none */
    size_t body_len;
    void *conn; /* for studio_query; server.c's */
};

struct studio_reply {
    int status;
    char *body; /* owned; freed by server.c */
    size_t len;
    const char *content_type; /* static */
    bool has_fd;              /* the body is this open file of fd_size bytes, closed by
                               * server.c, instead of `body` */
    int fd;
    size_t fd_size;
};

/* A query argument of the request, NULL when absent (owned by the request). */
const char *studio_query(const struct studio_request *rq, const char *name);

/* Reply helpers: they take ownership of `v` (json) or copy the data. */
void reply_json(struct studio_reply *rp, int status, json_t *v);
void reply_error(struct studio_reply *rp, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void reply_data(struct studio_reply *rp, int status, const char *content_type, char *data,
                size_t len); /* takes data (malloc'd) */

/* The current revision, counting an outside change of playlist.json first. Takes st->lock. */
uint64_t studio_revision(struct studio *st);
/* The same with st->lock already held. */
uint64_t studio_revision_locked(struct studio *st);
void studio_stamp(const char *path, struct file_stamp *out);
bool studio_same_stamp(const struct file_stamp *a, const struct file_stamp *b);

/* guard.c: the checks every request passes, and paths confined to a folder. */
bool guard_host_ok(const struct studio *st, const char *host);
bool guard_origin_ok(const struct studio *st, const char *origin);
bool guard_token_ok(const struct studio *st, const char *token);
/* Whether rel is a relative path of plain names (no "..", ".", hidden names, backslashes or
 * control characters) of at most 255 bytes. */
bool guard_relative_ok(const char *rel);
/* Opens dir/rel for reading when it is a regular file that stays inside dir after every link is
 * followed: -1 when there is no such file (or it is not a plain file, or is over max_size), -2
 * when it lies outside dir. *size receives its size. */
int guard_open_inside(const char *dir, const char *rel, size_t max_size, size_t *size);

/* Whether dir/rel is a regular file inside dir (as guard_open_inside). */
bool guard_file_inside(const char *dir, const char *rel);

/* Handlers, one module per concern. */
void api_get_playlist(struct studio *st, const struct studio_request *rq, struct studio_reply *rp);
void api_put_playlist(struct studio *st, const struct studio_request *rq, struct studio_reply *rp);
void api_get_state(struct studio *st, const struct studio_request *rq, struct studio_reply *rp);
void api_get_preview(struct studio *st, const struct studio_request *rq, struct studio_reply *rp);
void api_get_index(struct studio *st, const struct studio_request *rq, struct studio_reply *rp);
void api_get_static(struct studio *st, const struct studio_request *rq, struct studio_reply *rp);
void api_get_media(struct studio *st, const struct studio_request *rq, struct studio_reply *rp);
void api_post_media(struct studio *st, const struct studio_request *rq, struct studio_reply *rp);
void api_get_check(struct studio *st, const struct studio_request *rq, struct studio_reply *rp);
void api_get_boxes(struct studio *st, const struct studio_request *rq, struct studio_reply *rp);
void api_get_styles(struct studio *st, const struct studio_request *rq, struct studio_reply *rp);
void api_get_templates(struct studio *st, const struct studio_request *rq, struct studio_reply *rp);
void api_get_sticks(struct studio *st, const struct studio_request *rq, struct studio_reply *rp);
void api_post_stick(struct studio *st, const struct studio_request *rq, struct studio_reply *rp);
void api_get_sheet(struct studio *st, const struct studio_request *rq, struct studio_reply *rp);
void api_get_schedule(struct studio *st, const struct studio_request *rq, struct studio_reply *rp);

/* api_check.c: the messages of loading the saved playlist as the player does (quick; what a
 * save answers with), as the JSON array /api/check gives. Caller owns it. */
json_t *studio_load_messages(struct studio *st);

/* playlist_save.c: the playlist as the studio writes it. */
/* The text of playlist.json for v: keys in the order docs/playlist.md presents them (unknown
 * keys after, sorted), 2-space indentation, short arrays and objects on one line, UTF-8 as it
 * is, a trailing newline. Caller frees. */
char *playlist_save_text(const json_t *v, size_t *len);

/* Reads playlist.json of st (bounded) and parses it; NULL with a plain reason in err. */
json_t *studio_read_playlist(const struct studio *st, char *err, size_t errlen);
