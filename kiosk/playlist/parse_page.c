/* Interactive pages: the "interactive" settings, the "pages" themselves (texts, QR codes and
 * buttons as on slides), and which pages can be reached at all. */
#include "playlist/parse_internal.h"
#include "playlist/parse_style.h"
#include "base/xmalloc.h"
#include "playlist/parse_schedule.h"

#include <stdlib.h>
#include <string.h>

void parse_collect_page_ids(struct parse_ctx *c, const json_t *root)
{
    const json_t *pages = json_is_object(root) ? json_object_get(root, "pages") : NULL;
    if (!json_is_array(pages) || json_array_size(pages) > PLAYLIST_MAX_PAGES)
        return;
    size_t n = json_array_size(pages);
    c->page_ids = xcalloc(n ? n : 1, sizeof(*c->page_ids));
    c->page_id_count = n;
    for (size_t i = 0; i < n; i++) {
        const json_t *id = json_object_get(json_array_get(pages, i), "id");
        if (json_is_string(id) && parse_id_valid(json_string_value(id)))
            c->page_ids[i] = json_string_value(id);
    }
}

static bool parse_bool_member(struct parse_ctx *c, const json_t *obj, const char *key, bool *out)
{
    const json_t *v = json_object_get(obj, key);
    if (!v)
        return false;
    parse_push_key(c, key);
    if (json_is_boolean(v))
        *out = json_is_true(v);
    else
        parse_error(c, "expected true or false, found %s", parse_type_name(v));
    parse_pop(c);
    return true;
}

void parse_interactive(struct parse_ctx *c, const json_t *v, struct playlist *pl)
{
    parse_push_key(c, "interactive");
    if (!parse_expect(c, v, JSON_OBJECT,
                      "an object such as {\"touch_opens_home\": true, \"home\": \"home\"}")) {
        parse_pop(c);
        return;
    }
    static const char *const keys[] = {"touch_opens_home", "home",         "idle_seconds",
                                       "mirror_rtl",       "button_style", NULL};
    parse_known_keys(c, v, keys);
    struct interactive *in = &pl->interactive;

    bool touch_given = parse_bool_member(c, v, "touch_opens_home", &in->touch_opens_home);
    parse_bool_member(c, v, "mirror_rtl", &in->mirror_rtl);
    in->idle_explicit =
        parse_number_member(c, v, "idle_seconds", INTERACTIVE_MIN_IDLE, INTERACTIVE_MAX_IDLE,
                            "seconds", &in->idle_seconds) == FIELD_OK;

    const json_t *home = json_object_get(v, "home");
    if (home) {
        parse_push_key(c, "home");
        if (parse_expect(c, home, JSON_STRING, "the id of a page, such as \"home\"")) {
            in->home = parse_page_index(c, json_string_value(home));
            if (in->home == PLAYLIST_NO_PAGE)
                parse_report_unknown_page(c, json_string_value(home));
        }
        parse_pop(c);
    } else if (touch_given && in->touch_opens_home) {
        parse_push_key(c, "touch_opens_home");
        parse_error(c, "a touch on the slide loop opens the home page, and there is none; "
                       "expected \"home\": \"PAGE-ID\" beside it");
        parse_pop(c);
    }

    const json_t *style = json_object_get(v, "button_style");
    if (style) {
        parse_push_key(c, "button_style");
        parse_button_style(c, style, &c->button_style);
        parse_pop(c);
    }
    parse_pop(c);
}

static void parse_page_id(struct parse_ctx *c, const json_t *v, struct playlist *pl, struct page *p)
{
    const json_t *id = json_object_get(v, "id");
    if (!id) {
        parse_missing(c, "id", "a unique id of a-z, 0-9, _ and -, such as \"housing\"");
        return;
    }
    parse_push_key(c, "id");
    if (parse_expect(c, id, JSON_STRING, "a string such as \"housing\"")) {
        const char *text = json_string_value(id);
        if (!parse_id_valid(text)) {
            char *quoted = parse_quote(text);
            parse_error(c, "%s is not a valid id; expected 1 to %d characters of a-z, 0-9, _ and -",
                        quoted, PARSE_ID_MAX);
            free(quoted);
        } else {
            for (size_t i = 0; pl->pages + i < p; i++) {
                if (pl->pages[i].id && strcmp(pl->pages[i].id, text) == 0) {
                    parse_error(c,
                                "the id \"%s\" is already used by pages[%zu]; expected each page "
                                "to have its own id",
                                text, i);
                    break;
                }
            }
            p->id = xstrdup(text);
        }
    }
    parse_pop(c);
}

