#define LOG_MODULE "trial"
#include "import/trial.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/file.h"
#include "base/log.h"
#include "base/xmalloc.h"

/* Large enough for TRIAL_MAX_BAD records with their reasons. */
#define BAD_FILE_MAX (64 * 1024)
#define WHY_MAX 300

static char *mark_path(const char *state_dir, enum trial_who who)
{
    return file_join(state_dir, who == TRIAL_PLAY ? "trying-play" : "trying-import");
}

/* "version=N group=G ..." -> version and group; the rest of the line is left in *rest. */
static bool parse_head(const char *line, uint64_t *version, char *group, const char **rest)
{
    if (strncmp(line, "version=", 8) != 0)
        return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(line + 8, &end, 10);
    if (errno || v == 0 || strncmp(end, " group=", 7) != 0)
        return false;
    const char *g = end + 7;
    size_t n = strcspn(g, " \n");
    if (n == 0 || n > MINISIG_GROUP_MAX)
        return false;
    *version = v;
    memcpy(group, g, n);
    group[n] = '\0';
    *rest = g + n;
    return true;
}

bool trial_read(const char *state_dir, enum trial_who who, struct trial_mark *out)
{
    char *path = mark_path(state_dir, who);
    char *text = NULL, err[256];
    size_t len = 0;
    bool ok = false;
    memset(out, 0, sizeof *out);
    if (access(path, F_OK) != 0) {
        free(path);
        return false;
    }
    if (!file_read_all(path, 1024, &text, &len, err, sizeof err)) {
        LOG_WARN("%s", err);
    } else {
        const char *rest;
        unsigned attempts;
        long long since;
        ok = parse_head(text, &out->version, out->group, &rest) &&
             sscanf(rest, " attempts=%u since=%lld", &attempts, &since) == 2 && attempts > 0;
        if (ok) {
            out->attempts = attempts;
            out->since = since;
        } else {
            LOG_WARN("%s: not a mark this kiosk wrote (\"version=N group=G attempts=K "
                     "since=T\"); ignored",
                     path);
        }
    }
    free(text);
    free(path);
    return ok;
}

static bool write_mark(const char *state_dir, enum trial_who who, const struct trial_mark *m,
                       char *err, size_t errlen)
{
    char *path = mark_path(state_dir, who);
    char *text = xasprintf("version=%" PRIu64 " group=%s attempts=%u since=%lld\n", m->version,
                           m->group, m->attempts, m->since);
    bool ok = file_write_atomic(path, text, strlen(text), err, errlen);
    free(text);
    free(path);
    return ok;
}

bool trial_begin(const char *state_dir, enum trial_who who, uint64_t version, const char *group,
                 unsigned *attempts, char *err, size_t errlen)
{
    struct trial_mark m;
    if (!trial_read(state_dir, who, &m) || m.version != version || strcmp(m.group, group) != 0) {
        memset(&m, 0, sizeof m);
        m.version = version;
        snprintf(m.group, sizeof m.group, "%s", group);
        m.since = (long long)time(NULL);
    }
    m.attempts++;
    if (attempts)
        *attempts = m.attempts;
    return write_mark(state_dir, who, &m, err, errlen);
}

void trial_end(const char *state_dir, enum trial_who who)
{
    char *path = mark_path(state_dir, who);
    if (unlink(path) == 0)
        file_fsync_dir(state_dir);
    else if (errno != ENOENT)
        LOG_WARN("%s: cannot be removed: %s", path, strerror(errno));
    free(path);
}

void trial_abandon(const char *state_dir, enum trial_who who)
{
    struct trial_mark m;
    if (!trial_read(state_dir, who, &m))
        return;
    if (m.attempts <= 1) {
        trial_end(state_dir, who);
        return;
    }
    m.attempts--;
    char err[512];
    if (!write_mark(state_dir, who, &m, err, sizeof err))
        LOG_WARN("%s", err);
}

/* Calls fn for each well-formed record of bad-versions; stops when fn returns false. */
static void each_bad(const char *text,
                     bool (*fn)(void *data, uint64_t version, const char *group, long long when,
                                const char *why, const char *line, size_t linelen),
                     void *data)
{
    for (const char *line = text; *line;) {
        size_t n = strcspn(line, "\n");
        char buf[WHY_MAX + 128 + MINISIG_GROUP_MAX];
        if (n < sizeof buf) {
            memcpy(buf, line, n);
            buf[n] = '\0';
            uint64_t v;
            char group[MINISIG_GROUP_MAX + 1];
            const char *rest;
            long long when;
            int used = 0;
            if (parse_head(buf, &v, group, &rest) &&
                sscanf(rest, " when=%lld why=%n", &when, &used) == 1 && used > 0 &&
                !fn(data, v, group, when, rest + used, line, n))
                return;
        }
        line += n;
        if (*line == '\n')
            line++;
    }
}

static char *read_bad(const char *state_dir)
{
    char *path = file_join(state_dir, "bad-versions");
    char *text = NULL, err[256];
    size_t len = 0;
    if (access(path, F_OK) == 0 && !file_read_all(path, BAD_FILE_MAX, &text, &len, err, sizeof err))
        LOG_WARN("%s", err);
    free(path);
    return text;
}

