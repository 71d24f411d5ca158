/* The studio edits files on the user's disk, so a web page elsewhere must not be able to drive
 * it. Three checks on every request (the Host header against DNS rebinding, the Origin header
 * against cross-site requests, the token against every other program on the machine) and one
 * on every path (it stays in the playlist folder). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "studio/studio_internal.h"

/* "127.0.0.1:PORT" or "localhost:PORT" exactly: a name that resolves to 127.0.0.1 through a
 * DNS record an attacker controls carries that name here instead. */
static bool is_local_authority(const struct studio *st, const char *s)
{
    char a[64], b[64];
    snprintf(a, sizeof a, "127.0.0.1:%d", st->port);
    snprintf(b, sizeof b, "localhost:%d", st->port);
    return !strcmp(s, a) || !strcmp(s, b);
}

bool guard_host_ok(const struct studio *st, const char *host)
{
    return host && is_local_authority(st, host);
}

bool guard_origin_ok(const struct studio *st, const char *origin)
{
    if (!origin)
        return true; /* same-origin GETs and programs such as curl send none */
    return !strncmp(origin, "http://", 7) && is_local_authority(st, origin + 7);
}

bool guard_token_ok(const struct studio *st, const char *token)
{
    if (!token || strlen(token) != strlen(st->token))
        return false;
    return sodium_memcmp(token, st->token, strlen(st->token)) == 0;
}

bool guard_relative_ok(const char *rel)
{
    size_t n = strlen(rel);
    if (n == 0 || n > 255 || rel[0] == '/')
        return false;
    const char *seg = rel;
    for (;;) {
        const char *end = strchr(seg, '/');
        size_t len = end ? (size_t)(end - seg) : strlen(seg);
        /* Empty, ".", ".." and hidden names are refused alike. */
        if (len == 0 || seg[0] == '.')
            return false;
        for (size_t i = 0; i < len; i++) {
            unsigned char c = (unsigned char)seg[i];
            if (c < 0x20 || c == 0x7f || c == '\\' || c == ':')
                return false;
        }
        if (!end)
            return true;
        seg = end + 1;
    }
}

int guard_open_inside(const char *dir, const char *rel, size_t max_size, size_t *size)
{
    if (!guard_relative_ok(rel))
        return -1;
    char *joined = NULL;
    if (asprintf(&joined, "%s/%s", dir, rel) < 0)
        return -1;
    /* Links inside the folder are fine; the real path must still be inside it. */
    char *real = realpath(joined, NULL);
    free(joined);
    if (!real)
        return -1;
    size_t dl = strlen(dir);
    bool inside = !strncmp(real, dir, dl) && real[dl] == '/';
    int fd = inside ? open(real, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK) : -1;
    free(real);
    if (!inside)
        return -2;
    if (fd < 0)
        return -1;
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || (size_t)sb.st_size > max_size) {
        close(fd);
        return -1;
    }
    int flags = fcntl(fd, F_GETFL);
    fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    *size = (size_t)sb.st_size;
    return fd;
}

bool guard_file_inside(const char *dir, const char *rel)
{
    size_t size;
    int fd = guard_open_inside(dir, rel, SIZE_MAX, &size);
    if (fd >= 0)
        close(fd);
    return fd >= 0;
}
