#define _GNU_SOURCE /* pipe2 */
#define LOG_MODULE "power"
#include "platform/power.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/log.h"
#include "base/xmalloc.h"

extern char **environ;

#define POWER_DEFAULT_TIMEOUT_MS 5000
#define POWER_MAX_CEC_DEVICES 4 /* a Pi 4 has two HDMI ports; room for a USB adapter or two */

/* Why commands run on a worker thread rather than from the loop with posix_spawn and a
 * non-blocking waitpid polled every turn: the loop sleeps in SDL_WaitEventTimeout for as long as
 * a still slide stands, so polling would need wake-ups of its own, and detection at start-up
 * would hold the first slide back by up to a few deadlines. One thread, idle on a condition
 * variable between wishes, costs nothing and keeps the loop's code unaware of child processes. */
struct screen_power {
    /* Set by power_open, read-only afterwards. */
    enum power_method wanted;
    char *vcgencmd, *cec_ctl, *cec_device; /* cec_device NULL: scan /dev/cec* */
    int timeout_ms;
    void (*on_change)(void *ctx);
    void *ctx;
    pthread_t thread;

    /* Written by the worker only, before `method` is set to POWER_CEC under the lock, and never
     * again: readers who saw method == POWER_CEC may read them without the lock. */
    char cec_path[PATH_MAX]; /* a device given in kiosk.conf may lie anywhere, at any depth */
    char cec_name[PATH_MAX + 32];

    pthread_mutex_t lock;
    pthread_cond_t wake; /* the worker: a new wish, or quit */
    pthread_cond_t idle; /* power_wait_idle: the worker has nothing left to do */
    /* Under `lock`. */
    enum power_method method; /* POWER_AUTO until detection is done */
    bool wish_set;            /* power_set has been called at least once */
    bool wish_on;             /* the latest wish */
    bool applied_valid;       /* applied_on is what the screen was last switched to */
    bool applied_on;
    bool busy; /* the worker is detecting or running a command */
    bool quit;
};

/* ---- running a command ---------------------------------------------------------------------- */

enum run_result { RUN_OK, RUN_FAILED, RUN_TIMEOUT };

/* Removes trailing white space, so replies compare as plain strings. */
static void trim_end(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

/* Runs argv (argv[0] looked up in PATH unless it holds a slash) with stdin from /dev/null and
 * stdout and stderr together into `out` (cut at out_size - 1 bytes, trailing white space
 * removed), for at most timeout_ms. The child leads its own process group, so a shell script
 * that hangs is killed with whatever it started. *exit_status: the exit code, or -1. */
static enum run_result run_command(char *const argv[], int timeout_ms, char *out, size_t out_size,
                                   int *exit_status)
{
    *exit_status = -1;
    out[0] = '\0';
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        snprintf(out, out_size, "pipe: %s", strerror(errno));
        return RUN_FAILED;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    /* The worker thread's signal mask and the player's dispositions are not the tool's. */
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    sigaddset(&defaults, SIGCHLD);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                                        POSIX_SPAWN_SETSIGDEF);
    pid_t pid;
    int r = posix_spawnp(&pid, argv[0], &actions, &attr, argv, environ);
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    if (r != 0) {
        close(fds[0]);
        snprintf(out, out_size, "%s", strerror(r));
        return RUN_FAILED;
    }

    int64_t deadline = clock_now_ms() + timeout_ms;
    size_t used = 0;
    for (;;) {
        int64_t left = deadline - clock_now_ms();
        if (left <= 0)
            break;
        struct pollfd pfd = {.fd = fds[0], .events = POLLIN};
        int n = poll(&pfd, 1, (int)left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        char buf[512];
        ssize_t got = read(fds[0], buf, sizeof buf);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break; /* end of output (or an error): the exit status says the rest */
        size_t take = (size_t)got;
        if (take > out_size - 1 - used)
            take = out_size - 1 - used;
        memcpy(out + used, buf, take);
        used += take;
        out[used] = '\0';
    }
    close(fds[0]);
    trim_end(out);

    int status = 0;
    for (;;) {
        pid_t w = waitpid(pid, &status, WNOHANG);
        if (w == pid)
            break;
        if (w < 0 && errno != EINTR) {
            /* SIGCHLD ignored by someone: the child reaps itself and no status exists. */
            snprintf(out, out_size, "waitpid: %s", strerror(errno));
            return RUN_FAILED;
        }
        if (clock_now_ms() >= deadline) {
            kill(-pid, SIGKILL);
            while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
            }
            return RUN_TIMEOUT;
        }
        sleep_ms(10);
    }
    if (WIFEXITED(status)) {
        *exit_status = WEXITSTATUS(status);
        return *exit_status == 0 ? RUN_OK : RUN_FAILED;
    }
    return RUN_FAILED;
}

