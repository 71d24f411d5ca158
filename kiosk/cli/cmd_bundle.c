/* kiosk bundle DIR --version N --group G --out OUTDIR [--sign KEY]: checks DIR as `kiosk check`
 * does, writes OUTDIR/KIOSK/bundle.tar (plain tar, only what the kiosk accepts), and with --sign
 * OUTDIR/KIOSK/bundle.tar.minisig, byte-compatible with `minisign -S -s KEY -t "kiosk-bundle
 * version=N group=G"`. The signing hash is computed from the bytes as they are written. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <sodium.h>

#include "app/config.h"
#include "base/file.h"
#include "base/xmalloc.h"
#include "cli/args.h"
#include "cli/bundle.h"
#include "cli/check_content.h"
#include "cli/commands.h"
#include "cli/sign_file.h"
#include "import/importer.h"
#include "import/minisig.h"
#include "import/unpack.h"

static const char usage[] =
    "usage: kiosk bundle DIR --version N --group G --out OUTDIR [--sign KEY] [--export-proof]\n"
    "                        [--config FILE]\n"
    "Checks DIR like kiosk check, then writes OUTDIR/KIOSK/bundle.tar; with --sign KEY (a\n"
    "minisign secret key) also OUTDIR/KIOSK/bundle.tar.minisig. An encrypted key's password\n"
    "comes from $KIOSK_KEY_PASSWORD, else from a prompt. --export-proof asks the kiosk to copy\n"
    "its proof-of-play records onto the stick (KIOSK/proof/).\n";

struct entry_list {
    char **names; /* relative to DIR; directories end without '/' */
    bool *is_dir;
    size_t count, capacity, dir_capacity;
    uint64_t total;
};

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Collects DIR's files and folders in sorted order, refusing what the kiosk would refuse, so a
 * bundle that would not install is never built. Hidden entries (".git", ".DS_Store") are left
 * out. */
static bool collect(const char *root, const char *rel, struct entry_list *l,
                    const struct import_options *lim, const char *who, FILE *msgs)
{
    char *dir = rel[0] ? file_join(root, rel) : xstrdup(root);
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(msgs, "kiosk: %s: %s: cannot be read: %s\n", who, dir, strerror(errno));
        free(dir);
        return false;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        names = xgrow(names, &cap, n + 1, sizeof *names);
        names[n++] = xstrdup(de->d_name);
    }
    closedir(d);
    if (n) /* an empty folder has no list at all */
        qsort(names, n, sizeof *names, compare_names);
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        char *sub = rel[0] ? xasprintf("%s/%s", rel, names[i]) : xstrdup(names[i]);
        char *path = file_join(root, sub);
        struct stat st;
        const char *problem = unpack_name_problem(sub);
        if (ok && problem) {
            fprintf(msgs,
                    "kiosk: %s: %s: the name has %s; the kiosk accepts only letters, "
                    "digits, '.', '_' and '-'\n",
                    who, path, problem);
            ok = false;
        } else if (ok && lstat(path, &st) != 0) {
            fprintf(msgs, "kiosk: %s: %s: %s\n", who, path, strerror(errno));
            ok = false;
        } else if (ok && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
            fprintf(msgs,
                    "kiosk: %s: %s: not a file or folder (a link?); the kiosk "
                    "accepts only plain files and folders\n",
                    who, path);
            ok = false;
        } else if (ok && S_ISREG(st.st_mode) && (uint64_t)st.st_size > lim->max_file_bytes) {
            fprintf(msgs,
                    "kiosk: %s: %s: %lld bytes; the kiosk accepts files of at most "
                    "%" PRIu64 " bytes\n",
                    who, path, (long long)st.st_size, lim->max_file_bytes);
            ok = false;
        } else if (ok) {
            l->names = xgrow(l->names, &l->capacity, l->count + 1, sizeof *l->names);
            l->is_dir = xgrow(l->is_dir, &l->dir_capacity, l->count + 1, sizeof *l->is_dir);
            l->names[l->count] = xstrdup(sub);
            l->is_dir[l->count] = S_ISDIR(st.st_mode);
            l->count++;
            if (S_ISREG(st.st_mode))
                l->total += (uint64_t)st.st_size;
            if (l->count > lim->max_entries) {
                fprintf(msgs,
                        "kiosk: %s: %s: more than %" PRIu64 " files and folders, "
                        "the most the kiosk accepts\n",
                        who, root, lim->max_entries);
                ok = false;
            } else if (S_ISDIR(st.st_mode)) {
                ok = collect(root, sub, l, lim, who, msgs);
            }
        }
        free(sub);
        free(path);
        free(names[i]);
    }
    free(names);
    free(dir);
    return ok;
}

static void entry_list_free(struct entry_list *l)
{
    for (size_t i = 0; i < l->count; i++)
        free(l->names[i]);
    free(l->names);
    free(l->is_dir);
}

