#include "base/file.h"
#include "base/xmalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *file_type_name(mode_t mode)
{
    if (S_ISDIR(mode))
        return "a folder";
    if (S_ISFIFO(mode))
        return "a FIFO (named pipe)";
    if (S_ISSOCK(mode))
        return "a socket";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "a device";
    if (S_ISLNK(mode))
        return "a symbolic link";
    return "not a plain file";
}

int file_open_regular(const char *path, enum file_follow follow, size_t max_size, size_t *size,
                      char *err, size_t errlen)
{
    /* O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever (a stick
     * can carry one), and a device could block too; the type is checked before any read. */
    int flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY;
    if (follow == FILE_NOFOLLOW)
        flags |= O_NOFOLLOW;
    int fd = open(path, flags);
    if (fd < 0) {
        if (errno == ELOOP && follow == FILE_NOFOLLOW)
            snprintf(err, errlen, "%s: is a symbolic link; expected a plain file", path);
        else
            snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) < 0) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "%s: not a regular file (%s); expected a plain file", path,
                 file_type_name(st.st_mode));
        close(fd);
        return -1;
    }
    if ((uint64_t)st.st_size > max_size) {
        snprintf(err, errlen, "%s: file is %lld bytes, the limit is %zu", path,
                 (long long)st.st_size, max_size);
        close(fd);
        return -1;
    }
    /* A regular file: reads may block as usual again (they never wait for a writer). */
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    *size = (size_t)st.st_size;
    return fd;
}

int file_open_limited(const char *path, size_t max_size, size_t *size, char *err, size_t errlen)
{
    return file_open_regular(path, FILE_FOLLOW, max_size, size, err, errlen);
}

bool file_read_all(const char *path, size_t max_size, char **data, size_t *size, char *err,
                   size_t errlen)
{
    return file_read_regular(path, FILE_FOLLOW, max_size, data, size, err, errlen);
}

bool file_read_regular(const char *path, enum file_follow follow, size_t max_size, char **data,
                       size_t *size, char *err, size_t errlen)
{
    size_t file_size;
    int fd = file_open_regular(path, follow, max_size, &file_size, err, errlen);
    if (fd < 0)
        return false;
    size_t cap = file_size + 1, len = 0;
    char *buf = xmalloc(cap);
    for (;;) {
        if (len + 1 >= cap) {
            if (cap > max_size + 1) {
                snprintf(err, errlen, "%s: file grew past the limit of %zu bytes", path, max_size);
                free(buf);
                close(fd);
                return false;
            }
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
        ssize_t n = read(fd, buf + len, cap - len - 1);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            snprintf(err, errlen, "%s: read error: %s", path, strerror(errno));
            free(buf);
            close(fd);
            return false;
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    close(fd);
    if (len > max_size) {
        snprintf(err, errlen, "%s: file is over the limit of %zu bytes", path, max_size);
        free(buf);
        return false;
    }
    buf[len] = '\0';
    *data = buf;
    *size = len;
    return true;
}

bool file_write_fd(int fd, const void *data, size_t size, size_t *written)
{
    const char *p = data;
    size_t done = 0;
    bool ok = true;
    while (done < size) {
        ssize_t n = write(fd, p + done, size - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            ok = false;
            break;
        }
        done += (size_t)n;
    }
    if (written)
        *written = done;
    return ok;
}

bool file_fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool ok = fsync(fd) == 0;
    int e = errno;
    close(fd);
    errno = e;
    return ok;
}

static bool fsync_dir_of(const char *path)
{
    char *dir = file_dirname(path);
    bool ok = file_fsync_dir(dir);
    free(dir);
    return ok;
}

bool file_write_atomic(const char *path, const void *data, size_t size, char *err, size_t errlen)
{
    char *tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot create: %s", tmp, strerror(errno));
        free(tmp);
        return false;
    }
    if (!file_write_fd(fd, data, size, NULL)) {
        snprintf(err, errlen, "%s: write error: %s", tmp, strerror(errno));
        goto fail;
    }
    if (fsync(fd) < 0) {
        snprintf(err, errlen, "%s: fsync failed: %s", tmp, strerror(errno));
        goto fail;
    }
    close(fd);
    fd = -1;
    if (rename(tmp, path) < 0) {
        snprintf(err, errlen, "%s: rename failed: %s", path, strerror(errno));
        goto fail;
    }
    free(tmp);
    if (!fsync_dir_of(path)) {
        snprintf(err, errlen, "%s: fsync of the directory failed: %s", path, strerror(errno));
        return false;
    }
    return true;

fail:
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    free(tmp);
    return false;
}

bool file_mkdir_p(const char *path)
{
    char *p = xstrdup(path);
    for (char *s = p + 1; *s; s++) {
        if (*s == '/') {
            *s = '\0';
            mkdir(p, 0755);
            *s = '/';
        }
    }
    mkdir(p, 0755);
    struct stat st;
    bool ok = stat(p, &st) == 0 && S_ISDIR(st.st_mode);
    free(p);
    return ok;
}

bool file_stat_stamp(const char *path, int64_t *mtime_ns, off_t *size)
{
    struct stat st;
    if (stat(path, &st) < 0)
        return false;
    if (mtime_ns)
        *mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
    if (size)
        *size = st.st_size;
    return true;
}

char *file_join(const char *dir, const char *rel)
{
    if (rel[0] == '/' || !dir || !dir[0])
        return xstrdup(rel);
    size_t n = strlen(dir);
    if (n > 0 && dir[n - 1] == '/')
        return xasprintf("%s%s", dir, rel);
    return xasprintf("%s/%s", dir, rel);
}

char *file_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

const char *file_basename(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}
