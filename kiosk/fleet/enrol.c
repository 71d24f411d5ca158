#define LOG_MODULE "enrol"
#include "fleet/enrol.h"

#include <ctype.h>
#include <inttypes.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/file.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "fleet/stconfig.h"
#include "import/signed_order.h"

static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/* Syncthing's Luhn mod 32 check character over 13 base32 characters. */
static char luhn32(const char *s, size_t n)
{
    int factor = 1, sum = 0;
    for (size_t i = 0; i < n; i++) {
        const char *c = strchr(b32, s[i]);
        int addend = factor * (int)(c - b32);
        factor = factor == 2 ? 1 : 2;
        sum += addend / 32 + addend % 32;
    }
    return b32[(32 - sum % 32) % 32];
}

bool enrol_device_id_valid(const char *text)
{
    if (strlen(text) != ENROL_DEVICE_ID_LEN)
        return false;
    char plain[56];
    size_t n = 0;
    for (size_t i = 0; i < ENROL_DEVICE_ID_LEN; i++) {
        if (i % 8 == 7) {
            if (text[i] != '-')
                return false;
            continue;
        }
        if (!text[i] || !strchr(b32, text[i]))
            return false;
        plain[n++] = text[i];
    }
    for (int g = 0; g < 4; g++)
        if (luhn32(plain + g * 14, 13) != plain[g * 14 + 13])
            return false;
    return true;
}

bool enrol_device_id(const char *home, char out[ENROL_DEVICE_ID_LEN + 1], char *err, size_t errlen)
{
    char *path = file_join(home, "cert.pem"), *pem = NULL;
    size_t size = 0;
    bool ok = false;
    if (!file_read_all(path, 64 * 1024, &pem, &size, err, errlen))
        goto out;
    static const char begin[] = "-----BEGIN CERTIFICATE-----", end[] = "-----END CERTIFICATE-----";
    char *b = strstr(pem, begin), *e = b ? strstr(b, end) : NULL;
    if (!b || !e) {
        snprintf(err, errlen, "%s: expected a PEM certificate (\"%s\")", path, begin);
        goto out;
    }
    b += strlen(begin);
    unsigned char *der = xmalloc(size);
    size_t der_len = 0;
    if (sodium_base642bin(der, size, b, (size_t)(e - b), "\r\n", &der_len, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0) {
        snprintf(err, errlen, "%s: the certificate is not valid base64", path);
        free(der);
        goto out;
    }
    unsigned char hash[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(hash, der, der_len);
    free(der);
    /* 32 bytes in base32: 52 characters without padding. */
    char plain[52];
    uint32_t acc = 0;
    int bits = 0;
    size_t n = 0;
    for (size_t i = 0; i < sizeof hash; i++) {
        acc = (acc << 8) | hash[i];
        bits += 8;
        while (bits >= 5) {
            plain[n++] = b32[(acc >> (bits - 5)) & 31];
            bits -= 5;
        }
    }
    if (bits > 0)
        plain[n++] = b32[(acc << (5 - bits)) & 31];
    char with_check[56];
    for (int g = 0; g < 4; g++) {
        memcpy(with_check + g * 14, plain + g * 13, 13);
        with_check[g * 14 + 13] = luhn32(plain + g * 13, 13);
    }
    size_t o = 0;
    for (int i = 0; i < 56; i++) {
        if (i && i % 7 == 0)
            out[o++] = '-';
        out[o++] = with_check[i];
    }
    out[o] = '\0';
    ok = true;
out:
    free(pem);
    free(path);
    return ok;
}

/* STATE/enrol-GROUP.seq: one count per group, so that a kiosk moved to another group takes
 * that group's orders, whose numbers have nothing to do with its old group's. */
static char *seq_name(const char *group)
{
    return xasprintf("enrol-%s.seq", group);
}

bool enrol_seq_commit(const char *state_dir, const char *group, uint64_t seq, char *err,
                      size_t errlen)
{
    char *name = seq_name(group);
    bool ok = signed_order_seq_commit(state_dir, name, seq, err, errlen);
    free(name);
    return ok;
}

static bool folder_id_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > ENROL_FOLDER_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)s[i]) && !strchr("._-", s[i]))
            return false;
    return true;
}

