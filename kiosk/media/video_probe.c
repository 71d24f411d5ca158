/* The clip probe: libavformat on our own reads, under a deadline, then the budget.
 *
 * Order matters for hostile files: the container is opened (headers only, a few megabytes at
 * most), the picture size it claims is checked, and only then are decoders opened, by
 * avformat_find_stream_info (one thread each, H.264 and common sound codecs only) and for the
 * first picture. A clip the budget would refuse anyway (HEVC, AV1) is never decoded.
 */
#define LOG_MODULE "video-probe"

#include "media/video_probe.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "media/ffmpeg_lib.h"

/* What libavformat may read to find the streams: enough for any sane MP4 or Matroska header
 * (FFmpeg's defaults are 5 MB and 5 s). */
#define PROBE_BYTES (5 << 20)
#define PROBE_ANALYZE_US (5 * AV_TIME_BASE)
#define PROBE_MAX_STREAMS 16
/* Reading towards the first picture stops after this many packets. */
#define PROBE_FIRST_FRAME_PACKETS 600
#define AVIO_BUFFER 32768

/* The demuxers a clip may use: MP4/QuickTime and Matroska/WebM, nothing that follows
 * references to other files (HLS, concat, image sequences). */
static const char format_whitelist[] = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm";
/* The decoders avformat_find_stream_info may open: the one picture codec the kiosk plays and
 * the usual sound codecs. Other codecs are named from their headers and refused undecoded. */
static const char codec_whitelist[] = "h264,aac,aac_fixed,mp3,mp3float,opus,vorbis,flac";

/* Bytes from a descriptor or from memory, with a deadline on every read. */
struct source {
    int fd; /* -1 for memory */
    const uint8_t *mem;
    uint64_t size;
    uint64_t pos;
    int64_t deadline_ms;
    int budget_ms; /* the deadline's length, for messages */
};

static bool past_deadline(const struct source *s)
{
    return clock_now_ms() > s->deadline_ms;
}

static int source_interrupt(void *opaque)
{
    return past_deadline(opaque);
}

static int source_read(void *opaque, uint8_t *buf, int n)
{
    struct source *s = opaque;
    if (past_deadline(s))
        return AVERROR_EXIT;
    if (s->pos >= s->size)
        return AVERROR_EOF;
    uint64_t left = s->size - s->pos;
    size_t want = (uint64_t)n < left ? (size_t)n : (size_t)left;
    if (s->mem) {
        memcpy(buf, s->mem + s->pos, want);
    } else {
        ssize_t got;
        do
            got = pread(s->fd, buf, want, (off_t)s->pos);
        while (got < 0 && errno == EINTR);
        if (got < 0)
            return AVERROR(errno);
        if (got == 0)
            return AVERROR_EOF; /* the file shrank under us */
        want = (size_t)got;
    }
    s->pos += want;
    return (int)want;
}

static int64_t source_seek(void *opaque, int64_t offset, int whence)
{
    struct source *s = opaque;
    if (whence & AVSEEK_SIZE)
        return (int64_t)s->size;
    int64_t base = 0;
    switch (whence & ~AVSEEK_FORCE) {
    case SEEK_SET:
        base = 0;
        break;
    case SEEK_CUR:
        base = (int64_t)s->pos;
        break;
    case SEEK_END:
        base = (int64_t)s->size;
        break;
    default:
        return AVERROR(EINVAL);
    }
    if ((offset > 0 && base > INT64_MAX - offset) || base + offset < 0)
        return AVERROR(EINVAL);
    s->pos = (uint64_t)(base + offset);
    return (int64_t)s->pos;
}

