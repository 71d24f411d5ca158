/* Screen power: detection order and fallback, the commands sent for on and off, a method that
 * stops working, and that nothing blocks the caller. Stub scripts in a temporary folder stand in
 * for vcgencmd and cec-ctl; they log their arguments, one call a line, to <name>.log. A regular
 * file stands in for /dev/cec0 (detection only checks that it can be opened for reading and
 * writing; the stub does the rest). */
#define _GNU_SOURCE /* mkdtemp */
#define LOG_MODULE "test_power"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/log.h"
#include "platform/power.h"

#include "check.h"

#define TIMEOUT_MS 400 /* the stubs' deadline: short, so the hanging ones cost little */
#define WAIT_MS 10000  /* power_wait_idle in the tests: generous for a loaded machine */

static char dir[512];

/* The stubs. $LOG is set per stub by writing it into the script. */
static const char *const stub_bodies[][2] = {
    /* vcgencmd with the firmware in charge of the display. */
    {"vcgencmd-ok", "case \"$*\" in\n"
                    "'display_power') echo display_power=1 ;;\n"
                    "'display_power 0') echo display_power=0 ;;\n"
                    "'display_power 1') echo display_power=1 ;;\n"
                    "*) exit 2 ;;\n"
                    "esac\n"},
    /* Full KMS on a Pi 4: answers, but display_power 0 changes nothing. */
    {"vcgencmd-kms", "echo display_power=1\n"},
    /* Pi 5 / newer firmware: the command is gone. */
    {"vcgencmd-fail", "echo 'error=1 error_msg=\"Command not registered\"'\nexit 255\n"},
    {"vcgencmd-hang", "sleep 30\n"},
    /* Probes well, then every switch fails. */
    {"vcgencmd-breaks", "case \"$*\" in\n"
                        "'display_power') echo display_power=1 ;;\n"
                        "*) echo 'vchi: failed to open'; exit 1 ;;\n"
                        "esac\n"},
    /* cec-ctl with a TV that answers. The probe's -S is matched as a word of its own: the device
     * path is in a mkdtemp folder whose random name may hold "-S" too. */
    {"cec-ok", "case \" $* \" in\n"
               "*' -S '*) echo '	Physical Address           : 1.0.0.0' ;;\n"
               "*--standby*|*--image-view-on*) echo 'Transmit from Playback Device 1 to TV (4 to "
               "0):' ;;\n"
               "*) exit 2 ;;\n"
               "esac\n"},
    /* The port has no screen on it. */
    {"cec-unplugged", "echo '	Physical Address           : f.f.f.f'\n"},
    {"cec-fail", "echo 'Failed to open /dev/cec0: Permission denied'\nexit 13\n"},
    {"cec-hang", "sleep 30\n"},
    /* Probes well; the TV never acknowledges a message (exit status 0, as cec-ctl does). */
    {"cec-nack", "case \" $* \" in\n"
                 "*' -S '*) echo '	Physical Address           : 1.0.0.0' ;;\n"
                 "*) echo '	Tx, Not Acknowledged (4), Max Retries' ;;\n"
                 "esac\n"},
};

static void write_file(const char *path, const char *text, mode_t mode)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(1);
    }
    fputs(text, f);
    fclose(f);
    chmod(path, mode);
}

static void make_stubs(void)
{
    for (size_t i = 0; i < sizeof stub_bodies / sizeof stub_bodies[0]; i++) {
        char path[600], script[2048];
        snprintf(path, sizeof path, "%s/%s", dir, stub_bodies[i][0]);
        snprintf(script, sizeof script, "#!/bin/sh\necho \"$*\" >> '%s/%s.log'\n%s", dir,
                 stub_bodies[i][0], stub_bodies[i][1]);
        write_file(path, script, 0755);
    }
    char dev[600];
    snprintf(dev, sizeof dev, "%s/cec0", dir);
    write_file(dev, "", 0600);
}

static const char *stub(const char *name)
{
    static char paths[8][600];
    static int next;
    char *p = paths[next++ % 8];
    snprintf(p, 600, "%s/%s", dir, name);
    return p;
}

/* The stub's log, every call a line; "" when it never ran. Truncates it for the next case. */
static const char *take_log(const char *name)
{
    static char text[4096];
    char path[600];
    snprintf(path, sizeof path, "%s/%s.log", dir, name);
    text[0] = '\0';
    FILE *f = fopen(path, "r");
    if (f) {
        size_t n = fread(text, 1, sizeof text - 1, f);
        text[n] = '\0';
        fclose(f);
        unlink(path);
    }
    return text;
}

