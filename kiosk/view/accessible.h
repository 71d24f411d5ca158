/* Accessible mode in the view model: whether it is on, whether a resident paused the moving
 * content (WCAG 2.2.2: the slide loop and tickers), the recorded speech asked for and its
 * volume, and the accessible copy of the content (access/relayout.h) that the scene shows
 * while the mode is on.
 *
 * The view asks for the copy through a builder (struct view_access_builder: the loop's, which
 * lays it out with the text engine; the unit tests' own), only when the mode is turned on, and
 * drops it with the content it was made from. Plain data, no SDL; the loop's thread.
 *
 * Leaving the mode: the accessibility button again, or the idle return (no touch for the idle
 * time), or the screen switching off. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "playlist/playlist.h"

struct view;
struct view_changes;

#define VIEW_VOLUME_MAX 10
#define VIEW_VOLUME_DEFAULT 7

/* Ids of the built-in controls in hit regions and ACTION_ACCESS (input/hit.h's range). */
struct view_access_builder {
    /* The accessible copy of pl, owned by the view from then on; freed with release. */
    struct playlist *(*build)(void *data, const struct playlist *pl);
    void (*release)(void *data, struct playlist *copy);
    /* The reach zone on pl's picture, fractions of its height from the top (access/reach.h);
     * NULL: the lower half. */
    void (*zone)(void *data, const struct playlist *pl, float *top, float *bottom);
    /* A long page is shown in parts: how many page `page` has in the copy, and the copy's page
     * that shows part `part` (access/relayout.h); NULL: one part each. */
    size_t (*parts)(const struct playlist *copy, size_t page);
    size_t (*part_page)(const struct playlist *copy, size_t page, size_t part);
    size_t (*slide_parts)(const struct playlist *copy, size_t slide);
    size_t (*part_slide)(const struct playlist *copy, size_t slide, size_t part);
    void *data;
};

struct view_access_options {
    struct view_access_builder builder; /* build NULL: accessible mode shows pl itself */
};

struct view_access {
    bool on;
    bool paused; /* the resident paused moving content */
    struct view_access_builder builder;
    struct playlist *copy;          /* of view.playlist; NULL until the mode needs it */
    const struct playlist *copy_of; /* what it was made from */
    struct playlist *retired;       /* the copy of content whose picture still fades out */
    int volume;                     /* 0..VIEW_VOLUME_MAX */
    /* Speech: the loop plays speech_path (borrowed from the playlist; NULL: silence) whenever
     * speech_serial changes. */
    uint64_t speech_serial;
    const char *speech_path;
    size_t speech_page;
    size_t speech_lang;
    size_t part;      /* the part of a long page or slide shown */
    size_t part_of;   /* what it is a part of (part_key in accessible.c) */
    uint64_t toggles; /* times the mode was turned on or off, for the tests */
};

/* What a frame shows of it: drawn by render/accessible_theme.h, hit regions from the same. */
struct view_access_scene {
    bool button;   /* the accessibility button shows (content plays, no status page) */
    bool on;       /* accessible mode: the row of controls shows beside it */
    bool paused;   /* moving content is paused: the pause control shows "play" */
    bool speech;   /* the page shown has recorded speech in the language shown */
    bool speaking; /* it is playing */
    int volume;
    float zone_top, zone_bottom;
    size_t part, parts; /* a long page shown in parts: which of how many (parts 1: whole) */
};

void view_access_init(struct view *v, const struct view_access_options *o);
void view_access_free(struct view *v);
/* The content is replaced: its copy goes (kept while `fading`, the outgoing picture's). */
void view_access_content_gone(struct view *v, bool fading);
/* The fade is over: the retired copy goes. */
void view_access_fade_over(struct view *v);

/* A touch on control `control` (enum access_control, access/relayout.h). */
void view_access_control(struct view *v, int control, int64_t now_ms, struct view_changes *out);
/* Turns the mode off (the idle return, the screen going dark). */
void view_access_leave(struct view *v, int64_t now_ms, struct view_changes *out);
/* After every event: speech stops when its page or language is no longer shown. */
void view_access_follow(struct view *v);
/* The loop's player finished the clip. */
void view_access_speech_ended(struct view *v);

/* The page of view_access_shown() that shows v->page: a later part of it in the copy; the
 * same for the slide `slide` of the loop. */
size_t view_access_page(const struct view *v);
size_t view_access_slide(const struct view *v, size_t slide);
/* The playlist the scene shows: the accessible copy while the mode is on, else the content. */
const struct playlist *view_access_shown(const struct view *v);
void view_access_scene_of(const struct view *v, struct view_access_scene *out);

/* The clip of page p in language lang; NULL when it has none. */
const char *view_access_clip(const struct playlist *pl, size_t page, const char *lang);
