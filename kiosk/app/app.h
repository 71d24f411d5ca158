/* The application: owns all state and runs the loop poll -> tick -> render -> present -> wait.
 * Subsystems get what they need as arguments; none of them sees struct app. */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "app/config.h"

struct app_options {
    const char *dir;        /* the playlist folder */
    bool fullscreen;        /* false: a resizable preview window */
    int window_w, window_h; /* window size when not fullscreen */
    bool watch;             /* reload when the playlist or its media change */
    uint64_t exit_after;    /* quit after this many slides have been shown; 0: never */
    bool stats;             /* print frame statistics on exit */
    /* --at: play as at this moment (UTC). The wall clock that schedules and clocks see starts
     * here and runs on with the monotonic clock; 0: the real wall clock. */
    time_t at;
    const char *script; /* --script: scripted touches and checks (tests); NULL: none */
    struct config config;
};

/* Plays until quit (a key, when allowed; SIGINT/SIGTERM, which SDL turns into SDL_QUIT), or
 * exit_after. Returns the process
 * exit status: 0 normally, 1 when the display could not be opened. */
int app_run(const struct app_options *opts);
