/* The kiosk's renderer with no display at all (SDL's software renderer on a memory surface),
 * shared by the commands that draw what a kiosk would show: `kiosk render` writes the frames,
 * `kiosk check` measures the contrast of text over what lies behind it.
 *
 * headless_draw_* wait until the pictures a slide or page needs are decoded, then draw it with
 * the same compositor the player uses, so a frame here is the frame on a kiosk's screen.
 *
 * Ownership: the struct is the caller's; headless_open fills it and headless_close releases what
 * it made. The engine and playlist are borrowed. Thread: one thread, the caller's. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <SDL.h>

#include "platform/display.h"
#include "playlist/playlist.h"
#include "render/compositor.h"
#include "sched/sched.h"
#include "video/player.h"

struct headless {
    struct display display;
    struct image_loader *loader;
    struct texture_cache *cache;
    struct compositor *comp;
    struct glyph_atlas *atlas;       /* NULL without an engine */
    struct text_blocks_context text; /* language, clock time, preview outlines */
    SDL_Rect area;                   /* the playlist's letterboxed rectangle on the output */
    struct video_player *video;      /* clips: a frame is waited for, not played */
    /* The accessibility controls drawn over each frame (button false: none); with `on`, pl is
     * accessible mode's copy (access/relayout.h). Pages set `speech` themselves. */
    struct view_access_scene access;
};

/* How long a draw waits for a clip's frame. */
#define HEADLESS_VIDEO_WAIT_MS 10000

/* An output of w x h (the playlist's screen size when 0) for playlist pl; initialises SDL's
 * events when needed. renderer: NULL for SDL's software renderer on a memory surface, or the
 * name of a GPU renderer (display_open_headless_gpu: "opengles2" is the Pi's). False with the
 * reason logged. */
bool headless_open(struct headless *h, const struct playlist *pl, int w, int hgt,
                   size_t max_image_pixels, size_t texture_cache_size, struct text_engine *engine,
                   time_t wall, const char *renderer);
void headless_close(struct headless *h);

/* Clips are drawn at `seconds` from their start from now on (< 0: at their slide's time, which
 * is the slide's start for a slide alone). */
void headless_set_video_at(struct headless *h, double seconds);

/* The language text is drawn in from now on. */
void headless_set_lang(struct headless *h, const char *lang);

/* Draws frame f of pl (a slide, or a transition between two). False, with *error set to a
 * static or cache-owned reason, when a picture it needs cannot be decoded. */
bool headless_draw_frame(struct headless *h, const struct playlist *pl, const struct sched_frame *f,
                         const char **error);
/* Draws interactive page `page` of pl in the current language; false as above. */
bool headless_draw_page(struct headless *h, const struct playlist *pl, size_t page,
                        const char **error);
