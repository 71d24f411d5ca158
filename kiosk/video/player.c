#define LOG_MODULE "video"
/* The loop's side of video (player.h): which clips decode, their frames into YUV textures. */
#include "video/player.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libavutil/frame.h>
#include <libavutil/mem.h>
#include <libavutil/pixfmt.h>
#include <libswscale/swscale.h>

#include "base/clock.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "media/ffmpeg_lib.h"

/* A frame this far before the one shown means the slide started again (a show of one slide, a
 * preview's reload): the clip starts again too. */
#define REWIND_S 0.25
/* The player's own watchdog, for a hardware call that never returns: the decoder's thread
 * cannot notice that itself. */
#define HW_BLOCKED_EXTRA_MS 1000
/* Sound is handed to the device this far ahead of the picture's time (the device's own buffer
 * plays it on time); chunks already this far behind it are dropped. */
#define AUDIO_LEAD_S 0.15
#define AUDIO_STALE_S 0.05

struct clip {
    const struct video_ref *ref; /* the playlist's; compared, never read after it is gone */
    char *path;                  /* owned copy: a new playlist may put another clip at ref */
    bool loop;
    bool hardware; /* this clip's decoder may try the hardware one */
    struct video_decoder *dec;
    SDL_Texture *tex;
    int tex_w, tex_h;
    Uint32 tex_format;
    bool has_frame; /* tex holds a frame */
    double frame_t; /* its time */
    bool seen, seen_now;
    int64_t own_start_ms; /* t < 0: the clip's own clock started then; -1 before */
    double drawn_t;       /* the clip time it was last drawn at, */
    int64_t drawn_ms;     /* and when (monotonic) */
    uint64_t used;        /* the player's counter when last asked about */
    bool failed;
    char error[256];
    bool noted; /* its fall back from the hardware decoder is logged */
    bool sound; /* its decoder decodes sound */
    int volume; /* the playlist's, percent */
};

struct video_player {
    SDL_Renderer *renderer;
    struct video_player_options opts;
    char hw_name[64];
    struct clip clips[VIDEO_PLAYER_MAX_CLIPS];
    uint64_t counter;
    uint64_t shown, dropped;
    char decoder[32];
    char note[200];
    struct SwsContext *sws; /* opts.software: the colour conversion (loop's thread) */
    int sws_w, sws_h, sws_format, sws_colours; /* what sws was set up for; 0: nothing yet */
    /* Sound: one device, one clip at a time heard (the one most recently drawn with sound). */
    SDL_AudioDeviceID audio;
    bool audio_failed;
    const struct clip *audio_owner;
    int volume_cap;
    bool quiet;
    uint64_t audio_frames;
    int audio_peak;
};

void video_player_options_from_env(struct video_player_options *o)
{
    const char *name = getenv("KIOSK_VIDEO_HW_DECODER");
    if (name && strcmp(name, "off") == 0) {
        o->hardware = false;
    } else if (name && *name) {
        o->hardware = true;
        o->hw_name = name;
    }
    const char *test = getenv("KIOSK_VIDEO_HW_TEST");
    if (test && strcmp(test, "silent") == 0)
        o->hw_test = VIDEO_HW_TEST_SILENT;
    else if (test && strcmp(test, "block") == 0)
        o->hw_test = VIDEO_HW_TEST_BLOCK;
}

static void wake_loop(void *ctx)
{
    struct video_player *p = ctx;
    if (!p->opts.wake_event)
        return;
    SDL_Event ev = {0};
    ev.type = p->opts.wake_event;
    SDL_PushEvent(&ev); /* thread-safe; fails harmlessly when events are down */
}

struct video_player *video_player_create(SDL_Renderer *r, const struct video_player_options *o)
{
    struct video_player *p = xcalloc(1, sizeof(*p));
    p->renderer = r;
    p->opts = *o;
    p->volume_cap = 100;
    if (o->hw_name) {
        snprintf(p->hw_name, sizeof(p->hw_name), "%s", o->hw_name);
        p->opts.hw_name = p->hw_name;
    }
    return p;
}

