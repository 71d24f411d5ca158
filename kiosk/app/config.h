/* The kiosk's own settings (not the content's): a small "key = value" file, by default
 * /etc/kiosk/kiosk.conf, documented in docs/configuration.md. Command-line options override it.
 * Later issues add keys here (screen group, rotation, idle timeout, trusted keys). */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#define CONFIG_DEFAULT_PATH "/etc/kiosk/kiosk.conf"

struct config {
    bool allow_quit;          /* Q and Escape quit; false in kiosk mode */
    int64_t max_image_pixels; /* images over this are refused (default 40 megapixels) */
    int texture_cache_size;   /* screen-sized textures kept (default 4) */
};

void config_defaults(struct config *c);

/* Reads path into c. A missing file is fine when `optional`; any syntax error, unknown key or
 * bad value is reported as "path:line: ..." on stderr and makes it return false (the caller
 * then keeps the defaults for that key and goes on: bad configuration must not darken a
 * screen). */
bool config_load(struct config *c, const char *path, bool optional);
