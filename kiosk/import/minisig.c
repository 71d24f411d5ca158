#define LOG_MODULE "minisig"
#include "import/minisig.h"

#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "base/file.h"
#include "base/log.h"
#include "base/xmalloc.h"

/* The binary layouts, from minisign.h: a public key is "Ed" || key id || key; a signature is
 * algorithm || key id || signature; a secret key is "Ed" || kdf "Sc" or 0,0 || checksum "B2" ||
 * salt[32] || opslimit (u64 LE) || memlimit (u64 LE) || key id || key[64] || checksum[32], where
 * the last three are XORed with scrypt(password, salt) when the kdf is "Sc". */
#define PUBKEY_BIN_BYTES (2 + MINISIG_KEY_ID_BYTES + MINISIG_PUBLIC_KEY_BYTES)
#define SIG_BIN_BYTES (2 + MINISIG_KEY_ID_BYTES + MINISIG_SIGNATURE_BYTES)
#define SALT_BYTES 32
#define CHECKSUM_BYTES 32
#define KEYNUM_SK_BYTES (MINISIG_KEY_ID_BYTES + MINISIG_SECRET_KEY_BYTES + CHECKSUM_BYTES)
#define SECKEY_BIN_BYTES (2 + 2 + 2 + SALT_BYTES + 8 + 8 + KEYNUM_SK_BYTES)

static const char untrusted_prefix[] = "untrusted comment: ";
static const char trusted_prefix[] = "trusted comment: ";

/* Splits text into lines, at most max_lines; a trailing "\r" is dropped (files edited on
 * Windows). Returns the number of lines, or -1 when a line holds a NUL byte. */
struct line {
    const char *s;
    size_t len;
};

static int split_lines(const char *text, size_t len, struct line *lines, int max_lines)
{
    int n = 0;
    size_t pos = 0;
    while (pos < len && n < max_lines) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        if (memchr(text + pos, '\0', end - pos))
            return -1;
        size_t l = end - pos;
        if (l > 0 && text[pos + l - 1] == '\r')
            l--;
        lines[n].s = text + pos;
        lines[n].len = l;
        n++;
        pos = end + 1;
    }
    /* Anything after the last line we wanted must be blank. */
    for (; pos < len; pos++)
        if (text[pos] != '\n' && text[pos] != '\r' && text[pos] != ' ' && text[pos] != '\t')
            return -1;
    return n;
}

static bool has_prefix(const struct line *l, const char *prefix)
{
    size_t n = strlen(prefix);
    return l->len >= n && memcmp(l->s, prefix, n) == 0;
}

/* Decodes exactly `want` bytes of standard base64 from the line. */
static bool decode_line(const struct line *l, uint8_t *out, size_t want)
{
    size_t got = 0;
    if (l->len == 0 || l->len > 4 * ((want + 2) / 3))
        return false;
    if (sodium_base642bin(out, want, l->s, l->len, NULL, &got, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0)
        return false;
    return got == want;
}

void minisig_key_id_format(const uint8_t id[MINISIG_KEY_ID_BYTES], char out[17])
{
    for (int i = 0; i < MINISIG_KEY_ID_BYTES; i++)
        snprintf(out + 2 * i, 3, "%02X", id[MINISIG_KEY_ID_BYTES - 1 - i]);
}

bool minisig_pubkey_parse(const char *text, size_t len, const char *name,
                          struct minisig_pubkey *out, char *err, size_t errlen)
{
    struct line lines[2];
    int n = split_lines(text, len, lines, 2);
    if (n != 2 || !has_prefix(&lines[0], untrusted_prefix)) {
        snprintf(err, errlen,
                 "%s: not a minisign public key (expected an \"untrusted comment:\" line and a "
                 "key line, as written by minisign -G)",
                 name);
        return false;
    }
    uint8_t bin[PUBKEY_BIN_BYTES];
    if (!decode_line(&lines[1], bin, sizeof bin)) {
        snprintf(err, errlen,
                 "%s: the key line is not a minisign public key (expected %d bytes "
                 "of base64)",
                 name, PUBKEY_BIN_BYTES);
        return false;
    }
    if (bin[0] != 'E' || bin[1] != 'd') {
        snprintf(err, errlen, "%s: unknown key algorithm (expected an Ed25519 key, \"Ed\")", name);
        return false;
    }
    memcpy(out->key_id, bin + 2, MINISIG_KEY_ID_BYTES);
    memcpy(out->key, bin + 2 + MINISIG_KEY_ID_BYTES, MINISIG_PUBLIC_KEY_BYTES);
    return true;
}

bool minisig_pubkey_load(const char *path, struct minisig_pubkey *out, char *err, size_t errlen)
{
    char *text = NULL;
    size_t len = 0;
    if (!file_read_all(path, MINISIG_FILE_MAX, &text, &len, err, errlen))
        return false;
    bool ok = minisig_pubkey_parse(text, len, path, out, err, errlen);
    free(text);
    return ok;
}

size_t minisig_pubkeys_load_dir(const char *keys_dir, struct minisig_pubkey *keys, size_t max)
{
    DIR *d = opendir(keys_dir);
    if (!d)
        return 0;
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d)) && n < max) {
        size_t len = strlen(de->d_name);
        if (len < 5 || strcmp(de->d_name + len - 4, ".pub") != 0)
            continue;
        char *path = file_join(keys_dir, de->d_name);
        char err[512];
        if (minisig_pubkey_load(path, &keys[n], err, sizeof err))
            n++;
        else
            LOG_WARN("%s", err);
        free(path);
    }
    closedir(d);
    return n;
}