static void set_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
    if (!errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

static bool name_allowed(const char *path)
{
    static const char *const exts[] = {".mp4", ".m4v", ".mov", ".mkv", ".webm", NULL};
    size_t n = strlen(path);
    for (size_t i = 0; exts[i]; i++) {
        size_t e = strlen(exts[i]);
        if (n > e && strcasecmp(path + n - e, exts[i]) == 0)
            return true;
    }
    return false;
}

static bool is_webm_name(const char *path)
{
    size_t n = path ? strlen(path) : 0;
    return n > 5 && strcasecmp(path + n - 5, ".webm") == 0;
}

/* Matroska/WebM: the Segment's size from its header, against the file's. A copy cut short ends
 * before its Segment does; the demuxer would only notice at the end of playing. Returns false
 * when the file claims more bytes than it has. Unknown sizes (a live recording) pass. */
static bool matroska_complete(struct source *s)
{
    uint8_t head[64];
    size_t have = 0;
    uint64_t saved = s->pos;
    s->pos = 0;
    while (have < sizeof head) {
        int n = source_read(s, head + have, (int)(sizeof head - have));
        if (n <= 0)
            break;
        have += (size_t)n;
    }
    s->pos = saved;
    size_t p = 0;
    /* An EBML element: an ID of 1..4 bytes and a size of 1..8 bytes, both variable-length. */
    for (int element = 0; element < 2; element++) {
        if (p >= have)
            return true;
        int id_len = 1;
        while (id_len <= 4 && !(head[p] & (0x80 >> (id_len - 1))))
            id_len++;
        if (id_len > 4 || p + (size_t)id_len >= have)
            return true;
        uint32_t id = 0;
        for (int i = 0; i < id_len; i++)
            id = id << 8 | head[p + (size_t)i];
        p += (size_t)id_len;
        int size_len = 1;
        while (size_len <= 8 && !(head[p] & (0x80 >> (size_len - 1))))
            size_len++;
        if (size_len > 8 || p + (size_t)size_len > have)
            return true;
        uint64_t size = head[p] & (0xFFu >> size_len);
        bool unknown = size == (0xFFu >> size_len);
        for (int i = 1; i < size_len; i++) {
            size = size << 8 | head[p + (size_t)i];
            unknown = unknown && head[p + (size_t)i] == 0xFF;
        }
        p += (size_t)size_len;
        if (element == 0) {
            if (id != 0x1A45DFA3 || unknown)
                return true;
            if (size > have - p)
                return true; /* a header this long is odd but not ours to judge here */
            p += (size_t)size;
        } else {
            if (id != 0x18538067 || unknown)
                return true;
            return size <= s->size - p;
        }
    }
    return true;
}

/* MP4/QuickTime: every frame the index lists lies inside the file. */
static bool mp4_complete(AVFormatContext *fmt, uint64_t file_size, double *cut_at)
{
    for (unsigned i = 0; i < fmt->nb_streams; i++) {
        AVStream *st = fmt->streams[i];
        int n = avformat_index_get_entries_count(st);
        for (int k = 0; k < n; k++) {
            const AVIndexEntry *e = avformat_index_get_entry(st, k);
            if (e && e->pos >= 0 && (uint64_t)e->pos + (uint64_t)e->size > file_size) {
                *cut_at = e->timestamp != AV_NOPTS_VALUE ? e->timestamp * av_q2d(st->time_base) : 0;
                return false;
            }
        }
    }
    return true;
}

static AVStream *video_stream(AVFormatContext *fmt)
{
    AVStream *best = NULL;
    for (unsigned i = 0; i < fmt->nb_streams; i++) {
        AVStream *st = fmt->streams[i];
        if (st->codecpar->codec_type != AVMEDIA_TYPE_VIDEO ||
            (st->disposition & AV_DISPOSITION_ATTACHED_PIC))
            continue;
        if (!best || (int64_t)st->codecpar->width * st->codecpar->height >
                         (int64_t)best->codecpar->width * best->codecpar->height)
            best = st;
    }
    return best;
}

static void copy_name(char *dst, size_t n, const char *src)
{
    snprintf(dst, n, "%s", src ? src : "");
}

/* Decodes the first picture of st: the clip's data, not only its headers, is readable. */
static bool decode_first_picture(AVFormatContext *fmt, AVStream *st, struct source *s,
                                 struct video_info *info, char *err, size_t errlen)
{
    const AVCodec *codec = avcodec_find_decoder(st->codecpar->codec_id);
    if (!codec)
        return true; /* named from its headers; the budget refuses it */
    AVCodecContext *dec = avcodec_alloc_context3(codec);
    AVPacket *pkt = av_packet_alloc();
    AVFrame *frame = av_frame_alloc();
    if (!dec || !pkt || !frame) {
        set_err(err, errlen, "out of memory while reading the clip");
        goto fail;
    }
    if (avcodec_parameters_to_context(dec, st->codecpar) < 0) {
        set_err(err, errlen, "its picture stream cannot be read");
        goto fail;
    }
    dec->thread_count = 1;
    if (avcodec_open2(dec, codec, NULL) < 0) {
        set_err(err, errlen, "its picture stream cannot be decoded");
        goto fail;
    }
    if (av_seek_frame(fmt, st->index, INT64_MIN, AVSEEK_FLAG_BACKWARD) < 0)
        avio_seek(fmt->pb, 0, SEEK_SET);
    bool got = false, ended = false;
    for (int packets = 0; !got && packets < PROBE_FIRST_FRAME_PACKETS;) {
        int r = ended ? 0 : av_read_frame(fmt, pkt);
        if (r == AVERROR_EXIT || past_deadline(s)) {
            set_err(err, errlen, "reading its first picture took more than %g s",
                    s->budget_ms / 1000.0);
            goto fail;
        }
        if (r < 0) {
            if (ended)
                break;
            ended = true;
            avcodec_send_packet(dec, NULL); /* drain what the decoder holds */
        } else if (pkt->stream_index != st->index) {
            av_packet_unref(pkt);
            continue;
        } else {
            packets++;
            int sr = avcodec_send_packet(dec, pkt);
            av_packet_unref(pkt);
            if (sr < 0 && sr != AVERROR(EAGAIN))
                continue; /* a damaged packet; the next may start a picture */
        }
        int rr = avcodec_receive_frame(dec, frame);
        if (rr == 0) {
            got = true;
            if (frame->interlaced_frame)
                info->interlaced = true;
            if (frame->width != info->width || frame->height != info->height) {
                set_err(err, errlen,
                        "its pictures are %dx%d, not the %dx%d its header says: the file is "
                        "damaged",
                        frame->width, frame->height, info->width, info->height);
                goto fail;
            }
            const AVPixFmtDescriptor *d = av_pix_fmt_desc_get((enum AVPixelFormat)frame->format);
            if (d) {
                copy_name(info->pixel_format, sizeof info->pixel_format, d->name);
                info->bit_depth = d->comp[0].depth;
                info->chroma_w = d->log2_chroma_w;
                info->chroma_h = d->log2_chroma_h;
            }
        } else if (rr == AVERROR_EOF) {
            break;
        }
    }
    if (!got) {
        set_err(err, errlen, "its first picture cannot be decoded: the file is damaged");
        goto fail;
    }
    av_frame_free(&frame);
    av_packet_free(&pkt);
    avcodec_free_context(&dec);
    return true;
fail:
    av_frame_free(&frame);
    av_packet_free(&pkt);
    avcodec_free_context(&dec);
    return false;
}

static const char *container_name(const AVFormatContext *fmt, const char *path)
{
    if (strstr(fmt->iformat->name, "matroska"))
        return is_webm_name(path) ? "WebM" : "Matroska";
    const AVDictionaryEntry *brand = av_dict_get(fmt->metadata, "major_brand", NULL, 0);
    if (brand && strncmp(brand->value, "qt", 2) == 0)
        return "QuickTime";
    return "MP4";
}

static void fill_stream_facts(AVFormatContext *fmt, AVStream *st, struct video_info *info)
{
    const AVCodecParameters *par = st->codecpar;
    copy_name(info->codec, sizeof info->codec, avcodec_get_name(par->codec_id));
    const char *profile = avcodec_profile_name(par->codec_id, par->profile);
    copy_name(info->profile, sizeof info->profile, profile);
    info->width = par->width;
    info->height = par->height;
    const AVPixFmtDescriptor *d =
        par->format >= 0 ? av_pix_fmt_desc_get((enum AVPixelFormat)par->format) : NULL;
    if (d) {
        copy_name(info->pixel_format, sizeof info->pixel_format, d->name);
        info->bit_depth = d->comp[0].depth;
        info->chroma_w = d->log2_chroma_w;
        info->chroma_h = d->log2_chroma_h;
    }
    AVRational r = st->avg_frame_rate.num > 0 ? st->avg_frame_rate : st->r_frame_rate;
    if (r.num > 0 && r.den > 0)
        info->fps = av_q2d(r);
    info->interlaced =
        par->field_order != AV_FIELD_UNKNOWN && par->field_order != AV_FIELD_PROGRESSIVE;
    if (fmt->duration > 0)
        info->duration = (double)fmt->duration / AV_TIME_BASE;
    else if (st->duration > 0)
        info->duration = (double)st->duration * av_q2d(st->time_base);
    if (info->duration > 0)
        info->bit_rate = (int64_t)((double)info->file_bytes * 8 / info->duration);
    else if (fmt->bit_rate > 0)
        info->bit_rate = fmt->bit_rate;
    const uint8_t *matrix = av_stream_get_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, NULL);
    if (matrix) {
        double deg = -av_display_rotation_get((const int32_t *)matrix);
        if (isfinite(deg)) {
            int turn = ((int)lround(deg / 90.0) % 4 + 4) % 4;
            info->rotation = turn * 90;
        }
    }
    bool sideways = info->rotation == 90 || info->rotation == 270;
    info->display_width = sideways ? info->height : info->width;
    info->display_height = sideways ? info->width : info->height;
    for (unsigned i = 0; i < fmt->nb_streams; i++) {
        const AVCodecParameters *a = fmt->streams[i]->codecpar;
        if (a->codec_type != AVMEDIA_TYPE_AUDIO)
            continue;
        info->has_audio = true;
        copy_name(info->audio_codec, sizeof info->audio_codec, avcodec_get_name(a->codec_id));
        info->audio_channels = a->ch_layout.nb_channels;
        info->audio_rate = a->sample_rate;
        break;
    }
}

