/* kiosk report FILE...: plays and time on screen per slide per day, from proof-of-play record
 * files (docs/proof-of-play.md), as a table or as CSV. A folder stands for its record files. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/file.h"
#include "base/xmalloc.h"
#include "cli/commands.h"
#include "fleet/fleet.h"
#include "fleet/health.h"
#include "proof/read.h"
#include "proof/report.h"
#include "proof/writer.h"

static const char usage[] =
    "usage: kiosk report FILE|DIR... [--fleet DIR] [--by day,kiosk,slide] [--from YYYY-MM-DD]\n"
    "                    [--to YYYY-MM-DD] [--csv] [--tz ZONE]\n"
    "Prints plays and time on screen per slide per day from proof-of-play record files (a\n"
    "folder stands for its plays*.log files). A kiosk's published folder (with health.json or\n"
    "a proof/ folder) stands for its proof/ files, and its plays are that kiosk's; --fleet DIR\n"
    "takes every kiosk folder in DIR. --by says what rows are split by (default all three:\n"
    "day,kiosk,slide; \"kiosk\" alone adds up each kiosk over all days and slides). Days are\n"
    "local to ZONE (default Asia/Jerusalem); --from and --to are inclusive. Lines that are torn\n"
    "or damaged are skipped with a warning.\n"
    "Exit status 0 when every line was read, 1 when some were skipped or a file could not be\n"
    "read (or there were more rows than a report holds), 2 on usage errors.\n";

static int compare_paths(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Warnings for skipped lines: the first few of each file by number, then how many more. */
#define WARNINGS_PER_FILE 10

struct report_run {
    struct proof_report *report;
    uint64_t file_warnings; /* problems of the file being read */
};

static const char *on_record(void *data, const struct proof_record *r)
{
    struct report_run *run = data;
    return proof_report_add(run->report, r);
}

static void on_problem(void *data, const char *path, uint64_t line, const char *why)
{
    struct report_run *run = data;
    if (++run->file_warnings > WARNINGS_PER_FILE)
        return;
    if (line)
        fprintf(stderr, "%s:%llu: skipped: %s\n", path, (unsigned long long)line, why);
    else
        fprintf(stderr, "%s: %s\n", path, why);
}

/* The proof folder of a kiosk's published folder (DIR/proof when DIR has it, or DIR itself
 * when it holds health.json), with the kiosk's name; NULL when dir is not a kiosk's folder. */
static char *kiosk_proof_dir(const char *dir, char *name, size_t cap)
{
    char *proof = file_join(dir, "proof"), *health = file_join(dir, HEALTH_FILE);
    struct stat st;
    bool has_proof = stat(proof, &st) == 0 && S_ISDIR(st.st_mode);
    bool has_health = stat(health, &st) == 0;
    free(health);
    if (!has_proof && !has_health) {
        free(proof);
        return NULL;
    }
    fleet_kiosk_name(dir, name, cap);
    if (!has_proof) {
        free(proof);
        return xstrdup(dir);
    }
    return proof;
}

static bool parse_by(const char *text, unsigned *by)
{
    *by = 0;
    char *copy = xstrdup(text), *save = NULL;
    bool ok = true;
    for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        if (!strcmp(t, "day"))
            *by |= PROOF_REPORT_BY_DAY;
        else if (!strcmp(t, "kiosk"))
            *by |= PROOF_REPORT_BY_KIOSK;
        else if (!strcmp(t, "slide"))
            *by |= PROOF_REPORT_BY_SLIDE;
        else
            ok = false;
    }
    free(copy);
    return ok && *by;
}

static void read_one(const char *path, const struct proof_read_options *o,
                     struct proof_read_stats *stats, struct report_run *run)
{
    run->file_warnings = 0;
    proof_read_file(path, o, stats);
    if (run->file_warnings > WARNINGS_PER_FILE)
        fprintf(stderr, "%s: %llu more lines skipped\n", path,
                (unsigned long long)(run->file_warnings - WARNINGS_PER_FILE));
}

