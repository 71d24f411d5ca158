/* Replays fuzz inputs through a libFuzzer harness without libFuzzer, so the seed corpus and every
 * input a fuzzer once crashed on stay tests in every build (gcc, the sanitizer build), not only
 * in the clang fuzz build. Linked with one harness (tests/fuzz/fuzz_*.c).
 *
 * Usage: test_fuzz_replay DIR_OR_FILE...   prints "N inputs replayed"; a finding aborts
 * With FUZZ_REPLAY_VERBOSE set, each file's name goes to stderr before it runs, so a finding
 * (or valgrind's report) can be traced to its input.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/file.h"
#include "base/xmalloc.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool replay_file(const char *path)
{
    char err[512], *data;
    size_t size;
    if (getenv("FUZZ_REPLAY_VERBOSE"))
        fprintf(stderr, "%s\n", path);
    if (!file_read_all(path, 1 << 20, &data, &size, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return false;
    }
    LLVMFuzzerTestOneInput((const uint8_t *)data, size);
    free(data);
    return true;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s DIR_OR_FILE...\n", argv[0]);
        return 2;
    }
    LLVMFuzzerInitialize(&argc, &argv);
    size_t count = 0;
    bool ok = true;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            perror(argv[i]);
            return 2;
        }
        if (!S_ISDIR(st.st_mode)) {
            ok = replay_file(argv[i]) && ok;
            count++;
            continue;
        }
        DIR *d = opendir(argv[i]);
        if (!d) {
            perror(argv[i]);
            return 2;
        }
        for (struct dirent *e; (e = readdir(d));) {
            if (e->d_name[0] == '.')
                continue;
            char *path = xasprintf("%s/%s", argv[i], e->d_name);
            ok = replay_file(path) && ok;
            count++;
            free(path);
        }
        closedir(d);
    }
    printf("%zu inputs replayed\n", count);
    return ok && count > 0 ? 0 : 1;
}
