#include "cli/args.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/file.h"
#include "calendar/tz.h"

bool args_parse_size(const char *s, int *w, int *h)
{
    char *end;
    errno = 0;
    long a = strtol(s, &end, 10);
    if (errno || end == s || (*end != 'x' && *end != 'X'))
        return false;
    const char *p = end + 1;
    long b = strtol(p, &end, 10);
    if (errno || end == p || *end)
        return false;
    if (a < 16 || a > 16384 || b < 16 || b > 16384)
        return false;
    *w = (int)a;
    *h = (int)b;
    return true;
}

bool args_parse_uint(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    if (*s == '-')
        return false;
    unsigned long long n = strtoull(s, &end, 10);
    if (errno || end == s || *end)
        return false;
    *out = n;
    return true;
}

bool args_parse_double(const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double d = strtod(s, &end);
    if (errno || end == s || *end || d < lo || d > hi)
        return false;
    *out = d;
    return true;
}

bool args_parse_civil(const char *s, bool end_of_day, struct civil_time *out)
{
    int y, mo, d, h = 0, mi = 0, sec = 0, n = 0;
    char sep;
    memset(out, 0, sizeof(*out));
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
        return false;
    const char *p = s + n;
    bool date_only = *p == '\0';
    if (!date_only) {
        int m = 0;
        sep = *p;
        if ((sep != ' ' && sep != 'T') || sscanf(p + 1, "%2d:%2d%n", &h, &mi, &m) != 2 || m != 5)
            return false;
        p += 1 + m;
        if (*p == ':') {
            if (sscanf(p + 1, "%2d%n", &sec, &m) != 1 || m != 2)
                return false;
            p += 3;
        }
        if (*p || h > 23 || mi > 59 || sec > 59)
            return false;
    }
    if (y < 1900 || y > 2199 || mo < 1 || mo > 12 || d < 1 || d > civil_days_in_month(y, mo))
        return false;
    if (date_only && end_of_day)
        civil_date_from_days(civil_days_from_date(y, mo, d) + 1, &y, &mo, &d);
    out->year = y;
    out->month = mo;
    out->day = d;
    out->hour = h;
    out->minute = mi;
    out->second = sec;
    return true;
}

const char *args_content_dir(const char *dir)
{
    char *own = file_join(dir, "playlist.json");
    bool here = access(own, F_OK) == 0;
    free(own);
    if (here)
        return dir;
    char *content = file_join(dir, "content");
    char *inner = file_join(content, "playlist.json");
    bool installed = access(inner, F_OK) == 0;
    free(inner);
    if (!installed) {
        free(content);
        return dir;
    }
    fprintf(stderr, "kiosk: %s is an installed version; using its playlist folder %s\n", dir,
            content);
    /* Lives as long as the process, as the command's arguments do (one command a process). */
    static char *resolved;
    free(resolved);
    resolved = content;
    return resolved;
}
