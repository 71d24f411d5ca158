/* kiosk emergency: emergency mode's orders (docs/emergency.md).
 *
 *   kiosk emergency order ...    on the content machine: a signed order onto a stick or into
 *                                the group's published folder (the inbox)
 *   kiosk emergency start|end    on the kiosk, for a technician: a request in the state folder,
 *                                which the running player takes within a tenth of a second
 *   kiosk emergency status       on the kiosk: whether an order holds emergency mode on */
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/config.h"
#include "base/file.h"
#include "base/xmalloc.h"
#include "cli/commands.h"
#include "cli/sign_file.h"
#include "emergency/order.h"
#include "emergency/watch.h"
#include "import/signed_order.h"

static const char order_usage[] =
    "usage: kiosk emergency order --group G (--start|--end) --out DIR [--seq N] [--note TEXT]\n"
    "                             [--sign city.key]\n"
    "Writes DIR/KIOSK/emergency.json, an emergency order for the kiosks of group G (DIR: a\n"
    "stick, or the group's folder that reaches the kiosks' inbox). With --sign it is signed at\n"
    "once (DIR/KIOSK/emergency.json.minisig); otherwise sign it with\n"
    "  minisign -S -s city.key -m DIR/KIOSK/emergency.json \\\n"
    "           -t \"kiosk-emergency group=G action=start seq=N\"\n"
    "N must be higher than any earlier emergency order's for the group: the default is the\n"
    "time now in seconds, higher than the last as long as this machine's clock is right and\n"
    "no larger --seq was given. --note is shown to staff on the status page.\n";

static const char usage[] =
    "usage: kiosk emergency start|end [--note TEXT] [--config FILE]\n"
    "       kiosk emergency status [--config FILE]\n"
    "       kiosk emergency order ...    (kiosk emergency order --help)\n"
    "start and end are for a technician at the kiosk: they ask the running player (through\n"
    "STATE/emergency-request) to start or end emergency mode, and wait for it to be taken.\n";

/* The note inside a JSON string: quotes, backslashes and control characters escaped. */
static char *json_escape(const char *s)
{
    char *out = xmalloc(6 * strlen(s) + 1), *p = out;
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\')
            p += sprintf(p, "\\%c", ch);
        else if (ch < 0x20)
            p += sprintf(p, "\\u%04x", ch);
        else
            *p++ = (char)ch;
    }
    *p = '\0';
    return out;
}

static int emergency_order(int argc, char **argv)
{
    const char *group = NULL, *out = NULL, *seq_text = NULL, *note = NULL, *key = NULL;
    int action = -1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(order_usage, stdout);
            return 0;
        }
        if (!strcmp(a, "--start") || !strcmp(a, "--end")) {
            action = !strcmp(a, "--start");
            continue;
        }
        const char **slot = !strcmp(a, "--group")  ? &group
                            : !strcmp(a, "--out")  ? &out
                            : !strcmp(a, "--seq")  ? &seq_text
                            : !strcmp(a, "--note") ? &note
                            : !strcmp(a, "--sign") ? &key
                                                   : NULL;
        if (!slot || i + 1 >= argc) {
            fputs(order_usage, stderr);
            return 2;
        }
        *slot = argv[++i];
    }
    if (!group || !out || action < 0) {
        fputs(order_usage, stderr);
        return 2;
    }
    uint64_t seq = (uint64_t)time(NULL);
    if (seq_text) {
        char *end;
        seq = strtoull(seq_text, &end, 10);
        if (*end || seq == 0 || seq > 999999999999999ULL || seq_text[0] == '0') {
            fprintf(stderr, "kiosk: emergency order: --seq: expected a number from 1 to "
                            "999999999999999 without leading zeros\n");
            return 2;
        }
    }
    char comment[MINISIG_COMMENT_MAX + 1], err[1024];
    snprintf(comment, sizeof comment, "kiosk-emergency group=%s action=%s seq=%" PRIu64, group,
             action ? "start" : "end", seq);
    struct minisig_emergency_info info;
    if (!minisig_emergency_info_parse(comment, &info, err, sizeof err)) {
        fprintf(stderr, "kiosk: emergency order: --group \"%s\": %s\n", group, err);
        return 2;
    }
    char *escaped = json_escape(note ? note : "");
    char *text = note ? xasprintf("{\"format\": 1, \"note\": \"%s\"}\n", escaped)
                      : xstrdup("{\"format\": 1}\n");
    char *kdir = file_join(out, "KIOSK"), *path = file_join(out, EMERGENCY_ORDER_PATH);
    char *sig = file_join(out, EMERGENCY_SIGNATURE_PATH);
    int status = 1;
    if (!file_mkdir_p(kdir) || !file_write_atomic(path, text, strlen(text), err, sizeof err)) {
        fprintf(stderr, "kiosk: emergency order: cannot write %s: %s\n", path, err);
        goto out;
    }
    if (key) {
        if (sodium_init() < 0) {
            fprintf(stderr, "kiosk: emergency order: libsodium cannot start\n");
            goto out;
        }
        uint8_t hash[MINISIG_HASH_BYTES];
        crypto_generichash(hash, sizeof hash, (const unsigned char *)text, strlen(text), NULL, 0);
        if (!cli_sign_file("emergency order", key, NULL, comment, hash, sig, stderr))
            goto out;
        printf("wrote %s and its signature: emergency %s for group \"%s\" (seq=%" PRIu64 ")\n",
               path, action ? "START" : "END", group, seq);
    } else {
        unlink(sig); /* an older order's signature must not stay beside the new order */
        printf("wrote %s; now sign it:\n  minisign -S -s city.key -m %s -t \"%s\"\n", path, path,
               comment);
    }
    status = 0;
