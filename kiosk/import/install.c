#define LOG_MODULE "install"
#include "import/install.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/file.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "import/unpack.h"

int install_lock(const char *state_dir, char *err, size_t errlen)
{
    char *versions = file_join(state_dir, "versions");
    bool made = file_mkdir_p(versions);
    free(versions);
    if (!made) {
        snprintf(err, errlen, "%s: cannot create the state folder: %s", state_dir, strerror(errno));
        return -1;
    }
    char *path = file_join(state_dir, "lock");
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot be opened: %s", path, strerror(errno));
    } else if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        snprintf(err, errlen, "%s: another import is running; try again when it has finished",
                 path);
        close(fd);
        fd = -2;
    }
    free(path);
    return fd;
}

char *install_staging_reset(const char *state_dir, char *err, size_t errlen)
{
    char *staging = file_join(state_dir, "staging");
    if (!unpack_remove_tree(staging) || mkdir(staging, 0755) != 0) {
        snprintf(err, errlen, "%s: cannot be emptied and created: %s", staging, strerror(errno));
        free(staging);
        return NULL;
    }
    return staging;
}

static bool parse_info(const char *path, uint64_t *version, char *group)
{
    char *text = NULL;
    size_t len = 0;
    char err[256];
    if (!file_read_regular(path, FILE_NOFOLLOW, 256, &text, &len, err, sizeof err))
        return false;
    if (len > 0 && text[len - 1] == '\n')
        text[len - 1] = '\0';
    struct minisig_bundle_info info;
    bool ok = minisig_bundle_info_parse(text, &info, err, sizeof err);
    free(text);
    if (ok) {
        *version = info.version;
        snprintf(group, MINISIG_GROUP_MAX + 1, "%s", info.group);
    }
    return ok;
}

/* The version number a link names ("versions/N"), or 0. */
static uint64_t link_version(const char *state_dir, const char *which)
{
    char *link = file_join(state_dir, which);
    char target[PATH_MAX];
    ssize_t n = readlink(link, target, sizeof target - 1);
    free(link);
    if (n <= 0)
        return 0;
    target[n] = '\0';
    if (strncmp(target, "versions/", 9) != 0)
        return 0;
    char *end;
    unsigned long long v = strtoull(target + 9, &end, 10);
    return *end == '\0' ? (uint64_t)v : 0;
}

uint64_t install_link_version(const char *state_dir, const char *which)
{
    return link_version(state_dir, which);
}

static char *highest_path(const char *state_dir, const char *group)
{
    return xasprintf("%s/highest-version.%s", state_dir, group);
}

uint64_t install_highest(const char *state_dir, const char *group)
{
    uint64_t highest = 0, v = 0;
    char g[MINISIG_GROUP_MAX + 1];
    char *path = highest_path(state_dir, group);
    if (parse_info(path, &v, g) && !strcmp(g, group))
        highest = v;
    free(path);
    static const char *const links[] = {"current", "previous"};
    for (int i = 0; i < 2; i++) {
        struct install_info info;
        if (install_read(state_dir, links[i], &info) && !strcmp(info.group, group) &&
            info.version > highest)
            highest = info.version;
    }
    return highest;
}

bool install_record_highest(const char *state_dir, uint64_t version, const char *group, char *err,
                            size_t errlen)
{
    uint64_t v = 0;
    char g[MINISIG_GROUP_MAX + 1];
    char *path = highest_path(state_dir, group);
    bool ok = true;
    if (!(parse_info(path, &v, g) && !strcmp(g, group) && v >= version)) {
        char *text = xasprintf("kiosk-bundle version=%" PRIu64 " group=%s\n", version, group);
        ok = file_write_atomic(path, text, strlen(text), err, errlen);
        free(text);
    }
    free(path);
    return ok;
}

bool install_read(const char *state_dir, const char *which, struct install_info *out)
{
    uint64_t v = link_version(state_dir, which);
    if (v == 0)
        return false;
    char *dir = xasprintf("%s/versions/%" PRIu64, state_dir, v);
    char *info = file_join(dir, "bundle.info");
    char *playlist = xasprintf("%s/content/playlist.json", dir);
    struct stat st;
    bool ok = parse_info(info, &out->version, out->group) && out->version == v &&
              stat(playlist, &st) == 0 && S_ISREG(st.st_mode);
    if (ok)
        snprintf(out->content_dir, sizeof out->content_dir, "%s/content", dir);
    free(dir);
    free(info);
    free(playlist);
    return ok;
}

