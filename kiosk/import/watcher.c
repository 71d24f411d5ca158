#define LOG_MODULE "watcher"
#define _GNU_SOURCE /* pthread_timedjoin_np */
#include "import/watcher.h"

#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "base/file.h"
#include "base/log.h"
#include "base/xmalloc.h"

/* How long destroy waits for a running import: well inside systemd's TimeoutStopSec=10s. */
#define WATCHER_STOP_WAIT_S 3

struct seen_list {
    char **paths;
    size_t count, capacity;
};

struct stamp {
    int64_t mtime_ns;
    off_t size;
};

/* Everything in INBOX/KIOSK, as one stamp (inbox_activity). */
struct activity {
    int64_t newest_ns;
    uint64_t bytes, names; /* names: a sum of hashes, so an added or renamed file counts too */
};

struct import_watcher {
    /* Owned copies of the options' strings. Read-only after create. */
    struct import_options import;
    char *state_dir, *keys_dir, *group;
    char **roots;
    size_t root_count;
    char *inbox;
    int64_t interval_ms, settle_ms, refuse_ms;
    void (*notify)(void *);
    void *notify_data;

    /* Loop thread only. */
    int64_t next_scan_ms;
    struct seen_list seen; /* stick folders that had a bundle at the last scan */
    struct stamp inbox_last[2], inbox_done[2]; /* bundle.tar, .minisig */
    int64_t inbox_changed_ms;                  /* when inbox_last last changed */
    struct activity inbox_activity; /* INBOX/KIOSK, the sync tool's temporary files too */
    int64_t inbox_active_ms;        /* when inbox_activity last changed */
    bool thread_running;
    pthread_t thread;
    char *pending_source;

    /* Shared with the import thread: under lock. */
    pthread_mutex_t lock;
    struct import_watcher_status status;
    bool installed_event;
    struct install_info installed;
    bool busy_retry; /* the inbox import found the lock taken: take the same pair again */
};

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

struct import_watcher *import_watcher_create(const struct import_watcher_options *o)
{
    struct import_watcher *w = xcalloc(1, sizeof *w);
    w->import = o->import;
    w->state_dir = dup_or_null(o->import.state_dir);
    w->keys_dir = dup_or_null(o->import.keys_dir);
    w->group = dup_or_null(o->import.group);
    w->import.state_dir = w->state_dir;
    w->import.keys_dir = w->keys_dir;
    w->import.group = w->group;
    w->root_count = o->mount_root_count;
    w->roots = xcalloc(w->root_count ? w->root_count : 1, sizeof *w->roots);
    for (size_t i = 0; i < w->root_count; i++)
        w->roots[i] = xstrdup(o->mount_roots[i]);
    w->inbox = dup_or_null(o->inbox_dir);
    w->interval_ms = o->poll_interval_ms > 0 ? o->poll_interval_ms : 1000;
    w->settle_ms = o->inbox_settle_ms > 0 ? o->inbox_settle_ms : 3000;
    w->refuse_ms =
        o->inbox_refuse_after_ms > 0 ? o->inbox_refuse_after_ms : WATCHER_INBOX_REFUSE_MS;
    w->notify = o->notify;
    w->notify_data = o->notify_data;
    pthread_mutex_init(&w->lock, NULL);
    return w;
}

static void notify(struct import_watcher *w)
{
    if (w->notify)
        w->notify(w->notify_data);
}

static void on_progress(void *data, enum import_phase phase, double fraction)
{
    struct import_watcher *w = data;
    pthread_mutex_lock(&w->lock);
    /* Wake the loop only for visible changes: a new phase or another percent. */
    bool visible =
        phase != w->status.phase || fraction - w->status.fraction >= 0.01 || fraction >= 1.0;
    w->status.phase = phase;
    w->status.fraction = fraction;
    pthread_mutex_unlock(&w->lock);
    if (visible)
        notify(w);
}

/* A sync tool delivers the tar and its signature one after the other: a missing, unreadable or
 * non-matching partner means "not all here yet", so the pair is waited for (until either file
 * changes) rather than refused for good. Under the lock. */