/* One command's outcome, described for the log: "exit 1: Command not registered". */
static void describe(enum run_result r, int exit_status, const char *out, int timeout_ms, char *why,
                     size_t size)
{
    if (r == RUN_TIMEOUT)
        snprintf(why, size, "no answer within %d ms", timeout_ms);
    else if (exit_status < 0)
        snprintf(why, size, "%s", *out ? out : "did not run");
    else
        snprintf(why, size, "exit %d%s%.160s", exit_status, *out ? ": " : "", out);
}

/* ---- the methods -------------------------------------------------------------------------- */

/* Each returns whether the method works; on false, `why` says what went wrong. */

static bool vcgencmd_probe(struct screen_power *p, char *why, size_t why_size)
{
    char *argv[] = {p->vcgencmd, "display_power", NULL};
    char out[256];
    int exit_status;
    enum run_result r = run_command(argv, p->timeout_ms, out, sizeof out, &exit_status);
    /* Firmware in charge of the display answers 0 or 1; under full KMS newer firmware says
     * "Command not registered" (exit 0 or not) or display_power=-1. */
    if (r == RUN_OK && (!strcmp(out, "display_power=0") || !strcmp(out, "display_power=1")))
        return true;
    if (r == RUN_OK)
        snprintf(why, why_size, "unexpected reply \"%.120s\"", out);
    else
        describe(r, exit_status, out, p->timeout_ms, why, why_size);
    return false;
}

static bool vcgencmd_switch(struct screen_power *p, bool on, char *why, size_t why_size)
{
    char *argv[] = {p->vcgencmd, "display_power", on ? "1" : "0", NULL};
    char out[256];
    int exit_status;
    enum run_result r = run_command(argv, p->timeout_ms, out, sizeof out, &exit_status);
    /* The reply is the state after the command. Under full KMS the firmware answers
     * display_power=1 to "0" and leaves the screen alone: that is a failure, not a success. */
    const char *expected = on ? "display_power=1" : "display_power=0";
    if (r == RUN_OK && !strcmp(out, expected))
        return true;
    if (r == RUN_OK)
        snprintf(why, why_size, "replied \"%.120s\" to display_power %d", out, on);
    else
        describe(r, exit_status, out, p->timeout_ms, why, why_size);
    return false;
}

/* cec-ctl exits 0 even when the TV did not acknowledge a message; its report says so. */
static bool cec_reply_ok(const char *out)
{
    return !strstr(out, "Not Acknowledged");
}

static bool cec_probe_device(struct screen_power *p, const char *dev, char *why, size_t why_size)
{
    if (access(dev, R_OK | W_OK) != 0) {
        snprintf(why, why_size, "%s: %s", dev, strerror(errno));
        return false;
    }
    /* Claims a logical address as a playback device (needed before anything can be sent; the
     * kernel keeps it after cec-ctl exits) and lists the CEC bus. */
    char *argv[] = {p->cec_ctl, "-d", (char *)dev, "--playback", "-S", NULL};
    char out[4096];
    int exit_status;
    enum run_result r = run_command(argv, p->timeout_ms, out, sizeof out, &exit_status);
    if (r != RUN_OK) {
        char detail[200];
        describe(r, exit_status, out, p->timeout_ms, detail, sizeof detail);
        snprintf(why, why_size, "%s: %s", dev, detail);
        return false;
    }
    /* No physical address: no screen on this port, or one whose EDID gave none. */
    if (strstr(out, "f.f.f.f")) {
        snprintf(why, why_size, "%s: no screen connected (physical address f.f.f.f)", dev);
        return false;
    }
    return true;
}

