/* systemd integration: readiness, the watchdog and a status line, through sd_notify(3).
 *
 * Under systemd (Type=notify, WatchdogSec=), the loop tells systemd when the first frame is on
 * screen and keeps feeding the watchdog, so a loop that hangs is killed and restarted. Outside
 * systemd (NOTIFY_SOCKET unset: a desktop preview, tests, `kiosk render`) every function is a
 * no-op that costs one branch.
 *
 * The state is process-wide on purpose: the notification socket and the watchdog belong to the
 * process, not to any one loop. Call these from the loop's thread only.
 */
#pragma once

#include <stdint.h>

/* READY=1: call once, after the first frame has been presented. Later calls do nothing. Also
 * feeds the watchdog, so the first ping never waits for the next loop turn. */
void service_notify_ready(void);

/* WATCHDOG=1 at most every WatchdogSec/2 (from WATCHDOG_USEC, via sd_watchdog_enabled). Cheap
 * enough for every loop turn: one monotonic clock read when nothing is due. */
void service_watchdog(void);

/* Milliseconds until service_watchdog() must be called again to ping in time, or -1 when there
 * is no watchdog. The loop caps its event wait with this: a still slide may wait longer than
 * WatchdogSec, and a sleeping loop that does not ping is indistinguishable from a hung one. */
int64_t service_watchdog_timeout_ms(void);

/* STOPPING=1: call when the loop ends on purpose (quit key, SIGTERM), so systemd does not read
 * the silence that follows as a hang. */
void service_notify_stopping(void);

/* STATUS=<text>, shown by `systemctl status kiosk`, e.g. "playing ofakim, slide 3 of 9".
 * Longer than 200 bytes is cut. */
void service_status(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
