/* The clips on screen and the next one, as textures: the loop's side of video (decoder.h does
 * the decoding on threads of its own).
 *
 * A clip is known by its place in the playlist (the struct video_ref of its slide or page) and
 * its file. Asking whether it is ready (video_player_prepare) starts its decoder, so the next
 * slide's clip has its first frame decoded before that slide begins; drawing it
 * (video_player_texture) takes the frame due at the slide's elapsed time out of the decoder's
 * queue and uploads it into a YUV texture (SDL_UpdateYUVTexture for 4:2:0 planes,
 * SDL_UpdateNVTexture for NV12 from a V4L2 decoder): the GPU converts the colours. Frames whose
 * time passed before they could be shown are dropped and counted. After a frame is drawn,
 * video_player_frame_end() stops every clip that was on screen before and is not any more, so
 * the outgoing clip stops decoding when it is no longer seen.
 *
 * Thread: the loop's (the renderer's) only. The decoders' threads only call the wake function,
 * which pushes an SDL user event.
 *
 * Ownership: video_player_create returns a player owned by the caller (video_player_destroy).
 * Textures returned belong to the player and stay valid until the next call on the clip. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include <SDL.h>

#include "playlist/playlist.h"
#include "video/decoder.h"

/* Clips decoding at once: the one on screen, the one fading out, the next one. */
#define VIDEO_PLAYER_MAX_CLIPS 3

struct video_player_options {
    /* Try the hardware decoder for H.264 (decoder.h); hw_name, hw_test and watchdog_ms as
     * there. Tests and KIOSK_VIDEO_HW_DECODER / KIOSK_VIDEO_HW_TEST set them. */
    bool hardware;
    const char *hw_name;
    enum video_hw_test hw_test;
    int watchdog_ms;
    /* Clips with "sound": true play it through SDL's audio (the default device). False: every
     * clip is silent (kiosk render, tests without sound). */
    bool sound;
    /* The renderer is SDL's software renderer: each frame shown is converted to XRGB8888 by
     * libswscale (SIMD) straight into its texture, instead of handing SDL the YUV planes, which
     * its software renderer converts in plain C. A GPU renderer converts the planes itself. */
    bool software;
    uint32_t wake_event; /* an SDL user event pushed when a clip's first frame is in; 0: none */
};

/* Reads KIOSK_VIDEO_HW_DECODER (a decoder's name: tried as the hardware decoder, "off": none)
 * and KIOSK_VIDEO_HW_TEST ("silent", "block") into o, over what it holds. */
void video_player_options_from_env(struct video_player_options *o);

enum video_clip_state { VIDEO_CLIP_READY, VIDEO_CLIP_PENDING, VIDEO_CLIP_FAILED };

struct video_player;

struct video_player *video_player_create(SDL_Renderer *r, const struct video_player_options *o);
void video_player_destroy(struct video_player *p);

/* Whether clip v can be drawn now (its first frame decoded); starts decoding it when it is not
 * yet. loop: the clip starts again at its end. On FAILED, *error says why (owned by the player,
 * valid until the next call). */
enum video_clip_state video_player_prepare(struct video_player *p, const struct video_ref *v,
                                           bool loop, const char **error);

/* The texture of clip v's frame at t seconds from its start (t < 0: the clip's own clock, from
 * when it was first drawn: a page's clip), starting the clip if needed. NULL while it has no
 * frame. *w and *h get the texture's size. Marks the clip as seen in this frame. */
SDL_Texture *video_player_texture(struct video_player *p, const struct video_ref *v, bool loop,
                                  double t, int *w, int *h);

/* Blocks up to timeout_ms until clip v has a frame for t (or ended or failed): `kiosk render`
 * and the tests, which show one moment of a clip rather than play it. */
SDL_Texture *video_player_texture_wait(struct video_player *p, const struct video_ref *v, bool loop,
                                       double t, int timeout_ms, int *w, int *h);

/* The kiosk's settings for sound: a cap in percent (video_volume) that every clip's own volume
 * is a share of, and whether it is quiet hours now (silent). Called by the loop each turn. */
void video_player_set_volume(struct video_player *p, int cap_percent, bool quiet);

/* Milliseconds until a clip drawn in the last frame has its next frame due, by the times it was
 * last drawn at and the clock since: 0 when one is due now. A loop that presents only for clips
 * sleeps this long instead of presenting the same frame again (30 presents a second for a
 * 30 fps clip, not 60). -1 when no clip is playing. */
int64_t video_player_ms_until_frame(struct video_player *p);

/* After a frame is presented: clips shown before and not in this frame stop decoding. */
void video_player_frame_end(struct video_player *p);

/* Any clip is decoding (on screen or prepared). */
bool video_player_active(const struct video_player *p);

struct video_player_stats {
    uint64_t shown;        /* frames uploaded */
    uint64_t dropped;      /* frames whose time passed before they were shown */
    unsigned clips;        /* decoding now */
    char decoder[32];      /* of the clip drawn last: "h264", "h264_v4l2m2m"; "" none yet */
    char note[200];        /* the last fall back from the hardware decoder, and why; "" none */
    uint64_t audio_frames; /* sound samples (per channel) handed to the audio device */
    int audio_peak;        /* the loudest sample handed over, after the volume: 0..32767 */
};
void video_player_stats(const struct video_player *p, struct video_player_stats *out);
