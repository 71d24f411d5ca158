#define LOG_MODULE "video"
/* The decode thread of one clip (decoder.h): bounded open, the choice of decoder with the
 * hardware watchdog, decoding into the frame queue, looping. */
#include "video/decoder.h"

#include <errno.h>
#include <stdarg.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/pixdesc.h>
#include <libswresample/swresample.h>

#include "base/clock.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "media/ffmpeg_lib.h"
#include "media/video_probe.h"

/* What libavformat may read to find the streams: enough for any clip made for signage. */
#define PROBE_BYTES "5000000"
#define ANALYZE_US "5000000"
/* A clip whose first this many packets give no picture is not a clip the kiosk can show. */
#define MAX_BAD_PACKETS 200
/* The hardware test's blocking call ends by itself after this, so the test's process ends. */
#define HW_TEST_BLOCK_MS 20000

struct video_decoder {
    /* Set before the thread starts, read-only after. */
    char *path;
    bool loop, hardware;
    char hw_name[64];
    enum video_hw_test hw_test;
    int watchdog_ms;
    bool sound;
    void (*wake)(void *ctx);
    void *wake_ctx;
    pthread_t thread;
    /* Read by FFmpeg's interrupt callback on the decode thread. */
    atomic_bool stop;
    _Atomic int64_t deadline_ms;

    pthread_mutex_t mu;
    pthread_cond_t cond; /* the queue changed, or stop */
    /* Under mu: */
    struct AVFrame *frames[VIDEO_QUEUE_FRAMES]; /* a ring, oldest at head */
    double times[VIDEO_QUEUE_FRAMES];
    size_t head, len;
    struct video_audio_chunk audio[VIDEO_AUDIO_CHUNKS]; /* a ring, oldest at audio_head */
    size_t audio_head, audio_len;
    enum video_decoder_state state;
    char error[256];
    double duration;
    char name[32];
    char note[200];
    int64_t hw_since_ms; /* the hardware decoder waits for its first frame since; 0: not */
    bool finished;       /* the thread has returned */
    bool orphan;         /* stop gave up on the thread: it frees the decoder itself */
};

/* The decode thread's own state: FFmpeg's contexts live here and nowhere else. */
struct run {
    AVFormatContext *fmt;
    AVCodecContext *ctx;
    int stream;
    AVRational tb;
    int64_t start_pts; /* the clip's first timestamp; AV_NOPTS_VALUE until known */
    double offset;     /* added to times: the passes already played when looping */
    double last_t, last_dur;
    uint64_t pass_frames; /* frames of this pass through the clip */
    uint64_t frames;      /* frames queued in all */
    bool hw;              /* the hardware decoder is the one open */
    int audio_stream;     /* -1: no sound decoded */
    AVCodecContext *actx;
    SwrContext *swr;
    AVFrame *aframe;
    int64_t hw_start_ms;
    int bad_packets;
};

static void decoder_free(struct video_decoder *d)
{
    for (size_t i = 0; i < d->len; i++)
        av_frame_free(&d->frames[(d->head + i) % VIDEO_QUEUE_FRAMES]);
    for (size_t i = 0; i < d->audio_len; i++)
        av_free(d->audio[(d->audio_head + i) % VIDEO_AUDIO_CHUNKS].samples);
    pthread_cond_destroy(&d->cond);
    pthread_mutex_destroy(&d->mu);
    free(d->path);
    free(d);
}

static void wake(struct video_decoder *d)
{
    /* A stopped decoder may outlive its player (released, ending alone): it wakes nobody. */
    if (d->wake && !atomic_load(&d->stop))
        d->wake(d->wake_ctx);
}

static void set_failed(struct video_decoder *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void set_failed(struct video_decoder *d, const char *fmt, ...)
{
    pthread_mutex_lock(&d->mu);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->error, sizeof(d->error), fmt, ap);
    va_end(ap);
    d->state = VIDEO_DECODER_FAILED;
    d->hw_since_ms = 0;
    pthread_cond_broadcast(&d->cond);
    pthread_mutex_unlock(&d->mu);
    wake(d);
}

/* libavformat and libavcodec stop when this says so: the decoder is stopping, or the call has
 * run past its deadline (a file on a stalled disk, a hostile input that never ends). */
