/* probe_clip [--deadline-ms N] [--vm-peak] FILE...: the clip probe and the budget from the
 * command line, for the tests (and for a maintainer asking why a clip is refused). Prints one
 * line per clip:
 *   FILE: plays|warning|refused|unreadable: facts or message
 * and exits 0 when every clip plays or only warns, 1 otherwise. --vm-peak adds a last line
 * "vm_peak_kb=N", the largest address space the process had (VmPeak; "unknown" under a
 * sanitizer, which reserves terabytes). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/sanitizer.h"
#include "media/video_probe.h"

static void print_vm_peak(void)
{
    char line[256];
    FILE *f = KIOSK_UNDER_SANITIZER ? NULL : fopen("/proc/self/status", "r");
    while (f && fgets(line, sizeof line, f)) {
        long long kb;
        if (sscanf(line, "VmPeak: %lld kB", &kb) == 1) {
            printf("vm_peak_kb=%lld\n", kb);
            fclose(f);
            return;
        }
    }
    if (f)
        fclose(f);
    printf("vm_peak_kb=unknown\n");
}

int main(int argc, char **argv)
{
    int status = 0;
    struct video_probe_limits limits = {0};
    bool vm_peak = false;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--vm-peak")) {
            vm_peak = true;
            continue;
        }
        if (!strcmp(argv[i], "--deadline-ms") && i + 1 < argc) {
            limits.deadline_ms = atoi(argv[++i]);
            continue;
        }
        struct video_info info;
        char err[1024], msg[2048], facts[256];
        if (!video_probe(argv[i], &limits, &info, err, sizeof err)) {
            printf("%s: unreadable: %s\n", argv[i], err);
            status = 1;
            continue;
        }
        video_info_describe(&info, facts, sizeof facts);
        const char *slash = strrchr(argv[i], '/');
        switch (video_check_budget(&info, slash ? slash + 1 : argv[i], msg, sizeof msg)) {
        case VIDEO_PLAYS:
            printf("%s: plays: %s\n", argv[i], facts);
            break;
        case VIDEO_WARNING:
            printf("%s: warning: %s: %s\n", argv[i], facts, msg);
            break;
        case VIDEO_REFUSED:
            printf("%s: refused: %s: %s\n", argv[i], facts, msg);
            status = 1;
            break;
        }
    }
    if (vm_peak)
        print_vm_peak();
    return status;
}
