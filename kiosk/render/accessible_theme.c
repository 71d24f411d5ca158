#include "render/accessible_theme.h"

#include <math.h>

#include "access/relayout.h"

/* The international symbol of access colours in the show: white on blue; in accessible mode the
 * theme's yellow on black, and the button itself filled yellow while the mode is on. */
static const SDL_Color blue = {0, 80, 180, 255}, white = {255, 255, 255, 255},
                       black = {0, 0, 0, 255}, yellow = {255, 230, 0, 255},
                       grey = {60, 60, 60, 255};

bool accessible_theme_control_shown(const struct view_access_scene *a, int c)
{
    if (!a->button)
        return false;
    switch (c) {
    case ACCESS_CONTROL_TOGGLE:
        return true;
    case ACCESS_CONTROL_PAUSE:
        return a->on;
    case ACCESS_CONTROL_EARLIER:
    case ACCESS_CONTROL_LATER:
        return a->on && a->parts > 1;
    default:
        return a->on && a->speech && c < ACCESS_CONTROL_COUNT;
    }
}

SDL_Rect accessible_theme_control_rect(const struct playlist *pl, const struct view_access_scene *a,
                                       int c, SDL_Rect area)
{
    struct reach_zone z = {.top = a->zone_top, .bottom = a->zone_bottom};
    float box[4];
    access_control_box(pl ? pl->width : area.w, pl ? pl->height : area.h, &z,
                       (enum access_control)c, box);
    int x0 = area.x + (int)lroundf(box[0] * area.w), y0 = area.y + (int)lroundf(box[1] * area.h);
    int side = (int)lroundf(box[2] * area.w);
    return (SDL_Rect){x0, y0, side, side};
}

static void tri(SDL_Renderer *r, SDL_Color c, float x0, float y0, float x1, float y1, float x2,
                float y2)
{
    SDL_Vertex v[3] = {{{x0, y0}, c, {0, 0}}, {{x1, y1}, c, {0, 0}}, {{x2, y2}, c, {0, 0}}};
    SDL_RenderGeometry(r, NULL, v, 3, NULL, 0);
}

static void quad(SDL_Renderer *r, SDL_Color c, float x, float y, float w, float h)
{
    tri(r, c, x, y, x + w, y, x + w, y + h);
    tri(r, c, x, y, x + w, y + h, x, y + h);
}

/* A ring from angle a0 to a1 (radians, clockwise from the right); a disc when r_in is 0. */
static void arc(SDL_Renderer *r, SDL_Color c, float cx, float cy, float r_out, float r_in, float a0,
                float a1)
{
    enum { STEPS = 40 };
    for (int i = 0; i < STEPS; i++) {
        float t0 = a0 + (a1 - a0) * (float)i / STEPS, t1 = a0 + (a1 - a0) * (float)(i + 1) / STEPS;
        float ox0 = cx + r_out * cosf(t0), oy0 = cy + r_out * sinf(t0);
        float ox1 = cx + r_out * cosf(t1), oy1 = cy + r_out * sinf(t1);
        float ix0 = cx + r_in * cosf(t0), iy0 = cy + r_in * sinf(t0);
        float ix1 = cx + r_in * cosf(t1), iy1 = cy + r_in * sinf(t1);
        tri(r, c, ox0, oy0, ox1, oy1, ix1, iy1);
        tri(r, c, ox0, oy0, ix1, iy1, ix0, iy0);
    }
}

/* The accessibility symbol: a figure with open arms in a ring. */
static void draw_person(SDL_Renderer *r, SDL_Color c, float cx, float cy, float s)
{
    arc(r, c, cx, cy, s * 0.46f, s * 0.40f, 0, 2 * (float)M_PI);
    arc(r, c, cx, cy - s * 0.25f, s * 0.07f, 0, 0, 2 * (float)M_PI);
    quad(r, c, cx - s * 0.25f, cy - s * 0.13f, s * 0.5f, s * 0.06f);  /* arms */
    quad(r, c, cx - s * 0.05f, cy - s * 0.13f, s * 0.10f, s * 0.22f); /* body */
    tri(r, c, cx - s * 0.05f, cy + s * 0.07f, cx + s * 0.02f, cy + s * 0.07f, cx - s * 0.13f,
        cy + s * 0.30f);
    tri(r, c, cx - s * 0.13f, cy + s * 0.30f, cx - s * 0.06f, cy + s * 0.30f, cx + s * 0.02f,
        cy + s * 0.07f);
    tri(r, c, cx + s * 0.05f, cy + s * 0.07f, cx - s * 0.02f, cy + s * 0.07f, cx + s * 0.13f,
        cy + s * 0.30f);
    tri(r, c, cx + s * 0.13f, cy + s * 0.30f, cx + s * 0.06f, cy + s * 0.30f, cx - s * 0.02f,
        cy + s * 0.07f);
}

static void draw_speaker(SDL_Renderer *r, SDL_Color c, float cx, float cy, float s)
{
    float x = cx - s * 0.30f;
    quad(r, c, x, cy - s * 0.09f, s * 0.12f, s * 0.18f);
    tri(r, c, x + s * 0.12f, cy - s * 0.09f, x + s * 0.30f, cy - s * 0.25f, x + s * 0.30f,
        cy + s * 0.25f);
    tri(r, c, x + s * 0.12f, cy - s * 0.09f, x + s * 0.30f, cy + s * 0.25f, x + s * 0.12f,
        cy + s * 0.09f);
}

