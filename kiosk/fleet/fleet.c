#include "fleet/fleet.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/file.h"
#include "base/xmalloc.h"
#include "import/importer.h"

const char *fleet_state_name(enum fleet_state s)
{
    switch (s) {
    case FLEET_FAILING:
        return "failing";
    case FLEET_SILENT:
        return "silent";
    case FLEET_BEHIND:
        return "behind";
    case FLEET_OK:
        break;
    }
    return "ok";
}

struct group_version {
    char group[MINISIG_GROUP_MAX + 1];
    uint64_t version;
};

struct newest {
    struct group_version *v;
    size_t count, cap;
};

static void newest_note(struct newest *n, const char *group, uint64_t version)
{
    for (size_t i = 0; i < n->count; i++) {
        if (!strcmp(n->v[i].group, group)) {
            if (version > n->v[i].version)
                n->v[i].version = version;
            return;
        }
    }
    n->v = xgrow(n->v, &n->cap, n->count + 1, sizeof *n->v);
    snprintf(n->v[n->count].group, sizeof n->v[n->count].group, "%s", group);
    n->v[n->count++].version = version;
}

static uint64_t newest_of(const struct newest *n, const char *group)
{
    for (size_t i = 0; i < n->count; i++)
        if (!strcmp(n->v[i].group, group))
            return n->v[i].version;
    return 0;
}

/* The version and group a published signature's trusted comment names (not verified here: the
 * kiosks verify; this only says what was published). */
static void published_one(const char *folder, struct newest *n)
{
    char *path = file_join(folder, IMPORT_SIGNATURE_PATH);
    char *text = NULL, err[256];
    size_t size = 0;
    if (file_read_all(path, MINISIG_FILE_MAX, &text, &size, err, sizeof err)) {
        struct minisig_signature *sig = xmalloc(sizeof *sig);
        struct minisig_bundle_info info;
        if (minisig_parse(text, size, path, sig, err, sizeof err) &&
            minisig_bundle_info_parse(sig->trusted_comment, &info, err, sizeof err))
            newest_note(n, info.group, info.version);
        else
            fprintf(stderr, "kiosk: fleet: %s (ignored)\n", err);
        free(sig);
        free(text);
    }
    free(path);
}

static void published_scan(const char *dir, struct newest *n)
{
    published_one(dir, n);
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "kiosk: fleet: cannot read the published folder %s\n", dir);
        return;
    }
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        char *sub = file_join(dir, de->d_name);
        published_one(sub, n);
        free(sub);
    }
    closedir(d);
}

void fleet_kiosk_name(const char *folder, char *out, size_t cap)
{
    char *path = file_join(folder, HEALTH_FILE);
    struct health_report *h = xmalloc(sizeof *h);
    char err[512];
    if (health_report_read(path, h, err, sizeof err) && h->kiosk[0])
        snprintf(out, cap, "%s", h->kiosk);
    else
        snprintf(out, cap, "%s", file_basename(folder));
    free(h);
    free(path);
}

static void add_problem(struct fleet_row *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void add_problem(struct fleet_row *r, const char *fmt, ...)
{
    size_t len = strlen(r->problems);
    if (len >= sizeof r->problems - 1)
        return;
    if (len)
        len += (size_t)snprintf(r->problems + len, sizeof r->problems - len, "; ");
    if (len >= sizeof r->problems - 1)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->problems + len, sizeof r->problems - len, fmt, ap);
    va_end(ap);
}

static void age_text(int64_t s, char *out, size_t cap)
{
    if (s < 120)
        snprintf(out, cap, "%lld s", (long long)s);
    else if (s < 2 * 3600)
        snprintf(out, cap, "%lld min", (long long)(s / 60));
    else if (s < 2 * 86400)
        snprintf(out, cap, "%lld h", (long long)(s / 3600));
    else
        snprintf(out, cap, "%lld days", (long long)(s / 86400));
}

