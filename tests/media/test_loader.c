/* media_loader: priority order, deduplication, priority raise, cancel, failures as results, and
 * one SDL user event per result that wakes SDL_WaitEventTimeout. */
#include <stdlib.h>
#include <string.h>

#include "media/loader.h"
#include "media_test.h"

/* Loader events queued, waiting up to a second for `want` of them: the worker pushes each
 * event just after its result becomes collectable, so the last one may trail the result. */
static int events_pending(int want)
{
    uint32_t t = image_loader_event_type();
    int n = 0;
    for (int i = 0; i < 100; i++) {
        SDL_PumpEvents();
        n = SDL_PeepEvents(NULL, 0, SDL_PEEKEVENT, t, t);
        if (n >= want)
            break;
        SDL_Delay(10);
    }
    return n;
}

static void flush_events(void)
{
    uint32_t t = image_loader_event_type();
    SDL_FlushEvent(t);
}

/* Collects n results in completion order into names (basename of path). */
static void collect(struct image_loader *l, int n, char names[][16], struct image_result *keep)
{
    for (int i = 0; i < n; i++) {
        struct image_result r;
        CHECK(image_loader_wait(l, &r, 10000));
        const char *base = r.path ? strrchr(r.path, '/') + 1 : "?";
        snprintf(names[i], 16, "%s", base);
        if (keep && i == 0) {
            *keep = r;
            continue;
        }
        image_result_clear(&r);
    }
}

static void test_order_and_dedupe(struct image_loader *l)
{
    image_loader_set_paused(l, true);
    image_loader_request(l, fixture_path("a.png"), 16, 16, IMAGE_PRIORITY_PREFETCH);
    image_loader_request(l, fixture_path("b.png"), 16, 16, IMAGE_PRIORITY_VISIBLE);
    image_loader_request(l, fixture_path("c.png"), 16, 16, 50);
    image_loader_request(l, fixture_path("a.png"), 16, 16, IMAGE_PRIORITY_PREFETCH); /* dup */
    image_loader_request(l, fixture_path("b.png"), 16, 16, IMAGE_PRIORITY_PREFETCH); /* dup */
    image_loader_request(l, fixture_path("bad.png"), 16, 16, -5);
    image_loader_request(l, fixture_path("a.png"), 8, 8, -10); /* another size: not a dup */
    CHECK(image_loader_queued(l) == 5);
    struct image_result none;
    CHECK(!image_loader_poll(l, &none));
    image_loader_set_paused(l, false);

    char names[5][16];
    struct image_result first;
    collect(l, 5, names, &first);
    CHECK_MSG(strcmp(names[0], "b.png") == 0 && strcmp(names[1], "c.png") == 0 &&
                  strcmp(names[2], "a.png") == 0 && strcmp(names[3], "bad.png") == 0 &&
                  strcmp(names[4], "a.png") == 0,
              "order %s %s %s %s %s", names[0], names[1], names[2], names[3], names[4]);
    CHECK(first.surface && first.surface->w == 16 && first.surface->h == 16);
    CHECK(first.out_w == 16 && first.mtime_ns > 0 && first.file_size > 0);
    image_result_clear(&first);
    CHECK(first.path == NULL && first.surface == NULL);
    CHECK(!image_loader_poll(l, &none));
    int events = events_pending(5);
    CHECK_MSG(events == 5, "%d events", events);
    flush_events();
}

/* A picture decoded and not yet taken (before the first frame the cache has no renderer to take
 * it) is not decoded again when the visible slide asks for it: one result, nothing queued. */
