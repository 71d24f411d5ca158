#define LOG_MODULE "draw"
#include "text/draw.h"

#include <math.h>
#include <stdlib.h>

#include "base/log.h"
#include "base/xmalloc.h"

bool text_draw(SDL_Renderer *renderer, struct glyph_atlas *atlas, const struct text_layout *layout,
               float x, float y, SDL_Color color)
{
    if (layout->n_glyphs == 0)
        return true;
    SDL_Rect clip;
    SDL_RenderGetClipRect(renderer, &clip);
    bool clipped = SDL_RenderIsClipEnabled(renderer);
    if (clipped && SDL_RectEmpty(&clip))
        return true; /* everything is clipped away */
    float size_px = layout->style.size;
    SDL_Vertex *verts = xmalloc(layout->n_glyphs * 4 * sizeof(*verts));
    int *indices = xmalloc(layout->n_glyphs * 6 * sizeof(*indices));
    SDL_Texture *tex = NULL;
    int tw, th;
    int nv = 0, ni = 0;
    /* If the atlas starts over midway (or grows: a new texture), quads already built point at
     * overwritten pixels: build the whole text again (a single text always fits in a fresh
     * atlas). */
    for (int attempt = 0; attempt < 2; attempt++) {
        uint32_t gen = glyph_atlas_generation(atlas);
        tex = glyph_atlas_texture(atlas);
        SDL_QueryTexture(tex, NULL, NULL, &tw, &th);
        nv = ni = 0;
        for (size_t k = 0; k < layout->n_lines; k++) {
            const struct text_line *line = &layout->lines[k];
            float base = floorf(y + line->baseline + 0.5f);
            for (size_t g = 0; g < line->glyph_count; g++) {
                const struct text_glyph *gl = &layout->glyphs[line->first_glyph + g];
                float ox = floorf(x + gl->x + 0.5f), oy = floorf(base + gl->y + 0.5f);
                if (clipped &&
                    (ox + gl->advance + size_px < clip.x || ox - size_px > clip.x + clip.w))
                    continue;
                struct glyph_atlas_entry e;
                if (!glyph_atlas_lookup(atlas, gl->font, size_px, gl->glyph, &e) || e.rect.w == 0)
                    continue;
                float x0 = ox + (float)e.left, y0 = oy - (float)e.top;
                float x1 = x0 + (float)e.rect.w, y1 = y0 + (float)e.rect.h;
                float u0 = (float)e.rect.x / (float)tw, v0 = (float)e.rect.y / (float)th;
                float u1 = (float)(e.rect.x + e.rect.w) / (float)tw;
                float v1 = (float)(e.rect.y + e.rect.h) / (float)th;
                verts[nv + 0] = (SDL_Vertex){{x0, y0}, color, {u0, v0}};
                verts[nv + 1] = (SDL_Vertex){{x1, y0}, color, {u1, v0}};
                verts[nv + 2] = (SDL_Vertex){{x1, y1}, color, {u1, v1}};
                verts[nv + 3] = (SDL_Vertex){{x0, y1}, color, {u0, v1}};
                int q[6] = {0, 1, 2, 0, 2, 3};
                for (int m = 0; m < 6; m++)
                    indices[ni + m] = nv + q[m];
                nv += 4;
                ni += 6;
            }
        }
        if (glyph_atlas_generation(atlas) == gen)
            break;
    }
    bool ok = true;
    if (ni > 0 && SDL_RenderGeometry(renderer, tex, verts, nv, indices, ni) != 0) {
        LOG_WARN("SDL_RenderGeometry: %s", SDL_GetError());
        ok = false;
    }
    free(verts);
    free(indices);
    return ok;
}

bool text_draw_ink_rows(struct glyph_atlas *atlas, const struct text_layout *layout, float *top,
                        float *bottom)
{
    bool any = false;
    float lo = 0, hi = 0;
    for (size_t k = 0; k < layout->n_lines; k++) {
        const struct text_line *line = &layout->lines[k];
        for (size_t g = 0; g < line->glyph_count; g++) {
            const struct text_glyph *gl = &layout->glyphs[line->first_glyph + g];
            struct glyph_atlas_entry e;
            if (!glyph_atlas_lookup(atlas, gl->font, layout->style.size, gl->glyph, &e) ||
                e.rect.h == 0)
                continue;
            float y0 = line->baseline + gl->y - (float)e.top, y1 = y0 + (float)e.rect.h;
            if (!any || y0 < lo)
                lo = y0;
            if (!any || y1 > hi)
                hi = y1;
            any = true;
        }
    }
    if (!any)
        return false;
    /* text_draw rounds each baseline and offset to whole pixels: one pixel either way. */
    *top = lo - 1.0f;
    *bottom = hi + 1.0f;
    return true;
}
