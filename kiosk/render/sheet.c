#define LOG_MODULE "sheet"
#include "render/sheet.h"

#include <stdlib.h>
#include <string.h>

#include <SDL_image.h>

#include "base/log.h"
#include "base/xmalloc.h"
#include "text/draw.h"
#include "text/glyph_atlas.h"

/* Sizes on the sheet, in its own pixels. A thumbnail's longer side is THUMB_LONG: 480 px of a
 * 1920 px slide is a quarter, large enough to read a title and judge contrast on a monitor. */
enum {
    THUMB_LONG = 480,
    GAP = 24,
    LABEL_HEIGHT = 44,
    LABEL_SIZE = 24,
    TITLE_HEIGHT = 96,
    TITLE_SIZE = 40,
};

struct sheet_item {
    SDL_Surface *thumb; /* RGBA32, thumb_w x thumb_h */
    char *label;
};

struct contact_sheet {
    int thumb_w, thumb_h;
    bool rtl;
    char *title;
    struct sheet_item *items;
    size_t count, cap;
};

struct contact_sheet *sheet_create(int frame_w, int frame_h, const char *title, bool rtl)
{
    struct contact_sheet *s = xcalloc(1, sizeof(*s));
    s->rtl = rtl;
    if (frame_w >= frame_h) {
        s->thumb_w = THUMB_LONG;
        s->thumb_h = (int)((long)THUMB_LONG * frame_h / (frame_w > 0 ? frame_w : 1));
    } else {
        s->thumb_h = THUMB_LONG;
        s->thumb_w = (int)((long)THUMB_LONG * frame_w / frame_h);
    }
    if (s->thumb_w < 1)
        s->thumb_w = 1;
    if (s->thumb_h < 1)
        s->thumb_h = 1;
    s->title = xstrdup(title ? title : "");
    return s;
}

void sheet_destroy(struct contact_sheet *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->count; i++) {
        SDL_FreeSurface(s->items[i].thumb);
        free(s->items[i].label);
    }
    free(s->items);
    free(s->title);
    free(s);
}

bool sheet_add_frame(struct contact_sheet *s, SDL_Renderer *renderer, SDL_Rect area,
                     const char *label)
{
    SDL_Surface *frame =
        SDL_CreateRGBSurfaceWithFormat(0, area.w, area.h, 32, SDL_PIXELFORMAT_RGBA32);
    SDL_Surface *thumb =
        SDL_CreateRGBSurfaceWithFormat(0, s->thumb_w, s->thumb_h, 32, SDL_PIXELFORMAT_RGBA32);
    bool ok = frame && thumb &&
              SDL_RenderReadPixels(renderer, &area, SDL_PIXELFORMAT_RGBA32, frame->pixels,
                                   frame->pitch) == 0 &&
              SDL_SoftStretchLinear(frame, NULL, thumb, NULL) == 0;
    SDL_FreeSurface(frame);
    if (!ok) {
        LOG_ERR("cannot read back the frame of \"%s\": %s", label, SDL_GetError());
        SDL_FreeSurface(thumb);
        return false;
    }
    if (s->count == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 16;
        s->items = xrealloc(s->items, s->cap * sizeof(*s->items));
    }
    s->items[s->count++] = (struct sheet_item){.thumb = thumb, .label = xstrdup(label)};
    return true;
}

/* Draws `text` on one line in a box of width w at (x, y), in its own direction, against the box's
 * left edge, or its right edge on a right-to-left sheet. */
static void draw_label(SDL_Renderer *r, struct glyph_atlas *atlas, struct text_engine *engine,
                       const char *text, float size, enum font_weight weight, int x, int y, int w,
                       bool rtl, SDL_Color color)
{
    struct text_style style = {
        .size = size, .weight = weight, .dir = TEXT_DIR_AUTO, .align = TEXT_ALIGN_START};
    struct text_layout *layout =
        text_layout_create(engine, text, strlen(text), &style, TEXT_WIDTH_UNBOUNDED);
    float left = rtl ? (float)(x + w) - layout->width : (float)x;
    SDL_Rect clip = {x, y, w, (int)(layout->height + 1)};
    SDL_RenderSetClipRect(r, &clip);
    text_draw(r, atlas, layout, left, (float)y, color);
    SDL_RenderSetClipRect(r, NULL);
    text_layout_unref(layout);
}

