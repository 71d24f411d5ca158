#define LOG_MODULE "import"
#include "import/importer.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "base/file.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "import/stage.h"
#include "import/trial.h"
#include "import/unpack.h"

#define MAX_TRUSTED_KEYS 64

void import_options_defaults(struct import_options *o)
{
    memset(o, 0, sizeof *o);
    o->state_dir = "/var/lib/kiosk";
    o->keys_dir = "/etc/kiosk/keys";
    o->max_bundle_bytes = (uint64_t)2 << 30;
    o->max_entries = 10000;
    o->max_file_bytes = (uint64_t)512 << 20;
    o->reserve_bytes = (uint64_t)64 << 20;
    validate_child_limits_defaults(&o->check_limits);
}

const char *import_status_headline(enum import_status s)
{
    switch (s) {
    case IMPORT_INSTALLED:
        return "installed";
    case IMPORT_NO_BUNDLE:
        return "no bundle found";
    case IMPORT_NOT_SIGNED:
        return "not signed";
    case IMPORT_UNTRUSTED_KEY:
        return "not signed by a trusted key";
    case IMPORT_LEGACY_SIGNATURE:
        return "signed in the old minisign format";
    case IMPORT_DAMAGED:
        return "damaged or changed after signing";
    case IMPORT_NOT_A_BUNDLE:
        return "not a kiosk bundle";
    case IMPORT_OTHER_GROUP:
        return "for another screen group";
    case IMPORT_NOT_NEWER:
        return "not newer than the installed version";
    case IMPORT_UNSAFE:
        return "the bundle holds files the kiosk refuses";
    case IMPORT_TOO_BIG:
        return "too big";
    case IMPORT_NO_SPACE:
        return "does not fit on the kiosk";
    case IMPORT_SOURCE_FAILED:
        return "the stick could not be read to the end";
    case IMPORT_CONTENT_INVALID:
        return "a slide or the playlist is broken";
    case IMPORT_FONT_FAILED:
        return "a font cannot be loaded on the kiosk";
    case IMPORT_CHECK_CRASHED:
        return "the content made the checker crash or take too long";
    case IMPORT_KNOWN_BAD:
        return "this version crashed the kiosk before";
    case IMPORT_BUSY:
        return "another import is running";
    case IMPORT_FAILED:
        return "the kiosk could not import";
    }
    return "?";
}

const char *import_phase_name(enum import_phase p)
{
    static const char *names[] = {"found",    "copying",    "verifying", "unpacking",
                                  "checking", "installing", "done"};
    return (unsigned)p < sizeof names / sizeof names[0] ? names[p] : "?";
}

bool import_source_has_bundle(const char *source_dir)
{
    char *path = file_join(source_dir, IMPORT_BUNDLE_PATH);
    struct stat st;
    bool ok = stat(path, &st) == 0 && S_ISREG(st.st_mode);
    free(path);
    return ok;
}

static void refuse(struct import_result *r, enum import_status s, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void refuse(struct import_result *r, enum import_status s, const char *fmt, ...)
{
    r->status = s;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->reason, sizeof r->reason, fmt, ap);
    va_end(ap);
}

/* The content check refused: a font that cannot be loaded has its own reason for staff. */
static void refuse_content(struct import_result *r, const char *err)
{
    size_t n = strlen(IMPORT_FONT_PROBLEM);
    if (!strncmp(err, IMPORT_FONT_PROBLEM, n))
        refuse(r, IMPORT_FONT_FAILED, "%s", err + n);
    else
        refuse(r, IMPORT_CONTENT_INVALID, "%s", err);
}

struct progress_ctx {
    import_progress_fn fn;
    void *data;
    enum import_phase phase;
};

static void report(struct progress_ctx *p, enum import_phase phase, double fraction)
{
    p->phase = phase;
    if (p->fn)
        p->fn(p->data, phase, fraction);
}

static void on_bytes(void *data, uint64_t done, uint64_t total)
{
    struct progress_ctx *p = data;
    if (p->fn)
        p->fn(p->data, p->phase, total ? (double)done / (double)total : 1.0);
}

/* True when DIR/REL is a regular file (not followed) or does not exist. */
static bool plain_or_missing(const char *dir, const char *rel)
{
    char *path = file_join(dir, rel);
    struct stat st;
    bool ok = lstat(path, &st) != 0 || S_ISREG(st.st_mode);
    free(path);
    return ok;
}

