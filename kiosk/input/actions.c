#include "input/actions.h"

static struct action act(enum action_kind kind)
{
    return (struct action){.kind = kind, .button = HIT_NONE};
}

static struct action for_target(int target)
{
    if (target >= 0)
        return (struct action){.kind = ACTION_ACTIVATE, .button = target};
    if (target == HIT_ID_BACK)
        return act(ACTION_BACK);
    if (target == HIT_ID_HOME)
        return act(ACTION_HOME);
    if (target <= HIT_ID_ACCESS && target >= HIT_ID_ACCESS_LAST)
        return (struct action){.kind = ACTION_ACCESS, .button = HIT_ID_ACCESS - target};
    return act(ACTION_NONE);
}

static struct action for_tap(const struct action_context *ctx, int target)
{
    if (ctx->view == ACTION_VIEW_STATUS)
        return act(ACTION_BACK);
    if (target != HIT_NONE)
        return for_target(target);
    if (ctx->view == ACTION_VIEW_LOOP && ctx->touch_opens_home)
        return act(ACTION_OPEN_HOME);
    return act(ACTION_NONE);
}

struct action action_for_gesture(const struct action_context *ctx, const struct gesture *g)
{
    switch (g->type) {
    case GESTURE_TAP:
        return for_tap(ctx, g->target);
    case GESTURE_RELEASE:
        /* Slow hands: a press held past the long-press time still works on a button. */
        if (g->long_press && g->target != HIT_NONE && ctx->view != ACTION_VIEW_STATUS)
            return for_target(g->target);
        return act(ACTION_NONE);
    case GESTURE_SWIPE:
        if (ctx->view == ACTION_VIEW_STATUS)
            return act(ACTION_NONE);
        if (g->dir == SWIPE_LEFT)
            return act(ctx->rtl ? ACTION_PREV : ACTION_NEXT);
        if (g->dir == SWIPE_RIGHT)
            return act(ctx->rtl ? ACTION_NEXT : ACTION_PREV);
        return act(ACTION_NONE);
    case GESTURE_PRESS:
    case GESTURE_PRESS_CANCEL:
    case GESTURE_LONG_PRESS:
        break;
    }
    return act(ACTION_NONE);
}

const char *action_name(enum action_kind kind)
{
    switch (kind) {
    case ACTION_NONE:
        return "none";
    case ACTION_NEXT:
        return "next";
    case ACTION_PREV:
        return "prev";
    case ACTION_OPEN_HOME:
        return "open-home";
    case ACTION_ACTIVATE:
        return "activate";
    case ACTION_BACK:
        return "back";
    case ACTION_HOME:
        return "home";
    case ACTION_STAFF_STATUS:
        return "staff-status";
    case ACTION_ACCESS:
        return "access";
    }
    return "?";
}