static bool probe_source(struct source *s, const char *name, const struct video_probe_limits *lim,
                         struct video_info *info, char *err, size_t errlen)
{
    char why[256];
    if (!ffmpeg_lib_open(why, sizeof why)) {
        set_err(err, errlen,
                "cannot be read: FFmpeg's libraries are missing on this machine (%s); install "
                "the kiosk package again, which brings them",
                why);
        return false;
    }
    int deadline = lim && lim->deadline_ms > 0 ? lim->deadline_ms : VIDEO_PROBE_DEFAULT_MS;
    s->deadline_ms = clock_now_ms() + deadline;
    s->budget_ms = deadline;
    info->file_bytes = s->size;

    bool ok = false;
    AVFormatContext *fmt = avformat_alloc_context();
    uint8_t *buf = av_malloc(AVIO_BUFFER);
    AVIOContext *io =
        buf ? avio_alloc_context(buf, AVIO_BUFFER, 0, s, source_read, NULL, source_seek) : NULL;
    AVDictionary *opts = NULL;
    AVDictionary **stream_opts = NULL;
    if (!fmt || !io) {
        av_free(buf);
        set_err(err, errlen, "out of memory while reading the clip");
        goto done;
    }
    fmt->pb = io;
    fmt->flags |= AVFMT_FLAG_CUSTOM_IO;
    fmt->interrupt_callback.callback = source_interrupt;
    fmt->interrupt_callback.opaque = s;
    fmt->probesize = PROBE_BYTES;
    fmt->max_analyze_duration = PROBE_ANALYZE_US;
    fmt->max_streams = PROBE_MAX_STREAMS;
    av_dict_set(&opts, "format_whitelist", format_whitelist, 0);
    av_dict_set(&opts, "codec_whitelist", codec_whitelist, 0);
    av_dict_set(&opts, "protocol_whitelist", "none", 0);
    int r = avformat_open_input(&fmt, NULL, NULL, &opts);
    if (r < 0) {
        /* avformat_open_input frees fmt on failure; the AVIOContext is still ours. */
        fmt = NULL;
        if (r == AVERROR_EXIT || past_deadline(s))
            set_err(err, errlen, "reading its header took more than %g s", deadline / 1000.0);
        else
            set_err(err, errlen,
                    "the file is not a video the kiosk can read (an MP4, MOV, MKV or WebM "
                    "file), or it is damaged or cut short");
        goto done;
    }
    AVStream *st = video_stream(fmt);
    if (!st) {
        set_err(err, errlen, "the file has no moving picture");
        goto done;
    }
    for (unsigned i = 0; i < fmt->nb_streams; i++) {
        const AVCodecParameters *p = fmt->streams[i]->codecpar;
        if (p->codec_type == AVMEDIA_TYPE_VIDEO &&
            (p->width > VIDEO_MAX_HEADER_SIDE || p->height > VIDEO_MAX_HEADER_SIDE ||
             p->width < 0 || p->height < 0)) {
            set_err(err, errlen,
                    "its header claims a picture of %dx%d, far over the kiosk's limit of "
                    "%dx%d: the file is damaged or not meant for a screen",
                    p->width, p->height, VIDEO_MAX_LONG_SIDE, VIDEO_MAX_SHORT_SIDE);
            goto done;
        }
    }
    copy_name(info->container, sizeof info->container, container_name(fmt, name));
    stream_opts = av_calloc(fmt->nb_streams, sizeof *stream_opts);
    if (!stream_opts) {
        set_err(err, errlen, "out of memory while reading the clip");
        goto done;
    }
    for (unsigned i = 0; i < fmt->nb_streams; i++)
        av_dict_set(&stream_opts[i], "threads", "1", 0);
    r = avformat_find_stream_info(fmt, stream_opts);
    if (r < 0 || past_deadline(s)) {
        if (r == AVERROR_EXIT || past_deadline(s))
            set_err(err, errlen, "reading its streams took more than %g s", deadline / 1000.0);
        else
            set_err(err, errlen, "its streams cannot be read: the file is damaged");
        goto done;
    }
    st = video_stream(fmt);
    if (!st) {
        set_err(err, errlen, "the file has no moving picture");
        goto done;
    }
    fill_stream_facts(fmt, st, info);
    if (info->width <= 0 || info->height <= 0 || info->width > VIDEO_MAX_HEADER_SIDE ||
        info->height > VIDEO_MAX_HEADER_SIDE) {
        set_err(err, errlen, "its picture size (%dx%d) cannot be read: the file is damaged",
                info->width, info->height);
        goto done;
    }
    if (strstr(fmt->iformat->name, "mov")) {
        double cut_at = 0;
        if (!mp4_complete(fmt, s->size, &cut_at)) {
            set_err(err, errlen,
                    "the file is cut short: its frames from %.1f s on are missing (an "
                    "unfinished copy or download); copy it again from the original",
                    cut_at);
            goto done;
        }
    } else if (!matroska_complete(s)) {
        set_err(err, errlen,
                "the file is cut short: it ends before its own header says it does (an "
                "unfinished copy or download); copy it again from the original");
        goto done;
    }
    if (st->codecpar->codec_id == AV_CODEC_ID_H264 &&
        !decode_first_picture(fmt, st, s, info, err, errlen))
        goto done;
    ok = true;
done:
    if (stream_opts) {
        for (unsigned i = 0; fmt && i < fmt->nb_streams; i++)
            av_dict_free(&stream_opts[i]);
        av_free(stream_opts);
    }
    av_dict_free(&opts);
    avformat_close_input(&fmt);
    if (io) {
        av_freep(&io->buffer);
        avio_context_free(&io);
    }
    return ok;
}

