/* One clip decoded on a thread of its own, into a small queue of frames stamped with their time.
 *
 * Threads. The decode thread owns the AVFormatContext and the AVCodecContext: it opens the file
 * (bounded: a deadline on every libavformat call through an AVIOInterruptCB, probesize and
 * analyzeduration capped, only the MP4/QuickTime and Matroska/WebM demuxers, only the file
 * protocol, a picture side over VIDEO_MAX_SIDE refused before a decoder is opened), decodes, and
 * pushes frames into the queue, waiting while it is full. The loop thread never touches FFmpeg's
 * contexts: it only takes frames out of the queue (video_decoder_take), which is a swap of
 * AVFrame references under the decoder's mutex, and asks for the state. One mutex guards the
 * queue and every field the two threads share; the wake callback is called from the decode
 * thread, without the mutex held.
 *
 * Hardware. For H.264 the decoder first tries the hardware decoder (h264_v4l2m2m, the V4L2
 * memory-to-memory decoder of a Pi 4, at /dev/video10) when options.hardware says so and that
 * device exists (or hw_name names a decoder); when it cannot be opened, or gives no first frame
 * within the watchdog's time, the clip is opened again with FFmpeg's software decoder using
 * threads, and video_decoder_describe() says why (the log and the staff status page show it).
 * A hardware call that blocks for good cannot be interrupted from inside the thread: the player
 * (player.h) then stops waiting for the decoder and starts another one without hardware,
 * leaving that thread behind, detached, to end alone.
 *
 * Time. A frame's time is seconds from the clip's first frame; with `loop` the clip starts again
 * at its end and the times run on (the second pass starts at the clip's length), so the caller
 * asks for "the frame at t" on one clock from start to end.
 *
 * Ownership: video_decoder_start returns a decoder owned by the caller, released with
 * video_decoder_stop. Frames returned by video_decoder_take belong to the caller (av_frame_free).
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct AVFrame;

#define VIDEO_QUEUE_FRAMES 4        /* decoded ahead; 1080p 4:2:0 is 3 MB a frame */
#define VIDEO_OPEN_DEADLINE_MS 5000 /* opening and reading the streams' headers */
#define VIDEO_READ_DEADLINE_MS 2000 /* one read while playing */
#define VIDEO_WATCHDOG_MS 2000      /* the hardware decoder's first frame comes within this */
#define VIDEO_MAX_SIDE 4096         /* the largest texture of a Pi 4/5 */
#define VIDEO_HW_DECODER "h264_v4l2m2m"
/* Sound, when asked for: 16-bit stereo at 48 kHz, at most this many decoded chunks ahead (an AAC
 * frame is 21 ms: about 2.7 s). A full queue drops its oldest chunk: sound never holds up the
 * picture. */
#define VIDEO_AUDIO_RATE 48000
#define VIDEO_AUDIO_CHUNKS 128

enum video_hw_test {
    VIDEO_HW_TEST_NONE,
    VIDEO_HW_TEST_SILENT, /* the hardware path swallows every frame: the watchdog must fire */
    VIDEO_HW_TEST_BLOCK,  /* the hardware path blocks for good: the player must give up on it */
};

struct video_decoder_options {
    const char *path;
    bool loop; /* start again at the end; without it the decoder ends after the last frame */
    /* Try a hardware decoder for H.264 first. hw_name: its FFmpeg name (NULL: VIDEO_HW_DECODER);
     * tests name one that does not exist, or a software one with hw_test set. */
    bool hardware;
    const char *hw_name;
    enum video_hw_test hw_test;
    int watchdog_ms; /* 0: VIDEO_WATCHDOG_MS */
    bool sound;      /* decode the clip's sound too (video_decoder_take_audio) */
    /* Called on the decode thread when a frame is queued or the state changes, so a loop that
     * sleeps can wake (an SDL user event). May be NULL. */
    void (*wake)(void *ctx);
    void *wake_ctx;
};

enum video_decoder_state {
    VIDEO_DECODER_OPENING, /* no frame yet */
    VIDEO_DECODER_PLAYING, /* frames come */
    VIDEO_DECODER_ENDED,   /* the last frame was queued (not looping) */
    VIDEO_DECODER_FAILED,  /* see the error; frames already queued may still be taken */
};

struct video_decoder;

/* Starts the thread; NULL only when no thread can be made (logged). */
struct video_decoder *video_decoder_start(const struct video_decoder_options *o);
/* Stops the thread and frees the decoder and its queued frames; NULL is fine. Waits up to a
 * second for the thread (at exit); one that does not end by then is left behind, detached, and
 * frees the decoder when it ends. */
void video_decoder_stop(struct video_decoder *d);
/* The same without waiting at all: the loop thread lets go of a clip off screen without waiting
 * for the frame being decoded (the thread ends after it and frees what it holds). */
void video_decoder_release(struct video_decoder *d);

/* The state; on FAILED the reason is copied into err (a sentence without the path). */
enum video_decoder_state video_decoder_state(struct video_decoder *d, char *err, size_t errlen);
/* The frame to show at t seconds (the decoder's clock): the newest queued frame whose time is
 * not after t. The frames before it are dropped: *dropped gets how many (late frames). NULL when
 * no queued frame is due yet (the one shown stays). Never blocks. *frame_t gets its time. */
struct AVFrame *video_decoder_take(struct video_decoder *d, double t, double *frame_t,
                                   unsigned *dropped);
/* Sound: one chunk of interleaved 16-bit stereo samples at VIDEO_AUDIO_RATE, starting at t
 * seconds of the decoder's clock. The caller frees samples (av_free). */
struct video_audio_chunk {
    int16_t *samples;
    int frames; /* samples per channel */
    double t;
};
/* Takes the oldest queued chunk that starts before `until`; false when there is none. */
bool video_decoder_take_audio(struct video_decoder *d, double until, struct video_audio_chunk *out);

/* The time of the oldest queued frame (the next to show); false when none is queued. */
bool video_decoder_next_time(struct video_decoder *d, double *t);

/* Waits up to timeout_ms for a frame to be queued or the state to change (render, tests). */
void video_decoder_wait(struct video_decoder *d, int timeout_ms);
/* A frame is queued now (the first frame is ready before its slide begins). */
bool video_decoder_has_frame(struct video_decoder *d);
/* The clip's length in seconds from its container (0 unknown), once opened. */
double video_decoder_duration(struct video_decoder *d);
/* The decoder in use ("h264", "h264_v4l2m2m"; "" before it is chosen) and, when the hardware
 * path was given up, why (""); both copied. */
void video_decoder_describe(struct video_decoder *d, char *name, size_t namelen, char *note,
                            size_t notelen);
/* Milliseconds the hardware decoder has been waited for without a frame; 0 when it is not the
 * one in use or has given a frame. The player's watchdog for a call that never returns. */
int64_t video_decoder_hw_waiting_ms(struct video_decoder *d);
