/* Proof of play: one record per shown slide or page, and its line format.
 *
 * A record file is text, one line per record, fields separated by tabs (docs/proof-of-play.md
 * has the full description):
 *
 *   #kiosk-proof<TAB>1<TAB>crc
 *   2027-03-12T18:30:05.250Z<TAB>8000<TAB>slide<TAB>harbour<TAB>42<TAB>akko<TAB>loop<TAB>he<TAB>crc
 *
 * The record fields are start (UTC, milliseconds), duration in ms, kind, id, content version,
 * group, how it was reached and language. Text fields escape backslash, tab, newline and other
 * control characters. Every line ends with the CRC-32 of the bytes before its last tab, as 8
 * lowercase hex digits, so a torn or damaged line is recognised and skipped, never misread.
 *
 * Plain data, no SDL, no allocation; safe on any thread. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PROOF_FORMAT_VERSION 1
#define PROOF_HEADER_TAG "#kiosk-proof"

/* Text fields longer than this many bytes are cut (at a UTF-8 character boundary) when written.
 * Playlist ids are far shorter; the limit only bounds the length of a line. */
#define PROOF_TEXT_MAX 255
#define PROOF_LANG_MAX 35
/* No valid line is longer, escapes included; the reader rejects longer ones. */
#define PROOF_LINE_MAX 4096

enum proof_kind {
    PROOF_KIND_SLIDE,     /* a slide of the playlist */
    PROOF_KIND_PAGE,      /* an interactive page opened from a slide */
    PROOF_KIND_FALLBACK,  /* the built-in slide shown when no content can play */
    PROOF_KIND_EMERGENCY, /* emergency mode, from start to end (docs/emergency.md) */
};

enum proof_reached {
    PROOF_REACHED_LOOP,              /* the show moved on by itself */
    PROOF_REACHED_TOUCH,             /* a resident touched or swiped (or a key was pressed) */
    PROOF_REACHED_SCHEDULE_FALLBACK, /* nothing else could play */
    PROOF_REACHED_TRIGGER,           /* an emergency trigger: an order or the alarm's contact */
};

/* One play. The strings are borrowed: proof_format_line() copies them into the line, and records
 * from the reader point into its line buffer (valid during the callback only). NULL strings are
 * written as empty fields. */
struct proof_record {
    enum proof_kind kind;
    const char *id;           /* slide or page id, UTF-8 */
    uint64_t content_version; /* the installed bundle's version; 0 when not from a bundle */
    const char *group;        /* the screen group the content was made for */
    int64_t start_ms;         /* UTC wall-clock time the slide appeared, ms since 1970 */
    int64_t duration_ms;      /* time on screen, measured on the monotonic clock; >= 0 */
    enum proof_reached reached_by;
    const char *lang; /* language shown, a BCP 47 tag such as "he"; empty when none */
};

const char *proof_kind_name(enum proof_kind kind);
const char *proof_reached_name(enum proof_reached reached);

/* CRC-32 (ISO-HDLC, the one of zlib and PNG), continued from crc (0 to start). Own code rather
 * than zlib's so that the player needs no further library. */
uint32_t proof_crc32(uint32_t crc, const void *data, size_t len);

/* Formats the file's header line, "\n" included, into buf (at least 64 bytes); returns its
 * length. */
size_t proof_format_header(char *buf, size_t cap);

/* Formats r as one line, "\n" included, into buf (PROOF_LINE_MAX bytes are always enough).
 * Returns the length, or 0 when r cannot be written (start before 1970 or after 9999,
 * negative duration). Over-long text fields are cut; see PROOF_TEXT_MAX. */
size_t proof_format_line(const struct proof_record *r, char *buf, size_t cap);

enum proof_line_type {
    PROOF_LINE_RECORD,
    PROOF_LINE_HEADER,
    PROOF_LINE_BAD, /* torn, damaged or not a line of this format; *why says which */
};

/* Parses one line without its "\n" (len bytes; it may hold NUL bytes). The line is decoded in
 * place: on PROOF_LINE_RECORD, out's strings point into line. On PROOF_LINE_HEADER *version
 * gets the header's format version. On PROOF_LINE_BAD *why is a static phrase ("checksum does
 * not match", ...). */
enum proof_line_type proof_parse_line(char *line, size_t len, struct proof_record *out,
                                      unsigned *version, const char **why);

/* Formats UTC milliseconds as "2027-03-12T18:30:05.250Z" (25 bytes with the NUL); false when
 * out of the years 1970..9999. Parses the same form exactly; false on anything else. */
bool proof_format_time(int64_t utc_ms, char out[32]);
bool proof_parse_time(const char *s, size_t len, int64_t *utc_ms);
