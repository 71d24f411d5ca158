/* The idle timer: back to the loop at exactly the timeout after the last activity. */
#include "check.h"
#include "input/idle.h"

static void test_table(void)
{
    static const struct {
        const char *what;
        int64_t timeout;
        int64_t start;
        int64_t activity[3]; /* 0: none */
        int64_t now;
        bool due;
        int64_t left;
    } rows[] = {
        {"just started", 60000, 1000, {0}, 1000, false, 60000},
        {"a millisecond before", 60000, 1000, {0}, 60999, false, 1},
        {"exactly at the timeout", 60000, 1000, {0}, 61000, true, 0},
        {"long after", 60000, 1000, {0}, 500000, true, 0},
        {"a touch restarts it", 60000, 1000, {30000}, 61000, false, 29000},
        {"the last touch counts", 60000, 1000, {30000, 45000, 50000}, 109999, false, 1},
        {"the last touch, exactly", 60000, 1000, {30000, 45000, 50000}, 110000, true, 0},
        {"an old event changes nothing", 60000, 1000, {50000, 20000}, 110000, true, 0},
        {"configured 5 s", 5000, 0, {2000}, 7000, true, 0},
        {"off", 0, 0, {0}, 10000000, false, -1},
        {"off, negative", -1, 0, {5}, 10000000, false, -1},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        struct idle_timer t;
        idle_init(&t, rows[i].timeout, rows[i].start);
        for (size_t k = 0; k < 3 && rows[i].activity[k]; k++)
            idle_activity(&t, rows[i].activity[k]);
        bool due = idle_due(&t, rows[i].now);
        int64_t left = idle_ms_until_due(&t, rows[i].now);
        CHECK(due == rows[i].due, "%s: due %d", rows[i].what, due);
        CHECK(left == rows[i].left, "%s: %lld ms left, expected %lld", rows[i].what,
              (long long)left, (long long)rows[i].left);
    }
}

int main(void)
{
    test_table();
    CHECK(IDLE_TIMEOUT_MS == 60000, "the default is 60 s");
    return check_summary();
}
