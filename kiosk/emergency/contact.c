#define LOG_MODULE "contact"
#include "emergency/contact.h"

#include <errno.h>
#include <gpiod.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/xmalloc.h"

void contact_init(struct contact *c, const struct contact_settings *s)
{
    *c = (struct contact){.s = *s, .stable = -1, .candidate = -1, .released_ms = -1};
}

bool contact_update(struct contact *c, int level, int64_t now_ms)
{
    int active = (level != 0) != c->s.active_low;
    if (active != c->candidate) {
        c->candidate = active;
        c->candidate_ms = now_ms;
    }
    /* At start-up the first reading is taken as it is: a line already active when the player
     * starts is an alarm going on, not a bounce. */
    if (c->stable < 0 || (active != c->stable && now_ms - c->candidate_ms >= c->s.debounce_ms)) {
        if (c->stable == 1 && active == 0)
            c->released_ms = c->candidate_ms;
        c->stable = active;
    }
    if (c->stable == 1) {
        c->on = true;
        c->released_ms = -1;
    } else if (c->on && c->released_ms >= 0 && now_ms - c->released_ms >= c->s.release_ms) {
        c->on = false;
        c->released_ms = -1;
    }
    return c->on;
}

int64_t contact_ms_until_due(const struct contact *c, int64_t now_ms)
{
    int64_t t = INT64_MAX;
    if (c->stable >= 0 && c->candidate != c->stable)
        t = c->candidate_ms + c->s.debounce_ms - now_ms;
    if (c->on && c->released_ms >= 0 && c->released_ms + c->s.release_ms - now_ms < t)
        t = c->released_ms + c->s.release_ms - now_ms;
    return t == INT64_MAX ? -1 : t < 0 ? 0 : t;
}

struct gpiod_source {
    struct gpiod_chip *chip;
    struct gpiod_line *line;
};

static bool gpiod_read(void *data, int *level)
{
    struct gpiod_source *g = data;
    int v = gpiod_line_get_value(g->line);
    if (v < 0)
        return false;
    *level = v;
    return true;
}

static void gpiod_close(void *data)
{
    struct gpiod_source *g = data;
    gpiod_line_release(g->line);
    gpiod_chip_close(g->chip);
    free(g);
}

bool line_source_open_gpiod(const char *chip, unsigned line, bool active_low,
                            enum contact_bias bias, struct line_source *out, char *err,
                            size_t errlen)
{
    /* gpiod_chip_open_lookup takes a name, a path or a number, as the gpiod tools do. */
    struct gpiod_chip *ch = gpiod_chip_open_lookup(chip);
    if (!ch) {
        snprintf(err, errlen, "GPIO chip \"%s\": %s", chip, strerror(errno));
        return false;
    }
    struct gpiod_line *l = gpiod_chip_get_line(ch, line);
    if (!l) {
        snprintf(err, errlen, "GPIO chip \"%s\" line %u: %s (the chip has %u lines)", chip, line,
                 strerror(errno), gpiod_chip_num_lines(ch));
        gpiod_chip_close(ch);
        return false;
    }
    if (bias == CONTACT_BIAS_AUTO)
        bias = active_low ? CONTACT_BIAS_PULL_UP : CONTACT_BIAS_PULL_DOWN;
    int flags = bias == CONTACT_BIAS_PULL_UP     ? GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_UP
                : bias == CONTACT_BIAS_PULL_DOWN ? GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_DOWN
                                                 : GPIOD_LINE_REQUEST_FLAG_BIAS_DISABLE;
    if (gpiod_line_request_input_flags(l, "kiosk", flags) != 0) {
        snprintf(err, errlen, "GPIO chip \"%s\" line %u: cannot read it as an input: %s%s", chip,
                 line, strerror(errno), errno == EBUSY ? " (another program holds the line)" : "");
        gpiod_chip_close(ch);
        return false;
    }
    struct gpiod_source *g = xmalloc(sizeof *g);
    g->chip = ch;
    g->line = l;
    *out = (struct line_source){gpiod_read, gpiod_close, g};
    return true;
}
