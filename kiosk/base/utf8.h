/* UTF-8 decoding for checks over text that came from a playlist. */
#pragma once

#include <stddef.h>
#include <stdint.h>

/* Decodes the code point at s[*i], advancing *i past it; malformed or overlong sequences,
 * surrogates and values over U+10FFFF yield U+FFFD and advance by one byte. */
uint32_t utf8_next(const char *s, size_t len, size_t *i);
