/* Shaped runs agree with `hb-shape` (package libharfbuzz-bin): for each text, the engine's bidi
 * levels and itemization pick runs; each run is shaped by text/shape.h and by hb-shape with the
 * same font file, direction, script, language and paragraph context, and glyph ids, clusters,
 * advances and mark offsets must be equal. This pins down that the engine passes HarfBuzz the
 * right direction (no double mirroring), script and context, and that marks stay in the base's
 * font. Prints "N passed, N failed" (runs).
 *
 * Usage: test_hb_shape_compare FONTS_DIR [HB_SHAPE]
 */
#define _GNU_SOURCE
#define LOG_MODULE "test"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/file.h"
#include "base/lang.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "text/bidi.h"
#include "text/isolate.h"
#include "text/itemize.h"
#include "text/shape.h"

struct shape_case {
    const char *lang;
    const char *text;
};

static const struct shape_case cases[] = {
    {"he", "שָׁלוֹם עֲלֵיכֶם"},
    {"he", "בְּרֵאשִׁית בָּרָא אֱלֹהִים אֵת הַשָּׁמַיִם"},
    {"he", "המוזיאון (בתל אביב) פתוח [כל] {יום}"},
    {"he", "מחיר ₪3,200 טלפון +972-3-1234567 www.kiosk.co.il"},
    {"he", "צה\"ל, ג׳ירפה, בית־הספר"},
    {"ar", "مَرْحَبًا بِكُمْ فِي الْمَتْحَف"},
    {"ar", "لا إله إلا الله"},
    {"ar", "السعر (35,000) ريال ٠٣-١٢٣٤٥٦٧"},
    {"en", "AVATAR Tel Aviv office (open) fi ffi"},
    {"ru", "Добро пожаловать в музей"},
    {"am", "እንኳን ደህና መጡ"},
    {"he", "הכנס של Google בתל אביב עם Добро и مرحبا"},
};

/* Runs argv, returns its stdout (caller frees) or NULL. */
static char *run_capture(char *const argv[])
{
    int fd[2];
    if (pipe(fd) != 0)
        return NULL;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fd[1], 1);
        /* hb-shape echoes the context text on stderr; keep the test output readable */
        int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0)
            dup2(devnull, 2);
        close(fd[0]);
        close(fd[1]);
        execvp(argv[0], argv);
        _exit(127);
    }
    close(fd[1]);
    size_t cap = 4096, len = 0;
    char *out = xmalloc(cap);
    ssize_t r;
    while ((r = read(fd[0], out + len, cap - len - 1)) > 0) {
        len += (size_t)r;
        if (cap - len < 2)
            out = xrealloc(out, cap *= 2);
    }
    out[len] = '\0';
    close(fd[0]);
    int status;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        free(out);
        return NULL;
    }
    return out;
}

