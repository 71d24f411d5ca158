/* The playlist model: plain data, no SDL. Built by playlist_load() (parse.c) from
 * DIR/playlist.json; see docs/playlist.md for the format.
 *
 * Ownership: a struct playlist owns every string and array below it; playlist_free() releases
 * all of it. A loaded playlist is immutable; a reload builds a new one and swaps it in. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "playlist/diag.h"
#include "qr/qr_code.h"
#include "sched/schedule.h"

#define PLAYLIST_FORMAT_VERSION 1

/* Limits checked while loading. Durations are seconds. */
#define PLAYLIST_MAX_FILE_BYTES (4u << 20)
#define PLAYLIST_MAX_NESTING 32 /* arrays and objects inside each other, checked before parsing */
#define PLAYLIST_MAX_DIAGS 100  /* one load reports at most this many problems */
#define PLAYLIST_MAX_SLIDES 1000
#define PLAYLIST_MIN_DURATION 1.0
#define PLAYLIST_MAX_DURATION 3600.0
#define PLAYLIST_MAX_TRANSITION 5.0
#define PLAYLIST_MIN_SCREEN 64
#define PLAYLIST_MAX_SCREEN 8192
#define PLAYLIST_MAX_PAGES 100
#define PLAYLIST_MAX_BUTTONS 32   /* on one slide or page */
#define PLAYLIST_MAX_QRS 8        /* on one slide or page */
#define PLAYLIST_MIN_DIAGONAL 3.0 /* screen.diagonal_inches, as kiosk.conf's */
#define PLAYLIST_MAX_DIAGONAL 100.0

struct color {
    uint8_t r, g, b, a;
};

enum background_kind { BACKGROUND_SOLID, BACKGROUND_GRADIENT };

struct background {
    enum background_kind kind;
    struct color from; /* the colour of a solid background */
    struct color to;   /* gradient only */
    /* gradient only, in degrees, as in CSS linear-gradient(): the direction the gradient runs
     * towards, clockwise from "up". 180 = from top to bottom (the default), 90 = from left to
     * right, 0 = from bottom to top, 270 = from right to left. Always in [0, 360]. */
    float angle_deg;
};

enum transition_kind { TRANSITION_CUT, TRANSITION_CROSSFADE, TRANSITION_PUSH };

struct transition {
    enum transition_kind kind;
    double duration; /* seconds; 0 for a cut */
};

enum image_fit { IMAGE_FIT_COVER, IMAGE_FIT_CONTAIN };

/* A slow pan and zoom over the slide's whole duration (the "Ken Burns" effect). */
struct pan_zoom {
    bool enabled;
    float zoom_from, zoom_to; /* 1.0 = the fitted image; at most PAN_ZOOM_MAX_ZOOM */
    float focus_from[2];      /* point of the image kept in view, 0..1 in x and y */
    float focus_to[2];
};
#define PAN_ZOOM_MAX_ZOOM 2.0f

struct image_ref {
    char *src;  /* as written in the playlist, relative to its directory */
    char *path; /* resolved path, for opening */
    enum image_fit fit;
    float focus[2]; /* for cover: the point of the image that stays in view, 0..1 */
    struct pan_zoom pan_zoom;
    int width, height; /* from the probe at load time, after EXIF orientation; 0 if unknown */
};

/* A video clip filling the screen instead of an image (docs/playlist.md, "Video"), on a slide or
 * a page. Played by kiosk/video/; the slide's duration rules are in struct slide. */
#define VIDEO_MAX_VOLUME 100 /* percent of the kiosk's own cap (kiosk.conf video_volume) */

struct video_ref {
    char *src;  /* as written in the playlist, relative to its directory */
    char *path; /* resolved path, for opening */
    enum image_fit fit;
    float focus[2]; /* for cover: the point of the picture that stays in view, 0..1 */
    /* Shown around a contained clip and before its first frame; the slide's (or page's)
     * background when the video names none. */
    bool has_background;
    struct background background;
    bool loop;  /* the clip starts again at its end; without it the last frame stays */
    bool sound; /* play the clip's sound; off unless the playlist says (signage is silent) */
    int volume; /* 0..VIDEO_MAX_VOLUME percent of the kiosk's cap; 100 unless given */
    /* From the probe at load time (playlist_load_options.probe_video); 0 when unknown. */
    int width, height;
    double duration; /* seconds */
};

