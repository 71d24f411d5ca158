/* The triggers without a player: the dry contact's debounce and release time (pure), and the
 * watch's thread with a fake line and a technician's request, taken within a tenth of a second;
 * an order latched across a restart. Signed orders are tested with minisign in orders.sh. */
#define LOG_MODULE "test"
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/file.h"
#include "base/log.h"
#include "check.h"
#include "emergency/order.h"
#include "emergency/watch.h"

static void test_contact(void)
{
    struct contact c;
    struct contact_settings s = {.active_low = true, .debounce_ms = 50, .release_ms = 1000};
    contact_init(&c, &s);
    CHECK(!contact_update(&c, 1, 0), "high at start: no alarm (active low)");
    CHECK(!contact_update(&c, 0, 10), "a bounce low is not an alarm yet");
    CHECK(!contact_update(&c, 1, 20), "back high within the debounce: nothing");
    CHECK(!contact_update(&c, 0, 100), "low again");
    CHECK(!contact_update(&c, 0, 140), "not yet stable for 50 ms");
    CHECK(contact_update(&c, 0, 150), "stable for 50 ms: the alarm");
    CHECK(contact_update(&c, 1, 2000), "released: still on");
    CHECK(contact_update(&c, 1, 2900), "released 900 ms (after the debounce): still on");
    CHECK_INT(contact_ms_until_due(&c, 2900), 100);
    CHECK(contact_update(&c, 0, 2950), "active again within the release time");
    CHECK(contact_update(&c, 0, 3000), "stays on");
    CHECK(contact_update(&c, 1, 3100), "released again");
    CHECK(contact_update(&c, 1, 4099), "the release time counts again from the new release");
    CHECK(!contact_update(&c, 1, 4100), "released for 1 s: over");
    /* Active high, already active at start: on at once. */
    struct contact_settings h = {.active_low = false, .debounce_ms = 50, .release_ms = 0};
    contact_init(&c, &h);
    CHECK(contact_update(&c, 1, 0), "active at start: the alarm at once");
    CHECK(contact_update(&c, 0, 30), "a bounce");
    CHECK(!contact_update(&c, 0, 80), "released, no release time: over");
}

/* A fake line the test sets. */
static atomic_int fake_level = 1;
static atomic_int fake_fail = 0;
static bool fake_read(void *data, int *level)
{
    (void)data;
    if (atomic_load(&fake_fail))
        return false;
    *level = atomic_load(&fake_level);
    return true;
}

static atomic_int notified;
static void on_notify(void *data)
{
    (void)data;
    atomic_fetch_add(&notified, 1);
}

/* Waits up to ms for the watch to say `on`; returns how long it took, or -1. */
static int64_t wait_for(struct emergency_watch *w, bool on, int64_t ms, struct emergency_state *st)
{
    int64_t t0 = clock_now_ms();
    while (clock_now_ms() - t0 < ms) {
        emergency_watch_state(w, st);
        if (st->on == on)
            return clock_now_ms() - t0;
        struct timespec ts = {0, 5 * 1000000L};
        nanosleep(&ts, NULL);
    }
    return -1;
}

static void test_watch(const char *tmp)
{
    char *state = file_join(tmp, "state");
    file_mkdir_p(state);
    char *latch = file_join(state, EMERGENCY_LATCH_FILE);
    unlink(latch);
    struct line_source line = {fake_read, NULL, NULL};
    struct emergency_watch_options o = {
        .state_dir = state,
        .group = "akko",
        .line = &line,
        .contact = {.active_low = true, .debounce_ms = 30, .release_ms = 300},
        .contact_name = "fake line 4",
        .notify = on_notify,
    };
    struct emergency_watch *w = emergency_watch_create(&o);
    struct emergency_state st;
    emergency_watch_state(w, &st);
    CHECK(!st.on, "off at start");

    /* The contact: on while active, off after the release time. */
    atomic_store(&fake_level, 0);
    int64_t took = wait_for(w, true, 1000, &st);
    CHECK(took >= 0 && took < 200, "the alarm's contact is seen within 200 ms (%lld)",
          (long long)took);
    CHECK(strstr(st.why, "dry contact, fake line 4") != NULL, "why: %s", st.why);
    CHECK(atomic_load(&notified) >= 1, "the loop is woken");
    atomic_store(&fake_fail, 1);
    struct timespec pause = {0, 400 * 1000000L};
    nanosleep(&pause, NULL);
    emergency_watch_state(w, &st);
    CHECK(st.on, "a line that cannot be read ends nothing");
    atomic_store(&fake_fail, 0);
    atomic_store(&fake_level, 1);
    took = wait_for(w, false, 2000, &st);
    CHECK(took >= 250, "ends only after the release time (%lld ms)", (long long)took);

    /* A technician's request, taken at once and removed. */
    char err[512];
    CHECK(emergency_request_write(state, true, "drill\nsecond line", err, sizeof err), "%s", err);
    took = wait_for(w, true, 1000, &st);
    CHECK(took >= 0 && took < 300, "the request is taken within 300 ms (%lld)", (long long)took);
    CHECK(strstr(st.why, "technician") && strstr(st.why, ": drill") && !strstr(st.why, "second"),
          "why names the technician and the note's first line: %s", st.why);
    char *req = file_join(state, EMERGENCY_REQUEST_FILE);
    CHECK(access(req, F_OK) != 0, "the request is removed once taken");
    CHECK(access(latch, F_OK) == 0, "the order is latched on disk");
    /* The contact going and coming does not end an order's emergency. */
    atomic_store(&fake_level, 0);
    nanosleep(&pause, NULL);
    atomic_store(&fake_level, 1);
    nanosleep(&pause, NULL);
    nanosleep(&pause, NULL);
    emergency_watch_state(w, &st);
    CHECK(st.on && st.order_on && !st.contact_on, "the order holds it on");
    emergency_watch_destroy(w);

    /* A restart during the emergency comes back in it. */
    w = emergency_watch_create(&o);
    emergency_watch_state(w, &st);
    CHECK(st.on && strstr(st.why, "technician"), "restarted in the emergency: %s", st.why);
    /* A request that is not "start" or "end" is ignored and removed. */
    FILE *f = fopen(req, "w");
    fputs("maybe\n", f);
    fclose(f);
    nanosleep(&pause, NULL);
    emergency_watch_state(w, &st);
    CHECK(st.on && access(req, F_OK) != 0, "a bad request changes nothing and is removed");
    CHECK(emergency_request_write(state, false, NULL, err, sizeof err), "%s", err);
    took = wait_for(w, false, 1000, &st);
    CHECK(took >= 0, "the end request ends it");
    CHECK(access(latch, F_OK) != 0, "and the latch is gone");
    emergency_watch_destroy(w);
    free(req);
    free(latch);
    free(state);
}

int main(int argc, char **argv)
{
    log_set_level(LOG_LEVEL_ERROR);
    test_contact();
    if (argc > 1) {
        file_mkdir_p(argv[1]);
        test_watch(argv[1]);
    }
    return check_summary();
}
