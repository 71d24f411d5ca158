/* Libraries opened on first use (dynlib.h). */
#include "base/dynlib.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool hidden_for_test(const char *soname)
{
    const char *list = getenv("KIOSK_TEST_HIDE_LIBRARIES");
    size_t n = strlen(soname);
    for (const char *p = list; p && *p;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && memcmp(p, soname, n) == 0)
            return true;
        p = end ? end + 1 : NULL;
    }
    return false;
}

/* The handle of a library already opened by this list, so that each is opened (and counted by
 * the dynamic loader) once. */
static void *open_library(const char *soname, char *why, size_t whylen)
{
    if (hidden_for_test(soname)) {
        snprintf(why, whylen,
                 "%s: cannot open shared object file (hidden by "
                 "KIOSK_TEST_HIDE_LIBRARIES)",
                 soname);
        return NULL;
    }
    void *handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char *err = dlerror();
        snprintf(why, whylen, "%s", err ? err : soname);
    }
    return handle;
}

bool dynlib_load(const struct dynlib_symbol *symbols, size_t count, char *why, size_t whylen)
{
    const char *open_name = NULL;
    void *handle = NULL;
    for (size_t i = 0; i < count; i++) {
        const struct dynlib_symbol *s = &symbols[i];
        if (!open_name || strcmp(open_name, s->library) != 0) {
            /* Lists name their symbols library by library: a library seen before is opened
             * again only if the list goes back to it, which dlopen counts and handles. */
            handle = open_library(s->library, why, whylen);
            if (!handle)
                return false;
            open_name = s->library;
        }
        dlerror();
        void *address = dlsym(handle, s->name);
        if (!address) {
            snprintf(why, whylen, "%s: no symbol %s (a different version of the library?)",
                     s->library, s->name);
            return false;
        }
        *s->slot = address;
    }
    return true;
}
