/* Hebrew dates: conversion from civil dates (libhdate), formatting in Hebrew letters and in
 * hebcal's English, and parsing of the day-and-month a schedule names ("1 Nisan", "כ״ב בניסן").
 *
 * Pure functions of their arguments; thread-safe. The Hebrew date of a civil date is the one that
 * begins at the previous sunset and covers that civil day's daylight; displays that show it
 * beside the civil date show that one (the date does not turn at sunset). */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Months are numbered as libhdate numbers them: 1 Tishrei .. 12 Elul, with 6 the Adar of a
 * common year and 13/14 Adar I and Adar II of a leap year (6 does not occur in leap years). */
enum hebrew_month {
    HEBREW_TISHREI = 1,
    HEBREW_CHESHVAN,
    HEBREW_KISLEV,
    HEBREW_TEVET,
    HEBREW_SHVAT,
    HEBREW_ADAR,
    HEBREW_NISAN,
    HEBREW_IYYAR,
    HEBREW_SIVAN,
    HEBREW_TAMUZ,
    HEBREW_AV,
    HEBREW_ELUL,
    HEBREW_ADAR_I,
    HEBREW_ADAR_II,
};

struct hebrew_date {
    int year;  /* anno mundi, e.g. 5787 */
    int month; /* enum hebrew_month */
    int day;   /* 1..30 */
};

bool hebrew_is_leap_year(int year);
/* 29 or 30; 0 when the month does not exist in that year (Adar I in a common year, say). */
int hebrew_days_in_month(int year, int month);

/* Civil (proleptic Gregorian) date -> Hebrew date. Valid for civil years 1..9999. */
void hebrew_from_civil(int year, int month, int day, struct hebrew_date *out);
/* Hebrew date -> civil date; false when the Hebrew date does not exist. */
bool hebrew_to_civil(const struct hebrew_date *h, int *year, int *month, int *day);
/* Days since 1970-01-01 of a Hebrew date (which must exist). */
int64_t hebrew_to_days(const struct hebrew_date *h);
/* <0, 0, >0 as a is before, the same as, or after b. */
int hebrew_compare(const struct hebrew_date *a, const struct hebrew_date *b);

/* Month names: English as hebcal writes them ("Sh'vat", "Adar II"), Hebrew without niqqud in
 * full spelling ("חשוון", "אדר ב׳"). Static strings; NULL for a month number out of range. */
const char *hebrew_month_name(int month);
const char *hebrew_month_name_he(int month);

/* A number in Hebrew letters (gematria), thousands dropped, with geresh (׳) after a single
 * letter and gershayim (״) before the last letter: 1 -> א׳, 15 -> ט״ו, 16 -> ט״ז,
 * 5787 -> תשפ״ז, 5744 -> תשד״מ. Writes a NUL-terminated UTF-8 string; returns its length
 * in bytes (truncated to fit when size is too small, as snprintf). */
size_t hebrew_format_number(int n, char *buf, size_t size);
/* "כ״ה בכסלו תשפ״ז" (day, ב + month, year). 64 bytes always suffice. */
size_t hebrew_format(const struct hebrew_date *h, char *buf, size_t size);
/* hebcal's English: "25th of Kislev, 5787". */
size_t hebrew_format_en(const struct hebrew_date *h, char *buf, size_t size);

/* A day of the Hebrew year a schedule names, optionally in one year only. */
struct hebrew_day {
    int month; /* enum hebrew_month, as written: HEBREW_ADAR may mean Adar II, see below */
    int day;   /* 1..30 */
    int year;  /* 0: every year */
};

/* Parses "1 Nisan", "Nisan 1", "22 Nisan 5787", "30 Adar I", "כ״ב בניסן", "כב ניסן תשפ״ז",
 * "א׳ אדר ב׳". Month names: hebcal's and common transliterations (Tishri, Heshvan, Shevat,
 * Iyar, Tammuz, Adar 1/Adar Aleph ...) in any case, or Hebrew (with or without ב before it,
 * niqqud ignored). Days in digits or letters, years in digits (5787) or letters (תשפ״ז, ה׳תשפ״ז).
 * False when the text is not such a date. */
bool hebrew_parse_day(const char *text, struct hebrew_day *out);

/* The date that `d` names in Hebrew year `year`, the way schedules read it:
 *   - "Adar" in a leap year is Adar II (where Purim is); "Adar I"/"Adar II" in a common year
 *     are its one Adar;
 *   - day 30 of a month that has 29 days that year is its 29th.
 * d->year is ignored. */
void hebrew_day_in_year(const struct hebrew_day *d, int year, struct hebrew_date *out);

/* Whether civil date (year, month, day) falls between `from` and `to`, both included. With no
 * years, the range recurs each Hebrew year and may run across Rosh Hashana (20 Elul .. 10 Tishrei);
 * with both years given it is one fixed stretch; a year on only one end is taken as given there
 * and as the other end's year on the other. */
bool hebrew_range_contains(const struct hebrew_day *from, const struct hebrew_day *to, int year,
                           int month, int day);
