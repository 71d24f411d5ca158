#include "base/lang.h"

#include <ctype.h>
#include <string.h>

bool lang_is_rtl(const char *tag)
{
    static const char *const rtl[] = {"he", "iw", "ar", "fa", "ur",  "yi",
                                      "ps", "sd", "ug", "dv", "ckb", "syr"};
    size_t n = strcspn(tag, "-_");
    for (size_t i = 0; i < sizeof(rtl) / sizeof(rtl[0]); i++)
        if (strlen(rtl[i]) == n && strncmp(tag, rtl[i], n) == 0)
            return true;
    return false;
}

bool lang_tag_valid(const char *tag)
{
    size_t n = 0;
    while (islower((unsigned char)tag[n]))
        n++;
    if (n < 2 || n > 3)
        return false;
    if (tag[n] == '\0')
        return true;
    if (tag[n] != '-')
        return false;
    const char *region = tag + n + 1;
    size_t m = strlen(region);
    if (m == 2)
        return isupper((unsigned char)region[0]) && isupper((unsigned char)region[1]);
    if (m == 4) /* script subtag such as Latn */
        return isupper((unsigned char)region[0]) && islower((unsigned char)region[1]);
    return false;
}