static int interrupt_cb(void *opaque)
{
    struct video_decoder *d = opaque;
    return atomic_load(&d->stop) || clock_now_ms() > atomic_load(&d->deadline_ms);
}

static void av_reason(int err, char *out, size_t outlen)
{
    char buf[AV_ERROR_MAX_STRING_SIZE] = "";
    av_strerror(err, buf, sizeof(buf));
    snprintf(out, outlen, "%s", buf);
}

static bool open_input(struct video_decoder *d, struct run *r)
{
    /* The same gate as kiosk check's, so a clip that reached the kiosk without a check (or was
     * damaged since) is refused for the same reason before a decoder sees it: bounded in time,
     * size and the containers and codecs allowed, the first picture decoded, a cut-short file
     * found. */
    struct video_info info;
    char reason[512];
    if (!video_probe(d->path, NULL, &info, reason, sizeof(reason))) {
        set_failed(d, "%s", reason);
        return false;
    }
    r->fmt = avformat_alloc_context();
    if (!r->fmt) {
        set_failed(d, "out of memory opening the clip");
        return false;
    }
    r->fmt->interrupt_callback = (AVIOInterruptCB){interrupt_cb, d};
    atomic_store(&d->deadline_ms, clock_now_ms() + VIDEO_OPEN_DEADLINE_MS);
    AVDictionary *opts = NULL;
    av_dict_set(&opts, "probesize", PROBE_BYTES, 0);
    av_dict_set(&opts, "analyzeduration", ANALYZE_US, 0);
    /* Containers that hold one clip: no playlists (HLS, concat) that name other files. */
    av_dict_set(&opts, "format_whitelist", "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm", 0);
    av_dict_set(&opts, "protocol_whitelist", "file", 0);
    char *url = xasprintf("file:%s", d->path);
    int err = avformat_open_input(&r->fmt, url, NULL, &opts);
    free(url);
    av_dict_free(&opts);
    char why[128];
    if (err < 0) {
        av_reason(err, why, sizeof(why));
        set_failed(d, "the file is not a video the kiosk can read (%s)", why);
        return false;
    }
    err = avformat_find_stream_info(r->fmt, NULL);
    if (err < 0) {
        av_reason(err, why, sizeof(why));
        set_failed(d, "the clip's streams cannot be read (%s)", why);
        return false;
    }
    r->stream = av_find_best_stream(r->fmt, AVMEDIA_TYPE_VIDEO, -1, -1, NULL, 0);
    if (r->stream < 0) {
        set_failed(d, "the file holds no video stream");
        return false;
    }
    AVStream *st = r->fmt->streams[r->stream];
    const AVCodecParameters *par = st->codecpar;
    if (par->width <= 0 || par->height <= 0 || par->width > VIDEO_MAX_SIDE ||
        par->height > VIDEO_MAX_SIDE) {
        set_failed(d, "its picture is %dx%d; the kiosk shows at most %dx%d", par->width,
                   par->height, VIDEO_MAX_SIDE, VIDEO_MAX_SIDE);
        return false;
    }
    if (d->sound)
        r->audio_stream = av_find_best_stream(r->fmt, AVMEDIA_TYPE_AUDIO, -1, r->stream, NULL, 0);
    /* Only the picture (and the sound when asked for) is read: the other streams' packets are
     * not even handed out. */
    for (unsigned i = 0; i < r->fmt->nb_streams; i++)
        if ((int)i != r->stream && (int)i != r->audio_stream)
            r->fmt->streams[i]->discard = AVDISCARD_ALL;
    r->tb = st->time_base;
    r->start_pts = st->start_time;
    double duration = 0;
    if (st->duration > 0)
        duration = (double)st->duration * av_q2d(st->time_base);
    else if (r->fmt->duration > 0)
        duration = (double)r->fmt->duration / AV_TIME_BASE;
    pthread_mutex_lock(&d->mu);
    d->duration = duration;
    pthread_mutex_unlock(&d->mu);
    return true;
}

