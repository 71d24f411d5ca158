/* The playlist's look, defined once (parse_style.c): named colours ("colors"), the playlist's
 * own fonts ("fonts"), named text styles ("styles") and phrases kept on one line
 * ("keep_together"). Read before any slide or page, which then use them by name.
 *
 * Internal to the parser, like parse_internal.h. */
#pragma once

#include "playlist/parse_internal.h"

/* Reads "colors", "fonts", "styles" and "keep_together" of the root into c->styles (always
 * allocated, even when the playlist has none) and the fonts into pl->fonts. */
void parse_styles_root(struct parse_ctx *c, const json_t *root, struct playlist *pl);
/* Releases c->styles. */
void parse_styles_finish(struct parse_ctx *c);

/* The colour named `name` in "colors"; false when there is no such name. */
bool parse_named_color(const struct parse_ctx *c, const char *name, struct color *out);
/* The names of "colors" ("brand, sky"), or NULL when it has none. Caller frees. */
char *parse_color_names(const struct parse_ctx *c);

/* The style a "style" value (a string at the current path, which the caller pushed) names, as a
 * template block whose look a block copies before reading its own keys; NULL after reporting an
 * unknown name or a value that is not a string. Owned by c->styles. */
const struct text_block *parse_style_lookup(struct parse_ctx *c, const json_t *v);

/* Copies the look (font, sizes, weight, colours, panel, alignment, ...) of a style into b. */
void parse_style_apply(struct text_block *b, const struct text_block *style);

/* The value of a "font" key (pushed by the caller): 1 + the index of the playlist font it names,
 * or 0 after reporting an unknown name. */
unsigned parse_font_name(struct parse_ctx *c, const json_t *v, const struct playlist *pl);

/* The keys of a text block's look (parse_text.c): "font", "size", "min_size", "weight", "color",
 * "line_height", "align", "valign", "dir", "panel" and "shadow" of object v, each over what b
 * holds already (the defaults, or a style's look). Unknown keys are the caller's to report. */
void parse_text_look(struct parse_ctx *c, const json_t *v, const struct playlist *pl,
                     struct text_block *b);
/* The look of a text block that names no style. */
void text_block_look_defaults(struct text_block *b);

/* text with every phrase of "keep_together" glued: its spaces become no-break spaces (U+00A0)
 * and a word joiner (U+2060) follows its hyphens and slashes, so no line breaks inside it. A copy,
 * caller frees. */
char *parse_keep_together(const struct parse_ctx *c, const char *text);

/* Image blocks (parse_image_block.c): the value of a slide's or page's "images" at the current
 * path; `where` is "slide" or "page" for messages. */
void parse_image_blocks(struct parse_ctx *c, const json_t *v, const struct playlist *pl,
                        const char *where, struct image_block **blocks, size_t *count);
