/* The health report and the fleet table (issue 18): a report written by the kiosk reads back
 * the same on the content machine; it is rewritten when it changes and at least every few
 * minutes, and not otherwise; `kiosk fleet`'s rows put failing, silent and behind kiosks first
 * with the reason in plain words. */
#define _GNU_SOURCE
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "fleet/fleet.h"
#include "fleet/health.h"

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static void fresh(const char *dir)
{
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    mkdir(TEST_TMP, 0755);
    mkdir(dir, 0755);
}

static struct health_facts facts(const char *kiosk, const char *group, uint64_t version, time_t now)
{
    struct health_facts f = {
        .kiosk = kiosk,
        .screen_group = group,
        .content_version = version,
        .content_group = group,
        .playlist_name = "עיריית עכו",
        .uptime_ms = 3600 * 1000,
        .state_dir = TEST_TMP,
        .display = "KMSDRM 1920x1080",
        .display_ok = true,
        .screen_power = "cec",
        .now = now,
    };
    return f;
}

static int64_t mtime_ns(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return -1;
    return (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
}

static void test_round_trip(void)
{
    char dir[512], path[600], err[1024];
    snprintf(dir, sizeof dir, "%s/one", TEST_TMP);
    fresh(dir);
    time_t now = 1800000000;
    struct health_facts f = facts("cityhall-lobby", "akko", 7, now);
    f.device_id = "ABCDEFG-1234567";
    f.has_import = true;
    f.import_result = "damaged or changed after signing";
    f.import_reason = "KIOSK/bundle.tar does not match its signature";
    f.import_version = 8;
    f.import_at = now - 60;
    f.inbox_waiting = "waiting for the signature (bundle.tar.minisig) to arrive";
    f.problems[0] = "loader: cannot decode media/a.png";
    f.problem_count = 1;
    CHECK(health_report_write(dir, &f), "written");
    snprintf(path, sizeof path, "%s/health.json", dir);
    struct health_report h;
    CHECK(health_report_read(path, &h, err, sizeof err), "read back: %s", err);
    CHECK(!strcmp(h.kiosk, "cityhall-lobby") && !strcmp(h.group, "akko"), "name and group");
    CHECK(!strcmp(h.device_id, "ABCDEFG-1234567"), "device id %s", h.device_id);
    CHECK(h.content_version == 7 && h.written == now, "version and time");
    CHECK(!strcmp(h.playlist, "עיריית עכו"), "Hebrew playlist name survives: %s", h.playlist);
    CHECK(h.has_import && !h.import_ok && h.import_version == 8 && h.import_at == now - 60,
          "last import");
    CHECK(strstr(h.inbox_waiting, "signature"), "inbox note: %s", h.inbox_waiting);
    CHECK(h.uptime_s == 3600 && h.free_bytes > 0, "uptime and free storage");
    CHECK(h.display_ok && !h.screen_off && !strcmp(h.screen_power, "cec"), "display");
    CHECK(h.problem_count == 1 && strstr(h.problems[0], "a.png"), "problems");
    /* No temporary file is left beside it (written atomically). */
    char tmp[700];
    snprintf(tmp, sizeof tmp, "ls %s | grep -v '^health.json$' | grep -q .", dir);
    CHECK(system(tmp) != 0, "only health.json in the folder");
}

static void test_publisher(void)
{
    char dir[512], path[600];
    snprintf(dir, sizeof dir, "%s/pub", TEST_TMP);
    fresh(dir);
    snprintf(path, sizeof path, "%s/health.json", dir);
    struct health_publisher *p = health_publisher_create(dir);
    struct health_facts f = facts("k1", "akko", 3, 1800000000);
    health_publisher_update(p, &f, 1000);
    int64_t first = mtime_ns(path);
    CHECK(first > 0, "first update writes");
    usleep(20000);
    f.now += 30;
    f.uptime_ms += 30000; /* time passes: not a change */
    health_publisher_update(p, &f, 31000);
    CHECK(mtime_ns(path) == first, "not rewritten when only the time moved");
    f.content_version = 4;
    health_publisher_update(p, &f, 32000);
    int64_t second = mtime_ns(path);
    CHECK(second != first, "rewritten when the version changed");
    usleep(20000);
    health_publisher_update(p, &f, 32000 + HEALTH_REFRESH_MS);
    CHECK(mtime_ns(path) != second, "rewritten after HEALTH_REFRESH_MS all the same");
    health_publisher_destroy(p);
}

static void write_kiosk(const char *fleet, const char *folder, struct health_facts *f)
{
    char dir[700];
    snprintf(dir, sizeof dir, "%s/%s", fleet, folder);
    mkdir(dir, 0755);
    CHECK(health_report_write(dir, f), "write %s", folder);
}

static void test_fleet(void)
{
    char fleet[512], path[800], err[1024];
    snprintf(fleet, sizeof fleet, "%s/fleet", TEST_TMP);
    fresh(fleet);
    time_t now = 1800000000;
    struct health_facts a = facts("lobby", "akko", 5, now - 30);
    write_kiosk(fleet, "lobby", &a);
    struct health_facts b = facts("library", "akko", 4, now - 60);
    write_kiosk(fleet, "library", &b);
    struct health_facts c = facts("centre", "ofakim", 9, now - 3 * 3600);
    write_kiosk(fleet, "centre", &c);
    struct health_facts d = facts("jobs", "ofakim", 9, now - 10);
    d.has_import = true;
    d.import_result = "not signed by a trusted key";
    d.import_reason = "signed with key 1234, not one of /etc/kiosk/keys";
    d.import_version = 10;
    write_kiosk(fleet, "jobs", &d);
    snprintf(path, sizeof path, "%s/broken", fleet);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/broken/health.json", fleet);
    FILE *fp = fopen(path, "w");
    fputs("{\"format\": 1,\n \"kiosk\": \"broken\"\n", fp);
    fclose(fp);
    snprintf(path, sizeof path, "%s/.stfolder", fleet);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/new", fleet);
    mkdir(path, 0755);

    struct fleet_options o = {.now = now};
    struct fleet f;
    CHECK(fleet_read(fleet, &o, &f, err, sizeof err), "read: %s", err);
    CHECK(f.count == 6, "six kiosk folders (not .stfolder): %zu", f.count);
    const char *order[] = {"broken", "jobs", "new", "centre", "library", "lobby"};
    const enum fleet_state states[] = {FLEET_FAILING, FLEET_FAILING, FLEET_SILENT,
                                       FLEET_SILENT,  FLEET_BEHIND,  FLEET_OK};
    for (size_t i = 0; i < 6 && i < f.count; i++) {
        CHECK(!strcmp(f.rows[i].name, order[i]) && f.rows[i].state == states[i],
              "row %zu: %s %s (%s), expected %s %s", i, f.rows[i].name,
              fleet_state_name(f.rows[i].state), f.rows[i].problems, order[i],
              fleet_state_name(states[i]));
    }
    if (f.count == 6) {
        CHECK(strstr(f.rows[0].problems, "broken/health.json:") &&
                  strstr(f.rows[0].problems, "not a health report"),
              "an unreadable report names the file and where: %s", f.rows[0].problems);
        CHECK(strstr(f.rows[1].problems, "not signed by a trusted key"), "refusal: %s",
              f.rows[1].problems);
        CHECK(strstr(f.rows[2].problems, "no health report yet"), "new: %s", f.rows[2].problems);
        CHECK(!strncmp(f.rows[3].problems, "no report for 3 h", 17), "silent: %s",
              f.rows[3].problems);
        CHECK(strstr(f.rows[4].problems, "shows version 4, version 5 is published"), "behind: %s",
              f.rows[4].problems);
        CHECK(f.rows[5].problems[0] == '\0', "ok has no problems: %s", f.rows[5].problems);
    }
    fleet_free(&f);

    /* With the publishing folder, the newest is what was published, not what kiosks show. */
    char pub[600];
    snprintf(pub, sizeof pub, "%s/published", TEST_TMP);
    fresh(pub);
    snprintf(path, sizeof path, "%s/akko/KIOSK", pub);
    CHECK(system((snprintf(err, sizeof err, "mkdir -p %s", path), err)) == 0, "mkdir");
    snprintf(path, sizeof path, "%s/akko/KIOSK/bundle.tar.minisig", pub);
    fp = fopen(path, "w");
    /* minisign's layout; the signature bytes are not checked by the fleet table. */
    fputs("untrusted comment: signature from minisign secret key\n"
          "RUQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
          "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"
          "trusted comment: kiosk-bundle version=6 group=akko\n"
          "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=="
          "\n",
          fp);
    fclose(fp);
    o.published_dir = pub;
    CHECK(fleet_read(fleet, &o, &f, err, sizeof err), "read: %s", err);
    for (size_t i = 0; i < f.count; i++)
        if (!strcmp(f.rows[i].name, "lobby"))
            CHECK(f.rows[i].state == FLEET_BEHIND && f.rows[i].newest == 6,
                  "lobby is behind the published version 6: %s", f.rows[i].problems);
    fleet_free(&f);
}

int main(void)
{
    test_round_trip();
    test_publisher();
    test_fleet();
    return check_summary();
}
