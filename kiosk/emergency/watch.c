#define LOG_MODULE "emergency"
#include "emergency/watch.h"

#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/file.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "emergency/order.h"

#define CONTACT_POLL_MS 20
#define MAX_SOURCES 16

struct seen {
    char *folder;
    int64_t stamp[4]; /* order and signature: mtime, size */
};

struct emergency_watch {
    /* Read-only after create. */
    char *state_dir, *keys_dir, *group, *inbox, *contact_name;
    char **roots;
    size_t root_count;
    struct line_source line;
    bool has_line;
    int64_t poll_ms;
    void (*notify)(void *);
    void *notify_data;

    /* The thread's own. */
    pthread_t thread;
    bool thread_started;
    struct contact contact;
    struct seen seen[MAX_SOURCES];
    size_t seen_count;
    int64_t next_poll_ms;
    bool line_failed;

    /* Shared: under lock. */
    pthread_mutex_t lock;
    bool stop;
    struct emergency_state st;
    char order_why[EMERGENCY_WHY_MAX], contact_why[EMERGENCY_WHY_MAX];
};

static int64_t wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The order latch on disk: "on WALL_MS\nWHY\n", or no file. */
static void latch_write(struct emergency_watch *w, bool on, int64_t since, const char *why)
{
    char *path = file_join(w->state_dir, EMERGENCY_LATCH_FILE);
    if (on) {
        char err[512];
        char *text = xasprintf("on %lld\n%s\n", (long long)since, why);
        if (!file_write_atomic(path, text, strlen(text), err, sizeof err))
            LOG_ERR("%s (a restart would forget the emergency)", err);
        free(text);
    } else if (unlink(path) == 0) {
        file_fsync_dir(w->state_dir);
    }
    free(path);
}

static bool latch_read(struct emergency_watch *w, int64_t *since, char *why, size_t cap)
{
    char *path = file_join(w->state_dir, EMERGENCY_LATCH_FILE), *text = NULL, err[512];
    size_t size = 0;
    bool on = false;
    if (file_read_all(path, 1024, &text, &size, err, sizeof err) && !strncmp(text, "on ", 3)) {
        on = true;
        *since = strtoll(text + 3, NULL, 10);
        const char *nl = strchr(text, '\n');
        snprintf(why, cap, "%.*s", nl ? (int)strcspn(nl + 1, "\n") : 0, nl ? nl + 1 : "");
    }
    free(text);
    free(path);
    return on;
}

/* Under lock: the combined state after the order latch or the contact changed. What holds it
 * on is named: the trigger that started it, or the one still holding it when the other let go. */
static void combine(struct emergency_watch *w, int64_t seen_ms)
{
    struct emergency_state *s = &w->st;
    bool on = s->order_on || s->contact_on;
    if (on != s->on) {
        s->on = on;
        s->serial++;
        s->changed_mono_ms = seen_ms;
        s->since_wall_ms = on ? wall_ms() : 0;
    }
    const char *why = s->order_on && !s->contact_on   ? w->order_why
                      : s->contact_on && !s->order_on ? w->contact_why
                      : !on                           ? ""
                                                      : NULL; /* both: the first stays named */
    if (why)
        snprintf(s->why, sizeof s->why, "%s", why);
}

static void set_order(struct emergency_watch *w, bool on, const char *why, int64_t seen_ms)
{
    /* On disk first: a restart from here on comes back in the state the order asked for. */
    pthread_mutex_lock(&w->lock);
    int64_t since = w->st.on ? w->st.since_wall_ms : wall_ms();
    pthread_mutex_unlock(&w->lock);
    latch_write(w, on, since, why);
    pthread_mutex_lock(&w->lock);
    bool was = w->st.on;
    w->st.order_on = on;
    snprintf(w->order_why, sizeof w->order_why, "%s", why);
    combine(w, seen_ms);
    if (w->st.on && !was)
        w->st.since_wall_ms = since;
    bool changed = was != w->st.on;
    pthread_mutex_unlock(&w->lock);
    if (changed)
        LOG_INFO("emergency %s: %s", on ? "ON" : "over", why);
    else
        LOG_INFO("emergency order taken (%s): %s", why,
                 on ? "already on" : "the dry contact still holds it on");
    if (changed && w->notify)
        w->notify(w->notify_data);
}

