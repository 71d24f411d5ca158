/* The staff gesture: a sequence of long presses in corners of the screen that opens the status
 * page. Residents should not stumble on it; staff should not need a keyboard.
 *
 * Syntax of the sequence (kiosk.conf `staff_gesture`): corner names separated by commas,
 * blanks around them allowed, 2 to STAFF_MAX_STEPS steps, the same corner may repeat:
 *
 *     top-left,top-right
 *     top-right, top-left, top-right
 *     off                       (no staff gesture)
 *
 * Each step is a long press (input/gesture.h) whose down point lies within the corner square of
 * corner_mm x corner_mm at that corner of the screen. The whole sequence, from the first long
 * press to the last, must take at most window_ms. A long press in the wrong corner or outside
 * every corner, a tap or a swipe between steps, or running out of time starts over; a long
 * press that breaks the sequence but is its first step begins a new attempt at once.
 *
 * Pure, no SDL, time comes with the gestures. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "input/gesture.h"

#define STAFF_MAX_STEPS 8
#define STAFF_CORNER_MM 20.0
#define STAFF_WINDOW_MS 10000

enum corner {
    CORNER_TOP_LEFT,
    CORNER_TOP_RIGHT,
    CORNER_BOTTOM_LEFT,
    CORNER_BOTTOM_RIGHT,
    CORNER_NONE,
};

struct staff_sequence {
    enum corner steps[STAFF_MAX_STEPS];
    size_t count; /* 0: the staff gesture is off */
};

/* Parses s. On failure returns false, leaves *out alone and writes one line to err, such as
 *   staff gesture "top-left,top-middle": unknown corner "top-middle" (step 2); expected
 *   top-left, top-right, bottom-left or bottom-right
 * (every message is listed in docs/touch.md). */
bool staff_sequence_parse(const char *s, struct staff_sequence *out, char *err, size_t err_size);

/* The sequence written back in the config syntax ("top-left,top-right", or "off"). */
void staff_sequence_format(const struct staff_sequence *seq, char *buf, size_t size);

/* "top-left", ...; "none" for CORNER_NONE. */
const char *corner_name(enum corner c);

struct staff_recognizer {
    struct staff_sequence seq;
    float corner_px;        /* side of the corner squares */
    int screen_w, screen_h; /* screen pixels */
    int64_t window_ms;
    size_t matched;   /* steps done so far */
    int64_t first_ms; /* when the first of them was done */
};

void staff_init(struct staff_recognizer *s, const struct staff_sequence *seq, double corner_mm,
                double px_per_mm, int screen_w, int screen_h, int64_t window_ms);

/* After a resize or a rotation. Starts over. */
void staff_set_screen(struct staff_recognizer *s, int screen_w, int screen_h);

/* The corner square (x, y) lies in, or CORNER_NONE. */
enum corner staff_corner_at(const struct staff_recognizer *s, float x, float y);

/* Feeds every gesture; returns true when g completes the sequence (then it starts over). */
bool staff_feed(struct staff_recognizer *s, const struct gesture *g);