static void test_done_not_repeated(struct image_loader *l)
{
    image_loader_request(l, fixture_path("c.png"), 12, 12, IMAGE_PRIORITY_PREFETCH);
    CHECK(events_pending(1) == 1); /* decoded, waiting to be polled */
    image_loader_request(l, fixture_path("c.png"), 12, 12, IMAGE_PRIORITY_VISIBLE);
    CHECK_MSG(image_loader_queued(l) == 0, "%d queued", image_loader_queued(l));
    struct image_result r;
    CHECK(image_loader_poll(l, &r) && r.surface && r.out_w == 12);
    image_result_clear(&r);
    SDL_Delay(50);
    CHECK(!image_loader_poll(l, &r)); /* no second decode arrived */
    flush_events();
}

static void test_failure_result(struct image_loader *l)
{
    image_loader_request(l, fixture_path("bad.png"), 10, 10, 0);
    struct image_result r;
    CHECK(image_loader_wait(l, &r, 10000));
    CHECK(r.surface == NULL && strstr(r.error, "bad.png") && strstr(r.error, "not a PNG"));
    image_result_clear(&r);
    image_loader_request(l, fixture_path("nope.png"), 10, 10, 0);
    CHECK(image_loader_wait(l, &r, 10000));
    CHECK(r.surface == NULL && strstr(r.error, "nope.png") && r.mtime_ns == -1);
    image_result_clear(&r);
    flush_events();
}

static void test_raise_and_cancel(struct image_loader *l)
{
    image_loader_set_paused(l, true);
    image_loader_request(l, fixture_path("a.png"), 20, 20, IMAGE_PRIORITY_PREFETCH);
    image_loader_request(l, fixture_path("b.png"), 20, 20, 10);
    image_loader_request(l, fixture_path("c.png"), 20, 20, 5);
    /* The prefetched slide became the current one. */
    image_loader_request(l, fixture_path("a.png"), 20, 20, IMAGE_PRIORITY_VISIBLE);
    CHECK(image_loader_cancel(l, fixture_path("c.png"), 20, 20));
    CHECK(!image_loader_cancel(l, fixture_path("c.png"), 20, 20));
    CHECK(image_loader_queued(l) == 2);
    image_loader_set_paused(l, false);
    char names[2][16];
    collect(l, 2, names, NULL);
    CHECK(strcmp(names[0], "a.png") == 0 && strcmp(names[1], "b.png") == 0);
    struct image_result r;
    CHECK(!image_loader_wait(l, &r, 50)); /* c was cancelled */
    flush_events();
}

static void test_event_wakes_wait(struct image_loader *l)
{
    image_loader_request(l, fixture_path("c.png"), 12, 12, 0);
    SDL_Event ev;
    int got = 0;
    /* The loop's own idle wait, as the player does it. */
    for (int i = 0; i < 100 && !got; i++)
        if (SDL_WaitEventTimeout(&ev, 100) && ev.type == image_loader_event_type())
            got = 1;
    CHECK(got);
    struct image_result r;
    CHECK(image_loader_poll(l, &r) && r.surface && r.surface->w == 12);
    image_result_clear(&r);
}

int main(void)
{
    if (SDL_Init(SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    SDL_Surface *q = fixture_quadrants(32, 32);
    fixture_write_png(fixture_path("a.png"), q);
    fixture_write_png(fixture_path("b.png"), q);
    fixture_write_png(fixture_path("c.png"), q);
    fixture_write(fixture_path("bad.png"), "not an image at all", 19);
    SDL_FreeSurface(q);

    struct image_loader *l = image_loader_create(0);
    CHECK(l != NULL);
    CHECK(image_loader_event_type() != 0);
    test_order_and_dedupe(l);
    test_done_not_repeated(l);
    test_failure_result(l);
    test_raise_and_cancel(l);
    test_event_wakes_wait(l);
    /* Destroying with work queued and results uncollected frees both (the sanitizer run checks). */
    image_loader_set_paused(l, true);
    image_loader_request(l, fixture_path("a.png"), 30, 30, 0);
    image_loader_set_paused(l, false);
    image_loader_request(l, fixture_path("b.png"), 30, 30, 0);
    image_loader_destroy(l);

    fixture_cleanup();
    SDL_Quit();
    return check_summary();
}
