/* Shared by the media tests: the shared assertions (check.h), and fixtures written
 * at test time into a private temporary directory (nothing binary is committed). */
#pragma once

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "check.h"

/* Makes a fresh temporary directory, removed with everything in it by fixture_cleanup(). */
const char *fixture_dir(void);
void fixture_cleanup(void);
/* dir/name in a static rotating buffer (good for a few calls at once). */
const char *fixture_path(const char *name);

void fixture_write(const char *path, const void *data, size_t len);
/* A w x h RGBA32 surface in four quadrants: red top left, green top right, blue bottom left,
 * white bottom right: every one of the 8 EXIF orientations gives a different picture. */
SDL_Surface *fixture_quadrants(int w, int h);
/* The stored pixels that show `display` after EXIF `orientation`, built from the spec's table of
 * where the stored 0th row and 0th column lie (independent of the decoder's mapping). */
SDL_Surface *fixture_stored_for(SDL_Surface *display, int orientation);
/* JPEG bytes (caller frees) of an RGBA32 surface: 4:4:4, quality 95, tjflags (e.g.
 * TJFLAG_PROGRESSIVE). */
uint8_t *fixture_jpeg(SDL_Surface *s, int tjflags, size_t *len);
/* Grayscale and CMYK JPEGs of the same surface. */
uint8_t *fixture_jpeg_gray(SDL_Surface *s, size_t *len);
uint8_t *fixture_jpeg_cmyk(SDL_Surface *s, size_t *len);
/* A copy of jpeg with an EXIF APP1 carrying `orientation` inserted after SOI; big_endian picks
 * "MM" or "II" TIFF byte order. Caller frees. */
uint8_t *fixture_with_exif(const uint8_t *jpeg, size_t len, int orientation, bool big_endian,
                           size_t *out_len);
/* Writes surface as PNG to path (IMG_SavePNG). */
void fixture_write_png(const char *path, SDL_Surface *s);
/* A valid PNG declaring w x h with a tiny IDAT: a decompression bomb's header. */
uint8_t *fixture_png_bomb(uint32_t w, uint32_t h, size_t *len);
/* Pixel of an RGBA32 surface near (r, g, b) within tol per channel. */
bool fixture_pixel_near(SDL_Surface *s, int x, int y, int r, int g, int b, int tol);
