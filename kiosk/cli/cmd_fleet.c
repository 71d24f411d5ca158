/* kiosk fleet DIR: on the content machine, one line per kiosk from the folders the kiosks publish
 * through Syncthing (DIR/NAME/health.json), the ones that need looking at first
 * (docs/fleet.md). kiosk fleet order writes an enrolment order onto a stick (the content
 * machine); kiosk fleet enrol takes one on a kiosk (run by mount-stick when a stick with an
 * order is plugged in); kiosk fleet publish-setup writes the content machine's Syncthing
 * configuration from the kiosks' answers on that stick (fleet/publish.h). */
#define _GNU_SOURCE /* gethostname's companions; setenv */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/utf8.h"
#include "base/xmalloc.h"
#include "cli/commands.h"
#include "app/config.h"
#include "base/file.h"
#include "fleet/enrol.h"
#include "fleet/fleet.h"
#include "fleet/publish.h"

#include <dirent.h>
#include <errno.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static const char usage[] =
    "usage: kiosk fleet DIR [--published DIR] [--silent-after MINUTES] [--csv]\n"
    "Prints one line per kiosk folder in DIR (each kiosk's published folder: health.json and\n"
    "proof of play): kiosk, group, version shown, last seen, state and problems. Failing,\n"
    "silent and behind kiosks come first. --published is the folder the bundles are published\n"
    "from (one subfolder per group); without it a group's newest version is the newest any of\n"
    "its kiosks shows. A kiosk is silent when its report is older than --silent-after minutes\n"
    "(default 15). Exit status 0 when every kiosk is ok, 1 when some need looking at, 2 on\n"
    "usage errors.\n";

enum { C_KIOSK, C_GROUP, C_VERSION, C_SEEN, C_STATE, C_PROBLEMS, NCOLS };

static size_t width_of(const char *s)
{
    size_t len = strlen(s), i = 0, w = 0;
    while (i < len) {
        utf8_next(s, len, &i);
        w++;
    }
    return w;
}

static void seen_text(const struct fleet_row *r, time_t now, char *out, size_t cap)
{
    if (!r->has_report) {
        snprintf(out, cap, "never");
        return;
    }
    struct tm tm;
    char when[32];
    time_t t = r->health.written;
    if (!localtime_r(&t, &tm) || !strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm))
        snprintf(when, sizeof when, "?");
    int64_t age = (int64_t)(now - t);
    if (age < 0)
        age = 0;
    if (age < 120)
        snprintf(out, cap, "%s (%lld s ago)", when, (long long)age);
    else if (age < 2 * 3600)
        snprintf(out, cap, "%s (%lld min ago)", when, (long long)(age / 60));
    else if (age < 2 * 86400)
        snprintf(out, cap, "%s (%lld h ago)", when, (long long)(age / 3600));
    else
        snprintf(out, cap, "%s (%lld days ago)", when, (long long)(age / 86400));
}

static void cells(const struct fleet_row *r, time_t now, char cell[NCOLS][1100])
{
    snprintf(cell[C_KIOSK], 1100, "%s", r->name);
    snprintf(cell[C_GROUP], 1100, "%s", r->group[0] ? r->group : "-");
    if (r->has_report && r->health.content_version)
        snprintf(cell[C_VERSION], 1100, "%llu", (unsigned long long)r->health.content_version);
    else
        snprintf(cell[C_VERSION], 1100, "-");
    seen_text(r, now, cell[C_SEEN], 1100);
    snprintf(cell[C_STATE], 1100, "%s", fleet_state_name(r->state));
    snprintf(cell[C_PROBLEMS], 1100, "%s", r->problems[0] ? r->problems : "-");
}

static void put_csv(const char *s, bool last)
{
    if (strpbrk(s, "\",\r\n")) {
        putchar('"');
        for (; *s; s++) {
            if (*s == '"')
                putchar('"');
            putchar(*s);
        }
        putchar('"');
    } else {
        fputs(s, stdout);
    }
    fputs(last ? "\r\n" : ",", stdout);
}

static const char order_usage[] =
    "usage: kiosk fleet order --group G --content-home DIR|--device-id ID --address tcp://H:P\n"
    "                         [--name NAME] [--content-folder ID] [--report-prefix P]\n"
    "                         [--listen tcp://A:P] --out STICK\n"
    "Writes STICK/KIOSK/enrol.json, the enrolment order for the kiosks of group G: the content\n"
    "machine's Syncthing device ID (read from its Syncthing home's cert.pem with\n"
    "--content-home, so nobody types it) and address, and the folders to share (default\n"
    "kiosk-content-G and kiosk-report-). Then sign it:\n"
    "  minisign -S -s city.key -m STICK/KIOSK/enrol.json -t \"kiosk-enrol group=G seq=N\"\n"
    "with N higher than the last order's for this group.\n";

