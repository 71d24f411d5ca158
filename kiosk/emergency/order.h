/* Emergency orders (docs/emergency.md): what starts and ends emergency mode besides the dry
 * contact (contact.h).
 *
 *   STICK/KIOSK/emergency.json           a signed order, on a stick or in the inbox
 *   STICK/KIOSK/emergency.json.minisig   trusted comment
 *                                        "kiosk-emergency group=G action=start|end seq=N"
 *   {"format": 1, "note": "drill, Akko city hall"}          (note optional, shown to staff)
 *
 *   STATE/emergency-request              a technician's order on the kiosk itself
 *                                        (`kiosk emergency start|end`): "start" or "end" and
 *                                        an optional note on the next line; trusted because only
 *                                        root or the player's user can write the state folder
 *
 * A signed order is taken only when signed by a trusted key, for this kiosk's group, with a seq
 * higher than the last one taken (STATE/emergency.seq, kept across restarts and written before
 * the order is acted on): a copy of an old order, from any stick, does nothing.
 *
 * Plain C, no SDL, no state of its own; any thread. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "import/minisig.h"

#define EMERGENCY_ORDER_PATH "KIOSK/emergency.json"
#define EMERGENCY_SIGNATURE_PATH "KIOSK/emergency.json.minisig"
#define EMERGENCY_REQUEST_FILE "emergency-request"
#define EMERGENCY_SEQ_FILE "emergency.seq"
#define EMERGENCY_ORDER_MAX 4096
#define EMERGENCY_NOTE_MAX 160

struct emergency_order {
    bool start; /* false: end */
    uint64_t seq;
    char group[MINISIG_GROUP_MAX + 1];
    char note[EMERGENCY_NOTE_MAX + 1]; /* "" when none */
};

/* Reads and verifies the order in folder (a stick's mount point or the inbox): keys in
 * keys_dir, this kiosk's group, seq above STATE/emergency.seq, the JSON as above. On failure
 * writes one line naming the file and what was expected. */
bool emergency_order_read(const char *folder, const char *keys_dir, const char *group,
                          const char *state_dir, struct emergency_order *out, char *err,
                          size_t errlen);

/* Remembers that order seq was taken, before it is acted on. */
bool emergency_order_commit(const char *state_dir, uint64_t seq, char *err, size_t errlen);

/* A technician's request: writes STATE/emergency-request (atomically). */
bool emergency_request_write(const char *state_dir, bool start, const char *note, char *err,
                             size_t errlen);

/* Reads and removes STATE/emergency-request when it is there, is a regular file owned by root
 * or by this process's user, and says "start" or "end". False when there is none; a request
 * that is not acceptable is removed and logged. */
bool emergency_request_take(const char *state_dir, struct emergency_order *out);
