#define LOG_MODULE "script"
#include "app/script.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "base/log.h"
#include "base/xmalloc.h"

enum step_kind {
    STEP_DOWN,
    STEP_MOVE,
    STEP_UP,
    STEP_TAP_BUTTON,
    STEP_EXPECT_VIEW,
    STEP_EXPECT_LANG,
    STEP_EXPECT_PIXEL,
    STEP_SHOT,
    STEP_QUIT,
};

struct step {
    int64_t at_ms;
    enum step_kind kind;
    float x, y;
    char arg[256]; /* page, language, button id or file */
    uint8_t rgb[3];
    int tolerance;
    int line;
};

struct script {
    char *path;
    struct step *steps;
    size_t count, capacity, next;
    int passed, failed;
};

static struct step *add(struct script *s, int64_t at_ms, enum step_kind kind, int line)
{
    s->steps = xgrow(s->steps, &s->capacity, s->count + 1, sizeof *s->steps);
    struct step *st = &s->steps[s->count++];
    memset(st, 0, sizeof *st);
    st->at_ms = at_ms;
    st->kind = kind;
    st->line = line;
    return st;
}

static void add_point(struct script *s, int64_t at, enum step_kind k, float x, float y, int line)
{
    struct step *st = add(s, at, k, line);
    st->x = x;
    st->y = y;
}

/* A stroke from (x0, y0) to (x1, y1) over ms, in six moves. */
static void add_stroke(struct script *s, int64_t at, float x0, float y0, float x1, float y1,
                       int64_t ms, int line)
{
    add_point(s, at, STEP_DOWN, x0, y0, line);
    for (int i = 1; i <= 6; i++)
        add_point(s, at + ms * i / 6, STEP_MOVE, x0 + (x1 - x0) * i / 6, y0 + (y1 - y0) * i / 6,
                  line);
    add_point(s, at + ms, STEP_UP, x1, y1, line);
}

static int by_time(const void *a, const void *b)
{
    const struct step *x = a, *y = b;
    if (x->at_ms != y->at_ms)
        return x->at_ms < y->at_ms ? -1 : 1;
    return x->line - y->line; /* stable within one moment: the order written */
}

/* A comment starts with "#" at the start of the line or after a blank, unless it is a colour
 * ("#0b2540": six hex digits, then a blank or the end). */
static void strip_comment(char *line)
{
    for (char *h = strchr(line, '#'); h; h = strchr(h + 1, '#')) {
        if (h != line && h[-1] != ' ' && h[-1] != '\t')
            continue;
        size_t hex = strspn(h + 1, "0123456789abcdefABCDEF");
        bool colour = hex == 6 && (h[7] == '\0' || h[7] == ' ' || h[7] == '\t');
        if (!colour) {
            *h = '\0';
            return;
        }
    }
}

static bool parse_line(struct script *s, char *line, int n, char *err, size_t errlen)
{
    strip_comment(line);
    char word[32], cmd[32];
    double t;
    int used = 0;
    if (sscanf(line, " %31s%n", word, &used) != 1)
        return true; /* blank */
    if (strcmp(word, "at") != 0 || sscanf(line + used, " %lf %31s%n", &t, cmd, &used) != 2 ||
        t < 0) {
        snprintf(err, errlen, "%s:%d: expected \"at SECONDS COMMAND ...\"", s->path, n);
        return false;
    }
    char *rest = line + strlen(word) + 1;
    rest = strstr(rest, cmd) + strlen(cmd);
    int64_t at = (int64_t)(t * 1000 + 0.5);
    float x, y;
    char a[256];
    if (!strcmp(cmd, "tap") && sscanf(rest, "%f %f", &x, &y) == 2) {
        add_point(s, at, STEP_DOWN, x, y, n);
        add_point(s, at + 80, STEP_UP, x, y, n);
    } else if (!strcmp(cmd, "long-press") && sscanf(rest, "%f %f", &x, &y) == 2) {
        add_point(s, at, STEP_DOWN, x, y, n);
        add_point(s, at + 1100, STEP_UP, x, y, n);
    } else if (!strcmp(cmd, "press") && sscanf(rest, "%f %f", &x, &y) == 2) {
        add_point(s, at, STEP_DOWN, x, y, n);
    } else if (!strcmp(cmd, "release") && sscanf(rest, "%f %f", &x, &y) == 2) {
        add_point(s, at, STEP_UP, x, y, n);
    } else if (!strcmp(cmd, "swipe") && sscanf(rest, " %255s", a) == 1 &&
               (!strcmp(a, "left") || !strcmp(a, "right") || !strcmp(a, "up") ||
                !strcmp(a, "down"))) {
        float dx = !strcmp(a, "left") ? -0.5f : !strcmp(a, "right") ? 0.5f : 0;
        float dy = !strcmp(a, "up") ? -0.5f : !strcmp(a, "down") ? 0.5f : 0;
        add_stroke(s, at, 0.5f - dx / 2, 0.5f - dy / 2, 0.5f + dx / 2, 0.5f + dy / 2, 150, n);
    } else if (!strcmp(cmd, "tap-button") && sscanf(rest, " %255s", a) == 1) {
        snprintf(add(s, at, STEP_TAP_BUTTON, n)->arg, sizeof a, "%s", a);
    } else if (!strcmp(cmd, "expect") && sscanf(rest, " page %255s", a) == 1) {
        snprintf(add(s, at, STEP_EXPECT_VIEW, n)->arg, sizeof a, "%s", a);
    } else if (!strcmp(cmd, "expect") && sscanf(rest, " lang %255s", a) == 1) {
        snprintf(add(s, at, STEP_EXPECT_LANG, n)->arg, sizeof a, "%s", a);
    } else if (!strcmp(cmd, "expect") && strstr(rest, "pixel")) {
        unsigned rgb;
        int tol = 24;
        int k = sscanf(rest, " pixel %f %f #%6x %d", &x, &y, &rgb, &tol);
        if (k < 3) {
            snprintf(err, errlen, "%s:%d: expected \"expect pixel X Y #RRGGBB [TOLERANCE]\"",
                     s->path, n);
            return false;
        }
        struct step *st = add(s, at, STEP_EXPECT_PIXEL, n);
        st->x = x;
        st->y = y;
        st->rgb[0] = (uint8_t)(rgb >> 16);
        st->rgb[1] = (uint8_t)(rgb >> 8);
        st->rgb[2] = (uint8_t)rgb;
        st->tolerance = tol;
    } else if (!strcmp(cmd, "shot") && sscanf(rest, " %255s", a) == 1) {
        snprintf(add(s, at, STEP_SHOT, n)->arg, sizeof a, "%s", a);
    } else if (!strcmp(cmd, "quit")) {
        add(s, at, STEP_QUIT, n);
    } else {
        snprintf(err, errlen,
                 "%s:%d: unknown or incomplete command \"%s\"; expected tap X Y, long-press X Y, "
                 "press X Y, release X Y, swipe left|right|up|down, tap-button ID, expect page "
                 "NAME, expect lang TAG, expect pixel X Y #RRGGBB, shot FILE or quit",
                 s->path, n, cmd);
        return false;
    }
    return true;
}

