/* kiosk export-proof RECORDS DEST: copies the proof-of-play record files onto a stick, as the
 * root helper packaging/mount-stick does when a signed bundle asks for them (docs/proof-of-play.md,
 * "Collecting the records"): complete lines only, each file under a temporary name until whole,
 * rotated files already there not copied again. The copy itself is proof/export.c. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "proof/export.h"

int cmd_export_proof(int argc, char **argv)
{
    if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        printf("usage: kiosk export-proof RECORDS DEST\n"
               "Copies the proof-of-play records of the folder RECORDS into DEST (created), whole\n"
               "lines only; prints \"copied N files\" and how many were there already.\n");
        return 0;
    }
    if (argc != 3) {
        fprintf(stderr, "usage: kiosk export-proof RECORDS DEST\n");
        return 2;
    }
    struct proof_export_result res = {0};
    char err[512];
    if (!proof_export(argv[1], argv[2], &res, err, sizeof err)) {
        fprintf(stderr, "kiosk: export-proof: %s (copied %zu files before it)\n", err, res.copied);
        return 1;
    }
    printf("copied %zu files", res.copied);
    if (res.skipped)
        printf(" (%zu already there)", res.skipped);
    printf("\n");
    return 0;
}
