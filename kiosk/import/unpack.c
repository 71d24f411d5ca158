#define LOG_MODULE "unpack"
#define _GNU_SOURCE /* nftw */
#include "import/unpack.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "base/file.h"
#include "base/log.h"
#include "base/xmalloc.h"

#define NAME_MAX_BYTES 255
#define PATH_MAX_BYTES 1024
#define DEPTH_MAX 16

const char *unpack_name_problem(const char *name)
{
    if (!name || !*name)
        return "an empty name";
    if (name[0] == '/')
        return "an absolute path";
    if (strlen(name) > PATH_MAX_BYTES)
        return "a path over 1024 bytes";
    const char *p = name;
    if (p[0] == '.' && p[1] == '/')
        p += 2;
    int depth = 0;
    while (*p) {
        const char *slash = strchr(p, '/');
        size_t len = slash ? (size_t)(slash - p) : strlen(p);
        if (len == 0) {
            if (!slash)
                break;
            return "an empty path component (\"//\")";
        }
        if (len == 2 && p[0] == '.' && p[1] == '.')
            return "a \"..\" component";
        if (len == 1 && p[0] == '.')
            return "a \".\" component";
        if (len > NAME_MAX_BYTES)
            return "a component over 255 bytes";
        for (size_t i = 0; i < len; i++) {
            char c = p[i];
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '_' || c == '-'))
                return "a character other than letters, digits, '.', '_' and '-'";
        }
        if (++depth > DEPTH_MAX)
            return "more than 16 levels of folders";
        p += len;
        if (*p == '/')
            p++;
    }
    return NULL;
}

static const char *type_name(mode_t type)
{
    switch (type) {
    case AE_IFLNK:
        return "a symbolic link";
    case AE_IFCHR:
        return "a character device";
    case AE_IFBLK:
        return "a block device";
    case AE_IFIFO:
        return "a FIFO";
    case AE_IFSOCK:
        return "a socket";
    default:
        return "an unknown entry type";
    }
}

/* The staged tar cannot be opened or read because the kiosk's own storage failed (a system
 * error), rather than because the archive is malformed. */
static bool storage_error(struct archive *a)
{
    /* libarchive reports a malformed archive as EILSEQ (its ARCHIVE_ERRNO_FILE_FORMAT), misuse
     * as EINVAL and other trouble as -1; anything else is the system's errno. */
    int e = archive_errno(a);
    return e > 0 && e != EILSEQ && e != EINVAL;
}

static struct archive *open_tar(const char *path, enum unpack_status *why, char *err, size_t errlen)
{
    struct archive *a = archive_read_new();
    /* Plain tar only: no compression filters, so a small bundle cannot inflate into a huge
     * stream, and no other formats whose readers we do not need. */
    archive_read_support_format_tar(a);
    archive_read_support_filter_none(a);
    if (archive_read_open_filename(a, path, 64 * 1024) != ARCHIVE_OK) {
        snprintf(err, errlen, "%s: cannot be opened as a tar archive: %s", path,
                 archive_error_string(a));
        *why = storage_error(a) ? UNPACK_WRITE_FAILED : UNPACK_DAMAGED;
        archive_read_free(a);
        return NULL;
    }
    return a;
}