/* "tcp://HOST:PORT" (or tcp4/tcp6, or "dynamic" for the content machine's address): nothing
 * that could break out of the XML it goes into. */
static bool address_ok(const char *s, bool allow_dynamic)
{
    if (allow_dynamic && !strcmp(s, "dynamic"))
        return false; /* an enrolled kiosk never looks its content machine up */
    const char *p = !strncmp(s, "tcp://", 6)    ? s + 6
                    : !strncmp(s, "tcp4://", 7) ? s + 7
                    : !strncmp(s, "tcp6://", 7) ? s + 7
                                                : NULL;
    if (!p || !*p || strlen(s) > 200)
        return false;
    const char *colon = strrchr(p, ':');
    if (!colon || colon == p || !colon[1])
        return false;
    for (const char *c = p; *c; c++)
        if (!isalnum((unsigned char)*c) && !strchr(".-:[]", *c))
            return false;
    for (const char *c = colon + 1; *c; c++)
        if (!isdigit((unsigned char)*c))
            return false;
    return atoi(colon + 1) > 0 && atoi(colon + 1) < 65536;
}

bool enrol_name_valid(const char *text)
{
    return folder_id_ok(text) && strcmp(text, ".") != 0 && strcmp(text, "..") != 0;
}

bool enrol_address_valid(const char *text)
{
    return address_ok(text, false);
}

static bool field(json_t *o, const char *key, char *out, size_t cap, const char *path,
                  const char *what, char *err, size_t errlen)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_string(v) || json_string_length(v) == 0 || json_string_length(v) >= cap) {
        snprintf(err, errlen, "%s: field \"%s\": expected %s", path, key, what);
        return false;
    }
    snprintf(out, cap, "%s", json_string_value(v));
    return true;
}

bool enrol_order_read(const char *stick, const char *keys_dir, const char *group,
                      const char *state_dir, struct enrol_order *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    char *opath = file_join(stick, ENROL_ORDER_PATH);
    char *spath = file_join(stick, ENROL_SIGNATURE_PATH);
    char *order = NULL;
    size_t osize = 0;
    char *comment = xmalloc(MINISIG_COMMENT_MAX + 1);
    json_t *root = NULL;
    bool ok = false;
    if (!signed_order_read(opath, spath, ENROL_ORDER_MAX, keys_dir, &order, &osize, comment, err,
                           errlen))
        goto out;
    struct minisig_enrol_info info;
    if (!minisig_enrol_info_parse(comment, &info, err, errlen))
        goto out;
    if (strcmp(info.group, group) != 0) {
        snprintf(err, errlen, "%s: the order is for group \"%s\", this kiosk is in \"%s\"", spath,
                 info.group, group);
        goto out;
    }
    char *name = seq_name(info.group);
    uint64_t last = signed_order_seq_last(state_dir, name);
    free(name);
    if (last && info.seq <= last) {
        snprintf(err, errlen,
                 "%s: seq=%" PRIu64 " is not newer than the order this kiosk "
                 "already took (seq=%" PRIu64 ")",
                 spath, info.seq, last);
        goto out;
    }
    out->seq = info.seq;
    snprintf(out->group, sizeof out->group, "%s", info.group);
    json_error_t je;
    root = json_loadb(order, osize, 0, &je);
    if (!root || !json_is_object(root)) {
        snprintf(err, errlen, "%s:%d:%d: %s", opath, je.line, je.column,
                 root ? "expected an object" : je.text);
        goto out;
    }
    json_t *format = json_object_get(root, "format");
    if (!json_is_integer(format) || json_integer_value(format) != 1) {
        snprintf(err, errlen, "%s: field \"format\": expected 1", opath);
        goto out;
    }
    json_t *cm = json_object_get(root, "content_machine");
    if (!json_is_object(cm)) {
        snprintf(err, errlen,
                 "%s: field \"content_machine\": expected an object with "
                 "\"name\", \"device_id\" and \"address\"",
                 opath);
        goto out;
    }
    if (!field(cm, "name", out->content_name, sizeof out->content_name, opath,
               "the content machine's name (1 to 64 bytes)", err, errlen) ||
        !field(cm, "device_id", out->content_device_id, sizeof out->content_device_id, opath,
               "a Syncthing device ID (XXXXXXX-XXXXXXX-... as Syncthing shows it)", err, errlen) ||
        !field(cm, "address", out->content_address, sizeof out->content_address, opath,
               "an address such as tcp://192.168.10.5:22000", err, errlen) ||
        !field(root, "content_folder", out->content_folder, sizeof out->content_folder, opath,
               "a Syncthing folder ID (letters, digits, '.', '_', '-')", err, errlen) ||
        !field(root, "report_folder_prefix", out->report_folder_prefix,
               sizeof out->report_folder_prefix, opath,
               "the start of the kiosks' report folder IDs, such as \"kiosk-report-\"", err,
               errlen))
        goto out;
    if (!enrol_device_id_valid(out->content_device_id)) {
        snprintf(err, errlen,
                 "%s: field \"device_id\": \"%s\" is not a Syncthing device ID "
                 "(8 groups of 7 letters A-Z and digits 2-7, with correct check characters)",
                 opath, out->content_device_id);
        goto out;
    }
    if (!address_ok(out->content_address, true)) {
        snprintf(err, errlen, "%s: field \"address\": expected tcp://HOST:PORT, not \"%s\"", opath,
                 out->content_address);
        goto out;
    }
    if (!folder_id_ok(out->content_folder) || !folder_id_ok(out->report_folder_prefix)) {
        snprintf(err, errlen,
                 "%s: folder IDs may hold only letters, digits, '.', '_' and '-' "
                 "(1 to %d)",
                 opath, ENROL_FOLDER_MAX);
        goto out;
    }
    for (const char *c = out->content_name; *c; c++) {
        if (!isalnum((unsigned char)*c) && !strchr(" ._-", *c)) {
            snprintf(err, errlen,
                     "%s: field \"name\": letters, digits, spaces, '.', '_' and "
                     "'-' only",
                     opath);
            goto out;
        }
    }
    json_t *listen = json_object_get(root, "listen");
    snprintf(out->listen, sizeof out->listen, "%s",
             json_is_string(listen) ? json_string_value(listen) : "tcp://0.0.0.0:22000");
    if (!address_ok(out->listen, false)) {
        snprintf(err, errlen, "%s: field \"listen\": expected tcp://ADDRESS:PORT, not \"%s\"",
                 opath, out->listen);
        goto out;
    }
    ok = true;
out:
    json_decref(root);
    free(comment);
    free(order);
    free(opath);
    free(spath);
    return ok;
}

