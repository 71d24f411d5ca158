/* `kiosk check`'s accessibility checks (docs/accessibility.md): every slide and page laid out
 * in accessible mode (text 1.5 times larger) and what does not fit named; buttons outside the
 * reach range on the kiosk's configured mounting (kiosk.conf: screen_bottom_cm and the
 * screen's size; `kiosk check --config FILE`); text whose capital letters are smaller than
 * 4.8 mm on the playlist's screen (screen.diagonal_inches); and, as notes, the pages and
 * languages without recorded speech. */
#pragma once

#include <stddef.h>
#include <stdio.h>

#include "playlist/diag.h"
#include "playlist/playlist.h"

struct config;
struct text_engine;

/* The height of capital letters as a share of the font size: Noto Sans's (714 units of 1000),
 * the bundled faces' and the measure of the 4.8 mm rule. */
#define CHECK_ACCESS_CAP_RATIO 0.714

/* Adds the warnings to diags and writes the notes to `notes` (may be NULL); engine NULL: the
 * accessible layout is not checked. Returns the number of warnings added. */
size_t check_access(const struct playlist *pl, struct text_engine *engine, const struct config *cfg,
                    struct diag_list *diags, FILE *notes);
