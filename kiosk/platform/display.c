#define LOG_MODULE "display"
#include "platform/display.h"

#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <SDL_image.h>

#include "base/log.h"
#include "base/xmalloc.h"
#include "platform/display_mode.h"

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14; older C libraries lack the name */
#endif

/* True when the machine has a GPU device node. Without one, Mesa would give SDL an OpenGL
 * renderer that rasterizes in software (llvmpipe): slower per frame, seconds to start and a
 * hundred megabytes more than SDL's own software renderer. CI, Xvfb and headless servers. */
static bool has_gpu_device(void)
{
    DIR *dir = opendir("/dev/dri");
    if (!dir)
        return false;
    bool found = false;
    struct dirent *e;
    while ((e = readdir(dir)))
        if (!strncmp(e->d_name, "card", 4) || !strncmp(e->d_name, "renderD", 7))
            found = true;
    closedir(dir);
    return found;
}

/* With the software renderer the first frame into a new window pays for fresh memory on both
 * sides of the X connection: the window's shared-memory framebuffer faults in page by page in
 * this process as it is first drawn, and again in the X server as it is first copied out (on our
 * test machines 40-80 ms together, for a 1080p window). A black frame presented at once pays both
 * while the first picture is still decoding on the loader thread, so the first real frame is a
 * plain copy. The screen shows what it would anyway: nothing has been drawn yet. */
static void display_prime_framebuffer(struct display *d)
{
    SDL_Surface *fb = SDL_GetWindowSurface(d->window);
    long page = sysconf(_SC_PAGESIZE);
    if (fb && fb->pixels && page > 0) {
        /* All its pages in one call (as media/picture_memory.c does); ignored by old kernels. */
        uintptr_t mask = ~(uintptr_t)(page - 1), p = (uintptr_t)fb->pixels;
        uintptr_t start = (p + (uintptr_t)page - 1) & mask;
        uintptr_t end = (p + (size_t)fb->h * (size_t)fb->pitch) & mask;
        if (end > start)
            (void)madvise((void *)start, end - start, MADV_POPULATE_WRITE);
    }
    SDL_SetRenderDrawColor(d->renderer, 0, 0, 0, 255);
    SDL_RenderClear(d->renderer);
    SDL_RenderPresent(d->renderer);
}

/* True when an EWMH window manager runs on the X display (DISPLAY): the root window's
 * _NET_SUPPORTING_WM_CHECK names a window. Asked through libX11, which SDL has loaded already,
 * on a connection of its own; true when it cannot tell (SDL's fullscreen then, as always). */
/* The few Xlib calls x11_has_window_manager makes, by their C types. */
typedef struct _XDisplay x_display;
typedef unsigned long x_id;
typedef x_display *x_open_fn(const char *);
typedef int x_close_fn(x_display *);
typedef x_id x_intern_fn(x_display *, const char *, int);
typedef x_id x_root_fn(x_display *);
typedef int x_property_fn(x_display *, x_id, x_id, long, long, int, x_id, x_id *, int *,
                          unsigned long *, unsigned long *, unsigned char **);
typedef int x_free_fn(void *);

static bool x11_has_window_manager(void)
{
    void *x11 = SDL_LoadObject("libX11.so.6");
    if (!x11)
        return true;
    x_open_fn *open_display = (x_open_fn *)SDL_LoadFunction(x11, "XOpenDisplay");
    x_close_fn *close_display = (x_close_fn *)SDL_LoadFunction(x11, "XCloseDisplay");
    x_intern_fn *intern_atom = (x_intern_fn *)SDL_LoadFunction(x11, "XInternAtom");
    x_root_fn *default_root = (x_root_fn *)SDL_LoadFunction(x11, "XDefaultRootWindow");
    x_property_fn *get_property = (x_property_fn *)SDL_LoadFunction(x11, "XGetWindowProperty");
    x_free_fn *x_free = (x_free_fn *)SDL_LoadFunction(x11, "XFree");
    bool found = true;
    bool all =
        open_display && close_display && intern_atom && default_root && get_property && x_free;
    x_display *dpy = all ? open_display(NULL) : NULL;
    if (dpy) {
        x_id check = intern_atom(dpy, "_NET_SUPPORTING_WM_CHECK", 1); /* only if it exists */
        x_id type = 0;
        int format = 0;
        unsigned long n = 0, after = 0;
        unsigned char *data = NULL;
        const x_id xa_window = 33; /* XA_WINDOW */
        found = check &&
                get_property(dpy, default_root(dpy), check, 0, 1, 0, xa_window, &type, &format, &n,
                             &after, &data) == 0 &&
                n == 1;
        if (data)
            x_free(data);
        close_display(dpy);
    }
    SDL_UnloadObject(x11);
    return found;
}