struct script *script_load(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    struct script *s = xcalloc(1, sizeof *s);
    s->path = xstrdup(path);
    char line[1024];
    bool ok = true;
    for (int n = 1; ok && fgets(line, sizeof line, f); n++) {
        line[strcspn(line, "\n")] = '\0';
        ok = parse_line(s, line, n, err, errlen);
    }
    fclose(f);
    if (!ok) {
        script_free(s);
        return NULL;
    }
    qsort(s->steps, s->count, sizeof *s->steps, by_time);
    return s;
}

void script_free(struct script *s)
{
    if (!s)
        return;
    free(s->steps);
    free(s->path);
    free(s);
}

static void push_finger(Uint32 type, float x, float y)
{
    SDL_Event ev = {.type = type};
    ev.tfinger.touchId = 1;
    ev.tfinger.fingerId = 1;
    ev.tfinger.x = x;
    ev.tfinger.y = y;
    ev.tfinger.pressure = type == SDL_FINGERUP ? 0.0f : 1.0f;
    SDL_PushEvent(&ev);
}

static void result(struct script *s, const struct step *st, bool ok, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void result(struct script *s, const struct step *st, bool ok, const char *fmt, ...)
{
    if (ok) {
        s->passed++;
        return;
    }
    s->failed++;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s:%d: FAILED at %.2f s: %s\n", s->path, st->line, st->at_ms / 1000.0, msg);
}

void script_run(struct script *s, int64_t elapsed_ms, const struct script_hooks *h)
{
    while (s->next < s->count && s->steps[s->next].at_ms <= elapsed_ms) {
        const struct step *st = &s->steps[s->next++];
        switch (st->kind) {
        case STEP_DOWN:
            push_finger(SDL_FINGERDOWN, st->x, st->y);
            break;
        case STEP_MOVE:
            push_finger(SDL_FINGERMOTION, st->x, st->y);
            break;
        case STEP_UP:
            push_finger(SDL_FINGERUP, st->x, st->y);
            break;
        case STEP_TAP_BUTTON: {
            float x, y;
            bool found = h->button(h->app, st->arg, &x, &y);
            result(s, st, found, "no button \"%s\" on screen", st->arg);
            if (found) {
                /* Both now: the up follows the down in the queue, a quick tap. */
                push_finger(SDL_FINGERDOWN, x, y);
                push_finger(SDL_FINGERUP, x, y);
            }
            break;
        }
        case STEP_EXPECT_VIEW: {
            const char *v = h->view(h->app);
            result(s, st, !strcmp(v, st->arg), "expected page %s, found %s", st->arg, v);
            break;
        }
        case STEP_EXPECT_LANG: {
            const char *l = h->lang(h->app);
            result(s, st, !strcmp(l, st->arg), "expected language %s, found %s", st->arg, l);
            break;
        }
        case STEP_EXPECT_PIXEL: {
            uint8_t rgb[3] = {0};
            bool read = h->pixel(h->app, st->x, st->y, rgb);
            bool near = read;
            for (int i = 0; i < 3; i++)
                near = near && abs(rgb[i] - st->rgb[i]) <= st->tolerance;
            result(s, st, near, "pixel at %.3f,%.3f is #%02x%02x%02x, expected #%02x%02x%02x",
                   st->x, st->y, rgb[0], rgb[1], rgb[2], st->rgb[0], st->rgb[1], st->rgb[2]);
            break;
        }
        case STEP_SHOT:
            result(s, st, h->shot(h->app, st->arg), "cannot write %s", st->arg);
            break;
        case STEP_QUIT:
            h->quit(h->app);
            break;
        }
    }
}

int64_t script_ms_until_next(const struct script *s, int64_t elapsed_ms)
{
    if (s->next >= s->count)
        return -1;
    int64_t d = s->steps[s->next].at_ms - elapsed_ms;
    return d < 0 ? 0 : d;
}

int script_summary(const struct script *s)
{
    printf("script %s: %d passed, %d failed\n", s->path, s->passed, s->failed);
    return s->failed;
}