static bool stamp_of(const char *folder, int64_t st[4])
{
    char *o = file_join(folder, EMERGENCY_ORDER_PATH),
         *s = file_join(folder, EMERGENCY_SIGNATURE_PATH);
    off_t a = 0, b = 0;
    bool ok = file_stat_stamp(o, &st[0], &a) && file_stat_stamp(s, &st[2], &b);
    st[1] = a;
    st[3] = b;
    free(o);
    free(s);
    return ok;
}

/* A folder holding an order: read it once per change of its files. */
static void look_at(struct emergency_watch *w, const char *folder, struct seen *next,
                    size_t *next_count)
{
    int64_t st[4];
    if (!stamp_of(folder, st) || *next_count == MAX_SOURCES)
        return;
    int64_t seen_ms = clock_now_ms();
    struct seen *n = &next[(*next_count)++];
    n->folder = xstrdup(folder);
    memcpy(n->stamp, st, sizeof st);
    for (size_t i = 0; i < w->seen_count; i++)
        if (!strcmp(w->seen[i].folder, folder) && !memcmp(w->seen[i].stamp, st, sizeof st))
            return;
    if (!w->group) {
        LOG_ERR("%s: emergency order refused: this kiosk has no screen_group to check it for",
                folder);
        return;
    }
    struct emergency_order o;
    char err[1024];
    if (!emergency_order_read(folder, w->keys_dir, w->group, w->state_dir, &o, err, sizeof err)) {
        LOG_ERR("emergency order refused: %s", err);
        return;
    }
    /* The seq is on disk before the order acts: a crash now cannot let it act twice. */
    if (!emergency_order_commit(w->state_dir, o.seq, err, sizeof err))
        LOG_ERR("%s (the order acts all the same)", err);
    char why[EMERGENCY_WHY_MAX];
    snprintf(why, sizeof why, "signed order seq=%llu (%s)%s%.160s", (unsigned long long)o.seq,
             folder, o.note[0] ? ": " : "", o.note);
    set_order(w, o.start, why, seen_ms);
}

static void scan_orders(struct emergency_watch *w)
{
    struct seen next[MAX_SOURCES];
    size_t count = 0;
    for (size_t r = 0; r < w->root_count; r++) {
        look_at(w, w->roots[r], next, &count);
        DIR *d = opendir(w->roots[r]);
        struct dirent *de;
        while (d && (de = readdir(d))) {
            if (de->d_name[0] == '.')
                continue;
            char *p = file_join(w->roots[r], de->d_name);
            look_at(w, p, next, &count);
            free(p);
        }
        if (d)
            closedir(d);
    }
    if (w->inbox)
        look_at(w, w->inbox, next, &count);
    for (size_t i = 0; i < w->seen_count; i++)
        free(w->seen[i].folder);
    memcpy(w->seen, next, count * sizeof next[0]);
    w->seen_count = count;
}

static void take_request(struct emergency_watch *w)
{
    int64_t seen_ms = clock_now_ms();
    struct emergency_order o;
    if (!emergency_request_take(w->state_dir, &o))
        return;
    char why[EMERGENCY_WHY_MAX];
    snprintf(why, sizeof why, "technician on the kiosk (kiosk emergency %s)%s%.160s",
             o.start ? "start" : "end", o.note[0] ? ": " : "", o.note);
    set_order(w, o.start, why, seen_ms);
}

static void read_contact(struct emergency_watch *w)
{
    int level;
    int64_t now = clock_now_ms();
    if (!w->line.read(w->line.data, &level)) {
        if (!w->line_failed)
            LOG_ERR("dry contact %s: cannot read the line", w->contact_name);
        w->line_failed = true;
        return; /* the last state holds: a read error neither raises nor ends an alarm */
    }
    w->line_failed = false;
    bool on = contact_update(&w->contact, level, now);
    pthread_mutex_lock(&w->lock);
    bool was = w->st.on, changed_contact = on != w->st.contact_on;
    if (changed_contact) {
        w->st.contact_on = on;
        combine(w, now);
    }
    bool changed = was != w->st.on;
    pthread_mutex_unlock(&w->lock);
    if (changed_contact)
        LOG_INFO("dry contact %s: %s", w->contact_name,
                 on ? "active: emergency ON" : "released long enough: its emergency is over");
    if (changed && w->notify)
        w->notify(w->notify_data);
}