static void clear_logs(void)
{
    for (size_t i = 0; i < sizeof stub_bodies / sizeof stub_bodies[0]; i++)
        take_log(stub_bodies[i][0]);
}

/* Warnings logged by the power module since the last call. */
static int power_warnings(void)
{
    static long long seen_total;
    struct log_entry e[LOG_RECENT_MAX];
    size_t n = log_recent_problems(e, LOG_RECENT_MAX);
    /* The ring keeps the newest few; count ours by their text and forget the older ones. */
    long long total = 0;
    for (size_t i = 0; i < n; i++)
        if (!strncmp(e[i].text, "power: ", 7))
            total++;
    int fresh = (int)(total - seen_total);
    seen_total = total;
    return fresh;
}

static int changes;
static void count_change(void *ctx)
{
    (void)ctx;
    __atomic_add_fetch(&changes, 1, __ATOMIC_SEQ_CST);
}

static struct screen_power *open_with(enum power_method wanted, const char *vcgencmd,
                                      const char *cec_ctl, const char *cec_device)
{
    struct power_options o = {
        .vcgencmd = vcgencmd ? stub(vcgencmd) : stub("missing-vcgencmd"),
        .cec_ctl = cec_ctl ? stub(cec_ctl) : stub("missing-cec-ctl"),
        .cec_device = cec_device,
        .timeout_ms = TIMEOUT_MS,
        .on_change = count_change,
    };
    return power_open(wanted, &o);
}

static char cec_dev[600];

/* ---- detection ---------------------------------------------------------------------------- */

struct detect_case {
    const char *what;
    enum power_method wanted;
    const char *vcgencmd, *cec_ctl; /* stub names; NULL: the tool is not installed */
    bool cec_device_exists;
    enum power_method expect;
    const char *expect_name; /* NULL: the CEC name with the test's device */
    int expect_warnings;
};

static const struct detect_case detect_cases[] = {
    {"vcgencmd answers: first choice", POWER_AUTO, "vcgencmd-ok", "cec-ok", true, POWER_VCGENCMD,
     "vcgencmd display_power", 0},
    {"vcgencmd without the command: CEC", POWER_AUTO, "vcgencmd-fail", "cec-ok", true, POWER_CEC,
     NULL, 0},
    {"vcgencmd hangs: CEC, after the deadline", POWER_AUTO, "vcgencmd-hang", "cec-ok", true,
     POWER_CEC, NULL, 0},
    {"no vcgencmd: CEC", POWER_AUTO, NULL, "cec-ok", true, POWER_CEC, NULL, 0},
    {"no CEC device: black", POWER_AUTO, NULL, "cec-ok", false, POWER_BLACK, "black frame", 0},
    {"cec-ctl not installed: black", POWER_AUTO, "vcgencmd-fail", NULL, true, POWER_BLACK,
     "black frame", 0},
    {"cec-ctl fails: black", POWER_AUTO, "vcgencmd-fail", "cec-fail", true, POWER_BLACK,
     "black frame", 0},
    {"no screen on the CEC port: black", POWER_AUTO, NULL, "cec-unplugged", true, POWER_BLACK,
     "black frame", 0},
    {"both hang: black, after two deadlines", POWER_AUTO, "vcgencmd-hang", "cec-hang", true,
     POWER_BLACK, "black frame", 0},
    {"cec asked for, vcgencmd ignored", POWER_CEC, "vcgencmd-ok", "cec-ok", true, POWER_CEC, NULL,
     0},
    {"cec asked for, not there: black and a warning", POWER_CEC, "vcgencmd-ok", "cec-fail", true,
     POWER_BLACK, "black frame", 1},
    {"vcgencmd asked for, fails: black, not CEC", POWER_VCGENCMD, "vcgencmd-fail", "cec-ok", true,
     POWER_BLACK, "black frame", 1},
    {"black asked for: nothing runs", POWER_BLACK, "vcgencmd-ok", "cec-ok", true, POWER_BLACK,
     "black frame", 0},
    {"dpms asked for: not possible through SDL2, black", POWER_DPMS, "vcgencmd-ok", "cec-ok", true,
     POWER_BLACK, "black frame", 1},
};