/* Lets go of a clip; wait: for its thread (at exit), else the thread ends by itself. */
static void clip_clear(struct video_player *p, struct clip *c, bool wait)
{
    if (p->audio && p->audio_owner == c) {
        SDL_ClearQueuedAudio(p->audio);
        p->audio_owner = NULL;
    }
    if (wait)
        video_decoder_stop(c->dec);
    else
        video_decoder_release(c->dec);
    if (c->tex)
        SDL_DestroyTexture(c->tex);
    free(c->path);
    *c = (struct clip){0};
}

void video_player_destroy(struct video_player *p)
{
    if (!p)
        return;
    for (int i = 0; i < VIDEO_PLAYER_MAX_CLIPS; i++)
        clip_clear(p, &p->clips[i], true);
    if (p->audio) {
        SDL_CloseAudioDevice(p->audio);
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    }
    if (p->sws) /* made only once FFmpeg was loaded */
        sws_freeContext(p->sws);
    free(p);
}

static void clip_start(struct video_player *p, struct clip *c)
{
    struct video_decoder_options o = {
        .path = c->path,
        .loop = c->loop,
        .hardware = c->hardware,
        .hw_name = p->opts.hw_name,
        .hw_test = p->opts.hw_test,
        .watchdog_ms = p->opts.watchdog_ms,
        .sound = c->sound,
        .wake = wake_loop,
        .wake_ctx = p,
    };
    c->dec = video_decoder_start(&o);
    c->own_start_ms = -1;
    if (!c->dec) {
        c->failed = true;
        snprintf(c->error, sizeof(c->error), "no thread to decode it");
    }
}

/* The clip of v, started when it is not decoding yet; the least recently used clip not on
 * screen in this frame gives its place when all are taken. */
static struct clip *clip_for(struct video_player *p, const struct video_ref *v, bool loop)
{
    p->counter++;
    struct clip *free_slot = NULL, *oldest = NULL;
    for (int i = 0; i < VIDEO_PLAYER_MAX_CLIPS; i++) {
        struct clip *c = &p->clips[i];
        if (c->path && c->ref == v && c->loop == loop && strcmp(c->path, v->path) == 0) {
            c->used = p->counter;
            return c;
        }
        if (!c->path && !free_slot)
            free_slot = c;
        else if (c->path && !c->seen_now && (!oldest || c->used < oldest->used))
            oldest = c;
    }
    struct clip *c = free_slot ? free_slot : oldest;
    if (!c)
        c = &p->clips[0]; /* three clips on screen at once: not a thing a playlist does */
    clip_clear(p, c, false);
    c->ref = v;
    c->path = xstrdup(v->path);
    c->loop = loop;
    c->sound = p->opts.sound && v->sound;
    c->volume = v->volume;
    c->hardware = p->opts.hardware;
    c->used = p->counter;
    clip_start(p, c);
    return c;
}

/* A hardware decoder whose call never returned: give up on it, decode in software. */
static void check_blocked(struct video_player *p, struct clip *c)
{
    if (!c->dec || !c->hardware)
        return;
    int limit =
        (p->opts.watchdog_ms > 0 ? p->opts.watchdog_ms : VIDEO_WATCHDOG_MS) + HW_BLOCKED_EXTRA_MS;
    if (video_decoder_hw_waiting_ms(c->dec) <= limit)
        return;
    snprintf(p->note, sizeof(p->note),
             "the hardware decoder did not answer in %.1f s; software decoding", limit / 1000.0);
    LOG_WARN("%s: %s", c->path, p->note);
    video_decoder_release(c->dec); /* the stuck thread ends by itself, if ever */
    c->hardware = false;
    clip_start(p, c);
}

static void note_decoder(struct video_player *p, struct clip *c)
{
    char name[32], note[200];
    video_decoder_describe(c->dec, name, sizeof(name), note, sizeof(note));
    if (name[0])
        snprintf(p->decoder, sizeof(p->decoder), "%s", name);
    if (note[0] && !c->noted) {
        snprintf(p->note, sizeof(p->note), "%s", note);
        c->noted = true;
    }
}

