#include "proof/report.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/utf8.h"
#include "base/xmalloc.h"
#include "proof/read.h"

/* Distinct strings (groups and ids), each stored once: a slide's id appears on every day of a
 * report, and stays one string. */
struct text_table {
    char **strings;
    size_t count, cap;
    uint32_t *index;  /* string number + 1 (0 = empty); open addressing */
    size_t index_cap; /* a power of two, at least twice count */
    size_t bytes;     /* of the strings, NULs included: bounded by PROOF_REPORT_MAX_TEXT_BYTES */
};

struct row {
    int32_t day; /* local date as yyyymmdd; 0 when the report does not split by day */
    enum proof_kind kind;
    uint32_t group, id, kiosk; /* in the report's text table ("" when not split by it) */
    uint64_t plays;
    int64_t duration_ms;
    uint64_t hash;
};

/* Rows in an array, found through an open-addressing index of row numbers + 1 (0 = empty). */
struct proof_report {
    struct text_table text;
    struct row *rows;
    size_t count, cap;
    size_t *index;
    size_t index_cap; /* a power of two, at least twice count */
    uint64_t plays, beyond_plays;
    int64_t duration_ms, beyond_ms; /* at most PROOF_REPORT_TOTAL_MAX_MS */
    unsigned by;                    /* PROOF_REPORT_BY_* */
    char *kiosk;                    /* whose plays are being added; NULL: none named */
    bool kiosks_named; /* some plays came from a named kiosk: the kiosk column is shown */
};

static uint64_t fnv1a(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * 0x100000001b3ull;
    return h;
}

#define FNV_START 0xcbf29ce484222325ull

struct proof_report *proof_report_create(void)
{
    struct proof_report *rep = xcalloc(1, sizeof(*rep));
    rep->index_cap = 64;
    rep->index = xcalloc(rep->index_cap, sizeof(*rep->index));
    rep->text.index_cap = 64;
    rep->text.index = xcalloc(rep->text.index_cap, sizeof(*rep->text.index));
    rep->by = PROOF_REPORT_BY_DAY | PROOF_REPORT_BY_KIOSK | PROOF_REPORT_BY_SLIDE;
    return rep;
}

void proof_report_free(struct proof_report *rep)
{
    if (!rep)
        return;
    for (size_t i = 0; i < rep->text.count; i++)
        free(rep->text.strings[i]);
    free(rep->text.strings);
    free(rep->text.index);
    free(rep->rows);
    free(rep->index);
    free(rep->kiosk);
    free(rep);
}

void proof_report_set_by(struct proof_report *rep, unsigned by)
{
    rep->by = by;
}

void proof_report_set_kiosk(struct proof_report *rep, const char *kiosk)
{
    free(rep->kiosk);
    rep->kiosk = kiosk && *kiosk ? xstrdup(kiosk) : NULL;
    if (rep->kiosk)
        rep->kiosks_named = true;
}

static const char *text_of(const struct proof_report *rep, uint32_t ref)
{
    return rep->text.strings[ref];
}

/* The number of s in the table, adding it when add is set and it fits the limit; UINT32_MAX
 * when it is not there (or does not fit). */
static uint32_t text_find(struct text_table *t, const char *s, bool add)
{
    size_t len = strlen(s);
    uint64_t h = fnv1a(FNV_START, s, len);
    size_t i = h & (t->index_cap - 1);
    for (; t->index[i]; i = (i + 1) & (t->index_cap - 1))
        if (!strcmp(t->strings[t->index[i] - 1], s))
            return t->index[i] - 1;
    if (!add || t->bytes + len + 1 > PROOF_REPORT_MAX_TEXT_BYTES)
        return UINT32_MAX;
    t->strings = xgrow(t->strings, &t->cap, t->count + 1, sizeof(*t->strings));
    t->strings[t->count] = xstrdup(s);
    t->bytes += len + 1;
    t->index[i] = (uint32_t)++t->count;
    if (t->count * 2 > t->index_cap) {
        size_t cap = t->index_cap * 2;
        uint32_t *index = xcalloc(cap, sizeof(*index));
        for (size_t k = 0; k < t->count; k++) {
            const char *str = t->strings[k];
            size_t j = fnv1a(FNV_START, str, strlen(str)) & (cap - 1);
            while (index[j])
                j = (j + 1) & (cap - 1);
            index[j] = (uint32_t)k + 1;
        }
        free(t->index);
        t->index = index;
        t->index_cap = cap;
    }
    return (uint32_t)t->count - 1;
}

