/* Unicode's LineBreakTest.txt through the kiosk's break-opportunity layer (text/linebreak.h,
 * without the Hebrew tailoring). Prints "N passed, N failed" on a line by itself.
 *
 * ICU 72 implements UAX #14 of Unicode 15 with its own documented tailorings, and Debian's test
 * file is the plain UAX #14 one. The cases ICU is known to answer differently are listed in
 * known_icu_differences (linebreak_known.h) with the reason; they are counted apart, neither
 * passed nor failed, and `--list` prints them. A new difference is a failure.
 */
#define LOG_MODULE "test"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "text/linebreak.h"

#define MAX_CPS 128

/* Known differences, by the test's text (first column) and ICU's answer. */
struct known_difference {
    const char *reason;
    const char *codepoints; /* the case, as in the file's first column without the marks */
};

#include "linebreak_known.h"

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s LineBreakTest.txt [--list]\n", argv[0]);
        return 2;
    }
    bool list = argc > 2 && !strcmp(argv[2], "--list");
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    struct text_breaker *br = text_breaker_create("");
    if (!br)
        return 1;
    char line[4096];
    long passed = 0, failed = 0, known = 0, lineno = 0;
    uint32_t cps[MAX_CPS];
    uint8_t want[MAX_CPS + 1], got[MAX_CPS + 1];
    while (fgets(line, sizeof(line), f)) {
        lineno++;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        /* tokens: marks (× U+00D7, ÷ U+00F7 in UTF-8) and hex code points */
        int n = 0;
        char key[1024] = "";
        size_t keylen = 0;
        for (char *tok = strtok(line, " \t\n"); tok; tok = strtok(NULL, " \t\n")) {
            if (!strcmp(tok, "\xC3\x97")) {
                want[n] = TEXT_BREAK_NONE;
            } else if (!strcmp(tok, "\xC3\xB7")) {
                want[n] = TEXT_BREAK_ALLOWED;
            } else if (n < MAX_CPS) {
                cps[n++] = (uint32_t)strtoul(tok, NULL, 16);
                keylen += (size_t)snprintf(key + keylen, sizeof(key) - keylen, "%s%s",
                                           keylen ? " " : "", tok);
            }
        }
        if (n == 0)
            continue;
        text_breaker_run(br, cps, (size_t)n, false, got);
        bool ok = true;
        for (int i = 1; i < n; i++)
            if ((got[i] != TEXT_BREAK_NONE) != (want[i] != TEXT_BREAK_NONE))
                ok = false;
        if (ok) {
            passed++;
            continue;
        }
        const char *reason = NULL;
        for (size_t k = 0; k < sizeof(known_icu_differences) / sizeof(known_icu_differences[0]);
             k++)
            if (!strcmp(known_icu_differences[k].codepoints, key))
                reason = known_icu_differences[k].reason;
        if (reason) {
            known++;
            if (list)
                printf("known: line %ld: %s (%s)\n", lineno, key, reason);
            continue;
        }
        failed++;
        printf("line %ld: %s\n  want", lineno, key);
        for (int i = 1; i < n; i++)
            printf(" %s", want[i] ? "÷" : "×");
        printf("\n  got ");
        for (int i = 1; i < n; i++)
            printf(" %s", got[i] ? "÷" : "×");
        printf("\n");
    }
    fclose(f);
    text_breaker_destroy(br);
    printf("%ld known ICU 72 differences (linebreak_known.h), not counted\n", known);
    printf("%ld passed, %ld failed\n", passed, failed);
    return failed ? 1 : 0;
}
