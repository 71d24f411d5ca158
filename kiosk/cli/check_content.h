/* The check `kiosk check` and `kiosk bundle` share, so that they give one verdict, the one the
 * kiosk's importer gives (app/import_check.c: the same content_load with strict text). */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct config;
struct diag_list;
struct text_engine;

/* Loads DIR as the kiosk would, with text checked strictly, and prints every message once to
 * stderr (file:line:col: path: message). `who` prefixes the lines that are not about a place
 * in the file ("check", "bundle"). When the fonts cannot be loaded, text is not checked: a
 * warning for `kiosk check`; with fonts_required (bundle), an error, as on the kiosk. Returns
 * the number of errors; *warnings (optional) receives the number of warnings, and *summary
 * (optional; caller frees) "\"name\": N slides, WxH" when the playlist loaded, else NULL. */
size_t check_content(const char *dir, const struct config *cfg, const char *who,
                     bool fonts_required, size_t *warnings, char **summary);

/* The same check, its messages collected instead of printed (the studio shows each beside its
 * field): diags receives every message, notes (NULL: none) the accessibility notes that are
 * not messages (pages without recorded speech); *fonts_missing says the fonts could not be loaded
 * (text not checked). The engine is borrowed; NULL: one is made for the call. *summary as above. */
void check_content_collect(const char *dir, const struct config *cfg, struct text_engine *engine,
                           struct diag_list *diags, FILE *notes, bool *fonts_missing,
                           char **summary);

/* Whether every file and folder in DIR is one a bundle carries and the kiosk unpacks: names of
 * letters, digits, '.', '_' and '-', plain files and folders (no links), sizes and counts within
 * the kiosk's limits; hidden entries are left out, as by `kiosk bundle`. Prints the first
 * problem as "kiosk: WHO: PATH: ..." (cmd_bundle.c, which packs exactly what this accepts). */
bool check_folder_files(const char *dir, const char *who);