static char *utf8_of(const uint32_t *cps, size_t a, size_t b)
{
    char *s = xmalloc((b - a) * 4 + 1), *p = s;
    for (size_t i = a; i < b; i++) {
        uint32_t c = cps[i];
        if (c < 0x80) {
            *p++ = (char)c;
        } else if (c < 0x800) {
            *p++ = (char)(0xC0 | c >> 6);
            *p++ = (char)(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            *p++ = (char)(0xE0 | c >> 12);
            *p++ = (char)(0x80 | (c >> 6 & 0x3F));
            *p++ = (char)(0x80 | (c & 0x3F));
        } else {
            *p++ = (char)(0xF0 | c >> 18);
            *p++ = (char)(0x80 | (c >> 12 & 0x3F));
            *p++ = (char)(0x80 | (c >> 6 & 0x3F));
            *p++ = (char)(0x80 | (c & 0x3F));
        }
    }
    *p = '\0';
    return s;
}

static size_t decode(const char *s, uint32_t *out)
{
    size_t n = 0;
    const unsigned char *u = (const unsigned char *)s;
    while (*u) {
        unsigned c = *u;
        size_t k = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
        uint32_t cp = k == 1 ? c : k == 2 ? c & 0x1F : k == 3 ? c & 0x0F : c & 0x07;
        for (size_t j = 1; j < k; j++)
            cp = (cp << 6) | (u[j] & 0x3F);
        out[n++] = cp;
        u += k;
    }
    return n;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FONTS_DIR [HB_SHAPE]\n", argv[0]);
        return 2;
    }
    const char *hb_shape = argc > 2 ? argv[2] : "hb-shape";
    struct font_set *fonts = font_set_create(argv[1]);
    if (!fonts)
        return 1;
    hb_buffer_t *buf = hb_buffer_create();
    struct text_bidi bidi = {0};
    struct text_token *tokens = NULL;
    size_t tokens_cap = 0;
    struct text_item *items = NULL;
    size_t items_cap = 0;
    struct text_shaped_glyph *glyphs = NULL;
    size_t glyphs_cap = 0;
    int passed = 0, failed = 0;

    for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
        uint32_t cps[512];
        uint8_t levels[512];
        size_t n = decode(cases[c].text, cps);
        bool rtl = lang_is_rtl(cases[c].lang);
        size_t nt = text_tokens_find(cps, n, rtl, &tokens, &tokens_cap);
        text_bidi_run(&bidi, cps, n, rtl, tokens, nt);
        for (size_t i = 0; i < n; i++)
            levels[i] = text_bidi_level(&bidi, i);
        size_t ni = text_itemize(fonts, FONT_WEIGHT_REGULAR, cps, levels, n, &items, &items_cap);
        for (size_t k = 0; k < ni; k++) {
            const struct text_item *it = &items[k];
            size_t count = 0;
            text_shape_run(buf, fonts, cps, n, it, it->start, it->end, cases[c].lang, &glyphs,
                           &count, &glyphs_cap);
            char *font_path = file_join(argv[1], font_set_face(fonts, it->font)->name);
            char *text = utf8_of(cps, it->start, it->end);
            char *before = utf8_of(cps, 0, it->start);
            char *after = utf8_of(cps, it->end, n);
            char script[5];
            hb_tag_to_string(hb_script_to_iso15924_tag(it->script), script);
            script[4] = '\0';
            char *a_font = xasprintf("--font-file=%s", font_path);
            char *a_dir = xasprintf("--direction=%s", it->level & 1 ? "rtl" : "ltr");
            char *a_script = xasprintf("--script=%s", script);
            char *a_lang = xasprintf("--language=%s", cases[c].lang);
            char *a_before = xasprintf("--text-before=%s", before);
            char *a_after = xasprintf("--text-after=%s", after);
            char *args[16];
            int na = 0;
            args[na++] = (char *)hb_shape;
            args[na++] = a_font;
            args[na++] = a_dir;
            args[na++] = a_script;
            args[na++] = a_lang;
            args[na++] = a_before;
            args[na++] = a_after;
            args[na++] = "--no-glyph-names";
            args[na++] = "--output-format=json";
            args[na++] = "--remove-default-ignorables";
            if (it->start == 0)
                args[na++] = "--bot";
            if (it->end == n)
                args[na++] = "--eot";
            args[na++] = "--";
            args[na++] = text;
            args[na] = NULL;
            char *out = run_capture(args);
            bool ok = out != NULL;
            size_t g = 0;
            const char *p = out ? strchr(out, '[') : NULL;
            while (ok && p && (p = strstr(p, "{\"g\":"))) {
                unsigned gid;
                int cl, dx, dy, ax;
                if (sscanf(p, "{\"g\":%u,\"cl\":%d,\"dx\":%d,\"dy\":%d,\"ax\":%d", &gid, &cl, &dx,
                           &dy, &ax) != 5) {
                    ok = false;
                    break;
                }
                if (g >= count || glyphs[g].glyph != gid ||
                    glyphs[g].cluster != it->start + (uint32_t)cl || glyphs[g].x_offset != dx ||
                    glyphs[g].y_offset != dy || glyphs[g].x_advance != ax) {
                    printf("case %zu run %zu (%s %s %s) glyph %zu: hb-shape g=%u cl=%d dx=%d "
                           "dy=%d ax=%d, engine g=%u cl=%u dx=%d dy=%d ax=%d\n",
                           c, k, font_set_face(fonts, it->font)->name, script,
                           it->level & 1 ? "rtl" : "ltr", g, gid, cl, dx, dy, ax,
                           g < count ? glyphs[g].glyph : 0,
                           g < count ? glyphs[g].cluster - it->start : 0,
                           g < count ? glyphs[g].x_offset : 0, g < count ? glyphs[g].y_offset : 0,
                           g < count ? glyphs[g].x_advance : 0);
                    ok = false;
                }
                g++;
                p++;
            }
            if (ok && g != count) {
                printf("case %zu run %zu: hb-shape gave %zu glyphs, engine %zu\n", c, k, g, count);
                ok = false;
            }
            if (!out)
                printf("case %zu run %zu: %s failed to run\n", c, k, hb_shape);
            ok ? passed++ : failed++;
            free(out);
            free(a_font);
            free(a_dir);
            free(a_script);
            free(a_lang);
            free(a_before);
            free(a_after);
            free(font_path);
            free(text);
            free(before);
            free(after);
        }
    }
    free(glyphs);
    free(items);
    free(tokens);
    text_bidi_finish(&bidi);
    hb_buffer_destroy(buf);
    font_set_destroy(fonts);
    printf("%d passed, %d failed\n", passed, failed);
    return failed || passed == 0 ? 1 : 0;
}