void display_prepare_environment(void)
{
    /* Not a transport libdbus knows: the session bus is simply absent, as it is anyway. */
    setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:", 0);
    setenv("XCOMPOSEFILE", "/dev/null", 0);
}

/* On a console (kmsdrm): the mode display_mode_choose picks among the screen's modes, in *out;
 * false to keep the screen's own mode. */
static bool console_mode(const char *setting, SDL_DisplayMode *out)
{
    struct display_mode_want want;
    char err[160];
    if (!display_mode_parse(setting, &want, err, sizeof err)) {
        LOG_WARN("display_mode: %s; using auto", err); /* config checked it already */
        want.kind = DISPLAY_MODE_AUTO;
    }
    SDL_DisplayMode desk;
    int n = SDL_GetNumDisplayModes(0);
    if (n <= 0 || SDL_GetDesktopDisplayMode(0, &desk) != 0)
        return false;
    struct display_mode_size *sizes = xcalloc((size_t)n, sizeof *sizes);
    for (int i = 0; i < n; i++) {
        SDL_DisplayMode m;
        if (SDL_GetDisplayMode(0, i, &m) == 0)
            sizes[i] = (struct display_mode_size){m.w, m.h, m.refresh_rate};
    }
    bool missing;
    int i = display_mode_choose(sizes, (size_t)n,
                                (struct display_mode_size){desk.w, desk.h, desk.refresh_rate},
                                &want, &missing);
    free(sizes);
    if (missing)
        LOG_WARN("display_mode %s: the screen offers no such mode; keeping its own %dx%d@%d",
                 setting, desk.w, desk.h, desk.refresh_rate);
    if (i < 0 || SDL_GetDisplayMode(0, i, out) != 0)
        return false;
    LOG_INFO("screen %dx%d@%d: using the %dx%d@%d mode%s", desk.w, desk.h, desk.refresh_rate,
             out->w, out->h, out->refresh_rate,
             want.kind == DISPLAY_MODE_AUTO ? " (display_mode = auto; see docs/deploy-pi.md)" : "");
    return true;
}

