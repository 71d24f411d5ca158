/* Hit regions: the touchable rectangles of what is on screen (the buttons of the current page or
 * slide), which of them is under a point, and which are too small to touch reliably.
 *
 * Plain data, no SDL. Coordinates are screen pixels (the renderer's output, the same space as
 * pointer events after rotation). Regions added later lie on top of earlier ones, as in drawing
 * order. Not thread-safe; the loop owns the list and rebuilds it when the screen changes. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* Ids: >= 0 are content buttons (the page's own numbering, reported as ACTIVATE(id)); the
 * negative ones below are reserved for the built-in controls of a page. */
#define HIT_NONE (-1)    /* nothing there */
#define HIT_ID_BACK (-2) /* a page's back button: the BACK action */
#define HIT_ID_HOME (-3) /* a page's home button: the HOME action */
/* The accessibility controls (access/relayout.h's enum access_control c is HIT_ID_ACCESS - c):
 * the ACCESS action with that control. */
#define HIT_ID_ACCESS (-10)
#define HIT_ID_ACCESS_LAST (-17)

/* A touch target should be at least this wide and high on the glass (issue 5; the usual
 * accessibility guidance is 9 mm). */
#define HIT_MIN_MM 9.0

struct hit_region {
    int id;
    float x, y, w, h; /* screen pixels; the point (x, y) is inside, (x + w, y + h) is not */
};

struct hit_list {
    struct hit_region *regions; /* count entries in drawing order; owned */
    size_t count, capacity;
};

void hit_list_init(struct hit_list *l);
void hit_list_free(struct hit_list *l);
/* Forgets all regions but keeps the memory (for the next screen). */
void hit_list_clear(struct hit_list *l);
/* Adds a region on top of the others. w or h <= 0 adds nothing (it cannot be touched). */
void hit_list_add(struct hit_list *l, int id, float x, float y, float w, float h);

/* The id of the topmost region containing (x, y), or HIT_NONE. l may be NULL (no regions). */
int hit_at(const struct hit_list *l, float x, float y);

/* Pixels per millimetre of a screen from its physical size and its resolution (square pixels
 * assumed): from the diagonal in inches, or from the width of the picture in millimetres. 0
 * when the arguments make no sense (zero or negative). */
double screen_px_per_mm_diagonal(double diagonal_in, int width_px, int height_px);
double screen_px_per_mm_width(double width_mm, int width_px);

/* What to assume when the screen's size is not configured: 96 pixels per inch, a desktop
 * monitor's usual density. */
#define SCREEN_DEFAULT_PX_PER_MM (96.0 / 25.4)

/* The screen's density from the settings: from width_mm when it is > 0, otherwise from
 * diagonal_in when it is > 0, otherwise SCREEN_DEFAULT_PX_PER_MM. width_px x height_px is the
 * panel's resolution as the viewer sees it. */
double screen_px_per_mm(double diagonal_in, double width_mm, int width_px, int height_px);

/* HIT_MIN_MM in pixels at px_per_mm. */
float hit_min_size_px(double px_per_mm);

/* True when r is narrower or lower than HIT_MIN_MM at px_per_mm (a size within 0.01 px of
 * the minimum passes, so that a button drawn at exactly 9 mm is not reported for rounding). */
bool hit_region_too_small(const struct hit_region *r, double px_per_mm);

/* The indices (into l->regions) of the regions that are too small, for `kiosk check` warnings;
 * writes at most max of them to out and returns how many there are in all. */
size_t hit_find_too_small(const struct hit_list *l, double px_per_mm, size_t *out, size_t max);
