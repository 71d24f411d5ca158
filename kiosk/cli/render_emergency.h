/* kiosk render's emergency slides (docs/emergency.md): each slide of the playlist's "emergency"
 * section in each of its languages, as emergency-NN-ID-LANG.png, and on request the built-in
 * emergency slide, emergency-built-in.png: what residents see when the alarm goes. */
#pragma once

#include <stdbool.h>

#include "cli/headless.h"
#include "playlist/playlist.h"

/* False when any could not be drawn or written (said on stderr). */
bool render_emergency(struct headless *hd, const struct playlist *pl, const char *out,
                      bool builtin);