static void inbox_classify(struct import_watcher *w, const struct import_result *r)
{
    const char *note = NULL;
    w->status.inbox_refused = false;
    switch (r->status) {
    case IMPORT_NO_BUNDLE:
        note = "waiting for bundle.tar to arrive";
        break;
    case IMPORT_NOT_SIGNED:
        note = "waiting for the signature (bundle.tar.minisig) to arrive";
        break;
    case IMPORT_DAMAGED:
        note = "waiting for a matching signature: bundle.tar and bundle.tar.minisig do not "
               "belong together (yet)";
        break;
    case IMPORT_SOURCE_FAILED:
        note = "the bundle changed while it was read: waiting for it to settle";
        break;
    case IMPORT_BUSY:
        note = "another import was running: trying again";
        w->busy_retry = true;
        break;
    default:
        break;
    }
    if (r->status != IMPORT_BUSY && !r->may_be_arriving)
        note = NULL; /* a FIFO or link where a file belongs: refused at once */
    w->status.inbox_waiting = note != NULL;
    snprintf(w->status.inbox_note, sizeof w->status.inbox_note, "%s", note ? note : "");
    if (note)
        LOG_INFO("inbox %s: %s", w->pending_source, note);
}

static void *import_thread(void *data)
{
    struct import_watcher *w = data;
    struct import_result *r = xmalloc(sizeof *r);
    struct import_options o = w->import;
    pthread_mutex_lock(&w->lock);
    o.arriving = w->status.from_inbox;
    pthread_mutex_unlock(&w->lock);
    import_run(&o, w->pending_source, on_progress, w, r);
    pthread_mutex_lock(&w->lock);
    if (w->status.from_inbox)
        inbox_classify(w, r);
    w->status.result = *r;
    w->status.running = false;
    w->status.phase = IMPORT_PHASE_DONE;
    w->status.fraction = 1.0;
    if (r->status == IMPORT_INSTALLED) {
        w->installed = r->installed;
        w->installed_event = true;
    }
    pthread_mutex_unlock(&w->lock);
    free(r);
    notify(w);
    return NULL;
}

static void start_import(struct import_watcher *w, const char *source, bool inbox)
{
    free(w->pending_source);
    w->pending_source = xstrdup(source);
    pthread_mutex_lock(&w->lock);
    w->status.generation++;
    w->status.running = true;
    w->status.source_present = true;
    w->status.from_inbox = inbox;
    snprintf(w->status.source, sizeof w->status.source, "%s", source);
    w->status.phase = IMPORT_PHASE_FOUND;
    w->status.fraction = 0;
    memset(&w->status.result, 0, sizeof w->status.result);
    pthread_mutex_unlock(&w->lock);
    LOG_INFO("found a bundle in %s", source);
    if (pthread_create(&w->thread, NULL, import_thread, w) != 0) {
        LOG_ERR("cannot start the import thread for %s", source);
        pthread_mutex_lock(&w->lock);
        w->status.running = false;
        w->status.result.status = IMPORT_FAILED;
        snprintf(w->status.result.reason, sizeof w->status.result.reason,
                 "the import thread could not be started");
        pthread_mutex_unlock(&w->lock);
        return;
    }
    w->thread_running = true;
    notify(w);
}

static bool seen_has(const struct seen_list *s, const char *path)
{
    for (size_t i = 0; i < s->count; i++)
        if (!strcmp(s->paths[i], path))
            return true;
    return false;
}

static void seen_clear(struct seen_list *s)
{
    for (size_t i = 0; i < s->count; i++)
        free(s->paths[i]);
    s->count = 0;
}

/* Appends the folders under root (and root itself) that hold a bundle. */
static void scan_root(const char *root, struct seen_list *found)
{
    if (import_source_has_bundle(root)) {
        found->paths = xgrow(found->paths, &found->capacity, found->count + 1, sizeof(char *));
        found->paths[found->count++] = xstrdup(root);
    }
    DIR *d = opendir(root);
    if (!d)
        return;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        char *path = file_join(root, de->d_name);
        if (import_source_has_bundle(path)) {
            found->paths = xgrow(found->paths, &found->capacity, found->count + 1, sizeof(char *));
            found->paths[found->count++] = path;
        } else {
            free(path);
        }
    }
    closedir(d);
}

