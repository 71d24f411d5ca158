/* The bundled font set: every face the kiosk can draw with, loaded once from a fonts directory.
 *
 * Each face is opened twice from the same file: as a HarfBuzz font at the face's own units per em
 * (shaping results do not depend on the pixel size, so one shaping serves every size tried by
 * shrink-to-fit) and as a FreeType face for rasterizing glyph ids in glyph_atlas.
 *
 * Ownership: font_set_create returns a set owned by the caller, freed with font_set_destroy;
 * faces and their names live as long as the set. Thread: a set is used by one thread at a time
 * (FT_Face is not thread-safe; HarfBuzz fonts are, but the pair travels together).
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>

enum font_weight { FONT_WEIGHT_REGULAR, FONT_WEIGHT_BOLD, FONT_WEIGHT_COUNT };

/* Families in fallback order after the script's own family: Latin/Cyrillic/Greek first because
 * digits and ASCII punctuation live there (Noto Sans Hebrew has no ASCII digits). */
enum font_family {
    FONT_FAMILY_SANS,
    FONT_FAMILY_HEBREW,
    FONT_FAMILY_ARABIC,
    FONT_FAMILY_ETHIOPIC,
    FONT_FAMILY_COUNT
};

/* A playlist's own fonts (docs/playlist.md, "Fonts") are families added to the set at run time:
 * family 1..FONT_MAX_PLAYLIST_FAMILIES; 0 means the bundled families alone. Their characters
 * come first; what they lack falls back to the bundled chain, one run at a time. */
typedef uint8_t font_family_id;
#define FONT_FAMILY_BUNDLED ((font_family_id)0)
#define FONT_MAX_PLAYLIST_FAMILIES 8
#define FONT_MAX_FACES ((FONT_FAMILY_COUNT + FONT_MAX_PLAYLIST_FAMILIES) * FONT_WEIGHT_COUNT)

struct font_face {
    char *name;         /* file name, e.g. "NotoSansHebrew-Regular.ttf" */
    hb_font_t *hb_font; /* scale = units per em */
    FT_Face ft_face;    /* for rasterizing; size set by the atlas before each use */
    unsigned upem;
    int ascender, descender; /* hhea, font units; descender is negative */
};

/* A face index is stable for the life of the set; layouts store it in each glyph. */
typedef uint16_t font_id;
#define FONT_ID_NONE ((font_id)0xffff)

struct font_set;

/* Loads the bundled faces from dir (NotoSans-Regular.ttf is required; a missing bold face falls
 * back to the regular one, a missing script family falls back to Noto Sans). Logs and returns
 * NULL when nothing usable is found. */
struct font_set *font_set_create(const char *dir);
void font_set_destroy(struct font_set *set);

/* The fonts directory the binary uses: $KIOSK_FONTS_DIR, else "$KIOSK_SOURCE_DIR/fonts" when it
 * holds fonts, else /usr/share/kiosk/fonts. Returned string is static. */
const char *font_set_default_dir(void);

const struct font_face *font_set_face(const struct font_set *set, font_id id);
unsigned font_set_face_count(const struct font_set *set);

/* The face of a family and weight (after load-time fallback; never FONT_ID_NONE). */
font_id font_set_family(const struct font_set *set, enum font_family family,
                        enum font_weight weight);

/* The face to draw code point cp of script `script` with: the script's family first, then Noto
 * Sans, then the other families. FONT_ID_NONE when no face has a glyph (the caller then draws
 * with the script's face and gets .notdef). */
font_id font_set_pick(const struct font_set *set, hb_script_t script, enum font_weight weight,
                      uint32_t cp);

/* The same, trying the playlist family `family` first (FONT_FAMILY_BUNDLED: none). */
font_id font_set_pick_in(const struct font_set *set, font_family_id family, hb_script_t script,
                         enum font_weight weight, uint32_t cp);

/* The face whose line metrics a layout in `family` uses: the family's own face, else Noto Sans. */
font_id font_set_metrics_face(const struct font_set *set, font_family_id family,
                              enum font_weight weight);

/* Adds a playlist family from its font files (bold NULL: bold text uses the regular face) and
 * returns its id; the same files (by path, size and modification time) give the same id again,
 * so a reload costs nothing. FONT_FAMILY_BUNDLED, logged, when a file cannot be opened or
 * FONT_MAX_PLAYLIST_FAMILIES are taken: the text is then set in the bundled faces. Faces stay
 * until the set is destroyed (layouts and the glyph atlas refer to them by id). */
font_family_id font_set_add_family(struct font_set *set, const char *regular, const char *bold);

/* True when FreeType and HarfBuzz can use the file at path as a font; else false with a reason
 * in err ("not a font file FreeType knows"). For `kiosk check`: no set is needed. */
bool font_file_check(const char *path, char *err, size_t errlen);

/* True when the face has a glyph for cp. */
bool font_set_face_covers(const struct font_set *set, font_id id, uint32_t cp);

/* True when some bundled face can show cp ("no tofu" checks in `kiosk check`). Controls and
 * default-ignorable characters count as covered: they are never drawn. */
bool font_set_covers(const struct font_set *set, uint32_t cp);

/* The family that writes a script (Hebrew -> HEBREW, Arabic -> ARABIC, ...), SANS otherwise. */
enum font_family font_family_for_script(hb_script_t script);