static void test_detection(void)
{
    char cec_name[700];
    snprintf(cec_name, sizeof cec_name, "HDMI-CEC (cec-ctl, %s)", cec_dev);
    char missing_dev[600];
    snprintf(missing_dev, sizeof missing_dev, "%s/cec9", dir);
    for (size_t i = 0; i < sizeof detect_cases / sizeof detect_cases[0]; i++) {
        const struct detect_case *c = &detect_cases[i];
        clear_logs();
        power_warnings();
        int64_t start = clock_now_ms();
        struct screen_power *p = open_with(c->wanted, c->vcgencmd, c->cec_ctl,
                                           c->cec_device_exists ? cec_dev : missing_dev);
        int64_t open_ms = clock_now_ms() - start;
        /* Detection runs on the worker: power_open returns at once even with hanging tools. */
        CHECK(open_ms < 200, "%s: power_open took %lld ms", c->what, (long long)open_ms);
        CHECK(power_wait_idle(p, WAIT_MS), "%s: detection did not finish", c->what);
        int64_t took = clock_now_ms() - start;
        CHECK(took < 3 * TIMEOUT_MS + 2000, "%s: detection took %lld ms", c->what, (long long)took);
        enum power_method m = power_current_method(p);
        CHECK(m == c->expect, "%s: method %s, expected %s", c->what, power_method_key(m),
              power_method_key(c->expect));
        const char *expect_name = c->expect_name ? c->expect_name : cec_name;
        CHECK(!strcmp(power_method_name(p), expect_name), "%s: name \"%s\", expected \"%s\"",
              c->what, power_method_name(p), expect_name);
        int warnings = power_warnings();
        CHECK(warnings == c->expect_warnings, "%s: %d warnings, expected %d", c->what, warnings,
              c->expect_warnings);
        power_close(p);
    }

    /* The order, seen from the stubs: vcgencmd is asked first, CEC only when it fails. */
    clear_logs();
    struct screen_power *p = open_with(POWER_AUTO, "vcgencmd-fail", "cec-ok", cec_dev);
    CHECK(power_wait_idle(p, WAIT_MS), "order: detection did not finish");
    CHECK(!strcmp(take_log("vcgencmd-fail"), "display_power\n"), "order: vcgencmd probe");
    char expect[700];
    snprintf(expect, sizeof expect, "-d %s --playback -S\n", cec_dev);
    const char *cec_log = take_log("cec-ok");
    CHECK(!strcmp(cec_log, expect), "order: cec probe was \"%s\"", cec_log);
    power_close(p);

    /* vcgencmd works: cec-ctl is never run (probing it would claim a CEC address for nothing). */
    p = open_with(POWER_AUTO, "vcgencmd-ok", "cec-ok", cec_dev);
    CHECK(power_wait_idle(p, WAIT_MS), "vcgencmd first: detection did not finish");
    CHECK(!strcmp(take_log("cec-ok"), ""), "vcgencmd first: cec-ctl ran");
    power_close(p);

    /* Black asked for: no tool runs at all. */
    clear_logs();
    p = open_with(POWER_BLACK, "vcgencmd-ok", "cec-ok", cec_dev);
    power_set(p, false);
    CHECK(power_wait_idle(p, WAIT_MS), "black: not idle");
    CHECK(!strcmp(take_log("vcgencmd-ok"), "") && !strcmp(take_log("cec-ok"), ""),
          "black: a tool ran");
    power_close(p);
}

/* ---- the commands ------------------------------------------------------------------------- */

