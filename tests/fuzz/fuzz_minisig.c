/* libFuzzer harness for what a stick supplies to the signature code: the .minisig file, its
 * trusted comment, and a public key file's text. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "import/minisig.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct minisig_signature sig;
    char err[512];
    if (minisig_parse((const char *)data, size, "fuzz.minisig", &sig, err, sizeof err)) {
        struct minisig_bundle_info info;
        minisig_bundle_info_parse(sig.trusted_comment, &info, err, sizeof err);
        uint8_t hash[MINISIG_HASH_BYTES] = {0};
        struct minisig_pubkey key = {{0}, {0}};
        memcpy(key.key_id, sig.key_id, sizeof key.key_id);
        minisig_verify(&sig, hash, &key, 1);
    }
    struct minisig_pubkey pk;
    minisig_pubkey_parse((const char *)data, size, "fuzz.pub", &pk, err, sizeof err);
    return 0;
}
