#define LOG_MODULE "updates"
#include "app/updates.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/import_check.h"
#include "base/clock.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "base/file.h"
#include "fleet/enrol.h"
#include "fleet/health.h"
#include "import/messages.h"
#include "import/test_fault.h"
#include "import/trial.h"
#include "import/watcher.h"

/* A result stays on screen at least this long, even when the stick was pulled out at once. */
#define NOTICE_MIN_MS 10000
/* Then the full panel while the stick is in for this long; after that a small corner note, so
 * that a stick forgotten in the kiosk does not cover the show. */
#define NOTICE_FULL_MS 60000
#define NOTICE_MAX_LANGS 4
/* A version on trial has proved itself after one full pass of its slides, or after this long on
 * screen when the show never wraps (one long slide, pages only, schedules that hide slides). */
#define TRIAL_PROVEN_MS (10 * 60 * 1000)

struct updates {
    struct config cfg;
    char *play_dir;
    bool managed;
    struct import_check check;      /* the watcher's validate_data: lives as long as u */
    struct import_watcher *watcher; /* NULL when importing is not configured */
    void (*wake)(void *);
    void *wake_data;
    char dir[PATH_MAX];          /* the folder returned by startup_dir and fall_back */
    struct install_info playing; /* version 0: not an installed bundle */

    /* The crash-loop guard (import/trial.h): the version whose "trying" mark this player wrote,
     * until it has played through once. Version 0: no trial. */
    struct install_info trial;
    struct install_info pending; /* taken from the watcher, not yet on screen */
    int64_t trial_since_ms;      /* when the trial version came on screen; -1: not yet */
    uint64_t trial_passes;       /* the show's passes then */
    int64_t trial_shown_ms;      /* time on a lit screen since then */
    int64_t trial_last_ms;       /* the previous call of updates_played */
    bool trial_last_on;          /* the screen was on then */
    char bad_note[600];          /* a version marked bad by this start, for the status page */
    char trial_note[200];        /* the version on trial, for the status page */

    /* The notice: which import it is about and when that import ended. */
    uint64_t generation;
    int64_t done_ms; /* -1 while running */
    char result[NOTICE_MAX_LANGS][512];
    /* The notice's languages, copied: the playlist they came from may be replaced while the
     * notice is still on screen. */
    char langs[NOTICE_MAX_LANGS][36];
    char detail[256];

    /* Copying the records onto the stick, for the import of `generation`. */
    uint64_t export_generation; /* the import whose request was taken; 0: none */
    enum import_export_state export_state;
    char export_name[64];
    char export_detail[600];

    /* The fleet's health report (docs/fleet.md); NULL when no report_dir is configured. */
    struct health_publisher *health;
    int64_t started_ms, health_next_ms, device_id_next_ms;
    uint64_t health_generation; /* the import the report's time is about */
    time_t health_import_at;
    char device_id[ENROL_DEVICE_ID_LEN + 1];
    char kiosk_name[64];
    bool screen_known, showing, screen_off;
    char emergency[256]; /* why emergency mode is on; "": off */
    char playlist_name[256], display[96], screen_power[32];
};

/* True when play_dir names STATE/current, or its content folder STATE/current/content (which
 * the command line makes of it, cli/args.c): the kiosk service plays that link. */
static bool is_state_current(const char *state_dir, const char *play_dir)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s", play_dir);
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        path[--n] = '\0';
    char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    if (slash && slash > path && !strcmp(base, "content")) {
        *slash = '\0';
        slash = strrchr(path, '/');
        base = slash ? slash + 1 : path;
    }
    if (strcmp(base, "current") != 0)
        return false;
    const char *parent = ".";
    if (slash == path)
        parent = "/";
    else if (slash) {
        *slash = '\0';
        parent = path;
    }
    char a[PATH_MAX], b[PATH_MAX];
    return realpath(parent, a) && realpath(state_dir, b) && !strcmp(a, b);
}

static void on_watcher_change(void *data)
{
    struct updates *u = data;
    if (u->wake)
        u->wake(u->wake_data);
}

/* The kiosk's Syncthing device ID, from the certificate in Syncthing's home (the report
 * folder's parent): an enrolment stick may create it while the player runs, so a kiosk not
 * enrolled yet looks again once a minute. */
