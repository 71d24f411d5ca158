/* The studio's web server: libmicrohttpd on 127.0.0.1, one thread per connection (a render
 * blocks only the request that asked for it), a table of routes, the guard before any handler,
 * and the same safe headers on every response. */
#define _GNU_SOURCE
#define LOG_MODULE "studio"
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <microhttpd.h>
#include <sodium.h>

#include "app/config.h"
#include "base/dynlib.h"
#include "base/file.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "studio/render_worker.h"
#include "studio/studio.h"
#include "studio/studio_internal.h"

/* libmicrohttpd, opened when the studio starts (base/dynlib.h says why): with GnuTLS behind it,
 * it is a dozen libraries a kiosk that only plays never needs. */
#define MHD_SONAME "libmicrohttpd.so.12"
#define MHD_FUNCTIONS(X)                                                                           \
    X(MHD_add_response_header)                                                                     \
    X(MHD_create_response_from_buffer)                                                             \
    X(MHD_create_response_from_fd)                                                                 \
    X(MHD_destroy_response)                                                                        \
    X(MHD_lookup_connection_value)                                                                 \
    X(MHD_queue_response)                                                                          \
    X(MHD_start_daemon)                                                                            \
    X(MHD_stop_daemon)

static struct {
#define MHD_POINTER(name) __typeof__(&name) name;
    MHD_FUNCTIONS(MHD_POINTER)
#undef MHD_POINTER
} mhd;

static const struct dynlib_symbol mhd_symbols[] = {
#define MHD_SYMBOL(name) {MHD_SONAME, #name, (void **)&mhd.name},
    MHD_FUNCTIONS(MHD_SYMBOL)
#undef MHD_SYMBOL
};

/* Every MHD_ call below goes through the table, loaded at the top of studio_run(). */
#define MHD_add_response_header mhd.MHD_add_response_header
#define MHD_create_response_from_buffer mhd.MHD_create_response_from_buffer
#define MHD_create_response_from_fd mhd.MHD_create_response_from_fd
#define MHD_destroy_response mhd.MHD_destroy_response
#define MHD_lookup_connection_value mhd.MHD_lookup_connection_value
#define MHD_queue_response mhd.MHD_queue_response
#define MHD_start_daemon mhd.MHD_start_daemon
#define MHD_stop_daemon mhd.MHD_stop_daemon

extern char **environ;

typedef void (*studio_handler)(struct studio *st, const struct studio_request *rq,
                               struct studio_reply *rp);

/* Every address the server answers. `prefix` routes match the path and anything under it. */
static const struct route {
    const char *method;
    const char *path;
    bool prefix;
    bool token;      /* needs the token */
    size_t max_body; /* bytes a request may carry; 0: none */
    studio_handler handler;
} routes[] = {
    {"GET", "/", false, true, 0, api_get_index},
    {"GET", "/static/", true, false, 0, api_get_static},
    {"GET", "/api/playlist", false, true, 0, api_get_playlist},
    {"PUT", "/api/playlist", false, true, STUDIO_MAX_JSON_BODY, api_put_playlist},
    {"GET", "/api/state", false, true, 0, api_get_state},
    {"GET", "/api/preview.png", false, true, 0, api_get_preview},
    {"GET", "/api/media/", true, true, 0, api_get_media},
    {"POST", "/api/media", false, true, STUDIO_MAX_UPLOAD, api_post_media},
    {"GET", "/api/check", false, true, 0, api_get_check},
    {"GET", "/api/boxes", false, true, 0, api_get_boxes},
    {"GET", "/api/styles", false, true, 0, api_get_styles},
    {"GET", "/api/templates", false, true, 0, api_get_templates},
    {"GET", "/api/sticks", false, true, 0, api_get_sticks},
    {"POST", "/api/stick", false, true, 64 * 1024, api_post_stick},
    {"GET", "/api/sheet.png", false, true, 0, api_get_sheet},
    {"GET", "/api/schedule", false, true, 0, api_get_schedule},
};

