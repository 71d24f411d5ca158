#include "render/background.h"

#include <math.h>

/* Gradient position of (u, v) along the CSS gradient line: 0 at the start colour, 1 at the end.
 * The line passes through the centre at `angle` (0 = towards the top, clockwise), and its length
 * is chosen so the corners get exactly the end colours, as CSS does. */
static float gradient_t(float angle_deg, float aspect, float u, float v)
{
    float a = angle_deg * (float)M_PI / 180.0f;
    float dx = sinf(a), dy = -cosf(a);
    /* Work in a box of width `aspect` and height 1 so angles are true on screen. */
    float x = (u - 0.5f) * aspect, y = v - 0.5f;
    float half = fabsf(dx) * aspect / 2 + fabsf(dy) / 2;
    if (half <= 0)
        return 0;
    float t = (x * dx + y * dy) / (2 * half) + 0.5f;
    return t < 0 ? 0 : t > 1 ? 1 : t;
}

struct color background_gradient_at(const struct background *bg, float aspect, float u, float v)
{
    if (bg->kind == BACKGROUND_SOLID)
        return bg->from;
    float t = gradient_t(bg->angle_deg, aspect, u, v);
    struct color c = {
        (uint8_t)lroundf(bg->from.r + (bg->to.r - bg->from.r) * t),
        (uint8_t)lroundf(bg->from.g + (bg->to.g - bg->from.g) * t),
        (uint8_t)lroundf(bg->from.b + (bg->to.b - bg->from.b) * t),
        (uint8_t)lroundf(bg->from.a + (bg->to.a - bg->from.a) * t),
    };
    return c;
}

void background_draw(SDL_Renderer *r, const struct background *bg, SDL_FRect rect, float alpha)
{
    if (bg->kind == BACKGROUND_SOLID) {
        SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
        SDL_SetRenderDrawColor(r, bg->from.r, bg->from.g, bg->from.b,
                               (Uint8)lroundf(bg->from.a * alpha));
        SDL_RenderFillRectF(r, &rect);
        return;
    }
    /* A linear gradient is an affine function of position, so colours at the four corners
     * interpolated over two triangles reproduce it exactly. */
    float aspect = rect.h > 0 ? rect.w / rect.h : 1;
    SDL_Vertex v[4];
    const float uv[4][2] = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
    for (int i = 0; i < 4; i++) {
        struct color c = background_gradient_at(bg, aspect, uv[i][0], uv[i][1]);
        v[i].position.x = rect.x + uv[i][0] * rect.w;
        v[i].position.y = rect.y + uv[i][1] * rect.h;
        v[i].color = (SDL_Color){c.r, c.g, c.b, (Uint8)lroundf(c.a * alpha)};
        v[i].tex_coord.x = v[i].tex_coord.y = 0;
    }
    const int idx[6] = {0, 1, 2, 0, 2, 3};
    SDL_RenderGeometry(r, NULL, v, 4, idx, 6);
}

void background_fill_rounded(SDL_Renderer *r, SDL_FRect rect, float radius, SDL_Color c)
{
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    radius = fminf(radius, fminf(rect.w, rect.h) / 2);
    if (radius < 0.5f) {
        SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
        SDL_RenderFillRectF(r, &rect);
        return;
    }
    /* One fan around the centre over the outline: four quarter circles joined by straight
     * edges. Every pixel is covered once, so a translucent panel has no darker seams. */
    enum { STEPS = 12 }; /* per quarter circle: smooth at the radii a slide uses */
    SDL_Vertex v[1 + 4 * (STEPS + 1)];
    int idx[3 * 4 * (STEPS + 1)];
    float cx = rect.x + rect.w / 2, cy = rect.y + rect.h / 2;
    v[0] = (SDL_Vertex){{cx, cy}, c, {0, 0}};
    /* corner centres, clockwise from the top right, with the angle each quarter starts at */
    const float corners[4][3] = {
        {rect.x + rect.w - radius, rect.y + radius, -90},
        {rect.x + rect.w - radius, rect.y + rect.h - radius, 0},
        {rect.x + radius, rect.y + rect.h - radius, 90},
        {rect.x + radius, rect.y + radius, 180},
    };
    int n = 1;
    for (int k = 0; k < 4; k++) {
        for (int i = 0; i <= STEPS; i++) {
            float a = (corners[k][2] + 90.0f * i / STEPS) * (float)M_PI / 180.0f;
            v[n++] = (SDL_Vertex){
                {corners[k][0] + radius * cosf(a), corners[k][1] + radius * sinf(a)}, c, {0, 0}};
        }
    }
    int m = 0, outline = n - 1;
    for (int i = 0; i < outline; i++) {
        idx[m++] = 0;
        idx[m++] = 1 + i;
        idx[m++] = 1 + (i + 1) % outline;
    }
    SDL_RenderGeometry(r, NULL, v, n, idx, m);
}
