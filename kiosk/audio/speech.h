/* Recorded speech for accessible mode: one clip at a time (a page's Ogg Opus or Ogg Vorbis file,
 * checked by the playlist parser), played with SDL2_mixer at a volume from 0 to 10. The audio
 * device is opened at the first clip, so a kiosk whose content has no speech never opens one.
 * Headless tests use SDL's dummy or disk audio driver (SDL_AUDIODRIVER).
 *
 * Thread: the loop's; SDL2_mixer decodes on SDL's audio thread. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

struct speech;

/* A player; wake_event (an SDL user event type, 0: none) is pushed when a clip ends, so the
 * loop redraws the play control without polling. Never NULL. */
struct speech *speech_create(uint32_t wake_event);
void speech_destroy(struct speech *s);

/* Plays path from its start (stopping what played). False, logged, when the device or the file
 * cannot be opened. */
bool speech_play(struct speech *s, const char *path, int volume);
void speech_stop(struct speech *s);
void speech_set_volume(struct speech *s, int volume);
/* Whether a clip is still playing. */
bool speech_playing(const struct speech *s);
