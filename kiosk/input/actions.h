/* From gestures to what the kiosk should do, given where it is.
 *
 * Pure, no SDL. The mapping, for the gestures that do something (every other gesture - PRESS,
 * PRESS_CANCEL, LONG_PRESS, a quick RELEASE, a vertical swipe - does nothing):
 *
 *   view    gesture                      target           action
 *   ------  ---------------------------  ---------------  --------------------------------
 *   loop    TAP                          none             OPEN_HOME if the playlist lets a
 *                                                         touch open its home page, else NONE
 *   loop    TAP                          a button         as on a page (below)
 *   loop    SWIPE left / right           -                NEXT / PREV  (left-to-right language)
 *                                                         PREV / NEXT  (right-to-left language)
 *   page    TAP                          button id >= 0   ACTIVATE(id)
 *   page    TAP                          HIT_ID_BACK      BACK
 *   page    TAP                          HIT_ID_HOME      HOME
 *   any     TAP                          HIT_ID_ACCESS-c  ACCESS(c): an accessibility control
 *   page    TAP                          none             NONE
 *   page    SWIPE left / right           -                as in the loop (next / previous page)
 *   status  TAP                          anything         BACK (closes the staff status page)
 *   any     RELEASE after a LONG_PRESS   a button         as TAP on it: a slow press on a
 *                                                         button still works when lifted
 *   any     RELEASE after a LONG_PRESS   none             NONE (a long press on the loop, as in
 *                                                         the staff gesture, opens nothing)
 *
 * Reading direction: "next" lies where the reader goes. In Hebrew and Arabic the next slide
 * comes in from the left, so the finger pulls it to the right: a swipe to the right is NEXT.
 * In English and Russian a swipe to the left is NEXT. The direction is the current language's,
 * not the playlist's first one.
 *
 * STAFF_STATUS does not come from this table but from the staff recogniser (input/staff.h),
 * which input/input.h runs beside it on the same gestures. */
#pragma once

#include <stdbool.h>

#include "input/gesture.h"

enum action_kind {
    ACTION_NONE,
    ACTION_NEXT,         /* next slide in the loop, next page on a page */
    ACTION_PREV,         /* previous slide or page */
    ACTION_OPEN_HOME,    /* from the loop to the playlist's home page */
    ACTION_ACTIVATE,     /* a button: action.button says which */
    ACTION_BACK,         /* the page's back button; closes the status page */
    ACTION_HOME,         /* the page's home button */
    ACTION_STAFF_STATUS, /* the staff gesture: show the status page */
    ACTION_ACCESS,       /* an accessibility control: action.button is its number (0: the
                            accessibility button; view/accessible.h) */
};

struct action {
    enum action_kind kind;
    int button; /* ACTIVATE: the hit region's id; HIT_NONE otherwise */
};

enum action_view {
    ACTION_VIEW_LOOP,   /* the slide loop */
    ACTION_VIEW_PAGE,   /* an interactive page */
    ACTION_VIEW_STATUS, /* the staff status page */
};

struct action_context {
    enum action_view view;
    bool rtl;              /* the current language reads right to left */
    bool touch_opens_home; /* the playlist lets a touch on the loop open its home page */
};

struct action action_for_gesture(const struct action_context *ctx, const struct gesture *g);

/* "next", "open-home", "activate", ... for logs and tests. */
const char *action_name(enum action_kind kind);
