/* The budget of a clip (docs/video.md, "The budget"), and the ffmpeg command that brings a
 * clip over it back within it. The limits are in video_probe.h; why they are what they are is
 * in docs/video.md, per Raspberry Pi model. */
#include "media/video_probe.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Appends to a message being built in out[0..cap). */
struct text {
    char *out;
    size_t cap, len;
};

static void text_add(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void text_add(struct text *t, const char *fmt, ...)
{
    if (t->len + 1 >= t->cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(t->out + t->len, t->cap - t->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        t->len += (size_t)n < t->cap - t->len ? (size_t)n : t->cap - t->len - 1;
}

static const char *codec_words(const char *codec)
{
    if (!strcmp(codec, "h264"))
        return "H.264";
    if (!strcmp(codec, "hevc"))
        return "HEVC (H.265)";
    if (!strcmp(codec, "av1"))
        return "AV1";
    if (!strcmp(codec, "vp9"))
        return "VP9";
    if (!strcmp(codec, "vp8"))
        return "VP8";
    if (!strcmp(codec, "mpeg4"))
        return "MPEG-4 Part 2";
    if (!strcmp(codec, "mpeg2video"))
        return "MPEG-2";
    if (!strcmp(codec, "prores"))
        return "ProRes";
    return codec;
}

static const char *chroma_words(int cw, int ch)
{
    if (cw == 1 && ch == 1)
        return "4:2:0";
    if (cw == 1 && ch == 0)
        return "4:2:2";
    if (cw == 0 && ch == 0)
        return "4:4:4";
    return "unusual";
}

/* Why the codec cannot play smoothly, or NULL when it can. */
static const char *codec_refusal(const struct video_info *v)
{
    if (!strcmp(v->codec, "h264"))
        return NULL;
    if (!strcmp(v->codec, "hevc"))
        return "a Raspberry Pi decodes HEVC in hardware only through an interface that "
               "Debian 12's FFmpeg does not use, and in software it stutters";
    if (!strcmp(v->codec, "av1"))
        return "no Raspberry Pi 4 or 5 decodes AV1 in hardware, and in software it stutters";
    if (!strcmp(v->codec, "vp9"))
        return "no Raspberry Pi 4 or 5 decodes VP9 in hardware, and in software it stutters";
    return "the kiosk plays H.264 clips only";
}

/* The output name for the command: the source's name with -kiosk.mp4 instead of its extension,
 * so that ffmpeg never writes over its own input. */
static void output_name(const char *src, char *out, size_t cap)
{
    const char *dot = strrchr(src, '.');
    const char *slash = strrchr(src, '/');
    size_t stem = dot && (!slash || dot > slash) ? (size_t)(dot - src) : strlen(src);
    snprintf(out, cap, "%.*s-kiosk.mp4", (int)stem, src);
}

/* A word a shell reads as itself: quoted when it holds anything but safe characters. */
static void shell_word(struct text *t, const char *s)
{
    bool plain = s[0] != '\0';
    for (const char *p = s; *p; p++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/-+", *p))
            plain = false;
    if (plain) {
        text_add(t, "%s", s);
        return;
    }
    text_add(t, "'");
    for (const char *p = s; *p; p++) {
        if (*p == '\'')
            text_add(t, "'\\''");
        else
            text_add(t, "%c", *p);
    }
    text_add(t, "'");
}

/* The conversion: H.264 High, 8-bit 4:2:0, within the size and frame-rate limits, the index at
 * the front (plays while copying, and a cut-short copy is told at once); sound kept as AAC. */
static void conversion_command(struct text *t, const struct video_info *v, const char *src,
                               bool lower_rate)
{
    char out[512];
    output_name(src, out, sizeof out);
    text_add(t, "ffmpeg -i ");
    shell_word(t, src);
    text_add(t, " -c:v libx264 -profile:v high -pix_fmt yuv420p");
    if (lower_rate)
        text_add(t, " -crf 23 -maxrate 8M -bufsize 16M");
    char filters[160] = "";
    size_t fl = 0;
    if (v->interlaced)
        fl += (size_t)snprintf(filters + fl, sizeof filters - fl, "yadif,");
    int long_side = v->width > v->height ? v->width : v->height;
    int short_side = v->width > v->height ? v->height : v->width;
    double out_w = v->width, out_h = v->height; /* the size after the command */
    if (long_side > VIDEO_MAX_LONG_SIDE || short_side > VIDEO_MAX_SHORT_SIDE) {
        double sl = (double)VIDEO_MAX_LONG_SIDE / long_side;
        double ss = (double)VIDEO_MAX_SHORT_SIDE / short_side;
        double s = sl < ss ? sl : ss;
        int w = (int)(v->width * s) & ~1;
        out_w = w;
        out_h = v->height * s;
        fl += (size_t)snprintf(filters + fl, sizeof filters - fl, "scale=%d:-2,", w);
    }
    /* 30 frames per second when the clip has more than a screen shows, or when at its new
     * size it would still be over the pixel rate of the budget. */
    if (v->fps > VIDEO_MAX_FPS + 0.5 ||
        out_w * out_h * v->fps > (double)VIDEO_WARN_PIXEL_RATE * 1.01)
        fl += (size_t)snprintf(filters + fl, sizeof filters - fl, "fps=30,");
    if (fl && fl < sizeof filters) {
        filters[fl - 1] = '\0';
        text_add(t, " -vf %s", filters);
    }
    text_add(t, " -movflags +faststart");
    if (v->has_audio)
        text_add(t, " -c:a aac -b:a 128k ");
    else
        text_add(t, " -an ");
    shell_word(t, out);
}

enum video_verdict video_check_budget(const struct video_info *v, const char *src, char *msg,
                                      size_t msglen)
{
    struct text t = {msg, msglen, 0};
    if (msglen)
        msg[0] = '\0';
    int long_side = v->width > v->height ? v->width : v->height;
    int short_side = v->width > v->height ? v->height : v->width;

    /* Refusals: everything found, then one command that mends all of it. */
    int refusals = 0;
    const char *codec_why = codec_refusal(v);
    if (codec_why) {
        text_add(&t, "it is %s: %s", codec_words(v->codec), codec_why);
        refusals++;
    }
    if (!codec_why) {
        if (v->bit_depth > 8) {
            text_add(&t,
                     "%sits colours have %d bits (%s%s), and the Raspberry Pi's H.264 "
                     "decoder takes 8",
                     refusals++ ? "; " : "", v->bit_depth, v->profile[0] ? v->profile : "",
                     v->profile[0] ? " profile" : "H.264 with more than 8 bits");
        } else if (v->chroma_w != 1 || v->chroma_h != 1) {
            text_add(&t,
                     "%sits colour is sampled %s (%s), and the Raspberry Pi's H.264 decoder "
                     "takes 4:2:0",
                     refusals++ ? "; " : "", chroma_words(v->chroma_w, v->chroma_h),
                     v->pixel_format[0] ? v->pixel_format : "unknown");
        }
    }
    if (long_side > VIDEO_MAX_LONG_SIDE || short_side > VIDEO_MAX_SHORT_SIDE)
        text_add(&t,
                 "%sit is %dx%d, larger than the %dx%d the kiosk plays smoothly (the kiosk "
                 "shows video at 1920x1080 even on a 4K screen)",
                 refusals++ ? "; " : "", v->width, v->height,
                 v->width >= v->height ? VIDEO_MAX_LONG_SIDE : VIDEO_MAX_SHORT_SIDE,
                 v->width >= v->height ? VIDEO_MAX_SHORT_SIDE : VIDEO_MAX_LONG_SIDE);
    if (v->fps > VIDEO_MAX_FPS + 0.5)
        text_add(&t, "%sit has %.4g frames per second, more than the %.0f a screen shows",
                 refusals++ ? "; " : "", v->fps, VIDEO_MAX_FPS);
    if (v->interlaced)
        text_add(&t,
                 "%sit is interlaced (fields, as from television), which flickers on a "
                 "screen",
                 refusals++ ? "; " : "");
    if (refusals) {
        text_add(&t, "; convert it: ");
        conversion_command(&t, v, src, v->bit_rate > VIDEO_WARN_BIT_RATE);
        return VIDEO_REFUSED;
    }

    /* Warnings: plays, but over the budget. */
    int warnings = 0;
    bool lower_rate = false;
    double pixel_rate = (double)v->width * v->height * v->fps;
    if (pixel_rate > (double)VIDEO_WARN_PIXEL_RATE * 1.01) {
        text_add(&t,
                 "it is %dx%d at %.4g frames per second, more than 1080p at 30: a "
                 "Raspberry Pi 5 decodes H.264 in software and may drop frames",
                 v->width, v->height, v->fps);
        warnings++;
    }
    if (v->bit_rate > VIDEO_WARN_BIT_RATE) {
        text_add(&t,
                 "%sits bit rate is %.1f Mbit/s, over the budget of %.0f: more work for "
                 "the decoder and a larger file than the picture needs",
                 warnings++ ? "; " : "", (double)v->bit_rate / 1e6, VIDEO_WARN_BIT_RATE / 1e6);
        lower_rate = true;
    }
    if (v->file_bytes > VIDEO_WARN_FILE_BYTES) {
        text_add(&t,
                 "%sthe file is %.0f MB, over the budget of %.0f MB for one clip: slow to "
                 "copy and to check",
                 warnings++ ? "; " : "", (double)v->file_bytes / 1e6,
                 (double)VIDEO_WARN_FILE_BYTES / 1e6);
        lower_rate = true;
    }
    if (v->rotation) {
        text_add(&t,
                 "%sit is stored turned by %d degrees (a phone held upright), and the kiosk "
                 "shows it as stored; ffmpeg turns it upright when converting",
                 warnings++ ? "; " : "", v->rotation);
    }
    if (!warnings)
        return VIDEO_PLAYS;
    text_add(&t, "; to convert it: ");
    conversion_command(&t, v, src, lower_rate);
    return VIDEO_WARNING;
}

void video_info_describe(const struct video_info *v, char *out, size_t outlen)
{
    struct text t = {out, outlen, 0};
    if (outlen)
        out[0] = '\0';
    text_add(&t, "%s %s%s%s, %dx%d", v->container, codec_words(v->codec), v->profile[0] ? " " : "",
             v->profile, v->width, v->height);
    if (v->fps > 0)
        text_add(&t, ", %.4g fps", v->fps);
    if (v->bit_depth)
        text_add(&t, ", %d-bit %s", v->bit_depth, chroma_words(v->chroma_w, v->chroma_h));
    if (v->interlaced)
        text_add(&t, ", interlaced");
    text_add(&t, ", %.1f s", v->duration);
    if (v->bit_rate)
        text_add(&t, ", %.1f Mbit/s", (double)v->bit_rate / 1e6);
    if (v->has_audio)
        text_add(&t, ", sound %s %d ch", v->audio_codec, v->audio_channels);
    else
        text_add(&t, ", no sound");
}
