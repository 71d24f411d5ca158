#define LOG_MODULE "config"
#include "app/config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "platform/display_mode.h"

void config_defaults(struct config *c)
{
    memset(c, 0, sizeof *c);
    c->allow_quit = true;
    c->max_image_pixels = 40000000;
    c->texture_cache_size = 2;
    snprintf(c->state_dir, sizeof c->state_dir, "/var/lib/kiosk");
    snprintf(c->keys_dir, sizeof c->keys_dir, "/etc/kiosk/keys");
    snprintf(c->watch_dirs[0], sizeof c->watch_dirs[0], "/run/kiosk/sticks");
    snprintf(c->runtime_dir, sizeof c->runtime_dir, "/run/kiosk-player");
    c->watch_dir_count = 1;
    c->touch_rotation = ROTATION_0;
    c->idle_timeout_s = 60;
    c->long_press_ms = 800;
    char err[256];
    staff_sequence_parse("top-left,top-right", &c->staff_gesture, err, sizeof err);
    c->staff_corner_mm = 20;
    c->staff_gesture_time_s = 10;
    c->staff_status_timeout_s = 30;
    c->screen_power_method = POWER_AUTO;
    c->video_volume = 100;
    config_emergency_defaults(&c->emergency);
    config_access_defaults(&c->access);
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    return s;
}

/* Each parser writes into a scratch copy of the config and says what it expected when the
 * value does not do. */
typedef bool (*config_parse_fn)(struct config *c, const char *v, char *err, size_t errlen);

static bool parse_int(const char *v, int64_t lo, int64_t hi, int64_t *out, char *err, size_t errlen)
{
    char *end;
    errno = 0;
    long long n = strtoll(v, &end, 10);
    if (errno || end == v || *end || n < lo || n > hi) {
        snprintf(err, errlen, "expected a whole number from %lld to %lld, found \"%s\"",
                 (long long)lo, (long long)hi, v);
        return false;
    }
    *out = n;
    return true;
}

static bool parse_allow_quit(struct config *c, const char *v, char *err, size_t errlen)
{
    if (!strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "1")) {
        c->allow_quit = true;
    } else if (!strcmp(v, "false") || !strcmp(v, "no") || !strcmp(v, "0")) {
        c->allow_quit = false;
    } else {
        snprintf(err, errlen, "expected true or false, found \"%s\"", v);
        return false;
    }
    return true;
}

static bool parse_max_image_pixels(struct config *c, const char *v, char *err, size_t errlen)
{
    return parse_int(v, 1000000, 400000000, &c->max_image_pixels, err, errlen);
}

static bool parse_texture_cache_size(struct config *c, const char *v, char *err, size_t errlen)
{
    int64_t n;
    if (!parse_int(v, 2, 32, &n, err, errlen))
        return false;
    c->texture_cache_size = (int)n;
    return true;
}

static bool parse_display_mode(struct config *c, const char *v, char *err, size_t errlen)
{
    struct display_mode_want want;
    if (strlen(v) >= sizeof c->display_mode || !display_mode_parse(v, &want, err, errlen)) {
        if (strlen(v) >= sizeof c->display_mode)
            snprintf(err, errlen, "expected auto, native or a size such as 1920x1080");
        return false;
    }
    snprintf(c->display_mode, sizeof c->display_mode, "%s", v);
    return true;
}

static bool parse_screen_group(struct config *c, const char *v, char *err, size_t errlen)
{
    size_t n = strlen(v);
    bool ok = n >= 1 && n <= CONFIG_GROUP_MAX;
    for (size_t i = 0; ok && i < n; i++)
        ok = isalnum((unsigned char)v[i]) || v[i] == '.' || v[i] == '_' || v[i] == '-';
    if (!ok) {
        snprintf(err, errlen,
                 "expected 1 to %d letters, digits, '.', '_' or '-' (as in the "
                 "bundles' \"group=\"), found \"%s\"",
                 CONFIG_GROUP_MAX, v);
        return false;
    }
    memcpy(c->screen_group, v, n + 1);
    return true;
}

/* An absolute path, or "" where `empty_ok` (the feature is off). */
static bool parse_path(char *dst, const char *v, bool empty_ok, char *err, size_t errlen)
{
    size_t n = strlen(v);
    if ((n == 0 && !empty_ok) || (n > 0 && v[0] != '/') || n >= CONFIG_PATH_MAX) {
        snprintf(err, errlen,
                 "expected an absolute path (starting with /) of at most %d "
                 "bytes%s, found \"%s\"",
                 CONFIG_PATH_MAX - 1, empty_ok ? ", or nothing" : "", v);
        return false;
    }
    memcpy(dst, v, n + 1);
    return true;
}

