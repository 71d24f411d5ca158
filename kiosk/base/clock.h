/* Time for playback: the monotonic clock only, so a wall-clock jump never stalls or skips a
 * slide. Wall-clock time is for schedules, which do not use this module. */
#pragma once

#include <stdint.h>

/* Milliseconds on CLOCK_MONOTONIC since an arbitrary start. */
int64_t clock_now_ms(void);
/* Nanoseconds on CLOCK_MONOTONIC, for benchmarks and frame timing. */
int64_t clock_now_ns(void);
