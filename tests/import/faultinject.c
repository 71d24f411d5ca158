/* An LD_PRELOAD shim for the import's fault-injection and crash-consistency tests: it sees the
 * file-system calls the kiosk makes on paths under one folder (the state folder) and can fail
 * one of them, count them, or record them.
 *
 * Environment (all optional except KIOSK_FI_ROOT):
 *   KIOSK_FI_ROOT=DIR     only calls on paths under DIR (and descriptors opened there) count
 *   KIOSK_FI_CALL=NAME    write, fsync, rename, renameat, symlinkat, openat, mkdir or unlink
 *   KIOSK_FI_N=N          fail the Nth counted call of NAME (1-based)...
 *   KIOSK_FI_ERR=E        ...with EIO, ENOSPC, or "short" (write only: half is written, the
 *                         call returns the shorter count; every later write is whole)
 *   KIOSK_FI_COUNT=FILE   at exit, append "NAME COUNT" per call to FILE
 *   KIOSK_FI_LOG=FILE     record every counted call in order, for crashsim.c (see there):
 *                         "create PATH", "write PATH OFFSET LEN HEXDATA", "trunc PATH",
 *                         "fsync PATH", "mkdir PATH", "rename FROM TO", "symlink TARGET PATH",
 *                         "unlink PATH", "rmdir PATH"
 * Names group the libc entry points the kiosk uses: openat is open/open64/openat/creat,
 * symlinkat is symlink/symlinkat, mkdir is mkdir/mkdirat, unlink is unlink/unlinkat/rmdir,
 * fsync is fsync/fdatasync, write is write/pwrite. A failed call changes nothing (it is failed
 * before the real call), except a short write, which writes its first half.
 *
 * Calls made inside libc itself (fopen, nftw's own opens) are not seen: LD_PRELOAD only
 * replaces calls between libraries. That covers the kiosk's own writes, which all go through
 * these entry points. Not thread-safe beyond what the importer needs (it writes from one
 * thread at a time); this is a test tool. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

enum call {
    C_WRITE,
    C_FSYNC,
    C_RENAME,
    C_RENAMEAT,
    C_SYMLINKAT,
    C_OPENAT,
    C_MKDIR,
    C_UNLINK,
    C_COUNT
};
static const char *const call_names[C_COUNT] = {"write",     "fsync",  "rename", "renameat",
                                                "symlinkat", "openat", "mkdir",  "unlink"};

#define MAX_FD 4096
static char *fd_path[MAX_FD]; /* descriptors opened under the root: their path */
static char root[PATH_MAX];
static size_t root_len;
static int fail_call = -1;
static long fail_n;
static int fail_errno; /* 0: a short write */
static long counts[C_COUNT];
static FILE *log_file;
static int ready;