static uint64_t key_hash(int32_t day, enum proof_kind kind, uint32_t group, uint32_t id,
                         uint32_t kiosk)
{
    int32_t k = (int32_t)kind;
    uint64_t h = fnv1a(FNV_START, &day, sizeof(day));
    h = fnv1a(h, &k, sizeof(k));
    h = fnv1a(h, &group, sizeof(group));
    h = fnv1a(h, &kiosk, sizeof(kiosk));
    return fnv1a(h, &id, sizeof(id));
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

/* The row of (day, kind, group, id, kiosk), or NULL when there is none and no room for one. */
static struct row *row_find_or_add(struct proof_report *rep, int32_t day, enum proof_kind kind,
                                   const char *group, const char *id, const char *kiosk)
{
    /* A string not yet in the table cannot be in a row: look before adding anything. */
    uint32_t g = text_find(&rep->text, group, false), d = text_find(&rep->text, id, false);
    uint32_t k = text_find(&rep->text, kiosk, false);
    size_t i = 0;
    uint64_t hash = 0;
    if (g != UINT32_MAX && d != UINT32_MAX && k != UINT32_MAX) {
        hash = key_hash(day, kind, g, d, k);
        for (i = hash & (rep->index_cap - 1); rep->index[i]; i = (i + 1) & (rep->index_cap - 1)) {
            struct row *row = &rep->rows[rep->index[i] - 1];
            if (row->hash == hash && row->day == day && row->kind == kind && row->group == g &&
                row->id == d && row->kiosk == k)
                return row;
        }
    }
    if (rep->count >= PROOF_REPORT_MAX_ROWS)
        return NULL;
    if (g == UINT32_MAX && (g = text_find(&rep->text, group, true)) == UINT32_MAX)
        return NULL;
    if (d == UINT32_MAX && (d = text_find(&rep->text, id, true)) == UINT32_MAX)
        return NULL;
    if (k == UINT32_MAX && (k = text_find(&rep->text, kiosk, true)) == UINT32_MAX)
        return NULL;
    hash = key_hash(day, kind, g, d, k);
    rep->rows = xgrow(rep->rows, &rep->cap, rep->count + 1, sizeof(*rep->rows));
    struct row *row = &rep->rows[rep->count];
    *row = (struct row){day, kind, g, d, k, 0, 0, hash};
    rep->count++;
    if (rep->count * 2 > rep->index_cap) {
        size_t cap = rep->index_cap * 2;
        size_t *index = xcalloc(cap, sizeof(*index));
        for (size_t r = 0; r < rep->count; r++)
            index_insert(index, cap, rep->rows[r].hash, r);
        free(rep->index);
        rep->index = index;
        rep->index_cap = cap;
    } else {
        index_insert(rep->index, rep->index_cap, hash, rep->count - 1);
    }
    return row;
}

const char *proof_report_add(struct proof_report *rep, const struct proof_record *r)
{
    if (r->duration_ms < 0 || r->duration_ms > PROOF_DURATION_MAX_MS)
        return "duration out of range (0 to 366 days)";
    if (r->duration_ms > PROOF_REPORT_TOTAL_MAX_MS - rep->duration_ms)
        return "the report's total time would pass its limit of 10^15 ms";
    const char *group = r->group ? r->group : "", *id = r->id ? r->id : "";
    enum proof_kind kind = r->kind;
    if (!(rep->by & PROOF_REPORT_BY_SLIDE)) {
        id = "";
        kind = (enum proof_kind)0;
    }
    const char *kiosk = rep->kiosk && (rep->by & PROOF_REPORT_BY_KIOSK) ? rep->kiosk : "";
    int32_t day = rep->by & PROOF_REPORT_BY_DAY ? local_day(r->start_ms) : 0;
    struct row *row = row_find_or_add(rep, day, kind, group, id, kiosk);
    if (row) {
        row->plays++;
        row->duration_ms += r->duration_ms;
    } else {
        rep->beyond_plays++;
        rep->beyond_ms += r->duration_ms;
    }
    rep->plays++;
    rep->duration_ms += r->duration_ms;
    return NULL;
}

void proof_report_get_totals(const struct proof_report *rep, struct proof_report_totals *out)
{
    *out = (struct proof_report_totals){
        .rows = rep->count,
        .plays = rep->plays,
        .duration_ms = rep->duration_ms,
        .beyond_plays = rep->beyond_plays,
        .beyond_ms = rep->beyond_ms,
    };
}

struct ranked_text {
    const char *s;
    uint32_t ref;
};

static int compare_text(const void *pa, const void *pb)
{
    return strcmp(((const struct ranked_text *)pa)->s, ((const struct ranked_text *)pb)->s);
}

/* A row with its sort key: strings replaced by their rank in byte order. */
struct sorted_row {
    int32_t day;
    uint32_t group, id, kiosk;
    enum proof_kind kind;
    const struct row *row;
};

static int compare_rows(const void *pa, const void *pb)
{
    const struct sorted_row *a = pa, *b = pb;
    if (a->day != b->day)
        return a->day < b->day ? -1 : 1;
    if (a->group != b->group)
        return a->group < b->group ? -1 : 1;
    if (a->kiosk != b->kiosk)
        return a->kiosk < b->kiosk ? -1 : 1;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

/* Rows in report order (day, group, kiosk, kind, id); the caller frees the array (not the rows). */
static const struct row **sorted_rows(const struct proof_report *rep)
{
    const struct text_table *t = &rep->text;
    struct ranked_text *texts = xcalloc(t->count + 1, sizeof(*texts));
    for (size_t i = 0; i < t->count; i++)
        texts[i] = (struct ranked_text){t->strings[i], (uint32_t)i};
    qsort(texts, t->count, sizeof(*texts), compare_text);
    uint32_t *rank = xcalloc(t->count + 1, sizeof(*rank));
    for (size_t i = 0; i < t->count; i++)
        rank[texts[i].ref] = (uint32_t)i;
    free(texts);
    struct sorted_row *keys = xcalloc(rep->count + 1, sizeof(*keys));
    for (size_t i = 0; i < rep->count; i++) {
        const struct row *r = &rep->rows[i];
        keys[i] =
            (struct sorted_row){r->day, rank[r->group], rank[r->id], rank[r->kiosk], r->kind, r};
    }
    free(rank);
    qsort(keys, rep->count, sizeof(*keys), compare_rows);
    const struct row **v = xcalloc(rep->count + 1, sizeof(*v));
    for (size_t i = 0; i < rep->count; i++)
        v[i] = keys[i].row;
    free(keys);
    return v;
}

static void format_day(int32_t day, char out[16])
{
    if (!day) {
        snprintf(out, 16, "all days");
        return;
    }
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

enum { COL_DAY, COL_GROUP, COL_KIOSK, COL_KIND, COL_ID, COL_PLAYS, COL_TIME, COLS };

/* Which columns the report has: the kiosk only when plays came from named kiosks, the day,
 * kind and id only when the report splits by them. */
static void columns_shown(const struct proof_report *rep, bool shown[COLS])
{
    for (int c = 0; c < COLS; c++)
        shown[c] = true;
    shown[COL_KIOSK] = rep->kiosks_named && (rep->by & PROOF_REPORT_BY_KIOSK);
    shown[COL_DAY] = rep->by & PROOF_REPORT_BY_DAY;
    shown[COL_KIND] = shown[COL_ID] = rep->by & PROOF_REPORT_BY_SLIDE;
}

/* The cells of row i of the table, or of the total line when row is NULL; free with
 * cells_free. */
static void row_cells(const struct proof_report *rep, const struct row *row, char *cell[COLS])
{
    char day[16], hms[32];
    if (row) {
        format_day(row->day, day);
        format_hms(row->duration_ms, hms);
        cell[COL_DAY] = xstrdup(day);
        cell[COL_GROUP] = cell_text(text_of(rep, row->group));
        cell[COL_KIOSK] = cell_text(text_of(rep, row->kiosk));
        cell[COL_KIND] = xstrdup(proof_kind_name(row->kind));
        cell[COL_ID] = cell_text(text_of(rep, row->id));
        cell[COL_PLAYS] = xasprintf("%llu", (unsigned long long)row->plays);
    } else {
        format_hms(rep->duration_ms, hms);
        cell[COL_DAY] = xstrdup("total");
        cell[COL_GROUP] = xstrdup("");
        cell[COL_KIOSK] = xstrdup("");
        cell[COL_KIND] = xstrdup("");
        cell[COL_ID] = xstrdup("");
        cell[COL_PLAYS] = xasprintf("%llu", (unsigned long long)rep->plays);
    }
    cell[COL_TIME] = xstrdup(hms);
}

static void cells_free(char *cell[COLS])
{
    for (int c = 0; c < COLS; c++)
        free(cell[c]);
}

static void put_cell(FILE *out, const char *text, size_t width, bool right, bool last)
{
    size_t pad = width - text_width(text);
    if (right)
        fprintf(out, "%*s", (int)pad, "");
    fputs(text, out);
    if (!last)
        fprintf(out, "%*s", (int)(pad * !right + 2), "");
}

bool proof_report_note(const struct proof_report *rep, char *buf, size_t cap)
{
    if (!rep->beyond_plays)
        return false;
    char hms[32];
    format_hms(rep->beyond_ms, hms);
    snprintf(buf, cap,
             "note: more than %d rows (or %zu MiB of ids and groups), more than a report holds: "
             "%llu plays (%s) on further rows are counted in the total only",
             PROOF_REPORT_MAX_ROWS, PROOF_REPORT_MAX_TEXT_BYTES >> 20,
             (unsigned long long)rep->beyond_plays, hms);
    return true;
}

void proof_report_write_table(const struct proof_report *rep, FILE *out)
{
    static const char *const heads[COLS] = {"day", "group", "kiosk",    "kind",
                                            "id",  "plays", "on screen"};
    static const bool right[COLS] = {false, false, false, false, false, true, true};
    bool shown[COLS];
    columns_shown(rep, shown);
    /* The total line's word goes in the first column shown. */
    int first = 0;
    while (!shown[first])
        first++;
    const struct row **rows = sorted_rows(rep);
    size_t n = rep->count;
    /* Two passes over the rows, the first for the widths of the columns: the cells of one row
     * at a time are held, not the whole table's. */
    size_t width[COLS];
    for (int c = 0; c < COLS; c++)
        width[c] = text_width(heads[c]);
    char *cell[COLS];
    for (size_t i = 0; i <= n; i++) {
        row_cells(rep, i < n ? rows[i] : NULL, cell);
        if (i == n && first != COL_DAY) {
            free(cell[first]);
            cell[first] = xstrdup(cell[COL_DAY]);
        }
        for (int c = 0; c < COLS; c++) {
            size_t w = text_width(cell[c]);
            if (shown[c] && w > width[c])
                width[c] = w;
        }
        cells_free(cell);
    }
    for (int c = 0; c < COLS; c++)
        if (shown[c])
            put_cell(out, heads[c], width[c], right[c], c == COLS - 1);
    fputc('\n', out);
    for (size_t i = 0; i <= n; i++) {
        if (i == n) {
            /* A rule over the number columns, then the total. */
            size_t lead = 0;
            for (int c = 0; c < COL_PLAYS; c++)
                lead += shown[c] ? width[c] + 2 : 0;
            fprintf(out, "%*s", (int)lead, "");
            for (int c = COL_PLAYS; c < COLS; c++) {
                for (size_t k = 0; k < width[c]; k++)
                    fputc('-', out);
                if (c < COLS - 1)
                    fputs("  ", out);
            }
            fputc('\n', out);
        }
        row_cells(rep, i < n ? rows[i] : NULL, cell);
        if (i == n && first != COL_DAY) {
            free(cell[first]);
            cell[first] = xstrdup(cell[COL_DAY]);
        }
        for (int c = 0; c < COLS; c++)
            if (shown[c])
                put_cell(out, cell[c], width[c], right[c], c == COLS - 1);
        fputc('\n', out);
        cells_free(cell);
    }
    char note[256];
    if (proof_report_note(rep, note, sizeof(note)))
        fprintf(out, "%s\n", note);
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
    bool shown[COLS];
    columns_shown(rep, shown);
    const struct row **rows = sorted_rows(rep);
    fprintf(out, "%s%s%s%s%splays,seconds\r\n", shown[COL_DAY] ? "day," : "", "group,",
            shown[COL_KIOSK] ? "kiosk," : "", shown[COL_KIND] ? "kind," : "",
            shown[COL_ID] ? "id," : "");
    for (size_t i = 0; i < rep->count; i++) {
        char day[16];
        format_day(rows[i]->day, day);
        if (shown[COL_DAY])
            fprintf(out, "%s,", day);
        put_csv_field(out, text_of(rep, rows[i]->group));
        fputc(',', out);
        if (shown[COL_KIOSK]) {
            put_csv_field(out, text_of(rep, rows[i]->kiosk));
            fputc(',', out);
        }
        if (shown[COL_KIND])
            fprintf(out, "%s,", proof_kind_name(rows[i]->kind));
        if (shown[COL_ID]) {
            put_csv_field(out, text_of(rep, rows[i]->id));
            fputc(',', out);
        }
        fprintf(out, "%llu,%lld.%03d\r\n", (unsigned long long)rows[i]->plays,
                (long long)(rows[i]->duration_ms / 1000), (int)(rows[i]->duration_ms % 1000));
    }
    if (rep->beyond_plays) {
        /* Empty fields up to the last text column, which names the row. */
        int empty = shown[COL_DAY] + 1 + shown[COL_KIOSK] + shown[COL_KIND] + shown[COL_ID] - 1;
        for (int k = 0; k < empty; k++)
            fputc(',', out);
        fprintf(out, "(plays beyond the report's %d rows),%llu,%lld.%03d\r\n",
                PROOF_REPORT_MAX_ROWS, (unsigned long long)rep->beyond_plays,
                (long long)(rep->beyond_ms / 1000), (int)(rep->beyond_ms % 1000));
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
