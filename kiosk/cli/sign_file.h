/* Signing on the content machine: a file's BLAKE2b hash signed with a minisign secret key, the
 * signature written beside it, as `minisign -S` would (kiosk bundle --sign, kiosk emergency
 * order --sign, the studio's stick). An encrypted key's password comes from the caller (the
 * studio's form), else $KIOSK_KEY_PASSWORD, else the terminal, asked without echo. */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "import/minisig.h"

/* password: NULL unless the caller has it. Messages go to msgs and start "kiosk: <command>: ".
 * False after saying why. */
bool cli_sign_file(const char *command, const char *key_path, const char *password,
                   const char *comment, const uint8_t hash[MINISIG_HASH_BYTES],
                   const char *sig_path, FILE *msgs);
