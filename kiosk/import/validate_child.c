#define LOG_MODULE "check-child"
#define _GNU_SOURCE /* pipe2 */
#include "import/validate_child.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/log.h"
#include "base/sanitizer.h"
#include "import/test_fault.h"

/* Exit codes of the child; anything else is a crash of the checker. */
#define CHILD_PASSED 0
#define CHILD_REFUSED VALIDATE_CHILD_EXIT_REFUSED /* not 1: a sanitizer exits with 1 */

void validate_child_limits_defaults(struct validate_child_limits *l)
{
    l->memory_bytes = (uint64_t)256 << 20;
    l->cpu_seconds = 120;
    l->wall_seconds = 300;
}

#if !KIOSK_UNDER_SANITIZER
/* The address space the child has now, from /proc/self/statm (pages); 0 when unknown. */
static uint64_t current_address_space(void)
{
    FILE *f = fopen("/proc/self/statm", "re");
    if (!f)
        return 0;
    unsigned long long pages = 0;
    if (fscanf(f, "%llu", &pages) != 1)
        pages = 0;
    fclose(f);
    return (uint64_t)pages * (uint64_t)sysconf(_SC_PAGESIZE);
}
#endif

/* In the child: never returns. */
static void run_child(pid_t parent, int out, validate_child_fn validate, void *data,
                      const char *content_dir, uint64_t version,
                      const struct validate_child_limits *l)
{
    /* A crash must end the child, not run a handler the parent installed. */
    signal(SIGSEGV, SIG_DFL);
    signal(SIGBUS, SIG_DFL);
    signal(SIGABRT, SIG_DFL);
    signal(SIGXCPU, SIG_DFL);
    signal(SIGALRM, SIG_DFL);
    signal(SIGPIPE, SIG_IGN);
    /* The forking thread's mask is inherited (and kept across exec): SIGALRM and SIGXCPU must
     * reach the child, or its limits on time would not hold. */
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    /* A check never outlives its importer: killed with it (SIGKILL, a stopping player), it
     * must not keep working, nor keep STATE/lock, which a plain fork shares. */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        _exit(CHILD_REFUSED);
#if !KIOSK_UNDER_SANITIZER
    if (l->memory_bytes) {
        uint64_t have = current_address_space();
        struct rlimit r = {.rlim_cur = have + l->memory_bytes, .rlim_max = have + l->memory_bytes};
        if (have)
            setrlimit(RLIMIT_AS, &r);
    }
#endif
    if (l->cpu_seconds) {
        /* SIGXCPU at the soft limit, SIGKILL one second later. */
        struct rlimit r = {.rlim_cur = l->cpu_seconds, .rlim_max = l->cpu_seconds + 1};
        setrlimit(RLIMIT_CPU, &r);
    }
    if (l->wall_seconds)
        alarm(l->wall_seconds);
    /* Standard output is the pipe, for a check that execs a program of its own. */
    if (out != STDOUT_FILENO && dup2(out, STDOUT_FILENO) == STDOUT_FILENO) {
        close(out);
        out = STDOUT_FILENO;
    }
    test_fault_trigger("validate-crash", version);
    test_fault_trigger("validate-hang", version);
    char msg[2048];
    msg[0] = '\0';
    bool ok = validate(data, content_dir, msg, sizeof msg);
    size_t n = strnlen(msg, sizeof msg);
    for (size_t done = 0; done < n;) {
        ssize_t w = write(out, msg + done, n - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break;
        done += (size_t)w;
    }
    _exit(ok ? CHILD_PASSED : CHILD_REFUSED);
}

/* Reads what the child writes until it closes the pipe or the deadline; true on EOF. */
static bool read_message(int fd, int64_t deadline_ms, char *buf, size_t size, size_t *used)
{
    for (;;) {
        int64_t left = deadline_ms < 0 ? -1 : deadline_ms - clock_now_ms();
        if (deadline_ms >= 0 && left <= 0)
            return false;
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int r = poll(&p, 1, left < 0 ? -1 : left > 1000 ? 1000 : (int)left);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return false;
        if (r == 0)
            continue;
        char tmp[1024];
        ssize_t n = read(fd, tmp, sizeof tmp);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n <= 0)
            return true;
        size_t room = *used + 1 < size ? size - 1 - *used : 0;
        size_t take = (size_t)n < room ? (size_t)n : room;
        memcpy(buf + *used, tmp, take);
        *used += take;
    }
}

