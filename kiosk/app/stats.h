/* Frame statistics for `--stats`: how much a presented frame costs, and how much CPU the
 * process burns while a slide is still (the budget is under 1% of one core). */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define STATS_MAX_SAMPLES 100000

struct stats {
    uint64_t frames;
    float *frame_ms; /* cost of each presented frame: draw + present */
    uint64_t samples;
    /* Still periods: CPU and wall time while no frame is being animated. */
    bool still;
    int64_t still_wall_start_ns, still_cpu_start_ns;
    int64_t still_wall_ns, still_cpu_ns;
};

void stats_init(struct stats *s);
void stats_frame(struct stats *s, int64_t cost_ns);
/* Called whenever the loop knows whether the picture is animating. */
void stats_set_still(struct stats *s, bool still);
/* Prints "stats: frames=N frame_ms_mean=X frame_ms_p95=Y frame_ms_max=Z still_cpu_pct=P
 * still_seconds=S". */
void stats_print(struct stats *s, FILE *out);
void stats_free(struct stats *s);

/* CPU time of this process (user + system) in ns. */
int64_t stats_cpu_ns(void);
