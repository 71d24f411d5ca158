/* The SDL adapter: SDL mouse and touch events to pointer events on the logical screen. The only
 * file of kiosk/input that knows SDL.
 *
 * - Touch (SDL_FINGERDOWN/MOTION/UP): SDL's coordinates are normalised 0..1 over the panel (the
 *   whole touch device under kmsdrm and evdev, the window under X11 and Wayland); the touch
 *   rotation turns them into screen pixels.
 * - Mouse (SDL_MOUSEBUTTONDOWN/UP with the left button, SDL_MOUSEMOTION while it is held): window
 *   coordinates of a window_w x window_h window in the panel's orientation; the mouse rotation
 *   (0 unless the player turns the picture itself) and a scale to the screen's pixels.
 * - Ignored: the mouse events SDL makes up from touches (which == SDL_TOUCH_MOUSEID; the finger
 *   events carry the touch already), the touch events SDL makes up from the mouse (touchId ==
 *   SDL_MOUSE_TOUCHID; off by default, SDL_HINT_MOUSE_TOUCH_EVENTS), other buttons, the wheel,
 *   and everything else.
 *
 * Times: SDL stamps events with SDL_GetTicks(); pointer events carry the kiosk's monotonic clock.
 * The caller passes both clocks' "now" and an event is placed that long before now_ms as it is
 * old by SDL's clock (an event with no stamp, or stamped in SDL's future, happens at now_ms).
 * No video initialisation is needed: the translation is plain arithmetic on the event. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include <SDL.h>

#include "input/gesture.h"
#include "input/rotate.h"

struct sdl_input {
    struct rotate_map touch; /* touch rotation; the screen size */
    struct rotate_map mouse; /* mouse rotation; the same screen size */
    int window_w, window_h;  /* the window, in the units of mouse coordinates */
};

/* screen_w x screen_h: the renderer's output as the viewer sees it (SDL_GetRendererOutputSize
 * when the player does not turn the picture itself); window_w x window_h: SDL_GetWindowSize.
 * Call again after a resize. */
void sdl_input_init(struct sdl_input *s, enum rotation touch_rotation, enum rotation mouse_rotation,
                    int screen_w, int screen_h, int window_w, int window_h);

/* Translates ev into *out. Returns false for events that are not pointer events to follow. */
bool sdl_input_translate(const struct sdl_input *s, const SDL_Event *ev, int64_t now_ms,
                         uint32_t sdl_ticks_now, struct pointer_event *out);