static bool open_codec(struct video_decoder *d, struct run *r, const AVCodec *codec, bool hw,
                       char *why, size_t whylen)
{
    avcodec_free_context(&r->ctx);
    r->ctx = avcodec_alloc_context3(codec);
    if (!r->ctx) {
        snprintf(why, whylen, "out of memory");
        return false;
    }
    avcodec_parameters_to_context(r->ctx, r->fmt->streams[r->stream]->codecpar);
    r->ctx->pkt_timebase = r->tb;
    if (!hw) {
        /* Software decoding uses the cores: on a Pi 5 (no H.264 hardware) 1080p30 needs them. */
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        r->ctx->thread_count = cores > 0 ? (int)(cores < 4 ? cores : 4) : 1;
        r->ctx->thread_type = FF_THREAD_FRAME | FF_THREAD_SLICE;
    }
    atomic_store(&d->deadline_ms, clock_now_ms() + VIDEO_OPEN_DEADLINE_MS);
    int err = avcodec_open2(r->ctx, codec, NULL);
    if (err < 0) {
        av_reason(err, why, whylen);
        avcodec_free_context(&r->ctx);
        return false;
    }
    r->hw = hw;
    r->hw_start_ms = hw ? clock_now_ms() : 0;
    pthread_mutex_lock(&d->mu);
    snprintf(d->name, sizeof(d->name), "%s", codec->name);
    d->hw_since_ms = r->hw_start_ms;
    pthread_mutex_unlock(&d->mu);
    return true;
}

/* Where the hardware decoder is worth trying: a Pi 4 under Raspberry Pi OS has its H.264
 * memory-to-memory decoder at /dev/video10 (bcm2835-codec). A Pi 5 has none (it decodes H.264 in
 * software), nor has a desktop, whose cameras are /dev/video0 and up: there the software decoder
 * is used straight away, with nothing to warn about. */
static bool have_hw_decoder_device(void)
{
    return access("/dev/video10", F_OK) == 0;
}

static void note_fallback(struct video_decoder *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void note_fallback(struct video_decoder *d, const char *fmt, ...)
{
    pthread_mutex_lock(&d->mu);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->note, sizeof(d->note), fmt, ap);
    va_end(ap);
    d->hw_since_ms = 0;
    pthread_mutex_unlock(&d->mu);
    LOG_WARN("%s: %s", d->path, d->note);
}

static bool open_software(struct video_decoder *d, struct run *r)
{
    const AVCodecParameters *par = r->fmt->streams[r->stream]->codecpar;
    const AVCodec *sw = avcodec_find_decoder(par->codec_id);
    char why[128] = "";
    if (!sw) {
        set_failed(d, "this FFmpeg has no decoder for %s", avcodec_get_name(par->codec_id));
        return false;
    }
    if (!open_codec(d, r, sw, false, why, sizeof(why))) {
        set_failed(d, "the %s decoder cannot start (%s)", sw->name, why);
        return false;
    }
    return true;
}

/* The sound's decoder and its conversion to 16-bit stereo at 48 kHz; without them the clip
 * plays silent (logged), which is what signage does anyway. */
static void open_audio(struct video_decoder *d, struct run *r)
{
    if (r->audio_stream < 0)
        return;
    const AVStream *st = r->fmt->streams[r->audio_stream];
    const AVCodec *codec = avcodec_find_decoder(st->codecpar->codec_id);
    AVChannelLayout stereo = AV_CHANNEL_LAYOUT_STEREO;
    r->actx = codec ? avcodec_alloc_context3(codec) : NULL;
    r->aframe = av_frame_alloc();
    if (!r->actx || !r->aframe || avcodec_parameters_to_context(r->actx, st->codecpar) < 0 ||
        avcodec_open2(r->actx, codec, NULL) < 0 ||
        swr_alloc_set_opts2(&r->swr, &stereo, AV_SAMPLE_FMT_S16, VIDEO_AUDIO_RATE,
                            &r->actx->ch_layout, r->actx->sample_fmt, r->actx->sample_rate, 0,
                            NULL) < 0 ||
        swr_init(r->swr) < 0) {
        LOG_WARN("%s: its sound cannot be decoded; the clip plays silent", d->path);
        avcodec_free_context(&r->actx);
        swr_free(&r->swr);
        r->audio_stream = -1;
    }
}

/* One packet of sound, converted and queued with its time; the oldest chunk goes when the
 * queue is full. */
