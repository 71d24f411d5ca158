/* The player's side of emergency mode (docs/emergency.md): the triggers' watch (emergency/
 * watch.h) started from the settings, its changes given to the view model (view/emergency.h),
 * the screen lit for it, and the moment of the first emergency frame logged against the
 * trigger's, on the monotonic clock, so that tests measure the latency.
 *
 * Main thread only; the watch's thread only wakes the loop. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

struct app;

/* Starts watching the triggers (a no-op when the state folder does not exist). */
void app_emergency_open(struct app *a, void (*wake)(void *data));
/* Takes a change of the triggers (start or end); true when there was one. */
bool app_emergency_poll(struct app *a);
/* After a frame was presented: logs the first one of an emergency. */
void app_emergency_presented(struct app *a);
/* The screen's power as the schedule wants it (off) and the emergency allows it. */
bool app_emergency_screen_off(const struct app *a, bool scheduled_off);
void app_emergency_close(struct app *a);
