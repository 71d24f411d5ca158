/* kiosk report FILE...: plays and time on screen per slide per day, from proof-of-play record
 * files (docs/proof-of-play.md), as a table or as CSV. A folder stands for its record files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/file.h"
#include "base/xmalloc.h"
#include "cli/commands.h"
#include "proof/read.h"
#include "proof/report.h"
#include "proof/writer.h"

static const char usage[] =
    "usage: kiosk report FILE|DIR... [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--csv] [--tz ZONE]\n"
    "Prints plays and time on screen per slide per day from proof-of-play record files (a\n"
    "folder stands for its plays*.log files). Days are local to ZONE (default Asia/Jerusalem);\n"
    "--from and --to are inclusive. Lines that are torn or damaged are skipped with a warning.\n"
    "Exit status 0 when every line was read, 1 when some were skipped or a file could not be\n"
    "read (or there were more rows than a report holds), 2 on usage errors.\n";

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
    const char *from = NULL, *to = NULL, *zone = "Asia/Jerusalem";
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
    if (npaths == 0) {
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
    o.on_record = on_record;
    o.on_problem = on_problem;
    o.data = &run;
    struct proof_read_stats stats = {0};
    for (size_t i = 0; i < npaths; i++) {
        struct stat st;
        if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            char **names = proof_files_list(paths[i], NULL);
            for (char **n = names; n && *n; n++) {
                char *p = file_join(paths[i], *n);
                read_one(p, &o, &stats, &run);
                free(p);
            }
            if (!names || !names[0]) {
                fprintf(stderr, "%s: no record files (plays*.log) in this folder\n", paths[i]);
                stats.files_failed++;
            }
            proof_files_free(names);
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
out:
    free(paths);
    return status;
}
