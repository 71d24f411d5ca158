#include "proof/report.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/utf8.h"
#include "base/xmalloc.h"

struct row {
    int32_t day; /* local date as yyyymmdd */
    enum proof_kind kind;
    char *group; /* owned */
    char *id;    /* owned */
    uint64_t plays;
    int64_t duration_ms;
    uint64_t hash;
};

/* Rows in an array, found through an open-addressing index of row numbers + 1 (0 = empty). */
struct proof_report {
    struct row *rows;
    size_t count, cap;
    size_t *index;
    size_t index_cap; /* a power of two, at least twice count */
};

struct proof_report *proof_report_create(void)
{
    struct proof_report *rep = xcalloc(1, sizeof(*rep));
    rep->index_cap = 64;
    rep->index = xcalloc(rep->index_cap, sizeof(*rep->index));
    return rep;
}

void proof_report_free(struct proof_report *rep)
{
    if (!rep)
        return;
    for (size_t i = 0; i < rep->count; i++) {
        free(rep->rows[i].group);
        free(rep->rows[i].id);
    }
    free(rep->rows);
    free(rep->index);
    free(rep);
}

static uint64_t fnv1a(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * 0x100000001b3ull;
    return h;
}

static uint64_t key_hash(int32_t day, enum proof_kind kind, const char *group, const char *id)
{
    uint64_t h = 0xcbf29ce484222325ull;
    int32_t k = (int32_t)kind;
    h = fnv1a(h, &day, sizeof(day));
    h = fnv1a(h, &k, sizeof(k));
    h = fnv1a(h, group, strlen(group) + 1); /* the NUL keeps ("ab","c") apart from ("a","bc") */
    return fnv1a(h, id, strlen(id) + 1);
}

static void index_insert(size_t *index, size_t cap, uint64_t hash, size_t row)
{
    size_t i = hash & (cap - 1);
    while (index[i])
        i = (i + 1) & (cap - 1);
    index[i] = row + 1;
}

static int32_t local_day(int64_t utc_ms)
{
    time_t t = (time_t)(utc_ms / 1000);
    struct tm tm;
    if (!localtime_r(&t, &tm))
        return 0;
    return (int32_t)((tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday);
}

void proof_report_add(struct proof_report *rep, const struct proof_record *r)
{
    const char *group = r->group ? r->group : "", *id = r->id ? r->id : "";
    int32_t day = local_day(r->start_ms);
    uint64_t hash = key_hash(day, r->kind, group, id);
    size_t i = hash & (rep->index_cap - 1);
    for (; rep->index[i]; i = (i + 1) & (rep->index_cap - 1)) {
        struct row *row = &rep->rows[rep->index[i] - 1];
        if (row->hash == hash && row->day == day && row->kind == r->kind &&
            !strcmp(row->group, group) && !strcmp(row->id, id)) {
            row->plays++;
            row->duration_ms += r->duration_ms;
            return;
        }
    }
    rep->rows = xgrow(rep->rows, &rep->cap, rep->count + 1, sizeof(*rep->rows));
    rep->rows[rep->count] =
        (struct row){day, r->kind, xstrdup(group), xstrdup(id), 1, r->duration_ms, hash};
    rep->index[i] = ++rep->count;
    if (rep->count * 2 > rep->index_cap) {
        size_t cap = rep->index_cap * 2;
        size_t *index = xcalloc(cap, sizeof(*index));
        for (size_t k = 0; k < rep->count; k++)
            index_insert(index, cap, rep->rows[k].hash, k);
        free(rep->index);
        rep->index = index;
        rep->index_cap = cap;
    }
}

void proof_report_get_totals(const struct proof_report *rep, struct proof_report_totals *out)
{
    *out = (struct proof_report_totals){.rows = rep->count};
    for (size_t i = 0; i < rep->count; i++) {
        out->plays += rep->rows[i].plays;
        out->duration_ms += rep->rows[i].duration_ms;
    }
}

static int compare_rows(const void *pa, const void *pb)
{
    const struct row *a = *(const struct row *const *)pa, *b = *(const struct row *const *)pb;
    if (a->day != b->day)
        return a->day < b->day ? -1 : 1;
    int c = strcmp(a->group, b->group);
    if (c)
        return c;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    return strcmp(a->id, b->id);
}

/* Rows in report order; the caller frees the array (not the rows). */
static const struct row **sorted_rows(const struct proof_report *rep)
{
    const struct row **v = xcalloc(rep->count + 1, sizeof(*v));
    for (size_t i = 0; i < rep->count; i++)
        v[i] = &rep->rows[i];
    qsort(v, rep->count, sizeof(*v), compare_rows);
    return v;
}

static void format_day(int32_t day, char out[16])
{
    snprintf(out, 16, "%04d-%02d-%02d", (int)(day / 10000), (int)(day / 100 % 100),
             (int)(day % 100));
}

/* Text for a table cell: control characters escaped so that they cannot break the layout;
 * "-" for an empty field. Caller frees. */
static char *cell_text(const char *s)
{
    if (!*s)
        return xstrdup("-");
    size_t n = strlen(s);
    char *out = xmalloc(4 * n + 1), *o = out;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\t' || c == '\n' || c == '\r' || c == '\\') {
            *o++ = '\\';
            *o++ = c == '\t' ? 't' : c == '\n' ? 'n' : c == '\r' ? 'r' : '\\';
        } else if (c < 0x20 || c == 0x7f) {
            o += sprintf(o, "\\x%02x", c);
        } else {
            *o++ = (char)c;
        }
    }
    *o = '\0';
    return out;
}