bool check_folder_files(const char *dir, const char *who)
{
    struct import_options lim;
    import_options_defaults(&lim);
    struct entry_list l = {0};
    bool ok = collect(dir, "", &l, &lim, who, stderr);
    if (ok && l.total > lim.max_bundle_bytes) {
        fprintf(stderr,
                "kiosk: %s: %s: %" PRIu64 " bytes of files; the kiosk accepts at most "
                "%" PRIu64 "\n",
                who, dir, l.total, lim.max_bundle_bytes);
        ok = false;
    }
    entry_list_free(&l);
    return ok;
}

struct tar_sink {
    int fd;
    crypto_generichash_state hash;
};

static la_ssize_t sink_write(struct archive *a, void *data, const void *buf, size_t len)
{
    struct tar_sink *s = data;
    const char *p = buf;
    size_t left = len;
    while (left > 0) {
        ssize_t w = write(s->fd, p, left);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0) {
            archive_set_error(a, errno, "write: %s", strerror(errno));
            return -1;
        }
        p += w;
        left -= (size_t)w;
    }
    crypto_generichash_update(&s->hash, buf, len);
    return (la_ssize_t)len;
}

static bool add_file(struct archive *a, const char *root, const char *name, bool is_dir, FILE *msgs)
{
    char *path = file_join(root, name);
    bool ok = false;
    int fd = -1;
    struct stat st;
    struct archive_entry *e = archive_entry_new();
    if (is_dir
            ? stat(path, &st) != 0
            : ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0 || fstat(fd, &st) != 0)) {
        fprintf(msgs, "kiosk: bundle: %s: cannot be read: %s\n", path, strerror(errno));
        goto cleanup;
    }
    archive_entry_set_pathname(e, name);
    archive_entry_set_filetype(e, is_dir ? AE_IFDIR : AE_IFREG);
    archive_entry_set_perm(e, is_dir ? 0755 : 0644);
    archive_entry_set_size(e, is_dir ? 0 : st.st_size);
    archive_entry_set_mtime(e, st.st_mtime, 0);
    if (archive_write_header(a, e) != ARCHIVE_OK) {
        fprintf(msgs, "kiosk: bundle: %s: %s\n", name, archive_error_string(a));
        goto cleanup;
    }
    int64_t left = is_dir ? 0 : st.st_size;
    char buf[64 * 1024];
    while (left > 0) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            fprintf(msgs, "kiosk: bundle: %s: changed or unreadable while being bundled\n", path);
            goto cleanup;
        }
        if (n > left)
            n = (ssize_t)left;
        if (archive_write_data(a, buf, (size_t)n) != n) {
            fprintf(msgs, "kiosk: bundle: %s: %s\n", name, archive_error_string(a));
            goto cleanup;
        }
        left -= n;
    }
    ok = true;
cleanup:
    if (fd >= 0)
        close(fd);
    archive_entry_free(e);
    free(path);
    return ok;
}

/* Writes the tar to tmp, fsyncs it, and fills hash. */
static bool write_tar(const char *root, const struct entry_list *l, const char *tmp,
                      uint8_t hash[MINISIG_HASH_BYTES], FILE *msgs)
{
    struct tar_sink sink;
    sink.fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (sink.fd < 0) {
        fprintf(msgs, "kiosk: bundle: %s: cannot be created: %s\n", tmp, strerror(errno));
        return false;
    }
    crypto_generichash_init(&sink.hash, NULL, 0, MINISIG_HASH_BYTES);
    struct archive *a = archive_write_new();
    /* pax only where ustar cannot say it (long names); no compression: the kiosk reads plain
     * tar only. */
    archive_write_set_format_pax_restricted(a);
    archive_write_add_filter_none(a);
    archive_write_set_bytes_in_last_block(a, 1);
    bool ok = archive_write_open(a, &sink, NULL, sink_write, NULL) == ARCHIVE_OK;
    for (size_t i = 0; ok && i < l->count; i++)
        ok = add_file(a, root, l->names[i], l->is_dir[i], msgs);
    if (archive_write_close(a) != ARCHIVE_OK && ok) {
        fprintf(msgs, "kiosk: bundle: %s: %s\n", tmp, archive_error_string(a));
        ok = false;
    }
    archive_write_free(a);
    if (ok && fsync(sink.fd) != 0) {
        fprintf(msgs, "kiosk: bundle: %s: fsync failed: %s\n", tmp, strerror(errno));
        ok = false;
    }
    close(sink.fd);
    crypto_generichash_final(&sink.hash, hash, MINISIG_HASH_BYTES);
    return ok;
}

