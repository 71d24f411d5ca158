#include "input/idle.h"

void idle_init(struct idle_timer *t, int64_t timeout_ms, int64_t now_ms)
{
    t->timeout_ms = timeout_ms;
    t->last_ms = now_ms;
}

void idle_activity(struct idle_timer *t, int64_t now_ms)
{
    if (now_ms > t->last_ms)
        t->last_ms = now_ms;
}

bool idle_due(const struct idle_timer *t, int64_t now_ms)
{
    return t->timeout_ms > 0 && now_ms - t->last_ms >= t->timeout_ms;
}

int64_t idle_ms_until_due(const struct idle_timer *t, int64_t now_ms)
{
    if (t->timeout_ms <= 0)
        return -1;
    int64_t left = t->last_ms + t->timeout_ms - now_ms;
    return left > 0 ? left : 0;
}