static void parse_page(struct parse_ctx *c, const json_t *v, struct playlist *pl, struct page *p)
{
    p->path = parse_path_text(c);
    parse_position(c, false, &p->line, &p->column);
    p->background = pl->default_background;
    p->mirror = pl->interactive.mirror_rtl;
    if (!parse_expect(c, v, JSON_OBJECT, "a page object such as {\"id\": \"housing\"}"))
        return;
    static const char *const keys[] = {"id",  "background", "image",  "video",    "images", "texts",
                                       "qrs", "buttons",    "mirror", "schedule", "speech", NULL};
    parse_known_keys(c, v, keys);
    parse_page_id(c, v, pl, p);
    p->schedule = parse_schedule_member(c, v, pl);
    parse_bool_member(c, v, "mirror", &p->mirror);

    const json_t *bg = json_object_get(v, "background");
    if (bg) {
        parse_push_key(c, "background");
        parse_background(c, bg, &p->background);
        parse_pop(c);
    }
    const json_t *image = json_object_get(v, "image");
    if (image) {
        parse_push_key(c, "image");
        p->has_image = true;
        parse_image(c, image, &p->image);
        parse_pop(c);
    }
    const json_t *video = json_object_get(v, "video");
    if (video) {
        parse_push_key(c, "video");
        if (image)
            parse_error(c, "a page shows an image or a video, not both; expected one of "
                           "\"image\" and \"video\"");
        else
            p->has_video = true;
        parse_video(c, video, &p->video);
        parse_pop(c);
    }
    const json_t *images = json_object_get(v, "images");
    if (images) {
        parse_push_key(c, "images");
        parse_image_blocks(c, images, pl, "page", &p->images, &p->image_count);
        parse_pop(c);
    }

    const json_t *texts = json_object_get(v, "texts");
    if (texts) {
        parse_push_key(c, "texts");
        parse_text_blocks(c, texts, pl, "page", &p->texts, &p->text_count);
        parse_pop(c);
    }
    const json_t *qrs = json_object_get(v, "qrs");
    if (qrs) {
        parse_push_key(c, "qrs");
        parse_qrs(c, qrs, pl, "page", &p->qrs, &p->qr_count);
        parse_pop(c);
    }
    const json_t *buttons = json_object_get(v, "buttons");
    if (buttons) {
        parse_push_key(c, "buttons");
        parse_buttons(c, buttons, pl, "page", true, &p->buttons, &p->button_count);
        parse_pop(c);
    }
    const json_t *speech = json_object_get(v, "speech");
    if (speech)
        parse_speech(c, speech, pl, p);
}

void parse_pages(struct parse_ctx *c, const json_t *v, struct playlist *pl)
{
    parse_push_key(c, "pages");
    if (!parse_expect(c, v, JSON_ARRAY, "an array of pages")) {
        parse_pop(c);
        return;
    }
    size_t n = json_array_size(v);
    if (n > PLAYLIST_MAX_PAGES) {
        parse_error(c, "%zu pages; expected at most %d", n, PLAYLIST_MAX_PAGES);
    } else if (n > 0) {
        pl->pages = xcalloc(n, sizeof(*pl->pages));
        for (size_t i = 0; i < n; i++) {
            parse_push_index(c, i);
            /* Counted at once, so playlist_free releases what the page holds. */
            struct page *p = &pl->pages[pl->page_count++];
            parse_page(c, json_array_get(v, i), pl, p);
            parse_pop(c);
        }
    }
    parse_pop(c);
}

/* Marks the pages a list of buttons leads to; `from` is the page they are on, or
 * PLAYLIST_NO_PAGE on a slide. Returns whether a page was newly marked. */
static bool mark_targets(const struct playlist *pl, const struct button *buttons, size_t count,
                         size_t from, bool *reached)
{
    bool more = false;
    for (size_t i = 0; i < count; i++) {
        const struct button *b = &buttons[i];
        size_t to = PLAYLIST_NO_PAGE;
        if (b->action == BUTTON_ACTION_PAGE)
            to = b->target;
        else if (from != PLAYLIST_NO_PAGE && b->action == BUTTON_ACTION_NEXT)
            to = (from + 1) % pl->page_count;
        else if (from != PLAYLIST_NO_PAGE && b->action == BUTTON_ACTION_PREV)
            to = (from + pl->page_count - 1) % pl->page_count;
        if (to < pl->page_count && !reached[to]) {
            reached[to] = true;
            more = true;
        }
    }
    return more;
}

void parse_check_reachable(struct parse_ctx *c, struct playlist *pl)
{
    /* Only a sound playlist: with errors, a page's buttons may be half read. */
    if (c->errors > 0 || pl->page_count == 0)
        return;
    bool *reached = xcalloc(pl->page_count, sizeof(*reached));
    if (pl->interactive.touch_opens_home && pl->interactive.home < pl->page_count)
        reached[pl->interactive.home] = true;
    for (size_t i = 0; i < pl->slide_count; i++)
        mark_targets(pl, pl->slides[i].buttons, pl->slides[i].button_count, PLAYLIST_NO_PAGE,
                     reached);
    /* Swipes are not counted: nobody finds a page by swiping past the ones they see. */
    for (bool more = true; more;) {
        more = false;
        for (size_t i = 0; i < pl->page_count; i++)
            if (reached[i])
                more |=
                    mark_targets(pl, pl->pages[i].buttons, pl->pages[i].button_count, i, reached);
    }
    parse_push_key(c, "pages");
    for (size_t i = 0; i < pl->page_count; i++) {
        if (reached[i])
            continue;
        parse_push_index(c, i);
        if (i == pl->interactive.home)
            parse_warning(c,
                          "nothing leads to this page: it is \"interactive.home\", but "
                          "\"touch_opens_home\" is not true and no button opens it; expected "
                          "\"touch_opens_home\": true, or a button with \"action\": \"page:%s\"",
                          pl->pages[i].id);
        else
            parse_warning(c,
                          "nothing leads to this page; expected a button with \"action\": "
                          "\"page:%s\" on a slide or on a page that can be reached",
                          pl->pages[i].id);
        parse_pop(c);
    }
    parse_pop(c);
    free(reached);
}