/* Reads and checks the signature file and trusted comment, before any copying. */
static bool check_signature_file(const struct import_options *o, const char *source_dir,
                                 const struct minisig_pubkey *keys, size_t nkeys,
                                 struct minisig_signature *sig, struct import_result *r)
{
    char err[768];
    char *path = file_join(source_dir, IMPORT_SIGNATURE_PATH);
    char *text = NULL;
    size_t len = 0;
    bool ok = false;
    if (!file_read_regular(path, FILE_NOFOLLOW, MINISIG_FILE_MAX, &text, &len, err, sizeof err)) {
        refuse(r, IMPORT_NOT_SIGNED,
               "%s; expected the signature made with minisign -S or "
               "kiosk bundle --sign",
               err);
        goto cleanup;
    }
    if (!minisig_parse(text, len, path, sig, err, sizeof err)) {
        refuse(r, IMPORT_NOT_SIGNED, "%s", err);
        goto cleanup;
    }
    char id[17];
    minisig_key_id_format(sig->key_id, id);
    switch (minisig_verify_comment(sig, keys, nkeys)) {
    case MINISIG_VALID:
        break;
    case MINISIG_UNKNOWN_KEY:
        refuse(r, IMPORT_UNTRUSTED_KEY,
               "%s: signed with key %s, which is not among the %zu "
               "trusted keys in %s",
               path, id, nkeys, o->keys_dir);
        goto cleanup;
    case MINISIG_LEGACY:
        refuse(r, IMPORT_LEGACY_SIGNATURE,
               "%s: a legacy (non-prehashed) signature; expected "
               "one made by minisign 0.8 or later without -l",
               path);
        goto cleanup;
    default:
        refuse(r, IMPORT_DAMAGED,
               "%s: the trusted comment does not match its signature "
               "(edited after signing, or the file is damaged)",
               path);
        goto cleanup;
    }
    struct minisig_bundle_info info;
    if (!minisig_bundle_info_parse(sig->trusted_comment, &info, err, sizeof err)) {
        refuse(r, IMPORT_NOT_A_BUNDLE, "%s: %s", path, err);
        goto cleanup;
    }
    r->version = info.version;
    snprintf(r->group, sizeof r->group, "%s", info.group);
    if (strcmp(info.group, o->group) != 0) {
        refuse(r, IMPORT_OTHER_GROUP,
               "%s: the bundle is for screen group \"%s\"; this kiosk is "
               "in group \"%s\"",
               path, info.group, o->group);
        goto cleanup;
    }
    r->export_proof = info.export_proof;
    /* Anti-rollback remembers: after a fall-back to previous, or with current removed, an
     * older signed bundle must not come back (the record is checked below). */
    uint64_t highest = install_highest(o->state_dir, info.group);
    if (r->installed.version != 0 && info.version <= r->installed.version &&
        r->installed.version >= highest) {
        refuse(r, IMPORT_NOT_NEWER,
               "%s: the bundle is version %" PRIu64 "; version %" PRIu64
               " is installed, and only a newer version is accepted",
               path, info.version, r->installed.version);
        goto cleanup;
    }
    /* Before anti-rollback, whose "installed here before" would hide the reason: a version
     * marked bad by the crash-loop guard (trial.h) is not taken again. */
    char bad[768];
    if (trial_describe_bad(o->state_dir, info.version, info.group, bad, sizeof bad)) {
        refuse(r, IMPORT_KNOWN_BAD,
               "%s: %s; it is not installed again: only a newer version "
               "is accepted",
               path, bad);
        goto cleanup;
    }
    if (info.version <= highest) {
        refuse(r, IMPORT_NOT_NEWER,
               "%s: the bundle is version %" PRIu64 "; version %" PRIu64
               " of group \"%s\" was installed here before, and only a newer version is "
               "accepted",
               path, info.version, highest, info.group);
        goto cleanup;
    }
    ok = true;

cleanup:
    free(text);
    free(path);
    return ok;
}

static void run_locked(const struct import_options *o, const char *source_dir,
                       struct progress_ctx *pc, struct import_result *r)
{
    char err[768];
    char *staging = NULL, *staged_tar = NULL, *unpack_dir = NULL, *content_dir = NULL;
    bool trying = false; /* the importer's "trying version N" mark stands (trial.h) */
    char *bundle = file_join(source_dir, IMPORT_BUNDLE_PATH);
    struct minisig_signature *sig = xmalloc(sizeof *sig);
    struct minisig_pubkey *keys = xcalloc(MAX_TRUSTED_KEYS, sizeof *keys);

    if (!import_source_has_bundle(source_dir)) {
        refuse(r, IMPORT_NO_BUNDLE, "%s: not found; expected the bundle made by kiosk bundle",
               bundle);
        goto cleanup;
    }
    report(pc, IMPORT_PHASE_FOUND, 0);
    size_t nkeys = minisig_pubkeys_load_dir(o->keys_dir, keys, MAX_TRUSTED_KEYS);
    if (nkeys == 0) {
        refuse(r, IMPORT_FAILED,
               "%s: holds no readable minisign public keys (*.pub); expected "
               "the city's key, so nothing can be trusted",
               o->keys_dir);
        goto cleanup;
    }
    if (!check_signature_file(o, source_dir, keys, nkeys, sig, r))
        goto cleanup;
    /* Boot counting: a version that crashed the player or the importer is not taken again. */
    if (!trial_import_begin(o->state_dir, r->version, r->group, err, sizeof err)) {
        refuse(r, IMPORT_KNOWN_BAD, "%s: %s", bundle, err);
        goto cleanup;
    }
    trying = true;

