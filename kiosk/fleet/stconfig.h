/* Syncthing's config.xml for the fleet (docs/fleet.md), written whole by the kiosk's software on
 * both sides: a kiosk's by `kiosk fleet enrol` (fleet/enrol.h), the content machine's by
 * `kiosk fleet publish-setup`. One writer, so that both keep Syncthing on the local network
 * alike: no global discovery, no local broadcasts, no relays, no NAT traversal, no usage or
 * crash reporting, no automatic upgrades, listening where told, the web interface on
 * 127.0.0.1 unless told otherwise. Every folder is watched (changes go out within a second) and
 * rescanned every minute, with no versioning and nothing ignored.
 *
 * Plain C, no SDL. Strings are escaped for XML here; callers check that IDs and addresses have
 * the forms Syncthing expects. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct stconfig_device {
    const char *id;      /* a device ID (enrol_device_id_valid) */
    const char *name;    /* shown in Syncthing's page */
    const char *address; /* "tcp://HOST:PORT", or NULL for "dynamic": it dials us */
};

struct stconfig_folder {
    const char *id, *label, *path;
    bool send_only;                /* false: receive-only */
    const char *const *device_ids; /* the peers it is shared with (this machine is added) */
    size_t device_count;
};

struct stconfig {
    const char *own_id, *own_name;
    const struct stconfig_device *devices; /* the peers */
    size_t device_count;
    const struct stconfig_folder *folders;
    size_t folder_count;
    const char *listen;      /* "tcp://0.0.0.0:22000" */
    const char *gui_address; /* NULL: "127.0.0.1:8384" */
};

/* The configuration as XML text (caller frees). */
char *stconfig_xml(const struct stconfig *c);

/* Writes DIR/.stignore, unless there is one already, so that Syncthing never sends the
 * temporary files of the kiosk's atomic writes (NAME.tmp-PID: health.json's, kiosk bundle's):
 * they live for a moment, and a copy caught half-written is work for nothing on both sides. */
bool stconfig_write_ignores(const char *dir, char *err, size_t errlen);

/* Writes HOME/config.xml atomically, creating HOME. */
bool stconfig_write(const char *home, const struct stconfig *c, char *err, size_t errlen);