/* Text on a slide: a block of wrapped text, a one-line ticker, or a clock/date. */
enum text_block_kind { TEXT_BLOCK_TEXT, TEXT_BLOCK_TICKER, TEXT_BLOCK_CLOCK };
/* start/end follow the language's direction: start is the right edge in Hebrew and Arabic. */
enum block_align { BLOCK_ALIGN_START, BLOCK_ALIGN_END, BLOCK_ALIGN_CENTER };
enum block_valign { BLOCK_VALIGN_TOP, BLOCK_VALIGN_MIDDLE, BLOCK_VALIGN_BOTTOM };
/* The *_HEBREW formats add the Hebrew date, in Hebrew letters, beside the civil date. */
enum clock_format {
    CLOCK_TIME,
    CLOCK_DATE,
    CLOCK_DATETIME,
    CLOCK_HEBREW,          /* the Hebrew date alone: "כ״ה בכסלו תשפ״ז" */
    CLOCK_DATE_HEBREW,     /* the civil date · the Hebrew date */
    CLOCK_DATETIME_HEBREW, /* the time, then the civil date · the Hebrew date */
};

/* One language's text of a block. */
struct translation {
    char *lang; /* a language of the playlist's "languages" */
    char *text; /* UTF-8, logical order; "\n" separates paragraphs */
};

#define TEXT_MAX_CHARS 4000
#define TEXT_MIN_SIZE 8.0f
#define TEXT_MAX_SIZE 600.0f

struct text_block {
    char *id;         /* optional name for messages; NULL when the playlist gives none */
    char *path;       /* JSON path of the block, "slides[2].texts[0]", for messages */
    int line, column; /* of the block in playlist.json, for messages */
    enum text_block_kind kind;
    struct translation *texts; /* per language; none for a clock */
    size_t text_count;
    float box[4];   /* x, y, width, height as fractions of the screen, 0..1 */
    float size;     /* font size in pixels at the playlist's screen size */
    float min_size; /* shrink-to-fit stops here; == size when shrinking is not allowed */
    bool bold;
    struct color color;
    float line_height; /* line advance as a multiple of size; 0: the font's own */
    enum block_align align;
    enum block_valign valign;
    bool dir_auto; /* direction from the first strong character, not from the language */
    bool has_panel;
    struct color panel; /* a rectangle behind the text, for legibility over photos */
    float padding;      /* px at the screen size, between the panel's edge and the text */
    /* The panel fills the box (false), or hugs the laid-out lines plus padding, placed where
     * the text is (true): a short title gets a panel no larger than itself. */
    bool panel_hug;
    float radius; /* the panel's corner radius, px at the screen size; 0: square corners */
    /* The playlist font the text is set in: pl->fonts[font - 1]; 0: the bundled Noto faces.
     * Characters the font lacks fall back to the bundled faces, one run at a time. */
    unsigned font;
    bool has_shadow;
    struct color shadow; /* drawn offset by size/16 down and towards the end edge */
    float ticker_speed;  /* ticker: pixels per second at the screen size */
    /* Accessible mode's later parts of a long text (access/relayout.h): the text moves up this
     * many pixels (at the screen size) inside its box, which cuts it; 0 from the parser. */
    float scroll;
    enum clock_format clock;
};

/* A QR code on a slide or page, with an optional caption under it (docs/playlist.md, "QR
 * codes"; docs/qr.md for the sizing). The code is made from `data` at draw time by
 * qr/qr_code.h; the check at load time proved that it fits its box at the playlist's screen size
 * with modules of at least QR_MIN_MODULE_PX. */
#define QR_CAPTION_DEFAULT_SIZE 28.0f
/* The caption's share of the box: one line of caption_size * QR_CAPTION_LINE_HEIGHT pixels
 * (rounded up) at the bottom of the room the code leaves; the code gets the square of
 * min(box width, box height - that share). */
