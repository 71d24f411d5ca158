/* Signed orders: a small file beside its minisign signature (ORDER and ORDER.minisig), signed
 * with a city key like a bundle, whose trusted comment says what it orders, for which group and
 * with which sequence number. Enrolment orders (fleet/enrol.c) and emergency orders
 * (emergency/order.c) are read, verified and kept track of here, so they refuse alike: an
 * untrusted key, a changed file or comment, a legacy signature, an old sequence number.
 *
 * Plain C, no SDL, no state; any thread. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "import/minisig.h"

#define SIGNED_ORDER_MAX_KEYS 16

/* Reads order_path (at most max bytes) and sig_path, and verifies the signature with the keys
 * in keys_dir. On success *text (NUL-terminated, caller frees) and *len hold the order and
 * comment its trusted comment. On failure writes one line naming the file and what is wrong. */
bool signed_order_read(const char *order_path, const char *sig_path, size_t max,
                       const char *keys_dir, char **text, size_t *len,
                       char comment[MINISIG_COMMENT_MAX + 1], char *err, size_t errlen);

/* The sequence number of the last order taken, kept in STATE/name ("enrol.seq"); 0 when none. */
uint64_t signed_order_seq_last(const char *state_dir, const char *name);

/* Remembers that order seq was taken (STATE/name, written atomically and synced). */
bool signed_order_seq_commit(const char *state_dir, const char *name, uint64_t seq, char *err,
                             size_t errlen);
