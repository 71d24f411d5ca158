/* The gesture recogniser: plain pointer events in, taps, swipes and long presses out.
 *
 * Pure and SDL-free; time is injected (monotonic milliseconds, the same clock for events and
 * ticks). Coordinates are screen pixels, already rotated (input/rotate.h). Thresholds are in
 * millimetres on the glass and converted with the screen's pixels per millimetre, so a swipe is
 * the same gesture on a 10" and a 21" panel.
 *
 * What one finger does, in the order the events come out:
 *
 *   down                 PRESS (the hit target under the finger, for feedback at once)
 *   held still long      LONG_PRESS, while the finger is still down (by gesture_tick or the
 *                        next event), once
 *   lifted still         RELEASE, then TAP when it was lifted before the long press fired
 *   moved beyond slop    PRESS_CANCEL (the feedback goes off: it is a drag, not a press)
 *   lifted after moving  SWIPE when far and fast enough, otherwise nothing
 *   cancelled            PRESS_CANCEL if the press was still showing
 *
 * "Still" means never further than tap_slop_mm from where it touched. A press that has moved
 * beyond the slop never becomes a tap or a long press again, and a finger that moves after its
 * long press fired makes no swipe.
 *
 * A swipe: the larger of the horizontal and vertical displacement (from the down point to the
 * up point) is at least swipe_min_mm and at least 1.5 times the other one (the stroke is within
 * about 34 degrees of the axis), and its speed is at least swipe_min_speed_mm_s. The speed is
 * that distance over the time from the last moment the finger was still inside the slop circle
 * to the moment it lifted, so resting before a stroke does not make the stroke slow.
 *
 * Several fingers (and the mouse, which is just another pointer): one pointer makes a gesture.
 * The first one to go down while no gesture is in progress is followed; any other pointer that
 * goes down while it is down is ignored altogether (its moves and its lifting too), and it
 * cancels the followed pointer's press, tap and long press (two fingers are not a deliberate
 * touch on a button). The followed finger can still swipe. A new gesture starts with the next
 * pointer that goes down after the followed one has lifted, even if an ignored finger is still
 * resting on the glass (a palm on the bezel must not lock the screen). For the same reason a
 * pointer down for long_press_ms or longer no longer holds the gesture: the next pointer to go
 * down takes over (PRESS_CANCEL for the old press, PRESS for the new one) and the old one is
 * ignored from then on, so a stuck contact or a leaning visitor cannot lock the screen. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "input/hit.h"

enum pointer_type {
    POINTER_DOWN,
    POINTER_MOVE,
    POINTER_UP,
    POINTER_CANCEL,
};

/* The mouse's device: no touch device has this id (SDL's touch ids are never negative, except
 * SDL_MOUSE_TOUCHID, whose events the SDL adapter drops). */
#define POINTER_DEVICE_MOUSE INT64_MIN

struct pointer_event {
    enum pointer_type type;
    int64_t device; /* touch device, or POINTER_DEVICE_MOUSE */
    int64_t id;     /* finger on that device (0 for the mouse) */
    float x, y;     /* screen pixels */
    int64_t t_ms;   /* monotonic; an event older than the last one is taken as happening then */
};

enum gesture_type {
    GESTURE_PRESS,        /* x, y: where it touched; target: the hit region there */
    GESTURE_RELEASE,      /* lifted still; long_press says whether LONG_PRESS fired */
    GESTURE_PRESS_CANCEL, /* the press ends without being released in place */
    GESTURE_TAP,          /* lifted still before the long-press time */
    GESTURE_SWIPE,        /* dir; x, y where it started, end_x, end_y where it lifted */
    GESTURE_LONG_PRESS,   /* held still for long_press_ms; x, y where it is held */
};

enum swipe_dir {
    SWIPE_LEFT,  /* the finger moved towards the left edge */
    SWIPE_RIGHT, /* towards the right edge */
    SWIPE_UP,
    SWIPE_DOWN,
};

struct gesture {
    enum gesture_type type;
    enum swipe_dir dir;  /* SWIPE only */
    int target;          /* the hit region under the down point (HIT_NONE for none) */
    float x, y;          /* where the finger went down, screen pixels */
    float end_x, end_y;  /* where it is now (lifted, for RELEASE, TAP and SWIPE) */
    int64_t t_ms;        /* when the gesture happened */
    int64_t duration_ms; /* since the finger went down */
    bool long_press;     /* RELEASE: LONG_PRESS fired before it was lifted */
    float distance_mm;   /* SWIPE: along its axis */
    float speed_mm_s;    /* SWIPE */
};

struct gesture_config {
    double px_per_mm;            /* of the screen; must be > 0 */
    double tap_slop_mm;          /* default 5 */
    double swipe_min_mm;         /* default 12 */
    double swipe_min_speed_mm_s; /* default 50 */
    int64_t long_press_ms;       /* default 800 */
};

#define GESTURE_TAP_SLOP_MM 5.0
#define GESTURE_SWIPE_MIN_MM 12.0
#define GESTURE_SWIPE_MIN_SPEED_MM_S 50.0
#define GESTURE_LONG_PRESS_MS 800

/* At most this many gestures come out of one call. */
#define GESTURE_MAX_OUT 4

struct gesture_recognizer {
    struct gesture_config cfg;
    float slop_px, swipe_min_px; /* cfg converted at init */
    /* The followed pointer; `tracking` is false between gestures. */
    bool tracking;
    int64_t device, id;
    float down_x, down_y, x, y;
    int64_t down_t, still_t; /* still_t: the last time it was inside the slop circle */
    int64_t last_t;          /* the latest time seen, events never go back before it */
    int target;
    bool pressed;    /* PRESS is showing (no RELEASE or PRESS_CANCEL yet) */
    bool moved;      /* it has left the slop circle */
    bool spoiled;    /* another pointer went down meanwhile: no tap, no long press */
    bool long_fired; /* LONG_PRESS was emitted */
};

/* Fills cfg with the defaults above for a screen of px_per_mm. */
void gesture_config_defaults(struct gesture_config *cfg, double px_per_mm);

void gesture_init(struct gesture_recognizer *g, const struct gesture_config *cfg);

/* Feeds one pointer event. hits (may be NULL) gives the press target at a down event. Writes
 * the resulting gestures to out (room for GESTURE_MAX_OUT) and returns how many. */
size_t gesture_feed(struct gesture_recognizer *g, const struct pointer_event *ev,
                    const struct hit_list *hits, struct gesture *out);

/* Emits LONG_PRESS when its time has come. Call it when gesture_ms_until_due says so. */
size_t gesture_tick(struct gesture_recognizer *g, int64_t now_ms, struct gesture *out);

/* Milliseconds until gesture_tick has something to do (0 when overdue), or -1 when nothing is
 * pending: the loop's longest sleep while a finger is down. */
int64_t gesture_ms_until_due(const struct gesture_recognizer *g, int64_t now_ms);

/* Abandons the gesture in progress (the window lost focus, the screen changed under the
 * finger): PRESS_CANCEL if a press was showing. */
size_t gesture_cancel(struct gesture_recognizer *g, struct gesture *out);