/* Verdicts remembered: the player probes a clip when it loads the playlist and its decoder
 * probes it again before every pass (the slide coming round, a loop restarted), each time
 * decoding a first picture. The same file, unchanged, gets the same answer without that work;
 * any write changes its ctime, which no tool can set back, so a clip damaged or replaced since is
 * probed again. Only passes with the default limits are remembered. */
#define VERDICTS 16
struct verdict {
    char *path;
    dev_t dev;
    ino_t ino;
    off_t size;
    struct timespec mtime, ctime;
    struct video_info info;
    uint64_t used; /* 0: free */
};
static pthread_mutex_t verdict_lock = PTHREAD_MUTEX_INITIALIZER;
static struct verdict verdicts[VERDICTS];
static uint64_t verdict_clock, verdicts_reused;

static bool same_file(const struct verdict *v, const char *path, const struct stat *st)
{
    return v->used && v->dev == st->st_dev && v->ino == st->st_ino && v->size == st->st_size &&
           v->mtime.tv_sec == st->st_mtim.tv_sec && v->mtime.tv_nsec == st->st_mtim.tv_nsec &&
           v->ctime.tv_sec == st->st_ctim.tv_sec && v->ctime.tv_nsec == st->st_ctim.tv_nsec &&
           strcmp(v->path, path) == 0;
}

