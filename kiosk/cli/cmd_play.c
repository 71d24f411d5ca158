/* kiosk [play] DIR: plays a playlist folder fullscreen, or in a preview window. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "calendar/tz.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "playlist/playlist.h"
#include "sched/schedule.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: kiosk [play] DIR [options]\n"
            "  --window WxH       play in a resizable window of that size (preview)\n"
            "  --fullscreen       play fullscreen (the default)\n"
            "  --config FILE      settings file (default " CONFIG_DEFAULT_PATH ", if present)\n"
            "  --no-quit          ignore Q and Escape (kiosk mode; same as allow_quit = false)\n"
            "  --no-watch         do not reload when the playlist or its media change\n"
            "  --exit-after N     quit after N slides have been shown (tests)\n"
            "  --stats            print frame statistics on exit\n"
            "  --script FILE      scripted touches and checks (tests; docs/touch.md)\n"
            "  --at 'YYYY-MM-DD HH:MM'  play as at that local time: schedules and clocks start\n"
            "                     there and run on (preview a festival before it comes)\n"
            "USB and inbox import (settings state_dir, keys_dir, screen_group, watch_dirs,\n"
            "inbox_dir; see docs/usb-update.md):\n"
            "  --state DIR        installed content (default /var/lib/kiosk)\n"
            "  --keys DIR         trusted minisign public keys *.pub (default /etc/kiosk/keys)\n"
            "  --group G          this screen's group; importing is off without one\n"
            "  --watch-dirs LIST  folders whose subfolders are USB sticks, comma-separated\n"
            "  --inbox DIR        a folder a sync tool delivers bundles into\n"
            "  --proof DIR|off    where proof-of-play records go (setting proof_dir)\n"
            "keys: left/right previous/next (as seen), space pause, F fullscreen, Q/Escape quit\n");
}

/* The local time `c` in the playlist's zone (its "place"; Asia/Jerusalem without one, or when
 * the playlist does not load: the player reports why itself). */
static time_t local_moment(const char *dir, const struct civil_time *c)
{
    struct diag_list diags = {0};
    struct playlist *pl = playlist_load(dir, NULL, &diags);
    diag_list_clear(&diags);
    struct schedule_env env;
    schedule_env_init(&env, pl && pl->has_place ? &pl->place : NULL);
    time_t t, later;
    tz_from_civil(env.zone, c, &t, &later);
    playlist_free(pl);
    return t;
}

int cmd_play(int argc, char **argv)
{
    enum {
        OPT_WINDOW = 256,
        OPT_FULLSCREEN,
        OPT_CONFIG,
        OPT_NO_QUIT,
        OPT_NO_WATCH,
        OPT_EXIT_AFTER,
        OPT_STATS,
        OPT_HELP,
        OPT_STATE,
        OPT_KEYS,
        OPT_GROUP,
        OPT_WATCH_DIRS,
        OPT_INBOX,
        OPT_PROOF,
        OPT_AT,
        OPT_SCRIPT
    };
    static const struct option longopts[] = {
        {"window", required_argument, NULL, OPT_WINDOW},
        {"fullscreen", no_argument, NULL, OPT_FULLSCREEN},
        {"config", required_argument, NULL, OPT_CONFIG},
        {"no-quit", no_argument, NULL, OPT_NO_QUIT},
        {"no-watch", no_argument, NULL, OPT_NO_WATCH},
        {"exit-after", required_argument, NULL, OPT_EXIT_AFTER},
        {"stats", no_argument, NULL, OPT_STATS},
        {"at", required_argument, NULL, OPT_AT},
        {"script", required_argument, NULL, OPT_SCRIPT},
        {"help", no_argument, NULL, OPT_HELP},
        {"state", required_argument, NULL, OPT_STATE},
        {"keys", required_argument, NULL, OPT_KEYS},
        {"group", required_argument, NULL, OPT_GROUP},
        {"watch-dirs", required_argument, NULL, OPT_WATCH_DIRS},
        {"inbox", required_argument, NULL, OPT_INBOX},
        {"proof", required_argument, NULL, OPT_PROOF},
        {NULL, 0, NULL, 0},
    };
    struct app_options o = {.fullscreen = true, .window_w = 1280, .window_h = 720, .watch = true};
    config_defaults(&o.config);
    const char *config_path = NULL;
    bool no_quit = false;
    bool has_at = false;
    struct civil_time at;
    /* Settings given on the command line, applied over the file once it is read. */
    struct override {
        const char *key, *value;
    } overrides[8];
    size_t override_count = 0;

    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_WINDOW:
            if (!args_parse_size(optarg, &o.window_w, &o.window_h)) {
                fprintf(stderr,
                        "kiosk: --window: expected WIDTHxHEIGHT such as 1280x720, "
                        "found \"%s\"\n",
                        optarg);
                return 2;
            }
            o.fullscreen = false;
            break;
        case OPT_FULLSCREEN:
            o.fullscreen = true;
            break;
        case OPT_CONFIG:
            config_path = optarg;
            break;
        case OPT_NO_QUIT:
            no_quit = true;
            break;
        case OPT_NO_WATCH:
            o.watch = false;
            break;
        case OPT_EXIT_AFTER:
            if (!args_parse_uint(optarg, &o.exit_after)) {
                fprintf(stderr,
                        "kiosk: --exit-after: expected a number of slides, found "
                        "\"%s\"\n",
                        optarg);
                return 2;
            }
            break;
        case OPT_STATS:
            o.stats = true;
            break;
        case OPT_SCRIPT:
            o.script = optarg;
            break;
        case OPT_AT:
            if (!args_parse_civil(optarg, false, &at)) {
                fprintf(stderr,
                        "kiosk: --at: expected 'YYYY-MM-DD HH:MM' such as "
                        "'2027-04-22 19:30', found \"%s\"\n",
                        optarg);
                return 2;
            }
            has_at = true;
            break;
        case OPT_STATE:
        case OPT_KEYS:
        case OPT_GROUP:
        case OPT_WATCH_DIRS:
        case OPT_INBOX:
        case OPT_PROOF: {
            static const char *const keys[] = {"state_dir",  "keys_dir",  "screen_group",
                                               "watch_dirs", "inbox_dir", "proof_dir"};
            if (override_count < sizeof overrides / sizeof overrides[0])
                overrides[override_count++] = (struct override){keys[c - OPT_STATE], optarg};
            break;
        }
        case 'h':
        case OPT_HELP:
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    if (optind != argc - 1) {
        usage(stderr);
        return 2;
    }
    o.dir = args_content_dir(argv[optind]);
    if (has_at)
        o.at = local_moment(o.dir, &at);
    /* A bad settings file is reported but does not stop the show: defaults stand in. */
    config_load(&o.config, config_path ? config_path : CONFIG_DEFAULT_PATH, config_path == NULL);
    if (no_quit)
        o.config.allow_quit = false;
    for (size_t i = 0; i < override_count; i++) {
        char err[1024];
        if (!config_set(&o.config, overrides[i].key, overrides[i].value, err, sizeof err)) {
            fprintf(stderr, "kiosk: %s: %s\n", overrides[i].key, err);
            return 2;
        }
    }
    /* Ctrl+C and SIGTERM stop the player. A shell that starts it in the background (a script's
     * `kiosk DIR &`) hands it SIGINT ignored, and SDL only turns a signal into a quit when it
     * finds the default disposition: put the default back so SDL installs its handler. */
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    return app_run(&o);
}
