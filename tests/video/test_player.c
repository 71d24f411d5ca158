/* The video player (kiosk/video/) with time injected, on SDL's software renderer and a memory
 * surface: which frame is on screen at time t (clips whose every frame has its own colour), frames
 * dropped and counted when time jumps ahead, loops and the end of a clip, the first frame decoded
 * before the clip is drawn, a clip no longer drawn stopping, a damaged clip failing with a reason,
 * the hardware decoder's fall back (one that does not exist, one that never gives a picture, one
 * that blocks), memory flat over 200 passes of a short clip, and sound: only when asked for, at
 * the playlist's share of the kiosk's cap, silent in quiet hours.
 *
 * Clips are made here with Debian's ffmpeg (none committed). Threads: the decoders'; CI runs this
 * under ThreadSanitizer (packaging/dev.sh tsan). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL.h>

#include "base/clock.h"
#include "base/sanitizer.h"
#include "check.h"
#include "media/video_probe.h"
#include "video/player.h"

#define FPS 10
#define FRAMES 10
/* Frame i of colours.mp4 is COLOURS[i]; the colours are far apart even after 4:2:0. */
static const char *const COLOURS[FRAMES] = {"ff0000", "00ff00", "0000ff", "ffff00", "00ffff",
                                            "ff00ff", "ffffff", "000000", "ff8000", "8000ff"};

static char dir[] = "/tmp/kiosk-test-player-XXXXXX";
static SDL_Surface *surface;
static SDL_Renderer *renderer;

static char *clip_path(const char *name)
{
    static char path[FRAMES][256];
    static int next;
    char *p = path[next++ % FRAMES];
    snprintf(p, 256, "%s/%s", dir, name);
    return p;
}

static bool run(const char *cmd)
{
    int st = system(cmd);
    if (st != 0)
        fprintf(stderr, "failed (%d): %s\n", st, cmd);
    return st == 0;
}

/* colours.mp4: FRAMES frames at FPS, each one colour (raw frames written here, encoded by
 * ffmpeg); short.mp4: 0.2 s of a test pattern; two damaged files. */
static bool make_clips(void)
{
    char raw[300], cmd[2048];
    snprintf(raw, sizeof raw, "%s/colours.rgb", dir);
    FILE *f = fopen(raw, "wb");
    if (!f)
        return false;
    for (int i = 0; i < FRAMES; i++) {
        unsigned c = (unsigned)strtoul(COLOURS[i], NULL, 16);
        for (int px = 0; px < 64 * 48; px++) {
            fputc((int)(c >> 16), f);
            fputc((int)((c >> 8) & 255), f);
            fputc((int)(c & 255), f);
        }
    }
    fclose(f);
    snprintf(cmd, sizeof cmd,
             "ffmpeg -v error -y -f rawvideo -pix_fmt rgb24 -s 64x48 -r %d -i %s -c:v libx264 "
             "-preset ultrafast -pix_fmt yuv420p -g 5 %s/colours.mp4 </dev/null && "
             "ffmpeg -v error -y -f lavfi -i testsrc2=size=160x120:rate=25:duration=0.2 "
             "-c:v libx264 -preset ultrafast -pix_fmt yuv420p %s/short.mp4 </dev/null && "
             "ffmpeg -v error -y -f lavfi -i testsrc2=size=160x120:rate=25:duration=2 "
             "-c:v libx264 -preset ultrafast -pix_fmt yuv420p -movflags +faststart "
             "%s/whole.mp4 </dev/null && head -c 20000 %s/whole.mp4 >%s/truncated.mp4 && "
             "head -c 20000 /dev/urandom >%s/random.mp4 && "
             "ffmpeg -v error -y -f lavfi -i testsrc2=size=160x120:rate=25:duration=2 -f lavfi "
             "-i 'aevalsrc=0.5*sin(2*PI*440*t):s=48000:d=2' -c:v libx264 -preset ultrafast "
             "-pix_fmt yuv420p -c:a aac -b:a 128k -shortest %s/sound.mp4 </dev/null",
             FPS, raw, dir, dir, dir, dir, dir, dir, dir);
    return run(cmd);
}