/* The first pass: headers only. */
static enum unpack_status check_headers(const char *tar_path, const struct unpack_limits *limits,
                                        uint64_t *total_bytes, char *err, size_t errlen)
{
    enum unpack_status why = UNPACK_DAMAGED;
    struct archive *a = open_tar(tar_path, &why, err, errlen);
    if (!a)
        return why;
    enum unpack_status status = UNPACK_OK;
    uint64_t entries = 0, total = 0;
    struct archive_entry *e;
    int r;
    while ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
        const char *name = archive_entry_pathname(e);
        if (++entries > limits->max_entries) {
            snprintf(err, errlen,
                     "%s: has more than %llu entries; expected a content folder of "
                     "at most that many files and folders",
                     tar_path, (unsigned long long)limits->max_entries);
            status = UNPACK_UNSAFE;
            goto cleanup;
        }
        if (archive_entry_hardlink(e)) {
            snprintf(err, errlen,
                     "%s: entry \"%.200s\" is a hard link; expected only files and "
                     "folders",
                     tar_path, name ? name : "");
            status = UNPACK_UNSAFE;
            goto cleanup;
        }
        mode_t type = archive_entry_filetype(e);
        if (type != AE_IFREG && type != AE_IFDIR) {
            snprintf(err, errlen, "%s: entry \"%.200s\" is %s; expected only files and folders",
                     tar_path, name ? name : "", type_name(type));
            status = UNPACK_UNSAFE;
            goto cleanup;
        }
        const char *problem = unpack_name_problem(name);
        if (problem) {
            snprintf(err, errlen,
                     "%s: entry \"%.200s\" has %s; expected names of letters, "
                     "digits, '.', '_' and '-' inside the bundle",
                     tar_path, name ? name : "", problem);
            status = UNPACK_UNSAFE;
            goto cleanup;
        }
        /* Sparse entries (GNU or pax) describe holes the kiosk would have to create: a 4 KB
         * entry may stand for a 400 MB file. Only plain files are accepted. */
        if (type == AE_IFREG && archive_entry_sparse_count(e) > 0) {
            snprintf(err, errlen,
                     "%s: entry \"%.200s\" is a sparse file; expected plain files "
                     "(make the bundle with kiosk bundle)",
                     tar_path, name ? name : "");
            status = UNPACK_UNSAFE;
            goto cleanup;
        }
        int64_t size = archive_entry_size_is_set(e) ? archive_entry_size(e) : 0;
        if (size < 0 || (uint64_t)size > limits->max_file_bytes) {
            snprintf(err, errlen,
                     "%s: entry \"%.200s\" is %lld bytes; the largest file accepted "
                     "is %llu bytes",
                     tar_path, name, (long long)size, (unsigned long long)limits->max_file_bytes);
            status = UNPACK_UNSAFE;
            goto cleanup;
        }
        total += (uint64_t)size;
        if (total > limits->max_total_bytes) {
            snprintf(err, errlen,
                     "%s: the files add up to more than %llu bytes, the most a "
                     "bundle may hold",
                     tar_path, (unsigned long long)limits->max_total_bytes);
            status = UNPACK_UNSAFE;
            goto cleanup;
        }
        if (archive_read_data_skip(a) != ARCHIVE_OK) {
            snprintf(err, errlen, "%s: damaged at entry \"%.200s\": %s", tar_path, name,
                     archive_error_string(a));
            status = storage_error(a) ? UNPACK_WRITE_FAILED : UNPACK_DAMAGED;
            goto cleanup;
        }
    }
    if (r != ARCHIVE_EOF) {
        snprintf(err, errlen, "%s: damaged after %llu entries: %s", tar_path,
                 (unsigned long long)entries, archive_error_string(a));
        status = storage_error(a) ? UNPACK_WRITE_FAILED : UNPACK_DAMAGED;
        goto cleanup;
    }
    *total_bytes = total;

cleanup:
    archive_read_free(a);
    return status;
}

static enum unpack_status write_failed(const char *path, char *err, size_t errlen)
{
    int e = errno;
    snprintf(err, errlen, "%s: cannot be written: %s", path, strerror(e));
    return e == ENOSPC || e == EDQUOT ? UNPACK_NO_SPACE : UNPACK_WRITE_FAILED;
}

/* "x" as a file and "x/y" (or "x" as a folder too): the archive contradicts itself. */
static enum unpack_status both_file_and_folder(const char *tar_path, const char *name, char *err,
                                               size_t errlen)
{
    snprintf(err, errlen,
             "%s: \"%s\" is both a file and a folder (or lies inside a file); "
             "expected each name once, as a file or as a folder",
             tar_path, name);
    return UNPACK_UNSAFE;
}

/* Directories are fsynced after all their files are in, deepest last written first. */
struct dir_list {
    char **items;
    size_t count, capacity;
};

static void dir_list_add(struct dir_list *l, const char *path)
{
    for (size_t i = 0; i < l->count; i++)
        if (!strcmp(l->items[i], path))
            return;
    l->items = xgrow(l->items, &l->capacity, l->count + 1, sizeof *l->items);
    l->items[l->count++] = xstrdup(path);
}

static bool make_parents(const char *dest, const char *rel, struct dir_list *dirs)
{
    char *path = file_join(dest, rel);
    char *slash = path + strlen(dest);
    while ((slash = strchr(slash + 1, '/'))) {
        *slash = '\0';
        struct stat st;
        if (mkdir(path, 0755) != 0 &&
            (errno != EEXIST || lstat(path, &st) != 0 || !S_ISDIR(st.st_mode))) {
            int e = errno == EEXIST ? ENOTDIR : errno; /* a file is in the way */
            free(path);
            errno = e;
            return false;
        }
        dir_list_add(dirs, path);
        *slash = '/';
    }
    free(path);
    return true;
}

