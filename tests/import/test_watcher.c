/* The watcher as the player uses it: a stick folder appears under a mount root, the import runs
 * on the watcher's thread, and the loop sees progress, the result and one "installed" event.
 *   test_watcher MOUNT_ROOT STATE KEYS GROUP */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "import/importer.h"
#include "app/import_check.h"
#include "import/watcher.h"

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int main(int argc, char **argv)
{
    if (argc != 5)
        return 2;
    struct import_check check = {40000000};
    struct import_watcher_options o = {0};
    import_options_defaults(&o.import);
    o.import.state_dir = argv[2];
    o.import.keys_dir = argv[3];
    o.import.group = argv[4];
    o.import.reserve_bytes = 0;
    o.import.validate = import_check_content;
    o.import.validate_data = &check;
    const char *roots[] = {argv[1]};
    o.mount_roots = roots;
    o.mount_root_count = 1;
    o.poll_interval_ms = 50;
    struct import_watcher *w = import_watcher_create(&o);
    struct install_info info;
    bool installed = false;
    struct import_watcher_status st = {0};
    int64_t deadline = now_ms() + 60000;
    while (now_ms() < deadline) {
        import_watcher_poll(w, now_ms());
        import_watcher_status(w, &st);
        if (import_watcher_take_installed(w, &info))
            installed = true;
        if (st.generation > 0 && !st.running)
            break;
        struct timespec ts = {0, 20 * 1000000};
        nanosleep(&ts, NULL);
    }
    import_watcher_poll(w, now_ms());
    if (import_watcher_take_installed(w, &info))
        installed = true;
    import_watcher_destroy(w);
    printf("generation=%llu status=%s installed=%d version=%llu present=%d\n",
           (unsigned long long)st.generation, import_status_headline(st.result.status), installed,
           (unsigned long long)info.version, st.source_present);
    printf("reason: %s\n", st.result.reason);
    return installed ? 0 : 1;
}
