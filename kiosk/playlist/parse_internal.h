/* Shared by the parser's files (parse.c, parse_slide.c, parse_text.c, parse_values.c,
 * parse_page.c, parse_button.c); not for other modules.
 *
 * The parser walks the jansson tree with a path stack that mirrors where it is in the document;
 * every message takes its JSON path and, through locate.c, its line and column from there. */
#pragma once

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "playlist/diag.h"
#include "playlist/locate.h"
#include "playlist/playlist.h"

/* Deep enough for any playlist (the deepest value of format 1 is 5 levels down); the text is
 * checked against PLAYLIST_MAX_NESTING before jansson sees it. */
#define PARSE_MAX_DEPTH (PLAYLIST_MAX_NESTING + 1)

/* Ids of slides and of text blocks: 1 to PARSE_ID_MAX characters of a-z, 0-9, _ and -. */
#define PARSE_ID_MAX 64
/* Text blocks on one slide. */
#define PARSE_MAX_TEXT_BLOCKS 32

struct parse_ctx {
    const char *file; /* names the document in messages */
    const char *dir;  /* resolves media paths */
    const char *text; /* the JSON text, for positions */
    size_t len;
    const struct playlist_load_options *opts;
    struct diag_list *diags;
    size_t first_diag; /* diags added by this load start here */
    size_t reported;   /* problems reported by this load (at most PLAYLIST_MAX_DIAGS + 1) */
    size_t errors;     /* errors found by this load, reported or not */
    /* "languages" was read without a problem: only then is a text's language checked against
     * it (otherwise every text would repeat the error already reported there). */
    bool languages_ok;
    /* The ids of "pages" by index (NULL where a page has none or a bad one), read before any
     * button, so "page:ID" can name a page written further down. Point into the JSON tree. */
    const char **page_ids;
    size_t page_id_count;
    /* Touch targets: the screen's pixels per millimetre (hit.h) at its design size. */
    double px_per_mm;
    /* "colors", "styles" and "keep_together" (parse_style.c), read before any slide or page */
    struct parse_styles *styles;
    /* interactive.button_style, the base of every button's own "style" */
    struct button_style button_style;
    struct json_path_seg path[PARSE_MAX_DEPTH];
    size_t depth;
};

/* What a lookup of an optional member found. */
enum field { FIELD_ABSENT, FIELD_OK, FIELD_BAD };

void parse_push_key(struct parse_ctx *c, const char *key);
void parse_push_index(struct parse_ctx *c, size_t index);
void parse_pop(struct parse_ctx *c);

/* The current path as printed in messages ("slides[2].texts[0]"). Caller frees. */
char *parse_path_text(const struct parse_ctx *c);
/* Line and column of the value at the current path (of its key when at_key); false when the
 * text holds no such value, leaving line and column as they were. */
bool parse_position(const struct parse_ctx *c, bool at_key, int *line, int *column);

/* Reports a problem with the value at the current path (or with its key, when at_key).
 * Stops adding messages after PLAYLIST_MAX_DIAGS, with one last message saying so. */
void parse_report(struct parse_ctx *c, enum diag_severity severity, bool at_key, const char *fmt,
                  ...) __attribute__((format(printf, 4, 5)));
#define parse_error(c, ...) parse_report((c), DIAG_ERROR, false, __VA_ARGS__)
#define parse_warning(c, ...) parse_report((c), DIAG_WARNING, false, __VA_ARGS__)

/* A user's string made safe to print inside a message: quoted, control characters escaped,
 * shortened. Caller frees. */
char *parse_quote(const char *s);
/* A number as a user would have written it: "8", "0.5", "1e+20". Writes into buf. */
const char *parse_number_text(double v, char *buf, size_t size);
/* "an object", "a string", ... for messages. */
const char *parse_type_name(const json_t *v);

/* "a, b, c" from a NULL-terminated list, for messages. Caller frees. */
char *parse_names_list(const char *const *names);

/* Reports "expected <what>, found <type>" unless v has the type; true when it has. */
bool parse_expect(struct parse_ctx *c, const json_t *v, json_type type, const char *what);
/* Reports every key of obj not in `allowed` (NULL-terminated); true when all are known. */
bool parse_known_keys(struct parse_ctx *c, const json_t *obj, const char *const *allowed);
/* Reports a missing required key of the object at the current path. */
void parse_missing(struct parse_ctx *c, const char *key, const char *expected);

/* Optional number member in [min, max]; `what` names the range in messages ("seconds"). */
enum field parse_number_member(struct parse_ctx *c, const json_t *obj, const char *key, double min,
                               double max, const char *what, double *out);
/* An array of exactly two numbers, each in [min, max]. */
bool parse_pair(struct parse_ctx *c, const json_t *v, double min, double max, const char *what,
                float out[2]);
