/* The playlist's "emergency" section (docs/emergency.md): slides prepared in calm times for
 * emergency mode, read with the slides' own parser into a small playlist of their own that
 * shares the show's screen, languages and fonts, so the compositor, the scheduler and
 * `kiosk check` treat them as they treat the show. */
#include "playlist/parse_internal.h"
#include "base/xmalloc.h"

#include <string.h>

/* Seconds each emergency slide shows in one language before the next. */
#define EMERGENCY_DEFAULT_DURATION 10.0

static char **copy_strings(char *const *src, size_t n)
{
    char **out = xcalloc(n ? n : 1, sizeof *out);
    for (size_t i = 0; i < n; i++)
        out[i] = xstrdup(src[i]);
    return out;
}

static struct playlist *emergency_playlist_of(const struct playlist *pl)
{
    struct playlist *e = xcalloc(1, sizeof *e);
    e->dir = xstrdup(pl->dir);
    e->file = xstrdup(pl->file);
    e->name = xasprintf("%s (emergency)", pl->name ? pl->name : "playlist");
    e->width = pl->width;
    e->height = pl->height;
    e->languages = copy_strings(pl->languages, pl->language_count);
    e->language_count = pl->language_count;
    e->rtl = pl->rtl;
    /* Each pass through the emergency slides shows the next language. */
    e->cycle_languages = true;
    e->default_duration = EMERGENCY_DEFAULT_DURATION;
    e->default_transition = (struct transition){TRANSITION_CROSSFADE, 0.5};
    e->default_background = pl->default_background;
    e->diagonal_inches = pl->diagonal_inches;
    e->interactive =
        (struct interactive){.home = PLAYLIST_NO_PAGE, .idle_seconds = INTERACTIVE_DEFAULT_IDLE};
    e->fonts = xcalloc(pl->font_count ? pl->font_count : 1, sizeof *e->fonts);
    for (size_t i = 0; i < pl->font_count; i++) {
        const struct playlist_font *f = &pl->fonts[i];
        e->fonts[i] = (struct playlist_font){f->name ? xstrdup(f->name) : NULL,
                                             f->regular ? xstrdup(f->regular) : NULL,
                                             f->bold ? xstrdup(f->bold) : NULL};
    }
    e->font_count = pl->font_count;
    return e;
}

void parse_emergency(struct parse_ctx *c, const json_t *root, struct playlist *pl)
{
    const json_t *v = json_object_get(root, "emergency");
    if (!v)
        return;
    parse_push_key(c, "emergency");
    if (!parse_expect(c, v, JSON_OBJECT,
                      "an object such as {\"slides\": [{\"id\": \"shelter\", ...}]}")) {
        parse_pop(c);
        return;
    }
    static const char *const keys[] = {"duration", "slides", NULL};
    parse_known_keys(c, v, keys);
    struct playlist *e = emergency_playlist_of(pl);
    pl->emergency = e;
    parse_number_member(c, v, "duration", PLAYLIST_MIN_DURATION, PLAYLIST_MAX_DURATION, "seconds",
                        &e->default_duration);
    if (e->default_transition.duration >= e->default_duration)
        e->default_transition = (struct transition){TRANSITION_CUT, 0};
    const json_t *slides = json_object_get(v, "slides");
    if (!slides) {
        parse_missing(c, "slides", "an array of emergency slides, each like a slide");
        parse_pop(c);
        return;
    }
    parse_slides(c, slides, e);
    /* Nothing on them waits for a touch or a time: they show whenever the alarm is on. */
    for (size_t i = 0; i < e->slide_count; i++) {
        const struct slide *s = &e->slides[i];
        const json_t *sv = json_array_get(slides, i);
        static const char *const refused[] = {"buttons", "schedule", NULL};
        for (size_t k = 0; refused[k]; k++) {
            if (!json_object_get(sv, refused[k]))
                continue;
            parse_push_key(c, "slides");
            parse_push_index(c, i);
            parse_push_key(c, refused[k]);
            parse_report(c, DIAG_ERROR, true,
                         "an emergency slide has no %s; it shows whenever the emergency is on, "
                         "to everyone, and nothing on it can be touched",
                         refused[k]);
            parse_pop(c);
            parse_pop(c);
            parse_pop(c);
        }
        (void)s;
    }
    parse_pop(c);
}
