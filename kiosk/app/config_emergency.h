/* The kiosk.conf keys of emergency mode's dry contact (docs/configuration.md, docs/emergency.md),
 * parsed for the table in config.c. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "emergency/contact.h"

struct config;

struct config_emergency {
    char gpio_chip[64]; /* "gpiochip0", "/dev/gpiochip0" or "0"; "": no dry contact */
    unsigned gpio_line; /* the line's offset on the chip (the BCM number on a Pi) */
    bool active_low;    /* the contact pulls the line low when the alarm is on */
    enum contact_bias bias;
    int debounce_ms; /* a level counts once it has stayed this long */
    int release_s;   /* released this long: the emergency ends */
};

void config_emergency_defaults(struct config_emergency *e);

bool config_parse_emergency_gpio_chip(struct config *c, const char *v, char *err, size_t errlen);
bool config_parse_emergency_gpio_line(struct config *c, const char *v, char *err, size_t errlen);
bool config_parse_emergency_gpio_active(struct config *c, const char *v, char *err, size_t errlen);
bool config_parse_emergency_gpio_bias(struct config *c, const char *v, char *err, size_t errlen);
bool config_parse_emergency_debounce_ms(struct config *c, const char *v, char *err, size_t errlen);
bool config_parse_emergency_release(struct config *c, const char *v, char *err, size_t errlen);
