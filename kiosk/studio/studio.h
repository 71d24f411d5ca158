/* kiosk studio: a local editor in the browser (docs/studio.md). A web server on 127.0.0.1 that
 * serves the page (kiosk/studio/web) and a small JSON API over one playlist folder, with the
 * kiosk's own renderer as the preview.
 *
 * Thread: studio_run is called on the main thread; it blocks SIGINT and SIGTERM and returns
 * when one arrives. */
#pragma once

#include <stdbool.h>

struct studio_options {
    const char *dir;   /* the playlist folder; must exist and hold playlist.json */
    int port;          /* 0: any free port */
    bool port_given;   /* false: `port` or, when taken, the next free one */
    bool open_browser; /* open the link with xdg-open when a desktop is there */
};

/* Serves until Ctrl+C or SIGTERM; returns the exit status (0, or 1 when it cannot start). */
int studio_run(const struct studio_options *o);
