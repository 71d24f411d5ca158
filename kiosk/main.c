/* The kiosk's command line: play (the default), check, render, layout. */
#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include "app/import_check.h"
#include "cli/commands.h"
#include "media/picture_memory.h"
#include "platform/display.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: kiosk [play] DIR [--window WxH] [options]   play a playlist folder\n"
            "       kiosk new DIR [--city NAME] [--langs he,en] start a playlist from a template\n"
            "       kiosk studio DIR [--port N] [--no-browser]   edit a playlist in the browser\n"
            "       kiosk check DIR                            validate a playlist folder\n"
            "       kiosk render DIR --out OUTDIR [--size WxH] [--transition-at P]\n"
            "                                                  write every slide as PNG\n"
            "       kiosk layout [options] -- TEXT             lay out text, print JSON\n"
            "       kiosk bundle DIR --version N --group G --out OUTDIR [--sign KEY]\n"
            "                                                  build a bundle for a USB stick\n"
            "       kiosk import PATH [--state DIR] [--keys DIR] [--group G]\n"
            "                                                  install a signed bundle\n"
            "       kiosk report FILE|DIR... [--from D] [--to D] [--csv] [--tz ZONE]\n"
            "                                                  plays per slide per day\n"
            "       kiosk fleet DIR [--published DIR] [--csv]  every kiosk of a Syncthing fleet\n"
            "       kiosk fleet order|enrol|publish-setup ...  enrolment sticks, content machine\n"
            "       kiosk emergency order|start|end|status     emergency mode (docs/emergency.md)\n"
            "       kiosk schedule DIR --from DATE --to DATE [--step MIN]\n"
            "                                                  what would play when\n"
            "       kiosk --version\n"
            "Run a command with --help for its options. Documentation: README.md and docs/.\n");
}

int main(int argc, char **argv)
{
    /* Picture buffers are megabytes each and short-lived. A fixed mmap threshold gives every one
     * its own mapping, returned to the system when freed; glibc's default raises the threshold
     * after the first free, after which freed pictures linger in the heap and the process holds
     * memory it no longer uses. */
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    /* The price of fresh mappings is a page fault per 4 KiB on first touch; SDL's allocations of
     * pictures get their pages in one call instead (before any other SDL call). */
    picture_memory_for_sdl();
    display_prepare_environment();
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--version")) {
        printf("kiosk %s\n", KIOSK_VERSION);
        return 0;
    }
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        usage(stdout);
        return 0;
    }
    static const struct {
        const char *name;
        int (*run)(int argc, char **argv);
    } commands[] = {
        {"play", cmd_play},
        {"check", cmd_check},
        {"render", cmd_render},
        {"layout", cmd_layout},
        {"bundle", cmd_bundle},
        {"import", cmd_import},
        {"report", cmd_report},
        {"schedule", cmd_schedule},
        {"export-proof", cmd_export_proof},
        {"new", cmd_new},
        {"fleet", cmd_fleet},
        {"studio", cmd_studio},
        {"emergency", cmd_emergency},
        /* Not for people: the importer's content check, run in a fresh process. */
        {"import-check", import_check_main},
    };
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        if (!strcmp(cmd, commands[i].name))
            return commands[i].run(argc - 1, argv + 1);
    /* No subcommand: `kiosk DIR [options]` plays. */
    return cmd_play(argc, argv);
}