/* Points STATE/name at target by making name.new and renaming it over name. */
static bool switch_link(const char *state_dir, const char *name, const char *target, char *err,
                        size_t errlen)
{
    char *link = file_join(state_dir, name);
    char *tmp = xasprintf("%s.new", link);
    unlink(tmp);
    bool ok = symlink(target, tmp) == 0 && rename(tmp, link) == 0;
    if (!ok) {
        snprintf(err, errlen, "%s: cannot be switched to %s: %s", link, target, strerror(errno));
        unlink(tmp);
    }
    free(tmp);
    free(link);
    return ok;
}

/* Removes every versions/ entry that neither current nor previous names. */
static void remove_unreferenced(const char *state_dir)
{
    uint64_t keep1 = link_version(state_dir, "current");
    uint64_t keep2 = link_version(state_dir, "previous");
    char *versions = file_join(state_dir, "versions");
    DIR *d = opendir(versions);
    if (!d) {
        free(versions);
        return;
    }
    struct dirent *de;
    while ((de = readdir(d))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        char *end;
        unsigned long long v = strtoull(de->d_name, &end, 10);
        if (*end == '\0' && (v == keep1 || v == keep2))
            continue;
        char *path = file_join(versions, de->d_name);
        LOG_INFO("removing %s (no longer current or previous)", path);
        if (!unpack_remove_tree(path))
            LOG_WARN("%s: cannot be removed: %s", path, strerror(errno));
        free(path);
    }
    closedir(d);
    file_fsync_dir(versions);
    free(versions);
}

bool install_commit(const char *state_dir, const char *staged_dir, uint64_t version,
                    const char *group, struct install_info *out, bool *switched, char *err,
                    size_t errlen)
{
    bool ok = false;
    *switched = false;
    char *info_path = file_join(staged_dir, "bundle.info");
    char *info = xasprintf("kiosk-bundle version=%" PRIu64 " group=%s\n", version, group);
    char *versions = file_join(state_dir, "versions");
    char *dest = xasprintf("%s/%" PRIu64, versions, version);
    char *target = xasprintf("versions/%" PRIu64, version);
    char *old_target = NULL, *staged_parent = NULL;

    if (!file_write_atomic(info_path, info, strlen(info), err, errlen))
        goto cleanup;
    if (!file_fsync_dir(staged_dir)) {
        snprintf(err, errlen, "%s: fsync failed: %s", staged_dir, strerror(errno));
        goto cleanup;
    }
    /* The staged folder's own name too, before it moves: POSIX does not promise that a rename
     * carries a name that was never made durable where it was (the power-cut test's model). */
    staged_parent = file_dirname(staged_dir);
    if (!file_fsync_dir(staged_parent)) {
        snprintf(err, errlen, "%s: fsync failed: %s", staged_parent, strerror(errno));
        goto cleanup;
    }
    /* A leftover of the same number is unreferenced (the version check made sure it is not
     * current); it was a broken current that was fallen back from. */
    if (!unpack_remove_tree(dest) || rename(staged_dir, dest) != 0) {
        snprintf(err, errlen, "%s: cannot be moved into place: %s", dest, strerror(errno));
        goto cleanup;
    }
    if (!file_fsync_dir(versions)) {
        snprintf(err, errlen, "%s: fsync failed: %s", versions, strerror(errno));
        goto cleanup;
    }
    uint64_t old = link_version(state_dir, "current");
    if (old != 0) {
        old_target = xasprintf("versions/%" PRIu64, old);
        if (!switch_link(state_dir, "previous", old_target, err, errlen))
            goto cleanup;
    }
    /* The moment of truth: one rename. Before it the old content is current, after it the
     * new one; both are complete. */
    if (!switch_link(state_dir, "current", target, err, errlen))
        goto cleanup;
    /* From here on version N is what plays, whatever fails next: out says so, and the caller
     * reports it as installed (with the failure as a warning), never as refused. */
    *switched = true;
    out->version = version;
    snprintf(out->group, sizeof out->group, "%s", group);
    snprintf(out->content_dir, sizeof out->content_dir, "%s/content", dest);
    if (!file_fsync_dir(state_dir)) {
        snprintf(err, errlen,
                 "%s: fsync failed after the switch to version %" PRIu64
                 " (a power cut now may bring back the version before): %s",
                 state_dir, version, strerror(errno));
        goto cleanup;
    }
    /* After the switch, not before: a record of N with current still at N-1 would refuse a
     * retry of N. A crash between the two is caught by install_highest (it looks at the
     * links too) and by recovery. */
    if (!install_record_highest(state_dir, version, group, err, errlen))
        goto cleanup;
    remove_unreferenced(state_dir);
    if (!install_read(state_dir, "current", out)) {
        snprintf(err, errlen, "%s: the installed version %" PRIu64 " cannot be read back", dest,
                 version);
        goto cleanup;
    }
    ok = true;

cleanup:
    free(info_path);
    free(info);
    free(versions);
    free(dest);
    free(target);
    free(old_target);
    free(staged_parent);
    return ok;
}

