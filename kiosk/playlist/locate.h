/* Maps JSON paths to places in the JSON text, for messages. jansson keeps no positions for
 * the values of a parsed document, so validation errors find their line and column here by
 * scanning the text again.
 *
 * Lines and columns are 1-based; a column counts characters (UTF-8 code points), not bytes,
 * the way jansson counts them in its syntax errors. Tabs count as one character.
 * The scanner never reads past `len` and tolerates malformed text (it then answers false or
 * a shorter path); it is used on documents jansson rejected too. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* One step of a path: a member of an object (key != NULL) or an element of an array. */
struct json_path_seg {
    const char *key; /* borrowed; NULL for an array index */
    size_t index;
};

/* Finds the value at path (depth steps from the root) and returns the byte offset of its first
 * character, or of its key's opening quote when at_key is set (the last step must then be a key;
 * for the root, at_key is ignored). False when the text holds no such value. */
bool json_locate(const char *text, size_t len, const struct json_path_seg *path, size_t depth,
                 bool at_key, size_t *offset);

/* Line and column (1-based, columns in code points) of a byte offset; an offset at or past the
 * end gives the place just after the last character. */
void json_line_column(const char *text, size_t len, size_t offset, int *line, int *column);

/* The path of the innermost value that contains the byte offset, as printed in messages
 * ("slides[1].image"); keys of objects whose key is not yet complete are left out. Caller frees.
 * Best effort on malformed text. */
char *json_path_at(const char *text, size_t len, size_t offset);

/* Appends one step to a printed path: ".key", "[3]", or ["odd key"] for keys that are not plain
 * identifiers. Returns a new string; the caller frees it and still owns `path`. */
char *json_path_append(const char *path, const struct json_path_seg *seg);
