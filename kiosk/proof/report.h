/* Proof of play: plays and time on screen per slide per day, as a table or as CSV.
 *
 * A play counts on the local day it started, in the process's time zone (TZ; see
 * proof_report_set_timezone), with its whole duration: a slide shown from 23:59:55 for 10 s
 * adds 10 s to the earlier day. Rows are keyed by day, group, kind and id; plays of different
 * content versions and languages of the same slide add up in one row.
 *
 * Memory is bounded whatever the input: a report holds at most PROOF_REPORT_MAX_ROWS rows and
 * PROOF_REPORT_MAX_TEXT_BYTES bytes of distinct groups and ids (each stored once, however many
 * days it appears on). Plays that would need a row beyond that are still counted in the total,
 * and both outputs say how many there were. Durations and sums are bounded too, so no number in
 * a report can overflow.
 *
 * Plain C, no SDL. A report is used by one thread. */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "proof/record.h"

/* Owned by the caller; free with proof_report_free. */
struct proof_report *proof_report_create(void);
void proof_report_free(struct proof_report *rep);

/* What a report's rows are split by (all three by default): without DAY the rows add up over
 * all days; without KIOSK over all kiosks; without SLIDE over all slides and pages of a group. */
#define PROOF_REPORT_BY_DAY 1u
#define PROOF_REPORT_BY_KIOSK 2u
#define PROOF_REPORT_BY_SLIDE 4u
void proof_report_set_by(struct proof_report *rep, unsigned by);

/* Plays added from now on are the named kiosk's (a copy is kept); NULL or "": no kiosk named.
 * Once any kiosk is named, tables and CSV have a kiosk column (when split by kiosk). The kiosk
 * names count in the text limit like groups and ids. */
void proof_report_set_kiosk(struct proof_report *rep, const char *kiosk);

/* Rows a report holds: a year of 500 slides and pages, or several cities' kiosks together. About
 * 60 bytes each, so with the text limit a report stays under about 40 MB. */
#define PROOF_REPORT_MAX_ROWS 200000
#define PROOF_REPORT_MAX_TEXT_BYTES ((size_t)16 << 20)
/* The largest total a report sums to: 10^15 ms, over 31,000 years of plays. Far beyond any real
 * report, far from where int64_t overflows or rounding to the second could. */
#define PROOF_REPORT_TOTAL_MAX_MS INT64_C(1000000000000000)

/* Counts one play (copies what it needs from r). Returns NULL when counted, or a static phrase
 * saying why not: a duration outside 0..PROOF_DURATION_MAX_MS, or a total that would pass
 * PROOF_REPORT_TOTAL_MAX_MS. */
const char *proof_report_add(struct proof_report *rep, const struct proof_record *r);

struct proof_report_totals {
    size_t rows;
    uint64_t plays;      /* every play counted, those beyond the rows included */
    int64_t duration_ms; /* likewise */
    /* Plays that needed a row beyond PROOF_REPORT_MAX_ROWS or the text limit: counted in the
     * totals only. */
    uint64_t beyond_plays;
    int64_t beyond_ms;
};

void proof_report_get_totals(const struct proof_report *rep, struct proof_report_totals *out);

/* An aligned text table, one row per day, group, kind and id, sorted, then a total line, then
 * (when rows were left out) a line "note: more than N rows ...".
 * Columns are aligned by characters (UTF-8 aware); control characters in ids are shown as
 * escapes (\t, \n). Times are H:MM:SS, rounded to the second. */
void proof_report_write_table(const struct proof_report *rep, FILE *out);

/* The same rows as CSV (RFC 4180: CRLF line ends, fields with quotes, commas or line breaks
 * quoted), with a header line and no total line; seconds with three decimals. When rows were
 * left out, a last row with empty day, group and kind, the id "(plays beyond the report's N
 * rows)", and their plays and seconds. */
void proof_report_write_csv(const struct proof_report *rep, FILE *out);

/* The note about rows left out ("note: more than 200000 rows (day, group, kind, id): ..."),
 * without a newline, into buf; false (and nothing written) when no row was left out. */
bool proof_report_note(const struct proof_report *rep, char *buf, size_t cap);

/* Sets the process's time zone (TZ) for the days of a report: an IANA name such as
 * "Asia/Jerusalem" (checked against the system's zoneinfo), "UTC", or a POSIX TZ string
 * ("IST-2IDT,M3.4.4/26,M10.5.0"). False when the name is not known. Process-wide: for the
 * report command's own process, not for the player. */
bool proof_report_set_timezone(const char *zone);

/* UTC ms of the local midnight that starts day "YYYY-MM-DD" (days_after = 0), or the day that
 * many days after it (1 for the end of an inclusive range). False when the text is not a date. */
bool proof_report_day_start(const char *date, int days_after, int64_t *utc_ms);
