/* "video" on slides and pages: the model the player gets (fit, focus, background, loop, sound,
 * volume), the slide's duration from the clip unless the playlist sets one, and the messages for
 * what is wrong. Clip files are empty here: the probe is a stand-in that says how long they are
 * (the real one, kiosk/media's, is tested with generated clips in tests/video/). */
#include "base/file.h"
#include "base/xmalloc.h"
#include "playlist/playlist.h"

#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[] = "/tmp/kiosk-test-video-XXXXXX";

/* Every clip is 1280x720; its length in seconds is in its name ("clip-12.5.mp4"); "broken" is
 * refused as the real probe refuses a truncated file. */
static bool fake_video_probe(void *ctx, const char *path, int *width, int *height, double *duration,
                             char *err, size_t errlen)
{
    (void)ctx;
    if (strstr(path, "broken")) {
        snprintf(err, errlen, "the file ends before its first frame (truncated?)");
        return false;
    }
    const char *dash = strrchr(path, '-');
    *width = 1280;
    *height = 720;
    *duration = dash ? atof(dash + 1) : 0;
    return true;
}

static struct playlist *load(const char *json, struct diag_list *diags, bool probe)
{
    struct playlist_load_options opts = {0};
    if (probe)
        opts.probe_video = fake_video_probe;
    return playlist_load_text(dir, "playlist.json", json, strlen(json), &opts, diags);
}

#define HEAD                                                                                       \
    "{\"format\": 1, \"name\": \"Video\", \"screen\": {\"width\": 1920, \"height\": 1080},\n"      \
    " \"languages\": [\"he\"], \"defaults\": {\"duration\": 8, \"transition\": "                   \
    "{\"type\": \"crossfade\", \"duration\": 1}},\n"

static void test_fields(void)
{
    struct diag_list diags = {0};
    struct playlist *pl =
        load(HEAD " \"slides\": [\n"
                  "  {\"id\": \"a\", \"video\": {\"src\": \"clip-12.5.mp4\"}},\n"
                  "  {\"id\": \"b\", \"duration\": 30, \"video\": {\"src\": \"clip-12.5.mp4\",\n"
                  "   \"fit\": \"contain\", \"focus\": [0.2, 0.8], \"background\": \"#102030\",\n"
                  "   \"sound\": true, \"volume\": 40}},\n"
                  "  {\"id\": \"c\", \"video\": {\"src\": \"clip-12.5.mp4\", \"loop\": true}},\n"
                  "  {\"id\": \"d\", \"duration\": 5, \"video\": {\"src\": \"clip-12.5.mp4\"}}],\n"
                  " \"interactive\": {\"touch_opens_home\": true, \"home\": \"p\"},\n"
                  " \"pages\": [{\"id\": \"p\", \"video\": {\"src\": \"clip-12.5.mp4\", "
                  "\"loop\": true}}]}\n",
             &diags, true);
    CHECK(pl != NULL);
    diag_print(&diags, stderr);
    CHECK_INT(diags.count, 0);
    if (!pl)
        return;
    const struct slide *s = pl->slides;
    /* Without a duration the slide lasts as long as its clip. */
    CHECK(s[0].has_video);
    CHECK(!s[0].has_image);
    CHECK_STR(s[0].video.src, "clip-12.5.mp4");
    CHECK(strstr(s[0].video.path, "/clip-12.5.mp4") != NULL);
    CHECK_NUM(s[0].duration, 12.5);
    CHECK(!s[0].duration_explicit);
    CHECK_INT(s[0].video.fit, IMAGE_FIT_COVER);
    CHECK(!s[0].video.sound);
    CHECK(!s[0].video.loop);
    CHECK_INT(s[0].video.volume, 100);
    CHECK_INT(s[0].video.width, 1280);
    CHECK_NUM(s[0].video.duration, 12.5);
    /* A longer duration plays the clip again; every other field as written. */
    CHECK_NUM(s[1].duration, 30);
    CHECK(s[1].duration_explicit);
    CHECK_INT(s[1].video.fit, IMAGE_FIT_CONTAIN);
    CHECK_NUM(s[1].video.focus[0], 0.2);
    CHECK_NUM(s[1].video.focus[1], 0.8);
    CHECK(s[1].video.has_background);
    CHECK_INT(s[1].video.background.from.g, 0x20);
    CHECK(s[1].video.sound);
    CHECK_INT(s[1].video.volume, 40);
    /* A background loop without a duration lasts the default duration. */
    CHECK(s[2].video.loop);
    CHECK_NUM(s[2].duration, 8);
    /* A shorter duration cuts it. */
    CHECK_NUM(s[3].duration, 5);
    CHECK(pl->pages[0].has_video);
    CHECK(pl->pages[0].video.loop);
    playlist_free(pl);
    diag_list_clear(&diags);

    /* Without a probe (the player's own load may skip it) the default stands until the player
     * opens the clip. */
    diags = (struct diag_list){0};
    pl = load(HEAD " \"slides\": [{\"id\": \"a\", \"video\": {\"src\": \"clip-12.5.mp4\"}}]}\n",
              &diags, false);
    CHECK(pl != NULL);
    if (pl) {
        CHECK_NUM(pl->slides[0].duration, 8);
        CHECK(!pl->slides[0].duration_explicit);
        CHECK_NUM(pl->slides[0].video.duration, 0);
    }
    playlist_free(pl);
    diag_list_clear(&diags);
}

