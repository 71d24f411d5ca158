#define LOG_MODULE "fonts"
#include "text/fonts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/file.h"
#include "base/log.h"
#include "base/xmalloc.h"

/* File names per family and weight; the set is small and fixed, like the bundle. */
static const char *const font_files[FONT_FAMILY_COUNT][FONT_WEIGHT_COUNT] = {
    [FONT_FAMILY_SANS] = {"NotoSans-Regular.ttf", "NotoSans-Bold.ttf"},
    [FONT_FAMILY_HEBREW] = {"NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf"},
    [FONT_FAMILY_ARABIC] = {"NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"},
    [FONT_FAMILY_ETHIOPIC] = {"NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf"},
};

/* A playlist family: which files it came from (to know them again on a reload) and its faces. */
struct playlist_family {
    char *paths[FONT_WEIGHT_COUNT]; /* bold NULL: the regular file */
    off_t sizes[FONT_WEIGHT_COUNT];
    time_t mtimes[FONT_WEIGHT_COUNT];
    font_id faces[FONT_WEIGHT_COUNT]; /* bold falls back to regular */
};

struct font_set {
    FT_Library ft;
    /* A fixed array: faces keep their address while playlist families are added. */
    struct font_face faces[FONT_MAX_FACES];
    unsigned face_count;
    /* family x weight -> face; after fallback every slot is a loaded face */
    font_id table[FONT_FAMILY_COUNT][FONT_WEIGHT_COUNT];
    struct playlist_family extra[FONT_MAX_PLAYLIST_FAMILIES]; /* family id i + 1 */
    unsigned extra_count;
};

static bool face_load_path(struct font_set *set, const char *path, const char *name,
                           struct font_face *face);

static bool face_load(struct font_set *set, const char *dir, const char *file,
                      struct font_face *face)
{
    char *path = file_join(dir, file);
    bool ok = face_load_path(set, path, file, face);
    free(path);
    return ok;
}

static bool face_load_path(struct font_set *set, const char *path, const char *name,
                           struct font_face *face)
{
    bool ok = false;
    hb_blob_t *blob = NULL;
    hb_face_t *hbf = NULL;
    struct stat st;
    if (stat(path, &st) != 0)
        goto out;
    if (FT_New_Face(set->ft, path, 0, &face->ft_face) != 0) {
        LOG_WARN("%s: FreeType cannot open it", path);
        goto out;
    }
    blob = hb_blob_create_from_file_or_fail(path);
    if (!blob) {
        LOG_WARN("%s: HarfBuzz cannot read it", path);
        FT_Done_Face(face->ft_face);
        goto out;
    }
    hbf = hb_face_create(blob, 0);
    face->hb_font = hb_font_create(hbf);
    face->upem = hb_face_get_upem(hbf);
    hb_font_set_scale(face->hb_font, (int)face->upem, (int)face->upem);
    hb_font_extents_t ext;
    hb_font_get_h_extents(face->hb_font, &ext);
    face->ascender = ext.ascender;
    face->descender = ext.descender;
    face->name = xstrdup(name);
    ok = true;
out:
    hb_face_destroy(hbf);
    hb_blob_destroy(blob);
    return ok;
}

struct font_set *font_set_create(const char *dir)
{
    struct font_set *set = xcalloc(1, sizeof(*set));
    if (FT_Init_FreeType(&set->ft) != 0) {
        LOG_ERR("FreeType init failed");
        free(set);
        return NULL;
    }
    for (int f = 0; f < FONT_FAMILY_COUNT; f++) {
        for (int w = 0; w < FONT_WEIGHT_COUNT; w++) {
            set->table[f][w] = FONT_ID_NONE;
            struct font_face *face = &set->faces[set->face_count];
            if (face_load(set, dir, font_files[f][w], face))
                set->table[f][w] = (font_id)set->face_count++;
            else
                LOG_DBG("%s/%s: not bundled", dir, font_files[f][w]);
        }
    }
    if (set->table[FONT_FAMILY_SANS][FONT_WEIGHT_REGULAR] == FONT_ID_NONE) {
        LOG_ERR("%s: NotoSans-Regular.ttf missing; no text can be drawn", dir);
        font_set_destroy(set);
        return NULL;
    }
    /* Fallback so every slot names a face: bold -> regular, family -> Noto Sans. */
    for (int f = 0; f < FONT_FAMILY_COUNT; f++) {
        if (set->table[f][FONT_WEIGHT_REGULAR] == FONT_ID_NONE)
            set->table[f][FONT_WEIGHT_REGULAR] = set->table[FONT_FAMILY_SANS][FONT_WEIGHT_REGULAR];
        if (set->table[f][FONT_WEIGHT_BOLD] == FONT_ID_NONE)
            set->table[f][FONT_WEIGHT_BOLD] = set->table[f][FONT_WEIGHT_REGULAR];
    }
    return set;
}

