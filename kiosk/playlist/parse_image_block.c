/* Image blocks: a logo or a picture in a box on a slide or page. The file is found and probed
 * as a slide's image is (parse_image), so the same folder rule and size limits apply. */
#include "playlist/parse_style.h"
#include "base/xmalloc.h"

#include <stdlib.h>
#include <string.h>

/* Where the picture sits in its box: x and y as fractions, x from the start edge (the right one
 * when the playlist reads right to left). For cover, the part of the picture kept in view. */
static const char *const align_names[] = {"center",     "start",     "end",     "top",
                                          "bottom",     "top-start", "top-end", "bottom-start",
                                          "bottom-end", NULL};
static const float align_at[][2] = {
    {0.5f, 0.5f}, {0, 0.5f}, {1, 0.5f}, {0.5f, 0}, {0.5f, 1}, {0, 0}, {1, 0}, {0, 1}, {1, 1},
};

static void parse_image_block(struct parse_ctx *c, const json_t *v, const struct playlist *pl,
                              struct image_block *b)
{
    b->path = parse_path_text(c);
    parse_position(c, false, &b->line, &b->column);
    b->image.fit = IMAGE_FIT_CONTAIN;
    b->image.focus[0] = b->image.focus[1] = 0.5f;
    if (!parse_expect(c, v, JSON_OBJECT,
                      "an image block such as {\"src\": \"logo.png\", \"box\": [0.05, 0.05, 0.2, "
                      "0.15]}"))
        return;
    static const char *const keys[] = {"src", "box", "fit", "align", NULL};
    parse_known_keys(c, v, keys);

    /* The file and its fit through parse_image, which knows the folder rule and the probe. */
    json_t *image = json_object();
    const json_t *src = json_object_get(v, "src");
    const json_t *fit = json_object_get(v, "fit");
    if (src)
        json_object_set(image, "src", (json_t *)src);
    if (fit)
        json_object_set(image, "fit", (json_t *)fit);
    else
        json_object_set_new(image, "fit", json_string("contain"));
    parse_image(c, image, &b->image);
    json_decref(image);

    const json_t *box = json_object_get(v, "box");
    if (box)
        parse_box(c, box, b->box);
    else
        parse_missing(c, "box",
                      "[x, y, width, height] as fractions of the screen, such as [0.05, 0.05, "
                      "0.2, 0.15]");

    int align = 0;
    parse_enum_member(c, v, "align", "alignment", align_names, &align);
    float x = align_at[align][0];
    b->image.focus[0] = pl->rtl ? 1 - x : x;
    b->image.focus[1] = align_at[align][1];
}

void parse_image_blocks(struct parse_ctx *c, const json_t *v, const struct playlist *pl,
                        const char *where, struct image_block **blocks, size_t *count)
{
    if (!parse_expect(c, v, JSON_ARRAY, "an array of image blocks"))
        return;
    size_t n = json_array_size(v);
    if (n > PLAYLIST_MAX_IMAGE_BLOCKS) {
        parse_error(c, "%zu image blocks; expected at most %d on a %s", n,
                    PLAYLIST_MAX_IMAGE_BLOCKS, where);
        return;
    }
    *blocks = xcalloc(n ? n : 1, sizeof(**blocks));
    for (size_t i = 0; i < n; i++) {
        parse_push_index(c, i);
        /* Counted at once, so playlist_free releases what the element holds. */
        parse_image_block(c, json_array_get(v, i), pl, &(*blocks)[(*count)++]);
        parse_pop(c);
    }
}
