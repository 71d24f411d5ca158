#include "app/stats.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "base/clock.h"
#include "base/xmalloc.h"

int64_t stats_cpu_ns(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ((int64_t)ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000000 +
           ((int64_t)ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000;
}

void stats_init(struct stats *s)
{
    memset(s, 0, sizeof(*s));
    s->frame_ms = xmalloc(STATS_MAX_SAMPLES * sizeof(float));
}

void stats_frame(struct stats *s, int64_t cost_ns)
{
    s->frames++;
    if (s->samples < STATS_MAX_SAMPLES)
        s->frame_ms[s->samples++] = (float)cost_ns / 1e6f;
}

void stats_set_still(struct stats *s, bool still)
{
    if (still == s->still)
        return;
    int64_t wall = clock_now_ns(), cpu = stats_cpu_ns();
    if (still) {
        s->still_wall_start_ns = wall;
        s->still_cpu_start_ns = cpu;
    } else {
        s->still_wall_ns += wall - s->still_wall_start_ns;
        s->still_cpu_ns += cpu - s->still_cpu_start_ns;
    }
    s->still = still;
}

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

void stats_print(struct stats *s, FILE *out)
{
    stats_set_still(s, false);
    double mean = 0, p95 = 0, max = 0;
    if (s->samples) {
        for (uint64_t i = 0; i < s->samples; i++)
            mean += s->frame_ms[i];
        mean /= (double)s->samples;
        qsort(s->frame_ms, s->samples, sizeof(float), cmp_float);
        p95 = s->frame_ms[(s->samples * 95) / 100 < s->samples ? (s->samples * 95) / 100
                                                               : s->samples - 1];
        max = s->frame_ms[s->samples - 1];
    }
    double still_pct =
        s->still_wall_ns > 0 ? 100.0 * (double)s->still_cpu_ns / (double)s->still_wall_ns : 0;
    fprintf(out,
            "stats: frames=%llu frame_ms_mean=%.2f frame_ms_p95=%.2f frame_ms_max=%.2f "
            "still_cpu_pct=%.3f still_seconds=%.1f\n",
            (unsigned long long)s->frames, mean, p95, max, still_pct,
            (double)s->still_wall_ns / 1e9);
}

void stats_free(struct stats *s)
{
    free(s->frame_ms);
    s->frame_ms = NULL;
}
