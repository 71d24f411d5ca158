#include "input/staff.h"

#include <stdio.h>
#include <string.h>

static const char *const names[] = {
    [CORNER_TOP_LEFT] = "top-left",
    [CORNER_TOP_RIGHT] = "top-right",
    [CORNER_BOTTOM_LEFT] = "bottom-left",
    [CORNER_BOTTOM_RIGHT] = "bottom-right",
    [CORNER_NONE] = "none",
};

const char *corner_name(enum corner c)
{
    return c <= CORNER_NONE ? names[c] : "none";
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

bool staff_sequence_parse(const char *s, struct staff_sequence *out, char *err, size_t err_size)
{
    struct staff_sequence seq = {.count = 0};
    const char *p = s;
    while (is_blank(*p))
        p++;
    size_t len = strlen(p);
    while (len > 0 && is_blank(p[len - 1]))
        len--;
    if (len == 0) {
        snprintf(err, err_size,
                 "staff gesture \"%s\": empty; expected corners separated by commas, such as "
                 "\"top-left,top-right\", or \"off\"",
                 s);
        return false;
    }
    if (len == 3 && memcmp(p, "off", 3) == 0) {
        *out = seq;
        return true;
    }
    const char *end = p + len;
    size_t step = 0;
    for (;;) {
        const char *comma = memchr(p, ',', (size_t)(end - p));
        const char *stop = comma ? comma : end;
        const char *a = p, *b = stop;
        while (a < b && is_blank(*a))
            a++;
        while (b > a && is_blank(b[-1]))
            b--;
        step++;
        if (a == b) {
            snprintf(err, err_size,
                     "staff gesture \"%s\": step %zu is empty; expected a corner name between "
                     "the commas",
                     s, step);
            return false;
        }
        enum corner c = CORNER_NONE;
        for (int i = 0; i < CORNER_NONE; i++) {
            if ((size_t)(b - a) == strlen(names[i]) && memcmp(a, names[i], (size_t)(b - a)) == 0)
                c = (enum corner)i;
        }
        if (c == CORNER_NONE) {
            snprintf(err, err_size,
                     "staff gesture \"%s\": unknown corner \"%.*s\" (step %zu); expected "
                     "top-left, top-right, bottom-left or bottom-right",
                     s, (int)(b - a), a, step);
            return false;
        }
        if (step > STAFF_MAX_STEPS) {
            snprintf(err, err_size, "staff gesture \"%s\": more than %d steps", s, STAFF_MAX_STEPS);
            return false;
        }
        seq.steps[seq.count++] = c;
        if (!comma)
            break;
        p = comma + 1;
    }
    if (seq.count < 2) {
        snprintf(err, err_size,
                 "staff gesture \"%s\": one step is too easy to hit by chance; expected at "
                 "least 2 corners, such as \"top-left,top-right\"",
                 s);
        return false;
    }
    *out = seq;
    return true;
}

void staff_sequence_format(const struct staff_sequence *seq, char *buf, size_t size)
{
    if (size == 0)
        return;
    buf[0] = '\0';
    if (seq->count == 0) {
        snprintf(buf, size, "off");
        return;
    }
    size_t used = 0;
    for (size_t i = 0; i < seq->count && used < size; i++) {
        int w = snprintf(buf + used, size - used, "%s%s", i ? "," : "", corner_name(seq->steps[i]));
        if (w < 0)
            break;
        used += (size_t)w;
    }
}

void staff_init(struct staff_recognizer *s, const struct staff_sequence *seq, double corner_mm,
                double px_per_mm, int screen_w, int screen_h, int64_t window_ms)
{
    memset(s, 0, sizeof(*s));
    s->seq = *seq;
    s->corner_px = (float)(corner_mm * px_per_mm);
    s->window_ms = window_ms;
    staff_set_screen(s, screen_w, screen_h);
}

void staff_set_screen(struct staff_recognizer *s, int screen_w, int screen_h)
{
    s->screen_w = screen_w;
    s->screen_h = screen_h;
    s->matched = 0;
}

enum corner staff_corner_at(const struct staff_recognizer *s, float x, float y)
{
    bool left = x < s->corner_px, right = x >= s->screen_w - s->corner_px;
    bool top = y < s->corner_px, bottom = y >= s->screen_h - s->corner_px;
    /* On a screen narrower than two squares a point can be in both: the nearer edge wins. */
    if (left && right)
        left = x < s->screen_w / 2.0f, right = !left;
    if (top && bottom)
        top = y < s->screen_h / 2.0f, bottom = !top;
    if (top && left)
        return CORNER_TOP_LEFT;
    if (top && right)
        return CORNER_TOP_RIGHT;
    if (bottom && left)
        return CORNER_BOTTOM_LEFT;
    if (bottom && right)
        return CORNER_BOTTOM_RIGHT;
    return CORNER_NONE;
}

bool staff_feed(struct staff_recognizer *s, const struct gesture *g)
{
    if (s->seq.count == 0)
        return false;
    switch (g->type) {
    case GESTURE_TAP:
    case GESTURE_SWIPE:
        /* Something else was done with the screen: not the staff gesture. */
        s->matched = 0;
        return false;
    case GESTURE_LONG_PRESS:
        break;
    default:
        /* Press, release and cancel come with every long press. */
        return false;
    }
    enum corner c = staff_corner_at(s, g->x, g->y);
    bool in_time = s->matched == 0 || g->t_ms - s->first_ms <= s->window_ms;
    if (!(in_time && c == s->seq.steps[s->matched]))
        s->matched = 0;
    if (c != s->seq.steps[s->matched])
        return false;
    if (s->matched == 0)
        s->first_ms = g->t_ms;
    if (++s->matched < s->seq.count)
        return false;
    s->matched = 0;
    return true;
}
