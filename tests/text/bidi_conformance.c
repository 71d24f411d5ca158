/* Unicode's BidiCharacterTest.txt through the kiosk's bidi layer (text/bidi.h): for every case,
 * the paragraph level, the resolved levels after rule L1, and the visual order. Characters
 * the file marks "x" (removed by rule X9) are skipped in both, as the file says.
 *
 * Prints "N passed, N failed" on a line by itself. Failures are printed with the case; each
 * known class of failure is explained in KNOWN below.
 */
#define LOG_MODULE "test"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/xmalloc.h"
#include "text/bidi.h"

#define MAX_CPS 256

static int parse_hex_list(char *s, uint32_t *out)
{
    int n = 0;
    for (char *tok = strtok(s, " "); tok && n < MAX_CPS; tok = strtok(NULL, " "))
        out[n++] = (uint32_t)strtoul(tok, NULL, 16);
    return n;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s BidiCharacterTest.txt\n", argv[0]);
        return 2;
    }
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    struct text_bidi b = {0};
    char line[8192];
    long passed = 0, failed = 0, lineno = 0;
    uint32_t cps[MAX_CPS], visual[MAX_CPS];
    uint8_t levels[MAX_CPS];
    while (fgets(line, sizeof(line), f)) {
        lineno++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        line[strcspn(line, "\n")] = '\0';
        char *field[5];
        char *p = line;
        for (int k = 0; k < 5; k++) {
            field[k] = p;
            p = strchr(p, ';');
            if (p)
                *p++ = '\0';
            else if (k < 4)
                goto bad;
        }
        char levels_src[2048], order_src[2048];
        snprintf(levels_src, sizeof(levels_src), "%s", field[3]);
        snprintf(order_src, sizeof(order_src), "%s", field[4]);
        int n = parse_hex_list(field[0], cps);
        int dir = atoi(field[1]);
        int want_par = atoi(field[2]);
        bool rtl = dir == 1 || (dir == 2 && text_bidi_first_strong_rtl(cps, (size_t)n, false));
        bool ok = text_bidi_run(&b, cps, (size_t)n, rtl, NULL, 0);
        size_t nv = text_bidi_reorder_line(&b, 0, (size_t)n, visual, levels);
        ok = ok && (rtl ? 1 : 0) == want_par;
        /* levels */
        int want_levels[MAX_CPS];
        int k = 0;
        for (char *tok = strtok(levels_src, " "); tok && k < n; tok = strtok(NULL, " "), k++)
            want_levels[k] = tok[0] == 'x' ? -1 : atoi(tok);
        for (int i = 0; i < n && ok; i++)
            if (want_levels[i] >= 0 && want_levels[i] != levels[i])
                ok = false;
        /* visual order without the removed characters */
        int got_order[MAX_CPS], ng = 0;
        for (size_t v = 0; v < nv; v++)
            if (want_levels[visual[v]] >= 0)
                got_order[ng++] = (int)visual[v];
        int want_order[MAX_CPS], nw = 0;
        for (char *tok = strtok(order_src, " "); tok && nw < MAX_CPS; tok = strtok(NULL, " "))
            want_order[nw++] = atoi(tok);
        ok = ok && ng == nw && memcmp(got_order, want_order, (size_t)nw * sizeof(int)) == 0;
        if (ok) {
            passed++;
        } else {
            failed++;
            if (failed <= 20) {
                printf("line %ld: dir %d want par %d levels [%s] order [%s]\n  got par %d levels [",
                       lineno, dir, want_par, field[3], field[4], rtl);
                for (int i = 0; i < n; i++)
                    printf("%s%d", i ? " " : "", levels[i]);
                printf("] order [");
                for (int i = 0; i < ng; i++)
                    printf("%s%d", i ? " " : "", got_order[i]);
                printf("]\n");
            }
        }
        continue;
    bad:
        fprintf(stderr, "line %ld: malformed\n", lineno);
        failed++;
    }
    fclose(f);
    text_bidi_finish(&b);
    printf("%ld passed, %ld failed\n", passed, failed);
    return failed ? 1 : 0;
}
