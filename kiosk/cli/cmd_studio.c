/* kiosk studio DIR: the editor in the browser (kiosk/studio/, docs/studio.md). A folder that
 * does not exist yet, or is empty, starts from a template as with `kiosk new`. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "studio/studio.h"

#define STUDIO_DEFAULT_PORT 8470

static void usage(FILE *out)
{
    fprintf(out,
            "usage: kiosk studio DIR [--port N] [--no-browser] [--template NAME] [--city NAME]\n"
            "                        [--langs LIST]\n"
            "Edits the playlist in DIR in your web browser; prints the link to open.\n"
            "  --port N          listen on 127.0.0.1:N (default %d or the next free one;\n"
            "                    0: any free port)\n"
            "  --no-browser      print the link only; do not open a browser\n"
            "  --template NAME, --city NAME, --langs LIST\n"
            "                    when DIR is new or empty: start it as `kiosk new` does\n",
            STUDIO_DEFAULT_PORT);
}

static bool missing_or_empty(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return errno == ENOENT;
    struct dirent *e;
    bool empty = true;
    while (empty && (e = readdir(d)))
        empty = !strcmp(e->d_name, ".") || !strcmp(e->d_name, "..");
    closedir(d);
    return empty;
}

int cmd_studio(int argc, char **argv)
{
    enum { OPT_PORT = 256, OPT_NO_BROWSER, OPT_TEMPLATE, OPT_CITY, OPT_LANGS, OPT_HELP };
    static const struct option longopts[] = {
        {"port", required_argument, NULL, OPT_PORT},
        {"no-browser", no_argument, NULL, OPT_NO_BROWSER},
        {"template", required_argument, NULL, OPT_TEMPLATE},
        {"city", required_argument, NULL, OPT_CITY},
        {"langs", required_argument, NULL, OPT_LANGS},
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0},
    };
    struct studio_options o = {.port = STUDIO_DEFAULT_PORT, .open_browser = true};
    const char *template = NULL, *city = NULL, *langs = NULL;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_PORT: {
            uint64_t port;
            if (!args_parse_uint(optarg, &port) || port > 65535) {
                fprintf(stderr,
                        "kiosk: studio: --port: expected a number from 0 to 65535, "
                        "found \"%s\"\n",
                        optarg);
                return 2;
            }
            o.port = (int)port;
            o.port_given = true;
            break;
        }
        case OPT_NO_BROWSER:
            o.open_browser = false;
            break;
        case OPT_TEMPLATE:
            template = optarg;
            break;
        case OPT_CITY:
            city = optarg;
            break;
        case OPT_LANGS:
            langs = optarg;
            break;
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
    o.dir = argv[optind];
    /* The studio writes what a browser tells it to: never with the power to write anywhere. */
    if (geteuid() == 0) {
        fprintf(stderr, "kiosk: studio: refusing to run as root; run it as yourself, without "
                        "sudo\n");
        return 1;
    }
    if (missing_or_empty(o.dir)) {
        char *nargv[9];
        int n = 0;
        nargv[n++] = "new";
        if (template) {
            nargv[n++] = "--template";
            nargv[n++] = (char *)template;
        }
        if (city) {
            nargv[n++] = "--city";
            nargv[n++] = (char *)city;
        }
        if (langs) {
            nargv[n++] = "--langs";
            nargv[n++] = (char *)langs;
        }
        nargv[n++] = (char *)o.dir;
        nargv[n] = NULL;
        int status = cmd_new(n, nargv);
        if (status != 0)
            return status;
        fflush(stdout);
    } else if (template || city || langs) {
        fprintf(stderr,
                "kiosk: studio: %s already holds a playlist; --template, --city and "
                "--langs are for a new folder (nothing was changed)\n",
                o.dir);
        return 2;
    }
    struct stat sb;
    char *pl = NULL;
    if (asprintf(&pl, "%s/playlist.json", o.dir) < 0)
        return 1;
    bool has = stat(pl, &sb) == 0 && S_ISREG(sb.st_mode);
    free(pl);
    if (!has) {
        fprintf(stderr,
                "kiosk: studio: %s has no playlist.json; give an empty or new folder to "
                "start one\n",
                o.dir);
        return 2;
    }
    return studio_run(&o);
}
