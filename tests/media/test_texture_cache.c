/* media_texture_cache: LRU eviction bounded by capacity, frame pinning, reload on mtime change,
 * failures, pump and prefetch — on a software renderer drawing into a surface (no display). */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <fcntl.h>

#include "media/texture_cache.h"
#include "media_test.h"

static SDL_Renderer *renderer;

static void write_solid(const char *name, int r, int g, int b, int size)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, size, size, 32, SDL_PIXELFORMAT_RGBA32);
    SDL_FillRect(s, NULL, SDL_MapRGBA(s->format, (Uint8)r, (Uint8)g, (Uint8)b, 255));
    fixture_write_png(fixture_path(name), s);
    SDL_FreeSurface(s);
}

/* Moves the file's mtime by `seconds`, so an edit is seen whatever the clock resolution. */
static void touch_later(const char *name, int seconds)
{
    struct stat st;
    CHECK(stat(fixture_path(name), &st) == 0);
    struct timespec t[2] = {st.st_atim, st.st_mtim};
    t[1].tv_sec += seconds;
    CHECK(utimensat(AT_FDCWD, fixture_path(name), t, 0) == 0);
}

/* Draws tex over the whole target and reads the centre pixel. */
static bool texture_shows(SDL_Texture *tex, int r, int g, int b)
{
    SDL_SetRenderDrawColor(renderer, 0, 0, 0, 255);
    SDL_RenderClear(renderer);
    SDL_RenderCopy(renderer, tex, NULL, NULL);
    uint8_t px[4];
    SDL_Rect one = {32, 32, 1, 1};
    if (SDL_RenderReadPixels(renderer, &one, SDL_PIXELFORMAT_RGBA32, px, 4) != 0)
        return false;
    bool ok = abs(px[0] - r) <= 2 && abs(px[1] - g) <= 2 && abs(px[2] - b) <= 2;
    if (!ok)
        fprintf(stderr, "  texture shows %d,%d,%d, expected %d,%d,%d\n", px[0], px[1], px[2], r, g,
                b);
    return ok;
}

static enum texture_status get(struct texture_cache *c, const char *name, SDL_Texture **t,
                               const char **e)
{
    return texture_cache_get(c, fixture_path(name), 16, 16, t, e);
}

static enum texture_status wait_for(struct texture_cache *c, const char *name, SDL_Texture **t,
                                    const char **e)
{
    return texture_cache_wait(c, fixture_path(name), 16, 16, t, e);
}

static void test_lru_bound(struct texture_cache *c)
{
    SDL_Texture *t = NULL, *t2 = NULL;
    texture_cache_begin_frame(c);
    CHECK(get(c, "red.png", &t, NULL) == TEXTURE_PENDING && t == NULL);
    CHECK(wait_for(c, "red.png", &t, NULL) == TEXTURE_READY && t);
    CHECK(texture_shows(t, 255, 0, 0));
    CHECK(get(c, "red.png", &t2, NULL) == TEXTURE_READY && t2 == t);

    texture_cache_begin_frame(c);
    CHECK(wait_for(c, "green.png", &t, NULL) == TEXTURE_READY && texture_shows(t, 0, 255, 0));
    CHECK(texture_cache_count(c) == 2);
    texture_cache_begin_frame(c);
    CHECK(wait_for(c, "blue.png", &t, NULL) == TEXTURE_READY && texture_shows(t, 0, 0, 255));
    CHECK(texture_cache_count(c) == 2); /* red, least recently used, went */
    texture_cache_begin_frame(c);
    CHECK(get(c, "green.png", &t, NULL) == TEXTURE_READY); /* green stayed */
    CHECK(get(c, "red.png", &t, NULL) == TEXTURE_PENDING); /* red must decode again */
    CHECK(wait_for(c, "red.png", &t, NULL) == TEXTURE_READY);
    CHECK(texture_cache_count(c) == 2);
}

