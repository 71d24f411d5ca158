#define _GNU_SOURCE
#define LOG_MODULE "studio"
#include "studio/render_worker.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/content.h"
#include "base/file.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "cli/check_content.h"
#include "cli/headless.h"
#include "studio/studio_internal.h"
#include "text/fonts.h"
#include "text/layout.h"

struct render_ctx {
    struct studio *st;
    struct text_engine *engine;
    struct playlist *pl;     /* as loaded from `stamp`; NULL when it has errors */
    struct file_stamp stamp; /* playlist.json when last loaded */
    bool loaded;
    char *why;              /* the first problem when pl is NULL */
    struct diag_list diags; /* the load's messages */
    /* kiosk check's verdict on the file of check_stamp, kept until the file changes */
    struct diag_list check;
    struct file_stamp check_stamp;
    bool checked, check_fonts_missing;
    struct headless hd;
    bool hd_open;
    int out_w, out_h; /* the output's size: kept across reloads while the screen size is */
    char *scratch;
};

struct render_worker {
    pthread_t thread;
    pthread_mutex_t call_lock; /* one caller at a time */
    pthread_mutex_t m;         /* guards the fields below */
    pthread_cond_t cond;
    void (*fn)(struct render_ctx *ctx, void *arg);
    void *arg;
    bool pending, done, stop;
    struct render_ctx ctx; /* the worker thread's alone */
};

static void close_output(struct render_ctx *ctx)
{
    if (ctx->hd_open)
        headless_close(&ctx->hd);
    ctx->hd_open = false;
}

const struct playlist *render_ctx_playlist(struct render_ctx *ctx, const char **why)
{
    struct file_stamp now;
    studio_stamp(ctx->st->playlist_path, &now);
    if (!ctx->loaded || !studio_same_stamp(&now, &ctx->stamp)) {
        /* The output (its decoded pictures and glyphs) outlives the playlist, as the player's
         * does across a reload: the texture cache notices a picture changed on disk. */
        playlist_free(ctx->pl);
        free(ctx->why);
        ctx->why = NULL;
        diag_list_clear(&ctx->diags);
        ctx->pl = content_load(ctx->st->dir, ctx->st->cfg.max_image_pixels, ctx->engine,
                               ctx->engine ? CONTENT_TEXT_WARN : CONTENT_TEXT_SKIP, &ctx->diags);
        if (!ctx->pl) {
            for (size_t i = 0; i < ctx->diags.count && !ctx->why; i++)
                if (ctx->diags.items[i].severity == DIAG_ERROR)
                    ctx->why = xstrdup(ctx->diags.items[i].message);
            if (!ctx->why)
                ctx->why = xstrdup("the playlist cannot be read");
        }
        ctx->stamp = now;
        ctx->loaded = true;
        if (!ctx->pl || ctx->pl->width != ctx->out_w || ctx->pl->height != ctx->out_h)
            close_output(ctx);
    }
    *why = ctx->why;
    return ctx->pl;
}

const struct diag_list *render_ctx_diags(struct render_ctx *ctx)
{
    const char *why;
    render_ctx_playlist(ctx, &why);
    return &ctx->diags;
}

const struct diag_list *render_ctx_check(struct render_ctx *ctx, bool *fonts_missing)
{
    struct file_stamp now;
    studio_stamp(ctx->st->playlist_path, &now);
    if (!ctx->checked || !studio_same_stamp(&now, &ctx->check_stamp)) {
        diag_list_clear(&ctx->check);
        check_content_collect(ctx->st->dir, &ctx->st->cfg, ctx->engine, &ctx->check, NULL,
                              &ctx->check_fonts_missing, NULL);
        ctx->check_stamp = now;
        ctx->checked = true;
    }
    *fonts_missing = ctx->check_fonts_missing;
    return &ctx->check;
}

/* Screen-sized pictures kept decoded: more than a kiosk keeps (it shows one slide after the
 * next), as the studio jumps between slides and languages. */
static int studio_texture_cache(const struct studio *st)
{
    return st->cfg.texture_cache_size > 8 ? st->cfg.texture_cache_size : 8;
}