static bool inbox_stamps(const char *inbox, struct stamp st[2])
{
    static const char *names[2] = {IMPORT_BUNDLE_PATH, IMPORT_SIGNATURE_PATH};
    bool both = true;
    for (int i = 0; i < 2; i++) {
        char *p = file_join(inbox, names[i]);
        if (!file_stat_stamp(p, &st[i].mtime_ns, &st[i].size)) {
            st[i].mtime_ns = 0; /* missing: a stamp no file has */
            st[i].size = 0;
            both = false;
        }
        free(p);
    }
    return both;
}

/* What INBOX/KIOSK holds, as one stamp: any file written, grown, added, removed or renamed
 * there changes it. A few entries at most; read once per poll interval. */
static struct activity inbox_activity(const char *inbox)
{
    struct activity a = {0};
    char *dir = file_join(inbox, "KIOSK");
    DIR *d = opendir(dir);
    struct dirent *de;
    for (int n = 0; d && (de = readdir(d)) && n < 64; n++) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        uint64_t h = 1469598103934665603ull; /* FNV-1a */
        for (const char *c = de->d_name; *c; c++)
            h = (h ^ (unsigned char)*c) * 1099511628211ull;
        a.names += h;
        char *p = file_join(dir, de->d_name);
        int64_t mtime_ns;
        off_t size;
        if (file_stat_stamp(p, &mtime_ns, &size)) {
            a.bytes += (uint64_t)size;
            if (mtime_ns > a.newest_ns)
                a.newest_ns = mtime_ns;
        }
        free(p);
    }
    if (d)
        closedir(d);
    free(dir);
    return a;
}

/* A pair that was tried, did not match, and has not changed since (nor anything else in the
 * inbox) for the refuse time is not arriving any more: it is refused, once, and stays refused
 * until either file changes. Loop thread; takes the lock. */
static void inbox_settle_refusal(struct import_watcher *w, const struct stamp now[2],
                                 int64_t now_ms)
{
    struct activity a = inbox_activity(w->inbox);
    if (memcmp(&a, &w->inbox_activity, sizeof a) != 0) {
        w->inbox_activity = a;
        w->inbox_active_ms = now_ms;
    }
    if (w->thread_running || now_ms - w->inbox_active_ms < w->refuse_ms ||
        memcmp(now, w->inbox_done, 2 * sizeof *now) != 0)
        return;
    pthread_mutex_lock(&w->lock);
    struct import_watcher_status *st = &w->status;
    bool refuse = st->generation > 0 && !st->running && st->from_inbox && st->inbox_waiting &&
                  !st->inbox_refused && st->result.may_be_arriving;
    if (refuse) {
        st->inbox_waiting = false;
        st->inbox_refused = true;
        st->inbox_note[0] = '\0';
        size_t n = strlen(st->result.reason);
        bool minutes = w->refuse_ms >= 120000;
        snprintf(st->result.reason + n, sizeof st->result.reason - n,
                 "%sunchanged for %lld %s, so refused until a new bundle arrives", n ? "; " : "",
                 (long long)(w->refuse_ms / (minutes ? 60000 : 1000)), minutes ? "min" : "s");
        LOG_WARN("inbox %s: refused: %s: %s", w->inbox, import_status_headline(st->result.status),
                 st->result.reason);
    }
    pthread_mutex_unlock(&w->lock);
    if (refuse)
        notify(w);
}

