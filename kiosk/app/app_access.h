/* The loop's side of accessible mode (view/accessible.h): the builder that lays out the
 * accessible copy of the content with the loop's text engine and the kiosk's reach zone, the
 * accessibility controls' hit regions, and recorded speech following the view model. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "access/reach.h"
#include "view/view.h"

struct app;
struct hit_list;
struct speech;

struct app_access {
    struct reach_mounting mounting; /* from kiosk.conf */
    struct speech *speech;          /* NULL until a clip is asked for */
    uint64_t speech_serial;         /* the view's request last followed */
    int volume;                     /* the volume last set */
    bool speaking;
};

/* The view model's builder for this app (call before view_init). */
struct view_access_options app_access_options(struct app *a);
/* After any event: plays, stops or changes the volume of speech as the view asks; notices a
 * clip's end. */
void app_access_follow(struct app *a);
/* The controls of frame f as hit regions, on top of the buttons. */
void app_access_hits(struct app *a, const struct view_frame *f);
void app_access_free(struct app *a);
