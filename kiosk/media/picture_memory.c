#include "media/picture_memory.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include <SDL.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14; older C libraries lack the name */
#endif

void picture_memory_prefault(void *p, size_t len)
{
    static size_t page;
    if (!page) {
        long ps = sysconf(_SC_PAGESIZE);
        page = ps > 0 ? (size_t)ps : 4096;
    }
    /* madvise works on whole pages: the interior of a malloc block is page-aligned on neither
     * end. The partial pages at its ends are not worth a second call. */
    uintptr_t start = ((uintptr_t)p + page - 1) & ~(uintptr_t)(page - 1);
    uintptr_t end = ((uintptr_t)p + len) & ~(uintptr_t)(page - 1);
    if (end > start)
        (void)madvise((void *)start, end - start, MADV_POPULATE_WRITE);
}

static void *prefault_malloc(size_t size)
{
    void *p = malloc(size);
    if (p && size >= PICTURE_MEMORY_MIN_BYTES)
        picture_memory_prefault(p, size);
    return p;
}

static void *prefault_calloc(size_t n, size_t size)
{
    void *p = calloc(n, size);
    /* calloc has checked n * size for overflow before this product is used. */
    if (p && size && n >= PICTURE_MEMORY_MIN_BYTES / size)
        picture_memory_prefault(p, n * size);
    return p;
}

static void *prefault_realloc(void *old, size_t size)
{
    void *p = realloc(old, size);
    if (p && size >= PICTURE_MEMORY_MIN_BYTES)
        picture_memory_prefault(p, size);
    return p;
}

static void prefault_free(void *p)
{
    free(p);
}

void picture_memory_for_sdl(void)
{
    SDL_SetMemoryFunctions(prefault_malloc, prefault_calloc, prefault_realloc, prefault_free);
}
