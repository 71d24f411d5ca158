/* kiosk import PATH: one import from a stick's mount point or an inbox folder, as the player
 * does by itself when a stick appears; prints the result. kiosk import --recover runs the
 * start-up recovery alone and prints what is installed. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "app/config.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "import/importer.h"
#include "app/import_check.h"

static const char usage[] =
    "usage: kiosk import PATH [--state DIR] [--keys DIR] [--group G] [--config FILE]\n"
    "                         [--reserve BYTES] [--max-size BYTES] [--check-time-limit S]\n"
    "       kiosk import --recover [--state DIR]\n"
    "Imports PATH/KIOSK/bundle.tar (signed with PATH/KIOSK/bundle.tar.minisig) into the state\n"
    "folder, trusting the minisign keys DIR/*.pub. The state folder, keys and group default to\n"
    "state_dir, keys_dir and screen_group of the settings file (" CONFIG_DEFAULT_PATH ").\n"
    "The content is checked in a child process; --check-time-limit caps its time (default\n"
    "300 s) and a check that crashes or takes longer refuses the bundle.\n"
    "Exit status 0 when installed (also when a step after the switch failed: then a warning\n"
    "line follows), 1 when refused (what was installed before still is), 2 on usage errors.\n";

int cmd_import(int argc, char **argv)
{
    struct import_options o;
    import_options_defaults(&o);
    const char *source = NULL, *config_path = NULL;
    o.state_dir = o.keys_dir = o.group = NULL; /* given on the command line, or from settings */
    bool recover = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool has_value = i + 1 < argc;
        uint64_t n;
        if (!strcmp(a, "--state") && has_value) {
            o.state_dir = argv[++i];
        } else if (!strcmp(a, "--keys") && has_value) {
            o.keys_dir = argv[++i];
        } else if (!strcmp(a, "--group") && has_value) {
            o.group = argv[++i];
        } else if (!strcmp(a, "--config") && has_value) {
            config_path = argv[++i];
        } else if (!strcmp(a, "--reserve") && has_value) {
            if (!args_parse_uint(argv[++i], &n)) {
                fprintf(stderr, "kiosk: import: --reserve expects a number of bytes\n");
                return 2;
            }
            o.reserve_bytes = n;
        } else if (!strcmp(a, "--max-size") && has_value) {
            if (!args_parse_uint(argv[++i], &n) || n == 0) {
                fprintf(stderr, "kiosk: import: --max-size expects a number of bytes\n");
                return 2;
            }
            o.max_bundle_bytes = n;
            if (o.max_file_bytes > n)
                o.max_file_bytes = n;
        } else if (!strcmp(a, "--check-time-limit") && has_value) {
            if (!args_parse_uint(argv[++i], &n) || n == 0 || n > 86400) {
                fprintf(stderr, "kiosk: import: --check-time-limit expects seconds (1 to "
                                "86400)\n");
                return 2;
            }
            o.check_limits.wall_seconds = (unsigned)n;
            if (o.check_limits.cpu_seconds > n)
                o.check_limits.cpu_seconds = (unsigned)n;
        } else if (!strcmp(a, "--recover")) {
            recover = true;
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage, stdout);
            return 0;
        } else if (a[0] == '-' || source) {
            fputs(usage, stderr);
            return 2;
        } else {
            source = a;
        }
    }
    struct config cfg;
    config_defaults(&cfg);
    config_load(&cfg, config_path ? config_path : CONFIG_DEFAULT_PATH, config_path == NULL);
    if (!o.state_dir)
        o.state_dir = cfg.state_dir;
    if (!o.keys_dir)
        o.keys_dir = cfg.keys_dir;
    if (!o.group && cfg.screen_group[0])
        o.group = cfg.screen_group;
    if (recover) {
        struct install_info info;
        if (!import_recover(o.state_dir, &info)) {
            printf("%s: no content installed; the built-in slide plays\n", o.state_dir);
            return 1;
        }
        printf("%s: version %" PRIu64 " of group \"%s\" is current (%s)\n", o.state_dir,
               info.version, info.group, info.content_dir);
        return 0;
    }
    if (!source) {
        fputs(usage, stderr);
        return 2;
    }
    if (!o.group) {
        fprintf(stderr, "kiosk: import: this kiosk's screen group is not known; give --group G "
                        "or set screen_group in the settings file\n");
        return 2;
    }
    struct import_check check = {cfg.max_image_pixels};
    o.validate = import_check_content;
    o.validate_data = &check;

    struct install_info before;
    import_recover(o.state_dir, &before);
    struct import_result r;
    import_run(&o, source, NULL, NULL, &r);
    if (r.status == IMPORT_INSTALLED) {
        printf("installed: version %" PRIu64 " of group \"%s\" (%s)\n", r.version, r.group,
               r.installed.content_dir);
        /* Installed all the same: current names it, and it plays. Exit 0 says so. */
        if (r.warning[0])
            printf("warning: %s\n", r.warning);
        return 0;
    }
    printf("refused: %s: %s\n", import_status_headline(r.status), r.reason);
    if (r.installed.version)
        printf("still installed: version %" PRIu64 " of group \"%s\"\n", r.installed.version,
               r.installed.group);
    else
        printf("still installed: nothing (the built-in slide plays)\n");
    return 1;
}
