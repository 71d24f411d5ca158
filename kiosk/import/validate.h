/* The validation `kiosk check` does, as an import_validate_fn: content_load with the image
 * probes and a text engine in CONTENT_TEXT_STRICT mode. It lives in its own small library
 * (kiosk_import_check) because it needs kiosk_app, while kiosk_import must not: the app's loop
 * links kiosk_import for the watcher, and a library cycle would follow.
 *
 * Thread: runs on the importing thread; it creates and destroys its own text engine per call,
 * so it shares nothing with the render thread. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct import_check {
    int64_t max_image_pixels; /* from the kiosk's configuration, as `kiosk check` uses it */
};

/* import_validate_fn: data is a struct import_check *. */
bool import_check_content(void *data, const char *content_dir, char *err, size_t errlen);