/* Each bad playlist gives exactly this message (line:column: path: text). */
static void expect_error(const char *json, const char *want)
{
    struct diag_list diags = {0};
    struct playlist *pl = load(json, &diags, true);
    CHECK(pl == NULL, "a playlist with \"%s\" loaded", want);
    bool found = false;
    for (size_t i = 0; i < diags.count; i++) {
        char *line = diag_format(&diags.items[i]);
        if (strstr(line, want))
            found = true;
        else
            fprintf(stderr, "  (other message: %s)\n", line);
        free(line);
    }
    CHECK(found, "no message with \"%s\"", want);
    playlist_free(pl);
    diag_list_clear(&diags);
}

static void test_errors(void)
{
    expect_error(HEAD " \"slides\": [{\"id\": \"a\", \"image\": {\"src\": \"photo.jpg\"},\n"
                      "  \"video\": {\"src\": \"clip-12.5.mp4\"}}]}\n",
                 "4:12: slides[0].video: a slide shows an image or a video, not both");
    expect_error(HEAD " \"slides\": [{\"id\": \"a\", \"video\": {\"src\": \"clip-0.5.mp4\"}}]}\n",
                 "slides[0].video.src: the clip lasts 0.5 s, not longer than the 1 s transition");
    expect_error(HEAD " \"slides\": [{\"id\": \"a\", \"video\": {\"src\": \"broken-3.mp4\"}}]}\n",
                 "slides[0].video.src: cannot use video broken-3.mp4: the file ends before its "
                 "first frame (truncated?)");
    expect_error(HEAD " \"slides\": [{\"id\": \"a\", \"video\": {\"src\": \"missing.mp4\"}}]}\n",
                 "slides[0].video.src: file not found: missing.mp4");
    expect_error(HEAD " \"slides\": [{\"id\": \"a\", \"video\": {\"src\": \"clip-12.5.mp4\", "
                      "\"volume\": 140, \"sound\": true}}]}\n",
                 "slides[0].video.volume: ");
    expect_error(HEAD " \"slides\": [{\"id\": \"a\", \"video\": {\"src\": \"clip-12.5.mp4\", "
                      "\"loops\": true}}]}\n",
                 "slides[0].video.loops: unknown key \"loops\" (did you mean \"loop\"?)");
    expect_error(HEAD " \"slides\": [{\"id\": \"a\", \"video\": {\"src\": \"clip-12.5.mp4\", "
                      "\"sound\": \"yes\"}}]}\n",
                 "slides[0].video.sound: expected true or false, found a string");
}

int main(void)
{
    if (!mkdtemp(dir))
        return 2;
    const char *files[] = {"clip-12.5.mp4", "clip-0.5.mp4", "broken-3.mp4", "photo.jpg"};
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        char *path = xasprintf("%s/%s", dir, files[i]);
        FILE *f = fopen(path, "w");
        if (f)
            fclose(f);
        free(path);
    }
    test_fields();
    test_errors();
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        char *path = xasprintf("%s/%s", dir, files[i]);
        unlink(path);
        free(path);
    }
    rmdir(dir);
    return check_summary();
}
