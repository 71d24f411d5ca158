/* The record line format: round trip, escaping of odd ids, and that no torn or damaged line is
 * ever read as a record. */
#include "proof_test.h"

#include <zlib.h>

/* A line with a correct checksum around an arbitrary body, as a buggy or future writer could
 * produce: the parser must still refuse what is not a valid record. */
static size_t sealed(const char *body, char *out, size_t cap)
{
    uint32_t crc = proof_crc32(0, body, strlen(body));
    return (size_t)snprintf(out, cap, "%s\t%08x", body, (unsigned)crc);
}

static enum proof_line_type parse(char *line, size_t len, struct proof_record *r, const char **why)
{
    unsigned version = 0;
    *why = NULL;
    return proof_parse_line(line, len, r, &version, why);
}

static void test_crc(void)
{
    CHECK(proof_crc32(0, "123456789", 9) == 0xCBF43926u, "the CRC-32 check value");
    const char *s = "2027-03-12T18:30:05.250Z\t8000\tslide";
    uLong z = crc32(0, (const Bytef *)s, (uInt)strlen(s));
    CHECK(proof_crc32(0, s, strlen(s)) == (uint32_t)z, "same as zlib's crc32");
    CHECK(proof_crc32(proof_crc32(0, s, 10), s + 10, strlen(s) - 10) == (uint32_t)z, "continued");
}

static void test_time(void)
{
    char buf[32];
    int64_t ms = 0;
    CHECK(proof_format_time(0, buf) && !strcmp(buf, "1970-01-01T00:00:00.000Z"), "%s", buf);
    /* 2027-03-12T18:30:05.250Z */
    int64_t t = INT64_C(1804876205250);
    CHECK(proof_format_time(t, buf) && !strcmp(buf, "2027-03-12T18:30:05.250Z"), "%s", buf);
    CHECK(proof_parse_time(buf, strlen(buf), &ms) && ms == t, "%lld", (long long)ms);
    const char *leap = "2028-02-29T23:59:59.999Z";
    CHECK(proof_parse_time(leap, strlen(leap), &ms) && proof_format_time(ms, buf) &&
              !strcmp(buf, leap),
          "leap day: %s", buf);
    const char *bad[] = {
        "2027-02-29T00:00:00.000Z", "2027-03-12T24:00:00.000Z", "2027-03-12T18:60:00.000Z",
        "2027-03-12T18:30:60.000Z", "2027-13-12T18:30:05.250Z", "2027-03-12T18:30:05.250z",
        "2027-03-12 18:30:05.250Z", "2027-03-12T18:30:05Z",     "1969-12-31T23:59:59.999Z",
        "2027-03-12T18:30:05.25Z",  "+027-03-12T18:30:05.250Z", "2027-03-00T18:30:05.250Z",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        CHECK(!proof_parse_time(bad[i], strlen(bad[i]), &ms), "accepted %s", bad[i]);
    CHECK(!proof_format_time(-1, buf), "before 1970");
    CHECK(!proof_format_time(INT64_C(253402300800000), buf), "year 10000");
}

static void round_trip(const struct proof_record *in, const char *what)
{
    char line[PROOF_LINE_MAX];
    size_t len = proof_format_line(in, line, sizeof(line));
    CHECK(len > 0 && line[len - 1] == '\n', "%s: formatted", what);
    if (len == 0)
        return;
    CHECK(memchr(line, '\n', len - 1) == NULL, "%s: one line", what);
    size_t tabs = 0;
    for (size_t i = 0; i < len; i++)
        tabs += line[i] == '\t';
    CHECK(tabs == 8, "%s: %zu tabs, expected 8 (separators only)", what, tabs);
    struct proof_record out;
    const char *why;
    enum proof_line_type t = parse(line, len - 1, &out, &why);
    CHECK(t == PROOF_LINE_RECORD, "%s: parsed (%s)", what, why ? why : "");
    if (t != PROOF_LINE_RECORD)
        return;
    CHECK(out.kind == in->kind, "%s: kind", what);
    CHECK(!strcmp(out.id, in->id ? in->id : ""), "%s: id \"%s\"", what, out.id);
    CHECK(out.content_version == in->content_version, "%s: version", what);
    CHECK(!strcmp(out.group, in->group ? in->group : ""), "%s: group \"%s\"", what, out.group);
    CHECK(out.start_ms == in->start_ms, "%s: start", what);
    CHECK(out.duration_ms == in->duration_ms, "%s: duration", what);
    CHECK(out.reached_by == in->reached_by, "%s: reached", what);
    CHECK(!strcmp(out.lang, in->lang ? in->lang : ""), "%s: lang", what);
}

static void test_round_trip(void)
{
    struct proof_record r = test_record("harbour", INT64_C(1804876205250), 8000);
    round_trip(&r, "plain");

    char line[PROOF_LINE_MAX];
    size_t len = proof_format_line(&r, line, sizeof(line));
    const char *expected =
        "2027-03-12T18:30:05.250Z\t8000\tslide\tharbour\t7\takko-lobby\tloop\the";
    CHECK(len > 9 && !strncmp(line, expected, strlen(expected)) && line[strlen(expected)] == '\t' &&
              len == strlen(expected) + 10,
          "the documented layout: %.*s", (int)len, line);

    for (int k = PROOF_KIND_SLIDE; k <= PROOF_KIND_FALLBACK; k++) {
        for (int h = PROOF_REACHED_LOOP; h <= PROOF_REACHED_SCHEDULE_FALLBACK; h++) {
            struct proof_record x = r;
            x.kind = (enum proof_kind)k;
            x.reached_by = (enum proof_reached)h;
            round_trip(&x, "kinds and ways");
        }
    }
    struct proof_record edges = r;
    edges.content_version = UINT64_MAX;
    edges.duration_ms = 0;
    edges.start_ms = 0;
    edges.id = NULL;
    edges.group = NULL;
    edges.lang = NULL;
    round_trip(&edges, "extremes and empty fields");
    edges.start_ms = INT64_C(253402300799999);
    edges.duration_ms = INT64_MAX;
    round_trip(&edges, "the last millisecond of 9999");

    struct proof_record bad = r;
    bad.duration_ms = -1;
    CHECK(proof_format_line(&bad, line, sizeof(line)) == 0, "negative duration refused");
    bad = r;
    bad.start_ms = -5;
    CHECK(proof_format_line(&bad, line, sizeof(line)) == 0, "start before 1970 refused");
}

static void test_escaping(void)
{
    static const char *const ids[] = {
        "tab\there",
        "new\nline",
        "carriage\rreturn",
        "back\\slash\\t not a tab",
        "quote \"marks\" and 'single'",
        "comma, semicolon; pipe|",
        "bell\x01 and del\x7f",
        "נמל עכו",
        "שלום \"עולם\" ״גרשיים״",
        "שָׁלוֹם with niqqud",
        "مرحبا بالعالم",
        "\t\n\\",
        "#kiosk-proof",
        " leading and trailing ",
    };
    for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
        struct proof_record r = test_record(ids[i], INT64_C(1804876205250), 1234);
        r.group = ids[(i + 1) % (sizeof(ids) / sizeof(ids[0]))];
        char what[64];
        snprintf(what, sizeof(what), "odd id #%zu", i);
        round_trip(&r, what);
    }

    /* Over-long ids are cut at a character boundary, never inside a UTF-8 sequence. */
    char long_id[1024] = "";
    for (int i = 0; i < 300; i++)
        strcat(long_id, "א");
    struct proof_record r = test_record(long_id, 0, 1);
    char line[PROOF_LINE_MAX];
    size_t len = proof_format_line(&r, line, sizeof(line));
    struct proof_record out;
    const char *why;
    CHECK(len > 0 && parse(line, len - 1, &out, &why) == PROOF_LINE_RECORD, "long id parses");
    CHECK(strlen(out.id) == 254 && !strncmp(out.id, long_id, 254), "cut to %zu bytes",
          strlen(out.id));

    /* The longest possible line still fits. */
    char worst[PROOF_TEXT_MAX + 1];
    memset(worst, '\x01', PROOF_TEXT_MAX);
    worst[PROOF_TEXT_MAX] = '\0';
    r = test_record(worst, INT64_C(253402300799999), INT64_MAX);
    r.group = worst;
    r.content_version = UINT64_MAX;
    char lang[PROOF_LANG_MAX + 1];
    memset(lang, '\x02', PROOF_LANG_MAX);
    lang[PROOF_LANG_MAX] = '\0';
    r.lang = lang;
    round_trip(&r, "the longest line");
}

