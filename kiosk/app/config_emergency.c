#include "app/config_emergency.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/config.h"

void config_emergency_defaults(struct config_emergency *e)
{
    *e = (struct config_emergency){
        .active_low = true, .bias = CONTACT_BIAS_AUTO, .debounce_ms = 50, .release_s = 30};
}

static bool whole(const char *v, long lo, long hi, long *out, char *err, size_t errlen)
{
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || end == v || *end || n < lo || n > hi) {
        snprintf(err, errlen, "expected a whole number from %ld to %ld, found \"%s\"", lo, hi, v);
        return false;
    }
    *out = n;
    return true;
}

bool config_parse_emergency_gpio_chip(struct config *c, const char *v, char *err, size_t errlen)
{
    size_t n = strlen(v);
    bool ok = n < sizeof c->emergency.gpio_chip;
    for (size_t i = 0; ok && i < n; i++)
        ok = v[i] > ' ' && v[i] != 0x7f;
    if (!ok) {
        snprintf(err, errlen,
                 "expected a GPIO chip such as gpiochip0 (as gpiodetect lists them), or "
                 "nothing for no dry contact; found \"%s\"",
                 v);
        return false;
    }
    memcpy(c->emergency.gpio_chip, v, n + 1);
    return true;
}

bool config_parse_emergency_gpio_line(struct config *c, const char *v, char *err, size_t errlen)
{
    long n;
    if (!whole(v, 0, 1023, &n, err, errlen))
        return false;
    c->emergency.gpio_line = (unsigned)n;
    return true;
}

bool config_parse_emergency_gpio_active(struct config *c, const char *v, char *err, size_t errlen)
{
    if (!strcmp(v, "low") || !strcmp(v, "high")) {
        c->emergency.active_low = !strcmp(v, "low");
        return true;
    }
    snprintf(err, errlen,
             "expected low (the contact pulls the line to ground when the alarm is on) or high, "
             "found \"%s\"",
             v);
    return false;
}

bool config_parse_emergency_gpio_bias(struct config *c, const char *v, char *err, size_t errlen)
{
    static const char *const names[] = {"auto", "pull-up", "pull-down", "none"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (!strcmp(v, names[i])) {
            c->emergency.bias = (enum contact_bias)i;
            return true;
        }
    }
    snprintf(err, errlen, "expected auto, pull-up, pull-down or none, found \"%s\"", v);
    return false;
}

bool config_parse_emergency_debounce_ms(struct config *c, const char *v, char *err, size_t errlen)
{
    long n;
    if (!whole(v, 0, 2000, &n, err, errlen))
        return false;
    c->emergency.debounce_ms = (int)n;
    return true;
}

bool config_parse_emergency_release(struct config *c, const char *v, char *err, size_t errlen)
{
    long n;
    if (!whole(v, 0, 3600, &n, err, errlen))
        return false;
    c->emergency.release_s = (int)n;
    return true;
}