/* Waits for pid until the deadline (-1: for ever); true with *status when it ended. */
static bool wait_until(pid_t pid, int64_t deadline_ms, int *status)
{
    for (;;) {
        pid_t r = waitpid(pid, status, WNOHANG);
        if (r == pid)
            return true;
        if (r < 0 && errno != EINTR)
            return false;
        if (deadline_ms >= 0 && clock_now_ms() >= deadline_ms)
            return false;
        struct timespec ts = {0, 20 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
}

static const char *signal_words(int sig)
{
    switch (sig) {
    case SIGSEGV:
        return "a memory fault (SIGSEGV)";
    case SIGBUS:
        return "a bus error (SIGBUS)";
    case SIGABRT:
        return "an abort (SIGABRT), as when it runs out of its memory limit";
    case SIGFPE:
        return "an arithmetic fault (SIGFPE)";
    case SIGILL:
        return "an illegal instruction (SIGILL)";
    default:
        return NULL;
    }
}

enum validate_child_status validate_child_run(validate_child_fn validate, void *data,
                                              const char *content_dir, uint64_t version,
                                              const struct validate_child_limits *limits, char *err,
                                              size_t errlen)
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        snprintf(err, errlen, "the content check cannot be started: no pipe: %s", strerror(errno));
        return VALIDATE_CHILD_FAILED;
    }
    /* Nothing buffered may be written twice, once by each process. */
    fflush(NULL);
    int64_t started = clock_now_ms();
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(err, errlen, "the content check cannot be started: fork failed: %s",
                 strerror(errno));
        close(fds[0]);
        close(fds[1]);
        return VALIDATE_CHILD_FAILED;
    }
    if (pid == 0) {
        close(fds[0]);
        run_child(parent, fds[1], validate, data, content_dir, version, limits);
    }
    close(fds[1]);
    /* A little beyond the child's own alarm, so that the child's verdict normally wins. */
    int64_t deadline = limits->wall_seconds ? started + limits->wall_seconds * 1000LL + 2000 : -1;
    char msg[2048];
    size_t used = 0;
    bool eof = read_message(fds[0], deadline, msg, sizeof msg, &used);
    msg[used] = '\0';
    close(fds[0]);
    int status = 0;
    bool ended = eof && wait_until(pid, deadline, &status);
    bool killed_by_us = false;
    if (!ended) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        killed_by_us = true;
    }
    double secs = (double)(clock_now_ms() - started) / 1000.0;

    enum validate_child_status s;
    if (!killed_by_us && WIFEXITED(status) && WEXITSTATUS(status) == CHILD_PASSED) {
        LOG_INFO("%s: checked in a child process in %.1f s", content_dir, secs);
        return VALIDATE_CHILD_PASSED;
    }
    if (!killed_by_us && WIFEXITED(status) && WEXITSTATUS(status) == CHILD_REFUSED) {
        snprintf(err, errlen, "%s", msg[0] ? msg : "the content check found problems");
        return VALIDATE_CHILD_REFUSED;
    }
    int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    if (killed_by_us || sig == SIGALRM || sig == SIGXCPU ||
        (sig == SIGKILL && limits->cpu_seconds && secs >= limits->cpu_seconds)) {
        s = VALIDATE_CHILD_TOO_SLOW;
        snprintf(err, errlen,
                 "checking its content took too long (stopped after %.0f s; the "
                 "limit is %u s, and %u s of processor time): a text, picture or the playlist "
                 "is more than the kiosk can check, or makes a library it uses hang",
                 secs, limits->wall_seconds, limits->cpu_seconds);
    } else {
        s = VALIDATE_CHILD_CRASHED;
        const char *words = sig ? signal_words(sig) : NULL;
        char how[96];
        if (words)
            snprintf(how, sizeof how, "%s", words);
        else if (sig)
            snprintf(how, sizeof how, "signal %d", sig);
        else
            snprintf(how, sizeof how, "exit status %d", WEXITSTATUS(status));
        snprintf(err, errlen,
                 "checking its content crashed the checker (%s): a text, picture "
                 "or the playlist trips a fault in a library the kiosk uses; it is refused so "
                 "that it cannot crash the player",
                 how);
    }
    LOG_ERR("%s: %s", content_dir, err);
    return s;
}
