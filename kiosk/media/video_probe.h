/* Video probe: what a clip is (container, codec, profile, size, frame rate, pixel format,
 * length, bit rate, sound) and whether the kiosk plays it smoothly, read with libavformat under
 * bounds of time and memory, the way media/probe.h reads an image's header before decoding.
 *
 * Who uses it: `kiosk check`, `kiosk bundle` and the importer's child check, through
 * app/content.c's probe_video (playlist_load_options); the player's decoder (kiosk/video/) may
 * call video_probe() on a clip before opening it, so that a clip that reached the kiosk without
 * a check is skipped with the same reason instead of handed to a decoder.
 *
 * What it bounds (content is hostile until verified):
 *  - time: every libavformat call runs under an interrupt callback with a deadline
 *    (VIDEO_PROBE_DEFAULT_MS), and the reads are ours (an AVIOContext on our own descriptor), so
 *    a slow or endless input ends at the deadline;
 *  - memory: the file's size (VIDEO_MAX_FILE_BYTES), how much is read to find the streams
 *    (probesize, analyzeduration), how many streams; a picture size from the container's header
 *    over VIDEO_MAX_HEADER_SIDE is refused before any decoder is opened, and the decoders that
 *    are opened run with one thread;
 *  - the input itself: only the MP4/QuickTime and Matroska/WebM demuxers are allowed (no
 *    playlists, no references to other files or URLs), one file on a descriptor we opened.
 *
 * Thread: any. FFmpeg's libraries are opened by the first probe (media/ffmpeg_lib.h, which also
 * sends FFmpeg's messages to the kiosk's log at debug level and caps its allocations at
 * VIDEO_MAX_ALLOC_BYTES). Each call opens and closes its own contexts.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A clip over this many bytes is refused (the importer's limit on one file, too). */
#define VIDEO_MAX_FILE_BYTES ((uint64_t)512 << 20)
/* The default deadline of one probe. A good clip probes in tens of milliseconds on a desktop and
 * well under a second on a Pi 4; a clip that needs more is not one the kiosk should play. */
#define VIDEO_PROBE_DEFAULT_MS 5000
/* The largest single allocation FFmpeg may make in this process (see "Thread" above): a 1080p
 * frame is 3 MB, the sample table of an hour of 60 fps video 5 MB. */
#define VIDEO_MAX_ALLOC_BYTES ((size_t)64 << 20)
/* A side the container's header claims above this is refused before a decoder sees it. */
#define VIDEO_MAX_HEADER_SIDE 8192

/* The budget (docs/video.md, "The budget"): what a Raspberry Pi 4 or 5 plays smoothly.
 * Refused above these: */
#define VIDEO_MAX_LONG_SIDE 1920
#define VIDEO_MAX_SHORT_SIDE 1080
#define VIDEO_MAX_FPS 60.0
/* Warned above these: */
#define VIDEO_WARN_BIT_RATE 16000000 /* bits per second: Blu-ray's 1080p is up to 40 */
#define VIDEO_WARN_FILE_BYTES ((uint64_t)200 << 20)
#define VIDEO_WARN_PIXEL_RATE ((int64_t)1920 * 1080 * 30) /* pixels per second: 1080p30 */

/* Facts about a clip: plain data the caller owns (usually on its stack); every string is an
 * array inside the struct, so nothing needs freeing and a copy is a plain assignment. */
struct video_info {
    char container[16];                /* "MP4", "QuickTime", "Matroska", "WebM" */
    char codec[24];                    /* FFmpeg's short name: "h264", "hevc", "vp9", "av1" ... */
    char profile[32];                  /* "High", "Main", "High 10" ...; "" when unknown */
    char pixel_format[32];             /* "yuv420p", "yuv420p10le" ...; "" when unknown */
    int width, height;                 /* coded size of the picture, as the decoder delivers it */
    int display_width, display_height; /* after rotation metadata (90/270 swap the sides) */
    int bit_depth;                     /* bits per sample: 8, 10, 12; 0 when unknown */
    int chroma_w, chroma_h;            /* log2 of chroma subsampling: 4:2:0 is 1,1; 4:2:2 is 1,0 */
    double fps;                        /* frames per second (average); 0 when unknown */
    bool interlaced;                   /* fields rather than frames */
    double duration;                   /* seconds; 0 when unknown */
    int64_t bit_rate;                  /* bits per second of the whole file; 0 when unknown */
    uint64_t file_bytes;
    int rotation; /* degrees clockwise the player must turn the picture: 0, 90, 180, 270 */
    bool has_audio;
    char audio_codec[24]; /* "aac", "mp3", "opus" ...; "" without sound */
    int audio_channels;
    int audio_rate;
};

/* Whether clips can be read on this machine: FFmpeg's libraries open (the first call opens them).
 * False with the reason in why when they are missing. */
bool video_probe_ready(char *why, size_t whylen);

/* How many video_probe() calls were answered by an earlier verdict on the same, unchanged file
 * (video_probe.c, "Verdicts remembered"), for tests. */
uint64_t video_probe_reused(void);

struct video_probe_limits {
    uint64_t max_file_bytes; /* 0: VIDEO_MAX_FILE_BYTES */
    int deadline_ms;         /* 0: VIDEO_PROBE_DEFAULT_MS */
};

/* Reads the clip at path: a regular file with a name ending in .mp4, .m4v, .mov, .mkv or
 * .webm, whose container and streams libavformat can read within the limits (NULL: the
 * defaults), and whose first picture decodes; an MP4 whose frames run past the end of the file
 * (a cut-short copy) is refused. On failure returns false with a plain reason in err ("the file
 * is not a video the kiosk can read", "the file is cut short: ..."), never the path. Does not
 * judge the budget: see video_check_budget(). With the default limits, a file probed before and
 * unchanged since (inode, size, modification and change times) gets the same answer without
 * being read again (video_probe_reused). */
bool video_probe(const char *path, const struct video_probe_limits *limits, struct video_info *info,
                 char *err, size_t errlen);

/* The same for a clip in memory (the fuzz harness; len is the file's size). */
bool video_probe_memory(const void *data, size_t len, const struct video_probe_limits *limits,
                        struct video_info *info, char *err, size_t errlen);

enum video_verdict {
    VIDEO_PLAYS,   /* within the budget */
    VIDEO_WARNING, /* plays, but msg says what is over the budget and what to do */
    VIDEO_REFUSED, /* msg says why and gives the ffmpeg command that converts the clip */
};

/* Judges probed facts against the budget. msg (always written; "" when VIDEO_PLAYS) holds
 * plain words for the playlist's author, e.g. "it is HEVC (H.265), which a Raspberry Pi cannot
 * decode smoothly with the kiosk's FFmpeg; convert it to H.264: ffmpeg -i harbour.mkv -c:v
 * libx264 ... harbour.mp4". src names the clip in the command (as the playlist writes it). */
enum video_verdict video_check_budget(const struct video_info *info, const char *src, char *msg,
                                      size_t msglen);

/* One line for logs and `kiosk check`: "H.264 High, 1920x1080, 30 fps, 8-bit 4:2:0, 8.0 s,
 * 4.1 Mbit/s, no sound". */
void video_info_describe(const struct video_info *info, char *out, size_t outlen);