static void draw_icon(SDL_Renderer *r, const struct view_access_scene *a, int c, SDL_FRect b,
                      SDL_Color fg)
{
    float cx = b.x + b.w / 2, cy = b.y + b.h / 2, s = b.w;
    switch (c) {
    case ACCESS_CONTROL_TOGGLE:
        draw_person(r, fg, cx, cy, s * 0.8f);
        break;
    case ACCESS_CONTROL_PAUSE:
        if (a->paused) /* paused: the control resumes, so it shows "play" */
            tri(r, fg, cx - s * 0.18f, cy - s * 0.25f, cx + s * 0.25f, cy, cx - s * 0.18f,
                cy + s * 0.25f);
        else {
            quad(r, fg, cx - s * 0.2f, cy - s * 0.25f, s * 0.13f, s * 0.5f);
            quad(r, fg, cx + s * 0.07f, cy - s * 0.25f, s * 0.13f, s * 0.5f);
        }
        break;
    case ACCESS_CONTROL_PLAY:
        if (a->speaking) /* playing: the control stops it */
            quad(r, fg, cx - s * 0.2f, cy - s * 0.2f, s * 0.4f, s * 0.4f);
        else {
            draw_speaker(r, fg, cx - s * 0.08f, cy, s * 0.8f);
            tri(r, fg, cx + s * 0.1f, cy - s * 0.15f, cx + s * 0.32f, cy, cx + s * 0.1f,
                cy + s * 0.15f);
        }
        break;
    case ACCESS_CONTROL_REPEAT:
        arc(r, fg, cx, cy, s * 0.28f, s * 0.19f, -0.3f, 4.6f);
        tri(r, fg, cx + s * 0.16f, cy - s * 0.02f, cx + s * 0.36f, cy - s * 0.02f, cx + s * 0.26f,
            cy + s * 0.15f);
        break;
    case ACCESS_CONTROL_EARLIER: /* an arrow up: the text above */
    case ACCESS_CONTROL_LATER:   /* an arrow down */
    {
        float d = c == ACCESS_CONTROL_EARLIER ? -1.0f : 1.0f;
        tri(r, fg, cx - s * 0.3f, cy - d * s * 0.05f, cx + s * 0.3f, cy - d * s * 0.05f, cx,
            cy + d * s * 0.25f);
        quad(r, fg, cx - s * 0.08f, d > 0 ? cy - s * 0.3f : cy - s * 0.05f, s * 0.16f, s * 0.35f);
        break;
    }
    case ACCESS_CONTROL_QUIETER:
    case ACCESS_CONTROL_LOUDER:
        draw_speaker(r, fg, cx - s * 0.08f, cy, s * 0.8f);
        quad(r, fg, cx + s * 0.1f, cy - s * 0.03f, s * 0.24f, s * 0.06f);
        if (c == ACCESS_CONTROL_LOUDER)
            quad(r, fg, cx + s * 0.19f, cy - s * 0.12f, s * 0.06f, s * 0.24f);
        break;
    default:
        break;
    }
}

void accessible_theme_draw(SDL_Renderer *r, const struct playlist *pl,
                           const struct view_access_scene *a, int pressed, SDL_Rect area)
{
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    for (int c = 0; c < ACCESS_CONTROL_COUNT; c++) {
        if (!accessible_theme_control_shown(a, c))
            continue;
        SDL_Rect rc = accessible_theme_control_rect(pl, a, c, area);
        SDL_FRect b = {(float)rc.x, (float)rc.y, (float)rc.w, (float)rc.h};
        bool lit = c == ACCESS_CONTROL_TOGGLE && a->on;
        SDL_Color fill = !a->on ? blue : lit ? yellow : c == pressed ? grey : black;
        SDL_Color fg = !a->on ? white : lit ? black : yellow;
        /* No part before the first or after the last: the arrow is dimmed. */
        if ((c == ACCESS_CONTROL_EARLIER && a->part == 0) ||
            (c == ACCESS_CONTROL_LATER && a->part + 1 >= a->parts))
            fg = (SDL_Color){110, 110, 110, 255};
        if (c == pressed && !a->on)
            fill = (SDL_Color){0, 50, 120, 255};
        quad(r, fill, b.x, b.y, b.w, b.h);
        /* A border that stands out from any picture behind it. */
        float k = fmaxf(2.0f, b.w * 0.05f);
        SDL_Color edge = a->on ? yellow : white;
        quad(r, edge, b.x, b.y, b.w, k);
        quad(r, edge, b.x, b.y + b.h - k, b.w, k);
        quad(r, edge, b.x, b.y, k, b.h);
        quad(r, edge, b.x + b.w - k, b.y, k, b.h);
        draw_icon(r, a, c, b, fg);
        if (c == ACCESS_CONTROL_LOUDER) {
            /* The volume as a bar along the control's lower edge, inside its border. */
            float h = fmaxf(3.0f, b.h * 0.1f), y = b.y + b.h - k - h, full = b.w - 2 * k;
            quad(r, grey, b.x + k, y, full, h);
            quad(r, yellow, b.x + k, y, full * (float)a->volume / VIEW_VOLUME_MAX, h);
        }
    }
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
}