static bool parse_state_dir(struct config *c, const char *v, char *err, size_t errlen)
{
    return parse_path(c->state_dir, v, false, err, errlen);
}

static bool parse_keys_dir(struct config *c, const char *v, char *err, size_t errlen)
{
    return parse_path(c->keys_dir, v, false, err, errlen);
}

static bool parse_inbox_dir(struct config *c, const char *v, char *err, size_t errlen)
{
    return parse_path(c->inbox_dir, v, true, err, errlen);
}

static bool parse_report_dir(struct config *c, const char *v, char *err, size_t errlen)
{
    return parse_path(c->report_dir, v, true, err, errlen);
}

static bool parse_runtime_dir(struct config *c, const char *v, char *err, size_t errlen)
{
    return parse_path(c->runtime_dir, v, false, err, errlen);
}

static bool parse_proof_dir(struct config *c, const char *v, char *err, size_t errlen)
{
    if (!strcmp(v, "off")) {
        snprintf(c->proof_dir, sizeof c->proof_dir, "off");
        return true;
    }
    if (!parse_path(c->proof_dir, v, false, err, errlen)) {
        snprintf(err, errlen, "expected an absolute path (starting with /) or off, found \"%s\"",
                 v);
        return false;
    }
    return true;
}

/* Comma-separated absolute paths; nothing turns stick watching off. */
static bool parse_watch_dirs(struct config *c, const char *v, char *err, size_t errlen)
{
    char list[CONFIG_MAX_WATCH_DIRS][CONFIG_PATH_MAX];
    size_t count = 0;
    const char *p = v;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        while (len > 0 && isspace((unsigned char)*p)) {
            p++;
            len--;
        }
        while (len > 0 && isspace((unsigned char)p[len - 1]))
            len--;
        char one[CONFIG_PATH_MAX + 1];
        if (count == CONFIG_MAX_WATCH_DIRS) {
            snprintf(err, errlen, "expected at most %d folders, found more in \"%s\"",
                     CONFIG_MAX_WATCH_DIRS, v);
            return false;
        }
        snprintf(one, sizeof one, "%.*s", (int)(len < CONFIG_PATH_MAX ? len : CONFIG_PATH_MAX), p);
        if (len >= CONFIG_PATH_MAX || !parse_path(list[count], one, false, err, errlen)) {
            snprintf(err, errlen,
                     "expected absolute paths (starting with /) separated by "
                     "commas, found \"%s\"",
                     v);
            return false;
        }
        count++;
        if (!comma)
            break;
        p = comma + 1;
    }
    memcpy(c->watch_dirs, list, sizeof list);
    c->watch_dir_count = count;
    return true;
}

static bool parse_real(const char *v, double lo, double hi, double *out, char *err, size_t errlen)
{
    char *end;
    errno = 0;
    double d = strtod(v, &end);
    if (errno || end == v || *end || !(d >= lo && d <= hi)) {
        snprintf(err, errlen, "expected a number from %g to %g, found \"%s\"", lo, hi, v);
        return false;
    }
    *out = d;
    return true;
}

static bool parse_screen_diagonal_inches(struct config *c, const char *v, char *err, size_t errlen)
{
    return parse_real(v, 3, 100, &c->screen_diagonal_inches, err, errlen);
}

static bool parse_screen_width_mm(struct config *c, const char *v, char *err, size_t errlen)
{
    return parse_real(v, 50, 3000, &c->screen_width_mm, err, errlen);
}

static bool parse_touch_rotation(struct config *c, const char *v, char *err, size_t errlen)
{
    return rotation_parse(v, &c->touch_rotation, err, errlen);
}

static bool parse_int_field(const char *v, int64_t lo, int64_t hi, int *out, char *err,
                            size_t errlen)
{
    int64_t n;
    if (!parse_int(v, lo, hi, &n, err, errlen))
        return false;
    *out = (int)n;
    return true;
}

static bool parse_idle_timeout(struct config *c, const char *v, char *err, size_t errlen)
{
    if (!parse_int_field(v, 0, 3600, &c->idle_timeout_s, err, errlen))
        return false;
    if (c->idle_timeout_s > 0 && c->idle_timeout_s < 10) {
        snprintf(err, errlen, "expected 0 (never) or 10 to 3600 seconds, found \"%s\"", v);
        return false;
    }
    return true;
}

