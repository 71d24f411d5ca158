/* A clip on a slide or page, placed and drawn (video_slide.h). */
#include "render/video_slide.h"

#include <math.h>

#include "render/background.h"
#include "render/fit.h"

bool video_slide_loops(const struct slide *s)
{
    return s->video.loop || s->duration_explicit;
}

enum texture_status video_slide_media(const struct video_draw *vd, const struct video_ref *v,
                                      bool loop, const char **error)
{
    if (!vd->player)
        return TEXTURE_READY;
    switch (video_player_prepare(vd->player, v, loop, error)) {
    case VIDEO_CLIP_READY:
        return TEXTURE_READY;
    case VIDEO_CLIP_PENDING:
        return TEXTURE_PENDING;
    default:
        return TEXTURE_FAILED;
    }
}

void video_slide_draw(SDL_Renderer *r, const struct video_draw *vd, const struct video_ref *v,
                      const struct background *bg, bool loop, double t, SDL_Rect area, Uint8 alpha)
{
    SDL_FRect fa = {(float)area.x, (float)area.y, (float)area.w, (float)area.h};
    if (vd->at >= 0)
        t = vd->at;
    int tw = 0, th = 0;
    SDL_Texture *tex = NULL;
    if (vd->player)
        tex = vd->wait_ms > 0
                  ? video_player_texture_wait(vd->player, v, loop, t, vd->wait_ms, &tw, &th)
                  : video_player_texture(vd->player, v, loop, t, &tw, &th);
    /* A covering frame hides the background; around a contained one, or before the first
     * frame, the clip's background shows (the slide's when the clip names none). */
    if (!tex || v->fit != IMAGE_FIT_COVER)
        background_draw(r, v->has_background ? &v->background : bg, fa, 1.0f);
    if (!tex)
        return;
    /* Placed as a picture of the frame's size would be, without pan/zoom. */
    struct image_ref place = {.fit = v->fit, .focus = {v->focus[0], v->focus[1]}};
    struct rectf src, dst;
    fit_place(&place, tw, th, area.w, area.h, 0, &src, &dst);
    SDL_FRect sf = {src.x, src.y, src.w, src.h};
    SDL_FRect df = {area.x + dst.x, area.y + dst.y, dst.w, dst.h};
    SDL_Rect si = {(int)lroundf(sf.x), (int)lroundf(sf.y), (int)lroundf(sf.w), (int)lroundf(sf.h)};
    SDL_SetTextureAlphaMod(tex, alpha);
    SDL_SetTextureBlendMode(tex, alpha < 255 ? SDL_BLENDMODE_BLEND : SDL_BLENDMODE_NONE);
    SDL_RenderSetClipRect(r, &area);
    SDL_RenderCopyF(r, tex, &si, &df);
    SDL_RenderSetClipRect(r, NULL);
    SDL_SetTextureAlphaMod(tex, 255);
}
