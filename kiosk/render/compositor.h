/* The compositor: draws one scene of the view model (view/view.h: a moment of the slide loop,
 * with the slide it comes from and the transition between them, or an interactive page) into
 * the renderer's current target. The scene is all it reads of what to draw: no setters to call
 * before each draw, no questions back to the loop.
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
#include "render/text_blocks.h"
#include "video/player.h"
#include "sched/sched.h"
#include "view/view.h"

struct compositor;

/* The cache is borrowed, not owned; it must outlive the compositor. */
struct compositor *compositor_create(SDL_Renderer *r, struct texture_cache *cache);
void compositor_destroy(struct compositor *c);

/* How text is drawn: the engine and atlas (borrowed) and the preview's or check's options
 * (outline_overflow, ticker_at_start, backdrop_only). Set when they change, not per frame: the
 * language and the time clocks show come with each scene. */
void compositor_set_text(struct compositor *c, const struct text_blocks_context *text);

/* Clips on slides and pages: their frames come from player (borrowed, must outlive the
 * compositor; NULL: a clip shows its background only). wait_ms > 0: a draw waits that long for
 * the frame due (`kiosk render`); at >= 0: every clip is shown at that second (render's
 * --video-at) instead of its slide's elapsed time. Set once, not per frame. */
void compositor_set_video(struct compositor *c, struct video_player *player, int wait_ms,
                          double at);

/* Frees the crossfade layer (a screen-sized texture) until the next crossfade needs it. */
void compositor_release_layer(struct compositor *c);

/* Keeps what scene s looks like in area as a picture, to fade out of (a content switch, a page
 * or language change: view_frame's fade_from). False when no offscreen texture can be had: the
 * change is then a cut. The snapshot is a screen-sized texture until released. */
bool compositor_snapshot(struct compositor *c, const struct view_scene *s, SDL_Rect area);
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
bool compositor_image_plan(const struct compositor *c, const struct slide *s, int out_w, int out_h,
                           struct decode_plan *plan);

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

/* Draws scene s into area (the letterboxed content rectangle of the output), clearing the whole
 * output to black first (the bars): the page s->page when there is one (its picture, texts
 * mirrored where the language asks for it, QR codes and buttons), else the loop's moment
 * s->slide. s->playlist may be NULL, or s->slide.slide SCHED_NONE: then the built-in fallback
 * slide is drawn, which needs no files. Buttons to a page s->page_open says is closed are not
 * drawn; the button s->pressed shows its pressed fill. */
void compositor_draw(struct compositor *c, const struct view_scene *s, SDL_Rect area);

/* The built-in fallback slide alone. */
void compositor_draw_fallback(struct compositor *c, SDL_Rect area);
