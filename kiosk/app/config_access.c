#include "app/config_access.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/config.h"

void config_access_defaults(struct config_access *a)
{
    *a = (struct config_access){.reach_min_cm = REACH_DEFAULT_MIN_CM,
                                .reach_max_cm = REACH_DEFAULT_MAX_CM};
}

void config_access_mounting(const struct config *c, struct reach_mounting *out)
{
    *out = (struct reach_mounting){
        .bottom_cm = c->access.screen_bottom_cm,
        .diagonal_in = c->screen_diagonal_inches,
        .width_mm = c->screen_width_mm,
        .orientation = c->access.orientation,
        .min_cm = c->access.reach_min_cm,
        .max_cm = c->access.reach_max_cm,
    };
}

static bool centimetres(const char *v, double lo, double hi, double *out, char *err, size_t errlen)
{
    char *end;
    errno = 0;
    double d = strtod(v, &end);
    if (errno || end == v || *end || !(d >= lo && d <= hi)) {
        snprintf(err, errlen, "expected centimetres above the floor, from %g to %g; found \"%s\"",
                 lo, hi, v);
        return false;
    }
    *out = d;
    return true;
}

bool config_parse_screen_bottom_cm(struct config *c, const char *v, char *err, size_t errlen)
{
    return centimetres(v, 0, 300, &c->access.screen_bottom_cm, err, errlen);
}

bool config_parse_screen_orientation(struct config *c, const char *v, char *err, size_t errlen)
{
    if (!strcmp(v, "auto"))
        c->access.orientation = REACH_ORIENTATION_AUTO;
    else if (!strcmp(v, "landscape"))
        c->access.orientation = REACH_ORIENTATION_LANDSCAPE;
    else if (!strcmp(v, "portrait"))
        c->access.orientation = REACH_ORIENTATION_PORTRAIT;
    else {
        snprintf(err, errlen, "expected landscape, portrait or auto, found \"%s\"", v);
        return false;
    }
    return true;
}

/* The range's ends are checked against each other where they are used (a range upside down is
 * reported by `kiosk check`), so that the keys may come in either order. */
bool config_parse_reach_min_cm(struct config *c, const char *v, char *err, size_t errlen)
{
    return centimetres(v, 0, 250, &c->access.reach_min_cm, err, errlen);
}

bool config_parse_reach_max_cm(struct config *c, const char *v, char *err, size_t errlen)
{
    return centimetres(v, 10, 250, &c->access.reach_max_cm, err, errlen);
}