static void read_device_id(struct updates *u, int64_t now_ms)
{
    if (u->device_id[0] || now_ms < u->device_id_next_ms)
        return;
    u->device_id_next_ms = now_ms + 60000;
    char *home = file_dirname(u->cfg.report_dir), err[256];
    if (!enrol_device_id(home, u->device_id, err, sizeof err))
        u->device_id[0] = '\0';
    free(home);
}

struct updates *updates_create(const struct config *cfg, const char *play_dir,
                               void (*wake)(void *data), void *wake_data)
{
    struct updates *u = xcalloc(1, sizeof *u);
    u->cfg = *cfg;
    u->play_dir = xstrdup(play_dir);
    u->managed = is_state_current(cfg->state_dir, play_dir);
    u->wake = wake;
    u->wake_data = wake_data;
    u->done_ms = -1;
    u->check.max_image_pixels = cfg->max_image_pixels;
    u->started_ms = clock_now_ms();
    if (cfg->report_dir[0]) {
        u->health = health_publisher_create(cfg->report_dir);
        char host[256] = "";
        if (gethostname(host, sizeof host) != 0 || !host[0])
            snprintf(host, sizeof host, "kiosk");
        host[strcspn(host, ".")] = '\0';
        snprintf(u->kiosk_name, sizeof u->kiosk_name, "%s", host);
        /* The report folder lies in Syncthing's home, which holds the kiosk's certificate. */
        read_device_id(u, u->started_ms);
        LOG_INFO("health report: %s/%s%s%s", cfg->report_dir, HEALTH_FILE,
                 u->device_id[0] ? "; Syncthing device ID " : " (not enrolled yet)", u->device_id);
    }

    bool sources = cfg->watch_dir_count > 0 || cfg->inbox_dir[0];
    if (!cfg->screen_group[0] || !sources) {
        LOG_INFO("USB and inbox import off: %s",
                 !cfg->screen_group[0] ? "no screen_group in the configuration"
                                       : "no watch_dirs and no inbox_dir in the configuration");
        return u;
    }
    const char *roots[CONFIG_MAX_WATCH_DIRS];
    for (size_t i = 0; i < cfg->watch_dir_count; i++)
        roots[i] = u->cfg.watch_dirs[i];
    struct import_watcher_options wo = {
        .mount_roots = roots,
        .mount_root_count = cfg->watch_dir_count,
        .inbox_dir = cfg->inbox_dir[0] ? cfg->inbox_dir : NULL,
        .notify = on_watcher_change,
        .notify_data = u,
    };
    import_options_defaults(&wo.import);
    wo.import.state_dir = cfg->state_dir;
    wo.import.keys_dir = cfg->keys_dir;
    wo.import.group = cfg->screen_group;
    /* The watcher's thread forks the check while the loop's and the loader's threads run:
     * the child execs a fresh kiosk for it (import_check.h). */
    wo.import.validate = import_check_content_exec;
    wo.import.validate_data = &u->check;
    u->watcher = import_watcher_create(&wo);
    LOG_INFO("importing bundles for group \"%s\" into %s%s", cfg->screen_group, cfg->state_dir,
             u->managed ? ""
                        : " (this player plays another folder; it switches to what "
                          "is installed)");
    return u;
}

void updates_destroy(struct updates *u)
{
    if (!u)
        return;
    import_watcher_destroy(u->watcher);
    health_publisher_destroy(u->health);
    /* An orderly stop (SIGTERM, a reboot) before the version proved itself is not its fault. */
    if (u->trial.version)
        trial_abandon(u->cfg.state_dir, TRIAL_PLAY);
    free(u->play_dir);
    free(u);
}

bool updates_enabled(const struct updates *u)
{
    return u->watcher != NULL;
}

bool updates_managed(const struct updates *u)
{
    return u->managed;
}

/* Records version/group as bad, under the state lock when it can be had (an import started
 * from the command line may hold it; the record is written anyway, as a crash loop is worse). */
