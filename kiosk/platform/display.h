/* Display setup per environment, behind one small interface: a window (kmsdrm on a console,
 * X11/Wayland on a desktop, fullscreen or a resizable preview window) or a headless surface
 * (the `render` command and tests: SDL's software renderer, no video driver at all). */
#pragma once

#include <stdbool.h>

#include <SDL.h>

struct display_options {
    bool fullscreen; /* false: a resizable window of width x height */
    int width, height;
    bool vsync; /* always on for play: on kmsdrm, async flips garble the Pi's picture */
    const char *title;
    const char *mode; /* kiosk.conf's display_mode (platform/display_mode.h); NULL: auto */
};

struct display {
    SDL_Window *window;     /* NULL when headless */
    SDL_Surface *surface;   /* headless only: what the software renderer draws into */
    SDL_Texture *target;    /* headless through a GPU renderer: what it draws into */
    SDL_Renderer *renderer; /* owned by the display */
    bool software;          /* the renderer is SDL's software renderer */
};

/* Sets, where the environment does not already, what keeps SDL's video start-up from work a
 * kiosk has no use for: libdbus forking dbus-launch to look for a session bus that does not
 * exist (DBUS_SESSION_BUS_ADDRESS), and Xlib parsing the locale's compose table for text input
 * the kiosk never takes (XCOMPOSEFILE). Together about half of SDL_Init's time under X11. A
 * desktop session's real bus address is kept. Call at the start of main(), before any thread
 * exists: setenv is not thread-safe. */
void display_prepare_environment(void);

/* Opens a window and an accelerated renderer (falling back to software); logs the driver and
 * renderer in use. Initialises SDL video. */
bool display_open_window(const struct display_options *opts, struct display *d);

/* A width x height RGBA surface with a software renderer; needs no video driver. */
bool display_open_headless(int width, int height, struct display *d);

/* Headless through one of SDL's GPU renderers, named as SDL_RENDER_DRIVER names them
 * ("opengles2" is the Raspberry Pi's): a hidden width x height window (so a video driver: X11,
 * e.g. Xvfb, where Mesa's llvmpipe stands in for the GPU) and a target texture of that size the
 * frames are drawn into and read back from, so that nothing depends on the window being shown.
 * False, logged, when that renderer cannot be had: never quietly another. */
bool display_open_headless_gpu(int width, int height, const char *renderer, struct display *d);

void display_output_size(const struct display *d, int *w, int *h);
void display_toggle_fullscreen(struct display *d);
void display_close(struct display *d);

/* Writes what the renderer has drawn (headless: the surface; window: read back) to a PNG. */
bool display_save_png(struct display *d, const char *path);