static void *watch_thread(void *data)
{
    struct emergency_watch *w = data;
    for (;;) {
        pthread_mutex_lock(&w->lock);
        bool stop = w->stop;
        pthread_mutex_unlock(&w->lock);
        if (stop)
            break;
        int64_t now = clock_now_ms();
        if (now >= w->next_poll_ms) {
            w->next_poll_ms = now + w->poll_ms;
            take_request(w);
            scan_orders(w);
        }
        if (w->has_line)
            read_contact(w);
        int64_t sleep_ms = w->has_line ? CONTACT_POLL_MS : w->next_poll_ms - clock_now_ms();
        if (sleep_ms > 0) {
            struct timespec ts = {sleep_ms / 1000, (long)(sleep_ms % 1000) * 1000000L};
            nanosleep(&ts, NULL);
        }
    }
    return NULL;
}

static char *dup_or_null(const char *s)
{
    return s && s[0] ? xstrdup(s) : NULL;
}

struct emergency_watch *emergency_watch_create(const struct emergency_watch_options *o)
{
    struct emergency_watch *w = xcalloc(1, sizeof *w);
    w->state_dir = xstrdup(o->state_dir);
    w->keys_dir = xstrdup(o->keys_dir ? o->keys_dir : "/etc/kiosk/keys");
    w->group = dup_or_null(o->group);
    w->inbox = dup_or_null(o->inbox_dir);
    w->contact_name = xstrdup(o->contact_name ? o->contact_name : "GPIO");
    w->root_count = o->mount_root_count;
    w->roots = xcalloc(w->root_count ? w->root_count : 1, sizeof *w->roots);
    for (size_t i = 0; i < w->root_count; i++)
        w->roots[i] = xstrdup(o->mount_roots[i]);
    snprintf(w->contact_why, sizeof w->contact_why, "the building's alarm (dry contact, %s)",
             w->contact_name);
    if (o->line) {
        w->line = *o->line;
        w->has_line = true;
        contact_init(&w->contact, &o->contact);
    }
    w->poll_ms = o->poll_ms > 0 ? o->poll_ms : 100;
    w->notify = o->notify;
    w->notify_data = o->notify_data;
    pthread_mutex_init(&w->lock, NULL);
    int64_t since = 0;
    char why[EMERGENCY_WHY_MAX] = "";
    if (latch_read(w, &since, why, sizeof why)) {
        w->st = (struct emergency_state){.on = true,
                                         .order_on = true,
                                         .serial = 1,
                                         .changed_mono_ms = clock_now_ms(),
                                         .since_wall_ms = since};
        snprintf(w->order_why, sizeof w->order_why, "%s", why[0] ? why : "an earlier order");
        snprintf(w->st.why, sizeof w->st.why, "%s", w->order_why);
        LOG_WARN("emergency ON since before this start (%s): the order that started it has "
                 "not been ended",
                 w->st.why);
    }
    if (pthread_create(&w->thread, NULL, watch_thread, w) == 0)
        w->thread_started = true;
    else
        LOG_ERR("cannot start the emergency watch thread: no trigger is watched");
    LOG_INFO("emergency triggers: signed orders%s%s, %s/%s%s",
             w->group ? ""
                      : " (refused: no "
                        "screen_group)",
             w->inbox ? " (sticks and inbox)" : " (sticks)", w->state_dir, EMERGENCY_REQUEST_FILE,
             w->has_line ? ", the dry contact" : "");
    return w;
}

void emergency_watch_state(struct emergency_watch *w, struct emergency_state *out)
{
    pthread_mutex_lock(&w->lock);
    *out = w->st;
    pthread_mutex_unlock(&w->lock);
}

void emergency_watch_destroy(struct emergency_watch *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    w->stop = true;
    pthread_mutex_unlock(&w->lock);
    if (w->thread_started)
        pthread_join(w->thread, NULL);
    if (w->has_line && w->line.close)
        w->line.close(w->line.data);
    pthread_mutex_destroy(&w->lock);
    for (size_t i = 0; i < w->seen_count; i++)
        free(w->seen[i].folder);
    for (size_t i = 0; i < w->root_count; i++)
        free(w->roots[i]);
    free(w->roots);
    free(w->state_dir);
    free(w->keys_dir);
    free(w->group);
    free(w->inbox);
    free(w->contact_name);
    free(w);
}