static void mark_bad(struct updates *u, const struct install_info *info, const char *why)
{
    char err[512];
    int lock = install_lock(u->cfg.state_dir, err, sizeof err);
    if (!trial_mark_bad(u->cfg.state_dir, info->version, info->group, why, err, sizeof err))
        LOG_ERR("%s", err);
    if (lock >= 0)
        close(lock);
}

/* The player's side of boot counting, before it plays installed version info: a "trying" mark
 * standing for it means this player died while trying it; after TRIAL_MAX_ATTEMPTS such starts
 * it is marked bad. False when info is bad (now or before): it must not play. */
static bool startup_guard(struct updates *u, const struct install_info *info)
{
    const char *state = u->cfg.state_dir;
    struct trial_mark m;
    if (trial_read(state, TRIAL_PLAY, &m)) {
        bool same = m.version == info->version && !strcmp(m.group, info->group);
        if (same && m.attempts >= TRIAL_MAX_ATTEMPTS) {
            char why[128];
            snprintf(why, sizeof why, "the player stopped %u times while playing it", m.attempts);
            mark_bad(u, info, why);
        }
        if (!same || m.attempts >= TRIAL_MAX_ATTEMPTS)
            trial_end(state, TRIAL_PLAY); /* about a version that is no longer tried */
    }
    char note[sizeof u->bad_note - 64];
    if (!trial_describe_bad(state, info->version, info->group, note, sizeof note))
        return true;
    snprintf(u->bad_note, sizeof u->bad_note, "%s", note);
    return false;
}

/* Writes the player's "trying version N" mark before it acts on info. */
static void begin_trial(struct updates *u, const struct install_info *info)
{
    if (info->version == 0)
        return;
    char err[512];
    unsigned attempts = 0;
    if (!trial_begin(u->cfg.state_dir, TRIAL_PLAY, info->version, info->group, &attempts, err,
                     sizeof err)) {
        LOG_WARN("%s (the crash-loop guard cannot count this start)", err);
        return;
    }
    u->trial = *info;
    u->trial_since_ms = -1;
    snprintf(u->trial_note, sizeof u->trial_note,
             "version %llu is new here: on trial until it "
             "has played through once (start %u; after %d starts that crash, the previous "
             "version plays)",
             (unsigned long long)info->version, attempts, TRIAL_MAX_ATTEMPTS);
    LOG_INFO("trying version %llu of group \"%s\" (start %u; the crash-loop guard falls back "
             "after %d starts that crash)",
             (unsigned long long)info->version, info->group, attempts, TRIAL_MAX_ATTEMPTS);
}

/* The installed version to play, or false: info is usable and not bad, after falling back from
 * bad versions. When the last usable one is bad, `current` is removed so that the state on
 * disk says what plays: the built-in slide. */
static bool choose_installed(struct updates *u, bool have, struct install_info *info)
{
    while (have && !startup_guard(u, info)) {
        char err[1024];
        struct install_info bad = *info;
        have = import_fall_back(u->cfg.state_dir, info, err, sizeof err);
        if (have) {
            LOG_ERR("%s; playing the previous version %llu instead", u->bad_note,
                    (unsigned long long)info->version);
            snprintf(u->bad_note + strlen(u->bad_note), sizeof u->bad_note - strlen(u->bad_note),
                     "; version %llu plays instead", (unsigned long long)info->version);
            continue;
        }
        LOG_ERR("%s; there is no earlier version (%s): the built-in slide plays", u->bad_note, err);
        snprintf(u->bad_note + strlen(u->bad_note), sizeof u->bad_note - strlen(u->bad_note),
                 "; the built-in slide plays");
        char *current = file_join(u->cfg.state_dir, "current");
        int lock = install_lock(u->cfg.state_dir, err, sizeof err);
        if (lock >= 0) {
            struct install_info now;
            if (install_read(u->cfg.state_dir, "current", &now) && now.version == bad.version &&
                unlink(current) == 0)
                file_fsync_dir(u->cfg.state_dir);
            close(lock);
        }
        free(current);
    }
    return have;
}

