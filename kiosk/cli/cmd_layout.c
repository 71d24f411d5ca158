/* `kiosk layout`: the text engine's result as JSON, for tests and for people checking how a
 * sentence will come out before it goes on a screen. Format: docs/text.md. */
#define LOG_MODULE "layout"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/lang.h"
#include "base/log.h"
#include "cli/commands.h"
#include "text/fonts.h"
#include "text/layout.h"

static int layout_usage(void)
{
    fputs("usage: kiosk layout [--size PX] [--width PX] [--dir rtl|ltr|auto]\n"
          "                    [--align start|end|center] [--lang TAG] [--bold] -- TEXT\n",
          stderr);
    return 2;
}

static bool parse_px(const char *s, float *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || !(v > 0) || v > 10000)
        return false;
    *out = (float)v;
    return true;
}

int cmd_layout(int argc, char **argv)
{
    struct text_style style = {.size = 32, .dir = TEXT_DIR_AUTO, .align = TEXT_ALIGN_START};
    float width = 600;
    bool dir_given = false;
    const char *text = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--")) {
            if (i + 2 != argc)
                return layout_usage();
            text = argv[i + 1];
            break;
        } else if (!strcmp(a, "--bold")) {
            style.weight = FONT_WEIGHT_BOLD;
            continue;
        }
        if (!v)
            return layout_usage();
        if (!strcmp(a, "--size")) {
            if (!parse_px(v, &style.size))
                return layout_usage();
        } else if (!strcmp(a, "--width")) {
            if (!parse_px(v, &width))
                return layout_usage();
        } else if (!strcmp(a, "--dir")) {
            dir_given = true;
            if (!strcmp(v, "rtl"))
                style.dir = TEXT_DIR_RTL;
            else if (!strcmp(v, "ltr"))
                style.dir = TEXT_DIR_LTR;
            else if (!strcmp(v, "auto"))
                style.dir = TEXT_DIR_AUTO;
            else
                return layout_usage();
        } else if (!strcmp(a, "--align")) {
            if (!strcmp(v, "start"))
                style.align = TEXT_ALIGN_START;
            else if (!strcmp(v, "end"))
                style.align = TEXT_ALIGN_END;
            else if (!strcmp(v, "center"))
                style.align = TEXT_ALIGN_CENTER;
            else
                return layout_usage();
        } else if (!strcmp(a, "--lang")) {
            if (!lang_tag_valid(v)) {
                fprintf(stderr, "kiosk layout: --lang %s: not a language tag like he or en\n", v);
                return 2;
            }
            style.lang = v;
        } else {
            return layout_usage();
        }
        i++;
    }
    if (!text)
        return layout_usage();
    /* A language says the direction, as in a playlist; --dir overrides, auto asks the text. */
    if (!dir_given && style.lang)
        style.dir = lang_is_rtl(style.lang) ? TEXT_DIR_RTL : TEXT_DIR_LTR;

    const char *dir = font_set_default_dir();
    struct text_engine *engine = text_engine_create(dir);
    if (!engine) {
        fprintf(stderr, "kiosk layout: no usable fonts in %s (set KIOSK_FONTS_DIR)\n", dir);
        return 1;
    }
    struct text_layout *layout = text_layout_create(engine, text, strlen(text), &style, width);
    text_layout_write_json(layout, text_engine_fonts(engine), stdout);
    text_layout_unref(layout);
    text_engine_destroy(engine);
    return 0;
}
