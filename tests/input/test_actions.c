/* The mapping from gestures to actions: the table of input/actions.h, row by row, in both
 * reading directions. */
#include <string.h>

#include "check.h"
#include "input/actions.h"

enum { LTR, RTL };

static void test_table(void)
{
    static const struct {
        enum action_view view;
        int dir;
        bool opens_home;
        enum gesture_type type;
        enum swipe_dir swipe;
        int target;
        bool long_press;
        enum action_kind kind;
        int button;
    } rows[] = {
        /* The loop: a touch opens the home page when the playlist allows it. */
        {ACTION_VIEW_LOOP, LTR, true, GESTURE_TAP, 0, HIT_NONE, false, ACTION_OPEN_HOME, HIT_NONE},
        {ACTION_VIEW_LOOP, RTL, true, GESTURE_TAP, 0, HIT_NONE, false, ACTION_OPEN_HOME, HIT_NONE},
        {ACTION_VIEW_LOOP, LTR, false, GESTURE_TAP, 0, HIT_NONE, false, ACTION_NONE, HIT_NONE},
        {ACTION_VIEW_LOOP, LTR, true, GESTURE_TAP, 0, 4, false, ACTION_ACTIVATE, 4},
        /* Swipes follow the reading direction: next is where the reader goes. */
        {ACTION_VIEW_LOOP, LTR, true, GESTURE_SWIPE, SWIPE_LEFT, HIT_NONE, false, ACTION_NEXT,
         HIT_NONE},
        {ACTION_VIEW_LOOP, LTR, true, GESTURE_SWIPE, SWIPE_RIGHT, HIT_NONE, false, ACTION_PREV,
         HIT_NONE},
        {ACTION_VIEW_LOOP, RTL, true, GESTURE_SWIPE, SWIPE_LEFT, HIT_NONE, false, ACTION_PREV,
         HIT_NONE},
        {ACTION_VIEW_LOOP, RTL, true, GESTURE_SWIPE, SWIPE_RIGHT, HIT_NONE, false, ACTION_NEXT,
         HIT_NONE},
        {ACTION_VIEW_LOOP, RTL, false, GESTURE_SWIPE, SWIPE_RIGHT, HIT_NONE, false, ACTION_NEXT,
         HIT_NONE},
        {ACTION_VIEW_LOOP, LTR, true, GESTURE_SWIPE, SWIPE_UP, HIT_NONE, false, ACTION_NONE,
         HIT_NONE},
        {ACTION_VIEW_LOOP, RTL, true, GESTURE_SWIPE, SWIPE_DOWN, HIT_NONE, false, ACTION_NONE,
         HIT_NONE},
        /* A swipe that started on a button is still a swipe. */
        {ACTION_VIEW_PAGE, RTL, true, GESTURE_SWIPE, SWIPE_RIGHT, 3, false, ACTION_NEXT, HIT_NONE},
        {ACTION_VIEW_PAGE, LTR, true, GESTURE_SWIPE, SWIPE_RIGHT, 3, false, ACTION_PREV, HIT_NONE},
        {ACTION_VIEW_PAGE, LTR, true, GESTURE_SWIPE, SWIPE_LEFT, HIT_NONE, false, ACTION_NEXT,
         HIT_NONE},
        {ACTION_VIEW_PAGE, RTL, true, GESTURE_SWIPE, SWIPE_LEFT, HIT_NONE, false, ACTION_PREV,
         HIT_NONE},
        /* Pages: buttons, back and home; nothing elsewhere. */
        {ACTION_VIEW_PAGE, LTR, true, GESTURE_TAP, 0, 0, false, ACTION_ACTIVATE, 0},
        {ACTION_VIEW_PAGE, RTL, true, GESTURE_TAP, 0, 12, false, ACTION_ACTIVATE, 12},
        {ACTION_VIEW_PAGE, RTL, true, GESTURE_TAP, 0, HIT_ID_BACK, false, ACTION_BACK, HIT_NONE},
        {ACTION_VIEW_PAGE, LTR, true, GESTURE_TAP, 0, HIT_ID_HOME, false, ACTION_HOME, HIT_NONE},
        {ACTION_VIEW_PAGE, LTR, true, GESTURE_TAP, 0, HIT_NONE, false, ACTION_NONE, HIT_NONE},
        {ACTION_VIEW_PAGE, LTR, true, GESTURE_TAP, 0, -7, false, ACTION_NONE, HIT_NONE},
        /* Slow hands: lifting after a long press still works on a button, not elsewhere. */
        {ACTION_VIEW_PAGE, LTR, true, GESTURE_RELEASE, 0, 5, true, ACTION_ACTIVATE, 5},
        {ACTION_VIEW_PAGE, LTR, true, GESTURE_RELEASE, 0, HIT_ID_BACK, true, ACTION_BACK, HIT_NONE},
        {ACTION_VIEW_PAGE, LTR, true, GESTURE_RELEASE, 0, 5, false, ACTION_NONE, HIT_NONE},
        {ACTION_VIEW_LOOP, LTR, true, GESTURE_RELEASE, 0, HIT_NONE, true, ACTION_NONE, HIT_NONE},
        /* Gestures that do nothing by themselves. */
        {ACTION_VIEW_PAGE, LTR, true, GESTURE_PRESS, 0, 5, false, ACTION_NONE, HIT_NONE},
        {ACTION_VIEW_PAGE, LTR, true, GESTURE_PRESS_CANCEL, 0, 5, false, ACTION_NONE, HIT_NONE},
        {ACTION_VIEW_PAGE, LTR, true, GESTURE_LONG_PRESS, 0, 5, true, ACTION_NONE, HIT_NONE},
        {ACTION_VIEW_LOOP, LTR, true, GESTURE_LONG_PRESS, 0, HIT_NONE, true, ACTION_NONE, HIT_NONE},
        /* The status page: a tap closes it; swipes do nothing. */
        {ACTION_VIEW_STATUS, LTR, true, GESTURE_TAP, 0, HIT_NONE, false, ACTION_BACK, HIT_NONE},
        {ACTION_VIEW_STATUS, RTL, false, GESTURE_TAP, 0, 3, false, ACTION_BACK, HIT_NONE},
        {ACTION_VIEW_STATUS, RTL, true, GESTURE_SWIPE, SWIPE_RIGHT, HIT_NONE, false, ACTION_NONE,
         HIT_NONE},
        {ACTION_VIEW_STATUS, LTR, true, GESTURE_RELEASE, 0, 3, true, ACTION_NONE, HIT_NONE},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        struct action_context ctx = {rows[i].view, rows[i].dir == RTL, rows[i].opens_home};
        struct gesture g = {.type = rows[i].type,
                            .dir = rows[i].swipe,
                            .target = rows[i].target,
                            .long_press = rows[i].long_press};
        struct action a = action_for_gesture(&ctx, &g);
        CHECK(a.kind == rows[i].kind && a.button == rows[i].button,
              "row %zu: got %s(%d), expected %s(%d)", i, action_name(a.kind), a.button,
              action_name(rows[i].kind), rows[i].button);
    }
}

int main(void)
{
    test_table();
    CHECK(strcmp(action_name(ACTION_STAFF_STATUS), "staff-status") == 0, "names");
    return check_summary();
}