static enum unpack_status extract(const char *tar_path, const char *dest, uint64_t total,
                                  unpack_progress_fn progress, void *data, char *err, size_t errlen)
{
    enum unpack_status why = UNPACK_DAMAGED;
    struct archive *a = open_tar(tar_path, &why, err, errlen);
    if (!a)
        return why;
    enum unpack_status status = UNPACK_OK;
    struct dir_list dirs = {0};
    dir_list_add(&dirs, dest);
    char *path = NULL;
    int fd = -1;
    uint64_t done = 0;
    struct archive_entry *e;
    int r;
    while ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
        const char *name = archive_entry_pathname(e);
        if (name[0] == '.' && name[1] == '/')
            name += 2;
        size_t nlen = strlen(name);
        while (nlen > 0 && name[nlen - 1] == '/')
            nlen--;
        if (nlen == 0)
            continue; /* "./" itself */
        char *rel = xstrndup(name, nlen);
        free(path);
        path = file_join(dest, rel);
        bool parents = make_parents(dest, rel, &dirs);
        free(rel);
        if (!parents) {
            status = errno == ENOTDIR || errno == EEXIST
                         ? both_file_and_folder(tar_path, name, err, errlen)
                         : write_failed(path, err, errlen);
            goto cleanup;
        }
        if (archive_entry_filetype(e) == AE_IFDIR) {
            if (mkdir(path, 0755) != 0 && errno != EEXIST) {
                status = write_failed(path, err, errlen);
                goto cleanup;
            }
            struct stat st;
            if (lstat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
                status = both_file_and_folder(tar_path, name, err, errlen);
                goto cleanup;
            }
            dir_list_add(&dirs, path);
            continue;
        }
        /* O_EXCL: an archive naming the same file twice is refused, not silently merged. */
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (fd < 0) {
            struct stat st;
            if (errno == EEXIST && lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
                status = both_file_and_folder(tar_path, name, err, errlen);
            } else if (errno == EEXIST) {
                snprintf(err, errlen, "%s: \"%s\" appears twice; expected each file once", tar_path,
                         name);
                status = UNPACK_UNSAFE;
            } else if (errno == ENOTDIR) {
                status = both_file_and_folder(tar_path, name, err, errlen);
            } else {
                status = write_failed(path, err, errlen);
            }
            goto cleanup;
        }
        const void *buf;
        size_t len;
        int64_t offset;
        int64_t written = 0;
        while ((r = archive_read_data_block(a, &buf, &len, &offset)) == ARCHIVE_OK) {
            /* tar has no holes we create; an offset jump would be a sparse entry. */
            if (offset != written) {
                snprintf(err, errlen, "%s: \"%s\" is a sparse file; expected plain files", tar_path,
                         name);
                status = UNPACK_UNSAFE;
                goto cleanup;
            }
            const char *p = buf;
            size_t left = len;
            while (left > 0) {
                ssize_t w = write(fd, p, left);
                if (w < 0 && errno == EINTR)
                    continue;
                if (w < 0) {
                    status = write_failed(path, err, errlen);
                    goto cleanup;
                }
                p += w;
                left -= (size_t)w;
            }
            written += (int64_t)len;
            done += len;
            if (progress)
                progress(data, done, total);
        }
        if (r != ARCHIVE_EOF) {
            snprintf(err, errlen, "%s: damaged inside \"%s\": %s", tar_path, name,
                     archive_error_string(a));
            status = storage_error(a) ? UNPACK_WRITE_FAILED : UNPACK_DAMAGED;
            goto cleanup;
        }
        /* What was written must be the size the header promised: a shorter file is a hole
         * at the end (sparse) or a header that lies. */
        int64_t expected = archive_entry_size_is_set(e) ? archive_entry_size(e) : 0;
        if (written != expected) {
            snprintf(err, errlen,
                     "%s: \"%s\" holds %lld bytes of data but says it is %lld "
                     "bytes (a sparse file?); expected plain files",
                     tar_path, name, (long long)written, (long long)expected);
            status = UNPACK_UNSAFE;
            goto cleanup;
        }
        if (fsync(fd) != 0) {
            status = write_failed(path, err, errlen);
            goto cleanup;
        }
        close(fd);
        fd = -1;
    }
    if (r != ARCHIVE_EOF) {
        snprintf(err, errlen, "%s: damaged: %s", tar_path, archive_error_string(a));
        status = storage_error(a) ? UNPACK_WRITE_FAILED : UNPACK_DAMAGED;
        goto cleanup;
    }
    for (size_t i = dirs.count; i-- > 0;) {
        if (!file_fsync_dir(dirs.items[i])) {
            status = write_failed(dirs.items[i], err, errlen);
            goto cleanup;
        }
    }

cleanup:
    if (fd >= 0)
        close(fd);
    free(path);
    for (size_t i = 0; i < dirs.count; i++)
        free(dirs.items[i]);
    free(dirs.items);
    archive_read_free(a);
    return status;
}

enum unpack_status unpack_tar(const char *tar_path, const char *dest_dir,
                              const struct unpack_limits *limits, unpack_progress_fn progress,
                              void *data, char *err, size_t errlen)
{
    uint64_t total = 0;
    enum unpack_status status = check_headers(tar_path, limits, &total, err, errlen);
    if (status != UNPACK_OK)
        return status;
    if (mkdir(dest_dir, 0755) != 0)
        return write_failed(dest_dir, err, errlen);
    return extract(tar_path, dest_dir, total, progress, data, err, errlen);
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (flag == FTW_DP)
        return rmdir(path) == 0 || errno == ENOENT ? 0 : -1;
    return unlink(path) == 0 || errno == ENOENT ? 0 : -1;
}

bool unpack_remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT;
    if (!S_ISDIR(st.st_mode))
        return unlink(path) == 0;
    return nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS) == 0;
}
