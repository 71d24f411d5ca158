/* Scripted input for tests (`kiosk play DIR --script FILE`): touches, swipes and long presses
 * fed to the real loop as SDL finger events at given times, and checks of what the kiosk then
 * shows (page, language, pixels), headless. Each check prints a line when it fails; at the end
 * "N passed, N failed". The format is in docs/touch.md, "Scripted input":
 *
 *   # seconds after the first frame, then a command; X and Y are fractions of the screen
 *   at 0.5 tap 0.5 0.5
 *   at 1.0 expect page home
 *   at 1.5 tap-button housing
 *   at 2.0 swipe left
 *   at 3.0 long-press 0.02 0.02
 *   at 4.0 expect lang en
 *   at 4.0 expect pixel 0.5 0.1 #0b2540 24
 *   at 5.0 shot /tmp/page.png
 *   at 6.0 quit
 *
 * Thread: the loop's. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct script;

/* What the script asks of the app. */
struct script_hooks {
    void *app;
    const char *(*view)(void *app); /* "loop", "status", or the page's id */
    const char *(*lang)(void *app); /* the language shown */
    /* Presents the current frame and reads the pixel at fractions x, y of the screen. */
    bool (*pixel)(void *app, float x, float y, uint8_t rgb[3]);
    bool (*shot)(void *app, const char *path);
    /* The centre of the button with this id (or index) on screen, as fractions; false if none. */
    bool (*button)(void *app, const char *id, float *x, float *y);
    void (*quit)(void *app);
};

/* Reads a script; NULL with "FILE:LINE: what was expected" in err. */
struct script *script_load(const char *path, char *err, size_t errlen);
void script_free(struct script *s);

/* Runs every step due at elapsed_ms (after the first frame). Finger events are pushed into SDL's
 * queue and reach the loop like a touchscreen's. */
void script_run(struct script *s, int64_t elapsed_ms, const struct script_hooks *h);

/* Milliseconds until the next step, or -1 when all have run. */
int64_t script_ms_until_next(const struct script *s, int64_t elapsed_ms);

/* Prints "script FILE: N passed, N failed" and returns the number failed. */
int script_summary(const struct script *s);
