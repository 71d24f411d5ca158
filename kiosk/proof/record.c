#include "proof/record.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

static const char *const kind_names[] = {"slide", "page", "fallback", "emergency"};
static const char *const reached_names[] = {"loop", "touch", "schedule-fallback", "trigger"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *proof_kind_name(enum proof_kind kind)
{
    return (unsigned)kind < COUNT(kind_names) ? kind_names[kind] : "?";
}

const char *proof_reached_name(enum proof_reached reached)
{
    return (unsigned)reached < COUNT(reached_names) ? reached_names[reached] : "?";
}

static uint32_t crc_table[256];
static pthread_once_t crc_table_once = PTHREAD_ONCE_INIT;

static void crc_table_build(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}

uint32_t proof_crc32(uint32_t crc, const void *data, size_t len)
{
    pthread_once(&crc_table_once, crc_table_build);
    const uint32_t *table = crc_table;
    const unsigned char *p = data;
    crc = ~crc;
    while (len--)
        crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}

/* Civil date <-> days since 1970-01-01 (Howard Hinnant's algorithms), so that record times
 * never depend on the process's time zone or on timegm(). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

/* 10000-01-01T00:00:00Z */
#define TIME_LIMIT_MS (INT64_C(253402300800) * 1000)

bool proof_format_time(int64_t utc_ms, char out[32])
{
    if (utc_ms < 0 || utc_ms >= TIME_LIMIT_MS)
        return false;
    int64_t secs = utc_ms / 1000, days = secs / 86400;
    int sod = (int)(secs % 86400);
    int64_t y;
    unsigned m, d;
    civil_from_days(days, &y, &m, &d);
    /* The values are in range; the wide buffer only keeps the compiler's bounds check quiet. */
    char buf[96];
    snprintf(buf, sizeof(buf), "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", (int)y, m, d, sod / 3600,
             sod / 60 % 60, sod % 60, (int)(utc_ms % 1000));
    memcpy(out, buf, 25);
    return true;
}

static bool digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

bool proof_parse_time(const char *s, size_t len, int64_t *utc_ms)
{
    /* 2027-03-12T18:30:05.250Z */
    static const char shape[] = "dddd-dd-ddTdd:dd:dd.dddZ";
    if (len != sizeof(shape) - 1)
        return false;
    for (size_t i = 0; i < len; i++)
        if (shape[i] != 'd' && s[i] != shape[i])
            return false;
    int y, mo, d, h, mi, sec, ms;
    if (!digits(s, 4, &y) || !digits(s + 5, 2, &mo) || !digits(s + 8, 2, &d) ||
        !digits(s + 11, 2, &h) || !digits(s + 14, 2, &mi) || !digits(s + 17, 2, &sec) ||
        !digits(s + 20, 3, &ms))
        return false;
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] + (mo == 2 && leap) || h > 23 ||
        mi > 59 || sec > 59)
        return false;
    int64_t days = days_from_civil(y, (unsigned)mo, (unsigned)d);
    *utc_ms = ((days * 86400) + h * 3600 + mi * 60 + sec) * 1000 + ms;
    return true;
}

/* Appends text escaped, cut to at most max source bytes at a character boundary. */
static size_t put_text(char *out, const char *s, size_t max)
{
    if (!s)
        return 0;
    size_t n = strlen(s);
    if (n > max) {
        n = max;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\\') {
            out[o++] = '\\';
            out[o++] = '\\';
        } else if (c == '\t') {
            out[o++] = '\\';
            out[o++] = 't';
        } else if (c == '\n') {
            out[o++] = '\\';
            out[o++] = 'n';
        } else if (c == '\r') {
            out[o++] = '\\';
            out[o++] = 'r';
        } else if (c < 0x20 || c == 0x7f) {
            static const char hex[] = "0123456789abcdef";
            out[o++] = '\\';
            out[o++] = 'x';
            out[o++] = hex[c >> 4];
            out[o++] = hex[c & 15];
        } else {
            out[o++] = (char)c;
        }
    }
    return o;
}

/* Ends the line at buf[len]: the tab, the CRC of everything before it, the newline. */
static size_t seal(char *buf, size_t len)
{
    uint32_t crc = proof_crc32(0, buf, len);
    snprintf(buf + len, 11, "\t%08x\n", (unsigned)crc);
    return len + 10;
}

size_t proof_format_header(char *buf, size_t cap)
{
    if (cap < 64)
        return 0;
    int n = snprintf(buf, cap, "%s\t%d", PROOF_HEADER_TAG, PROOF_FORMAT_VERSION);
    return seal(buf, (size_t)n);
}

size_t proof_format_line(const struct proof_record *r, char *buf, size_t cap)
{
    char start[32];
    if (cap < PROOF_LINE_MAX || r->duration_ms < 0 || !proof_format_time(r->start_ms, start))
        return 0;
    /* Worst case: 2 * 4 * PROOF_TEXT_MAX + 4 * PROOF_LANG_MAX + about 100 fixed bytes. */
    size_t o = (size_t)snprintf(buf, cap, "%s\t%lld\t%s\t", start, (long long)r->duration_ms,
                                proof_kind_name(r->kind));
    o += put_text(buf + o, r->id, PROOF_TEXT_MAX);
    o += (size_t)snprintf(buf + o, cap - o, "\t%llu\t", (unsigned long long)r->content_version);
    o += put_text(buf + o, r->group, PROOF_TEXT_MAX);
    o += (size_t)snprintf(buf + o, cap - o, "\t%s\t", proof_reached_name(r->reached_by));
    o += put_text(buf + o, r->lang, PROOF_LANG_MAX);
    return seal(buf, o);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Decodes an escaped field in place (it only shrinks) and NUL-terminates it. */
static bool unescape(char *s, size_t len, size_t max, const char **why)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f) {
            *why = "control character in a text field";
            return false;
        }
        if (c != '\\') {
            s[o++] = (char)c;
            continue;
        }
        if (++i >= len) {
            *why = "bad escape in a text field";
            return false;
        }
        switch (s[i]) {
        case '\\':
            s[o++] = '\\';
            break;
        case 't':
            s[o++] = '\t';
            break;
        case 'n':
            s[o++] = '\n';
            break;
        case 'r':
            s[o++] = '\r';
            break;
        case 'x': {
            int hi = i + 2 < len ? hexval(s[i + 1]) : -1;
            int lo = i + 2 < len ? hexval(s[i + 2]) : -1;
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
                *why = "bad escape in a text field";
                return false;
            }
            s[o++] = (char)(hi << 4 | lo);
            i += 2;
            break;
        }
        default:
            *why = "bad escape in a text field";
            return false;
        }
    }
    s[o] = '\0';
    if (o > max) {
        *why = "text field too long";
        return false;
    }
    return true;
}

