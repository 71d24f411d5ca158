/* benchprobe: runs one player under an X server and measures it from the outside.
 *
 *   benchprobe [options] -- COMMAND [ARGS...]
 *
 * Reads the colour of a few probe points of the root window, starts COMMAND (in its own process
 * group), and then, until the measuring time is over:
 *   - polls the probe points every few milliseconds until enough of them differ from their
 *     initial colour: that moment, measured from just before fork(), is "first picture";
 *   - every 100 ms sums Pss over the process tree (/proc/PID/smaps_rollup) and keeps the peak;
 *   - at the end reads utime+stime+cutime+cstime of the whole tree (/proc/PID/stat).
 * Then it sends SIGTERM to the process group (SDL turns it into a clean quit, so the player can
 * print its statistics), waits up to 5 s, and sends SIGKILL to what is left.
 *
 * Prints key=value lines on stdout:
 *   first_picture_ms  milliseconds from start to first picture, or -1 if it never came
 *   cpu_s             CPU seconds (user+system) of the process tree over the measuring time
 *   late_cpu_s, late_window_s   CPU seconds and wall seconds from (first picture + settle) to the
 *                     end: a player that shows a still picture should use almost none
 *   peak_pss_kb       largest sum of Pss over the process tree seen by a sample
 *   pss_samples       number of samples
 *   server_cpu_s      CPU seconds of the X server (-x PID) over the same time, for information
 *   exited_early      1 if COMMAND ended by itself before the measuring time was over
 *   exit_status       its wait status, decoded ("exit 0", "signal 15")
 *
 * Options:
 *   -t SECONDS   measuring time from start (default 30)
 *   -i MS        PSS sampling interval (default 100)
 *   -p MS        probe polling interval (default 4)
 *   -n N         how many probe points must change (default: half of them, rounded up)
 *   -s SECONDS   settle time after the first picture before late_cpu_s starts (default 2)
 *   -x PID       the X server's pid, to report server_cpu_s
 *   -e FILE      redirect COMMAND's stderr to FILE (its stdout goes there too)
 *
 * Needs DISPLAY. Build: cc -O2 -o benchprobe benchprobe.c -lX11 */
#define _GNU_SOURCE
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_PROBES 9
#define MAX_PROCS 65536

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sleep_s(double s)
{
    if (s <= 0)
        return;
    struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
    while (nanosleep(&ts, &ts) == -1 && errno == EINTR) {
    }
}

/* ---- /proc ------------------------------------------------------------------------------ */

struct procstat {
    int pid, ppid;
    unsigned long long ticks;  /* utime + stime + cutime + cstime */
    unsigned long long cticks; /* cutime + cstime: children that have been waited for */
};

static bool read_stat(int pid, struct procstat *ps)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return false;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return false;
    buf[n] = 0;
    char *p = strrchr(buf, ')'); /* the command name may contain spaces and parentheses */
    if (!p)
        return false;
    /* fields after ')': 3 state, 4 ppid, ..., 14 utime, 15 stime, 16 cutime, 17 cstime */
    unsigned long long f[18] = {0};
    char *q = p + 2;
    if (!*q)
        return false;
    q++; /* state */
    for (int k = 4; k <= 17; k++) {
        char *endp;
        f[k] = strtoull(q, &endp, 10);
        if (endp == q)
            return false;
        q = endp;
    }
    ps->pid = pid;
    ps->ppid = (int)f[4];
    ps->ticks = f[14] + f[15] + f[16] + f[17];
    ps->cticks = f[16] + f[17];
    return true;
}

static struct procstat all[MAX_PROCS];

/* Fills tree[] with the stats of root and all its descendants; returns how many. */
static int process_tree(int root, struct procstat *tree, int max)
{
    int count = 0;
    DIR *d = opendir("/proc");
    if (!d)
        return 0;
    struct dirent *e;
    while ((e = readdir(d)) && count < MAX_PROCS) {
        if (!isdigit((unsigned char)e->d_name[0]))
            continue;
        if (read_stat(atoi(e->d_name), &all[count]))
            count++;
    }
    closedir(d);
    int n = 0;
    for (int i = 0; i < count; i++)
        if (all[i].pid == root && n < max)
            tree[n++] = all[i];
    /* breadth first: add children of members until nothing changes */
    for (int k = 0; k < n; k++)
        for (int i = 0; i < count; i++)
            if (all[i].ppid == tree[k].pid && n < max)
                tree[n++] = all[i];
    return n;
}