out:
    free(escaped);
    free(text);
    free(kdir);
    free(path);
    free(sig);
    return status;
}

static int emergency_local(const char *what, int argc, char **argv)
{
    const char *note = NULL, *config_path = NULL;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--note") && i + 1 < argc)
            note = argv[++i];
        else if (!strcmp(argv[i], "--config") && i + 1 < argc)
            config_path = argv[++i];
        else {
            fputs(usage, stderr);
            return 2;
        }
    }
    struct config cfg;
    config_defaults(&cfg);
    config_load(&cfg, config_path ? config_path : CONFIG_DEFAULT_PATH, config_path == NULL);
    if (!strcmp(what, "status")) {
        char *latch = file_join(cfg.state_dir, EMERGENCY_LATCH_FILE), *text = NULL;
        size_t len = 0;
        char rerr[512];
        if (file_read_all(latch, 1024, &text, &len, rerr, sizeof rerr) &&
            !strncmp(text, "on ", 3)) {
            time_t since = (time_t)(strtoll(text + 3, NULL, 10) / 1000);
            char when[64];
            struct tm tm;
            localtime_r(&since, &tm);
            strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
            const char *nl = strchr(text, '\n');
            printf("emergency ON by order since %s: %.*s\n", when,
                   nl ? (int)strcspn(nl + 1, "\n") : 0, nl ? nl + 1 : "");
        } else {
            printf("no order holds emergency mode on (the dry contact may, while the alarm is "
                   "active)\n");
        }
        printf("last signed emergency order taken: seq=%" PRIu64 "\n",
               signed_order_seq_last(cfg.state_dir, EMERGENCY_SEQ_FILE));
        free(text);
        free(latch);
        return 0;
    }
    bool start = !strcmp(what, "start");
    char err[1024];
    if (!emergency_request_write(cfg.state_dir, start, note, err, sizeof err)) {
        fprintf(stderr, "kiosk: emergency %s: %s (run it as root)\n", what, err);
        return 1;
    }
    /* The player looks ten times a second: a request still there after 2 s finds none. */
    char *path = file_join(cfg.state_dir, EMERGENCY_REQUEST_FILE);
    bool taken = false;
    for (int i = 0; i < 40 && !taken; i++) {
        struct timespec ts = {0, 50 * 1000000L};
        nanosleep(&ts, NULL);
        taken = access(path, F_OK) != 0;
    }
    free(path);
    if (taken)
        printf("emergency %s: the player took it\n", what);
    else
        printf("emergency %s: written to %s/%s; no running player took it yet, it will when it "
               "starts\n",
               what, cfg.state_dir, EMERGENCY_REQUEST_FILE);
    return 0;
}

int cmd_emergency(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "order"))
        return emergency_order(argc - 1, argv + 1);
    if (argc > 1 &&
        (!strcmp(argv[1], "start") || !strcmp(argv[1], "end") || !strcmp(argv[1], "status")))
        return emergency_local(argv[1], argc, argv);
    bool help = argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"));
    fputs(usage, help ? stdout : stderr);
    return help ? 0 : 2;
}
