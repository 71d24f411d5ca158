/* libFuzzer harness for the bundle unpacker (kiosk/import/unpack.c): any bytes, taken as the
 * staged bundle.tar, are checked header by header and unpacked with the importer's rules into
 * a scratch folder, which is emptied after every input. The limits are small (64 entries,
 * 1 MB in all) so that one input cannot fill the disk; sizes in headers are still anything. */
#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/file.h"
#include "import/unpack.h"

static char *scratch, *tar_path, *dest;

/* Once per process: a private folder on tmpfs when there is one (every file is fsynced). */
static void setup(void)
{
    const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    const char *env = getenv("TMPDIR");
    char tmpl[4096];
    snprintf(tmpl, sizeof tmpl, "%s/fuzz_unpack.XXXXXX", env && *env ? env : base);
    scratch = mkdtemp(strdup(tmpl));
    if (!scratch)
        abort();
    tar_path = file_join(scratch, "bundle.tar");
    dest = file_join(scratch, "content");
}

static void cleanup(void)
{
    unpack_remove_tree(scratch);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!scratch) {
        setup();
        atexit(cleanup);
    }
    char err[512];
    if (!file_write_atomic(tar_path, data, size, err, sizeof err))
        abort();
    struct unpack_limits limits = {64, 1 << 20, 256 << 10};
    err[0] = '\0';
    enum unpack_status s = unpack_tar(tar_path, dest, &limits, NULL, NULL, err, sizeof err);
    if (s != UNPACK_OK && !err[0])
        abort(); /* a refusal always says why */
    /* Whatever the archive said, nothing was written beside dest. */
    DIR *d = opendir(scratch);
    struct dirent *de;
    while (d && (de = readdir(d)))
        if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
            strcmp(de->d_name, "bundle.tar") && strcmp(de->d_name, "content"))
            abort();
    if (d)
        closedir(d);
    if (!unpack_remove_tree(dest))
        abort();
    unlink(tar_path);
    return 0;
}