static struct video_ref ref_for(const char *name)
{
    struct video_ref v = {.path = clip_path(name), .fit = IMAGE_FIT_COVER, .focus = {0.5f, 0.5f}};
    return v;
}

/* The index of the colour on screen (nearest), after drawing tex over the surface. */
static int colour_on_screen(SDL_Texture *tex)
{
    SDL_SetRenderDrawColor(renderer, 40, 40, 40, 255);
    SDL_RenderClear(renderer);
    SDL_RenderCopy(renderer, tex, NULL, NULL);
    SDL_RenderFlush(renderer);
    Uint32 px = ((Uint32 *)surface->pixels)[surface->w * (surface->h / 2) + surface->w / 2];
    Uint8 r, g, b;
    SDL_GetRGB(px, surface->format, &r, &g, &b);
    int best = -1;
    long best_d = 1L << 30;
    for (int i = 0; i < FRAMES; i++) {
        unsigned c = (unsigned)strtoul(COLOURS[i], NULL, 16);
        long dr = r - (long)(c >> 16), dg = g - (long)((c >> 8) & 255), db = b - (long)(c & 255);
        long d = dr * dr + dg * dg + db * db;
        if (d < best_d) {
            best_d = d;
            best = i;
        }
    }
    return best_d < 60 * 60 * 3 ? best : -1;
}

static int frame_at(struct video_player *p, const struct video_ref *v, bool loop, double t)
{
    int w, h;
    SDL_Texture *tex = video_player_texture_wait(p, v, loop, t, 5000, &w, &h);
    if (!tex)
        return -2;
    return colour_on_screen(tex);
}

/* Frame N is on screen from N/FPS to just before (N+1)/FPS, to the millisecond; as YUV planes
 * for the renderer to convert, and converted on the decode thread for a software renderer. */
static void test_frame_at_time(bool software)
{
    struct video_player_options o = {.software = software};
    struct video_player *p = video_player_create(renderer, &o);
    struct video_ref v = ref_for("colours.mp4");
    for (int n = 0; n < FRAMES; n++) {
        double start = (double)n / FPS;
        CHECK_INT(frame_at(p, &v, false, start), n);
        CHECK_INT(frame_at(p, &v, false, start + 0.5 / FPS), n);
        CHECK_INT(frame_at(p, &v, false, start + 1.0 / FPS - 0.002), n);
    }
    /* Past its end a clip that does not loop keeps its last frame. */
    CHECK_INT(frame_at(p, &v, false, 5.0), FRAMES - 1);
    video_player_destroy(p);
}

/* A loop's second pass runs on from the first: at the clip's length plus t, frame t. */
static void test_loop(void)
{
    struct video_player *p = video_player_create(renderer, &(struct video_player_options){0});
    struct video_ref v = ref_for("colours.mp4");
    double len = (double)FRAMES / FPS;
    CHECK_INT(frame_at(p, &v, true, 0.05), 0);
    CHECK_INT(frame_at(p, &v, true, len - 0.05), FRAMES - 1);
    CHECK_INT(frame_at(p, &v, true, len + 0.05), 0);
    CHECK_INT(frame_at(p, &v, true, len + 0.35), 3);
    CHECK_INT(frame_at(p, &v, true, 3 * len + 0.75), 7);
    video_player_destroy(p);
}

/* Time jumping ahead (a loop that fell behind): the frames passed are dropped and counted, the
 * frame due is shown. */
