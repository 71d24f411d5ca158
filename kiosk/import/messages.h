/* What staff read on the screen during an import, in the languages the kiosk speaks: the
 * overlay shows Hebrew first, then the playlist's other languages. Plain data, no SDL.
 *
 * Every message exists in Hebrew, Arabic, English and Russian; a language without a catalogue
 * returns NULL so the caller leaves that line out rather than show a mixture. Strings are
 * static UTF-8; the formatted ones are written into the caller's buffer. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "import/importer.h"

/* True when lang ("he", "ar-EG", ...) has a catalogue. */
bool import_message_has_language(const char *lang);

/* "Content update found on the USB stick" (from_inbox: "in the inbox folder"). */
const char *import_message_found(const char *lang, bool from_inbox);

/* What is happening now: "Copying...", "Checking the signature...", ... */
const char *import_message_phase(const char *lang, enum import_phase phase);

/* The result's headline: installed version N of group G, or refused with the reason in plain
 * words. Returns out, or NULL when lang has no catalogue. */
const char *import_message_result(const char *lang, const struct import_result *r, char *out,
                                  size_t outlen);

/* Copying the proof-of-play records onto the stick: under way ("do not remove it yet"),
 * done, or failed. */
enum import_export_state {
    IMPORT_EXPORT_NONE,
    IMPORT_EXPORT_PENDING,
    IMPORT_EXPORT_DONE,
    IMPORT_EXPORT_FAILED
};
const char *import_message_export(const char *lang, enum import_export_state state);

/* "You may remove the stick". */
const char *import_message_remove(const char *lang);