/* The log is opened with the real open, once. */
static int open_log(const char *path)
{
    int (*real_open)(const char *, int, ...) =
        (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
    return real_open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
}

static void fi_init(void)
{
    if (ready)
        return;
    ready = 1;
    const char *r = getenv("KIOSK_FI_ROOT");
    if (r && realpath(r, root))
        root_len = strlen(root);
    const char *c = getenv("KIOSK_FI_CALL");
    for (int i = 0; c && i < C_COUNT; i++)
        if (!strcmp(c, call_names[i]))
            fail_call = i;
    const char *n = getenv("KIOSK_FI_N");
    fail_n = n ? atol(n) : 0;
    const char *e = getenv("KIOSK_FI_ERR");
    fail_errno = !e || !strcmp(e, "EIO") ? EIO : !strcmp(e, "ENOSPC") ? ENOSPC : 0;
    const char *l = getenv("KIOSK_FI_LOG");
    if (l) {
        int fd = open_log(l);
        log_file = fd >= 0 ? fdopen(fd, "a") : NULL;
    }
}

/* path made absolute against dirfd (AT_FDCWD or a descriptor we know), lexically; "" when it
 * is not under the root. */
static void absolute(int dirfd, const char *path, char *out)
{
    out[0] = '\0';
    if (!root_len || !path)
        return;
    char buf[2 * PATH_MAX];
    if (path[0] == '/') {
        snprintf(buf, sizeof buf, "%s", path);
    } else if (dirfd == AT_FDCWD) {
        char cwd[PATH_MAX];
        if (!getcwd(cwd, sizeof cwd))
            return;
        snprintf(buf, sizeof buf, "%s/%s", cwd, path);
    } else if (dirfd >= 0 && dirfd < MAX_FD && fd_path[dirfd]) {
        snprintf(buf, sizeof buf, "%s/%s", fd_path[dirfd], path);
    } else {
        return;
    }
    /* The test passes a state folder without links in its path; "//" and "/./" are folded. */
    char *w = out;
    for (const char *p = buf; *p && w - out < PATH_MAX - 1; p++) {
        if (*p == '/' && (p[1] == '/' || (p[1] == '.' && (p[2] == '/' || p[2] == '\0'))))
            continue;
        *w++ = *p;
    }
    *w = '\0';
    if (w > out + 1 && w[-1] == '/')
        w[-1] = '\0';
    if (strncmp(out, root, root_len) != 0 || (out[root_len] != '/' && out[root_len] != '\0'))
        out[0] = '\0';
}

/* Counts a call on a path under the root; nonzero when this one is to fail (errno set). */
static int hit(enum call c)
{
    long n = ++counts[c];
    if ((int)c == fail_call && n == fail_n) {
        errno = fail_errno ? fail_errno : EIO;
        return fail_errno ? 1 : 2;
    }
    return 0;
}

static void log_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void log_line(const char *fmt, ...)
{
    if (!log_file)
        return;
    va_list ap;
    va_start(ap, fmt);
    flockfile(log_file);
    vfprintf(log_file, fmt, ap);
    va_end(ap);
    fputc('\n', log_file);
    fflush(log_file);
    funlockfile(log_file);
}

__attribute__((destructor)) static void fi_report(void)
{
    const char *path = getenv("KIOSK_FI_COUNT");
    if (!path || !ready)
        return;
    FILE *f = fopen(path, "a");
    if (!f)
        return;
    for (int i = 0; i < C_COUNT; i++)
        fprintf(f, "%s %ld\n", call_names[i], counts[i]);
    fclose(f);
}

#define REAL(name)                                                                                 \
    static __typeof__(name) *real_##name;                                                          \
    if (!real_##name)                                                                              \
    real_##name = (__typeof__(name) *)dlsym(RTLD_NEXT, #name)

static int do_open(int dirfd, const char *path, int flags, mode_t mode)
{
    REAL(openat);
    fi_init();
    char abs[PATH_MAX];
    absolute(dirfd, path, abs);
    if (abs[0] && hit(C_OPENAT))
        return -1;
    int existed = -1;
    if (abs[0] && log_file && (flags & O_CREAT)) {
        struct stat st;
        existed = lstat(abs, &st) == 0;
    }
    int fd = real_openat(dirfd, path, flags, mode);
    if (fd >= 0 && abs[0] && fd < MAX_FD) {
        free(fd_path[fd]);
        fd_path[fd] = strdup(abs);
        if (existed == 0)
            log_line("create %s", abs);
        if ((flags & O_TRUNC) && existed == 1)
            log_line("trunc %s", abs);
    }
    return fd;
}

int open(const char *path, int flags, ...)
{
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, mode_t);
        va_end(ap);
    }
    return do_open(AT_FDCWD, path, flags, mode);
}

int open64(const char *path, int flags, ...) __attribute__((alias("open")));

int openat(int dirfd, const char *path, int flags, ...)
{
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, mode_t);
        va_end(ap);
    }
    return do_open(dirfd, path, flags, mode);
}

int openat64(int dirfd, const char *path, int flags, ...) __attribute__((alias("openat")));

