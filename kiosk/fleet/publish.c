#include "fleet/publish.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/file.h"
#include "base/xmalloc.h"
#include "fleet/stconfig.h"

#define ANSWER_MAX 4096

bool publish_answer_read(const char *path, struct publish_kiosk *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    char *text = NULL;
    size_t size = 0;
    if (!file_read_all(path, ANSWER_MAX, &text, &size, err, errlen))
        return false;
    struct {
        const char *key;
        char *value;
        size_t cap;
    } keys[] = {
        {"kiosk", out->name, sizeof out->name},
        {"group", out->group, sizeof out->group},
        {"device_id", out->device_id, sizeof out->device_id},
        {"report_folder", out->report_folder, sizeof out->report_folder},
        {"content_folder", out->content_folder, sizeof out->content_folder},
    };
    enum { NKEYS = sizeof keys / sizeof keys[0] };
    bool ok = false;
    int line = 0;
    for (char *p = text, *next; p < text + size; p = next) {
        line++;
        char *end = memchr(p, '\n', (size_t)(text + size - p));
        next = end ? end + 1 : text + size;
        if (!end)
            end = text + size;
        if (end > p && end[-1] == '\r')
            end--;
        *end = '\0';
        char *eq = strchr(p, '=');
        if (!*p)
            continue;
        if (!eq) {
            snprintf(err, errlen, "%s:%d: expected KEY=VALUE, not \"%.60s\"", path, line, p);
            goto out;
        }
        *eq = '\0';
        for (size_t i = 0; i < NKEYS; i++) {
            if (strcmp(p, keys[i].key) != 0)
                continue;
            if (strlen(eq + 1) >= keys[i].cap) {
                snprintf(err, errlen, "%s:%d: %s is too long", path, line, p);
                goto out;
            }
            snprintf(keys[i].value, keys[i].cap, "%s", eq + 1);
        }
        /* Other keys: a newer kiosk may say more; what is needed here is checked below. */
    }
    if (!out->content_folder[0] && out->group[0])
        snprintf(out->content_folder, sizeof out->content_folder, "kiosk-content-%.50s",
                 out->group);
    for (size_t i = 0; i < NKEYS; i++) {
        bool id = keys[i].value == out->device_id;
        if (!(id ? enrol_device_id_valid(keys[i].value) : enrol_name_valid(keys[i].value))) {
            snprintf(err, errlen, "%s: %s: expected %s, not \"%s\"", path, keys[i].key,
                     id ? "a Syncthing device ID (XXXXXXX-XXXXXXX-..., check characters correct)"
                        : "letters, digits, '.', '_' and '-' (1 to 64)",
                     keys[i].value);
            goto out;
        }
    }
    ok = true;
out:
    free(text);
    return ok;
}

static void copy_str(json_t *o, const char *key, char *out, size_t cap)
{
    json_t *v = json_object_get(o, key);
    if (json_is_string(v) && json_string_length(v) < cap)
        snprintf(out, cap, "%s", json_string_value(v));
}

bool publish_load(const char *home, struct publish_setup *s, char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    snprintf(s->name, sizeof s->name, "content-machine");
    snprintf(s->listen, sizeof s->listen, "tcp://0.0.0.0:22000");
    snprintf(s->gui, sizeof s->gui, "127.0.0.1:8384");
    char *path = file_join(home, PUBLISH_REGISTRY);
    FILE *f = fopen(path, "r");
    if (!f) {
        free(path);
        return true; /* the first time */
    }
    fclose(f);
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    bool ok = false;
    json_t *kiosks = root ? json_object_get(root, "kiosks") : NULL;
    if (!root || !json_is_object(root) || !json_is_array(kiosks)) {
        snprintf(err, errlen, "%s:%d:%d: %s", path, je.line, je.column,
                 root ? "expected an object with \"kiosks\": [...]" : je.text);
        goto out;
    }
    copy_str(root, "name", s->name, sizeof s->name);
    copy_str(root, "publish", s->publish_dir, sizeof s->publish_dir);
    copy_str(root, "fleet", s->fleet_dir, sizeof s->fleet_dir);
    copy_str(root, "listen", s->listen, sizeof s->listen);
    copy_str(root, "gui", s->gui, sizeof s->gui);
    size_t i;
    json_t *k;
    json_array_foreach(kiosks, i, k)
    {
        struct publish_kiosk pk = {0};
        copy_str(k, "kiosk", pk.name, sizeof pk.name);
        copy_str(k, "group", pk.group, sizeof pk.group);
        copy_str(k, "device_id", pk.device_id, sizeof pk.device_id);
        copy_str(k, "report_folder", pk.report_folder, sizeof pk.report_folder);
        copy_str(k, "content_folder", pk.content_folder, sizeof pk.content_folder);
        if (!enrol_name_valid(pk.name) || !enrol_name_valid(pk.group) ||
            !enrol_device_id_valid(pk.device_id) || !enrol_name_valid(pk.report_folder) ||
            !enrol_name_valid(pk.content_folder)) {
            snprintf(err, errlen,
                     "%s: kiosks[%zu]: expected \"kiosk\", \"group\", \"device_id\", "
                     "\"report_folder\" and \"content_folder\" as an answer has them",
                     path, i);
            goto out;
        }
        if (!publish_add(s, &pk)) {
            snprintf(err, errlen, "%s: more than %d kiosks", path, PUBLISH_MAX_KIOSKS);
            goto out;
        }
    }
    ok = true;
out:
    json_decref(root);
    free(path);
    return ok;
}

