/* A "video" on a slide or page: the clip's file, how it fills the screen, looping and sound.
 * The clip itself is probed through playlist_load_options.probe_video (kiosk/media's bounded
 * probe); the player is kiosk/video/. */
#include "playlist/parse_internal.h"
#include "base/xmalloc.h"

#include <string.h>

static void bool_member(struct parse_ctx *c, const json_t *obj, const char *key, bool *out,
                        bool *ok)
{
    const json_t *v = json_object_get(obj, key);
    if (!v)
        return;
    parse_push_key(c, key);
    if (json_is_boolean(v)) {
        *out = json_is_true(v);
    } else {
        parse_error(c, "expected true or false, found %s", parse_type_name(v));
        *ok = false;
    }
    parse_pop(c);
}

/* The clip's facts, bounded; the size and length stay 0 when there is no probe. */
static void probe_clip(struct parse_ctx *c, struct video_ref *video)
{
    if (!c->opts->probe_video)
        return;
    parse_push_key(c, "src");
    char err[1024] = "";
    int width = 0, height = 0;
    double duration = 0;
    if (c->opts->probe_video(c->opts->probe_ctx, video->path, &width, &height, &duration, err,
                             sizeof(err))) {
        video->width = width;
        video->height = height;
        video->duration = duration;
        if (err[0]) /* it plays, but over the budget: what to do about it */
            parse_warning(c, "video %s: %s", video->src, err);
    } else {
        parse_error(c, "cannot use video %s: %s", video->src,
                    err[0] ? err : "the video probe refused it");
    }
    parse_pop(c);
}

bool parse_video(struct parse_ctx *c, const json_t *v, struct video_ref *video)
{
    video->fit = IMAGE_FIT_COVER;
    video->focus[0] = video->focus[1] = 0.5f;
    video->volume = VIDEO_MAX_VOLUME;
    if (!parse_expect(c, v, JSON_OBJECT, "an object such as {\"src\": \"media/harbour.mp4\"}"))
        return false;
    static const char *const keys[] = {"src",  "fit",   "focus",  "background",
                                       "loop", "sound", "volume", NULL};
    static const char *const fits[] = {"cover", "contain", NULL};
    bool ok = parse_known_keys(c, v, keys);

    int fit = IMAGE_FIT_COVER;
    if (parse_enum_member(c, v, "fit", "fit", fits, &fit) == FIELD_BAD)
        ok = false;
    video->fit = (enum image_fit)fit;

    const json_t *focus = json_object_get(v, "focus");
    if (focus) {
        parse_push_key(c, "focus");
        ok &= parse_pair(c, focus, 0, 1, "a number", video->focus);
        parse_pop(c);
    }
    const json_t *bg = json_object_get(v, "background");
    if (bg) {
        parse_push_key(c, "background");
        video->has_background = parse_background(c, bg, &video->background);
        ok &= video->has_background;
        parse_pop(c);
    }
    bool_member(c, v, "loop", &video->loop, &ok);
    bool_member(c, v, "sound", &video->sound, &ok);
    double volume = VIDEO_MAX_VOLUME;
    enum field f = parse_number_member(c, v, "volume", 0, VIDEO_MAX_VOLUME,
                                       "percent of the kiosk's volume", &volume);
    if (f == FIELD_BAD)
        ok = false;
    video->volume = (int)(volume + 0.5);
    if (f == FIELD_OK && !video->sound && json_object_get(v, "sound") == NULL) {
        parse_push_key(c, "volume");
        parse_warning(c, "a volume without sound: the clip plays silent unless \"sound\": true "
                         "is beside it");
        parse_pop(c);
    }

    const json_t *src = json_object_get(v, "src");
    if (!src) {
        parse_missing(c, "src", "the clip's path, relative to the playlist folder");
        return false;
    }
    parse_push_key(c, "src");
    char *path = NULL;
    if (parse_expect(c, src, JSON_STRING, "a path relative to the playlist folder"))
        path = parse_folder_file(c, json_string_value(src), "video");
    parse_pop(c);
    if (!path)
        return false;
    video->src = xstrdup(json_string_value(src));
    video->path = path;
    probe_clip(c, video);
    return ok;
}

void parse_slide_video_duration(struct parse_ctx *c, struct slide *s)
{
    if (!s->has_video || s->duration_explicit || s->video.loop || s->video.duration <= 0)
        return;
    double d = s->video.duration;
    char a[32], b[32];
    parse_push_key(c, "video");
    parse_push_key(c, "src");
    if (d > PLAYLIST_MAX_DURATION) {
        parse_warning(c,
                      "the clip lasts %s s; a slide lasts at most %s s, so it is cut there "
                      "(give the slide a \"duration\" to choose where)",
                      parse_number_text(d, a, sizeof(a)),
                      parse_number_text(PLAYLIST_MAX_DURATION, b, sizeof(b)));
        d = PLAYLIST_MAX_DURATION;
    }
    if (d <= s->transition.duration)
        parse_error(c,
                    "the clip lasts %s s, not longer than the %s s transition into its slide; "
                    "expected a longer clip, a shorter transition or a \"duration\" that plays "
                    "it again",
                    parse_number_text(d, a, sizeof(a)),
                    parse_number_text(s->transition.duration, b, sizeof(b)));
    s->duration = d;
    parse_pop(c);
    parse_pop(c);
}