static void test_drops(void)
{
    struct video_player *p = video_player_create(renderer, &(struct video_player_options){0});
    struct video_ref v = ref_for("colours.mp4");
    CHECK_INT(frame_at(p, &v, false, 0), 0);
    struct video_player_stats st;
    video_player_stats(p, &st);
    CHECK_INT(st.dropped, 0);
    /* Let the decoder fill its queue (VIDEO_QUEUE_FRAMES: frames 1 to 4), then jump to frame 3:
     * frames 1 and 2 are never shown. */
    SDL_Delay(300);
    int w, h;
    SDL_Texture *tex = video_player_texture(p, &v, false, 0.35, &w, &h);
    CHECK(tex != NULL);
    if (tex)
        CHECK_INT(colour_on_screen(tex), 3);
    video_player_stats(p, &st);
    CHECK_INT(st.dropped, 2);
    CHECK_STR(st.decoder, "h264");
    video_player_destroy(p);
}

/* Asked whether it is ready, a clip decodes its first frame before anything draws it (the next
 * slide's clip while the current slide shows); a clip drawn before and not in this frame stops. */
static void test_ready_before_and_stop(void)
{
    struct video_player *p = video_player_create(renderer, &(struct video_player_options){0});
    struct video_ref a = ref_for("colours.mp4"), b = ref_for("short.mp4");
    const char *err = NULL;
    enum video_clip_state st = video_player_prepare(p, &a, false, &err);
    int64_t until = clock_now_ms() + 5000;
    while (st == VIDEO_CLIP_PENDING && clock_now_ms() < until) {
        SDL_Delay(5);
        st = video_player_prepare(p, &a, false, &err);
    }
    CHECK_INT(st, VIDEO_CLIP_READY);
    /* Ready means drawn at once, with no wait: the first frame is in. */
    int w, h;
    SDL_Texture *tex = video_player_texture(p, &a, false, 0, &w, &h);
    CHECK(tex != NULL, "the prepared clip had no frame to draw at once");
    if (tex)
        CHECK_INT(colour_on_screen(tex), 0);
    video_player_frame_end(p);
    /* Prepared, b decodes beside a. */
    video_player_prepare(p, &b, false, &err);
    struct video_player_stats s;
    video_player_stats(p, &s);
    CHECK_INT(s.clips, 2);
    /* The next frame shows b only: a stops decoding. */
    video_player_texture(p, &b, false, 0, &w, &h);
    video_player_frame_end(p);
    video_player_stats(p, &s);
    CHECK_INT(s.clips, 1);
    video_player_destroy(p);
}

static enum video_clip_state settle(struct video_player *p, const struct video_ref *v,
                                    const char **err)
{
    enum video_clip_state st = VIDEO_CLIP_PENDING;
    int64_t until = clock_now_ms() + 8000;
    while ((st = video_player_prepare(p, v, false, err)) == VIDEO_CLIP_PENDING &&
           clock_now_ms() < until)
        SDL_Delay(10);
    return st;
}

/* A damaged clip fails with a reason a person can read, and nothing else breaks. */
static void test_damaged(void)
{
    struct video_player *p = video_player_create(renderer, &(struct video_player_options){0});
    const char *names[] = {"truncated.mp4", "random.mp4", "missing.mp4"};
    for (int i = 0; i < 3; i++) {
        struct video_ref v = ref_for(names[i]);
        const char *err = NULL;
        CHECK_INT(settle(p, &v, &err), VIDEO_CLIP_FAILED);
        CHECK(err && *err, "%s failed without a reason", names[i]);
        if (err)
            fprintf(stderr, "  %s: %s\n", names[i], err);
    }
    struct video_ref good = ref_for("colours.mp4");
    CHECK_INT(frame_at(p, &good, false, 0.25), 2);
    video_player_destroy(p);
}

/* A clip probed once (as the player does when it loads a playlist) is not decoded again for the
 * same answer when its decoder starts or the slide comes round; a clip written since is probed
 * again, even when its size and modification time were put back. */
