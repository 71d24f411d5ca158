/* Which video mode the kiosk asks a console (kmsdrm) screen for: a pure function, so the choice
 * is tested with the mode lists of screens we do not have.
 *
 * Why: a 4K television offers 3840x2160, and SDL's fullscreen takes the screen's preferred mode.
 * A Pi 4 cannot crossfade 8.3 million pixels sixty times a second (each frame reads two pictures
 * and writes one: about 100 MB per frame); at 1920x1080 it moves a quarter of that, and the
 * screen scales the picture up itself. So on a screen larger than 1920x1080 that offers
 * 1920x1080, the kiosk takes 1920x1080, unless kiosk.conf says otherwise with `display_mode`
 * (docs/configuration.md). */
#ifndef KIOSK_PLATFORM_DISPLAY_MODE_H
#define KIOSK_PLATFORM_DISPLAY_MODE_H

#include <stdbool.h>
#include <stddef.h>

struct display_mode_size {
    int w, h;
    int refresh; /* Hz; 0: unknown */
};

/* What display_mode asks for. */
struct display_mode_want {
    enum { DISPLAY_MODE_AUTO, DISPLAY_MODE_NATIVE, DISPLAY_MODE_SIZE } kind;
    int w, h, refresh; /* SIZE only; refresh 0: any */
};

/* Parses a display_mode setting: "auto" (or empty: 1920x1080 on a larger screen that offers
 * it), "native" (the screen's own preferred mode) or "WxH" / "WxH@HZ" (1920x1080@50). False
 * with what was expected in err. */
bool display_mode_parse(const char *text, struct display_mode_want *want, char *err, size_t errlen);

/* Index into modes[n] of the mode to switch to, or -1 to keep the screen's current (desktop)
 * mode. With SIZE, the mode of that size with the refresh asked for, else the one nearest 60 Hz;
 * -1 when the screen offers no such size (*missing set true so the caller can say so). */
int display_mode_choose(const struct display_mode_size *modes, size_t n,
                        struct display_mode_size desktop, const struct display_mode_want *want,
                        bool *missing);

#endif
