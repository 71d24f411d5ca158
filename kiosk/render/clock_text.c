#include "render/clock_text.h"

#include <stdio.h>
#include <string.h>

#include "calendar/hebrew.h"
#include "calendar/tz.h"

void clock_local_time(const struct playlist *pl, time_t t, struct tm *out)
{
    const char *zone_name = pl && pl->has_place && pl->place.tz ? pl->place.tz : TZ_DEFAULT_ZONE;
    const struct tz_zone *zone = tz_get(zone_name);
    if (!zone) /* a zone the parser let through but the machine cannot load */
        zone = tz_get(TZ_DEFAULT_ZONE);
    struct civil_time c;
    tz_to_civil(zone, t, &c);
    *out = (struct tm){.tm_year = c.year - 1900,
                       .tm_mon = c.month - 1,
                       .tm_mday = c.day,
                       .tm_hour = c.hour,
                       .tm_min = c.minute,
                       .tm_sec = c.second,
                       .tm_wday = c.wday,
                       .tm_isdst = c.dst,
                       .tm_gmtoff = c.utc_offset};
}

struct calendar_words {
    const char *lang;
    const char *weekdays[7]; /* Sunday first, as tm_wday */
    const char *months[12];  /* in the form used after a day number ("in November" in Hebrew) */
    const char *date_format; /* %1$s weekday, %2$d day, %3$s month, %4$d year */
};

static const struct calendar_words words[] = {
    {"he",
     {"יום ראשון", "יום שני", "יום שלישי", "יום רביעי", "יום חמישי", "יום שישי", "שבת"},
     {"בינואר", "בפברואר", "במרץ", "באפריל", "במאי", "ביוני", "ביולי", "באוגוסט", "בספטמבר",
      "באוקטובר", "בנובמבר", "בדצמבר"},
     "%1$s, %2$d %3$s %4$d"},
    {"ar",
     {"الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"},
     {"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
      "نوفمبر", "ديسمبر"},
     "%1$s، %2$d %3$s %4$d"},
    {"ru",
     {"воскресенье", "понедельник", "вторник", "среда", "четверг", "пятница", "суббота"},
     {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
      "октября", "ноября", "декабря"},
     "%1$s, %2$d %3$s %4$d г."},
    {"am",
     {"እሑድ", "ሰኞ", "ማክሰኞ", "ረቡዕ", "ሐሙስ", "ዓርብ", "ቅዳሜ"},
     {"ጃንዩወሪ", "ፌብሩወሪ", "ማርች", "ኤፕሪል", "ሜይ", "ጁን", "ጁላይ", "ኦገስት", "ሴፕቴምበር", "ኦክቶበር", "ኖቬምበር",
      "ዲሴምበር"},
     "%1$s፣ %2$d %3$s %4$d"},
    {"en",
     {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
     {"January", "February", "March", "April", "May", "June", "July", "August", "September",
      "October", "November", "December"},
     "%1$s, %2$d %3$s %4$d"},
};

static const struct calendar_words *words_for(const char *lang)
{
    size_t n = lang ? strcspn(lang, "-_") : 0;
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (strlen(words[i].lang) == n && strncmp(lang, words[i].lang, n) == 0)
            return &words[i];
    return &words[sizeof(words) / sizeof(words[0]) - 1];
}

void clock_text(const char *lang, enum clock_format format, const struct tm *tm, char *buf,
                size_t size)
{
    const struct calendar_words *w = words_for(lang);
    char time[16], date[160];
    snprintf(time, sizeof(time), "%02d:%02d", tm->tm_hour, tm->tm_min);
    int wday = tm->tm_wday >= 0 && tm->tm_wday < 7 ? tm->tm_wday : 0;
    int mon = tm->tm_mon >= 0 && tm->tm_mon < 12 ? tm->tm_mon : 0;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    snprintf(date, sizeof(date), w->date_format, w->weekdays[wday], tm->tm_mday, w->months[mon],
             tm->tm_year + 1900);
#pragma GCC diagnostic pop
    /* The Hebrew date of the civil day (it does not turn at sunset on a clock). */
    char hebrew[96] = "";
    if (format >= CLOCK_HEBREW) {
        struct hebrew_date h;
        hebrew_from_civil(tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday, &h);
        hebrew_format(&h, hebrew, sizeof hebrew);
    }
    switch (format) {
    case CLOCK_HEBREW:
        snprintf(buf, size, "%s", hebrew);
        break;
    case CLOCK_DATE_HEBREW:
        snprintf(buf, size, "%s · %s", date, hebrew);
        break;
    case CLOCK_DATETIME_HEBREW:
        snprintf(buf, size, "%s\n%s · %s", time, date, hebrew);
        break;
    case CLOCK_TIME:
        snprintf(buf, size, "%s", time);
        break;
    case CLOCK_DATE:
        snprintf(buf, size, "%s", date);
        break;
    case CLOCK_DATETIME:
        /* Two lines: the time large on top reads at a glance, the date below. */
        snprintf(buf, size, "%s\n%s", time, date);
        break;
    }
}