/* Finds the adapter with a screen on it and remembers it in cec_path; once found, probes only
 * that one again (a re-probe before a retry re-claims the logical address). */
static bool cec_probe(struct screen_power *p, char *why, size_t why_size)
{
    if (p->cec_path[0])
        return cec_probe_device(p, p->cec_path, why, why_size);
    if (p->cec_device) {
        if (!cec_probe_device(p, p->cec_device, why, why_size))
            return false;
        snprintf(p->cec_path, sizeof p->cec_path, "%s", p->cec_device);
        return true;
    }
    snprintf(why, why_size, "no /dev/cec* device");
    for (int i = 0; i < POWER_MAX_CEC_DEVICES; i++) {
        char path[sizeof p->cec_path];
        snprintf(path, sizeof path, "/dev/cec%d", i);
        if (access(path, F_OK) != 0)
            continue;
        if (cec_probe_device(p, path, why, why_size)) {
            snprintf(p->cec_path, sizeof p->cec_path, "%s", path);
            return true;
        }
    }
    return false;
}

static bool cec_switch(struct screen_power *p, bool on, char *why, size_t why_size)
{
    char *argv[] = {
        p->cec_ctl, "-d", p->cec_path, "--to", "0", on ? "--image-view-on" : "--standby", NULL};
    char out[4096];
    int exit_status;
    enum run_result r = run_command(argv, p->timeout_ms, out, sizeof out, &exit_status);
    if (r == RUN_OK && cec_reply_ok(out))
        return true;
    if (r == RUN_OK)
        snprintf(why, why_size, "%.200s: the TV did not acknowledge %s", p->cec_path,
                 on ? "Image View On" : "Standby");
    else
        describe(r, exit_status, out, p->timeout_ms, why, why_size);
    return false;
}

/* ---- detection and fallback (worker thread) ------------------------------------------------ */

static const char *method_label(enum power_method m)
{
    switch (m) {
    case POWER_VCGENCMD:
        return "vcgencmd display_power";
    case POWER_CEC:
        return "HDMI-CEC";
    case POWER_DPMS:
        return "DPMS";
    case POWER_BLACK:
        return "black frame";
    case POWER_AUTO:
        break;
    }
    return "detecting";
}

/* Probes `m`; on success, for CEC, fixes the device and the name before `m` is published. */
static bool method_probe(struct screen_power *p, enum power_method m, char *why, size_t why_size)
{
    switch (m) {
    case POWER_VCGENCMD:
        return vcgencmd_probe(p, why, why_size);
    case POWER_CEC:
        if (!cec_probe(p, why, why_size))
            return false;
        if (!p->cec_name[0])
            snprintf(p->cec_name, sizeof p->cec_name, "HDMI-CEC (cec-ctl, %s)", p->cec_path);
        return true;
    case POWER_DPMS:
        /* SDL2 has no DPMS call, and the DRM master fd is SDL's: docs/screen-power.md. */
        snprintf(why, why_size, "SDL2 offers no DPMS control of the DRM connector");
        return false;
    case POWER_BLACK:
        return true;
    case POWER_AUTO:
        break;
    }
    return false;
}

static bool method_switch(struct screen_power *p, enum power_method m, bool on, char *why,
                          size_t why_size)
{
    switch (m) {
    case POWER_VCGENCMD:
        return vcgencmd_switch(p, on, why, why_size);
    case POWER_CEC:
        return cec_switch(p, on, why, why_size);
    case POWER_BLACK:
        return true; /* the loop draws black: nothing to switch */
    case POWER_DPMS:
    case POWER_AUTO:
        break;
    }
    snprintf(why, why_size, "not available");
    return false;
}