static void scan(struct import_watcher *w, int64_t now_ms)
{
    struct seen_list found = {0};
    for (size_t i = 0; i < w->root_count; i++)
        scan_root(w->roots[i], &found);
    const char *source = NULL;
    bool from_inbox = false;
    for (size_t i = 0; i < found.count && !source; i++)
        if (!seen_has(&w->seen, found.paths[i]))
            source = found.paths[i];
    /* The inbox is filled by sync tools, which write one file and then the other, in either
     * order: a bundle is taken only when both files are there and have been unchanged for the
     * settle time, only while no import runs, and once per pair of files (a pair that did not
     * match is tried again when either file changes; whichever arrives last completes it, so
     * the newest pair wins). */
    bool running = w->thread_running;
    struct stamp now[2];
    memset(now, 0, sizeof now);
    bool both = w->inbox && inbox_stamps(w->inbox, now);
    if (w->inbox) {
        if (memcmp(now, w->inbox_last, sizeof now) != 0) {
            memcpy(w->inbox_last, now, sizeof now);
            w->inbox_changed_ms = now_ms;
            pthread_mutex_lock(&w->lock);
            bool one = now[0].mtime_ns != 0 || now[1].mtime_ns != 0;
            w->status.inbox_refused = false;
            if (!w->status.running) {
                w->status.inbox_waiting = one;
                snprintf(w->status.inbox_note, sizeof w->status.inbox_note, "%s",
                         !one   ? ""
                         : both ? "the bundle is arriving: waiting for it to settle"
                                : "one file of the bundle is here, waiting for the other");
            }
            pthread_mutex_unlock(&w->lock);
        }
        pthread_mutex_lock(&w->lock);
        bool retry = w->busy_retry;
        w->busy_retry = false;
        pthread_mutex_unlock(&w->lock);
        if (retry) {
            memset(w->inbox_done, 0, sizeof w->inbox_done);
            w->inbox_changed_ms = now_ms; /* wait one settle time before trying again */
        }
    }
    if (w->inbox)
        inbox_settle_refusal(w, now, now_ms);
    if (!source && !running && both && now_ms - w->inbox_changed_ms >= w->settle_ms &&
        memcmp(now, w->inbox_done, sizeof now) != 0) {
        source = w->inbox;
        from_inbox = true;
        memcpy(w->inbox_done, now, sizeof now);
    }
    if (source && !running)
        start_import(w, source, from_inbox);
    /* A stick seen while an import runs stays unseen, so it is picked up afterwards. */
    struct seen_list next = {0};
    for (size_t i = 0; i < found.count; i++) {
        if (!running || seen_has(&w->seen, found.paths[i]) ||
            (w->pending_source && !strcmp(found.paths[i], w->pending_source))) {
            next.paths = xgrow(next.paths, &next.capacity, next.count + 1, sizeof(char *));
            next.paths[next.count++] = xstrdup(found.paths[i]);
        }
    }
    pthread_mutex_lock(&w->lock);
    if (w->status.generation > 0) {
        w->status.source_present = w->status.from_inbox ? import_source_has_bundle(w->status.source)
                                                        : seen_has(&found, w->status.source);
    }
    pthread_mutex_unlock(&w->lock);
    seen_clear(&w->seen);
    free(w->seen.paths);
    w->seen = next;
    seen_clear(&found);
    free(found.paths);
}

void import_watcher_poll(struct import_watcher *w, int64_t now_ms)
{
    if (w->thread_running) {
        pthread_mutex_lock(&w->lock);
        bool running = w->status.running;
        pthread_mutex_unlock(&w->lock);
        if (!running) {
            pthread_join(w->thread, NULL);
            w->thread_running = false;
        }
    }
    if (now_ms < w->next_scan_ms)
        return;
    w->next_scan_ms = now_ms + w->interval_ms;
    scan(w, now_ms);
}

void import_watcher_status(struct import_watcher *w, struct import_watcher_status *out)
{
    pthread_mutex_lock(&w->lock);
    *out = w->status;
    pthread_mutex_unlock(&w->lock);
}

bool import_watcher_take_installed(struct import_watcher *w, struct install_info *out)
{
    pthread_mutex_lock(&w->lock);
    bool ev = w->installed_event;
    if (ev) {
        *out = w->installed;
        w->installed_event = false;
    }
    pthread_mutex_unlock(&w->lock);
    return ev;
}

void import_watcher_destroy(struct import_watcher *w)
{
    if (!w)
        return;
    if (w->thread_running) {
        /* The player must stop within systemd's stop timeout whatever the import is doing (a
         * stick that stopped answering, a library that hangs): wait a bounded time, then leave
         * the thread and the watcher it uses behind. The process is about to exit; the lock
         * dies with it, and the next start-up's recovery removes the staging left behind. */
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += WATCHER_STOP_WAIT_S;
        if (pthread_timedjoin_np(w->thread, NULL, &until) != 0) {
            LOG_WARN("the import from %s did not finish within %d s; stopping without it (the "
                     "next start-up cleans up after it)",
                     w->pending_source, WATCHER_STOP_WAIT_S);
            return;
        }
    }
    pthread_mutex_destroy(&w->lock);
    seen_clear(&w->seen);
    free(w->seen.paths);
    for (size_t i = 0; i < w->root_count; i++)
        free(w->roots[i]);
    free(w->roots);
    free(w->inbox);
    free(w->state_dir);
    free(w->keys_dir);
    free(w->group);
    free(w->pending_source);
    free(w);
}
