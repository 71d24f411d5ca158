/* The emergency triggers, watched on a thread of their own so that the player acts at once and
 * not at a slide boundary or the import watcher's next look (docs/emergency.md):
 *
 *  - signed orders (order.h) on a stick (a folder under a mount root, or the root itself) or in
 *    the inbox, looked for every poll interval (100 ms: a few stat calls);
 *  - a technician's request, STATE/emergency-request (`kiosk emergency start|end`);
 *  - the dry contact (contact.h), read every 20 ms.
 *
 * Orders latch: a start holds until an end. The latch is kept in STATE/emergency.latch, so a
 * player restarted during an emergency (a power cut, the watchdog) comes back in it. The
 * contact holds while the alarm is active (and its release time after). Emergency mode is on
 * while either holds; it says since when and why.
 *
 * Thread rules: create, state and destroy are called from one thread (the loop); the watcher's
 * thread calls notify (which should only wake the loop) when the state changes. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "emergency/contact.h"

#define EMERGENCY_LATCH_FILE "emergency.latch"
#define EMERGENCY_WHY_MAX 256

struct emergency_watch_options {
    const char *state_dir; /* required: the seq, the latch and the technician's requests */
    const char *keys_dir;
    const char *group; /* NULL or "": signed orders are refused (no group to check them for) */
    const char *const *mount_roots;
    size_t mount_root_count;
    const char *inbox_dir; /* NULL: none */
    /* The dry contact: a line source, owned by the watch from now on (NULL: none). */
    const struct line_source *line;
    struct contact_settings contact;
    const char *contact_name; /* "gpiochip0 line 17", for the status page */
    int64_t poll_ms;          /* orders and requests; 0: 100 */
    void (*notify)(void *data);
    void *notify_data;
};

struct emergency_state {
    bool on;
    uint64_t serial;             /* +1 each time `on` changes */
    int64_t changed_mono_ms;     /* when the trigger was seen (the monotonic clock) */
    int64_t since_wall_ms;       /* when it went on (the wall clock, ms since 1970); 0 when off */
    char why[EMERGENCY_WHY_MAX]; /* what started it, in plain words for staff */
    bool order_on, contact_on;
};

/* Never NULL. The latch is read at once, so a restarted player starts in the emergency. */
struct emergency_watch *emergency_watch_create(const struct emergency_watch_options *o);
void emergency_watch_state(struct emergency_watch *w, struct emergency_state *out);
void emergency_watch_destroy(struct emergency_watch *w);