char *enrol_reply(const struct enrol_order *o, const char *kiosk_name, const char *device_id)
{
    return xasprintf("kiosk=%s\ngroup=%s\ndevice_id=%s\nreport_folder=%s%s\ncontent_folder=%s\n",
                     kiosk_name, o->group, device_id, o->report_folder_prefix, kiosk_name,
                     o->content_folder);
}

bool enrol_write_config(const struct enrol_order *o, const struct enrol_paths *p,
                        const char *own_device_id, char *err, size_t errlen)
{
    /* The content machine, at its address; the group's folder receive-only into the inbox (a
     * file written there by hand is never sent back); the kiosk's own folder send-only. */
    const char *peer[] = {o->content_device_id};
    struct stconfig_device cm = {o->content_device_id, o->content_name, o->content_address};
    char *content_label = xasprintf("content %s", o->group);
    char *report_id = xasprintf("%s%s", o->report_folder_prefix, p->kiosk_name);
    char *report_label = xasprintf("report %s", p->kiosk_name);
    struct stconfig_folder folders[] = {
        {o->content_folder, content_label, p->inbox_dir, false, peer, 1},
        {report_id, report_label, p->report_dir, true, peer, 1},
    };
    struct stconfig c = {.own_id = own_device_id,
                         .own_name = p->kiosk_name,
                         .devices = &cm,
                         .device_count = 1,
                         .folders = folders,
                         .folder_count = 2,
                         .listen = o->listen,
                         .gui_address = p->gui_address};
    err[0] = '\0';
    bool ok = file_mkdir_p(p->inbox_dir) && file_mkdir_p(p->report_dir) &&
              stconfig_write_ignores(p->report_dir, err, errlen) &&
              stconfig_write(p->home, &c, err, errlen);
    if (!ok && !err[0])
        snprintf(err, errlen, "cannot create %s or %s", p->inbox_dir, p->report_dir);
    free(content_label);
    free(report_id);
    free(report_label);
    return ok;
}