int cmd_report(int argc, char **argv)
{
    const char *from = NULL, *to = NULL, *zone = "Asia/Jerusalem", *fleet = NULL;
    unsigned by = PROOF_REPORT_BY_DAY | PROOF_REPORT_BY_KIOSK | PROOF_REPORT_BY_SLIDE;
    bool csv = false;
    const char **paths = xcalloc((size_t)argc, sizeof(*paths));
    size_t npaths = 0;
    int status = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool has_value = i + 1 < argc;
        if (!strcmp(a, "--from") && has_value) {
            from = argv[++i];
        } else if (!strcmp(a, "--to") && has_value) {
            to = argv[++i];
        } else if (!strcmp(a, "--fleet") && has_value) {
            fleet = argv[++i];
        } else if (!strcmp(a, "--by") && has_value) {
            if (!parse_by(argv[++i], &by)) {
                fprintf(stderr,
                        "kiosk: report: --by expects day, kiosk and slide separated by "
                        "commas, not \"%s\"\n",
                        argv[i]);
                status = 2;
                goto out;
            }
        } else if (!strcmp(a, "--tz") && has_value) {
            zone = argv[++i];
        } else if (!strcmp(a, "--csv")) {
            csv = true;
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage, stdout);
            goto out;
        } else if (!strcmp(a, "--")) {
            while (++i < argc)
                paths[npaths++] = argv[i];
        } else if (a[0] == '-' && a[1]) {
            fputs(usage, stderr);
            status = 2;
            goto out;
        } else {
            paths[npaths++] = a;
        }
    }
    if (npaths == 0 && !fleet) {
        fputs(usage, stderr);
        status = 2;
        goto out;
    }
    if (!proof_report_set_timezone(zone)) {
        fprintf(stderr,
                "kiosk: report: unknown time zone \"%s\" (expected a name such as "
                "Asia/Jerusalem, or UTC)\n",
                zone);
        status = 2;
        goto out;
    }
    struct proof_read_options o;
    proof_read_options_defaults(&o);
    if (from && !proof_report_day_start(from, 0, &o.from_ms)) {
        fprintf(stderr, "kiosk: report: --from expects a date YYYY-MM-DD, not \"%s\"\n", from);
        status = 2;
        goto out;
    }
    if (to && !proof_report_day_start(to, 1, &o.to_ms)) {
        fprintf(stderr, "kiosk: report: --to expects a date YYYY-MM-DD, not \"%s\"\n", to);
        status = 2;
        goto out;
    }

    struct report_run run = {.report = proof_report_create()};
    proof_report_set_by(run.report, by);
    /* --fleet DIR: every kiosk folder in it, in name order, as if named one by one. */
    char **fleet_dirs = NULL;
    size_t nfleet = 0;
    if (fleet) {
        char **names = NULL;
        size_t cap = 0;
        DIR *d = opendir(fleet);
        if (!d) {
            fprintf(stderr, "kiosk: report: cannot read the fleet folder %s\n", fleet);
            proof_report_free(run.report);
            status = 1;
            goto out;
        }
        struct dirent *de;
        while ((de = readdir(d)) && nfleet < FLEET_MAX_KIOSKS) {
            if (de->d_name[0] == '.')
                continue;
            names = xgrow(names, &cap, nfleet + 1, sizeof *names);
            names[nfleet++] = file_join(fleet, de->d_name);
        }
        closedir(d);
        if (nfleet)
            qsort(names, nfleet, sizeof *names, compare_paths);
        fleet_dirs = names;
        paths = xrealloc(paths, ((size_t)argc + nfleet) * sizeof(*paths));
        for (size_t i = 0; i < nfleet; i++)
            paths[npaths++] = fleet_dirs[i];
    }
    o.on_record = on_record;
    o.on_problem = on_problem;
    o.data = &run;
    struct proof_read_stats stats = {0};
    for (size_t i = 0; i < npaths; i++) {
        struct stat st;
        if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            char kiosk[128];
            char *proof = kiosk_proof_dir(paths[i], kiosk, sizeof kiosk);
            if (!proof && fleet && i >= npaths - nfleet) {
                continue; /* not a kiosk's folder: --fleet skips it */
            }
            proof_report_set_kiosk(run.report, proof ? kiosk : NULL);
            const char *dir = proof ? proof : paths[i];
            char **names = proof_files_list(dir, NULL);
            for (char **n = names; n && *n; n++) {
                char *p = file_join(dir, *n);
                read_one(p, &o, &stats, &run);
                free(p);
            }
            /* A kiosk that has not played anything yet is not a problem. */
            if ((!names || !names[0]) && !proof) {
                fprintf(stderr, "%s: no record files (plays*.log) in this folder\n", paths[i]);
                stats.files_failed++;
            }
            proof_files_free(names);
            free(proof);
            proof_report_set_kiosk(run.report, NULL);
        } else {
            read_one(paths[i], &o, &stats, &run);
        }
    }
    if (csv)
        proof_report_write_csv(run.report, stdout);
    else
        proof_report_write_table(run.report, stdout);
    char note[256];
    if (proof_report_note(run.report, note, sizeof(note))) {
        fprintf(stderr, "kiosk: report: %s\n", note);
        status = 1;
    }
    proof_report_free(run.report);
    if (stats.skipped || stats.rejected || stats.files_failed) {
        fprintf(stderr,
                "kiosk: report: %llu record%s counted; %llu line%s skipped, %llu record%s "
                "rejected (values out of range), %llu file%s not read to the end\n",
                (unsigned long long)stats.records, stats.records == 1 ? "" : "s",
                (unsigned long long)stats.skipped, stats.skipped == 1 ? "" : "s",
                (unsigned long long)stats.rejected, stats.rejected == 1 ? "" : "s",
                (unsigned long long)stats.files_failed, stats.files_failed == 1 ? "" : "s");
        status = 1;
    }
    for (size_t i = 0; i < nfleet; i++)
        free(fleet_dirs[i]);
    free(fleet_dirs);
out:
    free(paths);
    return status;
}