const char *updates_startup_dir(struct updates *u)
{
    if (!u->managed)
        return u->play_dir;
    struct install_info info;
    if (choose_installed(u, import_recover(u->cfg.state_dir, &info), &info)) {
        LOG_INFO("installed content: version %llu of group \"%s\"",
                 (unsigned long long)info.version, info.group);
        begin_trial(u, &info);
        snprintf(u->dir, sizeof u->dir, "%s", info.content_dir);
        u->playing = info;
        return u->dir;
    }
    /* Nothing imported yet: the link the package made (a demo playlist), or nothing at all,
     * in which case the built-in slide plays. */
    return u->play_dir;
}

const char *updates_fall_back(struct updates *u, const char *failed_dir)
{
    if (!u->managed)
        return NULL;
    char err[1024];
    struct install_info info;
    if (!import_fall_back(u->cfg.state_dir, &info, err, sizeof err)) {
        LOG_WARN("%s does not load, and there is no earlier version to play: %s", failed_dir, err);
        return NULL;
    }
    LOG_WARN("%s does not load; playing the previous version %llu instead", failed_dir,
             (unsigned long long)info.version);
    /* The version that does not load is gone (install_fall_back removed it): its trial too. */
    if (u->trial.version) {
        trial_end(u->cfg.state_dir, TRIAL_PLAY);
        u->trial.version = 0;
    }
    if (!choose_installed(u, true, &info))
        return NULL;
    begin_trial(u, &info);
    snprintf(u->dir, sizeof u->dir, "%s", info.content_dir);
    u->playing = info;
    return u->dir;
}

const struct install_info *updates_playing(const struct updates *u)
{
    return &u->playing;
}

void updates_set_playing(struct updates *u, const struct install_info *info)
{
    u->playing = *info;
    if (u->pending.version == info->version && !strcmp(u->pending.group, info->group))
        u->pending.version = 0; /* on screen now: no longer waiting */
}

bool updates_last_result(struct updates *u, int64_t now_ms, struct import_result *out,
                         int64_t *ago_ms)
{
    if (!u->watcher)
        return false;
    struct import_watcher_status st;
    import_watcher_status(u->watcher, &st);
    if (st.generation == 0 || st.running || u->generation != st.generation || u->done_ms < 0)
        return false;
    *out = st.result;
    *ago_ms = now_ms - u->done_ms;
    return true;
}

/* The health report from what updates knows, plus the screen facts the loop gave. */
static void publish_health(struct updates *u, int64_t now_ms)
{
    read_device_id(u, now_ms);
    struct health_facts f = {
        .kiosk = u->kiosk_name,
        .device_id = u->device_id[0] ? u->device_id : NULL,
        .screen_group = u->cfg.screen_group,
        .content_version = u->playing.version,
        .content_group = u->playing.group,
        .playlist_name = u->screen_known ? u->playlist_name : NULL,
        .uptime_ms = now_ms - u->started_ms,
        .state_dir = u->cfg.state_dir,
        .display = u->screen_known ? u->display : NULL,
        .display_ok = !u->screen_known || u->showing,
        .screen_power = u->screen_known && u->screen_power[0] ? u->screen_power : NULL,
        .screen_off = u->screen_off,
        .emergency = u->emergency[0] ? u->emergency : NULL,
        .now = time(NULL),
    };
    /* The watcher's own last result: inbox imports, which show no notice, count too. */
    struct import_watcher_status *st = xcalloc(1, sizeof *st);
    if (u->watcher)
        import_watcher_status(u->watcher, st);
    if (st->inbox_note[0])
        f.inbox_waiting = st->inbox_note;
    if (st->generation > 0 && !st->running) {
        if (st->generation != u->health_generation) {
            u->health_generation = st->generation;
            /* Whole minutes: the report need not change for the second an import ended. */
            u->health_import_at = f.now - f.now % 60;
        }
        const struct import_result *r = &st->result;
        f.has_import = true;
        f.import_result = import_status_headline(r->status);
        f.import_reason = r->reason;
        f.import_version = r->version;
        /* A pair still arriving in the inbox is not a failure (fleet.md). */
        f.import_ok = r->status == IMPORT_INSTALLED || r->status == IMPORT_NOT_NEWER ||
                      (st->from_inbox && st->inbox_waiting);
        f.import_at = u->health_import_at;
    }
    struct log_entry recent[LOG_RECENT_MAX];
    size_t n = log_recent_problems(recent, LOG_RECENT_MAX);
    for (size_t i = 0; i < n && i < HEALTH_MAX_PROBLEMS; i++)
        f.problems[f.problem_count++] = recent[i].text;
    health_publisher_update(u->health, &f, now_ms);
    free(st);
}