static int fleet_order(int argc, char **argv)
{
    const char *group = NULL, *home = NULL, *device = NULL, *address = NULL, *out = NULL;
    const char *name = "content-machine", *folder = NULL, *prefix = "kiosk-report-";
    const char *listen = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = !strcmp(a, "--group")            ? &group
                            : !strcmp(a, "--content-home")   ? &home
                            : !strcmp(a, "--device-id")      ? &device
                            : !strcmp(a, "--address")        ? &address
                            : !strcmp(a, "--out")            ? &out
                            : !strcmp(a, "--name")           ? &name
                            : !strcmp(a, "--content-folder") ? &folder
                            : !strcmp(a, "--report-prefix")  ? &prefix
                            : !strcmp(a, "--listen")         ? &listen
                                                             : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(order_usage, stdout);
            return 0;
        }
        if (!slot || i + 1 >= argc) {
            fputs(order_usage, stderr);
            return 2;
        }
        *slot = argv[++i];
    }
    if (!group || !address || !out || (!home == !device)) {
        fputs(order_usage, stderr);
        return 2;
    }
    char id[ENROL_DEVICE_ID_LEN + 1], err[1024];
    if (home) {
        if (!enrol_device_id(home, id, err, sizeof err)) {
            fprintf(stderr, "kiosk: fleet order: %s\n", err);
            return 1;
        }
    } else {
        snprintf(id, sizeof id, "%s", device);
        if (!enrol_device_id_valid(id)) {
            fprintf(stderr,
                    "kiosk: fleet order: --device-id \"%s\" is not a Syncthing device "
                    "ID (XXXXXXX-XXXXXXX-... as Syncthing shows it)\n",
                    device);
            return 2;
        }
    }
    char *default_folder = xasprintf("kiosk-content-%s", group);
    char *text =
        xasprintf("{\n  \"format\": 1,\n  \"content_machine\": {\"name\": \"%s\", "
                  "\"device_id\": \"%s\", \"address\": \"%s\"},\n"
                  "  \"content_folder\": \"%s\",\n  \"report_folder_prefix\": \"%s\"%s%s%s\n}\n",
                  name, id, address, folder ? folder : default_folder, prefix,
                  listen ? ",\n  \"listen\": \"" : "", listen ? listen : "", listen ? "\"" : "");
    char *kdir = file_join(out, "KIOSK"), *path = file_join(out, ENROL_ORDER_PATH);
    bool ok = file_mkdir_p(kdir) && file_write_atomic(path, text, strlen(text), err, sizeof err);
    if (ok)
        printf("wrote %s for group \"%s\" (content machine %s)\nnow sign it: minisign -S -s "
               "city.key -m %s -t \"kiosk-enrol group=%s seq=N\"\n",
               path, group, id, path, group);
    else
        fprintf(stderr, "kiosk: fleet order: cannot write %s: %s\n", path, err);
    free(kdir);
    free(path);
    free(text);
    free(default_folder);
    return ok ? 0 : 1;
}

static const char enrol_usage[] =
    "usage: kiosk fleet enrol STICK --syncthing-home DIR [--inbox DIR] [--report-dir DIR]\n"
    "                         [--name NAME] [--reply FILE] [--state DIR] [--keys DIR]\n"
    "                         [--group G] [--config FILE] [--syncthing PATH]\n"
    "Takes the signed enrolment order on STICK (KIOSK/enrol.json and .minisig): checks it like\n"
    "a bundle (trusted keys, this kiosk's group, a seq higher than the last one taken),\n"
    "creates the kiosk's Syncthing identity when it has none, writes its config.xml (content\n"
    "folder receive-only into the inbox, report folder send-only), and writes the answer with\n"
    "the kiosk's device ID into FILE (default STATE/enrol-reply.txt) for the stick.\n";

