/* Notices edits to a playlist folder while previewing: the playlist file and every media file
 * it uses, by modification time and size. Polled (twice a second from the loop) rather than
 * inotify, because editors save by rename and media lives in other folders; a few stat calls a
 * second cost nothing measurable. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "playlist/playlist.h"

struct watch {
    char **paths;
    int64_t *stamps; /* mtime in ns xor size; 0 when the file is missing */
    size_t count;
};

/* Watches DIR/playlist.json and, when pl is not NULL, its media. */
void watch_init(struct watch *w, const char *playlist_file, const struct playlist *pl);
/* True when anything changed since init or the last call that returned true. */
bool watch_changed(struct watch *w);
void watch_free(struct watch *w);
