#define LOG_MODULE "status"
#include "app/status.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/statvfs.h>

#include "base/log.h"

void status_format_duration(int64_t ms, char *out, size_t outlen)
{
    int64_t s = ms / 1000;
    if (s < 60)
        snprintf(out, outlen, "%" PRId64 " s", s < 0 ? 0 : s);
    else if (s < 3600)
        snprintf(out, outlen, "%" PRId64 " min %" PRId64 " s", s / 60, s % 60);
    else if (s < 86400)
        snprintf(out, outlen, "%" PRId64 " h %" PRId64 " min", s / 3600, s / 60 % 60);
    else
        snprintf(out, outlen, "%" PRId64 " d %" PRId64 " h", s / 86400, s / 3600 % 24);
}

void status_format_bytes(uint64_t bytes, char *out, size_t outlen)
{
    if (bytes >= (uint64_t)1 << 30)
        snprintf(out, outlen, "%.1f GB", bytes / (double)(1 << 30));
    else
        snprintf(out, outlen, "%" PRIu64 " MB", bytes >> 20);
}

static char *line(struct status_text *t, size_t *used)
{
    return *used < STATUS_MAX_LINES ? t->lines[(*used)++] : NULL;
}

#define ADD(small, ...)                                                                            \
    do {                                                                                           \
        char *l_ = line(text, &used);                                                              \
        if (l_) {                                                                                  \
            snprintf(l_, sizeof text->lines[0], __VA_ARGS__);                                      \
            notice_add(out, l_, "en", small);                                                      \
        }                                                                                          \
    } while (0)

void status_build(const struct status_facts *f, struct status_text *text, struct notice *out)
{
    memset(out, 0, sizeof *out);
    out->page = true;
    out->progress = -1;
    out->tone = NOTICE_NEUTRAL;
    size_t used = 0;
    char a[64], b[64];

    /* The title in Hebrew first, as everything staff read on the screen. */
    notice_add(out, "מצב הקיוסק · Kiosk status", "he", false);
    if (f->emergency_why) {
        /* First, not small: the reason the screen shows no show. */
        time_t since = (time_t)(f->emergency_since_wall_ms / 1000);
        struct tm tm;
        localtime_r(&since, &tm);
        strftime(b, sizeof b, "%Y-%m-%d %H:%M:%S", &tm);
        status_format_duration((int64_t)(f->now - since) * 1000, a, sizeof a);
        out->tone = NOTICE_BAD;
        ADD(false, "EMERGENCY MODE since %s (%s): %s", b, a, f->emergency_why);
    }
    ADD(true, "Software: kiosk %s", KIOSK_VERSION);
    if (!f->playlist_name)
        ADD(true, "Content: none that plays; the built-in slide shows (%s)",
            f->content_dir ? f->content_dir : "no folder");
    else if (f->content_version)
        ADD(true, "Content: \"%s\", version %" PRIu64 " of group %s", f->playlist_name,
            f->content_version, f->content_group);
    else
        ADD(true, "Content: \"%s\" from %s (not an imported bundle)", f->playlist_name,
            f->content_dir);
    /* Not small: a technician must see at once why an older version plays. */
    if (f->bad_note)
        ADD(false, "Crash-loop guard: %s", f->bad_note);
    if (f->trial_note)
        ADD(true, "Crash-loop guard: %s", f->trial_note);
    if (!f->imports_enabled)
        ADD(true, "USB updates: off (no screen_group in /etc/kiosk/kiosk.conf)");
    else if (!f->has_import)
        ADD(true, "USB updates: group %s; no import since start", f->screen_group);
    else {
        status_format_duration(f->import_ago_ms, a, sizeof a);
        if (f->last_import.status == IMPORT_INSTALLED)
            ADD(true, "Last import: installed version %" PRIu64 ", %s ago", f->last_import.version,
                a);
        else
            ADD(true, "Last import: refused (%s), %s ago",
                import_status_headline(f->last_import.status), a);
    }
    status_format_duration(f->uptime_ms, a, sizeof a);
    struct tm tm;
    localtime_r(&f->now, &tm);
    strftime(b, sizeof b, "%Y-%m-%d %H:%M", &tm);
    ADD(true, "Running for %s; clock %s", a, b);
    if (f->clock_unset)
        ADD(false, "The clock is not set: schedules are ignored, every slide plays");
    struct statvfs vfs;
    if (f->state_dir && statvfs(f->state_dir, &vfs) == 0) {
        status_format_bytes((uint64_t)vfs.f_bavail * vfs.f_frsize, a, sizeof a);
        status_format_bytes((uint64_t)vfs.f_blocks * vfs.f_frsize, b, sizeof b);
        ADD(true, "Free storage: %s of %s (%s)", a, b, f->state_dir);
    } else {
        ADD(true, "Free storage: %s cannot be read", f->state_dir ? f->state_dir : "-");
    }
    ADD(true, "Display: %dx%d, %s, %s; %.1f px/mm", f->screen_w, f->screen_h,
        f->video_driver ? f->video_driver : "?", f->renderer ? f->renderer : "?", f->px_per_mm);
    if (f->screen_power)
        ADD(true, "Screen power: %s, now %s", f->screen_power, f->screen_off ? "off" : "on");
    else
        ADD(true, "Screen power: always on (no screen_off settings)");
    if (f->video_decoder && f->video_decoder[0])
        ADD(true, "Video: decoder %s; %" PRIu64 " frames shown, %" PRIu64 " dropped (late)",
            f->video_decoder, f->video_frames, f->video_dropped);
    /* Not small: a hardware decoder that broke after an update is what a technician looks for. */
    if (f->video_note && f->video_note[0])
        ADD(false, "Video: %s", f->video_note);
    if (f->device_id && f->device_id[0])
        ADD(true, "Fleet: Syncthing device ID %s", f->device_id);
    if (f->inbox_line && f->inbox_line[0])
        ADD(true, "Fleet inbox: %s", f->inbox_line);

    struct log_entry recent[LOG_RECENT_MAX];
    size_t n = log_recent_problems(recent, LOG_RECENT_MAX);
    if (n == 0) {
        ADD(false, "No recent problems");
        return;
    }
    ADD(false, "Recent problems (newest last):");
    for (size_t i = 0; i < n; i++) {
        time_t when = (time_t)recent[i].when;
        localtime_r(&when, &tm);
        strftime(a, sizeof a, "%H:%M:%S", &tm);
        ADD(true, "%s %s", a, recent[i].text);
    }
}