/* Runs `syncthing generate` for a kiosk that has no identity yet. */
static bool generate_identity(const char *syncthing, const char *home, char *err, size_t errlen)
{
    char *home_arg = xasprintf("--home=%s", home);
    char *args[] = {(char *)syncthing,     "generate", home_arg, "--no-default-folder",
                    "--skip-port-probing", NULL};
    pid_t pid;
    int rc = posix_spawnp(&pid, syncthing, NULL, NULL, args, environ);
    free(home_arg);
    if (rc != 0) {
        snprintf(err, errlen, "cannot run %s (apt-get install syncthing): %s", syncthing,
                 strerror(rc));
        return false;
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        snprintf(err, errlen, "%s generate --home=%s failed", syncthing, home);
        return false;
    }
    return true;
}

static int fleet_enrol(int argc, char **argv)
{
    const char *stick = NULL, *home = NULL, *inbox = NULL, *report = NULL, *name = NULL;
    const char *reply = NULL, *state = NULL, *keys = NULL, *group = NULL, *config = NULL;
    const char *syncthing = "syncthing";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = !strcmp(a, "--syncthing-home") ? &home
                            : !strcmp(a, "--inbox")        ? &inbox
                            : !strcmp(a, "--report-dir")   ? &report
                            : !strcmp(a, "--name")         ? &name
                            : !strcmp(a, "--reply")        ? &reply
                            : !strcmp(a, "--state")        ? &state
                            : !strcmp(a, "--keys")         ? &keys
                            : !strcmp(a, "--group")        ? &group
                            : !strcmp(a, "--config")       ? &config
                            : !strcmp(a, "--syncthing")    ? &syncthing
                                                           : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(enrol_usage, stdout);
            return 0;
        }
        if (slot && i + 1 < argc) {
            *slot = argv[++i];
        } else if (a[0] == '-' || stick) {
            fputs(enrol_usage, stderr);
            return 2;
        } else {
            stick = a;
        }
    }
    if (!stick || !home) {
        fputs(enrol_usage, stderr);
        return 2;
    }
    struct config *cfg = xmalloc(sizeof *cfg);
    config_defaults(cfg);
    config_load(cfg, config ? config : CONFIG_DEFAULT_PATH, config == NULL);
    state = state ? state : cfg->state_dir;
    keys = keys ? keys : cfg->keys_dir;
    group = group ? group : cfg->screen_group[0] ? cfg->screen_group : NULL;
    inbox = inbox ? inbox : cfg->inbox_dir[0] ? cfg->inbox_dir : NULL;
    char host[256] = "kiosk";
    if (!name) {
        if (gethostname(host, sizeof host) == 0)
            host[strcspn(host, ".")] = '\0';
        name = host;
    }
    char *default_report = file_join(home, "report");
    char *default_reply = file_join(state, "enrol-reply.txt");
    report = report ? report : default_report;
    reply = reply ? reply : default_reply;
    int status = 1;
    char err[1024] = "", id[ENROL_DEVICE_ID_LEN + 1];
    struct enrol_order order;
    if (!group || !inbox) {
        fprintf(stderr,
                "kiosk: fleet enrol: %s is not known; set %s in the settings file or "
                "give %s\n",
                !group ? "the screen group" : "the inbox folder",
                !group ? "screen_group" : "inbox_dir", !group ? "--group" : "--inbox");
        status = 2;
        goto out;
    }
    for (const char *c = name; *c; c++) {
        if (!isalnum((unsigned char)*c) && !strchr("._-", *c)) {
            fprintf(stderr,
                    "kiosk: fleet enrol: the kiosk name \"%s\" may hold only letters, "
                    "digits, '.', '_' and '-'\n",
                    name);
            status = 2;
            goto out;
        }
    }
    if (!enrol_order_read(stick, keys, group, state, &order, err, sizeof err)) {
        fprintf(stderr, "kiosk: fleet enrol: refused: %s\n", err);
        goto out;
    }
    char *cert = file_join(home, "cert.pem");
    struct stat st;
    bool have = stat(cert, &st) == 0;
    free(cert);
    if (!have && (!file_mkdir_p(home) || !generate_identity(syncthing, home, err, sizeof err))) {
        fprintf(stderr, "kiosk: fleet enrol: %s\n", err[0] ? err : "cannot create the home");
        goto out;
    }
    if (!enrol_device_id(home, id, err, sizeof err)) {
        fprintf(stderr, "kiosk: fleet enrol: %s\n", err);
        goto out;
    }
    struct enrol_paths paths = {
        .home = home, .inbox_dir = inbox, .report_dir = report, .kiosk_name = name};
    if (!enrol_write_config(&order, &paths, id, err, sizeof err)) {
        fprintf(stderr, "kiosk: fleet enrol: cannot write the Syncthing configuration: %s\n", err);
        goto out;
    }
    char *text = enrol_reply(&order, name, id);
    bool ok = file_write_atomic(reply, text, strlen(text), err, sizeof err) &&
              enrol_seq_commit(state, order.group, order.seq, err, sizeof err);
    free(text);
    if (!ok) {
        fprintf(stderr, "kiosk: fleet enrol: %s\n", err);
        goto out;
    }
    printf("enrolled: kiosk %s in group \"%s\" (order seq=%llu), content machine %s at %s\n"
           "this kiosk's device ID: %s\n",
           name, order.group, (unsigned long long)order.seq, order.content_name,
           order.content_address, id);
    status = 0;
