#define LOG_MODULE "proof"
#include "proof/writer.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/file.h"
#include "base/log.h"
#include "base/xmalloc.h"

/* "plays-20270312T183005.250Z.log": fixed width, so sorting by name sorts by time. */
#define ROTATED_PREFIX "plays-"
#define ROTATED_SUFFIX "Z.log"
#define ROTATED_NAME_LEN (sizeof("plays-20270312T183005.250Z.log") - 1)

/* Only the calling thread changes fd, and only under lock once the sync thread runs; the sync
 * thread reads it under lock. Everything above `thread` belongs to the calling thread. */
struct proof_writer {
    char *dir;
    char *path; /* dir/plays.log */
    struct proof_writer_options opts;
    int fd;        /* -1 while the file could not be opened */
    uint64_t size; /* of plays.log, as far as we have written it */
    uint64_t header_size;
    bool need_newline; /* a failed write left part of a line that could not be cut off */
    bool failing;      /* logged once; records are dropped until retry_at */
    int64_t retry_at;  /* monotonic ms */
    uint64_t written, dropped, rotations, dropped_at_failure;

    /* Shared with the sync thread, under lock. */
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake; /* the thread: something to sync, or quit */
    pthread_cond_t idle; /* the loop: the thread has finished a sync */
    bool dirty;          /* written since the last sync */
    int64_t dirty_since; /* monotonic ms of the first unsynced write */
    bool busy;           /* the thread is inside fdatasync(fd): fd must not change */
    bool quit;
    bool sync_error_logged;
};

void proof_writer_options_defaults(struct proof_writer_options *o)
{
    *o = (struct proof_writer_options){
        .sync_interval_ms = 5000,
        .max_file_bytes = 1u << 20,
        .keep_files = 30,
        .retry_interval_ms = 60000,
    };
}

int64_t proof_wall_clock_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Logs the first failure after a good stretch; then the writer drops records until retry_at. */
static void fail(struct proof_writer *w, const char *what, int err)
{
    if (!w->failing) {
        LOG_WARN("%s: %s: %s; proof of play drops records until it can write again (tried "
                 "every %lld s)",
                 w->path, what, strerror(err), (long long)(w->opts.retry_interval_ms / 1000));
        w->dropped_at_failure = w->dropped;
    }
    w->failing = true;
    w->retry_at = clock_now_ms() + w->opts.retry_interval_ms;
}

/* Opens plays.log, creating it with its header. A file whose last byte is not a newline ends in
 * a line torn by a power cut (or a failed write): ending it here keeps the next record whole. */
static bool open_current(struct proof_writer *w)
{
    if (!file_mkdir_p(w->dir)) {
        fail(w, "cannot create the folder", errno);
        return false;
    }
    int fd = open(w->path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        fail(w, "cannot open", errno);
        if (fd >= 0)
            close(fd);
        return false;
    }
    char buf[64];
    size_t len = 0, done;
    if (st.st_size == 0) {
        len = proof_format_header(buf, sizeof(buf));
    } else {
        char last;
        if (pread(fd, &last, 1, st.st_size - 1) != 1) {
            fail(w, "cannot read", errno);
            close(fd);
            return false;
        }
        if (last != '\n') {
            LOG_WARN("%s: the last line is incomplete (power cut?); it is ended and will be "
                     "skipped by readers",
                     w->path);
            buf[0] = '\n';
            len = 1;
        }
    }
    if (len > 0) {
        if (!file_write_fd(fd, buf, len, &done) || fdatasync(fd) != 0) {
            int e = errno;
            if (done > 0 && ftruncate(fd, st.st_size) != 0)
                w->need_newline = true;
            fail(w, "cannot write", e);
            close(fd);
            return false;
        }
        if (st.st_size == 0)
            file_fsync_dir(w->dir);
    }
    w->fd = fd;
    w->need_newline = false; /* the check above has ended any torn line */
    w->size = (uint64_t)st.st_size + len;
    w->header_size = st.st_size == 0 ? len : 0;
    return true;
}