static bool verdict_recall(const char *path, const struct stat *st, struct video_info *info)
{
    bool found = false;
    pthread_mutex_lock(&verdict_lock);
    for (int i = 0; i < VERDICTS && !found; i++) {
        if (same_file(&verdicts[i], path, st)) {
            *info = verdicts[i].info;
            verdicts[i].used = ++verdict_clock;
            verdicts_reused++;
            found = true;
        }
    }
    pthread_mutex_unlock(&verdict_lock);
    return found;
}

static void verdict_keep(const char *path, const struct stat *st, const struct video_info *info)
{
    pthread_mutex_lock(&verdict_lock);
    struct verdict *slot = &verdicts[0];
    for (int i = 0; i < VERDICTS; i++) {
        struct verdict *v = &verdicts[i];
        if (v->used && strcmp(v->path, path) == 0) { /* an older version of the same clip */
            slot = v;
            break;
        }
        if (v->used < slot->used)
            slot = v;
    }
    free(slot->path);
    *slot = (struct verdict){.path = xstrdup(path),
                             .dev = st->st_dev,
                             .ino = st->st_ino,
                             .size = st->st_size,
                             .mtime = st->st_mtim,
                             .ctime = st->st_ctim,
                             .info = *info,
                             .used = ++verdict_clock};
    pthread_mutex_unlock(&verdict_lock);
}