void font_set_destroy(struct font_set *set)
{
    if (!set)
        return;
    for (unsigned i = 0; i < set->face_count; i++) {
        hb_font_destroy(set->faces[i].hb_font);
        FT_Done_Face(set->faces[i].ft_face);
        free(set->faces[i].name);
    }
    for (unsigned i = 0; i < set->extra_count; i++)
        for (int w = 0; w < FONT_WEIGHT_COUNT; w++)
            free(set->extra[i].paths[w]);
    FT_Done_FreeType(set->ft);
    free(set);
}

const char *font_set_default_dir(void)
{
    const char *env = getenv("KIOSK_FONTS_DIR");
    if (env && *env)
        return env;
    static const char source_fonts[] = KIOSK_SOURCE_DIR "/fonts/NotoSans-Regular.ttf";
    struct stat st;
    if (stat(source_fonts, &st) == 0)
        return KIOSK_SOURCE_DIR "/fonts";
    return "/usr/share/kiosk/fonts";
}

const struct font_face *font_set_face(const struct font_set *set, font_id id)
{
    return id < set->face_count ? &set->faces[id] : NULL;
}

unsigned font_set_face_count(const struct font_set *set)
{
    return set->face_count;
}

font_id font_set_family(const struct font_set *set, enum font_family family,
                        enum font_weight weight)
{
    return set->table[family][weight];
}

enum font_family font_family_for_script(hb_script_t script)
{
    switch (script) {
    case HB_SCRIPT_HEBREW:
        return FONT_FAMILY_HEBREW;
    case HB_SCRIPT_ARABIC:
        return FONT_FAMILY_ARABIC;
    case HB_SCRIPT_ETHIOPIC:
        return FONT_FAMILY_ETHIOPIC;
    default:
        return FONT_FAMILY_SANS;
    }
}

bool font_set_face_covers(const struct font_set *set, font_id id, uint32_t cp)
{
    hb_codepoint_t g;
    return id < set->face_count && hb_font_get_nominal_glyph(set->faces[id].hb_font, cp, &g);
}

font_id font_set_pick_in(const struct font_set *set, font_family_id family, hb_script_t script,
                         enum font_weight weight, uint32_t cp)
{
    if (family != FONT_FAMILY_BUNDLED && family <= set->extra_count) {
        font_id id = set->extra[family - 1].faces[weight];
        if (font_set_face_covers(set, id, cp))
            return id;
    }
    return font_set_pick(set, script, weight, cp);
}

font_id font_set_metrics_face(const struct font_set *set, font_family_id family,
                              enum font_weight weight)
{
    if (family != FONT_FAMILY_BUNDLED && family <= set->extra_count)
        return set->extra[family - 1].faces[weight];
    return set->table[FONT_FAMILY_SANS][weight];
}

/* The file's identity for "the same font again": path, size and modification time. */
static bool file_identity(const char *path, off_t *size, time_t *mtime)
{
    struct stat st;
    if (!path) {
        *size = 0;
        *mtime = 0;
        return true;
    }
    if (stat(path, &st) != 0)
        return false;
    *size = st.st_size;
    *mtime = st.st_mtime;
    return true;
}