bool minisig_parse(const char *text, size_t len, const char *name, struct minisig_signature *out,
                   char *err, size_t errlen)
{
    struct line lines[4];
    int n = len > MINISIG_FILE_MAX ? -1 : split_lines(text, len, lines, 4);
    if (n != 4) {
        snprintf(err, errlen,
                 "%s: not a minisign signature (expected 4 lines: untrusted comment, signature, "
                 "trusted comment, global signature)",
                 name);
        return false;
    }
    if (!has_prefix(&lines[0], untrusted_prefix)) {
        snprintf(err, errlen, "%s: line 1 should start with \"untrusted comment: \"", name);
        return false;
    }
    uint8_t bin[SIG_BIN_BYTES];
    if (!decode_line(&lines[1], bin, sizeof bin)) {
        snprintf(err, errlen,
                 "%s: line 2 is not a minisign signature (expected %d bytes of "
                 "base64)",
                 name, SIG_BIN_BYTES);
        return false;
    }
    if (bin[0] == 'E' && bin[1] == 'D') {
        out->prehashed = true;
    } else if (bin[0] == 'E' && bin[1] == 'd') {
        out->prehashed = false;
    } else {
        snprintf(err, errlen, "%s: unknown signature algorithm (expected \"ED\")", name);
        return false;
    }
    memcpy(out->key_id, bin + 2, MINISIG_KEY_ID_BYTES);
    memcpy(out->signature, bin + 2 + MINISIG_KEY_ID_BYTES, MINISIG_SIGNATURE_BYTES);
    if (!has_prefix(&lines[2], trusted_prefix)) {
        snprintf(err, errlen, "%s: line 3 should start with \"trusted comment: \"", name);
        return false;
    }
    size_t clen = lines[2].len - strlen(trusted_prefix);
    if (clen > MINISIG_COMMENT_MAX) {
        snprintf(err, errlen, "%s: the trusted comment is over %d bytes", name,
                 MINISIG_COMMENT_MAX);
        return false;
    }
    memcpy(out->trusted_comment, lines[2].s + strlen(trusted_prefix), clen);
    out->trusted_comment[clen] = '\0';
    if (!decode_line(&lines[3], out->global_signature, MINISIG_SIGNATURE_BYTES)) {
        snprintf(err, errlen,
                 "%s: line 4 is not a global signature (expected %d bytes of "
                 "base64)",
                 name, MINISIG_SIGNATURE_BYTES);
        return false;
    }
    return true;
}

static bool is_group_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
}

