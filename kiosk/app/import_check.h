/* The validation `kiosk check` does, as an import_validate_fn: content_load with the image
 * probes and a text engine in CONTENT_TEXT_STRICT mode. It lives in the app, not in import/,
 * because it needs the app's content loading, and kiosk_import knows nothing of the app (the
 * importer takes validation as a callback).
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

/* The same check for a process with threads (the player): called in the child that
 * validate_child.h forks, it execs the kiosk binary itself (`kiosk import-check`), so the
 * check runs in a fresh process that holds none of the locks the player's other threads held
 * at the fork (the log's, ICU's, SDL's). Falls back to import_check_content when the exec
 * fails. Only ever call it in such a child: it does not return on success. */
bool import_check_content_exec(void *data, const char *content_dir, char *err, size_t errlen);

/* `kiosk import-check [--max-pixels N] DIR`, the program import_check_content_exec runs (not
 * for people): prints the problems and exits 0 (passes) or VALIDATE_CHILD_EXIT_REFUSED. */
int import_check_main(int argc, char **argv);
