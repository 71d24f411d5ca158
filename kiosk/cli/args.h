/* Small helpers shared by the subcommands' option parsing. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

/* Parses "1920x1080" into w and h (each 16..16384). */
bool args_parse_size(const char *s, int *w, int *h);
/* Parses a non-negative decimal number. */
bool args_parse_uint(const char *s, uint64_t *out);
bool args_parse_double(const char *s, double lo, double hi, double *out);

/* A local date and time as the commands take it: "YYYY-MM-DD HH:MM" (also with a 'T' or
 * seconds), or a date alone "YYYY-MM-DD", read as its midnight (or, with end_of_day, as the
 * next midnight, so that "--to 2027-04-25" includes the 25th). False when malformed. */
struct civil_time;
bool args_parse_civil(const char *s, bool end_of_day, struct civil_time *out);

/* The playlist folder a command was given: DIR itself, or DIR/content when DIR is an installed
 * version or the kiosk's `current` link (/var/lib/kiosk/current holds content/playlist.json),
 * said on stderr so the reader knows which folder is meant. Returns dir or a string that lives
 * as long as the process. */
const char *args_content_dir(const char *dir);