/* What one connection's request has gathered so far. */
struct request_ctx {
    const struct route *route; /* NULL: answered already (refused) */
    char *body;
    size_t len, max;
    bool too_big;
    bool busy; /* the bodies of all requests together would pass STUDIO_MAX_BODIES */
};

void reply_data(struct studio_reply *rp, int status, const char *content_type, char *data,
                size_t len)
{
    free(rp->body);
    rp->status = status;
    rp->content_type = content_type;
    rp->body = data;
    rp->len = len;
}

void reply_json(struct studio_reply *rp, int status, json_t *v)
{
    char *s = json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(6));
    json_decref(v);
    if (!s)
        s = xstrdup("{}");
    reply_data(rp, status, "application/json; charset=utf-8", s, strlen(s));
}

void reply_error(struct studio_reply *rp, int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    reply_json(rp, status, json_pack("{s:s}", "error", msg));
    free(msg);
}

const char *studio_query(const struct studio_request *rq, const char *name)
{
    return MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, name);
}

static enum MHD_Result send_reply(struct MHD_Connection *conn, struct studio_reply *rp)
{
    struct MHD_Response *r;
    if (rp->has_fd) /* MHD closes the file when the response is done */
        r = MHD_create_response_from_fd(rp->fd_size, rp->fd);
    else
        r = MHD_create_response_from_buffer(rp->len, rp->body ? rp->body : "",
                                            rp->body ? MHD_RESPMEM_MUST_FREE
                                                     : MHD_RESPMEM_PERSISTENT);
    rp->body = NULL;
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, "Content-Type", rp->content_type ? rp->content_type : "text/plain");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' blob: data:; object-src 'none'; "
                            "base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    enum MHD_Result ret = MHD_queue_response(conn, (unsigned)rp->status, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result refuse(struct MHD_Connection *conn, int status, const char *msg)
{
    struct studio_reply rp = {0};
    reply_error(&rp, status, "%s", msg);
    return send_reply(conn, &rp);
}

#define NO_TOKEN                                                                                   \
    "This address has no valid token. Open the address kiosk studio printed, with its ?token=..."

/* The page opened without its token: words for the person at the browser, not JSON. */
static enum MHD_Result refuse_page(struct MHD_Connection *conn)
{
    static const char html[] =
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
        "<title>Kiosk studio</title></head><body><p>" NO_TOKEN "</p></body></html>\n";
    struct studio_reply rp = {0};
    reply_data(&rp, 403, "text/html; charset=utf-8", xstrdup(html), strlen(html));
    return send_reply(conn, &rp);
}

static const struct route *find_route(const char *method, const char *url, bool *other_method)
{
    *other_method = false;
    for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
        const struct route *r = &routes[i];
        bool match = r->prefix ? !strncmp(url, r->path, strlen(r->path)) : !strcmp(url, r->path);
        if (!match)
            continue;
        if (!strcmp(method, r->method))
            return r;
        *other_method = true;
    }
    return NULL;
}

/* The first call for a request: the guard, the route and the body's bound, before any byte of
 * the body is read. */
