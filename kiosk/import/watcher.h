/* The player's side of importing: notices a stick (a folder appearing under a watched mount
 * root, holding KIOSK/bundle.tar) or a new bundle in the inbox, runs import_run on its own
 * thread, and lets the loop read progress and results without ever blocking on the import.
 *
 * Thread rules:
 *  - create, poll, status, take_installed and destroy are called from one thread (the loop).
 *    poll costs a few readdir/stat calls at most once per poll interval; status and
 *    take_installed only copy under a mutex the import thread holds for a few instructions.
 *  - the import runs on a pthread the watcher owns; options.import.validate and options.notify
 *    are called on that thread. notify should only wake the loop (SDL_PushEvent is fine).
 *  - destroy waits up to 3 s for a running import to finish (staging is cleaned on the way
 *    out); an import still running then (a hung stick or library) is left behind with the
 *    watcher's memory, so the player stops within its stop timeout. It must then exit soon:
 *    the lock is released with the process, and start-up recovery cleans what was left.
 * The watcher copies every string in its options; validate_data and notify_data are borrowed
 * and must outlive it. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "import/importer.h"

/* Ten minutes without any change in the inbox folder: far longer than the gap between the two
 * files of one publish (seconds), while a transfer in progress keeps changing its temporary file
 * and so keeps the pair waiting however long it takes. */
#define WATCHER_INBOX_REFUSE_MS (10 * 60 * 1000)

struct import_watcher_options {
    struct import_options import;
    const char *const *mount_roots; /* folders whose subfolders are stick mount points */
    size_t mount_root_count;
    const char *inbox_dir;    /* NULL: no inbox. Bundles go in INBOX/KIOSK/ */
    int64_t poll_interval_ms; /* 0: 1000 */
    /* An inbox pair is taken once both files have been unchanged this long (0: 3000). Sync
     * tools deliver the tar and its signature separately, in either order, sometimes days
     * apart; a tar written in place grows for a while. */
    int64_t inbox_settle_ms;
    /* A pair that was tried and does not match (a new signature beside the old tar, or a tar
     * changed after signing) is waited for: the matching file may still be on its way. Once
     * nothing in INBOX/KIOSK has changed for this long (a sync tool writes its temporary files
     * there while it transfers), the pair is refused: logged as a problem and reported as the
     * last import's result, until either file changes (0: WATCHER_INBOX_REFUSE_MS). */
    int64_t inbox_refuse_after_ms;
    void (*notify)(void *data); /* something changed (import thread); may be NULL */
    void *notify_data;
};

struct import_watcher_status {
    uint64_t generation; /* 0 before the first import; +1 for each import started */
    bool running;        /* an import is in progress */
    bool source_present; /* the stick (or inbox bundle) of the latest import is still there */
    bool from_inbox;
    char source[1024]; /* the folder imported from */
    enum import_phase phase;
    double fraction;             /* 0..1 within the phase (copying and unpacking move smoothly) */
    struct import_result result; /* valid when generation > 0 and !running */
    /* The inbox's tar and signature do not belong together yet (one missing, or the signature
     * does not match the tar): the watcher waits for either file to change and tries again.
     * Not an error for staff: a sync tool is still delivering. */
    bool inbox_waiting;
    char inbox_note[256]; /* plain words: what the inbox is waiting for; "" when nothing */
    /* The inbox's pair stayed mismatched and unchanged for inbox_refuse_after_ms: result says
     * why it is refused (a problem for staff now), until either file changes. */
    bool inbox_refused;
};

/* Never NULL. Nothing is scanned until the first poll; sticks already present then are
 * imported (a refused "not newer" is the usual outcome after a reboot with a stick in). */
struct import_watcher *import_watcher_create(const struct import_watcher_options *o);

/* Looks for new sources (at most once per interval) and starts an import when one is found and
 * none is running; joins a finished import thread. now_ms is the monotonic clock. */
void import_watcher_poll(struct import_watcher *w, int64_t now_ms);

void import_watcher_status(struct import_watcher *w, struct import_watcher_status *out);

/* True once per installed import: out says where the new content is (switch to it at the next
 * slide boundary). */
bool import_watcher_take_installed(struct import_watcher *w, struct install_info *out);

void import_watcher_destroy(struct import_watcher *w);
