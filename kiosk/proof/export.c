#define LOG_MODULE "proof"
#include "proof/export.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/file.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "proof/writer.h"

#define COPY_CHUNK (64 * 1024)

/* Copies the first `size` bytes of in to dst through dst's temporary name. */
static bool copy_to(int in, off_t size, const char *dst, char *err, size_t errlen)
{
    char *dir = file_dirname(dst);
    char *tmp = xasprintf("%s/.%s.tmp-%ld", dir, file_basename(dst), (long)getpid());
    free(dir);
    int out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out < 0) {
        snprintf(err, errlen, "%s: cannot create: %s", tmp, strerror(errno));
        free(tmp);
        return false;
    }
    char *buf = xmalloc(COPY_CHUNK);
    off_t at = 0;
    bool ok = true;
    while (ok && at < size) {
        size_t want = (size_t)(size - at) < COPY_CHUNK ? (size_t)(size - at) : COPY_CHUNK;
        ssize_t n = pread(in, buf, want, at);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            snprintf(err, errlen, "%s: read error: %s", dst,
                     n < 0 ? strerror(errno) : "the file shrank");
            ok = false;
        } else if (!file_write_fd(out, buf, (size_t)n, NULL)) {
            snprintf(err, errlen, "%s: write error: %s", tmp, strerror(errno));
            ok = false;
        } else {
            at += n;
        }
    }
    free(buf);
    if (ok && fsync(out) != 0) {
        snprintf(err, errlen, "%s: fsync failed: %s", tmp, strerror(errno));
        ok = false;
    }
    if (close(out) != 0 && ok) {
        snprintf(err, errlen, "%s: close failed: %s", tmp, strerror(errno));
        ok = false;
    }
    if (ok && rename(tmp, dst) != 0) {
        snprintf(err, errlen, "%s: rename failed: %s", dst, strerror(errno));
        ok = false;
    }
    if (!ok)
        unlink(tmp);
    free(tmp);
    return ok;
}

/* The length of the file up to and including its last newline: a line being appended while we
 * copy, or one torn by a power cut, is left out. */
static off_t complete_length(int fd, off_t size)
{
    char buf[4096];
    off_t end = size;
    while (end > 0) {
        size_t n = end < (off_t)sizeof(buf) ? (size_t)end : sizeof(buf);
        ssize_t r = pread(fd, buf, n, end - (off_t)n);
        if (r != (ssize_t)n)
            return 0;
        for (size_t i = n; i-- > 0;)
            if (buf[i] == '\n')
                return end - (off_t)n + (off_t)i + 1;
        end -= (off_t)n;
    }
    return 0;
}

bool proof_export(const char *records_dir, const char *dest_dir, struct proof_export_result *result,
                  char *err, size_t errlen)
{
    struct proof_export_result res = {0};
    size_t count = 0;
    char **names = proof_files_list(records_dir, &count);
    bool ok = true;
    if (count > 0 && !file_mkdir_p(dest_dir)) {
        snprintf(err, errlen, "%s: cannot create the folder: %s", dest_dir, strerror(errno));
        ok = false;
    }
    for (size_t i = 0; ok && i < count; i++) {
        char *src = file_join(records_dir, names[i]);
        char *dst = file_join(dest_dir, names[i]);
        bool current = !strcmp(names[i], PROOF_CURRENT_FILE);
        int in = open(src, O_RDONLY | O_CLOEXEC);
        struct stat st, dst_st;
        if (in < 0 || fstat(in, &st) != 0) {
            if (errno != ENOENT) { /* rotated away or pruned meanwhile: nothing to copy */
                snprintf(err, errlen, "%s: cannot open: %s", src, strerror(errno));
                ok = false;
            }
        } else {
            off_t size = current ? complete_length(in, st.st_size) : st.st_size;
            if (!current && stat(dst, &dst_st) == 0 && dst_st.st_size == size) {
                res.skipped++;
            } else if (copy_to(in, size, dst, err, errlen)) {
                res.copied++;
            } else {
                ok = false;
            }
        }
        if (in >= 0)
            close(in);
        free(src);
        free(dst);
    }
    proof_files_free(names);
    if (res.copied > 0) {
        if (!file_fsync_dir(dest_dir)) {
            if (ok)
                snprintf(err, errlen, "%s: fsync of the folder failed: %s", dest_dir,
                         strerror(errno));
            ok = false;
        }
    }
    if (result)
        *result = res;
    if (!ok)
        LOG_WARN("export of proof of play: %s", err);
    return ok;
}