/* Columns a string takes on a terminal: one per character, none for combining marks (Hebrew
 * points, Arabic harakat) and invisible direction marks. */
static size_t text_width(const char *s)
{
    size_t len = strlen(s), i = 0, w = 0;
    while (i < len) {
        uint32_t cp = utf8_next(s, len, &i);
        bool zero = (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x0591 && cp <= 0x05BD) ||
                    cp == 0x05BF || cp == 0x05C1 || cp == 0x05C2 || cp == 0x05C4 || cp == 0x05C5 ||
                    cp == 0x05C7 || (cp >= 0x0610 && cp <= 0x061A) ||
                    (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 ||
                    (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
                    (cp >= 0x2066 && cp <= 0x2069);
        w += !zero;
    }
    return w;
}

static void format_hms(int64_t ms, char out[32])
{
    int64_t s = (ms + 500) / 1000;
    snprintf(out, 32, "%lld:%02d:%02d", (long long)(s / 3600), (int)(s / 60 % 60), (int)(s % 60));
}

enum { COL_DAY, COL_GROUP, COL_KIND, COL_ID, COL_PLAYS, COL_TIME, COLS };

static void put_cell(FILE *out, const char *text, size_t width, bool right, bool last)
{
    size_t pad = width - text_width(text);
    if (right)
        fprintf(out, "%*s", (int)pad, "");
    fputs(text, out);
    if (!last)
        fprintf(out, "%*s", (int)(pad * !right + 2), "");
}

void proof_report_write_table(const struct proof_report *rep, FILE *out)
{
    static const char *const heads[COLS] = {"day", "group", "kind", "id", "plays", "on screen"};
    static const bool right[COLS] = {false, false, false, false, true, true};
    const struct row **rows = sorted_rows(rep);
    size_t n = rep->count;
    /* Cells of all rows, then the total line's. */
    char **cells = xcalloc((n + 1) * COLS, sizeof(*cells));
    size_t width[COLS];
    for (int c = 0; c < COLS; c++)
        width[c] = text_width(heads[c]);
    struct proof_report_totals t;
    proof_report_get_totals(rep, &t);
    for (size_t i = 0; i <= n; i++) {
        char **cell = cells + i * COLS, day[16], hms[32];
        if (i < n) {
            format_day(rows[i]->day, day);
            format_hms(rows[i]->duration_ms, hms);
            cell[COL_DAY] = xstrdup(day);
            cell[COL_GROUP] = cell_text(rows[i]->group);
            cell[COL_KIND] = xstrdup(proof_kind_name(rows[i]->kind));
            cell[COL_ID] = cell_text(rows[i]->id);
            cell[COL_PLAYS] = xasprintf("%llu", (unsigned long long)rows[i]->plays);
        } else {
            format_hms(t.duration_ms, hms);
            cell[COL_DAY] = xstrdup("total");
            cell[COL_GROUP] = xstrdup("");
            cell[COL_KIND] = xstrdup("");
            cell[COL_ID] = xstrdup("");
            cell[COL_PLAYS] = xasprintf("%llu", (unsigned long long)t.plays);
        }
        cell[COL_TIME] = xstrdup(hms);
        for (int c = 0; c < COLS; c++) {
            size_t w = text_width(cell[c]);
            if (w > width[c])
                width[c] = w;
        }
    }
    for (int c = 0; c < COLS; c++)
        put_cell(out, heads[c], width[c], right[c], c == COLS - 1);
    fputc('\n', out);
    for (size_t i = 0; i <= n; i++) {
        if (i == n) {
            /* A rule over the number columns, then the total. */
            size_t lead = 0;
            for (int c = 0; c < COL_PLAYS; c++)
                lead += width[c] + 2;
            fprintf(out, "%*s", (int)lead, "");
            for (int c = COL_PLAYS; c < COLS; c++) {
                for (size_t k = 0; k < width[c]; k++)
                    fputc('-', out);
                if (c < COLS - 1)
                    fputs("  ", out);
            }
            fputc('\n', out);
        }
        for (int c = 0; c < COLS; c++)
            put_cell(out, cells[i * COLS + c], width[c], right[c], c == COLS - 1);
        fputc('\n', out);
    }
    for (size_t i = 0; i < (n + 1) * COLS; i++)
        free(cells[i]);
    free(cells);
    free(rows);
}

static void put_csv_field(FILE *out, const char *s)
{
    if (!strpbrk(s, "\",\r\n")) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

void proof_report_write_csv(const struct proof_report *rep, FILE *out)
{
    const struct row **rows = sorted_rows(rep);
    fputs("day,group,kind,id,plays,seconds\r\n", out);
    for (size_t i = 0; i < rep->count; i++) {
        char day[16];
        format_day(rows[i]->day, day);
        fprintf(out, "%s,", day);
        put_csv_field(out, rows[i]->group);
        fprintf(out, ",%s,", proof_kind_name(rows[i]->kind));
        put_csv_field(out, rows[i]->id);
        fprintf(out, ",%llu,%lld.%03d\r\n", (unsigned long long)rows[i]->plays,
                (long long)(rows[i]->duration_ms / 1000), (int)(rows[i]->duration_ms % 1000));
    }
    free(rows);
}

/* "IST-2IDT,M3.4.4/26,M10.5.0": a name of three or more letters (or <...>), then an offset. */
static bool posix_tz_plausible(const char *z)
{
    const char *p = z;
    if (*p == '<') {
        p = strchr(p, '>');
        if (!p)
            return false;
        p++;
    } else {
        while (isalpha((unsigned char)*p))
            p++;
        if (p - z < 3)
            return false;
    }
    if (*p == '+' || *p == '-')
        p++;
    return isdigit((unsigned char)*p);
}

bool proof_report_set_timezone(const char *zone)
{
    if (!zone || !*zone || strstr(zone, ".."))
        return false;
    bool ok = false;
    if (zone[0] != '/' && !strchr(zone, ',')) {
        char *path = xasprintf("/usr/share/zoneinfo/%s", zone);
        ok = access(path, R_OK) == 0;
        free(path);
    }
    const char *value = zone;
    if (!ok && !strcmp(zone, "UTC")) {
        value = "UTC0"; /* without tzdata installed */
        ok = true;
    }
    if (!ok)
        ok = posix_tz_plausible(zone);
    if (!ok)
        return false;
    setenv("TZ", value, 1);
    tzset();
    return true;
}

bool proof_report_day_start(const char *date, int days_after, int64_t *utc_ms)
{
    int y, m, d;
    char tail;
    if (strlen(date) != 10 || date[4] != '-' || date[7] != '-' ||
        sscanf(date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)date[i]))
            return false;
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1970 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] + (m == 2 && leap))
        return false;
    struct tm tm = {
        .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d + days_after, .tm_isdst = -1};
    time_t t = mktime(&tm);
    if (t == (time_t)-1)
        return false;
    *utc_ms = (int64_t)t * 1000;
    return true;
}