struct find_ctx {
    uint64_t version;
    const char *group;
    bool found;
    char *why;
    size_t whylen;
    long long when;
};

static bool find_one(void *data, uint64_t version, const char *group, long long when,
                     const char *why, const char *line, size_t linelen)
{
    (void)line;
    (void)linelen;
    struct find_ctx *c = data;
    if (version != c->version || strcmp(group, c->group) != 0)
        return true;
    c->found = true;
    c->when = when;
    if (c->why)
        snprintf(c->why, c->whylen, "%s", why);
    return false;
}

bool trial_is_bad(const char *state_dir, uint64_t version, const char *group, char *why,
                  size_t whylen, long long *when)
{
    char *text = read_bad(state_dir);
    if (!text)
        return false;
    struct find_ctx c = {.version = version, .group = group, .why = why, .whylen = whylen};
    each_bad(text, find_one, &c);
    free(text);
    if (c.found && when)
        *when = c.when;
    return c.found;
}

struct keep_ctx {
    size_t skip; /* records to drop from the front (the oldest) */
    size_t seen;
    char *out;
    size_t used, size;
};

static bool count_one(void *data, uint64_t version, const char *group, long long when,
                      const char *why, const char *line, size_t linelen)
{
    (void)version, (void)group, (void)when, (void)why, (void)line, (void)linelen;
    ((struct keep_ctx *)data)->seen++;
    return true;
}

static bool keep_one(void *data, uint64_t version, const char *group, long long when,
                     const char *why, const char *line, size_t linelen)
{
    (void)version, (void)group, (void)when, (void)why;
    struct keep_ctx *c = data;
    if (c->seen++ >= c->skip && c->used + linelen + 1 < c->size) {
        memcpy(c->out + c->used, line, linelen);
        c->used += linelen;
        c->out[c->used++] = '\n';
    }
    return true;
}

bool trial_mark_bad(const char *state_dir, uint64_t version, const char *group, const char *why,
                    char *err, size_t errlen)
{
    char *old = read_bad(state_dir);
    struct keep_ctx c = {0};
    if (old)
        each_bad(old, count_one, &c);
    c.skip = c.seen >= TRIAL_MAX_BAD ? c.seen - TRIAL_MAX_BAD + 1 : 0;
    c.seen = 0;
    c.size = BAD_FILE_MAX;
    c.out = xmalloc(c.size);
    if (old)
        each_bad(old, keep_one, &c);
    /* One line, whatever the reason holds. */
    char clean[WHY_MAX];
    snprintf(clean, sizeof clean, "%s", why);
    for (char *p = clean; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    int n = snprintf(c.out + c.used, c.size - c.used,
                     "version=%" PRIu64 " group=%s when=%lld "
                     "why=%s\n",
                     version, group, (long long)time(NULL), clean);
    c.used += n > 0 ? (size_t)n : 0;
    char *path = file_join(state_dir, "bad-versions");
    bool ok = file_write_atomic(path, c.out, c.used, err, errlen);
    if (ok)
        LOG_ERR("version %" PRIu64 " of group \"%s\" is marked bad: %s", version, group, clean);
    free(path);
    free(c.out);
    free(old);
    return ok;
}

bool trial_describe_bad(const char *state_dir, uint64_t version, const char *group, char *out,
                        size_t outlen)
{
    char why[WHY_MAX];
    long long when = 0;
    if (!trial_is_bad(state_dir, version, group, why, sizeof why, &when))
        return false;
    char date[32] = "?";
    time_t t = (time_t)when;
    struct tm tm;
    if (localtime_r(&t, &tm))
        strftime(date, sizeof date, "%Y-%m-%d %H:%M", &tm);
    snprintf(out, outlen,
             "version %" PRIu64 " of group \"%s\" was marked bad on this kiosk on "
             "%s (%s)",
             version, group, date, why);
    return true;
}

bool trial_import_begin(const char *state_dir, uint64_t version, const char *group, char *why,
                        size_t whylen)
{
    char what[WHY_MAX + 160], err[512];
    struct trial_mark m;
    if (!trial_describe_bad(state_dir, version, group, what, sizeof what) &&
        trial_read(state_dir, TRIAL_IMPORT, &m) && m.version == version &&
        !strcmp(m.group, group) && m.attempts >= TRIAL_MAX_ATTEMPTS) {
        char reason[128];
        snprintf(reason, sizeof reason, "the importer stopped %u times while installing it",
                 m.attempts);
        if (!trial_mark_bad(state_dir, version, group, reason, err, sizeof err))
            LOG_WARN("%s", err);
        trial_end(state_dir, TRIAL_IMPORT);
        if (!trial_describe_bad(state_dir, version, group, what, sizeof what))
            snprintf(what, sizeof what, "version %" PRIu64 " of group \"%s\": %s", version, group,
                     reason);
    } else if (!trial_describe_bad(state_dir, version, group, what, sizeof what)) {
        if (!trial_begin(state_dir, TRIAL_IMPORT, version, group, NULL, err, sizeof err))
            LOG_WARN("%s", err);
        return true;
    }
    snprintf(why, whylen, "%s; it is not installed again: only a newer version is accepted", what);
    return false;
}