static void test_header(void)
{
    char line[64];
    size_t len = proof_format_header(line, sizeof(line));
    CHECK(len > 0 && line[len - 1] == '\n' && !strncmp(line, "#kiosk-proof\t1\t", 15),
          "header: %.*s", (int)len, line);
    struct proof_record r;
    unsigned version = 0;
    const char *why;
    CHECK(proof_parse_line(line, len - 1, &r, &version, &why) == PROOF_LINE_HEADER && version == 1,
          "header parses as version %u", version);
    char v2[64];
    len = sealed("#kiosk-proof\t2", v2, sizeof(v2));
    CHECK(proof_parse_line(v2, len, &r, &version, &why) == PROOF_LINE_HEADER && version == 2,
          "a newer header is recognised, version %u", version);
}

/* Every prefix and every single-byte change of a good line is refused. */
static void test_damage(void)
{
    struct proof_record r = test_record("שלום\tעולם", INT64_C(1804876205250), 8000);
    char good[PROOF_LINE_MAX], line[PROOF_LINE_MAX];
    size_t len = proof_format_line(&r, good, sizeof(good)) - 1; /* without the newline */
    struct proof_record out;
    const char *why;
    size_t accepted = 0;
    for (size_t cut = 0; cut < len; cut++) {
        memcpy(line, good, cut);
        if (parse(line, cut, &out, &why) != PROOF_LINE_BAD)
            accepted++;
    }
    CHECK(accepted == 0, "%zu torn prefixes were accepted", accepted);

    static const unsigned char swaps[] = {0x00, 0x01, '\t', '0', 'a', 'A', 0x80, 0xff};
    accepted = 0;
    for (size_t i = 0; i < len; i++) {
        for (size_t k = 0; k < sizeof(swaps); k++) {
            if ((unsigned char)good[i] == swaps[k])
                continue;
            memcpy(line, good, len);
            line[i] = (char)swaps[k];
            if (parse(line, len, &out, &why) != PROOF_LINE_BAD)
                accepted++;
        }
        /* Bit flips too. */
        for (int bit = 0; bit < 8; bit++) {
            memcpy(line, good, len);
            line[i] ^= (char)(1 << bit);
            if (parse(line, len, &out, &why) != PROOF_LINE_BAD)
                accepted++;
        }
    }
    CHECK(accepted == 0, "%zu damaged lines were accepted", accepted);

    /* Two records glued together (what a torn line followed by a record would be without the
     * writer's newline) are refused. */
    memcpy(line, good, len / 2);
    memcpy(line + len / 2, good, len);
    CHECK(parse(line, len / 2 + len, &out, &why) == PROOF_LINE_BAD, "glued lines refused");

    memset(line, 0, 64);
    CHECK(parse(line, 64, &out, &why) == PROOF_LINE_BAD && strstr(why, "NUL"), "NUL bytes: %s",
          why ? why : "");
}

