#include "cli/args.h"

#include <errno.h>
#include <stdlib.h>

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
