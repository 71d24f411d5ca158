#define LOG_MODULE "order"
#include "import/signed_order.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/file.h"
#include "base/log.h"
#include "base/xmalloc.h"

bool signed_order_read(const char *order_path, const char *sig_path, size_t max,
                       const char *keys_dir, char **text, size_t *len,
                       char comment[MINISIG_COMMENT_MAX + 1], char *err, size_t errlen)
{
    *text = NULL;
    *len = 0;
    char *order = NULL, *sigtext = NULL;
    size_t osize = 0, ssize = 0;
    struct minisig_signature *sig = xmalloc(sizeof *sig);
    struct minisig_pubkey *keys = xcalloc(SIGNED_ORDER_MAX_KEYS, sizeof *keys);
    bool ok = false;
    if (!file_read_all(order_path, max, &order, &osize, err, errlen))
        goto out;
    if (!file_read_all(sig_path, MINISIG_FILE_MAX, &sigtext, &ssize, err, errlen))
        goto out;
    if (!minisig_parse(sigtext, ssize, sig_path, sig, err, errlen))
        goto out;
    size_t nkeys = minisig_pubkeys_load_dir(keys_dir, keys, SIGNED_ORDER_MAX_KEYS);
    if (nkeys == 0) {
        snprintf(err, errlen, "%s: no trusted keys (*.pub) to check the order with", keys_dir);
        goto out;
    }
    uint8_t hash[MINISIG_HASH_BYTES];
    crypto_generichash(hash, sizeof hash, (const unsigned char *)order, osize, NULL, 0);
    switch (minisig_verify(sig, hash, keys, nkeys)) {
    case MINISIG_VALID:
        break;
    case MINISIG_LEGACY:
        snprintf(err, errlen, "%s: a legacy signature (minisign -l); sign without -l", sig_path);
        goto out;
    case MINISIG_UNKNOWN_KEY:
        snprintf(err, errlen, "%s: signed by a key this kiosk does not trust (not in %s)", sig_path,
                 keys_dir);
        goto out;
    case MINISIG_BAD_COMMENT_SIGNATURE:
        snprintf(err, errlen, "%s: the trusted comment was changed after signing", sig_path);
        goto out;
    case MINISIG_BAD_SIGNATURE:
        snprintf(err, errlen, "%s: does not match its signature (changed after signing?)",
                 order_path);
        goto out;
    }
    snprintf(comment, MINISIG_COMMENT_MAX + 1, "%s", sig->trusted_comment);
    *text = order;
    *len = osize;
    order = NULL;
    ok = true;
out:
    free(keys);
    free(sig);
    free(order);
    free(sigtext);
    return ok;
}

uint64_t signed_order_seq_last(const char *state_dir, const char *name)
{
    char *path = file_join(state_dir, name), *text = NULL, err[256];
    size_t size = 0;
    uint64_t seq = 0;
    if (file_read_all(path, 64, &text, &size, err, sizeof err))
        seq = strtoull(text, NULL, 10);
    free(text);
    free(path);
    return seq;
}

bool signed_order_seq_commit(const char *state_dir, const char *name, uint64_t seq, char *err,
                             size_t errlen)
{
    char *path = file_join(state_dir, name);
    char text[32];
    int n = snprintf(text, sizeof text, "%" PRIu64 "\n", seq);
    bool ok = file_write_atomic(path, text, (size_t)n, err, errlen);
    free(path);
    return ok;
}
