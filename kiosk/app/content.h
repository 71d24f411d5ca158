/* Loading a content folder for playing or checking: the playlist parser with media's image
 * probe plugged in, so every image is checked (exists, readable, size within limits) before a
 * playlist is accepted. */
#pragma once

#include "playlist/playlist.h"

/* Loads DIR/playlist.json; NULL with diags filled when it has any error. */
struct playlist *content_load(const char *dir, int64_t max_image_pixels, struct diag_list *diags);
