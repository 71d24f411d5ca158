/* Small helpers shared by the subcommands' option parsing. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

/* Parses "1920x1080" into w and h (each 16..16384). */
bool args_parse_size(const char *s, int *w, int *h);
/* Parses a non-negative decimal number. */
bool args_parse_uint(const char *s, uint64_t *out);
bool args_parse_double(const char *s, double lo, double hi, double *out);
