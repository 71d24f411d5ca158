/* The dry contact (docs/emergency.md): a building's alarm system closes a relay wired to a GPIO
 * line of the Pi. Emergency mode is on while the line is active, and ends once it has been
 * released for a configured time (an alarm that pauses for a moment does not end it).
 *
 * The line is read through a small interface (struct line_source) so that tests give a fake
 * line; the kiosk's own reads a GPIO line with Debian's libgpiod (the v1 API of Bookworm's
 * libgpiod 1.6). Debouncing is a pure function of readings and the monotonic clock.
 *
 * Plain C, no SDL. A line source and a contact are used by one thread. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A line's raw level: 1 high, 0 low. read returns false when the line cannot be read. */
struct line_source {
    bool (*read)(void *data, int *level);
    void (*close)(void *data);
    void *data;
};

enum contact_bias {
    CONTACT_BIAS_AUTO,
    CONTACT_BIAS_PULL_UP,
    CONTACT_BIAS_PULL_DOWN,
    CONTACT_BIAS_NONE
};

struct contact_settings {
    bool active_low; /* the contact pulls the line low when the alarm is on (the usual wiring) */
    int debounce_ms; /* a level counts once it has stayed this long */
    int release_ms;  /* inactive this long after the alarm: the emergency ends */
};

struct contact {
    struct contact_settings s;
    int stable;           /* the debounced level: 1 active, 0 inactive, -1 not known yet */
    int candidate;        /* the level seen last, waiting to be stable */
    int64_t candidate_ms; /* since when */
    int64_t released_ms;  /* the debounced level became inactive then; -1: not released */
    bool on;
};

void contact_init(struct contact *c, const struct contact_settings *s);
/* One reading of the raw level at now_ms; returns whether the contact's emergency is on. */
bool contact_update(struct contact *c, int level, int64_t now_ms);
/* Milliseconds until a reading may change the answer by time alone (debounce or release
 * running); -1: none. */
int64_t contact_ms_until_due(const struct contact *c, int64_t now_ms);

/* Opens line `line` of GPIO chip `chip` ("gpiochip0", a path such as /dev/gpiochip0, or a
 * number) as an input for the consumer "kiosk", with the bias asked for (AUTO: pull-up for an
 * active-low contact, pull-down for an active-high one). */
bool line_source_open_gpiod(const char *chip, unsigned line, bool active_low,
                            enum contact_bias bias, struct line_source *out, char *err,
                            size_t errlen);