static void test_commands(void)
{
    /* vcgencmd: on at start (the state is unknown), off, on; a repeated wish sends nothing. */
    clear_logs();
    struct screen_power *p = open_with(POWER_AUTO, "vcgencmd-ok", "cec-ok", cec_dev);
    power_set(p, true);
    CHECK(power_wait_idle(p, WAIT_MS), "vcgencmd: not idle");
    power_set(p, true);
    power_set(p, false);
    CHECK(power_wait_idle(p, WAIT_MS), "vcgencmd: not idle");
    power_set(p, false);
    power_set(p, true);
    CHECK(power_wait_idle(p, WAIT_MS), "vcgencmd: not idle");
    const char *log = take_log("vcgencmd-ok");
    CHECK(!strcmp(log, "display_power\ndisplay_power 1\ndisplay_power 0\ndisplay_power 1\n"),
          "vcgencmd: sent \"%s\"", log);
    CHECK(power_current_method(p) == POWER_VCGENCMD, "vcgencmd: method changed");
    CHECK(power_warnings() == 0, "vcgencmd: warnings");
    power_close(p);

    /* cec-ctl: standby and image-view-on to the TV (logical address 0). */
    clear_logs();
    p = open_with(POWER_CEC, NULL, "cec-ok", cec_dev);
    power_set(p, false);
    CHECK(power_wait_idle(p, WAIT_MS), "cec: not idle");
    power_set(p, true);
    CHECK(power_wait_idle(p, WAIT_MS), "cec: not idle");
    char expect[2048];
    snprintf(expect, sizeof expect,
             "-d %s --playback -S\n-d %s --to 0 --standby\n-d %s --to 0 --image-view-on\n", cec_dev,
             cec_dev, cec_dev);
    log = take_log("cec-ok");
    CHECK(!strcmp(log, expect), "cec: sent \"%s\"", log);
    power_close(p);

    /* The black frame: whatever the method, "off" means the loop draws black. */
    p = open_with(POWER_BLACK, NULL, NULL, cec_dev);
    CHECK(power_is_black(p, false), "black: off is not black");
    CHECK(!power_is_black(p, true), "black: on is black");
    power_close(p);
    p = open_with(POWER_CEC, NULL, "cec-ok", cec_dev);
    CHECK(power_wait_idle(p, WAIT_MS), "cec: not idle");
    CHECK(power_is_black(p, false), "cec: off is not black");
    CHECK(!power_is_black(p, true), "cec: on is black");
    power_close(p);

    /* Wishes made while a command runs are merged: off-on-off sends at most what is needed and
     * ends with the screen off. */
    clear_logs();
    p = open_with(POWER_VCGENCMD, "vcgencmd-ok", NULL, cec_dev);
    power_set(p, false);
    power_set(p, true);
    power_set(p, false);
    CHECK(power_wait_idle(p, WAIT_MS), "merge: not idle");
    log = take_log("vcgencmd-ok");
    const char *last = strrchr(log, 'd'); /* the last line's "display_power ..." */
    CHECK(last && !strcmp(last, "display_power 0\n"), "merge: last sent \"%s\"", log);
    power_close(p);
}

/* ---- a method that stops working ---------------------------------------------------------- */

static void test_fallback(void)
{
    /* vcgencmd breaks after detection; no CEC: black, one warning, one retry after a re-probe. */
    clear_logs();
    power_warnings();
    changes = 0;
    struct screen_power *p = open_with(POWER_AUTO, "vcgencmd-breaks", "cec-fail", cec_dev);
    CHECK(power_wait_idle(p, WAIT_MS), "breaks: detection");
    CHECK(power_current_method(p) == POWER_VCGENCMD, "breaks: detected %s",
          power_method_key(power_current_method(p)));
    power_set(p, false);
    CHECK(power_wait_idle(p, WAIT_MS), "breaks: not idle");
    CHECK(power_current_method(p) == POWER_BLACK, "breaks: method %s",
          power_method_key(power_current_method(p)));
    CHECK(!strcmp(power_method_name(p), "black frame"), "breaks: name %s", power_method_name(p));
    CHECK(power_is_black(p, false), "breaks: off is not black");
    int warnings = power_warnings();
    CHECK(warnings == 1, "breaks: %d warnings, expected 1", warnings);
    CHECK(__atomic_load_n(&changes, __ATOMIC_SEQ_CST) >= 2, "breaks: on_change called %d times",
          changes);
    const char *log = take_log("vcgencmd-breaks");
    CHECK(!strcmp(log, "display_power\ndisplay_power 0\ndisplay_power\ndisplay_power 0\n"),
          "breaks: sent \"%s\"", log);
    /* Later wishes go to black: nothing runs, nothing more is logged. */
    power_set(p, true);
    power_set(p, false);
    CHECK(power_wait_idle(p, WAIT_MS), "breaks: not idle");
    CHECK(!strcmp(take_log("vcgencmd-breaks"), ""), "breaks: vcgencmd ran after the fallback");
    CHECK(power_warnings() == 0, "breaks: warned again");
    power_close(p);

    /* Full KMS: vcgencmd answers display_power=1 to "0". That is a failure, and CEC takes over
     * the same wish at once. */
    clear_logs();
    p = open_with(POWER_AUTO, "vcgencmd-kms", "cec-ok", cec_dev);
    power_set(p, false);
    CHECK(power_wait_idle(p, WAIT_MS), "kms: not idle");
    CHECK(power_current_method(p) == POWER_CEC, "kms: method %s",
          power_method_key(power_current_method(p)));
    CHECK(power_warnings() == 1, "kms: expected one warning");
    log = take_log("cec-ok");
    CHECK(strstr(log, "--standby"), "kms: CEC did not send standby: \"%s\"", log);
    power_close(p);

    /* CEC whose TV stops acknowledging: black, one warning. */
    clear_logs();
    p = open_with(POWER_AUTO, NULL, "cec-nack", cec_dev);
    CHECK(power_wait_idle(p, WAIT_MS), "nack: detection");
    CHECK(power_current_method(p) == POWER_CEC, "nack: detected %s",
          power_method_key(power_current_method(p)));
    power_set(p, false);
    CHECK(power_wait_idle(p, WAIT_MS), "nack: not idle");
    CHECK(power_current_method(p) == POWER_BLACK, "nack: method %s",
          power_method_key(power_current_method(p)));
    CHECK(power_warnings() == 1, "nack: expected one warning");
    power_close(p);
}

