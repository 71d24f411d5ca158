/* libFuzzer harness for the playlist parser: any bytes must give a playlist or messages, never a
 * crash, a leak or a read out of bounds (run under ASan + UBSan). Build with
 * -fsanitize=fuzzer,address,undefined and link kiosk_playlist.
 *
 * Media paths resolve against a folder that does not exist, so the harness touches no real
 * files; the probe is never reached there, but a stand-in is passed so that option's code path
 * is compiled in and exercised should a path resolve. */
#include "playlist/playlist.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static bool fuzz_probe(void *ctx, const char *path, int *width, int *height, char *err,
                       size_t errlen)
{
    (void)ctx;
    (void)path;
    *width = 1920;
    *height = 1080;
    (void)err;
    (void)errlen;
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct playlist_load_options opts = {.probe_image = fuzz_probe};
    struct diag_list diags = {0};
    struct playlist *pl = playlist_load_text("/nonexistent-kiosk-fuzz", "fuzz.json",
                                             (const char *)data, size, &opts, &diags);
    /* Formatting every message is part of what a user sees: exercise it too. */
    for (size_t i = 0; i < diags.count; i++) {
        char *line = diag_format(&diags.items[i]);
        if (!line[0])
            __builtin_trap();
        free(line);
    }
    playlist_free(pl);
    diag_list_clear(&diags);
    return 0;
}
