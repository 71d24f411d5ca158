/* The player's inbox watcher on its own, for tests of partial arrival: prints one line per
 * finished import and one per change of what the inbox waits for, until STOP_FILE appears or
 * the time runs out. With REPORT_DIR it also does what the player does for the fleet: keeps
 * REPORT_DIR/health.json current (refreshed every 2 s here) and records a play of slide "red"
 * into REPORT_DIR/proof after each install.
 * A mismatched pair is refused after KIOSK_TEST_REFUSE_MS (the watcher's default without it);
 * the driver prints "refused: REASON" when that happens.
 *   inbox_driver INBOX STATE KEYS GROUP SETTLE_MS STOP_FILE [REPORT_DIR [SECONDS]] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/import_check.h"
#include "base/file.h"
#include "fleet/health.h"
#include "proof/writer.h"
#include "import/importer.h"
#include "import/install.h"
#include "import/watcher.h"

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int main(int argc, char **argv)
{
    if (argc < 7 || argc > 9) {
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
    if (getenv("KIOSK_TEST_REFUSE_MS"))
        o.inbox_refuse_after_ms = atoll(getenv("KIOSK_TEST_REFUSE_MS"));
    struct import_watcher *w = import_watcher_create(&o);
    uint64_t reported = 0;
    char note[256] = "";
    const char *report = argc >= 8 ? argv[7] : NULL;
    int64_t started = now_ms();
    int64_t deadline = started + (argc >= 9 ? atoll(argv[8]) * 1000 : 90000); /* bounded */
    struct health_publisher *hp = report ? health_publisher_create(report) : NULL;
    if (hp)
        health_publisher_set_refresh(hp, 2000);
    /* What the player would show at start: the version installed before. */
    struct install_info current;
    uint64_t shown = install_read(argv[2], "current", &current) ? current.version : 0;
    bool refused = false;
    struct import_watcher_status last = {0};
    time_t import_at = 0;
    while (now_ms() < deadline && access(argv[6], F_OK) != 0) {
        import_watcher_poll(w, now_ms());
        struct import_watcher_status st;
        import_watcher_status(w, &st);
        struct install_info info;
        if (import_watcher_take_installed(w, &info)) {
            printf("installed version=%llu at_ms=%lld\n", (unsigned long long)info.version,
                   (long long)(now_ms() - started));
            shown = info.version;
            if (report) {
                char *proof = file_join(report, "proof");
                struct proof_writer_options po;
                proof_writer_options_defaults(&po);
                struct proof_writer *pw = proof_writer_open(proof, &po);
                struct proof_record r = {.kind = PROOF_KIND_SLIDE,
                                         .id = "red",
                                         .content_version = info.version,
                                         .group = argv[4],
                                         .start_ms = proof_wall_clock_ms(),
                                         .duration_ms = 3000,
                                         .reached_by = PROOF_REACHED_LOOP,
                                         .lang = "he"};
                if (pw) {
                    proof_writer_add(pw, &r);
                    proof_writer_flush(pw);
                    proof_writer_close(pw);
                }
                free(proof);
            }
        }
        if (st.generation > reported && !st.running) {
            reported = st.generation;
            printf("import status=\"%s\" version=%llu waiting=%d\n",
                   import_status_headline(st.result.status), (unsigned long long)st.result.version,
                   st.inbox_waiting);
        }
        if (st.inbox_refused && !refused)
            printf("refused: %s\n", st.result.reason); /* the reason starts with the path */
        refused = st.inbox_refused;
        if (strcmp(note, st.inbox_note) != 0) {
            snprintf(note, sizeof note, "%s", st.inbox_note);
            printf("note: %s\n", note[0] ? note : "(none)");
        }
        if (!st.running && st.generation > last.generation) {
            last = st;
            import_at = time(NULL);
        }
        if (hp) {
            char name[128];
            snprintf(name, sizeof name, "%s", file_basename(report));
            /* While an import runs, the one before it. */
            const struct import_watcher_status *r = st.running ? &last : &st;
            struct health_facts f = {
                .kiosk = getenv("KIOSK_NAME") ? getenv("KIOSK_NAME") : name,
                .screen_group = argv[4],
                .content_version = shown,
                .content_group = argv[4],
                .has_import = last.generation > 0,
                .import_result = import_status_headline(r->result.status),
                .import_reason = r->result.reason,
                .import_version = r->result.version,
                /* As the player's (app/updates.c): a pair still arriving is not a failure. */
                .import_ok = r->result.status == IMPORT_INSTALLED ||
                             r->result.status == IMPORT_NOT_NEWER ||
                             (r->from_inbox && r->inbox_waiting),
                .import_at = import_at,
                .inbox_waiting = st.inbox_note[0] ? st.inbox_note : NULL,
                .uptime_ms = now_ms() - started,
                .state_dir = argv[2],
                .display = "test",
                .display_ok = true,
                .now = time(NULL),
            };
            health_publisher_update(hp, &f, now_ms());
        }
        struct timespec ts = {0, 20 * 1000000};
        nanosleep(&ts, NULL);
    }
    health_publisher_destroy(hp);
    import_watcher_destroy(w);
    return 0;
}
