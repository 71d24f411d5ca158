/* A stand-in for media's image probe, so parser tests need no image decoder: files whose name
 * contains "huge" are refused with the message media's probe gives for a decompression bomb;
 * every other file is 640x480. */
#pragma once

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static inline bool fake_probe(void *ctx, const char *path, int *width, int *height, char *err,
                              size_t errlen)
{
    int *calls = ctx;
    if (calls)
        (*calls)++;
    if (strstr(path, "huge")) {
        snprintf(err, errlen, "20000x20000 is 400.0 megapixels, the limit is 40.0");
        return false;
    }
    *width = 640;
    *height = 480;
    return true;
}
