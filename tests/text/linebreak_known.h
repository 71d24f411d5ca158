/* LineBreakTest.txt (Unicode 15.0) cases where ICU 72 answers differently, and why. Each
 * entry is the case's code points exactly as in the file. */
#pragma once

#define ICU_WORD_INITIAL_HYPHEN                                                                    \
    "word-initial hyphen: ICU 72 already does not break after a hyphen at the start of a word "    \
    "before a letter, the rule Unicode 15.1 adopted as LB20a; the 15.0 file still breaks (LB31)"
#define ICU_NUMBER_REGEX                                                                           \
    "ICU 72 applies LB25 in its regular-expression form (UAX #14 LB25 tailoring), where a "        \
    "number may begin with IS (\".35\", \",0\"): no break between IS and NU, so the break moves "  \
    "before the IS; the 15.0 test file uses the pair-table form"

static const struct known_difference known_icu_differences[] = {
    {ICU_WORD_INITIAL_HYPHEN, "002D 0023"},
    {ICU_WORD_INITIAL_HYPHEN, "002D 0308 0023"},
    {ICU_WORD_INITIAL_HYPHEN, "002D 00A7"},
    {ICU_WORD_INITIAL_HYPHEN, "002D 0308 00A7"},
    {ICU_WORD_INITIAL_HYPHEN, "002D 50005"},
    {ICU_WORD_INITIAL_HYPHEN, "002D 0308 50005"},
    {ICU_WORD_INITIAL_HYPHEN, "002D 0E01"},
    {ICU_WORD_INITIAL_HYPHEN, "002D 0308 0E01"},
    {ICU_NUMBER_REGEX, "002C 0030"},
    {ICU_NUMBER_REGEX, "002C 0308 0030"},
    {ICU_NUMBER_REGEX,
     "0065 0071 0075 0061 006C 0073 0020 002E 0033 0035 0020 0063 0065 006E 0074 0073"},
    {ICU_NUMBER_REGEX, "0061 002E 0032 0020"},
    {ICU_NUMBER_REGEX, "0061 002E 0032 0020 0915"},
    {ICU_NUMBER_REGEX, "0061 002E 0032 0020 672C"},
    {ICU_NUMBER_REGEX, "0061 002E 0032 3000 672C"},
    {ICU_NUMBER_REGEX, "0061 002E 0032 3000 307E"},
    {ICU_NUMBER_REGEX, "0061 002E 0032 3000 0033"},
    {ICU_NUMBER_REGEX, "0041 002E 0031 0020 BABB"},
    {ICU_NUMBER_REGEX, "BD24 C5B4 002E 0020 0041 002E 0032 0020 BCFC"},
    {ICU_NUMBER_REGEX, "BD10 C694 002E 0020 0041 002E 0033 0020 BABB"},
    {ICU_NUMBER_REGEX, "C694 002E 0020 0041 002E 0034 0020 BABB"},
    {ICU_NUMBER_REGEX, "0061 002E 0032 3000 300C"},
};