static bool parse_u64(const char *s, size_t len, uint64_t *out)
{
    if (len == 0 || len > 20 || (len > 1 && s[0] == '0'))
        return false;
    uint64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        unsigned dgt = (unsigned)(s[i] - '0');
        if (v > (UINT64_MAX - dgt) / 10)
            return false;
        v = v * 10 + dgt;
    }
    *out = v;
    return true;
}

static bool parse_name(const char *s, size_t len, const char *const *names, size_t count, int *out)
{
    for (size_t i = 0; i < count; i++) {
        if (strlen(names[i]) == len && !memcmp(s, names[i], len)) {
            *out = (int)i;
            return true;
        }
    }
    return false;
}

#define RECORD_FIELDS 8

enum proof_line_type proof_parse_line(char *line, size_t len, struct proof_record *out,
                                      unsigned *version, const char **why)
{
    if (len > PROOF_LINE_MAX) {
        *why = "line too long";
        return PROOF_LINE_BAD;
    }
    if (memchr(line, '\0', len)) {
        *why = "NUL bytes in the line (a block lost in a power cut)";
        return PROOF_LINE_BAD;
    }
    /* The checksum first: nothing of a line that fails it is looked at. */
    char *tab = NULL;
    for (size_t i = len; i-- > 0;) {
        if (line[i] == '\t') {
            tab = line + i;
            break;
        }
    }
    size_t body = tab ? (size_t)(tab - line) : 0;
    uint64_t crc = 0;
    bool hex_ok = tab && len - body - 1 == 8;
    for (size_t i = body + 1; hex_ok && i < len; i++) {
        int v = hexval(line[i]);
        hex_ok = v >= 0;
        crc = crc << 4 | (unsigned)(v < 0 ? 0 : v);
    }
    if (!hex_ok) {
        *why = "no checksum at the end (torn line)";
        return PROOF_LINE_BAD;
    }
    if (proof_crc32(0, line, body) != crc) {
        *why = "checksum does not match (torn or damaged line)";
        return PROOF_LINE_BAD;
    }

    char *field[RECORD_FIELDS];
    size_t flen[RECORD_FIELDS];
    size_t nf = 0;
    char *p = line, *end = line + body;
    for (;;) {
        char *t = memchr(p, '\t', (size_t)(end - p));
        if (nf == RECORD_FIELDS) {
            *why = "too many fields";
            return PROOF_LINE_BAD;
        }
        field[nf] = p;
        flen[nf++] = (size_t)((t ? t : end) - p);
        if (!t)
            break;
        p = t + 1;
    }

    if (flen[0] == strlen(PROOF_HEADER_TAG) && !memcmp(field[0], PROOF_HEADER_TAG, flen[0])) {
        uint64_t v;
        if (nf != 2 || !parse_u64(field[1], flen[1], &v) || v == 0 || v > 1000) {
            *why = "malformed header";
            return PROOF_LINE_BAD;
        }
        *version = (unsigned)v;
        return PROOF_LINE_HEADER;
    }
    if (nf != RECORD_FIELDS) {
        *why = "wrong number of fields";
        return PROOF_LINE_BAD;
    }
    struct proof_record r = {0};
    uint64_t duration;
    int kind, reached;
    if (!proof_parse_time(field[0], flen[0], &r.start_ms)) {
        *why = "bad start time";
        return PROOF_LINE_BAD;
    }
    if (!parse_u64(field[1], flen[1], &duration) || duration > INT64_MAX) {
        *why = "bad duration";
        return PROOF_LINE_BAD;
    }
    r.duration_ms = (int64_t)duration;
    if (!parse_name(field[2], flen[2], kind_names, COUNT(kind_names), &kind)) {
        *why = "unknown kind";
        return PROOF_LINE_BAD;
    }
    r.kind = (enum proof_kind)kind;
    if (!parse_u64(field[4], flen[4], &r.content_version)) {
        *why = "bad content version";
        return PROOF_LINE_BAD;
    }
    if (!parse_name(field[6], flen[6], reached_names, COUNT(reached_names), &reached)) {
        *why = "unknown way of reaching the slide";
        return PROOF_LINE_BAD;
    }
    r.reached_by = (enum proof_reached)reached;
    if (!unescape(field[3], flen[3], PROOF_TEXT_MAX, why) ||
        !unescape(field[5], flen[5], PROOF_TEXT_MAX, why) ||
        !unescape(field[7], flen[7], PROOF_LANG_MAX, why))
        return PROOF_LINE_BAD;
    r.id = field[3];
    r.group = field[5];
    r.lang = field[7];
    *out = r;
    return PROOF_LINE_RECORD;
}