bool minisig_bundle_info_parse(const char *comment, struct minisig_bundle_info *out, char *err,
                               size_t errlen)
{
    static const char head[] = "kiosk-bundle version=";
    const char *expected = "expected \"kiosk-bundle version=N group=G\", optionally followed by "
                           "\" export=proof\"";
    if (strncmp(comment, head, strlen(head)) != 0) {
        snprintf(err, errlen, "the trusted comment \"%.80s\" is not a kiosk bundle's (%s)", comment,
                 expected);
        return false;
    }
    const char *p = comment + strlen(head);
    uint64_t v = 0;
    int digits = 0;
    while (*p >= '0' && *p <= '9') {
        if (digits == 15 || (digits == 1 && v == 0)) {
            digits = -1;
            break;
        }
        v = v * 10 + (uint64_t)(*p - '0');
        digits++;
        p++;
    }
    if (digits <= 0 || v == 0) {
        snprintf(err, errlen,
                 "the trusted comment's version is not a number from 1 to "
                 "999999999999999 without leading zeros (%s)",
                 expected);
        return false;
    }
    static const char group[] = " group=";
    if (strncmp(p, group, strlen(group)) != 0) {
        snprintf(err, errlen, "the trusted comment has no group after the version (%s)", expected);
        return false;
    }
    p += strlen(group);
    size_t glen = 0;
    while (glen <= MINISIG_GROUP_MAX && is_group_char(p[glen]))
        glen++;
    static const char export[] = " export=proof";
    out->export_proof = glen > 0 && !strcmp(p + glen, export);
    if (glen == 0 || glen > MINISIG_GROUP_MAX || (p[glen] != '\0' && !out->export_proof)) {
        snprintf(err, errlen,
                 "the trusted comment's group must be 1 to %d letters, digits, '.', "
                 "'_' or '-', and end the comment (%s)",
                 MINISIG_GROUP_MAX, expected);
        return false;
    }
    out->version = v;
    memcpy(out->group, p, glen);
    out->group[glen] = '\0';
    return true;
}

/* A number from 1 to 999999999999999 without leading zeros at *p; advances p. */
static bool parse_count(const char **pp, uint64_t *out)
{
    const char *p = *pp;
    uint64_t v = 0;
    int digits = 0;
    while (*p >= '0' && *p <= '9') {
        if (digits == 15 || (digits == 1 && v == 0))
            return false;
        v = v * 10 + (uint64_t)(*p - '0');
        digits++;
        p++;
    }
    if (digits == 0 || v == 0)
        return false;
    *pp = p;
    *out = v;
    return true;
}

/* Takes a screen group at *p, followed by `next` (" seq=", " action="): copies it into group
 * and moves *p past both. False, *p unchanged, when either is missing or the group is too long. */
static bool take_group(const char **p, const char *next, char group[MINISIG_GROUP_MAX + 1])
{
    size_t glen = 0;
    while (glen <= MINISIG_GROUP_MAX && is_group_char((*p)[glen]))
        glen++;
    if (glen == 0 || glen > MINISIG_GROUP_MAX || strncmp(*p + glen, next, strlen(next)) != 0)
        return false;
    memcpy(group, *p, glen);
    group[glen] = '\0';
    *p += glen + strlen(next);
    return true;
}

bool minisig_enrol_info_parse(const char *comment, struct minisig_enrol_info *out, char *err,
                              size_t errlen)
{
    static const char head[] = "kiosk-enrol group=";
    const char *expected = "expected \"kiosk-enrol group=G seq=N\"";
    if (strncmp(comment, head, strlen(head)) != 0) {
        snprintf(err, errlen, "the trusted comment \"%.80s\" is not an enrolment order's (%s)",
                 comment, expected);
        return false;
    }
    const char *p = comment + strlen(head);
    if (!take_group(&p, " seq=", out->group)) {
        snprintf(err, errlen,
                 "the trusted comment's group must be 1 to %d letters, digits, '.', "
                 "'_' or '-', followed by \" seq=N\" (%s)",
                 MINISIG_GROUP_MAX, expected);
        return false;
    }
    if (!parse_count(&p, &out->seq) || *p) {
        snprintf(err, errlen,
                 "the trusted comment's seq is not a number from 1 to "
                 "999999999999999 without leading zeros, ending the comment (%s)",
                 expected);
        return false;
    }
    return true;
}

bool minisig_emergency_info_parse(const char *comment, struct minisig_emergency_info *out,
                                  char *err, size_t errlen)
{
    static const char head[] = "kiosk-emergency group=";
    const char *expected = "expected \"kiosk-emergency group=G action=start|end seq=N\"";
    if (strncmp(comment, head, strlen(head)) != 0) {
        snprintf(err, errlen, "the trusted comment \"%.80s\" is not an emergency order's (%s)",
                 comment, expected);
        return false;
    }
    const char *p = comment + strlen(head);
    if (!take_group(&p, " action=", out->group)) {
        snprintf(err, errlen,
                 "the trusted comment's group must be 1 to %d letters, digits, '.', "
                 "'_' or '-', followed by \" action=start\" or \" action=end\" (%s)",
                 MINISIG_GROUP_MAX, expected);
        return false;
    }
    if (!strncmp(p, "start ", 6)) {
        out->start = true;
        p += 6;
    } else if (!strncmp(p, "end ", 4)) {
        out->start = false;
        p += 4;
    } else {
        snprintf(err, errlen, "the trusted comment's action must be start or end (%s)", expected);
        return false;
    }
    if (strncmp(p, "seq=", 4) != 0 || (p += 4, !parse_count(&p, &out->seq)) || *p) {
        snprintf(err, errlen,
                 "the trusted comment's seq is not a number from 1 to "
                 "999999999999999 without leading zeros, ending the comment (%s)",
                 expected);
        return false;
    }
    return true;
}