static bool parse_long_press_ms(struct config *c, const char *v, char *err, size_t errlen)
{
    return parse_int_field(v, 300, 3000, &c->long_press_ms, err, errlen);
}

static bool parse_staff_gesture(struct config *c, const char *v, char *err, size_t errlen)
{
    return staff_sequence_parse(v, &c->staff_gesture, err, errlen);
}

static bool parse_staff_corner_mm(struct config *c, const char *v, char *err, size_t errlen)
{
    return parse_real(v, 10, 60, &c->staff_corner_mm, err, errlen);
}

static bool parse_staff_gesture_time(struct config *c, const char *v, char *err, size_t errlen)
{
    return parse_int_field(v, 2, 60, &c->staff_gesture_time_s, err, errlen);
}

static bool parse_staff_status_timeout(struct config *c, const char *v, char *err, size_t errlen)
{
    return parse_int_field(v, 5, 600, &c->staff_status_timeout_s, err, errlen);
}

static bool parse_screen_power_method(struct config *c, const char *v, char *err, size_t errlen)
{
    if (!power_method_from_key(v, &c->screen_power_method)) {
        snprintf(err, errlen, "expected auto, cec, vcgencmd or black, found \"%s\"", v);
        return false;
    }
    return true;
}

static bool parse_screen_power_cec_device(struct config *c, const char *v, char *err, size_t errlen)
{
    return parse_path(c->screen_power_cec_device, v, true, err, errlen);
}

/* "22:00-06:00, 12:30-13:00": local time ranges; a range may wrap midnight. */
static bool parse_time_ranges(const char *v, struct schedule_time_range *out, size_t *count,
                              char *err, size_t errlen)
{
    struct schedule_time_range list[CONFIG_MAX_OFF_TIMES] = {0};
    size_t n = 0;
    char buf[512];
    snprintf(buf, sizeof buf, "%s", v);
    for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        char *range = trim(tok), *dash = strchr(range, '-');
        int from, to;
        if (n == CONFIG_MAX_OFF_TIMES || !dash) {
            if (n == CONFIG_MAX_OFF_TIMES)
                snprintf(err, errlen, "expected at most %d ranges, found more in \"%s\"",
                         CONFIG_MAX_OFF_TIMES, v);
            else
                snprintf(err, errlen,
                         "expected ranges such as 22:00-06:00, separated by "
                         "commas; found \"%s\"",
                         v);
            return false;
        }
        *dash = '\0';
        if (!schedule_parse_time(trim(range), false, &from) ||
            !schedule_parse_time(trim(dash + 1), true, &to) || from == to) {
            snprintf(err, errlen,
                     "expected ranges of two different times HH:MM-HH:MM, such as "
                     "22:00-06:00; found \"%s\"",
                     v);
            return false;
        }
        list[n++] = (struct schedule_time_range){from, to};
    }
    memcpy(out, list, n * sizeof list[0]);
    *count = n;
    return true;
}

static bool parse_screen_off(struct config *c, const char *v, char *err, size_t errlen)
{
    return parse_time_ranges(v, c->screen_off_times, &c->screen_off_time_count, err, errlen);
}

static bool parse_video_volume(struct config *c, const char *v, char *err, size_t errlen)
{
    return parse_int_field(v, 0, 100, &c->video_volume, err, errlen);
}

static bool parse_video_quiet_hours(struct config *c, const char *v, char *err, size_t errlen)
{
    return parse_time_ranges(v, c->video_quiet_times, &c->video_quiet_time_count, err, errlen);
}

bool config_video_quiet(const struct config *c, int minute)
{
    for (size_t i = 0; i < c->video_quiet_time_count; i++) {
        const struct schedule_time_range *r = &c->video_quiet_times[i];
        bool in = r->from < r->to ? minute >= r->from && minute < r->to
                                  : minute >= r->from || minute < r->to;
        if (in)
            return true;
    }
    return false;
}

static bool parse_screen_off_days(struct config *c, const char *v, char *err, size_t errlen)
{
    unsigned mask = 0;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", v);
    for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        int d = schedule_parse_weekday(trim(tok));
        if (d < 0) {
            snprintf(err, errlen,
                     "expected days such as sat or fri,sat (sun to sat), found "
                     "\"%s\"",
                     v);
            return false;
        }
        mask |= 1u << d;
    }
    c->screen_off_days = mask;
    return true;
}

static bool parse_screen_off_rest_days(struct config *c, const char *v, char *err, size_t errlen)
{
    struct config copy = *c;
    if (!parse_allow_quit(&copy, v, err, errlen))
        return false;
    c->screen_off_rest_days = copy.allow_quit;
    return true;
}