static unsigned long long tree_ticks(int root)
{
    static struct procstat tree[4096];
    int n = process_tree(root, tree, 4096);
    unsigned long long t = 0;
    for (int i = 0; i < n; i++)
        t += tree[i].ticks;
    return t;
}

static long pss_kb(int pid)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/smaps_rollup", pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    long kb = 0;
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, "Pss:", 4)) {
            kb = atol(line + 4);
            break;
        }
    fclose(f);
    return kb;
}

static long tree_pss_kb(int root)
{
    static struct procstat tree[4096];
    int n = process_tree(root, tree, 4096);
    long kb = 0;
    for (int i = 0; i < n; i++)
        kb += pss_kb(tree[i].pid);
    return kb;
}

/* ---- X probes ---------------------------------------------------------------------------- */

struct probe {
    int x, y;
    unsigned long initial;
};

static unsigned long pixel_at(Display *dpy, Window root, int x, int y)
{
    XImage *img = XGetImage(dpy, root, x, y, 1, 1, AllPlanes, ZPixmap);
    if (!img)
        return 0;
    unsigned long v = XGetPixel(img, 0, 0);
    XDestroyImage(img);
    return v;
}

static int channel_diff(unsigned long a, unsigned long b)
{
    int d = 0;
    for (int s = 0; s < 24; s += 8) {
        int x = (int)((a >> s) & 0xff) - (int)((b >> s) & 0xff);
        d += x < 0 ? -x : x;
    }
    return d;
}

/* ---- main -------------------------------------------------------------------------------- */

static pid_t child = -1;

static void forward(int sig)
{
    if (child > 0)
        kill(-child, sig);
    signal(sig, SIG_DFL);
    raise(sig);
}

static bool reap(int *status, double timeout_s)
{
    double until = now_s() + timeout_s;
    for (;;) {
        pid_t r = waitpid(child, status, WNOHANG);
        if (r == child)
            return true;
        if (r < 0)
            return true;
        if (now_s() >= until)
            return false;
        sleep_s(0.02);
    }
}

