/* The words of a clock/date block, in the block's language. Pure: a broken-down local time in,
 * a string out, tested without a screen: the civil date as people in each language write it,
 * and with the *_HEBREW formats the Hebrew date in Hebrew letters beside it (calendar/). */
#pragma once

#include <stddef.h>
#include <time.h>

#include "playlist/playlist.h"

/* The wall clock at UTC moment t in the playlist's time zone (place.tz, else Asia/Jerusalem),
 * as a broken-down time for clock_text(). Not the machine's zone: a Pi left on UTC shows the
 * same time as its schedules, which read the playlist's place too. */
void clock_local_time(const struct playlist *pl, time_t t, struct tm *out);

/* Writes the clock text for tm (local time) in language lang into buf (NUL-terminated,
 * truncated to size). Unknown languages use English names. Times are 24-hour, as in Israel. */
void clock_text(const char *lang, enum clock_format format, const struct tm *tm, char *buf,
                size_t size);