/* The next method to try after `m`: POWER_AUTO's chain, or straight to black for a method the
 * settings named. */
static enum power_method method_next(const struct screen_power *p, enum power_method m)
{
    if (p->wanted != POWER_AUTO)
        return POWER_BLACK;
    switch (m) {
    case POWER_AUTO:
        return POWER_DPMS;
    case POWER_DPMS:
        return POWER_VCGENCMD;
    case POWER_VCGENCMD:
        return POWER_CEC;
    default:
        return POWER_BLACK;
    }
}

static bool quitting(struct screen_power *p)
{
    pthread_mutex_lock(&p->lock);
    bool quit = p->quit;
    pthread_mutex_unlock(&p->lock);
    return quit;
}

static void publish_method(struct screen_power *p, enum power_method m)
{
    pthread_mutex_lock(&p->lock);
    p->method = m;
    pthread_mutex_unlock(&p->lock);
    if (p->on_change)
        p->on_change(p->ctx);
}

/* Finds the first method from `m` on that works (ending at black) and publishes it. `m` itself
 * is the settings' choice or the chain's next step. */
static void detect_from(struct screen_power *p, enum power_method m)
{
    for (;; m = method_next(p, m)) {
        char why[256] = "";
        if (quitting(p))
            return; /* power_close: no more probes, nobody will ask */
        if (method_probe(p, m, why, sizeof why))
            break;
        /* In the automatic chain a missing method is normal (a monitor has no CEC, a Pi 5 no
         * display_power); a method the settings ask for by name is worth a warning. */
        if (p->wanted == m)
            LOG_WARN("%s does not work here (%s); using a black frame", method_label(m), why);
        else if (m == POWER_DPMS)
            LOG_DBG("no %s: %s", method_label(m), why); /* always so, not news */
        else
            LOG_INFO("no %s: %s", method_label(m), why);
    }
    LOG_INFO("screen off and on by: %s", m == POWER_CEC ? p->cec_name : method_label(m));
    publish_method(p, m);
}

/* Applies `on` with the method in use; when it fails, probes it again and retries once (a CEC
 * adapter loses its logical address when the TV is unplugged), then drops the method for good
 * with one warning and continues with the next one. */
static void apply(struct screen_power *p, bool on)
{
    pthread_mutex_lock(&p->lock);
    enum power_method m = p->method;
    pthread_mutex_unlock(&p->lock);
    for (;;) {
        char why[256] = "", ignored[256];
        if (quitting(p) || method_switch(p, m, on, why, sizeof why))
            return;
        if (method_probe(p, m, ignored, sizeof ignored) && method_switch(p, m, on, why, sizeof why))
            return;
        enum power_method next = method_next(p, m);
        LOG_WARN("%s stopped working (turning the screen %s: %s); trying %s",
                 m == POWER_CEC ? p->cec_name : method_label(m), on ? "on" : "off", why,
                 next == POWER_BLACK ? "a black frame" : method_label(next));
        detect_from(p, next);
        pthread_mutex_lock(&p->lock);
        m = p->method;
        pthread_mutex_unlock(&p->lock);
    }
}