/* Lines with a correct checksum but content that is not a valid record. */
static void test_invalid_content(void)
{
    static const char *const bodies[] = {
        "2027-03-12T18:30:05.250Z\t8000\tslide\tharbour\t7\takko\tloop",        /* 7 fields */
        "2027-03-12T18:30:05.250Z\t8000\tslide\tharbour\t7\takko\tloop\the\tx", /* 9 */
        "2027-03-12T18:30:05.250Z\t8000\tvideo\tharbour\t7\takko\tloop\the",
        "2027-03-12T18:30:05.250Z\t8000\tslide\tharbour\t7\takko\tswipe\the",
        "2027-03-12T18:30:05.250Z\t-800\tslide\tharbour\t7\takko\tloop\the",
        "2027-03-12T18:30:05.250Z\t0800\tslide\tharbour\t7\takko\tloop\the",
        "2027-03-12T18:30:05.250Z\t\tslide\tharbour\t7\takko\tloop\the",
        "2027-03-12T18:30:05.250Z\t8000\tslide\tharbour\t18446744073709551616\takko\tloop\the",
        "2027-03-12T18:30:05.250Z\t8000\tslide\tharbour\t7x\takko\tloop\the",
        "2027-03-12T18:30:05.250Z\t8000\tslide\thar\\qbour\t7\takko\tloop\the",
        "2027-03-12T18:30:05.250Z\t8000\tslide\thar\\x00bour\t7\takko\tloop\the",
        "2027-03-12T18:30:05.250Z\t8000\tslide\thar\\x4\t7\takko\tloop\the",
        "2027-03-12T18:30:05.250Z\t8000\tslide\tharbour\\\t7\takko\tloop\the",
        "2027-03-12T18:30:05.250Z\t8000\tslide\thar\rbour\t7\takko\tloop\the",
        "2027-03-12T18:30:05.250\t8000\tslide\tharbour\t7\takko\tloop\the",
        ("2027-03-12T18:30:05.250Z\t8000\tslide\tharbour\t7\takko\tloop\thebrew-is-a-language-"
         "tag-far-too-long-x"),
        "#kiosk-proof",
        "#kiosk-proof\tone",
        "#kiosk-proof\t0",
        "",
    };
    for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
        char line[PROOF_LINE_MAX];
        size_t len = sealed(bodies[i], line, sizeof(line));
        struct proof_record out;
        const char *why;
        CHECK(parse(line, len, &out, &why) == PROOF_LINE_BAD, "accepted: %s", bodies[i]);
    }
    char line[PROOF_LINE_MAX];
    size_t len = sealed("2027-03-12T18:30:05.250Z\t8000\tslide\thar\\x41\\\\bour\t7\takko\t"
                        "touch\ten",
                        line, sizeof(line));
    struct proof_record out;
    const char *why;
    CHECK(parse(line, len, &out, &why) == PROOF_LINE_RECORD && !strcmp(out.id, "harA\\bour") &&
              out.reached_by == PROOF_REACHED_TOUCH,
          "escapes decode");
    /* Upper-case hex in the checksum is not what the writer writes. */
    len = sealed("2027-03-12T18:30:05.250Z\t8000\tslide\tharbour\t7\takko\tloop\the", line,
                 sizeof(line));
    for (size_t i = len - 8; i < len; i++)
        if (line[i] >= 'a' && line[i] <= 'f')
            line[i] = (char)(line[i] - 'a' + 'A');
    bool has_letter = strpbrk(line + len - 8, "ABCDEF") != NULL;
    CHECK(!has_letter || parse(line, len, &out, &why) == PROOF_LINE_BAD, "upper-case checksum");
}

int main(void)
{
    test_crc();
    test_time();
    test_round_trip();
    test_escaping();
    test_header();
    test_damage();
    test_invalid_content();
    return check_summary();
}
