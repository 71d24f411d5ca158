/* Language tags and the reading direction they imply. */
#pragma once

#include <stdbool.h>

/* True for languages written right to left (he, ar, fa, ur, yi, ...); the tag may carry a
 * region ("he-IL"). */
bool lang_is_rtl(const char *tag);

/* True when tag looks like a BCP 47 primary language subtag with an optional region: "he",
 * "en", "ru", "ar", "am", "he-IL". */
bool lang_tag_valid(const char *tag);
