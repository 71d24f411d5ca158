/* A contact sheet: every slide and page of a playlist in one picture, small and labelled, for a
 * manager's approval in one look (`kiosk render --sheet`).
 *
 * The sheet collects thumbnails of frames as they are rendered (sheet_add_frame reads back what
 * the renderer drew) and, on sheet_save, lays them out in a grid under a title and writes a PNG.
 * Labels and the title are laid out by the kiosk's own text engine, so Hebrew and Arabic names
 * read as they do on the screen.
 *
 * Ownership: the caller owns the sheet (sheet_create/sheet_destroy); the engine is borrowed for
 * sheet_save. Thread: the renderer's thread.
 */
#pragma once

#include <stdbool.h>

#include <SDL.h>

#include "text/layout.h"

struct contact_sheet;

/* A sheet for frames of frame_w x frame_h pixels (the playlist's screen), with `title` above
 * the grid (copied). With `rtl` (a Hebrew or Arabic sheet) the grid reads from the right, as
 * its reader does. */
struct contact_sheet *sheet_create(int frame_w, int frame_h, const char *title, bool rtl);
void sheet_destroy(struct contact_sheet *sheet);

/* Reads back the area `area` of what `renderer` has drawn, shrinks it to a thumbnail and adds it
 * with its label (copied). False when SDL cannot read the pixels (logged). */
bool sheet_add_frame(struct contact_sheet *sheet, SDL_Renderer *renderer, SDL_Rect area,
                     const char *label);

/* Lays the thumbnails out in rows, draws the title and labels with `engine` (NULL: no text) and
 * writes the PNG at `path`. False when nothing was added or the file cannot be written. */
bool sheet_save(struct contact_sheet *sheet, struct text_engine *engine, const char *path);
