#define LOG_MODULE "service"
#include "platform/service.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include <systemd/sd-daemon.h>

#include "base/clock.h"
#include "base/log.h"

/* Process-wide, see the header. Fields are valid once `probed` is true. */
static struct {
    bool probed;
    bool notify; /* NOTIFY_SOCKET is set: systemd (or a test) listens */
    bool ready_sent;
    bool pinged;              /* last_ping_ms is valid */
    int64_t ping_interval_ms; /* WatchdogSec/2; 0: no watchdog */
    int64_t last_ping_ms;
} service;

/* Reads the environment once. getenv and sd_watchdog_enabled are cheap, but the loop calls
 * service_watchdog() on every turn and the answer never changes during the process' life. */
static void service_probe(void)
{
    if (service.probed)
        return;
    service.probed = true;
    const char *socket = getenv("NOTIFY_SOCKET");
    service.notify = socket && *socket;
    if (!service.notify)
        return;
    uint64_t usec = 0;
    /* unset_environment=0: nothing else reads these, and keeping them helps debugging. It also
     * checks WATCHDOG_PID, so a child that inherits the environment does not ping for us. */
    int r = sd_watchdog_enabled(0, &usec);
    if (r > 0 && usec > 0) {
        /* Half the timeout, as sd_watchdog_enabled(3) recommends: one late turn is not fatal. */
        service.ping_interval_ms = (int64_t)(usec / 2000);
        if (service.ping_interval_ms < 1)
            service.ping_interval_ms = 1;
        LOG_INFO("systemd watchdog: %llu ms, pinging every %lld ms",
                 (unsigned long long)(usec / 1000), (long long)service.ping_interval_ms);
    } else if (r < 0) {
        LOG_WARN("cannot read WATCHDOG_USEC: %d; not feeding a watchdog", r);
    }
}

static void service_send(const char *state)
{
    int r = sd_notify(0, state);
    /* A failed notification is logged, never fatal: the show goes on; systemd's watchdog will
     * act if pings keep failing. r == 0 means no socket, which service_probe ruled out. */
    if (r < 0)
        LOG_WARN("sd_notify(%s) failed: %d", state, r);
}

static void service_ping(int64_t now_ms)
{
    service.pinged = true;
    service.last_ping_ms = now_ms;
    service_send("WATCHDOG=1");
}

void service_notify_ready(void)
{
    service_probe();
    if (!service.notify || service.ready_sent)
        return;
    service.ready_sent = true;
    service_send("READY=1");
    if (service.ping_interval_ms)
        service_ping(clock_now_ms());
}

void service_watchdog(void)
{
    service_probe();
    if (!service.ping_interval_ms)
        return;
    int64_t now = clock_now_ms();
    if (!service.pinged || now - service.last_ping_ms >= service.ping_interval_ms)
        service_ping(now);
}

int64_t service_watchdog_timeout_ms(void)
{
    service_probe();
    if (!service.ping_interval_ms)
        return -1;
    if (!service.pinged)
        return 0;
    int64_t left = service.last_ping_ms + service.ping_interval_ms - clock_now_ms();
    return left < 0 ? 0 : left;
}

void service_notify_stopping(void)
{
    service_probe();
    if (service.notify)
        service_send("STOPPING=1");
}

void service_status(const char *fmt, ...)
{
    service_probe();
    if (!service.notify)
        return;
    char buf[sizeof("STATUS=") + 200];
    int n = snprintf(buf, sizeof(buf), "STATUS=");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + n, sizeof(buf) - (size_t)n, fmt, ap);
    va_end(ap);
    /* The text may carry content (a playlist's name): a newline in it would start another
     * assignment, e.g. a forged WATCHDOG=1 or MAINPID=. Control characters become spaces. */
    for (char *c = buf + n; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            *c = ' ';
    service_send(buf);
}