/* An array of exactly n numbers, each in [min, max]. */
bool parse_numbers(struct parse_ctx *c, const json_t *v, size_t n, double min, double max,
                   const char *what, float *out);
/* One of a fixed set of names (string member); index into names. */
enum field parse_enum_member(struct parse_ctx *c, const json_t *obj, const char *key,
                             const char *kind, const char *const *names, int *out);

bool parse_color_text(const char *s, struct color *out);
/* A colour string ("#rrggbb" or "#rrggbbaa"); reports anything else. */
bool parse_color(struct parse_ctx *c, const json_t *v, struct color *out);
bool parse_background(struct parse_ctx *c, const json_t *v, struct background *out);
/* A transition object; *explicit_duration tells whether it named a duration. */
bool parse_transition(struct parse_ctx *c, const json_t *v, struct transition *out,
                      bool *explicit_duration);

/* the "emergency" section (parse_emergency.c): slides of their own in pl->emergency */
void parse_emergency(struct parse_ctx *c, const json_t *root, struct playlist *pl);

/* slides (parse_slide.c) */
void parse_slides(struct parse_ctx *c, const json_t *slides, struct playlist *pl);
bool parse_id_valid(const char *id);

/* A file the playlist names (parse_file.c), at the current path (the string's own): the path to
 * open, or NULL after reporting why not. The rule is the kiosk's: the file lies inside the
 * playlist folder (not absolute, no ".." above it, no link on the way), has names a bundle
 * carries, and exists; a missing file suggests one named alike. `what` ("image", "font") is for
 * messages. Caller frees. */
char *parse_folder_file(struct parse_ctx *c, const char *src, const char *what);

/* A page's "speech" (parse_speech.c): {"he": "media/speech-he.ogg", ...}; pushes the key. */
void parse_speech(struct parse_ctx *c, const json_t *v, const struct playlist *pl, struct page *p);

/* The value of an "image" at the current path; checks the file (and probes it). */
bool parse_image(struct parse_ctx *c, const json_t *v, struct image_ref *image);

/* The value of a "video" at the current path (parse_video.c); checks and probes the clip. */
bool parse_video(struct parse_ctx *c, const json_t *v, struct video_ref *video);
/* A video slide without its own "duration" (and without "loop") lasts as long as its clip:
 * sets s->duration from the probed length, reporting a clip shorter than the transition. */
void parse_slide_video_duration(struct parse_ctx *c, struct slide *s);

/* text blocks (parse_text.c): the value of a slide's or page's "texts", at the current path;
 * `where` is "slide" or "page" for messages. Fills *blocks and *count. */
void parse_text_blocks(struct parse_ctx *c, const json_t *texts, const struct playlist *pl,
                       const char *where, struct text_block **blocks, size_t *count);
/* A translation object (the value v of key_name, which is pushed) into b->texts, with the
 * missing-translation warning. */
void parse_translations(struct parse_ctx *c, const char *key_name, const json_t *v,
                        const struct playlist *pl, struct text_block *b);
/* "box": [x, y, width, height] (v is its value; pushes "box"): fractions of the screen, inside
 * it. Out is written element by element as the numbers are read. */
void parse_box(struct parse_ctx *c, const json_t *v, float box[4]);

/* QR codes and buttons (parse_button.c), on slides and pages: the value of "qrs" or "buttons"
 * at the current path. `page` is NULL on a slide (where "back" and "home" mean nothing). */
void parse_qrs(struct parse_ctx *c, const json_t *v, const struct playlist *pl, const char *where,
               struct qr_block **qrs, size_t *count);
void parse_buttons(struct parse_ctx *c, const json_t *v, const struct playlist *pl,
                   const char *where, bool on_page, struct button **buttons, size_t *count);
/* A button style object over base (at the current path). */
void parse_button_style(struct parse_ctx *c, const json_t *v, struct button_style *style);
/* The style of a button that sets none. */
struct button_style button_style_default(void);
/* "unknown page "x"; expected one of: ..." at the current path. */
void parse_report_unknown_page(struct parse_ctx *c, const char *id);
/* The index of the page with this id in c->page_ids, or PLAYLIST_NO_PAGE. */
size_t parse_page_index(const struct parse_ctx *c, const char *id);

/* Pages (parse_page.c). */
/* Reads the ids of root's "pages" into c->page_ids (nothing is reported here). */
void parse_collect_page_ids(struct parse_ctx *c, const json_t *root);
void parse_interactive(struct parse_ctx *c, const json_t *v, struct playlist *pl);
void parse_pages(struct parse_ctx *c, const json_t *v, struct playlist *pl);
/* Warns about pages that nothing leads to; call after slides and pages are read. */
void parse_check_reachable(struct parse_ctx *c, struct playlist *pl);