out:
    free(default_report);
    free(default_reply);
    free(cfg);
    return status;
}

static const char setup_usage[] =
    "usage: kiosk fleet publish-setup --home DIR [--answers PATH]... [--publish DIR]\n"
    "                                 [--fleet DIR] [--name NAME] [--listen tcp://A:P]\n"
    "                                 [--gui A:P] [--syncthing PATH]\n"
    "On the content machine: writes its Syncthing configuration (DIR/config.xml) for the fleet,\n"
    "so that nothing is clicked or typed in Syncthing's page. PATH is the enrolment stick's\n"
    "KIOSK/enrolled folder (or one answer file in it): each kiosk's answer names its group and\n"
    "device ID. Every group gets a send-only folder PUBLISH/GROUP shared with its kiosks, every\n"
    "kiosk a receive-only folder FLEET/NAME for its health report and proof of play. Kiosks are\n"
    "remembered in DIR/kiosk-fleet.json and added to at each run (a kiosk enrolled again\n"
    "replaces its entry), as are --publish, --fleet (both needed the first time), --name\n"
    "(default content-machine), --listen (default tcp://0.0.0.0:22000) and --gui (default\n"
    "127.0.0.1:8384). Stop Syncthing before and start it after: it reads its configuration when\n"
    "it starts. Local network only: no discovery, relays or usage reporting.\n";

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the answers in path (a folder of NAME.txt files, or one file) to s. */
static bool add_answers(struct publish_setup *s, const char *path, int *added)
{
    char err[1024];
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "kiosk: fleet publish-setup: %s: %s\n", path, strerror(errno));
        return false;
    }
    char **names = NULL;
    size_t count = 0, cap = 0;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *de;
        while (d && (de = readdir(d))) {
            size_t n = strlen(de->d_name);
            if (de->d_name[0] == '.' || n < 5 || strcmp(de->d_name + n - 4, ".txt") != 0)
                continue;
            names = xgrow(names, &cap, count + 1, sizeof *names);
            names[count++] = file_join(path, de->d_name);
        }
        if (d)
            closedir(d);
        if (count == 0) {
            fprintf(stderr,
                    "kiosk: fleet publish-setup: %s holds no answers (NAME.txt, written by "
                    "each kiosk onto the enrolment stick)\n",
                    path);
            return false;
        }
        qsort(names, count, sizeof *names, compare_names);
    } else {
        names = xgrow(names, &cap, 1, sizeof *names);
        names[count++] = xstrdup(path);
    }
    bool ok = true;
    for (size_t i = 0; i < count; i++) {
        struct publish_kiosk k;
        if (ok && !publish_answer_read(names[i], &k, err, sizeof err)) {
            fprintf(stderr, "kiosk: fleet publish-setup: %s\n", err);
            ok = false;
        } else if (ok && !publish_add(s, &k)) {
            fprintf(stderr, "kiosk: fleet publish-setup: more than %d kiosks\n",
                    PUBLISH_MAX_KIOSKS);
            ok = false;
        } else if (ok) {
            (*added)++;
        }
        free(names[i]);
    }
    free(names);
    return ok;
}