void updates_poll(struct updates *u, int64_t now_ms)
{
    if (u->watcher)
        import_watcher_poll(u->watcher, now_ms);
    if (u->health && now_ms >= u->health_next_ms) {
        u->health_next_ms = now_ms + 1000;
        publish_health(u, now_ms);
    }
}

bool updates_health_due(const struct updates *u, int64_t now_ms)
{
    return u->health && now_ms >= u->health_next_ms;
}

void updates_set_emergency(struct updates *u, const char *why)
{
    snprintf(u->emergency, sizeof u->emergency, "%s", why ? why : "");
    u->health_next_ms = 0; /* reported at once, not at the next regular report */
}

void updates_set_screen_facts(struct updates *u, const char *playlist_name, const char *display,
                              bool showing, const char *screen_power, bool screen_off)
{
    u->screen_known = true;
    snprintf(u->playlist_name, sizeof u->playlist_name, "%s", playlist_name ? playlist_name : "");
    snprintf(u->display, sizeof u->display, "%s", display ? display : "");
    snprintf(u->screen_power, sizeof u->screen_power, "%s", screen_power ? screen_power : "");
    u->showing = showing;
    u->screen_off = screen_off;
}

const char *updates_device_id(const struct updates *u)
{
    return u->device_id;
}

bool updates_inbox_line(struct updates *u, char *out, size_t outlen)
{
    if (!u->watcher)
        return false;
    struct import_watcher_status *st = xcalloc(1, sizeof *st);
    import_watcher_status(u->watcher, st);
    bool any = true;
    if (st->inbox_note[0])
        snprintf(out, outlen, "%s", st->inbox_note);
    else if (st->inbox_refused)
        snprintf(out, outlen, "refused (%s), version %" PRIu64 ": %s",
                 import_status_headline(st->result.status), st->result.version, st->result.reason);
    else
        any = false;
    free(st);
    return any;
}

int64_t updates_ms_until_poll(const struct updates *u, int64_t now_ms)
{
    (void)now_ms;
    /* The watcher keeps its own schedule; asking every second costs a few stat calls. */
    return u->watcher ? 1000 : -1;
}

bool updates_take_installed(struct updates *u, struct install_info *out)
{
    if (!u->watcher || !import_watcher_take_installed(u->watcher, out))
        return false;
    /* The loop loads it now and shows it from the next slide: from here on a crash counts
     * against the new version. */
    if (u->managed)
        begin_trial(u, out);
    u->pending = *out;
    return true;
}

void updates_played(struct updates *u, int64_t now_ms, uint64_t passes, bool screen_on)
{
    if (!u->trial.version || u->playing.version != u->trial.version ||
        strcmp(u->playing.group, u->trial.group) != 0)
        return;
    if (u->trial_since_ms < 0) {
        u->trial_since_ms = u->trial_last_ms = now_ms;
        u->trial_passes = passes;
        u->trial_shown_ms = 0;
        u->trial_last_on = screen_on;
        test_fault_trigger("play-crash", u->trial.version);
        return;
    }
    /* Hours with the screen off at night draw nothing, so they prove nothing. */
    if (u->trial_last_on)
        u->trial_shown_ms += now_ms - u->trial_last_ms;
    u->trial_last_ms = now_ms;
    u->trial_last_on = screen_on;
    if (passes == u->trial_passes && u->trial_shown_ms < TRIAL_PROVEN_MS)
        return;
    trial_end(u->cfg.state_dir, TRIAL_PLAY);
    LOG_INFO("version %llu of group \"%s\" has played %s; it is no longer on trial",
             (unsigned long long)u->trial.version, u->trial.group,
             passes != u->trial_passes ? "through once" : "for 10 minutes");
    u->trial.version = 0;
}

const char *updates_bad_note(const struct updates *u)
{
    return u->bad_note[0] ? u->bad_note : NULL;
}

