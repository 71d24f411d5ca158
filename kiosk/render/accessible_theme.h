/* Drawing the accessibility controls (access/relayout.h's enum access_control): the
 * accessibility button on every slide and page, in the same place in every language and never
 * mirrored, and in accessible mode the row beside it: pause or resume moving content, and with
 * a page's recorded speech, play (or stop), repeat and volume. Icons are drawn (the bundled
 * fonts have no symbols for them), in the accessible theme's colours.
 *
 * Thread: the renderer's. */
#pragma once

#include <stdbool.h>

#include <SDL.h>

#include "playlist/playlist.h"
#include "view/accessible.h"

/* Whether control c shows in scene a. */
bool accessible_theme_control_shown(const struct view_access_scene *a, int c);

/* Where control c is on the output, for a playlist of width x height drawn into area. */
SDL_Rect accessible_theme_control_rect(const struct playlist *pl, const struct view_access_scene *a,
                                       int c, SDL_Rect area);

/* Draws the controls that show; `pressed` is the control under a finger (-1: none). */
void accessible_theme_draw(SDL_Renderer *r, const struct playlist *pl,
                           const struct view_access_scene *a, int pressed, SDL_Rect area);
