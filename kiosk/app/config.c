#define LOG_MODULE "config"
#include "app/config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"

void config_defaults(struct config *c)
{
    c->allow_quit = true;
    c->max_image_pixels = 40000000;
    c->texture_cache_size = 2;
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    return s;
}

static bool parse_bool(const char *v, bool *out)
{
    if (!strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "1")) {
        *out = true;
        return true;
    }
    if (!strcmp(v, "false") || !strcmp(v, "no") || !strcmp(v, "0")) {
        *out = false;
        return true;
    }
    return false;
}

static bool parse_int(const char *v, int64_t lo, int64_t hi, int64_t *out)
{
    char *end;
    errno = 0;
    long long n = strtoll(v, &end, 10);
    if (errno || end == v || *end || n < lo || n > hi)
        return false;
    *out = n;
    return true;
}

bool config_load(struct config *c, const char *path, bool optional)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        if (optional && errno == ENOENT)
            return true;
        LOG_ERR("%s: cannot open: %s", path, strerror(errno));
        return false;
    }
    bool ok = true;
    char line[512];
    for (int lineno = 1; fgets(line, sizeof(line), f); lineno++) {
        char *s = trim(line);
        if (*s == '\0' || *s == '#')
            continue;
        char *eq = strchr(s, '=');
        if (!eq) {
            LOG_ERR("%s:%d: expected \"key = value\", found \"%s\"", path, lineno, s);
            ok = false;
            continue;
        }
        *eq = '\0';
        char *key = trim(s), *val = trim(eq + 1);
        int64_t n;
        if (!strcmp(key, "allow_quit")) {
            if (!parse_bool(val, &c->allow_quit)) {
                LOG_ERR("%s:%d: allow_quit: expected true or false, found \"%s\"", path, lineno,
                        val);
                ok = false;
            }
        } else if (!strcmp(key, "max_image_pixels")) {
            if (parse_int(val, 1000000, 400000000, &n)) {
                c->max_image_pixels = n;
            } else {
                LOG_ERR("%s:%d: max_image_pixels: expected a whole number from 1000000 to "
                        "400000000, found \"%s\"",
                        path, lineno, val);
                ok = false;
            }
        } else if (!strcmp(key, "texture_cache_size")) {
            if (parse_int(val, 2, 32, &n)) {
                c->texture_cache_size = (int)n;
            } else {
                LOG_ERR("%s:%d: texture_cache_size: expected a whole number from 2 to 32, "
                        "found \"%s\"",
                        path, lineno, val);
                ok = false;
            }
        } else {
            LOG_ERR("%s:%d: unknown key \"%s\"; expected one of: allow_quit, max_image_pixels, "
                    "texture_cache_size",
                    path, lineno, key);
            ok = false;
        }
    }
    fclose(f);
    return ok;
}
