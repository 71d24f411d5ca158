#define LOG_MODULE "emergency"
#include "emergency/order.h"

#include <fcntl.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/file.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "import/signed_order.h"

/* The note as staff will read it: printable, one line, bounded. */
static void copy_note(char *dst, const char *src, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n < EMERGENCY_NOTE_MAX; i++) {
        unsigned char ch = (unsigned char)src[i];
        if (ch == '\n' || ch == '\r')
            break;
        dst[n++] = ch < 0x20 || ch == 0x7f ? ' ' : (char)ch;
    }
    /* Never end in the middle of a UTF-8 character. */
    while (n > 0 && ((unsigned char)dst[n - 1] & 0xC0) == 0x80)
        n--;
    if (n > 0 && ((unsigned char)dst[n - 1] & 0x80))
        n--;
    dst[n] = '\0';
}

bool emergency_order_read(const char *folder, const char *keys_dir, const char *group,
                          const char *state_dir, struct emergency_order *out, char *err,
                          size_t errlen)
{
    memset(out, 0, sizeof *out);
    char *opath = file_join(folder, EMERGENCY_ORDER_PATH);
    char *spath = file_join(folder, EMERGENCY_SIGNATURE_PATH);
    char *text = NULL, *comment = xmalloc(MINISIG_COMMENT_MAX + 1);
    size_t len = 0;
    json_t *root = NULL;
    bool ok = false;
    if (!signed_order_read(opath, spath, EMERGENCY_ORDER_MAX, keys_dir, &text, &len, comment, err,
                           errlen))
        goto out;
    struct minisig_emergency_info info;
    if (!minisig_emergency_info_parse(comment, &info, err, errlen)) {
        char why[512];
        snprintf(why, sizeof why, "%s", err);
        snprintf(err, errlen, "%s: %s", spath, why);
        goto out;
    }
    if (strcmp(info.group, group) != 0) {
        snprintf(err, errlen, "%s: the order is for group \"%s\", this kiosk is in \"%s\"", spath,
                 info.group, group);
        goto out;
    }
    uint64_t last = signed_order_seq_last(state_dir, EMERGENCY_SEQ_FILE);
    if (info.seq <= last) {
        snprintf(err, errlen,
                 "%s: seq=%" PRIu64 " is not newer than the last emergency order this kiosk "
                 "took (seq=%" PRIu64 "): an old order is never acted on again",
                 spath, info.seq, last);
        goto out;
    }
    json_error_t je;
    root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (!root || !json_is_object(root)) {
        snprintf(err, errlen, "%s:%d:%d: %s", opath, je.line, je.column,
                 root ? "expected an object such as {\"format\": 1}" : je.text);
        goto out;
    }
    json_t *format = json_object_get(root, "format");
    if (!json_is_integer(format) || json_integer_value(format) != 1) {
        snprintf(err, errlen, "%s: field \"format\": expected 1", opath);
        goto out;
    }
    const char *key;
    json_t *value;
    json_object_foreach(root, key, value)
    {
        if (strcmp(key, "format") != 0 && strcmp(key, "note") != 0) {
            snprintf(err, errlen, "%s: unknown field \"%.40s\"; expected \"format\" and \"note\"",
                     opath, key);
            goto out;
        }
    }
    json_t *note = json_object_get(root, "note");
    if (note && !json_is_string(note)) {
        snprintf(err, errlen, "%s: field \"note\": expected a string for staff", opath);
        goto out;
    }
    if (note)
        copy_note(out->note, json_string_value(note), json_string_length(note));
    out->start = info.start;
    out->seq = info.seq;
    snprintf(out->group, sizeof out->group, "%s", info.group);
    ok = true;
out:
    json_decref(root);
    free(comment);
    free(text);
    free(opath);
    free(spath);
    return ok;
}

bool emergency_order_commit(const char *state_dir, uint64_t seq, char *err, size_t errlen)
{
    return signed_order_seq_commit(state_dir, EMERGENCY_SEQ_FILE, seq, err, errlen);
}

bool emergency_request_write(const char *state_dir, bool start, const char *note, char *err,
                             size_t errlen)
{
    char *path = file_join(state_dir, EMERGENCY_REQUEST_FILE);
    char *text = xasprintf("%s\n%s\n", start ? "start" : "end", note ? note : "");
    bool ok = file_write_atomic(path, text, strlen(text), err, errlen);
    free(text);
    free(path);
    return ok;
}

bool emergency_request_take(const char *state_dir, struct emergency_order *out)
{
    char *path = file_join(state_dir, EMERGENCY_REQUEST_FILE);
    memset(out, 0, sizeof *out);
    bool ok = false;
    /* No link followed, nothing but a small regular file of a trusted owner. */
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        free(path);
        return false;
    }
    struct stat st;
    char buf[EMERGENCY_NOTE_MAX + 16];
    ssize_t n = -1;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (st.st_uid == 0 || st.st_uid == geteuid()))
        n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (unlink(path) != 0)
        LOG_WARN("%s: cannot remove the request after reading it", path);
    if (n < 0) {
        LOG_ERR("%s: ignored: not a regular file of root or of the player's user", path);
        free(path);
        return false;
    }
    buf[n] = '\0';
    size_t first = strcspn(buf, "\n");
    if (first == 5 && !strncmp(buf, "start", 5))
        out->start = ok = true;
    else if (first == 3 && !strncmp(buf, "end", 3))
        ok = true;
    else
        LOG_ERR("%s: ignored: expected \"start\" or \"end\" on its first line", path);
    if (ok && buf[first] == '\n')
        copy_note(out->note, buf + first + 1, strlen(buf + first + 1));
    free(path);
    return ok;
}