static void decode_audio(struct video_decoder *d, struct run *r, const AVPacket *pkt)
{
    if (avcodec_send_packet(r->actx, pkt) < 0)
        return;
    AVRational atb = r->fmt->streams[r->audio_stream]->time_base;
    double start = r->start_pts == AV_NOPTS_VALUE ? 0 : (double)r->start_pts * av_q2d(r->tb);
    while (avcodec_receive_frame(r->actx, r->aframe) == 0) {
        int64_t pts = r->aframe->best_effort_timestamp;
        int max = swr_get_out_samples(r->swr, r->aframe->nb_samples);
        int16_t *buf = max > 0 ? av_malloc((size_t)max * 2 * sizeof(int16_t)) : NULL;
        uint8_t *out[1] = {(uint8_t *)buf};
        int n = buf ? swr_convert(r->swr, out, max, (const uint8_t **)r->aframe->extended_data,
                                  r->aframe->nb_samples)
                    : -1;
        av_frame_unref(r->aframe);
        if (n <= 0 || pts == AV_NOPTS_VALUE) {
            av_free(buf);
            continue;
        }
        double t = (double)pts * av_q2d(atb) - start + r->offset;
        pthread_mutex_lock(&d->mu);
        if (d->audio_len == VIDEO_AUDIO_CHUNKS) {
            av_free(d->audio[d->audio_head].samples);
            d->audio_head = (d->audio_head + 1) % VIDEO_AUDIO_CHUNKS;
            d->audio_len--;
        }
        d->audio[(d->audio_head + d->audio_len++) % VIDEO_AUDIO_CHUNKS] =
            (struct video_audio_chunk){buf, n, t};
        pthread_mutex_unlock(&d->mu);
    }
}

/* The hardware decoder where it may help (H.264), else or when it fails the software one. */
static bool open_decoder(struct video_decoder *d, struct run *r)
{
    const AVCodecParameters *par = r->fmt->streams[r->stream]->codecpar;
    if (d->hardware && par->codec_id == AV_CODEC_ID_H264) {
        const AVCodec *hw = avcodec_find_decoder_by_name(d->hw_name);
        char why[128] = "";
        if (!hw)
            note_fallback(d, "no hardware decoder %s in this FFmpeg; software decoding",
                          d->hw_name);
        else if (open_codec(d, r, hw, true, why, sizeof(why)))
            return true;
        else
            note_fallback(d, "the hardware decoder %s cannot start (%s); software decoding",
                          d->hw_name, why);
    }
    return open_software(d, r);
}

/* The watchdog: the hardware decoder took packets for watchdog_ms (or the whole clip, at_end)
 * and gave no picture. The clip starts again from its beginning on the software decoder. */
static bool watchdog(struct video_decoder *d, struct run *r, bool at_end)
{
    if (!r->hw || r->frames > 0 || (!at_end && clock_now_ms() - r->hw_start_ms < d->watchdog_ms))
        return true;
    note_fallback(d, "the hardware decoder %s gave no picture in %.1f s; software decoding",
                  d->hw_name, d->watchdog_ms / 1000.0);
    r->hw = false;
    av_seek_frame(r->fmt, r->stream, r->start_pts == AV_NOPTS_VALUE ? 0 : r->start_pts,
                  AVSEEK_FLAG_BACKWARD);
    return open_software(d, r);
}

static bool shown_format(int format)
{
    return format == AV_PIX_FMT_YUV420P || format == AV_PIX_FMT_YUVJ420P ||
           format == AV_PIX_FMT_NV12;
}

/* Stamps a decoded frame with its time and queues it, waiting while the queue is full. False
 * when the decoder stops or the frame cannot be shown. */
