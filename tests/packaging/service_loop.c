/* A stand-in for the kiosk's loop, for the watchdog test (watchdog_test.py): it reports ready,
 * then turns like the player's loop, calling service_watchdog() each turn and sleeping no
 * longer than service_watchdog_timeout_ms(). SIGSTOP freezes it as a hung loop would be.
 *
 *   service_loop                 loop until SIGTERM, then STOPPING=1
 *   service_loop --status TEXT   also send TEXT as the status before READY (injection test)
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "platform/service.h"

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
    (void)sig;
    stop = 1;
}

static void sleep_ms(int64_t ms)
{
    struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000};
    nanosleep(&ts, NULL);
}

int main(int argc, char **argv)
{
    signal(SIGTERM, on_term);
    if (argc == 3 && !strcmp(argv[1], "--status"))
        service_status("%s", argv[2]);
    service_notify_ready();
    service_notify_ready(); /* a second call must send nothing */
    while (!stop) {
        service_watchdog();
        /* The player's loop sleeps in SDL_WaitEventTimeout until its next deadline; a still
         * slide's deadline is far away, so the wait is capped by the watchdog's. */
        int64_t wait = service_watchdog_timeout_ms();
        sleep_ms(wait < 0 || wait > 50 ? 50 : wait);
    }
    service_notify_stopping();
    return 0;
}
