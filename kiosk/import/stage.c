#define LOG_MODULE "stage"
#include "import/stage.h"

#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <sodium.h>

#include "base/file.h"
#include "base/log.h"
#include "base/xmalloc.h"

#define COPY_CHUNK (256 * 1024)

bool stage_free_bytes(const char *path, uint64_t *free_bytes)
{
    struct statvfs vfs;
    if (statvfs(path, &vfs) != 0)
        return false;
    *free_bytes = (uint64_t)vfs.f_bavail * (uint64_t)vfs.f_frsize;
    return true;
}

enum stage_status stage_copy(const char *src, const char *dst, const struct stage_limits *limits,
                             stage_progress_fn progress, void *data,
                             uint8_t hash[MINISIG_HASH_BYTES], uint64_t *size, char *err,
                             size_t errlen)
{
    enum stage_status status = STAGE_OK;
    int in = -1, out = -1;
    uint8_t *buf = NULL;
    crypto_generichash_state st;

    /* Opened without waiting and type-checked first: a FIFO on the stick must not hang us. */
    size_t src_size = 0;
    in = file_open_regular(src, FILE_NOFOLLOW, SIZE_MAX, &src_size, err, errlen);
    if (in < 0) {
        size_t n = strlen(err);
        snprintf(err + n, errlen - n, "; expected the bundle on the stick");
        status = STAGE_SOURCE_FAILED;
        goto cleanup;
    }
    uint64_t total = (uint64_t)src_size;
    if (total > limits->max_bytes) {
        snprintf(err, errlen, "%s: is %llu bytes; the largest bundle accepted is %llu bytes", src,
                 (unsigned long long)total, (unsigned long long)limits->max_bytes);
        status = STAGE_TOO_BIG;
        goto cleanup;
    }
    char *dir = file_dirname(dst);
    uint64_t avail = 0;
    bool known = stage_free_bytes(dir, &avail);
    free(dir);
    /* The copy, then its unpacked content beside it, then the reserve. */
    uint64_t need = 2 * total + limits->reserve_bytes;
    if (known && avail < need) {
        snprintf(err, errlen,
                 "%s: needs %llu MB of free space on the kiosk (bundle, unpacked "
                 "content and reserve), only %llu MB are free",
                 src, (unsigned long long)((need + 999999) / 1000000),
                 (unsigned long long)(avail / 1000000));
        status = STAGE_NO_SPACE;
        goto cleanup;
    }
    out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (out < 0) {
        snprintf(err, errlen, "%s: cannot be created: %s", dst, strerror(errno));
        status = STAGE_WRITE_FAILED;
        goto cleanup;
    }
    buf = xmalloc(COPY_CHUNK);
    crypto_generichash_init(&st, NULL, 0, MINISIG_HASH_BYTES);
    uint64_t done = 0;
    for (;;) {
        ssize_t n = read(in, buf, COPY_CHUNK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            snprintf(err, errlen,
                     "%s: read failed after %llu bytes (%s); was the stick pulled "
                     "out?",
                     src, (unsigned long long)done, strerror(errno));
            status = STAGE_SOURCE_FAILED;
            goto cleanup;
        }
        if (n == 0)
            break;
        if (done + (uint64_t)n > limits->max_bytes) {
            snprintf(err, errlen, "%s: grew past %llu bytes while being copied", src,
                     (unsigned long long)limits->max_bytes);
            status = STAGE_TOO_BIG;
            goto cleanup;
        }
        /* Hash what we write, in the same buffer: the signature covers the staged bytes. */
        if (!file_write_fd(out, buf, (size_t)n, NULL)) {
            int e = errno;
            snprintf(err, errlen, "%s: writing failed after %llu bytes: %s", dst,
                     (unsigned long long)done, strerror(e));
            status = e == ENOSPC || e == EDQUOT ? STAGE_NO_SPACE : STAGE_WRITE_FAILED;
            goto cleanup;
        }
        crypto_generichash_update(&st, buf, (size_t)n);
        done += (uint64_t)n;
        if (progress)
            progress(data, done, total);
    }
    if (done != total) {
        /* A stick whose file shrank or changed under us: refuse rather than guess. */
        snprintf(err, errlen,
                 "%s: was %llu bytes but %llu could be read; was the stick pulled "
                 "out?",
                 src, (unsigned long long)total, (unsigned long long)done);
        status = STAGE_SOURCE_FAILED;
        goto cleanup;
    }
    if (fsync(out) != 0) {
        int e = errno;
        snprintf(err, errlen, "%s: fsync failed: %s", dst, strerror(e));
        status = e == ENOSPC || e == EDQUOT ? STAGE_NO_SPACE : STAGE_WRITE_FAILED;
        goto cleanup;
    }
    crypto_generichash_final(&st, hash, MINISIG_HASH_BYTES);
    *size = done;

cleanup:
    free(buf);
    if (in >= 0)
        close(in);
    if (out >= 0) {
        close(out);
        if (status != STAGE_OK)
            unlink(dst);
    }
    return status;
}