static bool push_frame(struct video_decoder *d, struct run *r, AVFrame *frame)
{
    if (r->hw && d->hw_test == VIDEO_HW_TEST_SILENT) {
        av_frame_unref(frame);
        return true;
    }
    if (!shown_format(frame->format)) {
        const char *name = av_get_pix_fmt_name(frame->format);
        set_failed(d,
                   "its pixels are %s; the kiosk shows 8-bit 4:2:0 video (yuv420p), see "
                   "docs/video.md for the conversion",
                   name ? name : "of an unknown format");
        return false;
    }
    int64_t pts = frame->best_effort_timestamp;
    double dur = frame->pkt_duration > 0 ? (double)frame->pkt_duration * av_q2d(r->tb) : 0;
    if (dur <= 0) {
        AVRational fr = r->fmt->streams[r->stream]->avg_frame_rate;
        dur = fr.num > 0 && fr.den > 0 ? av_q2d(av_inv_q(fr)) : 1.0 / 25;
    }
    double t;
    if (pts == AV_NOPTS_VALUE) {
        t = r->pass_frames ? r->last_t + r->last_dur : r->offset;
    } else {
        if (r->start_pts == AV_NOPTS_VALUE)
            r->start_pts = pts;
        t = (double)(pts - r->start_pts) * av_q2d(r->tb) + r->offset;
    }
    r->last_t = t;
    r->last_dur = dur;
    r->pass_frames++;
    r->frames++;

    AVFrame *owned = av_frame_alloc();
    if (!owned) {
        set_failed(d, "out of memory");
        return false;
    }
    av_frame_move_ref(owned, frame);
    pthread_mutex_lock(&d->mu);
    while (d->len == VIDEO_QUEUE_FRAMES && !atomic_load(&d->stop))
        pthread_cond_wait(&d->cond, &d->mu);
    if (atomic_load(&d->stop)) {
        pthread_mutex_unlock(&d->mu);
        av_frame_free(&owned);
        return false;
    }
    size_t at = (d->head + d->len) % VIDEO_QUEUE_FRAMES;
    d->frames[at] = owned;
    d->times[at] = t;
    d->len++;
    bool first = d->state == VIDEO_DECODER_OPENING;
    if (first)
        d->state = VIDEO_DECODER_PLAYING;
    d->hw_since_ms = 0;
    pthread_cond_broadcast(&d->cond);
    pthread_mutex_unlock(&d->mu);
    if (first)
        wake(d);
    return true;
}

/* Every frame the decoder has ready; false when the decoder stops or fails. */
static bool receive_frames(struct video_decoder *d, struct run *r, AVFrame *frame)
{
    for (;;) {
        int err = avcodec_receive_frame(r->ctx, frame);
        if (err == AVERROR(EAGAIN) || err == AVERROR_EOF)
            return true;
        if (err < 0) {
            r->bad_packets++;
            return r->bad_packets < MAX_BAD_PACKETS || r->frames > 0;
        }
        if (!push_frame(d, r, frame))
            return false;
    }
}

static void hw_test_block(struct video_decoder *d, const struct run *r)
{
    if (!r->hw || d->hw_test != VIDEO_HW_TEST_BLOCK)
        return;
    /* A hardware call that never returns, as a broken V4L2 driver's: deaf to stop. */
    int64_t until = clock_now_ms() + HW_TEST_BLOCK_MS;
    while (clock_now_ms() < until)
        usleep(50000);
}

/* Back to the clip's start for another pass: its times run on from the end of this one. */
static bool restart_pass(struct run *r)
{
    r->offset = r->last_t + r->last_dur;
    r->pass_frames = 0;
    if (av_seek_frame(r->fmt, r->stream, r->start_pts == AV_NOPTS_VALUE ? 0 : r->start_pts,
                      AVSEEK_FLAG_BACKWARD) < 0)
        return false;
    avcodec_flush_buffers(r->ctx);
    if (r->actx)
        avcodec_flush_buffers(r->actx);
    return true;
}