static void test_pinned_frame(struct texture_cache *c)
{
    /* Three slides in one frame with capacity 2: none evicts another until the next frame. */
    SDL_Texture *a, *b, *cc, *again;
    texture_cache_begin_frame(c);
    CHECK(wait_for(c, "red.png", &a, NULL) == TEXTURE_READY);
    CHECK(wait_for(c, "green.png", &b, NULL) == TEXTURE_READY);
    CHECK(wait_for(c, "blue.png", &cc, NULL) == TEXTURE_READY);
    CHECK(texture_cache_count(c) == 3);
    CHECK(get(c, "red.png", &again, NULL) == TEXTURE_READY && again == a);
    CHECK(texture_shows(a, 255, 0, 0) && texture_shows(b, 0, 255, 0));
    CHECK(texture_shows(cc, 0, 0, 255));
    texture_cache_begin_frame(c);
    CHECK(texture_cache_count(c) == 2); /* back to capacity */
}

static void test_reload_on_edit(struct texture_cache *c)
{
    SDL_Texture *t;
    write_solid("edit.png", 255, 0, 0, 16);
    texture_cache_begin_frame(c);
    CHECK(wait_for(c, "edit.png", &t, NULL) == TEXTURE_READY && texture_shows(t, 255, 0, 0));
    write_solid("edit.png", 0, 255, 0, 24);
    touch_later("edit.png", 5);
    texture_cache_begin_frame(c);
    /* The old picture stays up while the new one decodes. */
    CHECK(get(c, "edit.png", &t, NULL) == TEXTURE_READY && t && texture_shows(t, 255, 0, 0));
    CHECK(wait_for(c, "edit.png", &t, NULL) == TEXTURE_READY && texture_shows(t, 0, 255, 0));
    /* An edit that breaks the file fails the entry; a fix brings it back. */
    fixture_write(fixture_path("edit.png"), "broken", 6);
    touch_later("edit.png", 10);
    const char *err = NULL;
    CHECK(wait_for(c, "edit.png", &t, &err) == TEXTURE_FAILED && t == NULL);
    CHECK_MSG(err && strstr(err, "edit.png") && strstr(err, "not a PNG"), "%s", err);
    write_solid("edit.png", 0, 0, 255, 16);
    touch_later("edit.png", 15);
    CHECK(get(c, "edit.png", &t, NULL) == TEXTURE_PENDING);
    CHECK(wait_for(c, "edit.png", &t, NULL) == TEXTURE_READY && texture_shows(t, 0, 0, 255));
}

static void test_failed_entries(struct texture_cache *c)
{
    const char *err = NULL;
    SDL_Texture *t = (SDL_Texture *)1;
    texture_cache_begin_frame(c);
    CHECK(get(c, "missing.png", &t, &err) == TEXTURE_FAILED && t == NULL);
    CHECK_MSG(err && strstr(err, "missing.png: cannot read"), "%s", err);
    fixture_write(fixture_path("garbage.png"), "garbage", 7);
    CHECK(wait_for(c, "garbage.png", &t, &err) == TEXTURE_FAILED);
    /* A failed entry does not decode again until the file changes. */
    CHECK(get(c, "garbage.png", &t, &err) == TEXTURE_FAILED);
}

static bool pump_until(struct texture_cache *c)
{
    for (int i = 0; i < 500; i++) {
        if (texture_cache_pump(c))
            return true;
        SDL_Delay(10);
    }
    return false;
}

static void test_pump_and_prefetch(struct texture_cache *c)
{
    SDL_Texture *t;
    write_solid("next.png", 10, 20, 30, 16);
    write_solid("now.png", 200, 100, 50, 16);
    texture_cache_begin_frame(c);
    CHECK(get(c, "now.png", &t, NULL) == TEXTURE_PENDING);
    texture_cache_prefetch(c, fixture_path("next.png"), 16, 16);
    CHECK(pump_until(c));
    CHECK(get(c, "now.png", &t, NULL) == TEXTURE_READY || pump_until(c));
    if (get(c, "next.png", &t, NULL) != TEXTURE_READY)
        CHECK(pump_until(c));
    CHECK(get(c, "next.png", &t, NULL) == TEXTURE_READY && texture_shows(t, 10, 20, 30));
    CHECK(get(c, "now.png", &t, NULL) == TEXTURE_READY && texture_shows(t, 200, 100, 50));
    CHECK(!texture_cache_pump(c)); /* nothing new */
}

