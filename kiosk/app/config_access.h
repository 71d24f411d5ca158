/* The kiosk.conf keys of accessibility (docs/accessibility.md, docs/configuration.md): how the
 * screen is mounted and the reach range, parsed for the table in config.c. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "access/reach.h"

struct config;

struct config_access {
    double screen_bottom_cm; /* the screen's bottom edge above the floor; 0: not stated */
    enum reach_orientation orientation;
    double reach_min_cm, reach_max_cm;
};

void config_access_defaults(struct config_access *a);
/* The mounting the settings describe (with the screen's size from screen_diagonal_inches or
 * screen_width_mm). */
void config_access_mounting(const struct config *c, struct reach_mounting *out);

bool config_parse_screen_bottom_cm(struct config *c, const char *v, char *err, size_t errlen);
bool config_parse_screen_orientation(struct config *c, const char *v, char *err, size_t errlen);
bool config_parse_reach_min_cm(struct config *c, const char *v, char *err, size_t errlen);
bool config_parse_reach_max_cm(struct config *c, const char *v, char *err, size_t errlen);
