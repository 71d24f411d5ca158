/* The scheduler as a pure function of durations and a play clock: which slide shows when,
 * transitions, pausing, manual navigation, skipped slides. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "sched/sched.h"

/* Three slides: 5 s, 4 s, 6 s; transitions into them: cut, crossfade 1 s, push 2 s. */
static struct playlist *make(void)
{
    static struct slide slides[3];
    static struct playlist pl;
    memset(slides, 0, sizeof(slides));
    slides[0] = (struct slide){.id = "a", .duration = 5, .transition = {TRANSITION_CUT, 0}};
    slides[1] = (struct slide){.id = "b", .duration = 4, .transition = {TRANSITION_CROSSFADE, 1}};
    slides[2] = (struct slide){.id = "c", .duration = 6, .transition = {TRANSITION_PUSH, 2}};
    pl = (struct playlist){.slides = slides, .slide_count = 3, .width = 1920, .height = 1080};
    return &pl;
}

/* Runs the loop's tick at every `step` ms from t0 to t1, as the app would. */
static void run(struct sched *s, struct playlist *pl, int64_t t0, int64_t t1, int64_t step)
{
    for (int64_t t = t0; t < t1; t += step)
        sched_tick(s, pl, t);
    sched_tick(s, pl, t1);
}

static void test_timeline(void)
{
    struct playlist *pl = make();
    struct sched s;
    sched_init(&s, pl, 1000);
    /* Table: at play time t (ms after start), which slide, from which, progress. */
    static const struct {
        int64_t t;
        size_t slide, from;
        double progress;
    } rows[] = {
        {0, 0, SCHED_NONE, 1.0},     {4999, 0, SCHED_NONE, 1.0}, {5000, 1, 0, 0.0},
        {5500, 1, 0, 0.5},           {6000, 1, SCHED_NONE, 1.0}, {8999, 1, SCHED_NONE, 1.0},
        {9000, 2, 1, 0.0},           {10000, 2, 1, 0.5},         {11000, 2, SCHED_NONE, 1.0},
        {15000, 0, SCHED_NONE, 1.0}, /* wraps; the cut into slide a has no transition */
        {20000, 1, 0, 0.0},
    };
    int64_t last = 1000;
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        run(&s, pl, last, 1000 + rows[i].t, 10);
        last = 1000 + rows[i].t;
        struct sched_frame f = sched_frame(&s, pl, last);
        CHECK(f.slide == rows[i].slide, "t=%lld: slide %zu, expected %zu", (long long)rows[i].t,
              f.slide, rows[i].slide);
        CHECK(f.from == rows[i].from, "t=%lld: from %zu, expected %zu", (long long)rows[i].t,
              f.from, rows[i].from);
        CHECK_NEAR(f.progress, rows[i].progress, 1e-9, "progress");
        CHECK(f.animating == (f.from != SCHED_NONE), "t=%lld: animating only in transitions",
              (long long)rows[i].t);
    }
    sched_free(&s);
}

static void test_due(void)
{
    struct playlist *pl = make();
    struct sched s;
    sched_init(&s, pl, 0);
    CHECK(sched_ms_until_due(&s, pl, 0) == 5000, "due in 5 s at start");
    CHECK(sched_ms_until_due(&s, pl, 4000) == 1000, "due in 1 s after 4 s");
    CHECK(sched_ms_until_due(&s, pl, 7000) == 0, "overdue reads 0, never negative");
    sched_free(&s);
}

static void test_pause(void)
{
    struct playlist *pl = make();
    struct sched s;
    sched_init(&s, pl, 0);
    sched_pause(&s, true, 2000);
    CHECK(sched_paused(&s), "paused");
    CHECK(sched_ms_until_due(&s, pl, 100000) == -1, "nothing due while paused");
    CHECK(!sched_tick(&s, pl, 100000), "no change while paused");
    sched_pause(&s, false, 100000);
    /* 2 s had played before the pause: 3 s remain. */
    CHECK(sched_ms_until_due(&s, pl, 100000) == 3000, "resumes where it stopped: %lld",
          (long long)sched_ms_until_due(&s, pl, 100000));
    sched_free(&s);
}

static void test_manual(void)
{
    struct playlist *pl = make();
    struct sched s;
    sched_init(&s, pl, 0);
    sched_next(&s, pl, 1000);
    CHECK(s.current == 1, "next goes to b");
    struct transition t = sched_transition_into(&s, pl, 1);
    CHECK(t.duration <= 0.5, "a key-driven change is quick: %g", t.duration);
    CHECK(sched_ms_until_due(&s, pl, 1000) == 4000, "b gets its full duration");
    sched_prev(&s, pl, 1200);
    sched_prev(&s, pl, 1300);
    CHECK(s.current == 2, "previous wraps from a to c: %zu", s.current);
    sched_free(&s);
}

static void test_unplayable(void)
{
    struct playlist *pl = make();
    struct sched s;
    sched_init(&s, pl, 0);
    sched_set_playable(&s, pl, 1, false, 0);
    run(&s, pl, 0, 5000, 10);
    CHECK(s.current == 2, "b is skipped: a goes straight to c (%zu)", s.current);
    sched_set_playable(&s, pl, 2, false, 5100);
    CHECK(s.current == 0, "the current slide failing moves on at once");
    struct sched_frame f = sched_frame(&s, pl, 5100);
    CHECK(f.from == SCHED_NONE, "no transition from a slide that failed");
    sched_set_playable(&s, pl, 0, false, 5200);
    f = sched_frame(&s, pl, 5200);
    CHECK(f.slide == SCHED_NONE, "nothing playable: the fallback shows");
    CHECK(sched_ms_until_due(&s, pl, 5200) == -1, "nothing is due");
    sched_set_playable(&s, pl, 1, true, 6000);
    CHECK(s.current == 1, "a slide becoming playable again starts");
    sched_free(&s);
}

static void test_stall(void)
{
    /* A 42 s stall (a slow disk, a suspended machine) lands on the slide that should be
     * playing now, without showing a transition that is over. The cycle is a 0-5, b 5-9,
     * c 9-15 s; 42 s is 12 s into the third cycle: c, which started 3 s ago. */
    struct playlist *pl = make();
    struct sched s;
    sched_init(&s, pl, 0);
    CHECK(sched_tick(&s, pl, 42000), "changed");
    CHECK(s.current == 2, "lands on c (%zu)", s.current);
    struct sched_frame f = sched_frame(&s, pl, 42000);
    CHECK(f.from == SCHED_NONE, "a transition that is already over is not shown");
    sched_free(&s);
}

static void test_single_slide(void)
{
    struct playlist *pl = make();
    pl->slide_count = 1;
    struct sched s;
    sched_init(&s, pl, 0);
    sched_tick(&s, pl, 5000);
    struct sched_frame f = sched_frame(&s, pl, 5000);
    CHECK(f.slide == 0 && f.from == SCHED_NONE,
          "one slide loops without transitioning into itself");
    CHECK(!f.animating, "and stays still");
    sched_free(&s);
    pl->slide_count = 3;
}

int main(void)
{
    test_timeline();
    test_due();
    test_pause();
    test_manual();
    test_unplayable();
    test_stall();
    test_single_slide();
    return check_summary();
}