uint64_t video_probe_reused(void)
{
    pthread_mutex_lock(&verdict_lock);
    uint64_t n = verdicts_reused;
    pthread_mutex_unlock(&verdict_lock);
    return n;
}

bool video_probe_ready(char *why, size_t whylen)
{
    return ffmpeg_lib_open(why, whylen);
}

bool video_probe(const char *path, const struct video_probe_limits *limits, struct video_info *info,
                 char *err, size_t errlen)
{
    memset(info, 0, sizeof *info);
    if (errlen)
        err[0] = '\0';
    if (!name_allowed(path)) {
        set_err(err, errlen,
                "the kiosk plays clips in .mp4, .m4v, .mov, .mkv or .webm files, and this "
                "name ends otherwise");
        return false;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        set_err(err, errlen, "cannot be opened: %s", strerror(errno));
        return false;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        set_err(err, errlen, "is not a plain file");
        close(fd);
        return false;
    }
    uint64_t cap = limits && limits->max_file_bytes ? limits->max_file_bytes : VIDEO_MAX_FILE_BYTES;
    if ((uint64_t)st.st_size > cap) {
        set_err(err, errlen,
                "the file is %.0f MB, over the kiosk's limit of %.0f MB for one clip; make it "
                "smaller with ffmpeg (see docs/video.md)",
                (double)st.st_size / 1e6, (double)cap / 1e6);
        close(fd);
        return false;
    }
    bool defaults = !limits || (!limits->max_file_bytes && !limits->deadline_ms);
    if (defaults && verdict_recall(path, &st, info)) {
        close(fd);
        return true;
    }
    struct source s = {.fd = fd, .size = (uint64_t)st.st_size};
    bool ok = probe_source(&s, path, limits, info, err, errlen);
    close(fd);
    if (ok && defaults)
        verdict_keep(path, &st, info);
    return ok;
}

bool video_probe_memory(const void *data, size_t len, const struct video_probe_limits *limits,
                        struct video_info *info, char *err, size_t errlen)
{
    memset(info, 0, sizeof *info);
    if (errlen)
        err[0] = '\0';
    struct source s = {.fd = -1, .mem = data, .size = len};
    return probe_source(&s, "clip.mp4", limits, info, err, errlen);
}
