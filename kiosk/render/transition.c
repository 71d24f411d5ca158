#include "render/transition.h"

double transition_ease(double p)
{
    if (p <= 0)
        return 0;
    if (p >= 1)
        return 1;
    return p * p * (3 - 2 * p);
}

struct transition_state transition_at(enum transition_kind kind, double p, bool rtl, float width)
{
    if (p < 0)
        p = 0;
    if (p > 1)
        p = 1;
    struct transition_state s = {
        .from = {.dx = 0, .alpha = 1, .visible = true},
        .to = {.dx = 0, .alpha = 1, .visible = true},
    };
    switch (kind) {
    case TRANSITION_CUT:
        s.from.visible = false;
        break;
    case TRANSITION_CROSSFADE:
        /* The outgoing slide stays opaque underneath; the incoming one fades in over it, so
         * the picture never dims through black halfway. */
        s.to.alpha = (float)p;
        s.to.visible = p > 0;
        s.from.visible = p < 1;
        break;
    case TRANSITION_PUSH: {
        /* Left-to-right reading: the new slide enters from the right, pushing the old one
         * left. Right-to-left reading mirrors it. */
        float e = (float)transition_ease(p);
        float sign = rtl ? 1.0f : -1.0f;
        s.from.dx = sign * e * width;
        s.to.dx = s.from.dx - sign * width;
        s.from.visible = p < 1;
        break;
    }
    }
    return s;
}
