#define LOG_MODULE "video"
/* Opening FFmpeg's libraries on the first clip (ffmpeg_lib.h). */
#define FFMPEG_LIB_LOADER
#include "media/ffmpeg_lib.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/dynlib.h"
#include "base/log.h"
#include "media/video_probe.h"

/* The sonames of the versions the headers describe (Bookworm: FFmpeg 5.1). */
#define SONAME(lib, major) "lib" lib ".so." AV_STRINGIFY(major)
#define LIBAVUTIL SONAME("avutil", LIBAVUTIL_VERSION_MAJOR)
#define LIBAVCODEC SONAME("avcodec", LIBAVCODEC_VERSION_MAJOR)
#define LIBAVFORMAT SONAME("avformat", LIBAVFORMAT_VERSION_MAJOR)
#define LIBSWSCALE SONAME("swscale", LIBSWSCALE_VERSION_MAJOR)
#define LIBSWRESAMPLE SONAME("swresample", LIBSWRESAMPLE_VERSION_MAJOR)

struct ffmpeg_lib ffmpeg_lib;

static const struct dynlib_symbol symbols[] = {
#define FFMPEG_SYMBOL(lib, name) {lib, #name, (void **)&ffmpeg_lib.name},
    FFMPEG_FUNCTIONS(FFMPEG_SYMBOL)
#undef FFMPEG_SYMBOL
};

static pthread_once_t once = PTHREAD_ONCE_INIT;
static bool loaded;
static char load_error[256];

static void ffmpeg_log(void *avcl, int level, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));
static void ffmpeg_log(void *avcl, int level, const char *fmt, va_list ap)
{
    (void)avcl;
    if (level > AV_LOG_WARNING || log_get_level() < LOG_LEVEL_DEBUG)
        return;
    char line[256];
    vsnprintf(line, sizeof line, fmt, ap);
    size_t n = strlen(line);
    if (n && line[n - 1] == '\n')
        line[n - 1] = '\0';
    LOG_DBG("ffmpeg: %s", line);
}

static void load(void)
{
    loaded =
        dynlib_load(symbols, sizeof symbols / sizeof symbols[0], load_error, sizeof load_error);
    if (!loaded) {
        LOG_ERR("video cannot play: FFmpeg's libraries are not usable: %s", load_error);
        return;
    }
    ffmpeg_lib.av_log_set_callback(ffmpeg_log);
    /* A 1.4 KB MP4 can make the MP4 demuxer ask for 1.4 GB at once for a sample table it
     * claims (found by fuzz_video_probe): no single allocation of FFmpeg's may pass this. */
    ffmpeg_lib.av_max_alloc(VIDEO_MAX_ALLOC_BYTES);
}

bool ffmpeg_lib_open(char *why, size_t whylen)
{
    pthread_once(&once, load);
    if (!loaded && whylen)
        snprintf(why, whylen, "%s", load_error);
    return loaded;
}