#define QR_CAPTION_LINE_HEIGHT 1.5f

struct qr_block {
    char *path;       /* JSON path, "pages[1].qrs[0]", for messages */
    int line, column; /* of the element's "{" in playlist.json */
    char *data;       /* the bytes encoded, as written (UTF-8); never empty */
    size_t data_len;
    float box[4];    /* x, y, width, height as fractions of the screen, like a text block's */
    enum qr_ecc ecc; /* error correction; QR_ECC_DEFAULT (M) unless the playlist says */
    struct color dark, light; /* modules and quiet zone; black on white by default */
    int version;              /* what the data needs at ecc (from the check), 1..40 */
    bool has_caption;
    /* The caption as a text block (kind TEXT, one line, centred, valign top) whose box is the
     * band directly under the code when laid out at the playlist's screen size. A renderer at
     * another size lays the code out again with qr_layout() (caption_h = caption_px scaled)
     * and puts the caption in layout.caption. Unused (zero) without a caption. */
    struct text_block caption;
    int caption_px; /* the caption's share of the box height at the screen size; 0: none */
};

/* What a button does when touched. "home" leaves the pages for the slide loop; "back" goes to
 * the page (or the loop) shown before; "next"/"prev" move through the slide loop on a slide
 * and through `pages` in their order on a page. */
enum button_action {
    BUTTON_ACTION_PAGE,     /* "page:ID": open pages[target] */
    BUTTON_ACTION_BACK,     /* pages only */
    BUTTON_ACTION_HOME,     /* pages only */
    BUTTON_ACTION_LANGUAGE, /* "language:TAG": show languages[target] from now on */
    BUTTON_ACTION_NEXT,
    BUTTON_ACTION_PREV,
};

/* A button's look. Sizes are pixels at the playlist's screen size. */
/* Pixels at the screen size between a button's edge and its label. */
#define BUTTON_LABEL_PADDING 12.0f

struct button_style {
    struct color color;      /* the label */
    struct color background; /* the fill */
    struct color pressed;    /* the fill while a finger is on the button */
    bool has_border;
    struct color border; /* 2 px at the screen size, inside the box */
    float size;          /* label font size */
    float min_size;      /* shrink-to-fit of the label stops here; == size: no shrinking */
    bool bold;
};

/* A touchable rectangle with a label, on a slide or a page. Its hit region id is its index in
 * the slide's or page's `buttons`. */
struct button {
    char *id;         /* optional, unique among the buttons of its slide or page; NULL if none */
    char *path;       /* JSON path, "slides[0].buttons[1]", for messages */
    int line, column; /* of the button's "{" */
    float box[4];     /* as written; see button_box_for() (playlist/page.h) for mirroring */
    enum button_action action;
    size_t target; /* PAGE: index into pl->pages; LANGUAGE: into pl->languages; else 0 */
    struct button_style style;
    /* The label as a text block (kind TEXT) in the button's box as written: centred, middle,
     * the style's colour, size, min_size and weight, the fill as its panel (padding 12 px).
     * A renderer draws it in button_box_for()'s box. */
    struct text_block label;
};

/* A page's recorded speech in one language (docs/accessibility.md): an Ogg file (Opus or
 * Vorbis) in the playlist folder, played in accessible mode. */
#define SPEECH_MAX_BYTES (16u << 20) /* a few minutes of speech; more is refused */
struct speech_clip {
    char *lang; /* a language of the playlist's "languages" */
    char *src;  /* as written */
    char *path; /* resolved, for opening */
};

/* An interactive screen outside the slide loop, opened by buttons or by a touch on the loop. */
struct page {
    char *id;
    char *path; /* "pages[2]" */
    int line, column;
    struct background background; /* defaults.background when the page gives none */
    bool has_image;
    struct image_ref image;
    bool has_video; /* a clip instead of the image (never both); its last frame stays at its
                     * end unless "loop" */
    struct video_ref video;
    struct image_block *images; /* over the picture, under the texts; mirrored with the page */
    size_t image_count;
    struct text_block *texts; /* drawn in order, then the QR codes, then the buttons */
    size_t text_count;
    struct qr_block *qrs;
    size_t qr_count;
    struct button *buttons;
    size_t button_count;
    /* Mirror the layout (the boxes of texts, QR codes and buttons) when the language shown
     * reads the other way from the primary language: see page_mirrored() in page.h. */
    bool mirror;
    /* When the page can be opened (NULL: always). Outside it, buttons that lead to it are
     * hidden and the page, if shown, gives way to the slides. */
    struct schedule *schedule;
    struct speech_clip *speech; /* "speech": one per language at most */
    size_t speech_count;
};