static int fleet_publish_setup(int argc, char **argv)
{
    const char *home = NULL, *publish = NULL, *fleet = NULL, *name = NULL, *listen = NULL;
    const char *gui = NULL, *syncthing = "syncthing";
    const char **answers = xcalloc((size_t)argc, sizeof *answers);
    size_t nanswers = 0;
    int status = 2;
    struct publish_setup s = {0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = !strcmp(a, "--home")        ? &home
                            : !strcmp(a, "--publish")   ? &publish
                            : !strcmp(a, "--fleet")     ? &fleet
                            : !strcmp(a, "--name")      ? &name
                            : !strcmp(a, "--listen")    ? &listen
                            : !strcmp(a, "--gui")       ? &gui
                            : !strcmp(a, "--syncthing") ? &syncthing
                            : !strcmp(a, "--answers")   ? &answers[nanswers++]
                                                        : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(setup_usage, stdout);
            status = 0;
            goto out;
        }
        if (!slot || i + 1 >= argc) {
            fputs(setup_usage, stderr);
            goto out;
        }
        *slot = argv[++i];
    }
    if (!home) {
        fputs(setup_usage, stderr);
        goto out;
    }
    status = 1;
    char err[1024] = "", id[ENROL_DEVICE_ID_LEN + 1];
    if (!publish_load(home, &s, err, sizeof err)) {
        fprintf(stderr, "kiosk: fleet publish-setup: %s\n", err);
        goto out;
    }
    struct {
        const char *value;
        char *field;
        size_t cap;
    } set[] = {{publish, s.publish_dir, sizeof s.publish_dir},
               {fleet, s.fleet_dir, sizeof s.fleet_dir},
               {name, s.name, sizeof s.name},
               {listen, s.listen, sizeof s.listen},
               {gui, s.gui, sizeof s.gui}};
    for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
        if (set[i].value)
            snprintf(set[i].field, set[i].cap, "%s", set[i].value);
    if (!s.publish_dir[0] || !s.fleet_dir[0]) {
        fprintf(stderr, "kiosk: fleet publish-setup: the first time, give --publish DIR (the "
                        "groups' folders) and --fleet DIR (the kiosks' reports)\n");
        status = 2;
        goto out;
    }
    if (!enrol_address_valid(s.listen)) {
        fprintf(stderr,
                "kiosk: fleet publish-setup: --listen: expected tcp://ADDRESS:PORT, not "
                "\"%s\"\n",
                s.listen);
        status = 2;
        goto out;
    }
    for (const char *c = s.name; *c; c++) {
        if (!isalnum((unsigned char)*c) && !strchr(" ._-", *c)) {
            fprintf(stderr, "kiosk: fleet publish-setup: --name: letters, digits, spaces, '.', "
                            "'_' and '-' only\n");
            status = 2;
            goto out;
        }
    }
    int added = 0;
    for (size_t i = 0; i < nanswers; i++)
        if (!add_answers(&s, answers[i], &added))
            goto out;
    /* The first time, Syncthing's own configuration (made by its first start, perhaps with
     * folders of its user's own) is kept beside, not lost. */
    char *config = file_join(home, "config.xml"), *registry = file_join(home, PUBLISH_REGISTRY);
    char *kept = file_join(home, "config.xml.before-kiosk");
    struct stat st;
    if (stat(config, &st) == 0 && stat(registry, &st) != 0 && stat(kept, &st) != 0 &&
        rename(config, kept) == 0)
        printf("kept Syncthing's previous configuration as %s\n", kept);
    free(config);
    free(registry);
    free(kept);
    char *cert = file_join(home, "cert.pem");
    bool have = stat(cert, &st) == 0;
    free(cert);
    if (!have && (!file_mkdir_p(home) || !generate_identity(syncthing, home, err, sizeof err))) {
        fprintf(stderr, "kiosk: fleet publish-setup: %s\n",
                err[0] ? err : "cannot create the home");
        goto out;
    }
    if (!enrol_device_id(home, id, err, sizeof err) ||
        !publish_save(home, &s, id, err, sizeof err)) {
        fprintf(stderr, "kiosk: fleet publish-setup: %s\n", err);
        goto out;
    }
    printf("content machine %s (%s), listening on %s; %d answer%s read\n", s.name, id, s.listen,
           added, added == 1 ? "" : "s");
    for (size_t i = 0; i < s.count; i++) {
        bool first = true;
        for (size_t j = 0; j < i; j++)
            first = first && strcmp(s.kiosks[j].group, s.kiosks[i].group) != 0;
        if (!first)
            continue;
        printf("group %s: %s/%s -> folder %s, send-only, to", s.kiosks[i].group, s.publish_dir,
               s.kiosks[i].group, s.kiosks[i].content_folder);
        for (size_t j = i; j < s.count; j++)
            if (!strcmp(s.kiosks[j].group, s.kiosks[i].group))
                printf(" %s", s.kiosks[j].name);
        putchar('\n');
    }
    for (size_t i = 0; i < s.count; i++)
        printf("kiosk %s (%s): folder %s -> %s/%s, receive-only\n", s.kiosks[i].name,
               s.kiosks[i].device_id, s.kiosks[i].report_folder, s.fleet_dir, s.kiosks[i].name);
    printf("wrote %s/config.xml: (re)start Syncthing for it to take effect\n", home);
    status = 0;