static void test_remembered_verdicts(void)
{
    char copy[300], cmd[700];
    snprintf(copy, sizeof copy, "%s/again.mp4", dir);
    snprintf(cmd, sizeof cmd, "cp %s %s", clip_path("colours.mp4"), copy);
    CHECK(run(cmd));
    struct video_info first, again;
    char err[256];
    uint64_t reused = video_probe_reused();
    CHECK(video_probe(copy, NULL, &first, err, sizeof err), "%s", err);
    CHECK(video_probe_reused() == reused, "a first probe reads the file");
    CHECK(video_probe(copy, NULL, &again, err, sizeof err), "%s", err);
    CHECK(video_probe_reused() == reused + 1, "the same file is answered from memory");
    CHECK(memcmp(&first, &again, sizeof first) == 0, "with the same facts");

    /* The player's decoder starts on the remembered verdict too. */
    struct video_player *p = video_player_create(renderer, &(struct video_player_options){0});
    struct video_ref v = ref_for("again.mp4");
    CHECK_INT(frame_at(p, &v, false, 0.25), 2);
    video_player_destroy(p);
    CHECK(video_probe_reused() >= reused + 2, "the decoder's gate used the verdict");

    /* Damaged in place, same size, modification time put back: probed again, and refused. */
    struct stat st;
    CHECK(stat(copy, &st) == 0);
    int fd = open(copy, O_WRONLY);
    CHECK(fd >= 0);
    static char zeros[4096];
    for (off_t at = 0; fd >= 0 && at < st.st_size; at += (off_t)sizeof zeros)
        CHECK(pwrite(fd, zeros, sizeof zeros, at) > 0);
    if (fd >= 0) {
        CHECK(ftruncate(fd, st.st_size) == 0);
        struct timespec times[2] = {st.st_atim, st.st_mtim};
        CHECK(futimens(fd, times) == 0);
        close(fd);
    }
    reused = video_probe_reused();
    CHECK(!video_probe(copy, NULL, &again, err, sizeof err), "a damaged copy is refused");
    CHECK(video_probe_reused() == reused, "and was read again, not remembered");
}

/* The hardware path failing in three ways: the software decoder takes over, the frames are the
 * same, and the reason is kept for the log and the status page. */
static void test_hardware_fallback(void)
{
    struct {
        const char *name;
        enum video_hw_test test;
        const char *note;
    } cases[] = {
        {"no_such_decoder", VIDEO_HW_TEST_NONE, "no hardware decoder no_such_decoder"},
        {"h264", VIDEO_HW_TEST_SILENT, "gave no picture in 0.3 s"},
        {"h264", VIDEO_HW_TEST_BLOCK, "did not answer"},
    };
    for (int i = 0; i < 3; i++) {
        struct video_player_options o = {.hardware = true,
                                         .hw_name = cases[i].name,
                                         .hw_test = cases[i].test,
                                         .watchdog_ms = 300};
        struct video_player *p = video_player_create(renderer, &o);
        struct video_ref v = ref_for("colours.mp4");
        const char *err = NULL;
        int64_t t0 = clock_now_ms();
        CHECK_INT(settle(p, &v, &err), VIDEO_CLIP_READY);
        int64_t took = clock_now_ms() - t0;
        CHECK_INT(frame_at(p, &v, false, 0.45), 4);
        struct video_player_stats st;
        video_player_stats(p, &st);
        CHECK(strstr(st.note, cases[i].note) != NULL, "case %d: note \"%s\", expected \"%s\"", i,
              st.note, cases[i].note);
        CHECK_STR(st.decoder, "h264");
        /* The watchdog does not wait for ever: at most its time and the player's margin. */
        CHECK(took < 3000, "case %d: first frame after %lld ms", i, (long long)took);
        video_player_destroy(p);
    }
}

static long rss_kb(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long pages = 0, resident = 0;
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        fclose(f);
    }
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

/* 200 passes of a 0.2 s clip: the resident memory after the last is what it was after the 20th
 * (within 4 MB: allocator noise, not a frame or a context per pass). */