const char *updates_trial_note(const struct updates *u)
{
    return u->trial.version && u->playing.version == u->trial.version ? u->trial_note : NULL;
}

bool updates_take_export_request(struct updates *u, char *name, size_t len)
{
    if (!u->watcher)
        return false;
    struct import_watcher_status st;
    import_watcher_status(u->watcher, &st);
    if (st.generation == 0 || st.running || st.from_inbox || !st.result.export_proof ||
        st.generation == u->export_generation)
        return false;
    u->export_generation = st.generation;
    const char *slash = strrchr(st.source, '/');
    snprintf(name, len, "%s", slash ? slash + 1 : st.source);
    return true;
}

/* A stick's mount folder name, as kiosk-stick@NAME mounts it: "sda1". */
static bool stick_name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n < 2 || n > 32 || name[0] < 'a' || name[0] > 'z')
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= '0' && name[i] <= '9')))
            return false;
    return true;
}

void updates_request_export(struct updates *u, const char *name)
{
    snprintf(u->export_name, sizeof u->export_name, "%s", name);
    u->export_detail[0] = '\0';
    char err[512];
    char *dir = file_join(u->cfg.runtime_dir, "export");
    char *results = file_join(u->cfg.runtime_dir, "export-results");
    char *path = file_join(dir, name);
    char *result = file_join(results, name);
    unlink(result); /* an old result must not be taken for this one */
    bool ok = stick_name_ok(name);
    if (!ok)
        snprintf(err, sizeof err, "\"%s\" is not a stick the kiosk mounted", name);
    else if (!file_mkdir_p(dir))
        snprintf(err, sizeof err, "%s: cannot be created: %s", dir, strerror(errno));
    else
        ok = file_write_atomic(path, "proof\n", 6, err, sizeof err);
    if (ok) {
        u->export_state = IMPORT_EXPORT_PENDING;
        LOG_INFO("asked for the proof-of-play records to be copied onto stick %s", name);
    } else {
        u->export_state = IMPORT_EXPORT_FAILED;
        snprintf(u->export_detail, sizeof u->export_detail, "%s", err);
        LOG_ERR("the records cannot be copied onto the stick: %s", err);
    }
    free(dir);
    free(results);
    free(path);
    free(result);
}

/* While a copy is under way: its result, once the helper has written it. */
static void follow_export(struct updates *u)
{
    if (u->export_state != IMPORT_EXPORT_PENDING)
        return;
    char *path = xasprintf("%s/export-results/%s", u->cfg.runtime_dir, u->export_name);
    char *text = NULL, err[256];
    size_t len = 0;
    if (file_read_all(path, 1024, &text, &len, err, sizeof err)) {
        text[strcspn(text, "\n")] = '\0';
        bool ok = strncmp(text, "copied ", 7) == 0;
        u->export_state = ok ? IMPORT_EXPORT_DONE : IMPORT_EXPORT_FAILED;
        snprintf(u->export_detail, sizeof u->export_detail, "%s", text);
        if (ok)
            LOG_INFO("stick %s: %s", u->export_name, text);
        else
            LOG_ERR("stick %s: %s", u->export_name, text);
        free(text);
    }
    free(path);
}

/* One bar for the whole import: copying is most of the time on a slow stick. */
static double overall_progress(enum import_phase phase, double f)
{
    static const double start[] = {0.0, 0.02, 0.6, 0.7, 0.85, 0.95, 1.0};
    if (phase >= IMPORT_PHASE_DONE)
        return 1.0;
    f = f < 0 ? 0 : f > 1 ? 1 : f;
    return start[phase] + (start[phase + 1] - start[phase]) * f;
}

/* Hebrew first, then the playlist's languages that have a catalogue, each once. */
static size_t notice_languages(const char *const *langs, size_t count,
                               const char *out[NOTICE_MAX_LANGS])
{
    size_t n = 0;
    out[n++] = "he";
    for (size_t i = 0; i < count && n < NOTICE_MAX_LANGS; i++) {
        if (!import_message_has_language(langs[i]))
            continue;
        bool dup = false;
        for (size_t j = 0; j < n; j++)
            dup |= strncmp(out[j], langs[i], 2) == 0;
        if (!dup)
            out[n++] = langs[i];
    }
    return n;
}

