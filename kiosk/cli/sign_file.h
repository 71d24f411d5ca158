/* Signing on the content machine: a file's BLAKE2b hash signed with a minisign secret key, the
 * signature written beside it, as `minisign -S` would (kiosk bundle --sign, kiosk emergency
 * order --sign). An encrypted key's password comes from $KIOSK_KEY_PASSWORD or the terminal. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "import/minisig.h"

/* Messages start "kiosk: <command>: ". False after saying why. */
bool cli_sign_file(const char *command, const char *key_path, const char *comment,
                   const uint8_t hash[MINISIG_HASH_BYTES], const char *sig_path);
