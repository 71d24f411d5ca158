/* The compositor: draws one moment of the show (the current slide, the slide it comes from,
 * the transition between them) into the renderer's current target.
 *
 * Thread: main thread only (it uses the renderer). It owns one offscreen layer texture, used
 * only while a crossfade is running, so that a slide fades in as one picture (background and
 * image together) rather than layer by layer, and a snapshot texture while content is being
 * replaced. */
#pragma once

#include <stdbool.h>

#include <SDL.h>

#include "media/texture_cache.h"
#include "playlist/playlist.h"
#include "render/fit.h"
#include "render/interactive.h"
#include "render/slide_text.h"
#include "sched/sched.h"

struct compositor;

/* The cache is borrowed, not owned; it must outlive the compositor. */
struct compositor *compositor_create(SDL_Renderer *r, struct texture_cache *cache);
void compositor_destroy(struct compositor *c);

/* How text is drawn from now on: the engine and atlas (borrowed), the language of the current
 * slide, the wall-clock time for clocks; from_lang is the outgoing slide's language during a
 * transition (NULL: the same). */
void compositor_set_text(struct compositor *c, const struct slide_text_context *text,
                         const char *from_lang);

/* Frees the crossfade layer (a screen-sized texture) until the next crossfade needs it. */
void compositor_release_layer(struct compositor *c);

/* Keeps what frame f of pl looks like in area as a picture, to fade out of content that is
 * being replaced (a new bundle, a reload). False when no offscreen texture can be had: the
 * switch is then a cut. The snapshot is a screen-sized texture until released. */
bool compositor_snapshot(struct compositor *c, const struct playlist *pl,
                         const struct sched_frame *f, SDL_Rect area);
/* The same for any picture: between begin and end everything drawn goes into the snapshot,
 * whose area is (0, 0, area.w, area.h). False from begin: no snapshot (and no end). */
bool compositor_snapshot_begin(struct compositor *c, SDL_Rect area);
void compositor_snapshot_end(struct compositor *c);
/* Lays the snapshot over area with opacity alpha (0..1); nothing when there is none. */
void compositor_draw_snapshot(struct compositor *c, SDL_Rect area, float alpha);
void compositor_release_snapshot(struct compositor *c);

/* Largest texture side the renderer takes (4096 on a Pi 4/5). */
int compositor_max_texture(const struct compositor *c);

/* What to decode for slide s's image on an output of out_w x out_h; false if it has none. */
bool compositor_image_plan(const struct compositor *c, const struct slide *s, int out_w,
                           int out_h, struct decode_plan *plan);

/* State of slide i's media (its picture and image blocks) on this output: READY also when it
 * has none. Queues the decodes when needed; prefetch=true queues at low priority. */
enum texture_status compositor_slide_media(struct compositor *c, const struct slide *s, int out_w,
                                           int out_h, bool prefetch, const char **error);

/* Blocks until the image blocks' pictures for an out_w x out_h output are decoded (the headless
 * `render` command); false with *error when one cannot be. */
bool compositor_wait_images(struct compositor *c, const struct image_block *blocks, size_t n,
                            int out_w, int out_h, const char **error);

/* The same for an interactive page's image. */
enum texture_status compositor_page_media(struct compositor *c, const struct page *p, int out_w,
                                          int out_h, bool prefetch, const char **error);

/* Which button (index in the slide's or page's buttons) shows pressed; INTERACTIVE_NO_PRESS
 * (-1) for none. */
void compositor_set_pressed(struct compositor *c, int button);

/* Which buttons show from now on (copied; NULL: all). */
void compositor_set_button_filter(struct compositor *c, const struct button_filter *filter);

/* Draws interactive page `page` of pl into area: its picture, texts (mirrored where the
 * language shown asks for it), QR codes and buttons; the text context's language is shown. */
void compositor_draw_page(struct compositor *c, const struct playlist *pl, size_t page,
                          SDL_Rect area);

/* Draws frame f of playlist pl into area (the letterboxed content rectangle of the output),
 * clearing the whole output to black first (the bars). pl may be NULL, or f.slide SCHED_NONE:
 * then the built-in fallback slide is drawn, which needs no files. */
void compositor_draw(struct compositor *c, const struct playlist *pl, const struct sched_frame *f,
                     SDL_Rect area);

/* The built-in fallback slide alone. */
void compositor_draw_fallback(struct compositor *c, SDL_Rect area);
