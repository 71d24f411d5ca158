/* Libraries opened on first use instead of at start.
 *
 * Why: FFmpeg (video), SDL2_mixer (speech) and libmicrohttpd (the studio) bring about a hundred
 * shared libraries of their own (codecs, GnuTLS, FluidSynth ...). Linked into the binary, every
 * start maps and relocates all of them, whatever the playlist holds: most of the first picture's
 * time and of the resident memory (docs/architecture.md, "Libraries loaded late"). Opened here,
 * they cost nothing until a clip, a recording or the studio needs them.
 *
 * Each user keeps a table of function pointers typed from the library's own header (so the
 * compiler checks every call as if it were linked) and a list of struct dynlib_symbol naming
 * them; dynlib_load() fills the table once. The Debian package depends on those libraries by
 * name (packaging/debian/control), since the package tools cannot see a dlopen.
 *
 * Thread: any; the caller makes sure one table is loaded once (pthread_once). Libraries stay
 * open for the life of the process.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct dynlib_symbol {
    const char *library; /* a soname: "libavcodec.so.59" */
    const char *name;    /* "avcodec_open2" */
    void **slot;         /* where its address goes */
};

/* Opens every library the list names (RTLD_NOW | RTLD_LOCAL) and looks up every symbol. On
 * failure returns false with the first problem in why ("libavcodec.so.59: cannot open shared
 * object file: No such file or directory"), and the slots must not be used.
 *
 * For tests: a soname listed in the environment variable KIOSK_TEST_HIDE_LIBRARIES (separated
 * by commas) fails to open, as it would on a machine without it. */
bool dynlib_load(const struct dynlib_symbol *symbols, size_t count, char *why, size_t whylen);