#define PLAYLIST_NO_PAGE ((size_t)-1)
#define INTERACTIVE_DEFAULT_IDLE 60.0
#define INTERACTIVE_MIN_IDLE 10.0
#define INTERACTIVE_MAX_IDLE 3600.0

/* The playlist's "interactive" settings; defaults when it has none. */
struct interactive {
    bool touch_opens_home; /* a tap on the slide loop (not on a button) opens `home` */
    size_t home;           /* index into pl->pages, or PLAYLIST_NO_PAGE */
    double idle_seconds;   /* untouched this long on a page: back to the slide loop */
    bool idle_explicit;    /* the playlist set idle_seconds (else it is the default, 60) */
    bool mirror_rtl;       /* the default of every page's "mirror" */
};

/* A picture placed in a box on a slide or page (a logo, a portrait), drawn over the background
 * and the full-screen image and under the texts. Decoded through the texture cache like every
 * other picture, at the size its box needs. */
#define PLAYLIST_MAX_IMAGE_BLOCKS 8 /* on one slide or page */

struct image_block {
    char *path;       /* JSON path, "slides[0].images[1]", for messages */
    int line, column; /* of the element's "{" */
    /* src, path, probed size; fit: contain (the whole picture, inside the box) or cover (the box
     * filled, the picture cropped); focus: for cover the point kept in view, for contain where
     * the picture sits in the room it leaves (0..1 in x and y) */
    struct image_ref image;
    float box[4]; /* fractions of the screen, like a text block's */
};

/* A font of the playlist's own: files in its folder, used by family name in styles and blocks. */
struct playlist_font {
    char *name;    /* the family name, as "fonts" spells it: "Brand" */
    char *regular; /* resolved path of the regular face */
    char *bold;    /* resolved path of the bold face; NULL: bold text uses the regular file */
};

struct slide {
    char *id;
    /* Seconds on screen. A video slide without its own "duration" lasts as long as its clip
     * (the probe's length, or the default when the clip was not probed: the player then uses
     * the length it finds on opening; duration_explicit tells them apart); with one, the clip
     * is cut at it or played again until it. With "loop" and no "duration", the default. */
    double duration;
    bool duration_explicit;       /* the slide itself set "duration" */
    struct transition transition; /* the transition into this slide */
    struct background background;
    bool has_image;
    struct image_ref image;
    bool has_video; /* a clip instead of the image (never both) */
    struct video_ref video;
    struct image_block *images; /* over the picture, under the texts; never mirrored */
    size_t image_count;
    struct text_block *texts; /* drawn in order, over the image */
    size_t text_count;
    struct qr_block *qrs; /* drawn after the texts */
    size_t qr_count;
    struct button *buttons; /* drawn last; never mirrored on a slide */
    size_t button_count;
    int line;                  /* where the slide starts in playlist.json, for messages */
    struct schedule *schedule; /* when it may play (sched/schedule.h); NULL: always */
};