bool display_open_window(const struct display_options *opts, struct display *d)
{
    *d = (struct display){0};
    /* Keep the screen on: a kiosk is watched, not used. */
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    SDL_SetHint(SDL_HINT_RENDER_VSYNC, opts->vsync ? "1" : "0");
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "linear");
    if (SDL_InitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS) < 0) {
        LOG_ERR("cannot start video: %s (on a console, is the user in the video and render "
                "groups? on a desktop, is DISPLAY or WAYLAND_DISPLAY set?)",
                SDL_GetError());
        return false;
    }
    /* With no display at all SDL falls back to its offscreen driver: the show would run and
     * nobody would see it. Say so; a person at a terminal gets the prompt back. */
    const char *driver = SDL_GetCurrentVideoDriver();
    const char *asked = SDL_getenv("SDL_VIDEODRIVER");
    if (driver && (!strcmp(driver, "offscreen") || !strcmp(driver, "dummy")) &&
        !(asked && *asked)) {
        LOG_ERR("there is no screen to show the slides on: no desktop (DISPLAY and "
                "WAYLAND_DISPLAY are not set) and no console the kiosk can draw on, so SDL chose "
                "its \"%s\" driver, which shows nothing. To see the slides without a screen: "
                "kiosk render DIR --out FOLDER --sheet (PNG pictures); to preview on a desktop: "
                "kiosk DIR --window 1280x720 from a terminal of the desktop session",
                driver);
        if (isatty(STDIN_FILENO)) {
            SDL_QuitSubSystem(SDL_INIT_VIDEO);
            return false;
        }
    }
    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI;
    if (opts->fullscreen)
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    else
        flags |= SDL_WINDOW_RESIZABLE;
    int x = SDL_WINDOWPOS_CENTERED, y = SDL_WINDOWPOS_CENTERED;
    int w = opts->width, h = opts->height;
    SDL_DisplayMode mode;
    if (opts->fullscreen && SDL_GetDesktopDisplayMode(0, &mode) == 0) {
        /* Sized and placed like the screen from the start: without a window manager (a bare X
         * server, a kiosk session) nobody else would make the window fullscreen. */
        x = y = 0;
        w = mode.w;
        h = mode.h;
    }
    SDL_DisplayMode console;
    bool switch_mode = opts->fullscreen && driver && !strcmp(driver, "kmsdrm") &&
                       console_mode(opts->mode, &console);
    if (switch_mode) { /* a real mode switch: the screen scales the picture up itself */
        flags = (flags & ~(Uint32)SDL_WINDOW_FULLSCREEN_DESKTOP) | SDL_WINDOW_FULLSCREEN;
        w = console.w;
        h = console.h;
    }
    /* On X11, SDL asks the window manager for fullscreen and then polls up to 100 ms (in 10 ms
     * sleeps) for it to happen; with no window manager (a bare X server, a kiosk session) it
     * never does, so every start waited that long before anything could be drawn. There a
     * borderless window of the screen's size at 0,0 covers the screen just the same. */
    if (opts->fullscreen && !switch_mode && driver && !strcmp(driver, "x11") &&
        !x11_has_window_manager()) {
        LOG_INFO("no window manager: a borderless window the size of the screen");
        flags = (flags & ~(Uint32)SDL_WINDOW_FULLSCREEN_DESKTOP) | SDL_WINDOW_BORDERLESS;
    }
    d->window = SDL_CreateWindow(opts->title, x, y, w, h, flags);
    if (!d->window) {
        LOG_ERR("cannot create the window: %s", SDL_GetError());
        return false;
    }
    if (switch_mode && SDL_SetWindowDisplayMode(d->window, &console) != 0)
        LOG_WARN("cannot set the %dx%d@%d mode: %s", console.w, console.h, console.refresh_rate,
                 SDL_GetError());
    Uint32 rflags = SDL_RENDERER_ACCELERATED | SDL_RENDERER_TARGETTEXTURE;
    if (opts->vsync)
        rflags |= SDL_RENDERER_PRESENTVSYNC;
    /* SDL_RENDER_DRIVER in the environment still chooses, as SDL documents. */
    const char *forced = SDL_GetHint(SDL_HINT_RENDER_DRIVER);
    bool software = forced && strcmp(forced, "software") == 0;
    if ((!forced || !*forced) && !has_gpu_device()) {
        LOG_INFO("no GPU device in /dev/dri: using SDL's software renderer");
        rflags = SDL_RENDERER_SOFTWARE | SDL_RENDERER_TARGETTEXTURE;
        software = true;
    }
    /* The software renderer draws into the window's framebuffer: keep SDL from backing that
     * with OpenGL, which would upload every frame through Mesa's software GL on a machine
     * without a GPU (three times the CPU of a video on Xvfb) instead of putting it to X. */
    if (software)
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    d->renderer = SDL_CreateRenderer(d->window, -1, rflags);
    if (!d->renderer) {
        LOG_WARN("no accelerated renderer (%s); using the software renderer", SDL_GetError());
        d->renderer =
            SDL_CreateRenderer(d->window, -1, SDL_RENDERER_SOFTWARE | SDL_RENDERER_TARGETTEXTURE);
    }
    if (!d->renderer) {
        LOG_ERR("cannot create a renderer: %s", SDL_GetError());
        SDL_DestroyWindow(d->window);
        d->window = NULL;
        return false;
    }
    SDL_RendererInfo info;
    SDL_GetRendererInfo(d->renderer, &info);
    d->software = (info.flags & SDL_RENDERER_SOFTWARE) != 0;
    LOG_INFO("video driver %s, renderer %s%s, largest texture %dx%d", SDL_GetCurrentVideoDriver(),
             info.name, (info.flags & SDL_RENDERER_PRESENTVSYNC) ? " with vsync" : "",
             info.max_texture_width, info.max_texture_height);
    if (opts->fullscreen)
        SDL_ShowCursor(SDL_DISABLE);
    if (d->software)
        display_prime_framebuffer(d);
    return true;
}

