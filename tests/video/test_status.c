/* The staff status page says which decoder plays the clips and how many frames were late, and in
 * large print when the hardware decoder was given up and why: after an update that broke it, a
 * technician sees it there rather than only in the journal. */
#include <string.h>

#include "app/status.h"
#include "check.h"

static bool has_line(const struct status_text *t, const char *text)
{
    for (size_t i = 0; i < STATUS_MAX_LINES; i++)
        if (strstr(t->lines[i], text))
            return true;
    return false;
}

int main(void)
{
    struct status_facts f = {.now = 1800000000};
    struct status_text text;
    struct notice n;
    memset(&text, 0, sizeof text);
    status_build(&f, &text, &n);
    CHECK(!has_line(&text, "Video:"), "no video line before any clip played");
    f.video_decoder = "h264_v4l2m2m";
    f.video_note = "";
    f.video_frames = 1200;
    f.video_dropped = 3;
    memset(&text, 0, sizeof text);
    status_build(&f, &text, &n);
    CHECK(has_line(&text, "Video: decoder h264_v4l2m2m; 1200 frames shown, 3 dropped (late)"),
          "the decoder and the late frames");
    f.video_decoder = "h264";
    f.video_note = "the hardware decoder h264_v4l2m2m gave no picture in 2.0 s; software decoding";
    memset(&text, 0, sizeof text);
    status_build(&f, &text, &n);
    CHECK(has_line(&text, "Video: the hardware decoder h264_v4l2m2m gave no picture in 2.0 s; "
                          "software decoding"),
          "the fall back and its reason");
    return check_summary();
}