static void judge(struct fleet_row *r, const struct fleet_options *o, int64_t silent_after)
{
    if (!r->has_report) {
        r->state = FLEET_SILENT;
        return;
    }
    const struct health_report *h = &r->health;
    bool failing = false;
    int64_t age = (int64_t)(o->now - h->written);
    char ago[32];
    /* First: a screen in emergency mode shows no show, by design. */
    if (h->emergency[0])
        add_problem(r, "EMERGENCY MODE: %s", h->emergency);
    if (h->has_import && !h->import_ok) {
        add_problem(r, "last import refused (version %llu): %s%s%s",
                    (unsigned long long)h->import_version, h->import_result,
                    h->import_reason[0] ? ": " : "", h->import_reason);
        failing = true;
    }
    if (!h->display_ok) {
        add_problem(r, "not showing content%s%s", h->display[0] ? " on " : "", h->display);
        failing = true;
    }
    if (h->content_version == 0) {
        add_problem(r, "no installed content");
        failing = true;
    }
    bool behind = r->newest > h->content_version;
    if (behind)
        add_problem(r, "shows version %llu, version %llu is published",
                    (unsigned long long)h->content_version, (unsigned long long)r->newest);
    if (h->inbox_waiting[0])
        add_problem(r, "inbox: %s", h->inbox_waiting);
    if (h->problem_count)
        add_problem(r, "%zu recent problem%s, newest: %s", h->problem_count,
                    h->problem_count == 1 ? "" : "s", h->problems[h->problem_count - 1]);
    if (age > silent_after) {
        age_text(age, ago, sizeof ago);
        char note[96];
        snprintf(note, sizeof note, "no report for %s", ago);
        /* First: the rest is as old as the report. */
        size_t nlen = strlen(note) + (r->problems[0] ? 2 : 0);
        size_t keep = strlen(r->problems);
        if (keep > sizeof r->problems - 1 - nlen)
            keep = sizeof r->problems - 1 - nlen;
        memmove(r->problems + nlen, r->problems, keep);
        r->problems[nlen + keep] = '\0';
        memcpy(r->problems, note, strlen(note));
        if (nlen > strlen(note))
            memcpy(r->problems + strlen(note), "; ", 2);
        r->state = FLEET_SILENT;
    } else {
        r->state = failing ? FLEET_FAILING : behind ? FLEET_BEHIND : FLEET_OK;
    }
}

static int compare_rows(const void *pa, const void *pb)
{
    const struct fleet_row *a = pa, *b = pb;
    if (a->state != b->state)
        return a->state < b->state ? -1 : 1;
    int c = strcmp(a->group, b->group);
    return c ? c : strcmp(a->name, b->name);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

bool fleet_read(const char *dir, const struct fleet_options *o, struct fleet *out, char *err,
                size_t errlen)
{
    memset(out, 0, sizeof *out);
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, errlen, "%s: cannot read this folder (expected one folder per kiosk)", dir);
        return false;
    }
    char **names = NULL;
    size_t count = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d)) && count < FLEET_MAX_KIOSKS) {
        if (de->d_name[0] == '.')
            continue;
        char *path = file_join(dir, de->d_name);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            names = xgrow(names, &cap, count + 1, sizeof *names);
            names[count++] = xstrdup(de->d_name);
        }
        free(path);
    }
    closedir(d);
    if (count)
        qsort(names, count, sizeof *names, compare_names);
    struct newest newest = {0};
    if (o->published_dir)
        published_scan(o->published_dir, &newest);
    bool from_published = newest.count > 0;
    out->rows = xcalloc(count ? count : 1, sizeof *out->rows);
    out->count = count;
    for (size_t i = 0; i < count; i++) {
        struct fleet_row *r = &out->rows[i];
        snprintf(r->folder, sizeof r->folder, "%s", names[i]);
        snprintf(r->name, sizeof r->name, "%s", names[i]);
        char *folder = file_join(dir, names[i]);
        char *path = file_join(folder, HEALTH_FILE);
        char why[1024];
        r->has_report = health_report_read(path, &r->health, why, sizeof why);
        if (r->has_report) {
            if (r->health.kiosk[0])
                snprintf(r->name, sizeof r->name, "%s", r->health.kiosk);
            snprintf(r->group, sizeof r->group, "%s", r->health.group);
            if (!from_published && r->group[0])
                newest_note(&newest, r->group, r->health.content_version);
        } else {
            struct stat st;
            if (stat(path, &st) != 0)
                add_problem(r, "no health report yet (%s/%s)", names[i], HEALTH_FILE);
            else
                add_problem(r, "%s", why);
        }
        free(path);
        free(folder);
        free(names[i]);
    }
    free(names);
    int64_t silent_after = o->silent_after_s > 0 ? o->silent_after_s : FLEET_SILENT_AFTER_S;
    for (size_t i = 0; i < count; i++) {
        struct fleet_row *r = &out->rows[i];
        r->newest = r->group[0] ? newest_of(&newest, r->group) : 0;
        judge(r, o, silent_after);
        /* A report that exists but cannot be read is a problem to fix, not a quiet kiosk. */
        if (!r->has_report && !strstr(r->problems, "no health report yet"))
            r->state = FLEET_FAILING;
    }
    free(newest.v);
    qsort(out->rows, count, sizeof *out->rows, compare_rows);
    return true;
}

void fleet_free(struct fleet *f)
{
    free(f->rows);
    f->rows = NULL;
    f->count = 0;
}