bool display_open_headless(int width, int height, struct display *d)
{
    *d = (struct display){0};
    d->surface = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_RGBA32);
    if (!d->surface) {
        LOG_ERR("cannot allocate a %dx%d surface: %s", width, height, SDL_GetError());
        return false;
    }
    d->renderer = SDL_CreateSoftwareRenderer(d->surface);
    if (!d->renderer) {
        LOG_ERR("cannot create the software renderer: %s", SDL_GetError());
        SDL_FreeSurface(d->surface);
        d->surface = NULL;
        return false;
    }
    d->software = true;
    return true;
}

bool display_open_headless_gpu(int width, int height, const char *renderer, struct display *d)
{
    *d = (struct display){0};
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, renderer);
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "linear"); /* as display_open_window */
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) < 0) {
        LOG_ERR("cannot start video for the %s renderer: %s (it needs a display: DISPLAY, e.g. "
                "Xvfb)",
                renderer, SDL_GetError());
        return false;
    }
    d->window = SDL_CreateWindow("kiosk render", 0, 0, width, height,
                                 SDL_WINDOW_HIDDEN | SDL_WINDOW_OPENGL);
    if (!d->window) {
        LOG_ERR("cannot create a window for the %s renderer: %s", renderer, SDL_GetError());
        return false;
    }
    d->renderer =
        SDL_CreateRenderer(d->window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_TARGETTEXTURE);
    SDL_RendererInfo info;
    if (!d->renderer || SDL_GetRendererInfo(d->renderer, &info) != 0 ||
        strcmp(info.name, renderer) != 0) {
        LOG_ERR("no %s renderer: %s", renderer, d->renderer ? "SDL chose another" : SDL_GetError());
        display_close(d);
        return false;
    }
    d->target = SDL_CreateTexture(d->renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET,
                                  width, height);
    if (!d->target || SDL_SetRenderTarget(d->renderer, d->target) != 0) {
        LOG_ERR("%s: cannot draw into a %dx%d texture: %s", renderer, width, height,
                SDL_GetError());
        display_close(d);
        return false;
    }
    LOG_INFO("headless through the %s renderer, largest texture %dx%d", info.name,
             info.max_texture_width, info.max_texture_height);
    return true;
}

void display_output_size(const struct display *d, int *w, int *h)
{
    if (d->target && SDL_QueryTexture(d->target, NULL, NULL, w, h) == 0)
        return;
    if (SDL_GetRendererOutputSize(d->renderer, w, h) < 0 && d->surface) {
        *w = d->surface->w;
        *h = d->surface->h;
    }
}

void display_toggle_fullscreen(struct display *d)
{
    if (!d->window)
        return;
    bool full = (SDL_GetWindowFlags(d->window) & SDL_WINDOW_FULLSCREEN) != 0;
    SDL_SetWindowFullscreen(d->window, full ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP);
    SDL_ShowCursor(full ? SDL_ENABLE : SDL_DISABLE);
}

void display_close(struct display *d)
{
    if (d->target)
        SDL_DestroyTexture(d->target);
    if (d->renderer)
        SDL_DestroyRenderer(d->renderer);
    if (d->window)
        SDL_DestroyWindow(d->window);
    if (d->surface)
        SDL_FreeSurface(d->surface);
    *d = (struct display){0};
}

bool display_save_png(struct display *d, const char *path)
{
    int w, h;
    display_output_size(d, &w, &h);
    SDL_Surface *shot = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
    if (!shot)
        return false;
    bool ok = SDL_RenderReadPixels(d->renderer, NULL, SDL_PIXELFORMAT_RGBA32, shot->pixels,
                                   shot->pitch) == 0;
    /* Slides are opaque: drop any alpha the renderer left so viewers show what the screen
     * shows. */
    if (ok) {
        for (int y = 0; y < h; y++) {
            Uint8 *row = (Uint8 *)shot->pixels + y * shot->pitch;
            for (int x = 0; x < w; x++)
                row[x * 4 + 3] = 255;
        }
        ok = IMG_SavePNG(shot, path) == 0;
    }
    if (!ok)
        LOG_ERR("%s: cannot write PNG: %s", path, SDL_GetError());
    SDL_FreeSurface(shot);
    return ok;
}