out:
    publish_free(&s);
    free(answers);
    return status;
}

int cmd_fleet(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "order"))
        return fleet_order(argc - 1, argv + 1);
    if (argc > 1 && !strcmp(argv[1], "publish-setup"))
        return fleet_publish_setup(argc - 1, argv + 1);
    if (argc > 1 && !strcmp(argv[1], "enrol"))
        return fleet_enrol(argc - 1, argv + 1);
    const char *dir = NULL;
    struct fleet_options o = {0};
    bool csv = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool has_value = i + 1 < argc;
        if (!strcmp(a, "--published") && has_value) {
            o.published_dir = argv[++i];
        } else if (!strcmp(a, "--silent-after") && has_value) {
            /* Minutes; "30s" for seconds (tests, or a fleet refreshing faster). */
            char *end;
            long m = strtol(argv[++i], &end, 10);
            bool seconds = !strcmp(end, "s");
            if ((*end && !seconds) || m < 1 || m > 100000) {
                fprintf(stderr,
                        "kiosk: fleet: --silent-after expects minutes (1 to 100000), "
                        "not \"%s\"\n",
                        argv[i]);
                return 2;
            }
            o.silent_after_s = seconds ? m : m * 60;
        } else if (!strcmp(a, "--csv")) {
            csv = true;
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage, stdout);
            return 0;
        } else if (a[0] == '-' || dir) {
            fputs(usage, stderr);
            return 2;
        } else {
            dir = a;
        }
    }
    if (!dir) {
        fputs(usage, stderr);
        return 2;
    }
    o.now = time(NULL);
    struct fleet f;
    char err[1024];
    if (!fleet_read(dir, &o, &f, err, sizeof err)) {
        fprintf(stderr, "kiosk: fleet: %s\n", err);
        return 1;
    }
    static const char *const heads[NCOLS] = {"kiosk",     "group", "version",
                                             "last seen", "state", "problems"};
    char(*cell)[1100] = xmalloc(NCOLS * sizeof *cell);
    int status = 0;
    if (csv) {
        fputs("kiosk,group,version,newest,last_seen,state,problems\r\n", stdout);
        for (size_t i = 0; i < f.count; i++) {
            const struct fleet_row *r = &f.rows[i];
            char seen[32] = "", num[24], newest[24] = "";
            if (r->has_report) {
                struct tm tm;
                time_t t = r->health.written;
                if (gmtime_r(&t, &tm))
                    strftime(seen, sizeof seen, "%Y-%m-%dT%H:%M:%SZ", &tm);
            }
            snprintf(num, sizeof num, "%llu",
                     (unsigned long long)(r->has_report ? r->health.content_version : 0));
            if (r->newest)
                snprintf(newest, sizeof newest, "%llu", (unsigned long long)r->newest);
            put_csv(r->name, false);
            put_csv(r->group, false);
            put_csv(num, false);
            put_csv(newest, false);
            put_csv(seen, false);
            put_csv(fleet_state_name(r->state), false);
            put_csv(r->problems, true);
        }
    } else {
        size_t width[NCOLS];
        for (int c = 0; c < NCOLS; c++)
            width[c] = width_of(heads[c]);
        for (size_t i = 0; i < f.count; i++) {
            cells(&f.rows[i], o.now, cell);
            for (int c = 0; c < NCOLS; c++)
                if (width_of(cell[c]) > width[c])
                    width[c] = width_of(cell[c]);
        }
        for (int c = 0; c < NCOLS; c++)
            printf("%s%*s", heads[c], c == NCOLS - 1 ? 0 : (int)(width[c] - width_of(heads[c]) + 2),
                   "");
        putchar('\n');
        for (size_t i = 0; i < f.count; i++) {
            cells(&f.rows[i], o.now, cell);
            for (int c = 0; c < NCOLS; c++)
                printf("%s%*s", cell[c],
                       c == NCOLS - 1 ? 0 : (int)(width[c] - width_of(cell[c]) + 2), "");
            putchar('\n');
        }
        if (f.count == 0)
            printf("(no kiosk folders in %s yet)\n", dir);
    }
    for (size_t i = 0; i < f.count; i++)
        if (f.rows[i].state != FLEET_OK)
            status = 1;
    free(cell);
    fleet_free(&f);
    return status;
}
