#include "app/watch.h"

#include <stdlib.h>
#include <string.h>

#include "base/file.h"
#include "base/xmalloc.h"

static int64_t stamp(const char *path)
{
    int64_t mtime;
    off_t size;
    if (!file_stat_stamp(path, &mtime, &size))
        return 0;
    return mtime ^ ((int64_t)size << 1) ^ 1;
}

static void add(struct watch *w, size_t *cap, const char *path)
{
    for (size_t i = 0; i < w->count; i++)
        if (!strcmp(w->paths[i], path))
            return;
    size_t c = *cap;
    w->paths = xgrow(w->paths, &c, w->count + 1, sizeof(*w->paths));
    w->stamps = xrealloc(w->stamps, c * sizeof(*w->stamps));
    *cap = c;
    w->paths[w->count] = xstrdup(path);
    w->stamps[w->count] = stamp(path);
    w->count++;
}

void watch_init(struct watch *w, const char *playlist_file, const struct playlist *pl)
{
    memset(w, 0, sizeof(*w));
    size_t cap = 0;
    add(w, &cap, playlist_file);
    if (!pl)
        return;
    for (size_t i = 0; i < pl->slide_count; i++)
        if (pl->slides[i].has_image)
            add(w, &cap, pl->slides[i].image.path);
}

bool watch_changed(struct watch *w)
{
    bool changed = false;
    for (size_t i = 0; i < w->count; i++) {
        int64_t s = stamp(w->paths[i]);
        if (s != w->stamps[i]) {
            w->stamps[i] = s;
            changed = true;
        }
    }
    return changed;
}

void watch_free(struct watch *w)
{
    for (size_t i = 0; i < w->count; i++)
        free(w->paths[i]);
    free(w->paths);
    free(w->stamps);
    memset(w, 0, sizeof(*w));
}