struct playlist {
    char *dir;  /* the playlist folder */
    char *file; /* DIR/playlist.json */
    char *name;
    int width, height; /* the design size of the screen; portrait when height > width */
    char **languages;  /* first is the primary language; it decides the reading direction */
    size_t language_count;
    bool rtl; /* reading direction of the primary language: push transitions follow it */
    bool cycle_languages; /* each pass through the slides shows the next language */
    double default_duration;
    struct transition default_transition;
    struct background default_background;
    struct slide *slides;
    size_t slide_count;
    struct page *pages; /* interactive pages, in the playlist's order ("next" follows it) */
    size_t page_count;
    struct playlist_font *fonts; /* the playlist's own fonts ("fonts"), in the file's order */
    size_t font_count;
    struct interactive interactive;
    /* The physical screen, for touch-target sizes: "screen.diagonal_inches", 0 when not given
     * (96 pixels per inch are assumed then). */
    double diagonal_inches;
    /* Schedules: where the playlist plays ("place": zone and, for rest days, coordinates), and
     * the slide shown when no slide's schedule allows one ("default_slide", an id; NULL). */
    struct schedule_place place;
    bool has_place;
    char *default_slide;
    /* When the whole playlist plays (NULL: always); outside it no slide is eligible, so the
     * default slide or the built-in one shows. */
    struct schedule *schedule;
    /* The "emergency" section (docs/emergency.md): its slides as a playlist of their own with
     * this one's screen, languages and fonts, cycling through the languages; NULL: none. */
    struct playlist *emergency;
};

/* Options for loading; zero-initialise and set what differs. */
struct playlist_load_options {
    /* Checks one image file: reads its header, fills the display size (after EXIF orientation)
     * and applies the size limits. Returns false with a reason in err ("file is truncated",
     * "20000x20000 is 400.0 megapixels, the limit is 40.0"). The playlist module stays free of
     * media code: the caller passes media's probe here. NULL: only check that the file exists. */
    bool (*probe_image)(void *ctx, const char *path, int *width, int *height, char *err,
                        size_t errlen);
    void *probe_ctx;
    /* Return the playlist even when it has errors, with what was read without a problem, so the
     * caller can check more of it: `kiosk check` lays out its texts and reports every problem of
     * the file in one run. Such a playlist must never be played; the caller frees it. */
    bool keep_on_error;
    /* Checks one font file of "fonts" (that FreeType can open it); false with a reason in err.
     * NULL: only check that the file exists. Gets probe_ctx too. */
    bool (*probe_font)(void *ctx, const char *path, char *err, size_t errlen);
    /* Checks one video clip, bounded in time and memory: fills its display size and length
     * in seconds and refuses what the kiosk cannot play (false with the reason in err); true
     * with err not empty: it plays, and err is a warning (over the budget). Gets
     * probe_ctx too. NULL: only check that the file exists (the player learns the length when
     * it opens the clip). */
    bool (*probe_video)(void *ctx, const char *path, int *width, int *height, double *duration,
                        char *err, size_t errlen);
};

/* Loads and validates DIR/playlist.json. Every problem found is appended to diags (errors and
 * warnings, each with file, line, column and JSON path). Returns NULL when there is any error:
 * a playlist with an error never plays, so the last good one keeps playing. */
struct playlist *playlist_load(const char *dir, const struct playlist_load_options *opts,
                               struct diag_list *diags);

/* Same, from a JSON text already in memory; `file` names it in messages and `dir` resolves
 * media paths. The text need not be NUL-terminated; a UTF-8 byte order mark is skipped. The
 * playlist copies dir and file; diags may already hold messages (new ones are appended, those of
 * this load sorted by line and column). */
struct playlist *playlist_load_text(const char *dir, const char *file, const char *text, size_t len,
                                    const struct playlist_load_options *opts,
                                    struct diag_list *diags);

/* Releases pl and everything it owns; NULL is fine (playlist.c, with the destructors below). */
void playlist_free(struct playlist *pl);
/* Release what one part owns, not the part itself (the parser uses them for parts it read
 * before an error). */
void text_block_free(struct text_block *b);
void image_block_free(struct image_block *b);
void qr_block_free(struct qr_block *q);
void button_free(struct button *b);
void page_free(struct page *p);

bool playlist_is_portrait(const struct playlist *pl);

/* The index of the page with this id in pl->pages, or PLAYLIST_NO_PAGE. */
size_t playlist_find_page(const struct playlist *pl, const char *id);

/* The text of block b in language lang, falling back to the playlist's primary language, then
 * to the block's first text; NULL for a clock. *used_lang (optional) receives the language of
 * the text returned. */
const char *text_block_text(const struct playlist *pl, const struct text_block *b, const char *lang,
                            const char **used_lang);
