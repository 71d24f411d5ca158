#include "playlist/diag.h"
#include "base/xmalloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void diag_add(struct diag_list *list, enum diag_severity severity, const char *file, int line,
              int column, const char *path, const char *fmt, ...)
{
    list->items = xgrow(list->items, &list->capacity, list->count + 1, sizeof(*list->items));
    struct diag *d = &list->items[list->count++];
    d->severity = severity;
    d->file = xstrdup(file ? file : "");
    d->line = line;
    d->column = column;
    d->path = xstrdup(path ? path : "");

    va_list ap;
    va_start(ap, fmt);
    d->message = xvasprintf(fmt, ap);
    va_end(ap);
}

size_t diag_error_count(const struct diag_list *list)
{
    size_t n = 0;
    for (size_t i = 0; i < list->count; i++)
        if (list->items[i].severity == DIAG_ERROR)
            n++;
    return n;
}

char *diag_format(const struct diag *d)
{
    char where[64] = "";
    if (d->line > 0)
        snprintf(where, sizeof(where), ":%d:%d", d->line, d->column > 0 ? d->column : 1);
    return xasprintf("%s%s: %s%s%s%s", d->file, where,
                     d->severity == DIAG_WARNING ? "warning: " : "", d->path,
                     d->path[0] ? ": " : "", d->message);
}

void diag_print(const struct diag_list *list, FILE *out)
{
    for (size_t i = 0; i < list->count; i++) {
        char *line = diag_format(&list->items[i]);
        fprintf(out, "%s\n", line);
        free(line);
    }
}

void diag_list_clear(struct diag_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].file);
        free(list->items[i].path);
        free(list->items[i].message);
    }
    free(list->items);
    list->items = NULL;
    list->count = list->capacity = 0;
}