static void usage(void)
{
    fprintf(stderr, "usage: benchprobe [-t S] [-i MS] [-p MS] [-n N] [-s S] [-x PID] [-e FILE] "
                    "-- COMMAND [ARGS...]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    double duration = 30, settle = 2;
    int interval_ms = 100, poll_ms = 4, need = 0, server = 0;
    const char *errfile = NULL;
    int c;
    while ((c = getopt(argc, argv, "+t:i:p:n:s:x:e:")) != -1) {
        switch (c) {
        case 't':
            duration = atof(optarg);
            break;
        case 'i':
            interval_ms = atoi(optarg);
            break;
        case 'p':
            poll_ms = atoi(optarg);
            break;
        case 'n':
            need = atoi(optarg);
            break;
        case 's':
            settle = atof(optarg);
            break;
        case 'x':
            server = atoi(optarg);
            break;
        case 'e':
            errfile = optarg;
            break;
        default:
            usage();
        }
    }
    if (optind >= argc || duration <= 0 || interval_ms <= 0 || poll_ms <= 0)
        usage();

    Display *dpy = XOpenDisplay(NULL);
    if (!dpy) {
        fprintf(stderr, "benchprobe: cannot open display \"%s\"\n",
                getenv("DISPLAY") ? getenv("DISPLAY") : "");
        return 1;
    }
    Window root = DefaultRootWindow(dpy);
    int w = DisplayWidth(dpy, DefaultScreen(dpy)), h = DisplayHeight(dpy, DefaultScreen(dpy));
    /* a 3x3 grid at 1/6, 3/6, 5/6 of the screen: inside the picture whatever the fit */
    struct probe probes[MAX_PROBES];
    int np = 0;
    for (int j = 0; j < 3; j++)
        for (int i = 0; i < 3; i++) {
            probes[np].x = w * (2 * i + 1) / 6;
            probes[np].y = h * (2 * j + 1) / 6;
            probes[np].initial = pixel_at(dpy, root, probes[np].x, probes[np].y);
            np++;
        }
    if (need <= 0 || need > np)
        need = (np + 1) / 2;

    unsigned long long server_t0 = 0;
    struct procstat sp;
    if (server && read_stat(server, &sp))
        server_t0 = sp.ticks;

    fflush(NULL);
    double t0 = now_s();
    child = fork();
    if (child < 0) {
        perror("benchprobe: fork");
        return 1;
    }
    if (child == 0) {
        setpgid(0, 0);
        if (errfile) {
            int fd = open(errfile, O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (fd >= 0) {
                dup2(fd, 1);
                dup2(fd, 2);
                close(fd);
            }
        }
        execvp(argv[optind], argv + optind);
        fprintf(stderr, "benchprobe: cannot run %s: %s\n", argv[optind], strerror(errno));
        _exit(127);
    }
    setpgid(child, child);
    signal(SIGINT, forward);
    signal(SIGTERM, forward);
    signal(SIGHUP, forward);

    double first = -1, next_sample = t0, late_start = -1, end = t0 + duration;
    unsigned long long late_ticks0 = 0;
    bool late_taken = false;
    long peak = 0;
    int samples = 0, status = 0;
    bool exited = false;
    for (;;) {
        double t = now_s();
        if (t >= end)
            break;
        pid_t r = waitpid(child, &status, WNOHANG);
        if (r == child) {
            exited = true;
            break;
        }
        if (first < 0) {
            int changed = 0;
            for (int k = 0; k < np; k++)
                if (channel_diff(pixel_at(dpy, root, probes[k].x, probes[k].y), probes[k].initial) >
                    24)
                    changed++;
            if (changed >= need) {
                first = now_s() - t0;
                late_start = t0 + first + settle;
            }
        }
        if (late_start > 0 && !late_taken && t >= late_start) {
            late_ticks0 = tree_ticks(child);
            late_taken = true;
        }
        if (t >= next_sample) {
            long kb = tree_pss_kb(child);
            if (kb > peak)
                peak = kb;
            samples++;
            next_sample += interval_ms / 1000.0;
        }
        double wake = first < 0 ? t + poll_ms / 1000.0 : next_sample;
        if (late_start > 0 && !late_taken && late_start < wake)
            wake = late_start;
        if (wake > end)
            wake = end;
        sleep_s(wake - now_s());
    }
    double t_end = now_s();
    long hz = sysconf(_SC_CLK_TCK);
    unsigned long long ticks = exited ? 0 : tree_ticks(child);
    unsigned long long server_ticks = 0;
    if (server && read_stat(server, &sp))
        server_ticks = sp.ticks - server_t0;

    if (!exited) {
        kill(-child, SIGTERM);
        if (!reap(&status, 5.0)) {
            kill(-child, SIGKILL);
            reap(&status, 5.0);
        }
    } else {
        /* the tree's CPU: the child has been reaped, so read it from our own children's times */
        struct procstat self;
        if (read_stat(getpid(), &self))
            ticks = self.cticks; /* include the reaped child and its reaped descendants */
    }
    kill(-child, SIGKILL); /* anything left in the group */

    printf("first_picture_ms=%.0f\n", first < 0 ? -1.0 : first * 1000.0);
    printf("cpu_s=%.2f\n", (double)ticks / (double)hz);
    printf("measured_s=%.2f\n", t_end - t0);
    if (late_taken && !exited)
        printf("late_cpu_s=%.3f\nlate_window_s=%.2f\n", (double)(ticks - late_ticks0) / (double)hz,
               t_end - late_start);
    printf("peak_pss_kb=%ld\n", peak);
    printf("pss_samples=%d\n", samples);
    if (server)
        printf("server_cpu_s=%.2f\n", (double)server_ticks / (double)hz);
    printf("exited_early=%d\n", exited ? 1 : 0);
    if (WIFEXITED(status))
        printf("exit_status=exit %d\n", WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        printf("exit_status=signal %d\n", WTERMSIG(status));
    XCloseDisplay(dpy);
    return 0;
}
