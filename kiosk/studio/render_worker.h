/* The studio's one drawing thread. Every SDL object (the headless renderer, the text engine's
 * atlas, the texture cache) lives on it; requests hand it a job and wait for the answer, so
 * renders never run two at a time and a save never waits for one: a render reads the playlist
 * as last saved (renamed into place whole), and the next render notices the new file.
 *
 * Ownership: render_worker_start returns a worker owned by the caller until render_worker_stop.
 * Thread: render_worker_call may be called from any thread; it blocks until the job is done. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct studio;
struct render_worker;
struct render_ctx;
struct playlist;
struct headless;
struct diag_list;

struct render_worker *render_worker_start(struct studio *st);
void render_worker_stop(struct render_worker *w);

/* Runs fn(ctx, arg) on the worker thread and returns when it has. */
void render_worker_call(struct render_worker *w, void (*fn)(struct render_ctx *ctx, void *arg),
                        void *arg);

/* On the worker thread: the playlist as saved now, loaded as the player loads it (text problems
 * are warnings, drawn outlined); NULL with the first problem in plain words in *why (owned by
 * the context, valid until the next call). */
const struct playlist *render_ctx_playlist(struct render_ctx *ctx, const char **why);
/* On the worker thread: the messages of loading the saved playlist as the player does (the
 * preview's load), owned by the context until its next call. */
const struct diag_list *render_ctx_diags(struct render_ctx *ctx);
/* On the worker thread: `kiosk check`'s messages on the saved playlist (text checked strictly,
 * contrast measured), kept until the file changes; *fonts_missing when text was not checked. */
const struct diag_list *render_ctx_check(struct render_ctx *ctx, bool *fonts_missing);
/* On the worker thread: the headless output of the current playlist at its screen size, with
 * clocks at the current time; NULL when it cannot open. */
struct headless *render_ctx_output(struct render_ctx *ctx);
/* On the worker thread: what the renderer has drawn as PNG bytes (caller frees), or NULL. */
char *render_ctx_png(struct render_ctx *ctx, size_t *len);
/* The text engine of the worker, NULL when the fonts cannot be loaded. */
struct text_engine *render_ctx_engine(struct render_ctx *ctx);
/* A scratch folder of the worker's own, removed at stop. */
const char *render_ctx_scratch(struct render_ctx *ctx);
