/* The idle timer: after a while without anyone touching the screen, the kiosk goes back to the
 * slide loop in the playlist's first language, ready for the next visitor.
 *
 * Pure, time injected (monotonic milliseconds). It only measures; the loop decides what going
 * back means and only asks while it is away from the loop or in another language. Activity is
 * every pointer event (down, move, up) and every key; a finger resting on the glass without
 * moving does not count, so a stuck touch cannot hold a page open for ever. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#define IDLE_TIMEOUT_MS 60000

struct idle_timer {
    int64_t timeout_ms; /* <= 0: never idle */
    int64_t last_ms;    /* the last activity */
};

/* Starts counting from now, as if someone had just touched the screen. */
void idle_init(struct idle_timer *t, int64_t timeout_ms, int64_t now_ms);

/* Someone did something at now_ms (times before the last activity change nothing). */
void idle_activity(struct idle_timer *t, int64_t now_ms);

/* True once timeout_ms have passed since the last activity: at exactly the timeout, not a
 * millisecond later. */
bool idle_due(const struct idle_timer *t, int64_t now_ms);

/* Milliseconds until idle_due becomes true (0 when it is), or -1 when the timer is off: the
 * loop's longest sleep while it is away from the slide loop. */
int64_t idle_ms_until_due(const struct idle_timer *t, int64_t now_ms);