bool publish_add(struct publish_setup *s, const struct publish_kiosk *k)
{
    for (size_t i = 0; i < s->count; i++) {
        if (!strcmp(s->kiosks[i].name, k->name)) {
            s->kiosks[i] = *k;
            return true;
        }
    }
    if (s->count >= PUBLISH_MAX_KIOSKS)
        return false;
    s->kiosks = xrealloc(s->kiosks, (s->count + 1) * sizeof *s->kiosks);
    s->kiosks[s->count++] = *k;
    return true;
}

static bool save_registry(const char *home, const struct publish_setup *s, char *err, size_t errlen)
{
    json_t *root = json_object(), *list = json_array();
    json_object_set_new(root, "format", json_integer(1));
    json_object_set_new(root, "name", json_string(s->name));
    json_object_set_new(root, "publish", json_string(s->publish_dir));
    json_object_set_new(root, "fleet", json_string(s->fleet_dir));
    json_object_set_new(root, "listen", json_string(s->listen));
    json_object_set_new(root, "gui", json_string(s->gui));
    for (size_t i = 0; i < s->count; i++) {
        const struct publish_kiosk *k = &s->kiosks[i];
        json_t *o = json_object();
        json_object_set_new(o, "kiosk", json_string(k->name));
        json_object_set_new(o, "group", json_string(k->group));
        json_object_set_new(o, "device_id", json_string(k->device_id));
        json_object_set_new(o, "report_folder", json_string(k->report_folder));
        json_object_set_new(o, "content_folder", json_string(k->content_folder));
        json_array_append_new(list, o);
    }
    json_object_set_new(root, "kiosks", list);
    char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (!text) {
        snprintf(err, errlen, "cannot build %s", PUBLISH_REGISTRY);
        return false;
    }
    char *path = file_join(home, PUBLISH_REGISTRY);
    bool ok = file_write_atomic(path, text, strlen(text), err, errlen);
    free(path);
    free(text);
    return ok;
}

bool publish_save(const char *home, const struct publish_setup *s, const char *own_id, char *err,
                  size_t errlen)
{
    err[0] = '\0';
    size_t n = s->count;
    struct stconfig_device *devices = xcalloc(n ? n : 1, sizeof *devices);
    /* At most one folder per kiosk for content (kiosks of a group share theirs) and one each
     * for reports. */
    struct stconfig_folder *folders = xcalloc(2 * n + 1, sizeof *folders);
    const char **peers = xcalloc(n ? n : 1, sizeof *peers);
    const char **single = xcalloc(n ? n : 1, sizeof *single); /* each report folder's kiosk */
    char **owned = xcalloc(4 * n + 1, sizeof *owned);
    size_t nf = 0, no = 0, np = 0;
    bool ok = false;
    for (size_t i = 0; i < n; i++) {
        const struct publish_kiosk *k = &s->kiosks[i];
        devices[i] = (struct stconfig_device){k->device_id, k->name, NULL};
        for (size_t j = 0; j < i; j++) {
            const struct publish_kiosk *o = &s->kiosks[j];
            if (!strcmp(o->group, k->group) != !strcmp(o->content_folder, k->content_folder)) {
                /* One folder per group: two IDs for one path, or one ID for two groups, would
                 * make Syncthing refuse the folder or send a group another's bundles. */
                snprintf(err, errlen,
                         "kiosks %s (group %s, folder %s) and %s (group %s, folder %s) do not "
                         "agree: a group's kiosks take one content folder, enrolled with one "
                         "order",
                         o->name, o->group, o->content_folder, k->name, k->group,
                         k->content_folder);
                goto out;
            }
        }
        /* The group's folder, once, with every kiosk that takes it (same folder ID). */
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = !strcmp(s->kiosks[j].content_folder, k->content_folder);
        if (seen)
            continue;
        size_t first = np;
        for (size_t j = i; j < n; j++)
            if (!strcmp(s->kiosks[j].content_folder, k->content_folder))
                peers[np++] = s->kiosks[j].device_id;
        char *path = file_join(s->publish_dir, k->group);
        char *label = xasprintf("content %s", k->group);
        owned[no++] = path;
        owned[no++] = label;
        folders[nf++] = (struct stconfig_folder){k->content_folder, label,     path, true,
                                                 peers + first,     np - first};
        if (!file_mkdir_p(path)) {
            snprintf(err, errlen, "cannot create %s", path);
            goto out;
        }
        if (!stconfig_write_ignores(path, err, errlen))
            goto out;
    }
    for (size_t i = 0; i < n; i++) {
        const struct publish_kiosk *k = &s->kiosks[i];
        char *path = file_join(s->fleet_dir, k->name);
        char *label = xasprintf("report %s", k->name);
        owned[no++] = path;
        owned[no++] = label;
        single[i] = k->device_id;
        folders[nf++] =
            (struct stconfig_folder){k->report_folder, label, path, false, &single[i], 1};
        if (!file_mkdir_p(path)) {
            snprintf(err, errlen, "cannot create %s", path);
            goto out;
        }
    }
    struct stconfig c = {.own_id = own_id,
                         .own_name = s->name,
                         .devices = devices,
                         .device_count = n,
                         .folders = folders,
                         .folder_count = nf,
                         .listen = s->listen,
                         .gui_address = s->gui};
    ok = save_registry(home, s, err, errlen) && stconfig_write(home, &c, err, errlen);
out:
    for (size_t i = 0; i < no; i++)
        free(owned[i]);
    free(owned);
    free(single);
    free(peers);
    free(folders);
    free(devices);
    return ok;
}

void publish_free(struct publish_setup *s)
{
    free(s->kiosks);
    s->kiosks = NULL;
    s->count = 0;
}
