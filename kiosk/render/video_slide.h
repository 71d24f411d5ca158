/* A clip on a slide or page, drawn by the compositor: the frame the video player (video/
 * player.h) has for the slide's time, placed as a picture would be (fit.h: cover with a focal
 * point, or contain over the background). Kept apart from compositor.c, which reads only these
 * functions of video.
 *
 * Thread: the renderer's. */
#pragma once

#include <stdbool.h>

#include <SDL.h>

#include "media/texture_cache.h"
#include "playlist/playlist.h"
#include "video/player.h"

/* How the compositor shows clips: the player (borrowed; NULL: a clip shows its background
 * only), how long a draw may wait for the frame due (0: never, the player's loop; > 0: `kiosk
 * render`), and a time every clip is shown at (< 0: the slide's own elapsed time). */
struct video_draw {
    struct video_player *player;
    int wait_ms;
    double at;
};

/* Whether a slide's clip starts again at its end: "loop", or a "duration" of its own (longer
 * than the clip: it plays again; shorter: it is cut before its end anyway). A page's clip loops
 * with "loop" only. */
bool video_slide_loops(const struct slide *s);

/* The clip's readiness (its first frame), starting its decoder; TEXTURE_READY without a player
 * (nothing will be drawn but the background). */
enum texture_status video_slide_media(const struct video_draw *vd, const struct video_ref *v,
                                      bool loop, const char **error);

/* Draws the background (the clip's own, else bg) unless the frame covers the area, then the
 * frame at t seconds of the clip (t < 0: the clip's own clock, a page's), with opacity alpha. */
void video_slide_draw(SDL_Renderer *r, const struct video_draw *vd, const struct video_ref *v,
                      const struct background *bg, bool loop, double t, SDL_Rect area, Uint8 alpha);