    staging = install_staging_reset(o->state_dir, err, sizeof err);
    if (!staging) {
        refuse(r, IMPORT_FAILED, "%s", err);
        goto cleanup;
    }
    staged_tar = file_join(staging, "bundle.tar");
    report(pc, IMPORT_PHASE_COPYING, 0);
    struct stage_limits sl = {o->max_bundle_bytes, o->reserve_bytes};
    uint8_t hash[MINISIG_HASH_BYTES];
    uint64_t size = 0;
    switch (stage_copy(bundle, staged_tar, &sl, on_bytes, pc, hash, &size, err, sizeof err)) {
    case STAGE_OK:
        break;
    case STAGE_SOURCE_FAILED:
        refuse(r, IMPORT_SOURCE_FAILED, "%s", err);
        goto cleanup;
    case STAGE_TOO_BIG:
        refuse(r, IMPORT_TOO_BIG, "%s", err);
        goto cleanup;
    case STAGE_NO_SPACE:
        refuse(r, IMPORT_NO_SPACE, "%s", err);
        goto cleanup;
    case STAGE_WRITE_FAILED:
        refuse(r, IMPORT_FAILED, "%s", err);
        goto cleanup;
    }

    report(pc, IMPORT_PHASE_VERIFYING, 0);
    if (minisig_verify(sig, hash, keys, nkeys) != MINISIG_VALID) {
        refuse(r, IMPORT_DAMAGED,
               "%s: does not match its signature %s (changed after signing, "
               "or damaged on the stick)",
               bundle, IMPORT_SIGNATURE_PATH);
        goto cleanup;
    }

    report(pc, IMPORT_PHASE_UNPACKING, 0);
    unpack_dir = file_join(staging, "unpack");
    content_dir = file_join(unpack_dir, "content");
    struct unpack_limits ul = {o->max_entries, o->max_bundle_bytes, o->max_file_bytes};
    enum unpack_status us = UNPACK_WRITE_FAILED;
    if (mkdir(unpack_dir, 0755) != 0)
        snprintf(err, sizeof err, "%s: cannot be created: %s", unpack_dir, strerror(errno));
    else
        us = unpack_tar(staged_tar, content_dir, &ul, on_bytes, pc, err, sizeof err);
    /* The staged tar is no longer needed; free its space before validating and installing. */
    unlink(staged_tar);
    switch (us) {
    case UNPACK_OK:
        break;
    case UNPACK_UNSAFE:
        refuse(r, IMPORT_UNSAFE, "%s", err);
        goto cleanup;
    case UNPACK_DAMAGED:
        refuse(r, IMPORT_DAMAGED, "%s", err);
        goto cleanup;
    case UNPACK_NO_SPACE:
        refuse(r, IMPORT_NO_SPACE, "%s", err);
        goto cleanup;
    case UNPACK_WRITE_FAILED:
        refuse(r, IMPORT_FAILED, "%s", err);
        goto cleanup;
    }

    report(pc, IMPORT_PHASE_CHECKING, 0);
    /* In a child process: a crash or hang of a library on this content refuses the bundle
     * instead of taking the importer (in the player: the player) down. */
    switch (validate_child_run(o->validate, o->validate_data, content_dir, r->version,
                               &o->check_limits, err, sizeof err)) {
    case VALIDATE_CHILD_PASSED:
        break;
    case VALIDATE_CHILD_REFUSED:
        refuse_content(r, err);
        goto cleanup;
    case VALIDATE_CHILD_CRASHED:
    case VALIDATE_CHILD_TOO_SLOW:
        refuse(r, IMPORT_CHECK_CRASHED, "%s: %s", bundle, err);
        goto cleanup;
    case VALIDATE_CHILD_FAILED:
        refuse(r, IMPORT_FAILED, "%s", err);
        goto cleanup;
    }