static void test_memory_flat(void)
{
    struct video_player *p = video_player_create(renderer, &(struct video_player_options){0});
    struct video_ref v = ref_for("short.mp4");
    long after20 = 0;
    for (int pass = 0; pass < 200; pass++) {
        for (int f = 0; f < 5; f++) {
            int w, h;
            video_player_texture_wait(p, &v, true, pass * 0.2 + f * 0.04 + 0.001, 2000, &w, &h);
        }
        if (pass == 19)
            after20 = rss_kb();
    }
    long after200 = rss_kb();
    struct video_player_stats st;
    video_player_stats(p, &st);
    fprintf(stderr, "  RSS after 20 passes %ld kB, after 200 %ld kB; %llu frames shown\n", after20,
            after200, (unsigned long long)st.shown);
    CHECK(st.shown >= 900, "only %llu frames in 200 passes", (unsigned long long)st.shown);
    /* Under a sanitizer the allocator's quarantine and shadow grow with what is freed: the
     * frames are still counted, the memory is not judged. */
    if (!KIOSK_UNDER_SANITIZER)
        CHECK(after200 - after20 < 4096, "RSS grew %ld kB from pass 20 to 200", after200 - after20);
    video_player_destroy(p);
}

/* Plays sound.mp4 (a sine at half of full scale) for 0.8 s of real time; returns the player's
 * stats. */
static struct video_player_stats play_sound(bool sound, int volume, int cap, bool quiet)
{
    struct video_player_options o = {.sound = true};
    struct video_player *p = video_player_create(renderer, &o);
    video_player_set_volume(p, cap, quiet);
    struct video_ref v = ref_for("sound.mp4");
    v.sound = sound;
    v.volume = volume;
    const char *err;
    settle(p, &v, &err);
    int64_t t0 = clock_now_ms();
    while (clock_now_ms() - t0 < 800) {
        int w, h;
        video_player_texture(p, &v, false, (clock_now_ms() - t0) / 1000.0, &w, &h);
        SDL_Delay(20);
    }
    struct video_player_stats st;
    video_player_stats(p, &st);
    video_player_destroy(p);
    return st;
}

/* Sound only when the playlist asks, at its share of the kiosk's cap, none in quiet hours. */
static void test_sound(void)
{
    struct video_player_stats st = play_sound(false, 100, 100, false);
    CHECK_INT(st.audio_frames, 0);
    st = play_sound(true, 100, 100, false);
    /* About 0.8 s + the lead handed over; the peak near the sine's 16384 (AAC and the mix of
     * mono into stereo take a little off). */
    CHECK(st.audio_frames > 30000 && st.audio_frames < 60000, "%llu samples for 0.8 s",
          (unsigned long long)st.audio_frames);
    int full = st.audio_peak;
    CHECK(full > 12000 && full <= 16500, "full volume peaks at %d", full);
    st = play_sound(true, 50, 100, false);
    CHECK_NEAR(st.audio_peak, full / 2.0, full * 0.02, "the playlist's volume 50");
    st = play_sound(true, 50, 50, false);
    CHECK_NEAR(st.audio_peak, full / 4.0, full * 0.02, "volume 50 under a cap of 50");
    st = play_sound(true, 100, 100, true);
    CHECK_INT(st.audio_frames, 0);
}

int main(void)
{
    /* Sound goes nowhere, at the pace of a real device. */
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    if (!mkdtemp(dir))
        return 2;
    if (!make_clips())
        return 2;
    surface = SDL_CreateRGBSurfaceWithFormat(0, 64, 48, 32, SDL_PIXELFORMAT_RGB888);
    renderer = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    if (!renderer) {
        fprintf(stderr, "no software renderer: %s\n", SDL_GetError());
        return 2;
    }
    test_frame_at_time(false);
    test_frame_at_time(true);
    test_loop();
    test_drops();
    test_ready_before_and_stop();
    test_damaged();
    test_remembered_verdicts();
    test_hardware_fallback();
    test_memory_flat();
    test_sound();
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(surface);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    run(cmd);
    return check_summary();
}
