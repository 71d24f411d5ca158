#define _GNU_SOURCE /* strptime, timegm */
#define LOG_MODULE "health"
#include "fleet/health.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>

#include "base/file.h"
#include "base/log.h"
#include "base/xmalloc.h"

/* The largest health.json read back: a report is about a kilobyte. */
#define HEALTH_FILE_MAX (64 * 1024)

static void format_utc(time_t t, char out[32])
{
    struct tm tm;
    if (!gmtime_r(&t, &tm) || !strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm))
        snprintf(out, 32, "1970-01-01T00:00:00Z");
}

static json_t *str_or_null(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

char *health_report_json(const struct health_facts *f, bool with_time)
{
    json_t *o = json_object();
    char when[32];
    json_object_set_new(o, "format", json_integer(HEALTH_FORMAT));
    json_object_set_new(o, "kiosk", str_or_null(f->kiosk));
    json_object_set_new(o, "device_id", str_or_null(f->device_id));
    json_object_set_new(o, "group", str_or_null(f->screen_group));
    if (with_time) {
        format_utc(f->now, when);
        json_object_set_new(o, "written", json_string(when));
        json_object_set_new(o, "uptime_s", json_integer(f->uptime_ms / 1000));
    }
    json_t *content = json_object();
    json_object_set_new(content, "version", json_integer((json_int_t)f->content_version));
    json_object_set_new(content, "group", str_or_null(f->content_group));
    json_object_set_new(content, "playlist", str_or_null(f->playlist_name));
    json_object_set_new(o, "content", content);
    if (f->has_import) {
        json_t *imp = json_object();
        format_utc(f->import_at, when);
        json_object_set_new(imp, "result", str_or_null(f->import_result));
        json_object_set_new(imp, "ok", json_boolean(f->import_ok));
        json_object_set_new(imp, "reason", str_or_null(f->import_reason));
        json_object_set_new(imp, "version", json_integer((json_int_t)f->import_version));
        json_object_set_new(imp, "at", json_string(when));
        json_object_set_new(o, "last_import", imp);
    } else {
        json_object_set_new(o, "last_import", json_null());
    }
    json_object_set_new(o, "inbox_waiting", str_or_null(f->inbox_waiting));
    /* Free storage moves by itself, as time does: left out of the comparison, so that it alone
     * never causes a rewrite (each one is a transfer to the content machine); the refresh every
     * HEALTH_REFRESH_MS keeps it current. Rounded to 10 MB all the same. */
    struct statvfs vfs;
    if (!with_time) {
        /* not compared */
    } else if (f->state_dir && statvfs(f->state_dir, &vfs) == 0) {
        uint64_t free_bytes = (uint64_t)vfs.f_bavail * vfs.f_frsize;
        free_bytes -= free_bytes % (10u * 1000 * 1000);
        json_object_set_new(o, "storage_free_bytes", json_integer((json_int_t)free_bytes));
    } else {
        json_object_set_new(o, "storage_free_bytes", json_null());
    }
    json_t *display = json_object();
    json_object_set_new(display, "name", str_or_null(f->display));
    json_object_set_new(display, "ok", json_boolean(f->display_ok));
    json_object_set_new(display, "screen_power", str_or_null(f->screen_power));
    json_object_set_new(display, "screen_off", json_boolean(f->screen_off));
    json_object_set_new(o, "display", display);
    json_object_set_new(o, "emergency", str_or_null(f->emergency));
    json_t *problems = json_array();
    for (size_t i = 0; i < f->problem_count && i < HEALTH_MAX_PROBLEMS; i++)
        if (f->problems[i])
            json_array_append_new(problems, json_string(f->problems[i]));
    json_object_set_new(o, "problems", problems);
    char *text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (!text) { /* only when out of memory (jansson allocates): as xmalloc does */
        fputs("kiosk: out of memory\n", stderr);
        abort();
    }
    char *out = xasprintf("%s\n", text);
    free(text);
    return out;
}

bool health_report_write(const char *dir, const struct health_facts *f)
{
    char *text = health_report_json(f, true);
    char *path = file_join(dir, HEALTH_FILE);
    char err[512];
    bool ok = file_mkdir_p(dir) && file_write_atomic(path, text, strlen(text), err, sizeof err);
    if (!ok)
        LOG_WARN("cannot write the health report %s: %s", path,
                 file_mkdir_p(dir) ? err : "the folder cannot be created");
    free(path);
    free(text);
    return ok;
}

struct health_publisher {
    char *dir;
    char *last;         /* the last report written, without its times */
    int64_t written_ms; /* monotonic */
    int64_t refresh_ms;
    bool written;
};

void health_publisher_set_refresh(struct health_publisher *p, int64_t refresh_ms)
{
    p->refresh_ms = refresh_ms > 0 ? refresh_ms : HEALTH_REFRESH_MS;
}

struct health_publisher *health_publisher_create(const char *dir)
{
    struct health_publisher *p = xcalloc(1, sizeof *p);
    p->dir = xstrdup(dir);
    p->refresh_ms = HEALTH_REFRESH_MS;
    return p;
}

void health_publisher_update(struct health_publisher *p, const struct health_facts *f,
                             int64_t now_ms)
{
    char *text = health_report_json(f, false);
    bool changed = !p->last || strcmp(text, p->last) != 0;
    if (!changed && p->written && now_ms - p->written_ms < p->refresh_ms) {
        free(text);
        return;
    }
    /* A failed write is tried again at the next update, logged once per change. */
    if (health_report_write(p->dir, f)) {
        p->written = true;
        p->written_ms = now_ms;
        free(p->last);
        p->last = text;
    } else {
        free(text);
    }
}

void health_publisher_destroy(struct health_publisher *p)
{
    if (!p)
        return;
    free(p->dir);
    free(p->last);
    free(p);
}

static void copy_str(json_t *o, const char *key, char *out, size_t cap)
{
    json_t *v = json_object_get(o, key);
    snprintf(out, cap, "%s", json_is_string(v) ? json_string_value(v) : "");
}

static bool parse_utc(const char *s, time_t *out)
{
    struct tm tm = {0};
    const char *end = strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm);
    if (!end || *end)
        return false;
    *out = timegm(&tm);
    return true;
}