static enum MHD_Result start_request(struct studio *st, struct MHD_Connection *conn,
                                     const char *url, const char *method, struct request_ctx *ctx)
{
    const char *host = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Host");
    if (!guard_host_ok(st, host))
        return refuse(conn, 403,
                      "This address is not the studio's: open the link the studio printed.");
    const char *origin = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Origin");
    if (!guard_origin_ok(st, origin))
        return refuse(conn, 403, "Another web site cannot use the studio.");
    bool other_method;
    const struct route *r = find_route(method, url, &other_method);
    if (!r)
        return refuse(conn, other_method ? 405 : 404, "There is nothing at this address.");
    if (r->token) {
        const char *token = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Studio-Token");
        if (!token)
            token = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "token");
        if (!guard_token_ok(st, token) && r->handler == api_get_index)
            return refuse_page(conn);
        if (!guard_token_ok(st, token))
            return refuse(conn, 403, NO_TOKEN);
    }
    const char *length = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
    if (length && strtoull(length, NULL, 10) > r->max_body)
        return refuse(conn, 413,
                      r->max_body ? "This is too large for the studio."
                                  : "This address takes no data.");
    ctx->route = r;
    ctx->max = r->max_body;
    return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls)
{
    struct studio *st = cls;
    struct request_ctx *ctx = *con_cls;
    if (!ctx) {
        ctx = xcalloc(1, sizeof(*ctx));
        *con_cls = ctx;
        return start_request(st, conn, url, method, ctx);
    }
    if (!ctx->route)
        return MHD_NO; /* refused above; the rest of its body is not wanted */
    if (*upload_size) {
        /* Gathered up to the bound; what is beyond it is counted, not kept. */
        if (!ctx->too_big && !ctx->busy && ctx->len + *upload_size <= ctx->max &&
            atomic_fetch_add(&st->body_bytes, *upload_size) + *upload_size > STUDIO_MAX_BODIES) {
            atomic_fetch_sub(&st->body_bytes, *upload_size);
            ctx->busy = true;
        }
        if (!ctx->too_big && !ctx->busy && ctx->len + *upload_size <= ctx->max) {
            ctx->body = xrealloc(ctx->body, ctx->len + *upload_size + 1);
            memcpy(ctx->body + ctx->len, upload, *upload_size);
            ctx->len += *upload_size;
            ctx->body[ctx->len] = '\0';
        } else if (!ctx->busy) {
            ctx->too_big = true;
        }
        *upload_size = 0;
        return MHD_YES;
    }
    if (ctx->too_big)
        return refuse(conn, 413, "This is too large for the studio.");
    if (ctx->busy)
        return refuse(conn, 503, "The studio is busy receiving other files; try again.");
    const char *route_path = ctx->route->path;
    struct studio_request rq = {
        .method = method,
        .path = url,
        .rest = ctx->route->prefix ? url + strlen(route_path) : "",
        .body = ctx->body ? ctx->body : "",
        .body_len = ctx->len,
        .conn = conn,
    };
    struct studio_reply rp = {.status = 500};
    ctx->route->handler(st, &rq, &rp);
    if (!rp.body && !rp.has_fd)
        reply_error(&rp, 500, "The studio could not answer.");
    return send_reply(conn, &rp);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode why)
{
    struct studio *st = cls;
    struct request_ctx *ctx = *con_cls;
    if (!ctx)
        return;
    atomic_fetch_sub(&st->body_bytes, ctx->len);
    free(ctx->body);
    free(ctx);
    *con_cls = NULL;
}

/* A listening socket on 127.0.0.1: the port asked for, or with `next_free` the first free one
 * of the next twenty. -1 with the reason on stderr. */
static int listen_loopback(int port, bool next_free, int *bound)
{
    for (int i = 0; i < (next_free ? 20 : 1); i++) {
        int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0)
            break;
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)(port + i))};
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (bind(fd, (struct sockaddr *)&a, sizeof a) == 0 && listen(fd, 32) == 0) {
            socklen_t len = sizeof a;
            getsockname(fd, (struct sockaddr *)&a, &len);
            *bound = ntohs(a.sin_port);
            return fd;
        }
        int err = errno;
        close(fd);
        if (err != EADDRINUSE || !next_free) {
            fprintf(stderr, "kiosk: studio: cannot listen on 127.0.0.1:%d: %s\n", port + i,
                    strerror(err));
            return -1;
        }
    }
    fprintf(stderr, "kiosk: studio: ports %d to %d are all taken; choose one with --port\n", port,
            port + 19);
    return -1;
}

/* The page's folder: $KIOSK_STUDIO_WEB, the source tree's when run from a build, else the
 * installed one. */