int creat(const char *path, mode_t mode)
{
    return do_open(AT_FDCWD, path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

int close(int fd)
{
    REAL(close);
    if (fd >= 0 && fd < MAX_FD) {
        free(fd_path[fd]);
        fd_path[fd] = NULL;
    }
    return real_close(fd);
}

static void log_write(int fd, off_t offset, const void *buf, size_t n)
{
    if (!log_file)
        return;
    /* One line at a time also when the proof writer's sync thread logs an fsync meanwhile. */
    flockfile(log_file);
    fprintf(log_file, "write %s %lld %zu ", fd_path[fd], (long long)offset, n);
    const unsigned char *p = buf;
    for (size_t i = 0; i < n; i++)
        fprintf(log_file, "%02x", p[i]);
    fputc('\n', log_file);
    fflush(log_file);
    funlockfile(log_file);
}

ssize_t write(int fd, const void *buf, size_t n)
{
    REAL(write);
    fi_init();
    if (fd < 0 || fd >= MAX_FD || !fd_path[fd])
        return real_write(fd, buf, n);
    int h = hit(C_WRITE);
    if (h == 1)
        return -1;
    if (h == 2 && n > 1)
        n /= 2;
    off_t offset = lseek(fd, 0, SEEK_CUR);
    ssize_t w = real_write(fd, buf, n);
    if (w > 0)
        log_write(fd, offset, buf, (size_t)w);
    return w;
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t offset)
{
    REAL(pwrite);
    fi_init();
    if (fd < 0 || fd >= MAX_FD || !fd_path[fd])
        return real_pwrite(fd, buf, n, offset);
    int h = hit(C_WRITE);
    if (h == 1)
        return -1;
    if (h == 2 && n > 1)
        n /= 2;
    ssize_t w = real_pwrite(fd, buf, n, offset);
    if (w > 0)
        log_write(fd, offset, buf, (size_t)w);
    return w;
}

int ftruncate(int fd, off_t length)
{
    REAL(ftruncate);
    fi_init();
    int r = real_ftruncate(fd, length);
    if (r == 0 && fd >= 0 && fd < MAX_FD && fd_path[fd] && log_file)
        log_line("truncate %s %lld", fd_path[fd], (long long)length);
    return r;
}

static int do_fsync(int fd, int data_only)
{
    REAL(fsync);
    REAL(fdatasync);
    fi_init();
    if (fd >= 0 && fd < MAX_FD && fd_path[fd]) {
        if (hit(C_FSYNC))
            return -1;
        int r = data_only ? real_fdatasync(fd) : real_fsync(fd);
        if (r == 0)
            log_line("fsync %s", fd_path[fd]);
        return r;
    }
    return data_only ? real_fdatasync(fd) : real_fsync(fd);
}

int fsync(int fd)
{
    return do_fsync(fd, 0);
}
int fdatasync(int fd)
{
    return do_fsync(fd, 1);
}

static int do_rename(int olddir, const char *old, int newdir, const char *new, enum call c,
                     unsigned flags)
{
    REAL(renameat2);
    fi_init();
    char a[PATH_MAX], b[PATH_MAX];
    absolute(olddir, old, a);
    absolute(newdir, new, b);
    if ((a[0] || b[0]) && hit(c))
        return -1;
    int r = real_renameat2(olddir, old, newdir, new, flags);
    if (r == 0 && a[0] && b[0])
        log_line("rename %s %s", a, b);
    return r;
}

int rename(const char *old, const char *new)
{
    return do_rename(AT_FDCWD, old, AT_FDCWD, new, C_RENAME, 0);
}

int renameat(int olddir, const char *old, int newdir, const char *new)
{
    return do_rename(olddir, old, newdir, new, C_RENAMEAT, 0);
}

int renameat2(int olddir, const char *old, int newdir, const char *new, unsigned flags)
{
    return do_rename(olddir, old, newdir, new, C_RENAMEAT, flags);
}

int symlinkat(const char *target, int dirfd, const char *path)
{
    REAL(symlinkat);
    fi_init();
    char a[PATH_MAX];
    absolute(dirfd, path, a);
    if (a[0] && hit(C_SYMLINKAT))
        return -1;
    int r = real_symlinkat(target, dirfd, path);
    if (r == 0 && a[0])
        log_line("symlink %s %s", target, a);
    return r;
}

int symlink(const char *target, const char *path)
{
    return symlinkat(target, AT_FDCWD, path);
}

int mkdirat(int dirfd, const char *path, mode_t mode)
{
    REAL(mkdirat);
    fi_init();
    char a[PATH_MAX];
    absolute(dirfd, path, a);
    if (a[0] && hit(C_MKDIR))
        return -1;
    int r = real_mkdirat(dirfd, path, mode);
    if (r == 0 && a[0])
        log_line("mkdir %s", a);
    return r;
}

int mkdir(const char *path, mode_t mode)
{
    return mkdirat(AT_FDCWD, path, mode);
}

int unlinkat(int dirfd, const char *path, int flags)
{
    REAL(unlinkat);
    fi_init();
    char a[PATH_MAX];
    absolute(dirfd, path, a);
    if (a[0] && hit(C_UNLINK))
        return -1;
    int r = real_unlinkat(dirfd, path, flags);
    if (r == 0 && a[0])
        log_line("%s %s", flags & AT_REMOVEDIR ? "rmdir" : "unlink", a);
    return r;
}

int unlink(const char *path)
{
    return unlinkat(AT_FDCWD, path, 0);
}

int rmdir(const char *path)
{
    return unlinkat(AT_FDCWD, path, AT_REMOVEDIR);
}
