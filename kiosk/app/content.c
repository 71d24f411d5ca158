#include "app/content.h"

#include "media/probe.h"

struct probe_ctx {
    int64_t max_pixels;
};

static bool probe_image(void *ctx, const char *path, int *width, int *height, char *err,
                        size_t errlen)
{
    const struct probe_ctx *pc = ctx;
    struct image_info info;
    if (!image_probe(path, &info, err, errlen))
        return false;
    if (!image_check_limits(&info, pc->max_pixels, err, errlen))
        return false;
    *width = info.display_width;
    *height = info.display_height;
    return true;
}

struct playlist *content_load(const char *dir, int64_t max_image_pixels, struct diag_list *diags)
{
    struct probe_ctx pc = {.max_pixels = max_image_pixels};
    struct playlist_load_options opts = {.probe_image = probe_image, .probe_ctx = &pc};
    return playlist_load(dir, &opts, diags);
}