static enum video_clip_state clip_state(struct video_player *p, struct clip *c)
{
    if (c->failed)
        return VIDEO_CLIP_FAILED;
    check_blocked(p, c);
    if (c->has_frame || video_decoder_has_frame(c->dec))
        return VIDEO_CLIP_READY;
    enum video_decoder_state st = video_decoder_state(c->dec, c->error, sizeof(c->error));
    if (st == VIDEO_DECODER_FAILED) {
        c->failed = true;
        return VIDEO_CLIP_FAILED;
    }
    /* Ended without a frame left: nothing will come; what was shown stays. */
    return st == VIDEO_DECODER_ENDED ? VIDEO_CLIP_READY : VIDEO_CLIP_PENDING;
}

enum video_clip_state video_player_prepare(struct video_player *p, const struct video_ref *v,
                                           bool loop, const char **error)
{
    struct clip *c = clip_for(p, v, loop);
    enum video_clip_state st = clip_state(p, c);
    if (st == VIDEO_CLIP_FAILED && error)
        *error = c->error;
    return st;
}

/* For the software renderer: the frame in XRGB8888, converted as SDL would (BT.709 for HD
 * pictures unless the clip says otherwise, the clip's range) straight into the locked texture:
 * one pass over the pixels, no copy between. */
static bool convert_into(struct video_player *p, SDL_Texture *tex, const AVFrame *f)
{
    p->sws = sws_getCachedContext(p->sws, f->width, f->height, f->format, f->width, f->height,
                                  AV_PIX_FMT_BGR0, SWS_POINT, NULL, NULL, NULL);
    if (!p->sws)
        return false;
    bool hd = f->colorspace == AVCOL_SPC_BT709 ||
              (f->colorspace == AVCOL_SPC_UNSPECIFIED && f->height > 576);
    bool full = f->color_range == AVCOL_RANGE_JPEG || f->format == AV_PIX_FMT_YUVJ420P;
    /* Setting the colours rebuilds libswscale's tables: once per context and clip kind, not
     * every frame. */
    int colours = 1 + hd + 2 * full;
    if (p->sws_w != f->width || p->sws_h != f->height || p->sws_format != f->format ||
        p->sws_colours != colours) {
        const int *coefs = sws_getCoefficients(hd ? SWS_CS_ITU709 : SWS_CS_ITU601);
        sws_setColorspaceDetails(p->sws, coefs, full, coefs, 1, 0, 1 << 16, 1 << 16);
        p->sws_w = f->width;
        p->sws_h = f->height;
        p->sws_format = f->format;
        p->sws_colours = colours;
    }
    void *pixels;
    int pitch;
    if (SDL_LockTexture(tex, NULL, &pixels, &pitch) != 0)
        return false;
    uint8_t *dst[4] = {pixels, NULL, NULL, NULL};
    int dst_stride[4] = {pitch, 0, 0, 0};
    int rows = sws_scale(p->sws, (const uint8_t *const *)f->data, f->linesize, 0, f->height, dst,
                         dst_stride);
    SDL_UnlockTexture(tex);
    if (rows != f->height) {
        SDL_SetError("libswscale converted %d of %d rows", rows, f->height);
        return false;
    }
    return true;
}

static bool upload(struct video_player *p, struct clip *c, const AVFrame *f)
{
    Uint32 format = p->opts.software               ? SDL_PIXELFORMAT_RGB888
                    : f->format == AV_PIX_FMT_NV12 ? SDL_PIXELFORMAT_NV12
                                                   : SDL_PIXELFORMAT_IYUV;
    if (!c->tex || c->tex_w != f->width || c->tex_h != f->height || c->tex_format != format) {
        if (c->tex)
            SDL_DestroyTexture(c->tex);
        c->tex = SDL_CreateTexture(p->renderer, format, SDL_TEXTUREACCESS_STREAMING, f->width,
                                   f->height);
        if (!c->tex) {
            LOG_ERR("%s: no %dx%d video texture: %s", c->path, f->width, f->height, SDL_GetError());
            return false;
        }
        c->tex_w = f->width;
        c->tex_h = f->height;
        c->tex_format = format;
        SDL_SetTextureBlendMode(c->tex, SDL_BLENDMODE_NONE);
    }
    bool ok;
    if (format == SDL_PIXELFORMAT_RGB888)
        ok = convert_into(p, c->tex, f);
    else if (format == SDL_PIXELFORMAT_NV12)
        ok = SDL_UpdateNVTexture(c->tex, NULL, f->data[0], f->linesize[0], f->data[1],
                                 f->linesize[1]) == 0;
    else
        ok = SDL_UpdateYUVTexture(c->tex, NULL, f->data[0], f->linesize[0], f->data[1],
                                  f->linesize[1], f->data[2], f->linesize[2]) == 0;
    if (!ok) {
        LOG_ERR("%s: video frame upload failed: %s", c->path, SDL_GetError());
        return false;
    }
    return true;
}