/* The first line of a refusal's reason, cut at a character boundary. */
static void first_line(const char *reason, char *out, size_t outlen)
{
    size_t n = strcspn(reason, "\n");
    if (n >= outlen)
        n = outlen - 1;
    while (n > 0 && ((unsigned char)reason[n] & 0xC0) == 0x80)
        n--; /* do not split a UTF-8 sequence */
    memcpy(out, reason, n);
    out[n] = '\0';
}

bool updates_notice(struct updates *u, int64_t now_ms, const char *const *langs, size_t lang_count,
                    struct notice *out, int64_t *changes_in_ms)
{
    memset(out, 0, sizeof *out);
    out->progress = -1;
    *changes_in_ms = -1;
    if (!u->watcher)
        return false;
    struct import_watcher_status st;
    import_watcher_status(u->watcher, &st);
    /* Inbox bundles arrive with nobody at the screen: the log says what happened. */
    if (st.generation == 0 || st.from_inbox)
        return false;
    if (st.generation != u->generation) {
        u->generation = st.generation;
        u->done_ms = -1;
    }
    if (!st.running && u->done_ms < 0)
        u->done_ms = now_ms;

    const char *found[NOTICE_MAX_LANGS], *ls[NOTICE_MAX_LANGS];
    size_t nl = notice_languages(langs, lang_count, found);
    for (size_t i = 0; i < nl; i++) {
        snprintf(u->langs[i], sizeof u->langs[i], "%s", found[i]);
        ls[i] = u->langs[i];
    }
    if (st.running) {
        for (size_t i = 0; i < nl; i++)
            notice_add(out, import_message_found(ls[i], false), ls[i], false);
        for (size_t i = 0; i < nl; i++)
            notice_add(out, import_message_phase(ls[i], st.phase), ls[i], true);
        out->progress = overall_progress(st.phase, st.fraction);
        out->tone = NOTICE_NEUTRAL;
        return true;
    }

    int64_t since = now_ms - u->done_ms;
    if (!st.source_present && since >= NOTICE_MIN_MS)
        return false;
    bool installed = st.result.status == IMPORT_INSTALLED;
    out->tone = installed ? NOTICE_GOOD : NOTICE_BAD;
    for (size_t i = 0; i < nl; i++)
        import_message_result(ls[i], &st.result, u->result[i], sizeof u->result[i]);
    if (since >= NOTICE_FULL_MS) {
        out->compact = true;
        notice_add(out, u->result[0], ls[0], false);
        return true;
    }
    for (size_t i = 0; i < nl; i++)
        notice_add(out, u->result[i], ls[i], false);
    /* The records are copied after the result; the stick must stay in until that is done. */
    bool exporting = u->export_generation == st.generation && u->export_state != IMPORT_EXPORT_NONE;
    if (exporting)
        follow_export(u);
    bool copying = exporting && u->export_state == IMPORT_EXPORT_PENDING;
    if (!installed && st.result.reason[0]) {
        /* The stick's mount point means nothing to staff: name files as on the stick. */
        const char *reason = st.result.reason;
        size_t n = strlen(st.source);
        if (n > 0 && !strncmp(reason, st.source, n) && reason[n] == '/')
            reason += n + 1;
        first_line(reason, u->detail, sizeof u->detail);
        notice_add(out, u->detail, NULL, true);
    }
    if (exporting) {
        for (size_t i = 0; i < nl; i++)
            notice_add(out, import_message_export(ls[i], u->export_state), ls[i], !copying);
        if (u->export_state == IMPORT_EXPORT_FAILED && u->export_detail[0])
            notice_add(out, u->export_detail, NULL, true);
    }
    if (st.source_present && !copying)
        for (size_t i = 0; i < nl; i++)
            notice_add(out, import_message_remove(ls[i]), ls[i], true);
    *changes_in_ms = st.source_present ? NOTICE_FULL_MS - since : NOTICE_MIN_MS - since;
    if (copying)
        *changes_in_ms = 250; /* look for the helper's result */
    return true;
}
