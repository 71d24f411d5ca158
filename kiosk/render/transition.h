/* Transitions as pure functions of progress: where and how opaque the outgoing and incoming
 * slides are at progress p. No SDL; the compositor applies the result. */
#pragma once

#include <stdbool.h>

#include "playlist/playlist.h"

struct layer_state {
    float dx;    /* horizontal offset in output pixels */
    float alpha; /* 0..1 */
    bool visible;
};

struct transition_state {
    struct layer_state from, to;
};

/* p in 0..1 (clamped). rtl: the playlist reads right to left, so a push brings the next slide
 * in from the left (the way a Hebrew book turns), moving content to the right. width: the
 * output width in pixels. */
struct transition_state transition_at(enum transition_kind kind, double p, bool rtl, float width);

/* Smoothstep easing used by push: slow start and end, no jerk at the edges. */
double transition_ease(double p);