/* Shows the frame due at t, if a newer one is; restarts the clip when t went back. */
static void advance(struct video_player *p, struct clip *c, double t)
{
    if (c->has_frame && t < c->frame_t - REWIND_S && !c->failed) {
        video_decoder_release(c->dec);
        c->has_frame = false;
        clip_start(p, c);
        if (c->failed)
            return;
    }
    double ft = 0;
    unsigned dropped = 0;
    AVFrame *f = video_decoder_take(c->dec, t, &ft, &dropped);
    p->dropped += dropped;
    if (!f)
        return;
    if (upload(p, c, f)) {
        c->has_frame = true;
        c->frame_t = ft;
        p->shown++;
    }
    av_frame_free(&f);
    note_decoder(p, c);
}

void video_player_set_volume(struct video_player *p, int cap_percent, bool quiet)
{
    p->volume_cap = cap_percent < 0 ? 0 : cap_percent > 100 ? 100 : cap_percent;
    p->quiet = quiet;
}

static bool open_audio(struct video_player *p)
{
    if (p->audio || p->audio_failed)
        return p->audio != 0;
    SDL_AudioSpec want = {
        .freq = VIDEO_AUDIO_RATE, .format = AUDIO_S16SYS, .channels = 2, .samples = 1024};
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) == 0)
        p->audio = SDL_OpenAudioDevice(NULL, 0, &want, NULL, 0);
    if (!p->audio) {
        p->audio_failed = true;
        LOG_WARN("no sound device (%s): clips play silent", SDL_GetError());
        return false;
    }
    SDL_PauseAudioDevice(p->audio, 0);
    return true;
}

/* Hands the clip's sound up to t + AUDIO_LEAD_S to the device, at the playlist's share of the
 * kiosk's cap (nothing in quiet hours). The clip drawn most recently with sound is the one
 * heard: another's queued sound is cleared when it takes over. */
static void feed_audio(struct video_player *p, struct clip *c, double t)
{
    if (!c->sound || c->failed || !open_audio(p))
        return;
    if (p->audio_owner != c) {
        SDL_ClearQueuedAudio(p->audio);
        p->audio_owner = c;
    }
    int gain = p->quiet ? 0 : c->volume * p->volume_cap; /* in 1/10000 */
    struct video_audio_chunk ch;
    while (video_decoder_take_audio(c->dec, t + AUDIO_LEAD_S, &ch)) {
        double end = ch.t + (double)ch.frames / VIDEO_AUDIO_RATE;
        if (end < t - AUDIO_STALE_S || gain == 0) {
            av_free(ch.samples);
            continue;
        }
        for (int i = 0; i < ch.frames * 2; i++) {
            int v = ch.samples[i] * gain / 10000;
            ch.samples[i] = (int16_t)v;
            if (abs(v) > p->audio_peak)
                p->audio_peak = abs(v);
        }
        if (SDL_QueueAudio(p->audio, ch.samples, (Uint32)ch.frames * 4) == 0)
            p->audio_frames += (uint64_t)ch.frames;
        av_free(ch.samples);
    }
}

static double clip_time(struct clip *c, double t)
{
    if (t >= 0)
        return t;
    int64_t now = clock_now_ms();
    if (c->own_start_ms < 0)
        c->own_start_ms = now;
    return (double)(now - c->own_start_ms) / 1000.0;
}