/* ---- never blocking the loop -------------------------------------------------------------- */

static void test_no_blocking(void)
{
    /* A switch that hangs: power_set returns at once; the deadline kills the stub; black. */
    char hang_switch[600];
    snprintf(hang_switch, sizeof hang_switch, "%s/vcgencmd-hang-switch", dir);
    char script[1024];
    snprintf(script, sizeof script,
             "#!/bin/sh\ncase \"$*\" in\n'display_power') echo display_power=1 ;;\n"
             "*) sleep 30 ;;\nesac\n");
    write_file(hang_switch, script, 0755);
    power_warnings();
    struct screen_power *p = open_with(POWER_VCGENCMD, "vcgencmd-hang-switch", NULL, cec_dev);
    CHECK(power_wait_idle(p, WAIT_MS), "hang: detection");
    int64_t start = clock_now_ms();
    power_set(p, false);
    bool black = power_is_black(p, false);
    const char *name = power_method_name(p);
    int64_t took = clock_now_ms() - start;
    CHECK(took < 50, "hang: power_set and friends took %lld ms", (long long)took);
    CHECK(black && name, "hang: answers");
    CHECK(power_wait_idle(p, WAIT_MS), "hang: not idle");
    took = clock_now_ms() - start;
    /* Two deadlines (the switch and its retry) and a probe in between. */
    CHECK(took >= 2 * TIMEOUT_MS && took < 3 * TIMEOUT_MS + 2000, "hang: fell back after %lld ms",
          (long long)took);
    CHECK(power_current_method(p) == POWER_BLACK, "hang: method %s",
          power_method_key(power_current_method(p)));
    CHECK(power_warnings() == 1, "hang: expected one warning");
    power_close(p);

    /* power_close while a command hangs: returns within the deadline. */
    p = open_with(POWER_AUTO, "vcgencmd-hang", "cec-hang", cec_dev);
    start = clock_now_ms();
    power_close(p);
    took = clock_now_ms() - start;
    CHECK(took < TIMEOUT_MS + 1000, "close: took %lld ms", (long long)took);
}

static void test_keys(void)
{
    static const struct {
        const char *key;
        enum power_method m;
    } keys[] = {{"auto", POWER_AUTO},
                {"vcgencmd", POWER_VCGENCMD},
                {"cec", POWER_CEC},
                {"dpms", POWER_DPMS},
                {"black", POWER_BLACK}};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        enum power_method m = POWER_BLACK;
        CHECK(power_method_from_key(keys[i].key, &m) && m == keys[i].m, "key %s", keys[i].key);
        CHECK(!strcmp(power_method_key(keys[i].m), keys[i].key), "key of %s", keys[i].key);
    }
    enum power_method m;
    CHECK(!power_method_from_key("hdmi", &m), "unknown key accepted");
}

int main(int argc, char **argv)
{
    const char *base = argc > 1 ? argv[1] : "/tmp";
    snprintf(dir, sizeof dir, "%s/power-XXXXXX", base);
    if (!mkdtemp(dir)) {
        perror(dir);
        return 1;
    }
    snprintf(cec_dev, sizeof cec_dev, "%s/cec0", dir);
    make_stubs();

    test_keys();
    test_detection();
    test_commands();
    test_fallback();
    test_no_blocking();

    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (!check_failed && system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return check_summary();
}