/* The column of item i: from the left, or from the right on a right-to-left sheet. */
static int column(const struct contact_sheet *s, size_t i, int cols)
{
    int c = (int)(i % (size_t)cols);
    return s->rtl ? cols - 1 - c : c;
}

bool sheet_save(struct contact_sheet *s, struct text_engine *engine, const char *path)
{
    if (s->count == 0) {
        LOG_ERR("%s: nothing to put on the sheet", path);
        return false;
    }
    /* Landscape slides four to a row, portrait ones six: about 2000 px wide either way. */
    int cols = s->thumb_w >= s->thumb_h ? 4 : 6;
    if ((size_t)cols > s->count)
        cols = (int)s->count;
    int rows = (int)((s->count + (size_t)cols - 1) / (size_t)cols);
    int cell_w = s->thumb_w + GAP, cell_h = s->thumb_h + LABEL_HEIGHT + GAP;
    int width = GAP + cols * cell_w, height = TITLE_HEIGHT + rows * cell_h;
    SDL_Surface *sheet =
        SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_RGBA32);
    if (!sheet) {
        LOG_ERR("%s: %s", path, SDL_GetError());
        return false;
    }
    SDL_FillRect(sheet, NULL, SDL_MapRGBA(sheet->format, 0x20, 0x24, 0x28, 0xff));
    for (size_t i = 0; i < s->count; i++) {
        SDL_Rect at = {GAP + column(s, i, cols) * cell_w,
                       TITLE_HEIGHT + (int)(i / (size_t)cols) * cell_h, s->thumb_w, s->thumb_h};
        SDL_SetSurfaceBlendMode(s->items[i].thumb, SDL_BLENDMODE_NONE);
        SDL_BlitSurface(s->items[i].thumb, NULL, sheet, &at);
    }

    SDL_Renderer *r = engine ? SDL_CreateSoftwareRenderer(sheet) : NULL;
    struct glyph_atlas *atlas = r ? glyph_atlas_create(r, text_engine_fonts(engine), 1024) : NULL;
    if (atlas) {
        const SDL_Color white = {0xff, 0xff, 0xff, 0xff}, grey = {0xc8, 0xcc, 0xd0, 0xff};
        draw_label(r, atlas, engine, s->title, TITLE_SIZE, FONT_WEIGHT_BOLD, GAP, 20,
                   width - 2 * GAP, s->rtl, white);
        for (size_t i = 0; i < s->count; i++) {
            int x = GAP + column(s, i, cols) * cell_w;
            int y = TITLE_HEIGHT + (int)(i / (size_t)cols) * cell_h + s->thumb_h + 6;
            draw_label(r, atlas, engine, s->items[i].label, LABEL_SIZE, FONT_WEIGHT_REGULAR, x, y,
                       s->thumb_w, s->rtl, grey);
        }
        SDL_RenderPresent(r);
    } else if (engine) {
        LOG_WARN("%s: the sheet is written without labels: %s", path, SDL_GetError());
    }
    glyph_atlas_destroy(atlas);
    if (r)
        SDL_DestroyRenderer(r);

    for (int y = 0; y < height; y++) { /* opaque, as the screen is */
        Uint8 *row = (Uint8 *)sheet->pixels + y * sheet->pitch;
        for (int x = 0; x < width; x++)
            row[x * 4 + 3] = 255;
    }
    bool ok = IMG_SavePNG(sheet, path) == 0;
    if (!ok)
        LOG_ERR("%s: cannot write PNG: %s", path, SDL_GetError());
    SDL_FreeSurface(sheet);
    return ok;
}