    report(pc, IMPORT_PHASE_INSTALLING, 0);
    struct install_info now;
    bool switched = false;
    if (!install_commit(o->state_dir, unpack_dir, r->version, r->group, &now, &switched, err,
                        sizeof err)) {
        if (!switched) {
            refuse(r, IMPORT_FAILED, "%s", err);
            goto cleanup;
        }
        /* current names the new version already: it is installed, and staff are told so;
         * what failed afterwards is a warning (issue 11: say what is on disk). */
        snprintf(r->warning, sizeof r->warning, "%s", err);
    }
    r->installed = now;
    r->status = IMPORT_INSTALLED;
    snprintf(r->reason, sizeof r->reason, "installed version %" PRIu64 " of group \"%s\" from %s",
             r->version, r->group, source_dir);

cleanup:
    if (trying)
        trial_end(o->state_dir, TRIAL_IMPORT);
    if (staging) {
        unpack_remove_tree(staging);
        file_fsync_dir(o->state_dir);
    }
    free(staging);
    free(staged_tar);
    free(unpack_dir);
    free(content_dir);
    free(bundle);
    free(sig);
    free(keys);
}

void import_run(const struct import_options *o, const char *source_dir, import_progress_fn progress,
                void *data, struct import_result *r)
{
    memset(r, 0, sizeof *r);
    struct progress_ctx pc = {progress, data, IMPORT_PHASE_FOUND};
    char err[768];
    if (sodium_init() < 0) {
        refuse(r, IMPORT_FAILED, "libsodium cannot be initialised");
    } else if (!o->group || !*o->group) {
        refuse(r, IMPORT_FAILED,
               "this kiosk has no screen group configured (screen_group); "
               "expected one so that bundles for other screens are refused");
    } else {
        int lock = install_lock(o->state_dir, err, sizeof err);
        if (lock < 0) {
            refuse(r, lock == -2 ? IMPORT_BUSY : IMPORT_FAILED, "%s", err);
            /* Read without the lock, only to say what is installed. */
            if (!install_read(o->state_dir, "current", &r->installed))
                memset(&r->installed, 0, sizeof r->installed);
        } else {
            if (!install_read(o->state_dir, "current", &r->installed))
                memset(&r->installed, 0, sizeof r->installed);
            uint64_t before = install_link_version(o->state_dir, "current");
            run_locked(o, source_dir, &pc, r);
            if (r->status != IMPORT_INSTALLED) {
                /* What the command and the notice say must be what is on disk: should current
                 * name the bundle's version after all, it was installed. */
                uint64_t after = install_link_version(o->state_dir, "current");
                if (r->version != 0 && after == r->version && before != r->version) {
                    snprintf(r->warning, sizeof r->warning, "%s", r->reason);
                    r->status = IMPORT_INSTALLED;
                    snprintf(r->reason, sizeof r->reason,
                             "installed version %" PRIu64 " of group \"%s\" from %s", r->version,
                             r->group, source_dir);
                }
                if (!install_read(o->state_dir, "current", &r->installed))
                    memset(&r->installed, 0, sizeof r->installed);
                if (r->status == IMPORT_INSTALLED && r->installed.version != r->version) {
                    /* It cannot be read back now, but it is what current names. */
                    r->installed.version = r->version;
                    snprintf(r->installed.group, sizeof r->installed.group, "%s", r->group);
                    snprintf(r->installed.content_dir, sizeof r->installed.content_dir,
                             "%s/versions/%" PRIu64 "/content", o->state_dir, r->version);
                }
            }
            close(lock);
        }
    }
    r->may_be_arriving = import_status_may_be_arriving(r->status) &&
                         plain_or_missing(source_dir, IMPORT_BUNDLE_PATH) &&
                         plain_or_missing(source_dir, IMPORT_SIGNATURE_PATH);
    if (r->status == IMPORT_INSTALLED && r->warning[0])
        LOG_WARN("%s, but: %s", r->reason, r->warning);
    else if (r->status == IMPORT_INSTALLED)
        LOG_INFO("%s", r->reason);
    else if (o->arriving && r->may_be_arriving)
        LOG_INFO("not complete yet: %s: %s", import_status_headline(r->status), r->reason);
    else
        LOG_WARN("refused: %s: %s", import_status_headline(r->status), r->reason);
    report(&pc, IMPORT_PHASE_DONE, 1.0);
}

bool import_status_may_be_arriving(enum import_status s)
{
    return s == IMPORT_NO_BUNDLE || s == IMPORT_NOT_SIGNED || s == IMPORT_DAMAGED ||
           s == IMPORT_SOURCE_FAILED;
}

bool import_recover(const char *state_dir, struct install_info *out)
{
    char err[512];
    memset(out, 0, sizeof *out);
    int lock = install_lock(state_dir, err, sizeof err);
    if (lock < 0) {
        /* Someone else is importing: do not pull staging from under them; just read. */
        LOG_WARN("%s", err);
        return install_read(state_dir, "current", out);
    }
    bool ok = install_recover(state_dir, out);
    close(lock);
    return ok;
}

bool import_fall_back(const char *state_dir, struct install_info *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    int lock = install_lock(state_dir, err, errlen);
    if (lock < 0)
        return false;
    bool ok = install_fall_back(state_dir, out, err, errlen);
    close(lock);
    return ok;
}