static void decode(struct video_decoder *d, struct run *r)
{
    AVPacket *pkt = av_packet_alloc();
    AVFrame *frame = av_frame_alloc();
    if (!pkt || !frame) {
        set_failed(d, "out of memory");
        goto out;
    }
    for (;;) {
        if (atomic_load(&d->stop))
            break;
        atomic_store(&d->deadline_ms, clock_now_ms() + VIDEO_READ_DEADLINE_MS);
        int err = av_read_frame(r->fmt, pkt);
        if (err == AVERROR_EOF || (err < 0 && r->frames > 0 && !atomic_load(&d->stop))) {
            if (err != AVERROR_EOF) {
                char why[128];
                av_reason(err, why, sizeof(why));
                LOG_WARN("%s: reading stopped early (%s); the clip ends there", d->path, why);
            }
            /* The frames the decoder still holds, then another pass or the end. */
            avcodec_send_packet(r->ctx, NULL);
            if (!receive_frames(d, r, frame))
                break;
            if (r->frames == 0 && r->hw) {
                if (!watchdog(d, r, true))
                    break;
                continue;
            }
            if (r->frames == 0) {
                set_failed(d, "no picture in the clip could be decoded (damaged or cut short?)");
                break;
            }
            if (d->loop && r->pass_frames > 0 && restart_pass(r))
                continue;
            pthread_mutex_lock(&d->mu);
            d->state = VIDEO_DECODER_ENDED;
            pthread_cond_broadcast(&d->cond);
            pthread_mutex_unlock(&d->mu);
            wake(d);
            break;
        }
        if (err < 0) {
            if (!atomic_load(&d->stop)) {
                char why[128];
                av_reason(err, why, sizeof(why));
                set_failed(d, "the clip cannot be read (%s)", why);
            }
            break;
        }
        if (pkt->stream_index != r->stream) {
            if (r->actx && pkt->stream_index == r->audio_stream)
                decode_audio(d, r, pkt);
            av_packet_unref(pkt);
            continue;
        }
        hw_test_block(d, r);
        err = avcodec_send_packet(r->ctx, pkt);
        av_packet_unref(pkt);
        if (err < 0 && err != AVERROR(EAGAIN) && ++r->bad_packets >= MAX_BAD_PACKETS &&
            r->frames == 0) {
            set_failed(d, "no picture in the clip could be decoded (damaged?)");
            break;
        }
        if (!receive_frames(d, r, frame)) {
            if (!atomic_load(&d->stop) && video_decoder_state(d, NULL, 0) != VIDEO_DECODER_FAILED)
                set_failed(d, "no picture in the clip could be decoded (damaged?)");
            break;
        }
        if (!watchdog(d, r, false))
            break;
    }
out:
    av_frame_free(&frame);
    av_packet_free(&pkt);
}

static void *decoder_thread(void *arg)
{
    struct video_decoder *d = arg;
    struct run r = {.stream = -1, .audio_stream = -1, .start_pts = AV_NOPTS_VALUE};
    char why[256];
    if (!video_probe_ready(why, sizeof why)) {
        /* Not one FFmpeg call can be made: the slide is skipped with the reason. */
        set_failed(d, "FFmpeg's libraries are missing on this machine (%s)", why);
    } else {
        if (open_input(d, &r) && open_decoder(d, &r)) {
            open_audio(d, &r);
            decode(d, &r);
        }
        swr_free(&r.swr);
        av_frame_free(&r.aframe);
        avcodec_free_context(&r.actx);
        avcodec_free_context(&r.ctx);
        avformat_close_input(&r.fmt);
    }
    pthread_mutex_lock(&d->mu);
    bool orphan = d->orphan;
    d->finished = true;
    pthread_cond_broadcast(&d->cond);
    pthread_mutex_unlock(&d->mu);
    if (orphan)
        decoder_free(d);
    return NULL;
}

struct video_decoder *video_decoder_start(const struct video_decoder_options *o)
{
    struct video_decoder *d = xcalloc(1, sizeof(*d));
    d->path = xstrdup(o->path);
    d->loop = o->loop;
    d->hardware = o->hardware && (o->hw_name || have_hw_decoder_device());
    snprintf(d->hw_name, sizeof(d->hw_name), "%s", o->hw_name ? o->hw_name : VIDEO_HW_DECODER);
    d->hw_test = o->hw_test;
    d->watchdog_ms = o->watchdog_ms > 0 ? o->watchdog_ms : VIDEO_WATCHDOG_MS;
    d->sound = o->sound;
    d->wake = o->wake;
    d->wake_ctx = o->wake_ctx;
    atomic_init(&d->stop, false);
    atomic_init(&d->deadline_ms, INT64_MAX);
    pthread_mutex_init(&d->mu, NULL);
    pthread_cond_init(&d->cond, NULL);
    d->state = VIDEO_DECODER_OPENING;
    if (pthread_create(&d->thread, NULL, decoder_thread, d) != 0) {
        LOG_ERR("%s: no decode thread", o->path);
        decoder_free(d);
        return NULL;
    }
    return d;
}

/* Stops the thread, waiting up to wait_ms for it; a thread still busy then (a frame being
 * decoded, a hardware call that never returns) is detached and frees the decoder itself. */
