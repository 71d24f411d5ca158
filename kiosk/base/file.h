/* File helpers. Nothing is written in place: write beside, fsync, rename, fsync the directory. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Whether the last component of a path may be a symbolic link. Files the kiosk made itself or
 * finds on a stick are opened with FILE_NOFOLLOW; content folders on a desktop may use links. */
enum file_follow { FILE_FOLLOW, FILE_NOFOLLOW };

/* Opens a regular file for reading without ever waiting: a FIFO, device, socket or folder is
 * refused before anything is read from it (opened with O_NONBLOCK, checked with fstat), as is a
 * file over max_size bytes. Returns a blocking descriptor (O_CLOEXEC) and the size, or -1 with
 * the reason (with the path) in err. */
int file_open_regular(const char *path, enum file_follow follow, size_t max_size, size_t *size,
                      char *err, size_t errlen);

/* file_open_regular(path, FILE_FOLLOW, ...). */
int file_open_limited(const char *path, size_t max_size, size_t *size, char *err, size_t errlen);

/* Reads a whole regular file (opened as file_open_regular does), refusing files over max_size
 * bytes, also when one grows while being read. On success *data is NUL-terminated (not counted
 * in *size) and owned by the caller. On failure returns false and writes a human-readable
 * reason (with the path) into err. */
bool file_read_regular(const char *path, enum file_follow follow, size_t max_size, char **data,
                       size_t *size, char *err, size_t errlen);

/* file_read_regular(path, FILE_FOLLOW, ...). */
bool file_read_all(const char *path, size_t max_size, char **data, size_t *size, char *err,
                   size_t errlen);

/* Writes data to path atomically: path.tmp-PID, fsync, rename over path, fsync the directory. */
bool file_write_atomic(const char *path, const void *data, size_t size, char *err, size_t errlen);

/* Writes all of data to fd, retrying short writes and EINTR. *written (may be NULL) says how
 * much went out, also on failure (errno then tells why). */
bool file_write_fd(int fd, const void *data, size_t size, size_t *written);

/* fsync of a directory, so that names created, renamed or removed in it survive a power cut. */
bool file_fsync_dir(const char *dir);

/* Creates a directory and its parents (mode 0755); true if it exists afterwards. */
bool file_mkdir_p(const char *path);

/* Modification time in nanoseconds and size, for change detection; false if missing. */
bool file_stat_stamp(const char *path, int64_t *mtime_ns, off_t *size);

/* Joins a directory and a relative path; an absolute `rel` is returned as it is. Caller frees. */
char *file_join(const char *dir, const char *rel);

/* The directory part of path ("." when there is none). Caller frees. */
char *file_dirname(const char *path);

/* The last component of path, pointing into path. */
const char *file_basename(const char *path);