static void *power_thread(void *arg)
{
    struct screen_power *p = arg;
    detect_from(p, p->wanted == POWER_AUTO ? method_next(p, POWER_AUTO) : p->wanted);

    pthread_mutex_lock(&p->lock);
    for (;;) {
        bool pending = p->wish_set && (!p->applied_valid || p->applied_on != p->wish_on);
        if (p->quit)
            break;
        if (!pending) {
            p->busy = false;
            pthread_cond_broadcast(&p->idle);
            pthread_cond_wait(&p->wake, &p->lock);
            continue;
        }
        p->busy = true;
        bool on = p->wish_on;
        pthread_mutex_unlock(&p->lock);
        apply(p, on);
        pthread_mutex_lock(&p->lock);
        /* Applied, or failed over to a method that applied it (black always does). */
        p->applied_valid = true;
        p->applied_on = on;
    }
    p->busy = false;
    pthread_cond_broadcast(&p->idle);
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

/* ---- public ------------------------------------------------------------------------------- */

struct screen_power *power_open(enum power_method wanted, const struct power_options *o)
{
    static const struct power_options defaults = {0};
    if (!o)
        o = &defaults;
    struct screen_power *p = xcalloc(1, sizeof *p);
    p->wanted = wanted;
    p->vcgencmd = xstrdup(o->vcgencmd ? o->vcgencmd : "vcgencmd");
    p->cec_ctl = xstrdup(o->cec_ctl ? o->cec_ctl : "cec-ctl");
    p->cec_device = o->cec_device ? xstrdup(o->cec_device) : NULL;
    p->timeout_ms = o->timeout_ms > 0 ? o->timeout_ms : POWER_DEFAULT_TIMEOUT_MS;
    p->on_change = o->on_change;
    p->ctx = o->ctx;
    p->method = POWER_AUTO;
    p->busy = true;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->wake, NULL);
    pthread_cond_init(&p->idle, NULL);
    int r = pthread_create(&p->thread, NULL, power_thread, p);
    if (r != 0) {
        /* Not worth failing the player for: the black frame needs no thread. */
        LOG_WARN("no worker thread (%s); using a black frame", strerror(r));
        p->method = POWER_BLACK;
        p->busy = false;
        p->thread = pthread_self(); /* marks "no thread" for power_close */
    }
    return p;
}

void power_close(struct screen_power *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    p->quit = true;
    pthread_cond_signal(&p->wake);
    pthread_mutex_unlock(&p->lock);
    if (!pthread_equal(p->thread, pthread_self()))
        pthread_join(p->thread, NULL);
    pthread_cond_destroy(&p->idle);
    pthread_cond_destroy(&p->wake);
    pthread_mutex_destroy(&p->lock);
    free(p->vcgencmd);
    free(p->cec_ctl);
    free(p->cec_device);
    free(p);
}

void power_set(struct screen_power *p, bool on)
{
    pthread_mutex_lock(&p->lock);
    if (!p->wish_set || p->wish_on != on) {
        p->wish_set = true;
        p->wish_on = on;
        pthread_cond_signal(&p->wake);
    }
    pthread_mutex_unlock(&p->lock);
}

bool power_is_black(struct screen_power *p, bool on)
{
    (void)p;
    return !on;
}

enum power_method power_current_method(struct screen_power *p)
{
    pthread_mutex_lock(&p->lock);
    enum power_method m = p->method;
    pthread_mutex_unlock(&p->lock);
    return m;
}

const char *power_method_name(struct screen_power *p)
{
    enum power_method m = power_current_method(p);
    return m == POWER_CEC ? p->cec_name : method_label(m);
}

bool power_wait_idle(struct screen_power *p, int timeout_ms)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += timeout_ms / 1000;
    until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&p->lock);
    for (;;) {
        bool pending = p->wish_set && (!p->applied_valid || p->applied_on != p->wish_on);
        if (!p->busy && !pending)
            break;
        if (pthread_cond_timedwait(&p->idle, &p->lock, &until) == ETIMEDOUT)
            break;
    }
    bool idle = !p->busy && !(p->wish_set && (!p->applied_valid || p->applied_on != p->wish_on));
    pthread_mutex_unlock(&p->lock);
    return idle;
}

static const char *const method_keys[] = {
    [POWER_AUTO] = "auto", [POWER_VCGENCMD] = "vcgencmd", [POWER_CEC] = "cec",
    [POWER_DPMS] = "dpms", [POWER_BLACK] = "black",
};

const char *power_method_key(enum power_method m)
{
    return (unsigned)m < sizeof method_keys / sizeof method_keys[0] ? method_keys[m] : "auto";
}

bool power_method_from_key(const char *key, enum power_method *out)
{
    for (size_t i = 0; i < sizeof method_keys / sizeof method_keys[0]; i++)
        if (!strcmp(key, method_keys[i])) {
            *out = (enum power_method)i;
            return true;
        }
    return false;
}
