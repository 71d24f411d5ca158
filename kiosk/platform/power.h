/* Screen power: turning the screen itself off and on for a schedule, by whatever works on this
 * machine (docs/screen-power.md).
 *
 * Methods, tried in this order by POWER_AUTO:
 *   POWER_DPMS      the DRM connector's DPMS property. SDL2 has no API for it; see the docs for
 *                   why it is not done behind SDL's back. Never chosen; asking for it gives
 *                   POWER_BLACK with a warning.
 *   POWER_VCGENCMD  `vcgencmd display_power 0|1` (Raspberry Pi firmware; does nothing under
 *                   full KMS on Bookworm, which is recognised by its replies).
 *   POWER_CEC       `cec-ctl -d /dev/cecN --to 0 --standby | --image-view-on` (HDMI-CEC: TVs).
 *   POWER_BLACK     nothing is switched: the player shows black and keeps its loop idle.
 *
 * Commands never run on the caller's thread. power_open() starts one worker thread that detects
 * the method and then runs the commands power_set() asks for, one at a time, each with a
 * deadline (a command that hangs is killed with its process group). Every function here returns
 * at once; none waits for a command, except power_wait_idle() and power_close().
 *
 * A method whose command fails (exit status, timeout, a reply that shows it did nothing) is probed
 * once more and the command retried; if it fails again the method is dropped for the rest of the
 * process' life with one warning, the next method of the chain is detected and the wanted state
 * applied with it. The chain ends at POWER_BLACK, which cannot fail.
 *
 * Thread: every function may be called from the loop's thread; on_change runs on the worker.
 */
#pragma once

#include <stdbool.h>

enum power_method { POWER_AUTO, POWER_VCGENCMD, POWER_CEC, POWER_DPMS, POWER_BLACK };

struct power_options {
    /* Paths of the tools; NULL: "vcgencmd" and "cec-ctl" looked up in PATH. */
    const char *vcgencmd;
    const char *cec_ctl;
    /* The CEC adapter; NULL: /dev/cec0, /dev/cec1, ... (HDMI-0 first on a Pi 4), the first whose
     * probe finds a connected screen. */
    const char *cec_device;
    /* Deadline of one command, probe or switch; 0: 5000 ms. cec-ctl's topology scan waits up to
     * a second for each device that answers, so less than ~3 s risks refusing a working TV. */
    int timeout_ms;
    /* Called on the worker thread when what power_current_method() or power_method_name()
     * returns has changed (detection finished, a fallback). E.g. push an SDL event so the loop
     * redraws the status page or draws its black frame. May be NULL. */
    void (*on_change)(void *ctx);
    void *ctx;
};

struct screen_power;

/* Starts detection on the worker thread and returns at once: until detection is done,
 * power_current_method() returns POWER_AUTO and power_method_name() "detecting". `wanted`:
 * POWER_AUTO for the chain above, or one method (which falls back to POWER_BLACK only). `o` may
 * be NULL; its strings are copied. Switches nothing by itself. Free with power_close(). */
struct screen_power *power_open(enum power_method wanted, const struct power_options *o);

/* Stops the worker: a command that is running gets the rest of its deadline, then is killed.
 * Leaves the screen as it is (a restart in the "off" hours must not flash the screen on). */
void power_close(struct screen_power *p);

/* Asks for the screen on or off. Cheap and idempotent: call it on every loop turn with what the
 * schedule says, or on changes only. The first call always runs the method's command (the state
 * at start-up is unknown); later calls only when the wish changes. Wishes made while a command
 * runs are merged: the latest one is applied next. */
void power_set(struct screen_power *p, bool on);

/* Whether the loop must draw black instead of content, for the schedule's wish `on`. True
 * whenever `on` is false, with every method we have: with a switched-off screen the black frame
 * is what shows during the seconds a TV takes to go to standby, and what a TV woken by its own
 * remote control shows instead of a frozen slide (with a stale clock on it). */
bool power_is_black(struct screen_power *p, bool on);

/* The method in use: POWER_AUTO while detection runs, then one of the others. */
enum power_method power_current_method(struct screen_power *p);

/* For the status page and the log: "vcgencmd display_power", "HDMI-CEC (cec-ctl, /dev/cec0)",
 * "black frame", or "detecting". Owned by `p`, valid until power_close() (a fallback makes the
 * next call return another string; the old one stays valid). */
const char *power_method_name(struct screen_power *p);

/* Waits until detection is done and the last wish has been applied (or failed over), at most
 * timeout_ms; returns whether it is idle. For tests and for a clean hand-over at exit. */
bool power_wait_idle(struct screen_power *p, int timeout_ms);

/* Name of a method as a configuration value: "auto", "vcgencmd", "cec", "dpms", "black"; and
 * back (false for an unknown name). For the settings file. */
const char *power_method_key(enum power_method m);
bool power_method_from_key(const char *key, enum power_method *out);