bool install_recover(const char *state_dir, struct install_info *out)
{
    char *staging = file_join(state_dir, "staging");
    struct stat st;
    if (lstat(staging, &st) == 0) {
        LOG_INFO("removing %s, left by an interrupted import", staging);
        unpack_remove_tree(staging);
    }
    free(staging);
    for (int i = 0; i < 2; i++) {
        char *tmp = xasprintf("%s/%s.new", state_dir, i ? "previous" : "current");
        if (unlink(tmp) == 0)
            LOG_INFO("removed %s, left by an interrupted import", tmp);
        free(tmp);
    }
    /* Half-written copies of the highest-version records (file_write_atomic's temporaries). */
    DIR *d = opendir(state_dir);
    struct dirent *de;
    while (d && (de = readdir(d))) {
        if (strncmp(de->d_name, "highest-version.", 16) != 0 || !strstr(de->d_name, ".tmp-"))
            continue;
        char *tmp = file_join(state_dir, de->d_name);
        if (unlink(tmp) == 0)
            LOG_INFO("removed %s, left by an interrupted import", tmp);
        free(tmp);
    }
    if (d)
        closedir(d);
    bool ok = install_read(state_dir, "current", out);
    char *current_link = file_join(state_dir, "current");
    char *previous_link = file_join(state_dir, "previous");
    /* A new kiosk has neither: nothing is wrong, the first import installs the first version. */
    bool fresh = lstat(current_link, &st) != 0 && lstat(previous_link, &st) != 0;
    free(current_link);
    free(previous_link);
    if (!ok && fresh) {
        LOG_INFO("%s: no content installed yet", state_dir);
    } else if (!ok) {
        char err[512];
        ok = install_fall_back(state_dir, out, err, sizeof err);
        if (!ok)
            LOG_WARN("%s: no usable current or previous content: %s", state_dir, err);
    } else {
        /* A previous that is unusable is forgotten rather than fallen back to later. */
        struct install_info prev;
        char *prev_link = file_join(state_dir, "previous");
        if (lstat(prev_link, &st) == 0 && !install_read(state_dir, "previous", &prev)) {
            LOG_WARN("%s: unusable, removed", prev_link);
            unlink(prev_link);
        }
        free(prev_link);
    }
    if (ok) {
        char err[512];
        if (!install_record_highest(state_dir, out->version, out->group, err, sizeof err))
            LOG_WARN("%s", err);
    }
    remove_unreferenced(state_dir);
    file_fsync_dir(state_dir);
    return ok;
}

bool install_fall_back(const char *state_dir, struct install_info *out, char *err, size_t errlen)
{
    struct install_info prev;
    if (!install_read(state_dir, "previous", &prev)) {
        snprintf(err, errlen, "%s/previous: missing or unusable; nothing to fall back to",
                 state_dir);
        return false;
    }
    char *from = file_join(state_dir, "previous");
    char *to = file_join(state_dir, "current");
    bool ok = rename(from, to) == 0;
    if (!ok)
        snprintf(err, errlen, "%s: cannot become current: %s", from, strerror(errno));
    free(from);
    free(to);
    if (!ok)
        return false;
    file_fsync_dir(state_dir);
    LOG_WARN("%s: current content unusable; fell back to version %" PRIu64, state_dir,
             prev.version);
    remove_unreferenced(state_dir);
    *out = prev;
    return true;
}