bool health_report_read(const char *path, struct health_report *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    out->free_bytes = -1;
    char *data = NULL;
    size_t size = 0;
    if (!file_read_all(path, HEALTH_FILE_MAX, &data, &size, err, errlen))
        return false;
    json_error_t je;
    json_t *o = json_loadb(data, size, 0, &je);
    free(data);
    if (!o) {
        snprintf(err, errlen, "%s:%d:%d: not a health report: %s", path, je.line, je.column,
                 je.text);
        return false;
    }
    bool ok = false;
    json_t *format = json_object_get(o, "format");
    const char *written = json_string_value(json_object_get(o, "written"));
    if (!json_is_object(o) || !json_is_integer(format)) {
        snprintf(err, errlen, "%s: expected an object with \"format\": %d", path, HEALTH_FORMAT);
    } else if (json_integer_value(format) != HEALTH_FORMAT) {
        snprintf(err, errlen, "%s: field \"format\": expected %d, found %lld (a newer kiosk?)",
                 path, HEALTH_FORMAT, (long long)json_integer_value(format));
    } else if (!written || !parse_utc(written, &out->written)) {
        snprintf(err, errlen, "%s: field \"written\": expected a time YYYY-MM-DDTHH:MM:SSZ", path);
    } else {
        ok = true;
    }
    if (!ok) {
        json_decref(o);
        return false;
    }
    copy_str(o, "kiosk", out->kiosk, sizeof out->kiosk);
    copy_str(o, "device_id", out->device_id, sizeof out->device_id);
    copy_str(o, "group", out->group, sizeof out->group);
    copy_str(o, "inbox_waiting", out->inbox_waiting, sizeof out->inbox_waiting);
    copy_str(o, "emergency", out->emergency, sizeof out->emergency);
    out->uptime_s = json_integer_value(json_object_get(o, "uptime_s"));
    json_t *fb = json_object_get(o, "storage_free_bytes");
    if (json_is_integer(fb))
        out->free_bytes = json_integer_value(fb);
    json_t *content = json_object_get(o, "content");
    json_int_t v = json_integer_value(json_object_get(content, "version"));
    out->content_version = v > 0 ? (uint64_t)v : 0;
    copy_str(content, "playlist", out->playlist, sizeof out->playlist);
    json_t *imp = json_object_get(o, "last_import");
    if (json_is_object(imp)) {
        out->has_import = true;
        out->import_ok = json_is_true(json_object_get(imp, "ok"));
        copy_str(imp, "result", out->import_result, sizeof out->import_result);
        copy_str(imp, "reason", out->import_reason, sizeof out->import_reason);
        v = json_integer_value(json_object_get(imp, "version"));
        out->import_version = v > 0 ? (uint64_t)v : 0;
        const char *at = json_string_value(json_object_get(imp, "at"));
        if (!at || !parse_utc(at, &out->import_at))
            out->import_at = 0;
    }
    json_t *display = json_object_get(o, "display");
    copy_str(display, "name", out->display, sizeof out->display);
    json_t *dok = json_object_get(display, "ok");
    out->display_ok = !dok || json_is_true(dok);
    out->screen_off = json_is_true(json_object_get(display, "screen_off"));
    copy_str(display, "screen_power", out->screen_power, sizeof out->screen_power);
    json_t *problems = json_object_get(o, "problems");
    size_t i;
    json_t *p;
    json_array_foreach(problems, i, p)
    {
        if (out->problem_count < HEALTH_MAX_PROBLEMS && json_is_string(p))
            snprintf(out->problems[out->problem_count++], HEALTH_TEXT_MAX, "%s",
                     json_string_value(p));
    }
    json_decref(o);
    return true;
}