struct headless *render_ctx_output(struct render_ctx *ctx)
{
    if (!ctx->pl)
        return NULL;
    if (!ctx->hd_open) {
        if (!headless_open(&ctx->hd, ctx->pl, 0, 0, ctx->st->cfg.max_image_pixels,
                           studio_texture_cache(ctx->st), ctx->engine, time(NULL), NULL))
            return NULL;
        ctx->hd_open = true;
        ctx->out_w = ctx->pl->width;
        ctx->out_h = ctx->pl->height;
    }
    /* Clocks show the time of the render, not of the first one. */
    ctx->hd.text.wall = time(NULL);
    return &ctx->hd;
}

char *render_ctx_png(struct render_ctx *ctx, size_t *len)
{
    char *path = xasprintf("%s/frame.png", ctx->scratch);
    char *data = NULL, err[512];
    if (!display_save_png(&ctx->hd.display, path) ||
        !file_read_all(path, (size_t)256 << 20, &data, len, err, sizeof err))
        data = NULL;
    unlink(path);
    free(path);
    return data;
}

struct text_engine *render_ctx_engine(struct render_ctx *ctx)
{
    return ctx->engine;
}

const char *render_ctx_scratch(struct render_ctx *ctx)
{
    return ctx->scratch;
}

static void *worker_main(void *arg)
{
    struct render_worker *w = arg;
    w->ctx.engine = text_engine_create(font_set_default_dir());
    if (!w->ctx.engine)
        LOG_WARN("the fonts in %s cannot be loaded; previews show no text", font_set_default_dir());
    pthread_mutex_lock(&w->m);
    for (;;) {
        while (!w->pending && !w->stop)
            pthread_cond_wait(&w->cond, &w->m);
        if (w->stop)
            break;
        pthread_mutex_unlock(&w->m);
        w->fn(&w->ctx, w->arg);
        pthread_mutex_lock(&w->m);
        w->pending = false;
        w->done = true;
        pthread_cond_broadcast(&w->cond);
    }
    pthread_mutex_unlock(&w->m);
    close_output(&w->ctx);
    playlist_free(w->ctx.pl);
    free(w->ctx.why);
    diag_list_clear(&w->ctx.diags);
    diag_list_clear(&w->ctx.check);
    text_engine_destroy(w->ctx.engine);
    SDL_Quit();
    return NULL;
}

struct render_worker *render_worker_start(struct studio *st)
{
    struct render_worker *w = xcalloc(1, sizeof(*w));
    w->ctx.st = st;
    const char *tmp = getenv("TMPDIR");
    char *templ = xasprintf("%s/kiosk-studio-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    w->ctx.scratch = mkdtemp(templ) ? templ : NULL;
    if (!w->ctx.scratch) {
        LOG_ERR("cannot create a scratch folder in %s", tmp && *tmp ? tmp : "/tmp");
        free(templ);
    }
    pthread_mutex_init(&w->call_lock, NULL);
    pthread_mutex_init(&w->m, NULL);
    pthread_cond_init(&w->cond, NULL);
    if (pthread_create(&w->thread, NULL, worker_main, w) != 0) {
        LOG_ERR("cannot start the drawing thread");
        abort();
    }
    return w;
}

void render_worker_call(struct render_worker *w, void (*fn)(struct render_ctx *ctx, void *arg),
                        void *arg)
{
    pthread_mutex_lock(&w->call_lock);
    pthread_mutex_lock(&w->m);
    w->fn = fn;
    w->arg = arg;
    w->done = false;
    w->pending = true;
    pthread_cond_broadcast(&w->cond);
    while (!w->done)
        pthread_cond_wait(&w->cond, &w->m);
    pthread_mutex_unlock(&w->m);
    pthread_mutex_unlock(&w->call_lock);
}

void render_worker_stop(struct render_worker *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->m);
    w->stop = true;
    pthread_cond_broadcast(&w->cond);
    pthread_mutex_unlock(&w->m);
    pthread_join(w->thread, NULL);
    if (w->ctx.scratch) {
        /* Only frame.png and the sheet's files are ever written there. */
        DIR *d = opendir(w->ctx.scratch);
        struct dirent *e;
        while (d && (e = readdir(d))) {
            if (e->d_name[0] == '.')
                continue;
            char *p = xasprintf("%s/%s", w->ctx.scratch, e->d_name);
            unlink(p);
            free(p);
        }
        if (d)
            closedir(d);
        rmdir(w->ctx.scratch);
        free(w->ctx.scratch);
    }
    pthread_cond_destroy(&w->cond);
    pthread_mutex_destroy(&w->m);
    pthread_mutex_destroy(&w->call_lock);
    free(w);
}
