/* Hints for hand-written JSON (parse_hints.c): the real cause of a syntax error, the nearest
 * known name for a typo, and language codes. For the parser's files only. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* jansson stopped at the token starting at `offset` of text[0..len): when the cause is a
 * trailing comma, a typographic quote (“ ” „) or a " inside a text, returns true with the
 * place of the cause in *at and a message in *message (caller frees). A missing comma between
 * two values is named too. */
bool parse_syntax_hint(const char *text, size_t len, size_t offset, size_t *at, char **message);

/* The name in NULL-terminated `names` nearest to `name` by edit distance (letter case ignored),
 * if it is close enough to be a typo; else NULL. Points into names. */
const char *parse_nearest_name(const char *name, const char *const *names);

/* Whether a well-formed tag's language ("he" of "he-IL") is an ISO 639-1 code; when not,
 * *suggestion may name the code that was meant ("eng" -> "en"), else NULL. */
bool parse_language_known(const char *tag, const char **suggestion);
