/* The player's inbox watcher on its own, for tests of partial arrival: prints one line per
 * finished import and one per change of what the inbox waits for, until STOP_FILE appears or
 * the time runs out.
 *   inbox_driver INBOX STATE KEYS GROUP SETTLE_MS STOP_FILE */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/import_check.h"
#include "import/importer.h"
#include "import/watcher.h"

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int main(int argc, char **argv)
{
    if (argc != 7) {
        fprintf(stderr, "usage: inbox_driver INBOX STATE KEYS GROUP SETTLE_MS STOP_FILE\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    struct import_check check = {40000000};
    struct import_watcher_options o = {0};
    import_options_defaults(&o.import);
    o.import.state_dir = argv[2];
    o.import.keys_dir = argv[3];
    o.import.group = argv[4];
    o.import.reserve_bytes = 0;
    o.import.validate = import_check_content;
    o.import.validate_data = &check;
    o.inbox_dir = argv[1];
    o.poll_interval_ms = 50;
    o.inbox_settle_ms = atoll(argv[5]);
    struct import_watcher *w = import_watcher_create(&o);
    uint64_t reported = 0;
    char note[256] = "";
    int64_t deadline = now_ms() + 90000; /* bounded: the test never hangs */
    while (now_ms() < deadline && access(argv[6], F_OK) != 0) {
        import_watcher_poll(w, now_ms());
        struct import_watcher_status st;
        import_watcher_status(w, &st);
        struct install_info info;
        if (import_watcher_take_installed(w, &info))
            printf("installed version=%llu\n", (unsigned long long)info.version);
        if (st.generation > reported && !st.running) {
            reported = st.generation;
            printf("import status=\"%s\" version=%llu waiting=%d\n",
                   import_status_headline(st.result.status),
                   (unsigned long long)st.result.version, st.inbox_waiting);
        }
        if (strcmp(note, st.inbox_note) != 0) {
            snprintf(note, sizeof note, "%s", st.inbox_note);
            printf("note: %s\n", note[0] ? note : "(none)");
        }
        struct timespec ts = {0, 20 * 1000000};
        nanosleep(&ts, NULL);
    }
    import_watcher_destroy(w);
    return 0;
}
