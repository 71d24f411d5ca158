/* What a new block, slide or page can start from: GET /api/styles (the playlist's named styles)
 * and GET /api/templates (the slides and pages of `kiosk new`'s templates, made to fit this
 * playlist: its languages, its pictures, its pages). */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/file.h"
#include "base/xmalloc.h"
#include "cli/commands.h"
#include "playlist/playlist.h"
#include "studio/studio_internal.h"

#define TEMPLATE_MAX_BYTES ((size_t)1 << 20)

void api_get_styles(struct studio *st, const struct studio_request *rq, struct studio_reply *rp)
{
    char err[600];
    json_t *pl = studio_read_playlist(st, err, sizeof err);
    json_t *names = json_array();
    const char *key;
    json_t *value;
    json_object_foreach(json_object_get(pl, "styles"), key, value)
    {
        json_array_append_new(names, json_string(key));
    }
    json_decref(pl);
    reply_json(rp, 200, json_pack("{s:o}", "styles", names));
}

static bool has_string(const json_t *array, const char *s)
{
    size_t i;
    json_t *v;
    json_array_foreach(array, i, v)
    {
        if (json_is_string(v) && !strcmp(json_string_value(v), s))
            return true;
    }
    return false;
}

static bool picture_here(const json_t *image, struct studio *st, const json_t *langs,
                         const json_t *pages)
{
    const char *src = json_string_value(json_object_get(image, "src"));
    return src && guard_relative_ok(src) && guard_file_inside(st->dir, src);
}

/* A button leads somewhere this playlist has: a page of it, a language of it, or back, home,
 * next or previous. */
static bool action_here(const json_t *button, struct studio *st, const json_t *langs,
                        const json_t *pages)
{
    const char *action = json_string_value(json_object_get(button, "action"));
    if (action && !strncmp(action, "language:", 9))
        return has_string(langs, action + 9);
    if (!action || strncmp(action, "page:", 5))
        return true;
    size_t i;
    json_t *p;
    json_array_foreach(pages, i, p)
    {
        const char *id = json_string_value(json_object_get(p, "id"));
        if (id && !strcmp(id, action + 5))
            return true;
    }
    return false;
}

/* Removes the items of v[key] that keep() refuses, and v[key] when none is left. */
static void drop_unless(json_t *v, const char *key,
                        bool (*keep)(const json_t *, struct studio *, const json_t *,
                                     const json_t *),
                        struct studio *st, const json_t *langs, const json_t *pages)
{
    json_t *list = json_object_get(v, key);
    if (!json_is_array(list))
        return;
    for (size_t i = 0; i < json_array_size(list);) {
        if (keep(json_array_get(list, i), st, langs, pages))
            i++;
        else
            json_array_remove(list, i);
    }
    if (!json_array_size(list))
        json_object_del(v, key);
}

/* What `kiosk new`'s fitting leaves to the studio: pictures missing from the playlist's folder
 * and buttons to pages it does not have are left out, in the item and in anything inside it. */
static void fit_to_playlist(struct studio *st, json_t *v, const json_t *langs, const json_t *pages)
{
    if (json_is_array(v)) {
        size_t i;
        json_t *item;
        json_array_foreach(v, i, item)
        {
            fit_to_playlist(st, item, langs, pages);
        }
        return;
    }
    if (!json_is_object(v))
        return;
    json_t *image = json_object_get(v, "image");
    const char *src = json_string_value(json_object_get(image, "src"));
    if (src && (!guard_relative_ok(src) || !guard_file_inside(st->dir, src)))
        json_object_del(v, "image");
    drop_unless(v, "images", picture_here, st, langs, pages);
    drop_unless(v, "buttons", action_here, st, langs, pages);
    const char *key;
    json_t *value;
    json_object_foreach(v, key, value)
    {
        fit_to_playlist(st, value, langs, pages);
    }
}

/* "new-residents" -> "New residents (city template)". */
static char *label_of(const char *id, const char *template)
{
    char *label = xasprintf("%s (%s template)", id, template);
    for (char *p = label; *p && *p != ' '; p++)
        if (*p == '-' || *p == '_')
            *p = ' ';
    label[0] = (char)toupper((unsigned char)label[0]);
    return label;
}

static void add_template(struct studio *st, const char *name, const json_t *mine,
                         json_t *slides_out, json_t *pages_out)
{
    char *dir = file_join(new_templates_dir(), name);
    char *path = file_join(dir, "playlist.json");
    char *text = NULL, err[512];
    size_t len = 0;
    json_t *root = NULL;
    if (file_read_all(path, TEMPLATE_MAX_BYTES, &text, &len, err, sizeof err))
        root = json_loadb(text, len, 0, NULL);
    json_t *tlangs = json_object_get(root, "languages");
    json_t *langs = json_object_get(mine, "languages");
    json_t *pages = json_object_get(mine, "pages");
    json_t *screen = json_object_get(root, "screen");
    if (!json_is_object(screen))
        screen = json_null();
    for (int k = 0; root && k < 2; k++) {
        size_t i;
        json_t *item;
        json_array_foreach(json_object_get(root, k ? "pages" : "slides"), i, item)
        {
            const char *id = json_string_value(json_object_get(item, "id"));
            if (!id)
                continue;
            const char *city =
                json_string_value(json_object_get(json_object_get(mine, "place"), "city"));
            json_t *copy = new_fit_template_item(item, tlangs, city, langs);
            fit_to_playlist(st, copy, langs, pages);
            char *tname = xasprintf("%s/%s", name, id);
            char *label = label_of(id, name);
            /* The template's screen, so the page offers layouts of the playlist's shape. */
            json_array_append_new(k ? pages_out : slides_out,
                                  json_pack("{s:s, s:s, s:o, s:O}", "name", tname, "label", label,
                                            k ? "page" : "slide", copy, "screen", screen));
            free(label);
            free(tname);
        }
    }
    json_decref(root);
    free(text);
    free(path);
    free(dir);
}

void api_get_templates(struct studio *st, const struct studio_request *rq, struct studio_reply *rp)
{
    char err[600];
    json_t *mine = studio_read_playlist(st, err, sizeof err);
    json_t *slides = json_array(), *pages = json_array();
    struct dirent **names = NULL;
    int n = scandir(new_templates_dir(), &names, NULL, alphasort);
    for (int i = 0; i < n; i++) {
        if (names[i]->d_name[0] != '.')
            add_template(st, names[i]->d_name, mine, slides, pages);
        free(names[i]);
    }
    free(names);
    json_decref(mine);
    reply_json(rp, 200, json_pack("{s:o, s:o}", "slides", slides, "pages", pages));
}