static bool rotated_name_time(const char *name, int64_t *ms)
{
    size_t n = strlen(name);
    if (n != ROTATED_NAME_LEN || strncmp(name, ROTATED_PREFIX, strlen(ROTATED_PREFIX)) != 0 ||
        strcmp(name + n - strlen(ROTATED_SUFFIX), ROTATED_SUFFIX) != 0)
        return false;
    /* 20270312T183005.250 -> 2027-03-12T18:30:05.250Z */
    const char *t = name + strlen(ROTATED_PREFIX);
    char iso[32];
    snprintf(iso, sizeof(iso), "%.4s-%.2s-%.2sT%.2s:%.2s:%.2s%.4sZ", t, t + 4, t + 6, t + 9, t + 11,
             t + 13, t + 15);
    return proof_parse_time(iso, strlen(iso), ms);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char **proof_files_list(const char *dir, size_t *count)
{
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    char **names = NULL;
    size_t n = 0, cap = 0;
    bool current = false;
    struct dirent *e;
    while ((e = readdir(d))) {
        int64_t ms;
        if (!strcmp(e->d_name, PROOF_CURRENT_FILE)) {
            current = true;
        } else if (rotated_name_time(e->d_name, &ms)) {
            names = xgrow(names, &cap, n + 2, sizeof(*names));
            names[n++] = xstrdup(e->d_name);
        }
    }
    closedir(d);
    names = xgrow(names, &cap, n + 2, sizeof(*names));
    qsort(names, n, sizeof(*names), compare_names);
    if (current)
        names[n++] = xstrdup(PROOF_CURRENT_FILE);
    names[n] = NULL;
    if (count)
        *count = n;
    return names;
}

void proof_files_free(char **names)
{
    if (!names)
        return;
    for (char **p = names; *p; p++)
        free(*p);
    free(names);
}

/* Deletes the oldest rotated files so that keep_files - 1 remain beside plays.log. */
static void prune(struct proof_writer *w, char **names, size_t count)
{
    size_t rotated = count;
    if (rotated > 0 && !strcmp(names[rotated - 1], PROOF_CURRENT_FILE))
        rotated--;
    size_t keep = w->opts.keep_files - 1;
    for (size_t i = 0; i + keep < rotated; i++) {
        char *p = file_join(w->dir, names[i]);
        if (unlink(p) != 0 && errno != ENOENT)
            LOG_WARN("%s: cannot delete: %s", p, strerror(errno));
        free(p);
    }
}

/* Renames plays.log to plays-<now>.log and starts a new one. Called with the lock held and the
 * sync thread idle. The name's time never goes backwards, even when the clock does (a Pi has no
 * battery-backed clock), so that pruning by name always deletes the oldest files. */
static bool rotate(struct proof_writer *w)
{
    if (fdatasync(w->fd) != 0) {
        fail(w, "cannot sync", errno);
        return false;
    }
    close(w->fd);
    w->fd = -1;
    w->dirty = false;

    int64_t now = w->opts.wall_clock_ms ? w->opts.wall_clock_ms() : proof_wall_clock_ms();
    size_t count = 0;
    char **names = proof_files_list(w->dir, &count);
    for (size_t i = 0; names && i < count; i++) {
        int64_t t;
        if (rotated_name_time(names[i], &t) && t >= now)
            now = t + 1;
    }
    proof_files_free(names);

    char iso[32], name[64];
    if (!proof_format_time(now, iso))
        proof_format_time(0, iso);
    snprintf(name, sizeof(name), ROTATED_PREFIX "%.4s%.2s%.2sT%.2s%.2s%.2s%.4sZ.log", iso, iso + 5,
             iso + 8, iso + 11, iso + 14, iso + 17, iso + 19);
    char *rotated = file_join(w->dir, name);
    bool ok = rename(w->path, rotated) == 0;
    if (!ok)
        fail(w, "cannot rotate", errno);
    free(rotated);
    if (!ok) {
        open_current(w); /* append on to the same file rather than lose records */
        return false;
    }
    w->rotations++;
    if (!open_current(w))
        return false;
    names = proof_files_list(w->dir, &count);
    if (names)
        prune(w, names, count);
    proof_files_free(names);
    return true;
}

static void *sync_thread(void *arg)
{
    struct proof_writer *w = arg;
    pthread_mutex_lock(&w->lock);
    for (;;) {
        while (!w->quit && !w->dirty)
            pthread_cond_wait(&w->wake, &w->lock);
        if (w->quit)
            break;
        int64_t due = w->dirty_since + w->opts.sync_interval_ms;
        int64_t now = clock_now_ms();
        if (now < due) {
            /* clock_now_ms() is CLOCK_MONOTONIC, the clock of this condition variable. */
            struct timespec ts = {.tv_sec = (time_t)(due / 1000),
                                  .tv_nsec = (long)(due % 1000) * 1000000};
            pthread_cond_timedwait(&w->wake, &w->lock, &ts);
            continue;
        }
        int fd = w->fd;
        w->dirty = false;
        if (fd < 0)
            continue;
        w->busy = true;
        pthread_mutex_unlock(&w->lock);
        int r = fdatasync(fd);
        int e = errno;
        pthread_mutex_lock(&w->lock);
        w->busy = false;
        if (r != 0 && !w->sync_error_logged) {
            LOG_WARN("%s: fdatasync failed: %s", w->path, strerror(e));
            w->sync_error_logged = true;
        } else if (r == 0) {
            w->sync_error_logged = false;
        }
        pthread_cond_broadcast(&w->idle);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

struct proof_writer *proof_writer_open(const char *dir, const struct proof_writer_options *opts)
{
    struct proof_writer *w = xcalloc(1, sizeof(*w));
    w->dir = xstrdup(dir);
    w->path = file_join(dir, PROOF_CURRENT_FILE);
    if (opts)
        w->opts = *opts;
    else
        proof_writer_options_defaults(&w->opts);
    if (w->opts.keep_files < 2)
        w->opts.keep_files = 2;
    if (w->opts.sync_interval_ms < 0)
        w->opts.sync_interval_ms = 0;
    w->fd = -1;

    pthread_mutex_init(&w->lock, NULL);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&w->wake, &attr);
    pthread_condattr_destroy(&attr);
    pthread_cond_init(&w->idle, NULL);
    open_current(w); /* before the thread starts: no lock needed for w->fd yet */
    int r = pthread_create(&w->thread, NULL, sync_thread, w);
    if (r != 0) {
        LOG_ERR("cannot start the proof-of-play sync thread: %s", strerror(r));
        abort();
    }
    return w;
}

/* Waits until the sync thread is not using fd. Called with the lock held. */
static void wait_idle(struct proof_writer *w)
{
    while (w->busy)
        pthread_cond_wait(&w->idle, &w->lock);
}

bool proof_writer_add(struct proof_writer *w, const struct proof_record *r)
{
    /* One spare byte in front, for the newline that ends a line a failed write left behind. */
    char buf[PROOF_LINE_MAX + 1];
    size_t len = proof_format_line(r, buf + 1, sizeof(buf) - 1);
    if (len == 0) {
        LOG_WARN("a record of \"%s\" cannot be written (start %lld ms, duration %lld ms)",
                 r->id ? r->id : "", (long long)r->start_ms, (long long)r->duration_ms);
        w->dropped++;
        return false;
    }
    /* While failing, fail() stays quiet: the first failure was logged, a recovery will be. */
    if (w->failing && clock_now_ms() < w->retry_at) {
        w->dropped++;
        return false;
    }
    if (w->fd < 0) {
        pthread_mutex_lock(&w->lock);
        bool opened = open_current(w);
        pthread_mutex_unlock(&w->lock);
        if (!opened) {
            w->dropped++;
            return false;
        }
    }

    if (w->size + len > w->opts.max_file_bytes && w->size > w->header_size) {
        pthread_mutex_lock(&w->lock);
        wait_idle(w);
        bool rotated = rotate(w);
        pthread_mutex_unlock(&w->lock);
        if (!rotated) {
            w->dropped++;
            return false;
        }
    }

    char *line = buf + 1;
    if (w->need_newline) {
        line = buf;
        buf[0] = '\n';
        len++;
    }
    size_t done;
    if (!file_write_fd(w->fd, line, len, &done)) {
        int e = errno;
        /* Cut off the part of the line that did get written; when even that fails, the next
         * write starts with a newline so that the torn piece stays a line of its own. */
        if (done > 0 && ftruncate(w->fd, (off_t)w->size) != 0)
            w->need_newline = true;
        fail(w, "cannot write", e);
        w->dropped++;
        return false;
    }
    w->size += len;
    w->need_newline = false;
    w->written++;
    if (w->failing) {
        LOG_INFO("%s: writing again; %llu records were dropped", w->path,
                 (unsigned long long)(w->dropped - w->dropped_at_failure));
        w->failing = false;
    }

    pthread_mutex_lock(&w->lock);
    if (!w->dirty) {
        w->dirty = true;
        w->dirty_since = clock_now_ms();
        pthread_cond_signal(&w->wake);
    }
    pthread_mutex_unlock(&w->lock);
    return true;
}

bool proof_writer_flush(struct proof_writer *w)
{
    pthread_mutex_lock(&w->lock);
    wait_idle(w);
    bool ok = true;
    if (w->fd >= 0) {
        w->dirty = false;
        ok = fdatasync(w->fd) == 0;
        if (!ok)
            LOG_WARN("%s: fdatasync failed: %s", w->path, strerror(errno));
    }
    pthread_mutex_unlock(&w->lock);
    return ok;
}

void proof_writer_close(struct proof_writer *w)
{
    if (!w)
        return;
    proof_writer_flush(w);
    pthread_mutex_lock(&w->lock);
    w->quit = true;
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    if (w->fd >= 0)
        close(w->fd);
    pthread_cond_destroy(&w->wake);
    pthread_cond_destroy(&w->idle);
    pthread_mutex_destroy(&w->lock);
    free(w->path);
    free(w->dir);
    free(w);
}

void proof_writer_get_stats(const struct proof_writer *w, struct proof_writer_stats *out)
{
    *out = (struct proof_writer_stats){
        .written = w->written,
        .dropped = w->dropped,
        .rotations = w->rotations,
        .failing = w->failing,
    };
}
