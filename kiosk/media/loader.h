/* One background decode thread, so the render loop never waits for a decode.
 *
 * The main thread queues requests; the worker decodes the highest-priority one with
 * image_decode_scaled() and posts the result; the main thread collects results with
 * image_loader_poll(). Each completed result also pushes one SDL user event of type
 * image_loader_event_type(), so a loop sleeping in SDL_WaitEventTimeout wakes up for it.
 *
 * Thread: every function is for the thread that created the loader (the main thread), except
 * that results may be collected from any one thread at a time. The worker touches no renderer.
 */
#pragma once

#include <SDL.h>

#include "media/decode.h"
#include <stdbool.h>
#include <stdint.h>

/* Suggested priorities: what is on screen beats what comes next. */
enum {
    IMAGE_PRIORITY_PREFETCH = 0,
    IMAGE_PRIORITY_VISIBLE = 100,
};

struct image_loader;

struct image_result {
    char *path; /* owned by the result */
    int out_w, out_h;
    struct image_region region; /* as requested; the surface is region.w x region.h when set */
    SDL_Surface *surface;       /* owned by the caller after poll; NULL on failure */
    char error[256];            /* why surface is NULL */
    /* The file's modification time and size just before it was read (-1 when it could not be
     * read): the version the surface shows, so a cache can tell whether it is still current. */
    int64_t mtime_ns, file_size;
    /* Every pixel is fully opaque: the picture can be copied without blending, and a slide it
     * covers needs no background drawn underneath (a large saving on software rendering). */
    bool opaque;
    /* When set, surface is a view of this surface's pixels (an opaque picture turned XRGB8888 in
     * place); freed with the result. */
    SDL_Surface *pixels_owner;
};

/* Starts the worker thread. max_pixels is passed to image_decode_scaled (<= 0: default). Also
 * registers the SDL event type (SDL_RegisterEvents). Returns NULL only when SDL cannot make a
 * thread, mutex or condition (logged). Free with image_loader_destroy(). */
struct image_loader *image_loader_create(int64_t max_pixels);

/* Queues a decode of path to out_w x out_h (path is copied). Deduplicated by (path, size): a
 * request already queued, being decoded or decoded and not yet polled is not queued again; a
 * queued one takes the higher of the two priorities. Higher priority is decoded first, equal
 * priorities first come first served. */
/* As image_loader_request, decoding only `region` of the out_w x out_h picture (see
 * image_decode_region); region NULL: the whole picture. Requests differing in region are
 * different requests. */
void image_loader_request_region(struct image_loader *l, const char *path, int out_w, int out_h,
                                 const struct image_region *region, int priority);
bool image_loader_cancel_region(struct image_loader *l, const char *path, int out_w, int out_h,
                                const struct image_region *region);
void image_loader_request(struct image_loader *l, const char *path, int out_w, int out_h,
                          int priority);

/* Drops a queued (not yet started) request; true if one was dropped. */
bool image_loader_cancel(struct image_loader *l, const char *path, int out_w, int out_h);

/* Moves one completed result into *out (the caller then owns it: image_result_clear()); false
 * when none is waiting. Results come in completion order. */
bool image_loader_poll(struct image_loader *l, struct image_result *out);

/* Like poll, but waits up to timeout_ms (negative: forever) for a result. Waiting forever on a
 * paused loader with nothing completed never returns. */
bool image_loader_wait(struct image_loader *l, struct image_result *out, int timeout_ms);

/* Frees what a result owns (path and surface) and zeroes it; safe on a zeroed result. */
void image_result_clear(struct image_result *r);

/* The SDL event type pushed per completed result (registered once; 0 if SDL had no user event
 * types left, in which case no events are pushed). event.user.data1/2 are NULL: poll instead. */
uint32_t image_loader_event_type(void);

/* While paused the worker starts no new decode (one in progress finishes). The loop may pause
 * decoding during a transition so that frames are not late on a two-core Pi; tests use it to
 * queue several requests before any starts. */
void image_loader_set_paused(struct image_loader *l, bool paused);

/* Number of requests queued and not yet started. */
int image_loader_queued(struct image_loader *l);

/* Stops the worker after the decode in progress (if any), joins it, and frees queued requests
 * and uncollected results. NULL is allowed. */
void image_loader_destroy(struct image_loader *l);