static void stop(struct video_decoder *d, int wait_ms)
{
    if (!d)
        return;
    atomic_store(&d->stop, true);
    pthread_mutex_lock(&d->mu);
    pthread_cond_broadcast(&d->cond);
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_nsec += (long)wait_ms * 1000000L;
    until.tv_sec += until.tv_nsec / 1000000000L;
    until.tv_nsec %= 1000000000L;
    while (!d->finished && wait_ms > 0)
        if (pthread_cond_timedwait(&d->cond, &d->mu, &until) == ETIMEDOUT)
            break;
    if (!d->finished) {
        /* Detached and told under the mutex: from the unlock on, the thread may free d. */
        if (wait_ms > 0)
            LOG_WARN("%s: the decode thread does not stop; left behind", d->path);
        pthread_detach(d->thread);
        d->orphan = true;
        pthread_mutex_unlock(&d->mu);
        return;
    }
    pthread_mutex_unlock(&d->mu);
    pthread_join(d->thread, NULL);
    decoder_free(d);
}

void video_decoder_stop(struct video_decoder *d)
{
    stop(d, 1000);
}

void video_decoder_release(struct video_decoder *d)
{
    stop(d, 0);
}

enum video_decoder_state video_decoder_state(struct video_decoder *d, char *err, size_t errlen)
{
    pthread_mutex_lock(&d->mu);
    enum video_decoder_state st = d->state;
    if (err && errlen)
        snprintf(err, errlen, "%s", d->error);
    pthread_mutex_unlock(&d->mu);
    return st;
}

struct AVFrame *video_decoder_take(struct video_decoder *d, double t, double *frame_t,
                                   unsigned *dropped)
{
    /* Half a millisecond of slack: a frame due at exactly t is shown at t. */
    const double slack = 0.0005;
    *dropped = 0;
    pthread_mutex_lock(&d->mu);
    size_t due = 0;
    while (due < d->len && d->times[(d->head + due) % VIDEO_QUEUE_FRAMES] <= t + slack)
        due++;
    AVFrame *out = NULL;
    if (due > 0) {
        for (size_t i = 0; i + 1 < due; i++) {
            av_frame_free(&d->frames[d->head]);
            d->head = (d->head + 1) % VIDEO_QUEUE_FRAMES;
            d->len--;
            (*dropped)++;
        }
        out = d->frames[d->head];
        *frame_t = d->times[d->head];
        d->frames[d->head] = NULL;
        d->head = (d->head + 1) % VIDEO_QUEUE_FRAMES;
        d->len--;
        pthread_cond_broadcast(&d->cond);
    }
    pthread_mutex_unlock(&d->mu);
    return out;
}

bool video_decoder_take_audio(struct video_decoder *d, double until, struct video_audio_chunk *out)
{
    pthread_mutex_lock(&d->mu);
    bool any = d->audio_len > 0 && d->audio[d->audio_head].t < until;
    if (any) {
        *out = d->audio[d->audio_head];
        d->audio[d->audio_head].samples = NULL;
        d->audio_head = (d->audio_head + 1) % VIDEO_AUDIO_CHUNKS;
        d->audio_len--;
    }
    pthread_mutex_unlock(&d->mu);
    return any;
}

bool video_decoder_next_time(struct video_decoder *d, double *t)
{
    pthread_mutex_lock(&d->mu);
    bool any = d->len > 0;
    if (any)
        *t = d->times[d->head];
    pthread_mutex_unlock(&d->mu);
    return any;
}

void video_decoder_wait(struct video_decoder *d, int timeout_ms)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += timeout_ms / 1000;
    until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&d->mu);
    pthread_cond_timedwait(&d->cond, &d->mu, &until);
    pthread_mutex_unlock(&d->mu);
}

bool video_decoder_has_frame(struct video_decoder *d)
{
    pthread_mutex_lock(&d->mu);
    bool any = d->len > 0;
    pthread_mutex_unlock(&d->mu);
    return any;
}

double video_decoder_duration(struct video_decoder *d)
{
    pthread_mutex_lock(&d->mu);
    double v = d->duration;
    pthread_mutex_unlock(&d->mu);
    return v;
}

void video_decoder_describe(struct video_decoder *d, char *name, size_t namelen, char *note,
                            size_t notelen)
{
    pthread_mutex_lock(&d->mu);
    snprintf(name, namelen, "%s", d->name);
    snprintf(note, notelen, "%s", d->note);
    pthread_mutex_unlock(&d->mu);
}

int64_t video_decoder_hw_waiting_ms(struct video_decoder *d)
{
    pthread_mutex_lock(&d->mu);
    int64_t since = d->hw_since_ms;
    pthread_mutex_unlock(&d->mu);
    return since ? clock_now_ms() - since : 0;
}
