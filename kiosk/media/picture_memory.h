/* Memory for pictures: screen-sized buffers get all their pages in one call, not one fault at a
 * time.
 *
 * Every picture buffer is a fresh mapping from the system (main() sets glibc's mmap threshold so
 * freed pictures are returned at once), and SDL zero-fills every new surface. Touching a new
 * 8 MB buffer page by page takes one page fault per 4 KiB; on the virtual machines we test on
 * that is 25-35 ms per screen-sized buffer, and start-up touches five of them before the first
 * picture is on screen. Asking the kernel for all the pages at once (MADV_POPULATE_WRITE, Linux
 * 5.14) costs a quarter of that. Where the kernel does not know it, nothing changes.
 *
 * Thread: any. The SDL hook is process-wide and must be installed before any other SDL call.
 */
#pragma once

#include <stddef.h>

/* Allocations at least this large are prefaulted by the SDL hook: pictures, not bookkeeping. */
#define PICTURE_MEMORY_MIN_BYTES ((size_t)1 << 20)

/* Backs every whole page inside [p, p + len) with memory now, as writing to it would. The
 * contents do not change. Failure (an old kernel) is silent: the pages then come on first use. */
void picture_memory_prefault(void *p, size_t len);

/* Makes SDL's allocator (surfaces, textures of the software renderer) prefault allocations of at
 * least PICTURE_MEMORY_MIN_BYTES. Call first thing in main(), before any other SDL function:
 * SDL must free with the allocator it allocated with. */
void picture_memory_for_sdl(void);