const struct minisig_pubkey *minisig_find_key(const struct minisig_signature *sig,
                                              const struct minisig_pubkey *keys, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (memcmp(keys[i].key_id, sig->key_id, MINISIG_KEY_ID_BYTES) == 0)
            return &keys[i];
    return NULL;
}

enum minisig_verdict minisig_verify_comment(const struct minisig_signature *sig,
                                            const struct minisig_pubkey *keys, size_t count)
{
    const struct minisig_pubkey *key = minisig_find_key(sig, keys, count);
    if (!key)
        return MINISIG_UNKNOWN_KEY;
    if (!sig->prehashed)
        return MINISIG_LEGACY;
    size_t clen = strlen(sig->trusted_comment);
    uint8_t *msg = xmalloc(MINISIG_SIGNATURE_BYTES + clen);
    memcpy(msg, sig->signature, MINISIG_SIGNATURE_BYTES);
    memcpy(msg + MINISIG_SIGNATURE_BYTES, sig->trusted_comment, clen);
    int rc = crypto_sign_verify_detached(sig->global_signature, msg, MINISIG_SIGNATURE_BYTES + clen,
                                         key->key);
    free(msg);
    return rc == 0 ? MINISIG_VALID : MINISIG_BAD_COMMENT_SIGNATURE;
}

enum minisig_verdict minisig_verify(const struct minisig_signature *sig,
                                    const uint8_t hash[MINISIG_HASH_BYTES],
                                    const struct minisig_pubkey *keys, size_t count)
{
    enum minisig_verdict v = minisig_verify_comment(sig, keys, count);
    if (v != MINISIG_VALID)
        return v;
    const struct minisig_pubkey *key = minisig_find_key(sig, keys, count);
    if (crypto_sign_verify_detached(sig->signature, hash, MINISIG_HASH_BYTES, key->key) != 0)
        return MINISIG_BAD_SIGNATURE;
    return MINISIG_VALID;
}

static uint64_t load_le64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

