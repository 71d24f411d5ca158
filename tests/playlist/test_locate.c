/* The position locator: JSON paths to lines and columns (code points), and byte offsets back
 * to paths, on well-formed and broken text. */
#include "playlist/locate.h"

#include "check.h"

#include <stdlib.h>

static void where(const char *text, const struct json_path_seg *path, size_t depth, bool at_key,
                  int want_line, int want_column)
{
    size_t offset;
    int line = 0, column = 0;
    bool found = json_locate(text, strlen(text), path, depth, at_key, &offset);
    CHECK(found);
    if (found)
        json_line_column(text, strlen(text), offset, &line, &column);
    CHECK_INT(line, want_line);
    CHECK_INT(column, want_column);
}

static void test_locate(void)
{
    const char *doc = "{\n"
                      "  \"a\": {\"b\": [10, [20, 30], {\"c\": \"x\"}]},\n"
                      "  \"\\u05e9\\u05dc\": \"שלום\", \"next\": 1,\n"
                      "  \"\\\"q\\\"\": true, \"s\": \"a\\\"},]\", \"t\": 2\n"
                      "}";
    struct json_path_seg p[4] = {{0}};
    where(doc, p, 0, false, 1, 1);
    p[0] = (struct json_path_seg){.key = "a"};
    where(doc, p, 1, false, 2, 8);
    where(doc, p, 1, true, 2, 3);
    p[1] = (struct json_path_seg){.key = "b"};
    p[2] = (struct json_path_seg){.index = 1};
    where(doc, p, 3, false, 2, 19);
    p[3] = (struct json_path_seg){.index = 1};
    where(doc, p, 4, false, 2, 24);
    p[2] = (struct json_path_seg){.index = 2};
    p[3] = (struct json_path_seg){.key = "c"};
    where(doc, p, 4, false, 2, 35);
    /* a key written with \u escapes matches its UTF-8 form; columns count code points */
    p[0] = (struct json_path_seg){.key = "של"};
    where(doc, p, 1, true, 3, 3);
    p[0] = (struct json_path_seg){.key = "next"};
    where(doc, p, 1, false, 3, 35);
    p[0] = (struct json_path_seg){.key = "\"q\""};
    where(doc, p, 1, false, 4, 12);
    /* brackets and quotes inside strings do not confuse the scan */
    p[0] = (struct json_path_seg){.key = "t"};
    where(doc, p, 1, false, 4, 38);

    size_t offset;
    p[0] = (struct json_path_seg){.key = "missing"};
    CHECK(!json_locate(doc, strlen(doc), p, 1, false, &offset));
    p[0] = (struct json_path_seg){.key = "a"};
    p[1] = (struct json_path_seg){.key = "b"};
    p[2] = (struct json_path_seg){.index = 3};
    CHECK(!json_locate(doc, strlen(doc), p, 3, false, &offset));
    /* broken or cut text: no answer, no read past the end */
    const char *broken[] = {"", "{", "{\"a\"", "{\"a\":", "{\"a\" 1}", "{\"x\": [1, 2", "[\"\\"};
    p[0] = (struct json_path_seg){.key = "a"};
    for (size_t i = 0; i < sizeof(broken) / sizeof(broken[0]); i++)
        CHECK(!json_locate(broken[i], strlen(broken[i]), p, 1, false, &offset));
}

static void path_at(const char *text, size_t offset, const char *want)
{
    char *got = json_path_at(text, strlen(text), offset);
    CHECK_STR(got, want);
    free(got);
}

static void test_path_at(void)
{
    const char *doc = "{\"slides\": [{\"id\": \"a\"}, {\"id\": tru}], \"odd key\": [1, 2]}";
    path_at(doc, 0, "");
    path_at(doc, (size_t)(strstr(doc, "tru") - doc), "slides[1].id");
    path_at(doc, (size_t)(strstr(doc, "\"a\"") - doc), "slides[0].id");
    path_at(doc, (size_t)(strstr(doc, "2]") - doc), "[\"odd key\"][1]");
    /* between members: the container itself */
    path_at(doc, (size_t)(strstr(doc, "]") - doc), "slides");
    path_at("{\"a\": 1 \"b\": 2}", 8, "");
    /* nothing past the end, whatever the offset */
    path_at("{\"a\": [", 1000, "a[0]");
}

static void test_line_column(void)
{
    int line, column;
    const char *text = "ab\nשלום x\n";
    json_line_column(text, strlen(text), 0, &line, &column);
    CHECK_INT(line, 1);
    CHECK_INT(column, 1);
    json_line_column(text, strlen(text), (size_t)(strchr(text, 'x') - text), &line, &column);
    CHECK_INT(line, 2);
    CHECK_INT(column, 6);
    json_line_column(text, strlen(text), 9999, &line, &column);
    CHECK_INT(line, 3);
    CHECK_INT(column, 1);
}

int main(void)
{
    test_locate();
    test_path_at();
    test_line_column();
    return check_summary();
}