static bool parse_city(struct config *c, const char *v, char *err, size_t errlen)
{
    if (!calendar_place_find(v) || strlen(v) >= sizeof c->city) {
        snprintf(err, errlen,
                 "expected Akko, Kiryat Shmona, Ofakim, Dimona or Jerusalem (in "
                 "English or Hebrew), found \"%s\"",
                 v);
        return false;
    }
    snprintf(c->city, sizeof c->city, "%s", v);
    return true;
}

static const struct config_key {
    const char *name;
    config_parse_fn parse;
} keys[] = {
    {"allow_quit", parse_allow_quit},
    {"max_image_pixels", parse_max_image_pixels},
    {"texture_cache_size", parse_texture_cache_size},
    {"display_mode", parse_display_mode},
    {"screen_group", parse_screen_group},
    {"state_dir", parse_state_dir},
    {"keys_dir", parse_keys_dir},
    {"watch_dirs", parse_watch_dirs},
    {"inbox_dir", parse_inbox_dir},
    {"report_dir", parse_report_dir},
    {"proof_dir", parse_proof_dir},
    {"runtime_dir", parse_runtime_dir},
    {"screen_diagonal_inches", parse_screen_diagonal_inches},
    {"screen_width_mm", parse_screen_width_mm},
    {"touch_rotation", parse_touch_rotation},
    {"idle_timeout", parse_idle_timeout},
    {"long_press_ms", parse_long_press_ms},
    {"staff_gesture", parse_staff_gesture},
    {"staff_corner_mm", parse_staff_corner_mm},
    {"staff_gesture_time", parse_staff_gesture_time},
    {"staff_status_timeout", parse_staff_status_timeout},
    {"screen_power_method", parse_screen_power_method},
    {"screen_power_cec_device", parse_screen_power_cec_device},
    {"screen_off", parse_screen_off},
    {"screen_off_days", parse_screen_off_days},
    {"screen_off_rest_days", parse_screen_off_rest_days},
    {"city", parse_city},
    {"video_volume", parse_video_volume},
    {"video_quiet_hours", parse_video_quiet_hours},
    {"emergency_gpio_chip", config_parse_emergency_gpio_chip},
    {"emergency_gpio_line", config_parse_emergency_gpio_line},
    {"emergency_gpio_active", config_parse_emergency_gpio_active},
    {"emergency_gpio_bias", config_parse_emergency_gpio_bias},
    {"emergency_debounce_ms", config_parse_emergency_debounce_ms},
    {"emergency_release", config_parse_emergency_release},
    {"screen_bottom_cm", config_parse_screen_bottom_cm},
    {"screen_orientation", config_parse_screen_orientation},
    {"reach_min_cm", config_parse_reach_min_cm},
    {"reach_max_cm", config_parse_reach_max_cm},
};

const char *config_keys(void)
{
    static char list[1024];
    if (!list[0]) {
        size_t used = 0;
        for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
            used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "",
                                     keys[i].name);
    }
    return list;
}

bool config_set(struct config *c, const char *key, const char *value, char *err, size_t errlen)
{
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (strcmp(key, keys[i].name) != 0)
            continue;
        /* Parse into a copy so that a bad value changes nothing. */
        struct config scratch = *c;
        if (!keys[i].parse(&scratch, value, err, errlen))
            return false;
        *c = scratch;
        return true;
    }
    snprintf(err, errlen, "unknown key \"%s\"; expected one of: %s", key, config_keys());
    return false;
}

bool config_load(struct config *c, const char *path, bool optional)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        if (optional && errno == ENOENT)
            return true;
        LOG_ERR("%s: cannot open: %s", path, strerror(errno));
        return false;
    }
    bool ok = true;
    char line[4096];
    for (int lineno = 1; fgets(line, sizeof(line), f); lineno++) {
        char *s = trim(line);
        if (*s == '\0' || *s == '#')
            continue;
        char *eq = strchr(s, '=');
        if (!eq) {
            LOG_ERR("%s:%d: expected \"key = value\", found \"%s\"", path, lineno, s);
            ok = false;
            continue;
        }
        *eq = '\0';
        char *key = trim(s), *val = trim(eq + 1);
        char err[1024];
        if (!config_set(c, key, val, err, sizeof err)) {
            if (strncmp(err, "unknown key", 11) == 0)
                LOG_ERR("%s:%d: %s", path, lineno, err);
            else
                LOG_ERR("%s:%d: %s: %s", path, lineno, key, err);
            ok = false;
        }
    }
    fclose(f);
    return ok;
}