static char *web_dir(void)
{
    const char *env = getenv("KIOSK_STUDIO_WEB");
    if (env && *env)
        return xstrdup(env);
    struct stat sb;
    if (stat(KIOSK_SOURCE_DIR "/kiosk/studio/web", &sb) == 0 && S_ISDIR(sb.st_mode))
        return xstrdup(KIOSK_SOURCE_DIR "/kiosk/studio/web");
    return xstrdup("/usr/share/kiosk/studio");
}

static char *state_dir(void)
{
    const char *xdg = getenv("XDG_STATE_HOME");
    if (xdg && xdg[0] == '/')
        return xasprintf("%s/kiosk-studio", xdg);
    const char *home = getenv("HOME");
    return xasprintf("%s/.local/state/kiosk-studio", home && *home ? home : "/tmp");
}

static void open_browser(const char *url)
{
    if (!getenv("DISPLAY") && !getenv("WAYLAND_DISPLAY"))
        return;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    char *argv[] = {"xdg-open", (char *)url, NULL};
    pid_t pid;
    if (posix_spawnp(&pid, "xdg-open", &fa, NULL, argv, environ) != 0)
        fprintf(stderr, "kiosk: studio: cannot open a browser; open the link above yourself\n");
    posix_spawn_file_actions_destroy(&fa);
}

int studio_run(const struct studio_options *o)
{
    if (sodium_init() < 0) {
        fprintf(stderr, "kiosk: studio: libsodium cannot start\n");
        return 1;
    }
    char why[256];
    if (!dynlib_load(mhd_symbols, sizeof mhd_symbols / sizeof mhd_symbols[0], why, sizeof why)) {
        fprintf(stderr, "kiosk: studio: libmicrohttpd is missing (%s); install libmicrohttpd12\n",
                why);
        return 1;
    }
    struct studio st = {0};
    st.dir = realpath(o->dir, NULL);
    if (!st.dir) {
        fprintf(stderr, "kiosk: studio: %s: %s\n", o->dir, strerror(errno));
        return 1;
    }
    st.playlist_path = xasprintf("%s/playlist.json", st.dir);
    st.web_dir = web_dir();
    st.state_dir = state_dir();
    config_defaults(&st.cfg);
    config_load(&st.cfg, CONFIG_DEFAULT_PATH, true);
    pthread_mutex_init(&st.lock, NULL);
    studio_stamp(st.playlist_path, &st.seen);
    st.revision = 1;
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(st.token, sizeof st.token, raw, sizeof raw);

    int port = 0;
    int fd = listen_loopback(o->port, !o->port_given, &port);
    if (fd < 0)
        return 1;
    st.port = port;

    /* Signals are taken by this thread alone (sigwait below): every thread started from here on
     * inherits the blocked set. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    st.renderer = render_worker_start(&st);
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION | MHD_USE_ERROR_LOG, 0,
        NULL, NULL, on_request, &st, MHD_OPTION_LISTEN_SOCKET, fd, MHD_OPTION_CONNECTION_LIMIT,
        (unsigned)STUDIO_MAX_CONNECTIONS, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)STUDIO_CONNECTION_TIMEOUT, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)STUDIO_MAX_CONNECTIONS,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, &st, MHD_OPTION_END);
    int status = 0;
    if (!d) {
        fprintf(stderr, "kiosk: studio: the web server cannot start\n");
        close(fd);
        status = 1;
    } else {
        char *url = xasprintf("http://127.0.0.1:%d/?token=%s", port, st.token);
        printf("Kiosk studio for %s: %s\n", st.dir, url);
        printf("Keep this window open while you work; press Ctrl+C to stop the studio.\n");
        fflush(stdout);
        if (o->open_browser)
            open_browser(url);
        free(url);
        int sig = 0;
        sigwait(&stop, &sig);
        printf("Kiosk studio stopped.\n");
        MHD_stop_daemon(d); /* closes the listening socket */
    }
    render_worker_stop(st.renderer);
    pthread_mutex_destroy(&st.lock);
    free(st.dir);
    free(st.playlist_path);
    free(st.web_dir);
    free(st.state_dir);
    return status;
}
