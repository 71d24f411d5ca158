/* Slides: ids, durations, transitions, backgrounds, images and their media files. Their text
 * blocks are in parse_text.c, their QR codes and buttons in parse_button.c. */
#include "playlist/parse_internal.h"
#include "playlist/parse_style.h"
#include "playlist/parse_schedule.h"
#include "base/file.h"
#include "base/xmalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool parse_id_valid(const char *id)
{
    size_t n = strlen(id);
    if (n < 1 || n > PARSE_ID_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        char ch = id[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-'))
            return false;
    }
    return true;
}

/* The image's header: its size, within the limits (the file was found by parse_folder_file). */
static void probe_media(struct parse_ctx *c, struct image_ref *image)
{
    if (!c->opts->probe_image)
        return;
    parse_push_key(c, "src");
    char err[256] = "";
    int width = 0, height = 0;
    if (c->opts->probe_image(c->opts->probe_ctx, image->path, &width, &height, err, sizeof(err))) {
        image->width = width;
        image->height = height;
    } else {
        parse_error(c, "cannot use image %s: %s", image->src,
                    err[0] ? err : "the image probe refused it");
    }
    parse_pop(c);
}

bool parse_image(struct parse_ctx *c, const json_t *v, struct image_ref *image)
{
    if (!parse_expect(c, v, JSON_OBJECT, "an object such as {\"src\": \"photo.jpg\"}"))
        return false;
    static const char *const keys[] = {"src", "fit", "focus", "pan_zoom", NULL};
    static const char *const fits[] = {"cover", "contain", NULL};
    bool ok = parse_known_keys(c, v, keys);
    image->fit = IMAGE_FIT_COVER;
    image->focus[0] = image->focus[1] = 0.5f;

    int fit = IMAGE_FIT_COVER;
    if (parse_enum_member(c, v, "fit", "fit", fits, &fit) == FIELD_BAD)
        ok = false;
    image->fit = (enum image_fit)fit;

    const json_t *focus = json_object_get(v, "focus");
    if (focus) {
        parse_push_key(c, "focus");
        ok &= parse_pair(c, focus, 0, 1, "a number", image->focus);
        parse_pop(c);
    }

    const json_t *pz = json_object_get(v, "pan_zoom");
    if (pz) {
        parse_push_key(c, "pan_zoom");
        if (parse_expect(c, pz, JSON_OBJECT,
                         "an object such as {\"zoom\": [1.0, 1.15], \"from\": [0.4, 0.5], "
                         "\"to\": [0.6, 0.5]}")) {
            static const char *const pz_keys[] = {"zoom", "from", "to", NULL};
            struct pan_zoom *p = &image->pan_zoom;
            ok &= parse_known_keys(c, pz, pz_keys);
            /* Without "zoom" it is a slow pan; without "from" or "to" it stays on the focus. */
            float zoom[2] = {1.0f, 1.0f};
            memcpy(p->focus_from, image->focus, sizeof(p->focus_from));
            memcpy(p->focus_to, image->focus, sizeof(p->focus_to));
            const char *names[3] = {"zoom", "from", "to"};
            float *outs[3] = {zoom, p->focus_from, p->focus_to};
            for (int i = 0; i < 3; i++) {
                const json_t *pair = json_object_get(pz, names[i]);
                if (!pair)
                    continue;
                parse_push_key(c, names[i]);
                if (i == 0)
                    ok &= parse_pair(c, pair, 1.0, PAN_ZOOM_MAX_ZOOM, "a zoom", outs[i]);
                else
                    ok &= parse_pair(c, pair, 0, 1, "a number", outs[i]);
                parse_pop(c);
            }
            p->zoom_from = zoom[0];
            p->zoom_to = zoom[1];
            p->enabled = true;
        } else {
            ok = false;
        }
        parse_pop(c);
    }

    const json_t *src = json_object_get(v, "src");
    if (!src) {
        parse_missing(c, "src", "the image file's path, relative to the playlist folder");
        return false;
    }
    parse_push_key(c, "src");
    char *path = NULL;
    if (parse_expect(c, src, JSON_STRING, "a path relative to the playlist folder"))
        path = parse_folder_file(c, json_string_value(src), "image");
    parse_pop(c);
    if (!path)
        return false;
    image->src = xstrdup(json_string_value(src));
    image->path = path;
    probe_media(c, image);
    return ok;
}

/* The transition into a slide must end before the slide does. Complains at the value the user
 * should change: the slide's own transition or duration, whichever it sets. */
static void check_transition_fits(struct parse_ctx *c, const json_t *slide, const struct slide *s,
                                  bool own_transition_duration)
{
    const char *key = NULL;
    if (json_object_get(slide, "transition"))
        key = "transition";
    else if (json_object_get(slide, "duration"))
        key = "duration";
    else
        return; /* both come from "defaults", checked there */
    double t = s->transition.duration, d = s->duration;
    char a[32], b[32];
    parse_push_key(c, key);
    if (own_transition_duration)
        parse_push_key(c, "duration");
    if (t >= d)
        parse_error(c,
                    "the transition into this slide lasts %s s, not less than the slide's "
                    "%s s; expected a transition shorter than the slide",
                    parse_number_text(t, a, sizeof(a)), parse_number_text(d, b, sizeof(b)));
    else if (t > d / 2)
        parse_warning(c,
                      "the transition into this slide lasts %s s, more than half of the "
                      "slide's %s s; the slide will be moving for most of its time",
                      parse_number_text(t, a, sizeof(a)), parse_number_text(d, b, sizeof(b)));
    if (own_transition_duration)
        parse_pop(c);
    parse_pop(c);
}

static void parse_slide(struct parse_ctx *c, const json_t *v, struct playlist *pl, struct slide *s)
{
    s->duration = pl->default_duration;
    s->transition = pl->default_transition;
    s->background = pl->default_background;
    if (!parse_expect(c, v, JSON_OBJECT, "a slide object such as {\"id\": \"welcome\"}"))
        return;
    size_t offset;
    if (json_locate(c->text, c->len, c->path, c->depth, false, &offset)) {
        int column;
        json_line_column(c->text, c->len, offset, &s->line, &column);
    }
    static const char *const keys[] = {"id",    "duration", "transition", "background",
                                       "image", "video",    "images",     "texts",
                                       "qrs",   "buttons",  "schedule",   NULL};
    parse_known_keys(c, v, keys);

    const json_t *id = json_object_get(v, "id");
    if (!id) {
        parse_missing(c, "id", "a unique id of a-z, 0-9, _ and -, such as \"welcome\"");
    } else {
        parse_push_key(c, "id");
        if (parse_expect(c, id, JSON_STRING, "a string such as \"welcome\"")) {
            const char *text = json_string_value(id);
            if (!parse_id_valid(text)) {
                char *quoted = parse_quote(text);
                parse_error(c,
                            "%s is not a valid id; expected 1 to %d characters of a-z, 0-9, "
                            "_ and -",
                            quoted, PARSE_ID_MAX);
                free(quoted);
            } else {
                bool duplicate = false;
                for (size_t i = 0; i < pl->slide_count && !duplicate; i++) {
                    if (pl->slides[i].id && strcmp(pl->slides[i].id, text) == 0) {
                        parse_error(c,
                                    "the id \"%s\" is already used by slides[%zu]; expected "
                                    "each slide to have its own id",
                                    text, i);
                        duplicate = true;
                    }
                }
                s->id = xstrdup(text);
            }
        }
        parse_pop(c);
    }

    enum field duration_field = parse_number_member(c, v, "duration", PLAYLIST_MIN_DURATION,
                                                    PLAYLIST_MAX_DURATION, "seconds", &s->duration);
    bool duration_ok = duration_field != FIELD_BAD;
    s->duration_explicit = duration_field == FIELD_OK;
    bool transition_ok = true, own_transition_duration = false;
    const json_t *tr = json_object_get(v, "transition");
    if (tr) {
        parse_push_key(c, "transition");
        transition_ok = parse_transition(c, tr, &s->transition, &own_transition_duration);
        parse_pop(c);
    }
    if (duration_ok && transition_ok)
        check_transition_fits(c, v, s, own_transition_duration);

    const json_t *bg = json_object_get(v, "background");
    if (bg) {
        parse_push_key(c, "background");
        parse_background(c, bg, &s->background);
        parse_pop(c);
    }

    const json_t *image = json_object_get(v, "image");
    if (image) {
        parse_push_key(c, "image");
        s->has_image = true;
        parse_image(c, image, &s->image);
        parse_pop(c);
    }

    const json_t *video = json_object_get(v, "video");
    if (video) {
        parse_push_key(c, "video");
        if (image)
            parse_error(c, "a slide shows an image or a video, not both; expected one of "
                           "\"image\" and \"video\"");
        else
            s->has_video = true;
        parse_video(c, video, &s->video);
        parse_pop(c);
        if (duration_ok && transition_ok)
            parse_slide_video_duration(c, s);
    }

    const json_t *images = json_object_get(v, "images");
    if (images) {
        parse_push_key(c, "images");
        parse_image_blocks(c, images, pl, "slide", &s->images, &s->image_count);
        parse_pop(c);
    }

    const json_t *texts = json_object_get(v, "texts");
    if (texts) {
        parse_push_key(c, "texts");
        parse_text_blocks(c, texts, pl, "slide", &s->texts, &s->text_count);
        parse_pop(c);
    }

    const json_t *qrs = json_object_get(v, "qrs");
    if (qrs) {
        parse_push_key(c, "qrs");
        parse_qrs(c, qrs, pl, "slide", &s->qrs, &s->qr_count);
        parse_pop(c);
    }

    const json_t *buttons = json_object_get(v, "buttons");
    if (buttons) {
        parse_push_key(c, "buttons");
        parse_buttons(c, buttons, pl, "slide", false, &s->buttons, &s->button_count);
        parse_pop(c);
    }

    s->schedule = parse_schedule_member(c, v, pl);
}

void parse_slides(struct parse_ctx *c, const json_t *slides, struct playlist *pl)
{
    parse_push_key(c, "slides");
    if (!parse_expect(c, slides, JSON_ARRAY, "an array of slides")) {
        parse_pop(c);
        return;
    }
    size_t n = json_array_size(slides);
    if (n == 0) {
        parse_error(c, "the list is empty; expected at least one slide");
    } else if (n > PLAYLIST_MAX_SLIDES) {
        parse_error(c, "%zu slides; expected at most %d", n, PLAYLIST_MAX_SLIDES);
    } else {
        pl->slides = xcalloc(n, sizeof(*pl->slides));
        for (size_t i = 0; i < n; i++) {
            parse_push_index(c, i);
            /* The slide is counted at once, so playlist_free releases what it holds. */
            struct slide *s = &pl->slides[pl->slide_count++];
            parse_slide(c, json_array_get(slides, i), pl, s);
            parse_pop(c);
        }
    }
    parse_pop(c);
}
