#define LOG_MODULE "import-check"
#include "app/import_check.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "app/content.h"
#include "base/log.h"
#include "import/validate_child.h"
#include "import/importer.h"
#include "text/fonts.h"
#include "text/layout.h"

/* How many diagnostics go into the message; the rest are in the log. */
#define SHOWN_DIAGS 3

/* A problem with the playlist's "fonts" (a font file that cannot be loaded). */
static bool is_font_diag(const struct diag *d)
{
    const char *p = d->path ? d->path : "";
    return !strncmp(p, "fonts", 5) && (p[5] == '\0' || p[5] == '.' || p[5] == '[');
}

bool import_check_content(void *data, const char *content_dir, char *err, size_t errlen)
{
    const struct import_check *c = data;
    struct diag_list diags = {0};
    struct text_engine *engine = text_engine_create(font_set_default_dir());
    if (!engine) {
        /* `kiosk check` would only warn here; an importer must not install text it cannot
         * check, so this is a refusal. */
        snprintf(err, errlen,
                 IMPORT_FONT_PROBLEM "the kiosk's own fonts in %s cannot be "
                                     "loaded, so the bundle's text cannot be checked",
                 font_set_default_dir());
        return false;
    }
    struct playlist *pl =
        content_load(content_dir, c->max_image_pixels, engine, CONTENT_TEXT_STRICT, &diags);
    text_engine_destroy(engine);
    bool ok = pl != NULL && diag_error_count(&diags) == 0;
    if (!ok) {
        size_t used = 0, shown = 0;
        err[0] = '\0';
        /* A font file of the bundle that cannot be loaded has its own reason for staff
         * (IMPORT_FONT_FAILED) when it is the first problem. */
        for (size_t i = 0; i < diags.count; i++) {
            if (diags.items[i].severity != DIAG_ERROR)
                continue;
            if (is_font_diag(&diags.items[i]))
                used = (size_t)snprintf(err, errlen, "%s", IMPORT_FONT_PROBLEM);
            break;
        }
        for (size_t i = 0; i < diags.count; i++) {
            char *line = diag_format(&diags.items[i]);
            if (diags.items[i].severity == DIAG_ERROR && shown < SHOWN_DIAGS && used < errlen) {
                int n = snprintf(err + used, errlen - used, "%s%s", shown ? "; " : "", line);
                used += n > 0 ? (size_t)n : 0;
                shown++;
            } else {
                LOG_WARN("%s", line); /* the message carries the others: each is told once */
            }
            free(line);
        }
        size_t errors = diag_error_count(&diags);
        if (shown == 0)
            snprintf(err, errlen, "%s/playlist.json: cannot be loaded", content_dir);
        else if (errors > shown && used < errlen)
            snprintf(err + used, errlen - used, " (and %zu more)", errors - shown);
    }
    if (pl)
        playlist_free(pl);
    diag_list_clear(&diags);
    return ok;
}

bool import_check_content_exec(void *data, const char *content_dir, char *err, size_t errlen)
{
    const struct import_check *c = data;
    char pixels[32];
    snprintf(pixels, sizeof pixels, "%" PRId64, c->max_image_pixels);
    char *const argv[] = {
        "kiosk", "import-check", "--max-pixels", pixels, "--", (char *)content_dir, NULL};
    execv("/proc/self/exe", argv);
    LOG_WARN("/proc/self/exe cannot be run (%m); checking in the forked process");
    return import_check_content(data, content_dir, err, errlen);
}

int import_check_main(int argc, char **argv)
{
    struct import_check c = {.max_image_pixels = 40000000};
    const char *dir = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--max-pixels") && i + 1 < argc) {
            c.max_image_pixels = strtoll(argv[++i], NULL, 10);
        } else if (!strcmp(argv[i], "--") && i + 2 == argc) {
            dir = argv[++i];
        } else if (argv[i][0] != '-' && !dir) {
            dir = argv[i];
        } else {
            fprintf(stderr, "usage: kiosk import-check [--max-pixels N] DIR (used by the "
                            "importer; see kiosk check)\n");
            return 2;
        }
    }
    if (!dir || c.max_image_pixels <= 0) {
        fprintf(stderr, "usage: kiosk import-check [--max-pixels N] DIR\n");
        return 2;
    }
    /* Started by import_check_content_exec with the player's address-space limit, which
     * counts the player's own size: bring it down to what this fresh process may add. */
    struct validate_child_limits l;
    validate_child_limits_defaults(&l);
    FILE *f = fopen("/proc/self/statm", "re");
    unsigned long long pages = 0;
    if (f) {
        if (fscanf(f, "%llu", &pages) != 1)
            pages = 0;
        fclose(f);
    }
    struct rlimit r;
    uint64_t want = pages * (uint64_t)sysconf(_SC_PAGESIZE) + l.memory_bytes;
    if (pages && getrlimit(RLIMIT_AS, &r) == 0 && r.rlim_cur != RLIM_INFINITY &&
        want < r.rlim_cur) {
        r.rlim_cur = r.rlim_max = want;
        setrlimit(RLIMIT_AS, &r);
    }
    LOG_INFO("%s: checking in a fresh process (pid %ld)", dir, (long)getpid());
    char err[2048];
    err[0] = '\0';
    bool ok = import_check_content(&c, dir, err, sizeof err);
    if (!ok)
        fputs(err, stdout);
    fflush(stdout);
    return ok ? 0 : VALIDATE_CHILD_EXIT_REFUSED;
}
