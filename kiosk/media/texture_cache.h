/* A bounded LRU of screen-sized textures, fed by the image loader.
 *
 * Thread: main thread only (the thread that owns the renderer).
 *
 * Keys: (path, width, height). Each get/prefetch stats the file; when its modification time or
 * size differs from the version the entry holds, the file is decoded again, so an edited image
 * reloads. While a reload is in flight the old texture is still returned as READY (the screen
 * never goes blank for an edit); when it fails the entry becomes FAILED.
 *
 * Pinning by frame. The loop calls texture_cache_begin_frame() once before drawing each frame
 * (the headless renderer: once per slide). Every entry touched by get, wait or prefetch since
 * the last begin_frame is pinned: nothing evicts it until the next begin_frame. So within a frame
 * the current slide, the incoming slide of a transition and the prefetched next slide can all be
 * fetched and drawn without one evicting another. Between frames (pump after a decode finishes
 * on a still slide), the entries of the last drawn frame are still pinned, so what is on screen
 * stays valid.
 *
 * Capacity. When a new entry would exceed `capacity`, the least recently touched unpinned entry
 * is evicted (texture destroyed, a queued decode for it cancelled). If every entry is pinned the
 * cache grows past capacity for that frame and shrinks back at the next begin_frame. Capacity
 * counts entries in every state (pending and failed too), so memory is bounded by capacity
 * screen-sized textures plus what is pinned in one frame.
 *
 * Lifetimes of returned pointers (*tex and *error, owned by the cache): valid until the next
 * call of texture_cache_begin_frame(), texture_cache_pump(), texture_cache_wait() or
 * texture_cache_destroy(). get and prefetch of other keys never free them: they only evict
 * unpinned entries, and whatever get returned is pinned. (pump and wait install finished
 * decodes, which replace the texture of a reloaded entry; begin_frame unpins and trims; a get of
 * the same key whose file has vanished fails the entry and frees its texture.) So: get, draw,
 * and get again next frame; never keep a texture across frames.
 *
 * Do not call the cache (or the loader) from an SDL event watch or filter: they run inside
 * SDL_PushEvent on the loader's thread.
 */
#pragma once

#include <SDL.h>
#include <stdbool.h>

#include "media/loader.h"

enum texture_status { TEXTURE_READY, TEXTURE_PENDING, TEXTURE_FAILED };

struct texture_cache;

/* r and l must outlive the cache (the cache does not own them); r may be NULL until
 * texture_cache_set_renderer(). Uploaded textures of fully opaque pictures get
 * SDL_BLENDMODE_NONE, others SDL_BLENDMODE_BLEND. capacity >= 2 (current and next
 * slide); 3 also keeps the previous slide for going back. */
struct texture_cache *texture_cache_create(SDL_Renderer *r, struct image_loader *l, int capacity);

/* Gives the cache its renderer when it was created without one (NULL): decodes can then be
 * queued before the window exists, and results are uploaded from the first pump after this. */
void texture_cache_set_renderer(struct texture_cache *c, SDL_Renderer *r);

/* The largest texture renderer r takes, in *w x *h (0 when it does not say): what SDL reports,
 * lowered to KIOSK_MAX_TEXTURE when that is set in the environment (a side in pixels). A
 * Raspberry Pi 4's GPU takes 4096; tests force that where the GPU (or Mesa) takes more, so that
 * the path of pictures too large for the Pi runs everywhere. */
void texture_cache_renderer_limit(SDL_Renderer *r, int *w, int *h);

/* Room for `extra` entries beyond the capacity the cache was created with (never less than
 * asked before): the compositor reserves it for a slide's image blocks, small box-sized
 * pictures, so that redrawing a slide never evicts one of its own pictures to decode it again. */
void texture_cache_reserve(struct texture_cache *c, int extra);
/* What is needed now, named by touches: take a mark, get or prefetch everything the screen shows
 * or shows next, then drop the entries not touched since the mark except the `keep` most
 * recently used of them (their textures must not be drawn again without a new get). The loop
 * does this on every slide change (app_prefetch), so that a picture already shown does not hold
 * its memory while the next one decodes: with the default capacity of 2 only the current slide
 * and the next stay; a capacity of 3 keeps the previous one too. */
uint64_t texture_cache_mark(const struct texture_cache *c);
void texture_cache_drop_untouched(struct texture_cache *c, uint64_t mark, int keep);

/* Starts a frame: entries touched before now lose their pin; trims the cache to capacity. */
void texture_cache_begin_frame(struct texture_cache *c);

/* READY with *tex; else queues the decode (visible priority) and returns PENDING; or FAILED
 * with *error ("PATH: reason"). Pins the entry for this frame. A missing file fails at once
 * without a decode. Sizes over the renderer's largest texture fail. tex/error may be NULL. */
enum texture_status texture_cache_get(struct texture_cache *c, const char *path, int w, int h,
                                      SDL_Texture **tex, const char **error);

/* Queues a low-priority decode unless the entry is ready, failed for this version, or already
 * loading. Pins the entry for this frame. */
void texture_cache_prefetch(struct texture_cache *c, const char *path, int w, int h);

/* Uploads finished decodes (results for evicted entries are dropped). Returns true if any entry
 * became ready or failed: the caller should redraw. Call when image_loader_event_type() arrives
 * (or each loop turn: it is cheap when nothing finished). */
bool texture_cache_pump(struct texture_cache *c);

/* The same three for a region of the w x h picture (image_decode_region): the texture is
 * region->w x region->h. Entries differing in region are different entries. */
enum texture_status texture_cache_get_region(struct texture_cache *c, const char *path, int w,
                                             int h, const struct image_region *region,
                                             SDL_Texture **tex, const char **error);
void texture_cache_prefetch_region(struct texture_cache *c, const char *path, int w, int h,
                                   const struct image_region *region);
enum texture_status texture_cache_wait_region(struct texture_cache *c, const char *path, int w,
                                              int h, const struct image_region *region,
                                              SDL_Texture **tex, const char **error);

/* Blocks until the entry holds the file's current version (READY) or failed, pumping other
 * results meanwhile. For the headless `render` command and tests. The loader must not be
 * paused. */
enum texture_status texture_cache_wait(struct texture_cache *c, const char *path, int w, int h,
                                       SDL_Texture **tex, const char **error);

/* Number of entries held (pending, ready or failed). */
int texture_cache_count(const struct texture_cache *c);

/* Destroys every texture. Decodes still queued in the loader are cancelled; results that arrive
 * later are the loader's to free. NULL is allowed. */
void texture_cache_destroy(struct texture_cache *c);
