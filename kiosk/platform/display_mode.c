#include "platform/display_mode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool display_mode_parse(const char *text, struct display_mode_want *want, char *err, size_t errlen)
{
    *want = (struct display_mode_want){.kind = DISPLAY_MODE_AUTO};
    if (!text || !*text || !strcmp(text, "auto"))
        return true;
    if (!strcmp(text, "native")) {
        want->kind = DISPLAY_MODE_NATIVE;
        return true;
    }
    int w = 0, h = 0, hz = 0, used = 0;
    bool ok = false;
    if (sscanf(text, "%dx%d%n", &w, &h, &used) == 2) {
        if (text[used] == '\0')
            ok = true;
        else if (text[used] == '@' && sscanf(text + used + 1, "%d%n", &hz, &used) == 1)
            ok = text[strlen(text) - 1] != '@' && hz > 0 && hz <= 500 &&
                 (size_t)(strchr(text, '@') - text) + 1 + (size_t)used == strlen(text);
    }
    if (!ok || w < 320 || h < 200 || w > 16384 || h > 16384) {
        snprintf(err, errlen,
                 "expected auto, native or a size such as 1920x1080 or 1920x1080@50, not \"%s\"",
                 text);
        return false;
    }
    *want = (struct display_mode_want){DISPLAY_MODE_SIZE, w, h, hz};
    return true;
}

/* The mode of size w x h whose refresh is `hz` (0: nearest 60), or -1. */
static int find_size(const struct display_mode_size *modes, size_t n, int w, int h, int hz)
{
    int best = -1, target = hz > 0 ? hz : 60;
    for (size_t i = 0; i < n; i++) {
        if (modes[i].w != w || modes[i].h != h)
            continue;
        if (best < 0 || abs(modes[i].refresh - target) < abs(modes[best].refresh - target))
            best = (int)i;
    }
    if (best >= 0 && hz > 0 && modes[best].refresh != hz)
        return -1;
    return best;
}

int display_mode_choose(const struct display_mode_size *modes, size_t n,
                        struct display_mode_size desktop, const struct display_mode_want *want,
                        bool *missing)
{
    *missing = false;
    switch (want->kind) {
    case DISPLAY_MODE_NATIVE:
        return -1;
    case DISPLAY_MODE_SIZE: {
        int i = find_size(modes, n, want->w, want->h, want->refresh);
        *missing = i < 0;
        return i;
    }
    case DISPLAY_MODE_AUTO:
        break;
    }
    /* Only ever smaller: a 1080p or smaller screen keeps its own mode. */
    if ((long)desktop.w * desktop.h <= 1920L * 1080)
        return -1;
    return find_size(modes, n, 1920, 1080, desktop.refresh == 50 ? 50 : 0);
}
