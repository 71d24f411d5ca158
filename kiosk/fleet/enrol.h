/* Enrolment by stick (docs/fleet.md): a signed enrolment order on a stick tells a kiosk which
 * content machine to trust (its Syncthing device ID and address) and which folders to share.
 * The kiosk verifies it like a bundle (trusted keys, its group, a growing seq), writes the
 * configuration of its own Syncthing service (the group's content folder receive-only into the
 * inbox, its own send-only folder for health and proof of play), and answers with its own
 * device ID, which mount-stick writes back onto the stick. Nobody types a device ID.
 *
 *   STICK/KIOSK/enrol.json          the order (below)
 *   STICK/KIOSK/enrol.json.minisig  trusted comment "kiosk-enrol group=G seq=N"
 *
 *   {"format": 1,
 *    "content_machine": {"name": "marketing", "device_id": "XXXXXXX-...-XXXXXXX",
 *                        "address": "tcp://192.168.10.5:22000"},
 *    "content_folder": "kiosk-content-akko",
 *    "report_folder_prefix": "kiosk-report-",
 *    "listen": "tcp://0.0.0.0:22000"}           (optional; the default shown)
 *
 * Plain C, no SDL. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "import/minisig.h"

#define ENROL_ORDER_PATH "KIOSK/enrol.json"
#define ENROL_SIGNATURE_PATH "KIOSK/enrol.json.minisig"
#define ENROL_ORDER_MAX (64 * 1024)
#define ENROL_DEVICE_ID_LEN 63 /* 8 groups of 7, 7 dashes */
#define ENROL_FOLDER_MAX 64

struct enrol_order {
    char group[MINISIG_GROUP_MAX + 1];
    uint64_t seq;
    char content_name[65];
    char content_device_id[ENROL_DEVICE_ID_LEN + 1];
    char content_address[256];
    char content_folder[ENROL_FOLDER_MAX + 1];
    char report_folder_prefix[ENROL_FOLDER_MAX + 1];
    char listen[256];
};

/* Reads and verifies STICK's order: signed by a key in keys_dir, trusted comment
 * "kiosk-enrol group=G seq=N" with this kiosk's group, seq higher than the last one taken
 * for that group (STATE/enrol-GROUP.seq), and every field of the JSON as expected. On failure
 * writes one line naming the file (and line and column, or field) and what was expected. */
bool enrol_order_read(const char *stick, const char *keys_dir, const char *group,
                      const char *state_dir, struct enrol_order *out, char *err, size_t errlen);

/* Remembers that group's order seq was taken (STATE/enrol-GROUP.seq, written atomically). */
bool enrol_seq_commit(const char *state_dir, const char *group, uint64_t seq, char *err,
                      size_t errlen);

/* The Syncthing device ID of the certificate HOME/cert.pem, as Syncthing prints it (SHA-256 of
 * the DER certificate, base32, a Luhn check character per 13, dashes every 7). */
bool enrol_device_id(const char *home, char out[ENROL_DEVICE_ID_LEN + 1], char *err, size_t errlen);

/* True when text is a device ID in Syncthing's form with correct check characters. */
bool enrol_device_id_valid(const char *text);

/* True for a folder ID, kiosk name or group that is safe everywhere it goes (XML, paths):
 * letters, digits, '.', '_' and '-', 1 to ENROL_FOLDER_MAX, not "." or "..". */
bool enrol_name_valid(const char *text);

/* True for "tcp://HOST:PORT" (or tcp4://, tcp6://) with nothing that could break out of XML. */
bool enrol_address_valid(const char *text);

struct enrol_paths {
    const char *home;        /* the kiosk's Syncthing home (config.xml, cert.pem, key.pem) */
    const char *inbox_dir;   /* the content folder's path: the player's inbox */
    const char *report_dir;  /* the kiosk's send-only folder: health.json and proof/ */
    const char *kiosk_name;  /* this kiosk's name; its report folder is prefix + name */
    const char *gui_address; /* "127.0.0.1:8384" by default: never on the network */
};

/* Writes HOME/config.xml for the order: local network only (no global discovery, no local
 * broadcasts, no relays, no NAT traversal, no usage reporting, no crash reports, no automatic
 * upgrades), listening where the order says, the content machine at its address, the content
 * folder receive-only into the inbox and the report folder send-only. Atomic. */
bool enrol_write_config(const struct enrol_order *o, const struct enrol_paths *p,
                        const char *own_device_id, char *err, size_t errlen);

/* The answer for the content machine ("kiosk=NAME\ngroup=G\ndevice_id=ID\nreport_folder=F\n
 * content_folder=C\n"), which `kiosk fleet publish-setup` reads; caller frees. */
char *enrol_reply(const struct enrol_order *o, const char *kiosk_name, const char *device_id);