SDL_Texture *video_player_texture(struct video_player *p, const struct video_ref *v, bool loop,
                                  double t, int *w, int *h)
{
    struct clip *c = clip_for(p, v, loop);
    c->seen = c->seen_now = true;
    double when = clip_time(c, t);
    c->drawn_t = when;
    c->drawn_ms = clock_now_ms();
    if (clip_state(p, c) != VIDEO_CLIP_FAILED) {
        advance(p, c, when);
        feed_audio(p, c, when);
    }
    if (!c->has_frame)
        return NULL;
    *w = c->tex_w;
    *h = c->tex_h;
    return c->tex;
}

SDL_Texture *video_player_texture_wait(struct video_player *p, const struct video_ref *v, bool loop,
                                       double t, int timeout_ms, int *w, int *h)
{
    int64_t until = clock_now_ms() + timeout_ms;
    struct clip *c = clip_for(p, v, loop);
    c->seen = c->seen_now = true;
    double when = clip_time(c, t);
    while (clock_now_ms() < until && clip_state(p, c) != VIDEO_CLIP_FAILED) {
        advance(p, c, when);
        /* Done when a frame waits in the queue that is not due yet (a second look takes
         * nothing: only this thread takes frames out), or none will come. */
        enum video_decoder_state st = video_decoder_state(c->dec, NULL, 0);
        if (c->has_frame && video_decoder_has_frame(c->dec)) {
            uint64_t shown = p->shown;
            advance(p, c, when);
            if (p->shown == shown)
                break;
            continue;
        }
        if (st == VIDEO_DECODER_ENDED && !video_decoder_has_frame(c->dec))
            break;
        video_decoder_wait(c->dec, 50);
    }
    if (!c->has_frame)
        return NULL;
    *w = c->tex_w;
    *h = c->tex_h;
    return c->tex;
}

int64_t video_player_ms_until_frame(struct video_player *p)
{
    /* Behind a decoder that has no frame queued yet, look again soon. */
    const int64_t poll_ms = 4;
    int64_t best = -1, now = clock_now_ms();
    for (int i = 0; i < VIDEO_PLAYER_MAX_CLIPS; i++) {
        struct clip *c = &p->clips[i];
        if (!c->path || !c->seen || c->failed || !c->dec)
            continue;
        double next;
        int64_t ms;
        if (video_decoder_next_time(c->dec, &next)) {
            /* Rounded up: waking a millisecond early would present the same frame again. */
            ms = (int64_t)ceil((next - c->drawn_t) * 1000.0) - (now - c->drawn_ms);
            if (ms < 0)
                ms = 0;
        } else if (video_decoder_state(c->dec, NULL, 0) == VIDEO_DECODER_ENDED) {
            continue; /* its last frame stays */
        } else {
            ms = poll_ms;
        }
        if (best < 0 || ms < best)
            best = ms;
    }
    return best;
}

void video_player_frame_end(struct video_player *p)
{
    for (int i = 0; i < VIDEO_PLAYER_MAX_CLIPS; i++) {
        struct clip *c = &p->clips[i];
        if (c->path && c->seen && !c->seen_now) {
            LOG_DBG("%s: off screen, decoding stopped", c->path);
            clip_clear(p, c, false);
        }
        c->seen_now = false;
    }
}

bool video_player_active(const struct video_player *p)
{
    for (int i = 0; i < VIDEO_PLAYER_MAX_CLIPS; i++)
        if (p->clips[i].path && !p->clips[i].failed)
            return true;
    return false;
}

void video_player_stats(const struct video_player *p, struct video_player_stats *out)
{
    *out = (struct video_player_stats){.shown = p->shown, .dropped = p->dropped};
    for (int i = 0; i < VIDEO_PLAYER_MAX_CLIPS; i++)
        if (p->clips[i].dec)
            out->clips++;
    snprintf(out->decoder, sizeof(out->decoder), "%s", p->decoder);
    snprintf(out->note, sizeof(out->note), "%s", p->note);
    out->audio_frames = p->audio_frames;
    out->audio_peak = p->audio_peak;
}