/* After a slide change, what the screen needs is named after a mark: a picture shown before
 * (red) lets its memory go even though the cache has room, while the current (green) and the
 * next (blue) stay. */
static void test_drop_untouched(void)
{
    struct image_loader *l = image_loader_create(0);
    struct texture_cache *c = texture_cache_create(renderer, l, 4); /* room for all three */
    SDL_Texture *t;
    texture_cache_begin_frame(c);
    CHECK(wait_for(c, "red.png", &t, NULL) == TEXTURE_READY);
    texture_cache_begin_frame(c);
    CHECK(wait_for(c, "green.png", &t, NULL) == TEXTURE_READY);
    uint64_t mark = texture_cache_mark(c);
    CHECK(get(c, "green.png", &t, NULL) == TEXTURE_READY);
    texture_cache_prefetch(c, fixture_path("blue.png"), 16, 16);
    CHECK(texture_cache_count(c) == 3);
    texture_cache_drop_untouched(c, mark, 0);
    CHECK(texture_cache_count(c) == 2);
    CHECK(get(c, "green.png", &t, NULL) == TEXTURE_READY && texture_shows(t, 0, 255, 0));
    CHECK(wait_for(c, "blue.png", &t, NULL) == TEXTURE_READY && texture_shows(t, 0, 0, 255));
    CHECK(get(c, "red.png", &t, NULL) == TEXTURE_PENDING); /* gone: decodes again */
    CHECK(wait_for(c, "red.png", &t, NULL) == TEXTURE_READY);
    texture_cache_destroy(c);
    image_loader_destroy(l);
}

/* texture_cache_size 3: the most recently used of the pictures not named stays (the previous
 * slide, for the left key); older ones go. */
static void test_drop_keeps_previous(void)
{
    struct image_loader *l = image_loader_create(0);
    struct texture_cache *c = texture_cache_create(renderer, l, 3);
    SDL_Texture *t;
    texture_cache_begin_frame(c);
    CHECK(wait_for(c, "red.png", &t, NULL) == TEXTURE_READY);
    texture_cache_begin_frame(c);
    CHECK(wait_for(c, "green.png", &t, NULL) == TEXTURE_READY);
    texture_cache_begin_frame(c);
    uint64_t mark = texture_cache_mark(c);
    CHECK(wait_for(c, "blue.png", &t, NULL) == TEXTURE_READY);
    texture_cache_drop_untouched(c, mark, 1);
    CHECK(texture_cache_count(c) == 2);
    CHECK(get(c, "blue.png", &t, NULL) == TEXTURE_READY);
    CHECK(get(c, "green.png", &t, NULL) == TEXTURE_READY); /* the previous one stayed */
    CHECK(get(c, "red.png", &t, NULL) == TEXTURE_PENDING); /* the one before it went */
    texture_cache_destroy(c);
    image_loader_destroy(l);
}

int main(void)
{
    if (SDL_Init(SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    SDL_Surface *target = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_RGBA32);
    renderer = SDL_CreateSoftwareRenderer(target);
    CHECK(renderer != NULL);
    write_solid("red.png", 255, 0, 0, 16);
    write_solid("green.png", 0, 255, 0, 16);
    write_solid("blue.png", 0, 0, 255, 16);

    struct image_loader *l = image_loader_create(0);
    struct texture_cache *c = texture_cache_create(renderer, l, 2);
    test_lru_bound(c);
    test_pinned_frame(c);
    test_reload_on_edit(c);
    test_failed_entries(c);
    test_pump_and_prefetch(c);
    texture_cache_destroy(c);
    image_loader_destroy(l);
    test_drop_untouched();
    test_drop_keeps_previous();

    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(target);
    fixture_cleanup();
    SDL_Quit();
    return check_summary();
}