bool minisig_seckey_parse(const char *text, size_t len, const char *name,
                          minisig_password_fn get_password, void *data, struct minisig_seckey *out,
                          char *err, size_t errlen)
{
    bool ok = false;
    uint8_t bin[SECKEY_BIN_BYTES];
    uint8_t stream[KEYNUM_SK_BYTES];
    char *password = NULL;
    struct line lines[2];
    if (split_lines(text, len, lines, 2) != 2 || !has_prefix(&lines[0], untrusted_prefix) ||
        !decode_line(&lines[1], bin, sizeof bin)) {
        snprintf(err, errlen,
                 "%s: not a minisign secret key (expected the file written by "
                 "minisign -G)",
                 name);
        goto out;
    }
    const uint8_t *kdf = bin + 2, *salt = bin + 6;
    uint8_t *keynum_sk = bin + 6 + SALT_BYTES + 16;
    if (bin[0] != 'E' || bin[1] != 'd' || bin[4] != 'B' || bin[5] != '2') {
        snprintf(err, errlen,
                 "%s: unknown secret key algorithm (expected Ed25519 with a BLAKE2b "
                 "checksum)",
                 name);
        goto out;
    }
    bool encrypted = kdf[0] == 'S' && kdf[1] == 'c';
    if (!encrypted && (kdf[0] != 0 || kdf[1] != 0)) {
        snprintf(err, errlen, "%s: unknown key derivation (expected scrypt or none)", name);
        goto out;
    }
    if (encrypted) {
        uint64_t opslimit = load_le64(bin + 6 + SALT_BYTES);
        uint64_t memlimit = load_le64(bin + 6 + SALT_BYTES + 8);
        /* minisign uses OPSLIMIT/MEMLIMIT_SENSITIVE (1 GiB); refuse absurd values rather than
         * let a crafted key file exhaust memory. */
        if (memlimit > (uint64_t)4 << 30 || opslimit > (uint64_t)1 << 34) {
            snprintf(err, errlen, "%s: the key's scrypt parameters are out of range", name);
            goto out;
        }
        password = get_password ? get_password(data) : NULL;
        if (!password) {
            snprintf(err, errlen,
                     "%s: the key is encrypted and no password was given (set "
                     "KIOSK_KEY_PASSWORD or type it at the prompt)",
                     name);
            goto out;
        }
        if (crypto_pwhash_scryptsalsa208sha256(stream, sizeof stream, password, strlen(password),
                                               salt, opslimit, (size_t)memlimit) != 0) {
            snprintf(err, errlen,
                     "%s: deriving the key from the password failed (not enough "
                     "memory for scrypt?)",
                     name);
            goto out;
        }
        for (size_t i = 0; i < KEYNUM_SK_BYTES; i++)
            keynum_sk[i] ^= stream[i];
    }
    const uint8_t *key_id = keynum_sk, *sk = keynum_sk + MINISIG_KEY_ID_BYTES;
    const uint8_t *chk = sk + MINISIG_SECRET_KEY_BYTES;
    uint8_t want[CHECKSUM_BYTES];
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, CHECKSUM_BYTES);
    crypto_generichash_update(&st, bin, 2);
    crypto_generichash_update(&st, key_id, MINISIG_KEY_ID_BYTES);
    crypto_generichash_update(&st, sk, MINISIG_SECRET_KEY_BYTES);
    crypto_generichash_final(&st, want, CHECKSUM_BYTES);
    /* minisign 0.11 leaves the checksum zero in unencrypted keys; the key pair is then checked
     * by deriving the public half from the seed instead. */
    static const uint8_t zero[CHECKSUM_BYTES];
    bool chk_ok = sodium_memcmp(want, chk, CHECKSUM_BYTES) == 0 ||
                  (!encrypted && memcmp(chk, zero, CHECKSUM_BYTES) == 0);
    uint8_t pk[crypto_sign_PUBLICKEYBYTES], sk2[crypto_sign_SECRETKEYBYTES];
    crypto_sign_seed_keypair(pk, sk2, sk);
    if (!chk_ok || sodium_memcmp(sk2, sk, MINISIG_SECRET_KEY_BYTES) != 0) {
        snprintf(err, errlen,
                 encrypted ? "%s: wrong password for this key"
                           : "%s: the secret key is damaged (checksum mismatch)",
                 name);
        sodium_memzero(sk2, sizeof sk2);
        goto out;
    }
    sodium_memzero(sk2, sizeof sk2);
    memcpy(out->key_id, key_id, MINISIG_KEY_ID_BYTES);
    memcpy(out->key, sk, MINISIG_SECRET_KEY_BYTES);
    ok = true;
out:
    sodium_memzero(bin, sizeof bin);
    sodium_memzero(stream, sizeof stream);
    if (password) {
        sodium_memzero(password, strlen(password));
        free(password);
    }
    return ok;
}

char *minisig_sign(const struct minisig_seckey *key, const uint8_t hash[MINISIG_HASH_BYTES],
                   const char *trusted_comment)
{
    uint8_t bin[SIG_BIN_BYTES];
    bin[0] = 'E';
    bin[1] = 'D';
    memcpy(bin + 2, key->key_id, MINISIG_KEY_ID_BYTES);
    uint8_t *sig = bin + 2 + MINISIG_KEY_ID_BYTES;
    crypto_sign_detached(sig, NULL, hash, MINISIG_HASH_BYTES, key->key);
    size_t clen = strlen(trusted_comment);
    uint8_t *msg = xmalloc(MINISIG_SIGNATURE_BYTES + clen);
    memcpy(msg, sig, MINISIG_SIGNATURE_BYTES);
    memcpy(msg + MINISIG_SIGNATURE_BYTES, trusted_comment, clen);
    uint8_t global[MINISIG_SIGNATURE_BYTES];
    crypto_sign_detached(global, NULL, msg, MINISIG_SIGNATURE_BYTES + clen, key->key);
    free(msg);
    char b64sig[sodium_base64_ENCODED_LEN(SIG_BIN_BYTES, sodium_base64_VARIANT_ORIGINAL)];
    char b64global[sodium_base64_ENCODED_LEN(MINISIG_SIGNATURE_BYTES,
                                             sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(b64sig, sizeof b64sig, bin, sizeof bin, sodium_base64_VARIANT_ORIGINAL);
    sodium_bin2base64(b64global, sizeof b64global, global, sizeof global,
                      sodium_base64_VARIANT_ORIGINAL);
    return xasprintf("untrusted comment: signature from minisign secret key\n%s\n"
                     "trusted comment: %s\n%s\n",
                     b64sig, trusted_comment, b64global);
}
