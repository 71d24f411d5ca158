/* Diagnostics: every problem with a file the user wrote, as
 * "file:line:column: json.path: what is wrong; what was expected" (docs/playlist.md).
 *
 * Ownership: a diag_list owns its items and their strings (copied by diag_add); release them
 * with diag_list_clear. Zero-initialise a list before first use. Not thread-safe. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum diag_severity { DIAG_ERROR, DIAG_WARNING };

struct diag {
    enum diag_severity severity;
    char *file;
    int line, column; /* 1-based; 0 when the problem is not at a place in the file */
    char *path;       /* JSON path such as "slides[2].image.fit"; "" for the whole document */
    char *message;
};

struct diag_list {
    struct diag *items;
    size_t count, capacity;
};

void diag_add(struct diag_list *list, enum diag_severity severity, const char *file, int line,
              int column, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
size_t diag_error_count(const struct diag_list *list);
/* Writes one line per diagnostic in the order found. */
void diag_print(const struct diag_list *list, FILE *out);
/* Formats one diagnostic as printed by diag_print (without newline): warnings carry "warning: "
 * before the path, an empty path is left out with its ": ", and line 0 leaves out
 * ":line:column". Caller frees. */
char *diag_format(const struct diag *d);
/* Frees every item; the list is empty and reusable afterwards. */
void diag_list_clear(struct diag_list *list);
