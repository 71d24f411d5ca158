/* Sunrise, sunset, candle lighting and havdalah for a civil date at a place.
 *
 * Sun times come from libhdate (hdate_get_utc_sun_time_deg: NOAA's approximate solar position,
 * sunset when the sun's centre is 0.833° below the horizon, as hebcal), in whole minutes
 * (truncated, as hebcal prints them). Candle lighting is place->candle_minutes before sunset;
 * havdalah is place-> havdalah_minutes after sunset when set, else when the sun is
 * place->havdalah_degrees (8.5°) below the horizon. Pure functions; thread-safe. */
#pragma once

#include <stdbool.h>
#include <time.h>

#include "calendar/place.h"

struct zmanim {
    time_t sunrise, sunset;
    time_t candle_lighting; /* sunset - candle minutes */
    time_t havdalah;        /* tzeit by the place's definition */
};

/* The times of civil date (year, month, day) at the place. False (and *out zeroed) when the sun
 * does not rise or set that day (polar latitudes) or the date is out of range. */
bool zmanim_for_date(const struct calendar_place *place, int year, int month, int day,
                     struct zmanim *out);