font_family_id font_set_add_family(struct font_set *set, const char *regular, const char *bold)
{
    const char *paths[FONT_WEIGHT_COUNT] = {regular, bold};
    off_t sizes[FONT_WEIGHT_COUNT];
    time_t mtimes[FONT_WEIGHT_COUNT];
    for (int w = 0; w < FONT_WEIGHT_COUNT; w++) {
        if (!file_identity(paths[w], &sizes[w], &mtimes[w])) {
            LOG_WARN("%s: cannot read the font; the bundled fonts are used", paths[w]);
            return FONT_FAMILY_BUNDLED;
        }
    }
    for (unsigned i = 0; i < set->extra_count; i++) {
        const struct playlist_family *f = &set->extra[i];
        bool same = true;
        for (int w = 0; w < FONT_WEIGHT_COUNT; w++)
            same &= (!f->paths[w] && !paths[w]) ||
                    (f->paths[w] && paths[w] && strcmp(f->paths[w], paths[w]) == 0 &&
                     f->sizes[w] == sizes[w] && f->mtimes[w] == mtimes[w]);
        if (same)
            return (font_family_id)(i + 1);
    }
    if (set->extra_count == FONT_MAX_PLAYLIST_FAMILIES) {
        LOG_WARN("%s: more than %d playlist fonts since the start; the bundled fonts are used "
                 "until the kiosk restarts",
                 regular, FONT_MAX_PLAYLIST_FAMILIES);
        return FONT_FAMILY_BUNDLED;
    }
    struct playlist_family *f = &set->extra[set->extra_count];
    font_id faces[FONT_WEIGHT_COUNT] = {FONT_ID_NONE, FONT_ID_NONE};
    unsigned first = set->face_count;
    for (int w = 0; w < FONT_WEIGHT_COUNT; w++) {
        if (!paths[w])
            continue;
        const char *slash = strrchr(paths[w], '/');
        if (!face_load_path(set, paths[w], slash ? slash + 1 : paths[w],
                            &set->faces[set->face_count])) {
            /* Undo the regular face loaded for a family whose bold face failed. */
            while (set->face_count > first) {
                struct font_face *face = &set->faces[--set->face_count];
                hb_font_destroy(face->hb_font);
                FT_Done_Face(face->ft_face);
                free(face->name);
                *face = (struct font_face){0};
            }
            LOG_WARN("%s: not a usable font; the bundled fonts are used", paths[w]);
            return FONT_FAMILY_BUNDLED;
        }
        faces[w] = (font_id)set->face_count++;
    }
    if (faces[FONT_WEIGHT_BOLD] == FONT_ID_NONE)
        faces[FONT_WEIGHT_BOLD] = faces[FONT_WEIGHT_REGULAR];
    for (int w = 0; w < FONT_WEIGHT_COUNT; w++) {
        f->paths[w] = paths[w] ? xstrdup(paths[w]) : NULL;
        f->sizes[w] = sizes[w];
        f->mtimes[w] = mtimes[w];
        f->faces[w] = faces[w];
    }
    return (font_family_id)++set->extra_count;
}

bool font_file_check(const char *path, char *err, size_t errlen)
{
    FT_Library ft;
    if (FT_Init_FreeType(&ft) != 0) {
        snprintf(err, errlen, "FreeType cannot start");
        return false;
    }
    FT_Face face;
    FT_Error e = FT_New_Face(ft, path, 0, &face);
    bool ok = e == 0;
    if (e == FT_Err_Unknown_File_Format)
        snprintf(err, errlen, "not a font file FreeType knows");
    else if (e != 0)
        snprintf(err, errlen, "FreeType cannot open it (error %d)", e);
    if (ok && !FT_IS_SCALABLE(face)) {
        snprintf(err, errlen, "a bitmap font, which cannot be scaled");
        ok = false;
    }
    if (ok && face->num_glyphs < 2) {
        snprintf(err, errlen, "the font has no glyphs");
        ok = false;
    }
    if (e == 0)
        FT_Done_Face(face);
    FT_Done_FreeType(ft);
    return ok;
}

font_id font_set_pick(const struct font_set *set, hb_script_t script, enum font_weight weight,
                      uint32_t cp)
{
    enum font_family first = font_family_for_script(script);
    font_id id = set->table[first][weight];
    if (font_set_face_covers(set, id, cp))
        return id;
    for (int f = 0; f < FONT_FAMILY_COUNT; f++) {
        id = set->table[f][weight];
        if (f != (int)first && font_set_face_covers(set, id, cp))
            return id;
    }
    return FONT_ID_NONE;
}

bool font_set_covers(const struct font_set *set, uint32_t cp)
{
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    hb_unicode_general_category_t gc = hb_unicode_general_category(uf, cp);
    /* Never drawn: controls, format characters (bidi marks, ZWJ), line/paragraph separators. */
    if (gc == HB_UNICODE_GENERAL_CATEGORY_CONTROL || gc == HB_UNICODE_GENERAL_CATEGORY_FORMAT ||
        gc == HB_UNICODE_GENERAL_CATEGORY_LINE_SEPARATOR ||
        gc == HB_UNICODE_GENERAL_CATEGORY_PARAGRAPH_SEPARATOR || (cp >= 0xFE00 && cp <= 0xFE0F))
        return true;
    for (unsigned i = 0; i < set->face_count; i++)
        if (font_set_face_covers(set, (font_id)i, cp))
            return true;
    return false;
}
