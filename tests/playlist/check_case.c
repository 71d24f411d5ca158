/* Runs one invalid playlist (tests/playlist/invalid/NAME.json) and compares every message with
 * NAME.expected, line for line: the exact text a user sees from `kiosk check`.
 *
 *   check_case FILE.json FILE.expected   compare (exit 1 and show both on a difference)
 *   check_case FILE.json --print         print the messages, for writing a new .expected
 *
 * Files named probe_*.json load with the fake image probe (fake_probe.h); the others with no
 * probe, which only checks that media files exist. In .expected files, @TESTS@ stands for the
 * absolute path of tests/playlist, so messages with resolved paths work on any checkout. */
#include "base/file.h"
#include "base/xmalloc.h"
#include "playlist/playlist.h"

#include "fake_probe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *replace_all(const char *s, const char *from, const char *to)
{
    char *out = xstrdup("");
    for (;;) {
        const char *hit = strstr(s, from);
        size_t n = hit ? (size_t)(hit - s) : strlen(s);
        char *longer = xasprintf("%s%.*s%s", out, (int)n, s, hit ? to : "");
        free(out);
        out = longer;
        if (!hit)
            return out;
        s = hit + strlen(from);
    }
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: check_case FILE.json (FILE.expected | --print)\n");
        return 2;
    }
    const char *json = argv[1];
    char *dir = file_dirname(json);
    char *tests_dir = file_dirname(dir);
    const char *base = file_basename(json);

    char *text, err[512];
    size_t len;
    if (!file_read_all(json, 64u << 20, &text, &len, err, sizeof(err))) {
        fprintf(stderr, "%s\n", err);
        return 2;
    }
    struct playlist_load_options opts = {0};
    if (strncmp(base, "probe_", 6) == 0)
        opts.probe_image = fake_probe;

    struct diag_list diags = {0};
    struct playlist *pl = playlist_load_text(dir, base, text, len, &opts, &diags);

    char *got = xstrdup("");
    for (size_t i = 0; i < diags.count; i++) {
        char *line = diag_format(&diags.items[i]);
        char *longer = xasprintf("%s%s\n", got, line);
        free(line);
        free(got);
        got = longer;
    }
    int status = 0;
    if (strcmp(argv[2], "--print") == 0) {
        fputs(got, stdout);
    } else {
        char *expected_raw;
        size_t expected_len;
        if (!file_read_all(argv[2], 1u << 20, &expected_raw, &expected_len, err, sizeof(err))) {
            fprintf(stderr, "%s\n", err);
            return 2;
        }
        char *expected = replace_all(expected_raw, "@TESTS@", tests_dir);
        if (strcmp(expected, got) != 0) {
            fprintf(stderr, "FAIL %s\n--- expected\n%s--- got\n%s---\n", json, expected, got);
            status = 1;
        }
        free(expected);
        free(expected_raw);
    }
    if (pl) {
        fprintf(stderr, "FAIL %s: an invalid playlist loaded\n", json);
        status = 1;
    }
    if (diag_error_count(&diags) == 0) {
        fprintf(stderr, "FAIL %s: no error reported\n", json);
        status = 1;
    }
    playlist_free(pl);
    diag_list_clear(&diags);
    free(got);
    free(text);
    free(tests_dir);
    free(dir);
    return status;
}
