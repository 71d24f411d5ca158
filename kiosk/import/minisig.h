/* minisign keys and signatures (https://jedisct1.github.io/minisign/), read and written byte for
 * byte as the minisign tool does, so staff can sign with either `minisign -S` or
 * `kiosk bundle --sign`, and the kiosk verifies with libsodium.
 *
 * The kiosk accepts only prehashed signatures (algorithm "ED": Ed25519 over the BLAKE2b-512 hash
 * of the file): the hash is computed while the bundle is staged, so the signature is checked
 * against exactly the bytes that will be unpacked, and never needs a second read of the stick.
 * Legacy "Ed" signatures (Ed25519 over the whole file) are refused.
 *
 * Everything here is pure: no files are read except by minisig_*_load, no state is kept, and all
 * functions are safe to call from any thread. Structures are plain values owned by the caller. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MINISIG_KEY_ID_BYTES 8
#define MINISIG_PUBLIC_KEY_BYTES 32
#define MINISIG_SECRET_KEY_BYTES 64
#define MINISIG_SIGNATURE_BYTES 64
#define MINISIG_HASH_BYTES 64 /* BLAKE2b-512 of the signed file */
/* minisign's own limits: a trusted comment is at most 8192 bytes, a signature file's lines
 * about as much; anything longer is not a minisign file. */
#define MINISIG_COMMENT_MAX 8192
#define MINISIG_FILE_MAX 32768
#define MINISIG_GROUP_MAX 64

struct minisig_pubkey {
    uint8_t key_id[MINISIG_KEY_ID_BYTES];
    uint8_t key[MINISIG_PUBLIC_KEY_BYTES];
};

struct minisig_seckey {
    uint8_t key_id[MINISIG_KEY_ID_BYTES];
    uint8_t key[MINISIG_SECRET_KEY_BYTES]; /* libsodium's layout: seed then public key */
};

struct minisig_signature {
    bool prehashed; /* "ED"; false means legacy "Ed" */
    uint8_t key_id[MINISIG_KEY_ID_BYTES];
    uint8_t signature[MINISIG_SIGNATURE_BYTES];
    char trusted_comment[MINISIG_COMMENT_MAX + 1];     /* without "trusted comment: " */
    uint8_t global_signature[MINISIG_SIGNATURE_BYTES]; /* over signature || trusted_comment */
};

/* What the trusted comment "kiosk-bundle version=N group=G[ export=proof]" says. */
struct minisig_bundle_info {
    uint64_t version;                  /* 1 .. 10^15 */
    char group[MINISIG_GROUP_MAX + 1]; /* [A-Za-z0-9._-], 1..64 characters */
    bool export_proof; /* " export=proof": copy the proof-of-play records onto the stick */
};

enum minisig_verdict {
    MINISIG_VALID,
    MINISIG_LEGACY,                /* an "Ed" signature: refused */
    MINISIG_UNKNOWN_KEY,           /* no trusted key has the signature's key id */
    MINISIG_BAD_COMMENT_SIGNATURE, /* trusted comment edited, or signature file damaged */
    MINISIG_BAD_SIGNATURE,         /* the file is not what was signed */
};

/* Parses a public key file's text ("untrusted comment: ...\n" then base64 of "Ed" || key id ||
 * key). `name` is used in the message written to err on failure. */
bool minisig_pubkey_parse(const char *text, size_t len, const char *name,
                          struct minisig_pubkey *out, char *err, size_t errlen);
bool minisig_pubkey_load(const char *path, struct minisig_pubkey *out, char *err, size_t errlen);
/* Loads every *.pub in keys_dir into keys (at most max); an unreadable key file is logged and
 * skipped, so one bad file does not lock out the others. Returns how many were loaded. */
size_t minisig_pubkeys_load_dir(const char *keys_dir, struct minisig_pubkey *keys, size_t max);

/* Parses a .minisig file's text: four lines (untrusted comment, signature, trusted comment,
 * global signature). A legacy signature parses (prehashed false) so the caller can name it. */
bool minisig_parse(const char *text, size_t len, const char *name, struct minisig_signature *out,
                   char *err, size_t errlen);

/* Parses "kiosk-bundle version=N group=G" exactly, optionally followed by " export=proof": one
 * space between fields, nothing else. */
bool minisig_bundle_info_parse(const char *comment, struct minisig_bundle_info *out, char *err,
                               size_t errlen);

/* What an enrolment order's trusted comment "kiosk-enrol group=G seq=N" says (docs/fleet.md):
 * signed like a bundle, with its own form so that neither can pass for the other. seq grows
 * with each order for a group; a kiosk takes only a higher one than it last took. */
struct minisig_enrol_info {
    uint64_t seq; /* 1 .. 10^15 */
    char group[MINISIG_GROUP_MAX + 1];
};
bool minisig_enrol_info_parse(const char *comment, struct minisig_enrol_info *out, char *err,
                              size_t errlen);

/* What an emergency order's trusted comment "kiosk-emergency group=G action=start|end seq=N"
 * says (docs/emergency.md): its own form again, so that no bundle or enrolment order can pass
 * for one. seq grows with each order for a group; a kiosk acts only on a higher one than it
 * last took, so a copied old order cannot raise a false alarm. */
struct minisig_emergency_info {
    uint64_t seq; /* 1 .. 10^15 */
    bool start;   /* action=start; false: action=end */
    char group[MINISIG_GROUP_MAX + 1];
};
bool minisig_emergency_info_parse(const char *comment, struct minisig_emergency_info *out,
                                  char *err, size_t errlen);

/* The trusted key with sig's key id, or NULL. keys is borrowed. */
const struct minisig_pubkey *minisig_find_key(const struct minisig_signature *sig,
                                              const struct minisig_pubkey *keys, size_t count);

/* Checks the global signature (signature || trusted comment). Can run before the file is read. */
enum minisig_verdict minisig_verify_comment(const struct minisig_signature *sig,
                                            const struct minisig_pubkey *keys, size_t count);

/* Checks everything: key id, algorithm, global signature, and the signature over hash, the
 * BLAKE2b-512 of the file (crypto_generichash with MINISIG_HASH_BYTES, no key). */
enum minisig_verdict minisig_verify(const struct minisig_signature *sig,
                                    const uint8_t hash[MINISIG_HASH_BYTES],
                                    const struct minisig_pubkey *keys, size_t count);

/* Parses a secret key file. Unencrypted keys (`minisign -G -W`) need no password; encrypted ones
 * ask get_password(data) for it (return NULL to give up; the string is wiped after use) and are
 * decrypted with scrypt exactly as minisign does. A wrong password is reported as such. */
typedef char *(*minisig_password_fn)(void *data);
bool minisig_seckey_parse(const char *text, size_t len, const char *name,
                          minisig_password_fn get_password, void *data, struct minisig_seckey *out,
                          char *err, size_t errlen);

/* Signs hash (BLAKE2b-512 of the file) and returns the .minisig text, as minisign -S writes it
 * with the default untrusted comment. The caller frees it. */
char *minisig_sign(const struct minisig_seckey *key, const uint8_t hash[MINISIG_HASH_BYTES],
                   const char *trusted_comment);

/* The key id as minisign prints it (16 upper-case hex digits, little-endian as a number). */
void minisig_key_id_format(const uint8_t id[MINISIG_KEY_ID_BYTES], char out[17]);