int bundle_make(const struct bundle_options *o, struct bundle_result *res)
{
    char *comment = xasprintf("kiosk-bundle version=%s group=%s%s", o->version, o->group,
                              o->export_proof ? " export=proof" : "");
    struct minisig_bundle_info info;
    char err[2048];
    if (!minisig_bundle_info_parse(comment, &info, err, sizeof err)) {
        fprintf(o->msgs, "kiosk: bundle: --version and --group: %s\n", err);
        free(comment);
        return 2;
    }
    if (sodium_init() < 0) {
        fprintf(o->msgs, "kiosk: bundle: libsodium cannot be initialised\n");
        free(comment);
        return 1;
    }
    int status = 1;
    struct entry_list l = {0};
    char *kdir = file_join(o->out, "KIOSK");
    char *tar = file_join(kdir, "bundle.tar");
    char *tmp = xasprintf("%s.tmp-%ld", tar, (long)getpid());
    char *sig = xasprintf("%s.minisig", tar);
    char rdir[PATH_MAX], rout[PATH_MAX];
    struct import_options lim;
    import_options_defaults(&lim);
    struct config cfg;
    config_defaults(&cfg);
    config_load(&cfg, o->config_path ? o->config_path : CONFIG_DEFAULT_PATH,
                o->config_path == NULL);
    /* The kiosk's own check (as `kiosk check` and the importer make it), each message once. */
    size_t errors = o->checked ? 0 : check_content(o->dir, &cfg, "bundle", true, NULL, NULL);
    if (errors) {
        fprintf(o->msgs,
                "kiosk: bundle: %s would not play, so no bundle was written (%zu "
                "error%s above)\n",
                o->dir, errors, errors == 1 ? "" : "s");
        goto cleanup;
    }
    if (!file_mkdir_p(kdir)) {
        fprintf(o->msgs, "kiosk: bundle: %s: cannot be created: %s\n", kdir, strerror(errno));
        goto cleanup;
    }
    size_t dlen = realpath(o->dir, rdir) ? strlen(rdir) : 0;
    if (dlen && realpath(o->out, rout) && !strncmp(rout, rdir, dlen) &&
        (rout[dlen] == '/' || rout[dlen] == '\0')) {
        fprintf(o->msgs,
                "kiosk: bundle: --out %s is inside %s; expected a folder outside the "
                "content\n",
                o->out, o->dir);
        goto cleanup;
    }
    if (!collect(o->dir, "", &l, &lim, "bundle", o->msgs))
        goto cleanup;
    if (l.total > lim.max_bundle_bytes) {
        fprintf(o->msgs,
                "kiosk: bundle: %s: %" PRIu64 " bytes of files; the kiosk accepts at "
                "most %" PRIu64 "\n",
                o->dir, l.total, lim.max_bundle_bytes);
        goto cleanup;
    }
    uint8_t hash[MINISIG_HASH_BYTES];
    if (!write_tar(o->dir, &l, tmp, hash, o->msgs))
        goto cleanup;
    /* An old signature beside a new tar would be refused as damaged: remove it first. */
    unlink(sig);
    if (rename(tmp, tar) != 0) {
        fprintf(o->msgs, "kiosk: bundle: %s: cannot be renamed: %s\n", tar, strerror(errno));
        goto cleanup;
    }
    file_fsync_dir(kdir);
    if (res) {
        res->entries = l.count;
        res->bytes = l.total;
        res->version = info.version;
        snprintf(res->group, sizeof res->group, "%s", info.group);
    }
    if (o->print)
        printf("%s: %zu files and folders, version %" PRIu64 " of group \"%s\"\n", tar, l.count,
               info.version, info.group);
    if (o->key) {
        if (!cli_sign_file("bundle", o->key, o->password, comment, hash, sig, o->msgs))
            goto cleanup;
        if (o->print)
            printf("%s: signed with %s\n", sig, o->key);
    } else if (o->print) {
        printf("sign it with: minisign -S -s city.key -m %s -t \"%s\"\n", tar, comment);
    }
    status = 0;

cleanup:
    unlink(tmp);
    entry_list_free(&l);
    free(kdir);
    free(tar);
    free(tmp);
    free(sig);
    free(comment);
    return status;
}

int cmd_bundle(int argc, char **argv)
{
    const char *dir = NULL, *out = NULL, *group = NULL, *key = NULL, *config_path = NULL;
    const char *version_arg = NULL;
    bool export_proof = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool v = i + 1 < argc;
        if (!strcmp(a, "--version") && v)
            version_arg = argv[++i];
        else if (!strcmp(a, "--group") && v)
            group = argv[++i];
        else if (!strcmp(a, "--out") && v)
            out = argv[++i];
        else if (!strcmp(a, "--sign") && v)
            key = argv[++i];
        else if (!strcmp(a, "--export-proof"))
            export_proof = true;
        else if (!strcmp(a, "--config") && v)
            config_path = argv[++i];
        else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage, stdout);
            return 0;
        } else if (a[0] == '-' || dir) {
            fputs(usage, stderr);
            return 2;
        } else
            dir = a;
    }
    if (!dir || !out || !group || !version_arg) {
        fputs(usage, stderr);
        return 2;
    }
    struct bundle_options o = {.dir = dir,
                               .out = out,
                               .version = version_arg,
                               .group = group,
                               .key = key,
                               .config_path = config_path,
                               .export_proof = export_proof,
                               .msgs = stderr,
                               .print = true};
    return bundle_make(&o, NULL);
}
