/* kiosk new DIR [--city NAME] [--langs he,en,ar] [--template NAME]: a new playlist folder from
 * a template in templates/ (docs/playlist.md, "Starting from a template"). The template's texts
 * are placeholders in Hebrew, English, Arabic and Russian that say what to write; the command
 * keeps the languages asked for in their order, puts the city's name in, sets the place for
 * schedules when the calendar knows the city, lays the boxes out for the first language's
 * reading direction, copies the pictures, and checks the result as `kiosk check` would. */
#include <dirent.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app/content.h"
#include "base/file.h"
#include "base/lang.h"
#include "base/xmalloc.h"
#include "calendar/place.h"
#include "cli/commands.h"
#include "text/layout.h"

#define NEW_MAX_LANGS 8
#define NEW_TEMPLATE_MAX_BYTES (1u << 20)
#define NEW_MEDIA_MAX_BYTES (16u << 20)
#define NEW_MAX_IMAGE_PIXELS 40000000

/* The templates there are: every folder of the templates folder with a playlist.json, by
 * name, with the screen it is laid out for. */
static void list_templates(FILE *out)
{
    struct dirent **names = NULL;
    int n = scandir(new_templates_dir(), &names, NULL, alphasort);
    for (int i = 0; i < n; i++) {
        char *dir = file_join(new_templates_dir(), names[i]->d_name);
        char *path = file_join(dir, "playlist.json");
        json_t *root = names[i]->d_name[0] == '.' ? NULL : json_load_file(path, 0, NULL);
        json_t *screen = json_object_get(root, "screen");
        if (root) {
            long long w = json_integer_value(json_object_get(screen, "width"));
            long long h = json_integer_value(json_object_get(screen, "height"));
            fprintf(out, "                      %-10s %s, %lldx%lld\n", names[i]->d_name,
                    w >= h ? "landscape" : "portrait", w, h);
        }
        json_decref(root);
        free(path);
        free(dir);
        free(names[i]);
    }
    free(names);
}

static void usage(FILE *out)
{
    fprintf(out,
            "usage: kiosk new DIR [--city NAME] [--langs he,en,ar] [--template NAME]\n"
            "Creates DIR, a complete playlist to start from: styles defined once, pictures in\n"
            "DIR/media, and in every text a placeholder that says what to write there.\n"
            "  --city NAME       the city's name, in the texts and for Shabbat times (Akko,\n"
            "                    Kiryat Shmona, Ofakim, Dimona, Jerusalem, or in Hebrew)\n"
            "  --langs LIST      languages, the first is the main one (default: he,en)\n"
            "  --template NAME   the layout and screen (default: city), one of:\n");
    list_templates(out);
}

const char *new_templates_dir(void)
{
    const char *env = getenv("KIOSK_TEMPLATES_DIR");
    if (env && *env)
        return env;
    struct stat st;
    if (stat(KIOSK_SOURCE_DIR "/templates", &st) == 0 && S_ISDIR(st.st_mode))
        return KIOSK_SOURCE_DIR "/templates";
    return "/usr/share/kiosk/templates";
}

/* ---- the template's JSON ---- */

static bool in_list(const char *s, char **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(s, list[i]))
            return true;
    return false;
}

/* The cities the calendar knows, by the name each language writes: a Hebrew welcome says
 * "ברוכים הבאים לעכו", not "ל־Akko". Keyed by the calendar's own (English) name. */
static const struct city_names {
    const char *en, *he, *ar, *ru;
} city_names[] = {
    {"Akko", "עכו", "عكا", "Акко"},
    {"Kiryat Shmona", "קריית שמונה", "كريات شمونة", "Кирьят-Шмона"},
    {"Ofakim", "אופקים", "أوفاكيم", "Офаким"},
    {"Dimona", "דימונה", "ديمونا", "Димона"},
    {"Jerusalem", "ירושלים", "القدس", "Иерусалим"},
};

/* The city's name in language lang: the known name, else the name as given. */
static const char *city_in(const char *city, const struct calendar_place *place, const char *lang)
{
    for (size_t i = 0; place && place->name && i < sizeof city_names / sizeof *city_names; i++) {
        const struct city_names *c = &city_names[i];
        if (strcmp(place->name, c->en) != 0)
            continue;
        if (!lang || !strcmp(lang, "en"))
            return c->en;
        if (!strcmp(lang, "he"))
            return c->he;
        if (!strcmp(lang, "ar"))
            return c->ar;
        if (!strcmp(lang, "ru"))
            return c->ru;
        return c->en;
    }
    return city;
}

/* Hebrew joins a prefix letter to a Hebrew name directly (לעכו) and with a maqaf to a name
 * in another script (ל־Springfield); the template writes "ל־{{CITY}}". */
static bool starts_hebrew(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    return u[0] == 0xd7 && u[1] >= 0x90 && u[1] <= 0xaa; /* U+05D0..U+05EA */
}

/* A string with every "{{CITY}}" replaced by the city's name in language lang (NULL: the
 * name for the playlist's own fields, in English when known). Caller frees. */
static char *with_city(const char *s, const char *city, const struct calendar_place *place,
                       const char *lang)
{
    const char *name = city_in(city, place, lang);
    char *out = xstrdup(s);
    for (char *at; (at = strstr(out, "{{CITY}}"));) {
        *at = '\0';
        size_t before = strlen(out);
        static const char maqaf[] = "\xd6\xbe"; /* U+05BE */
        if (lang && !strcmp(lang, "he") && starts_hebrew(name) && before >= 2 &&
            !strcmp(out + before - 2, maqaf))
            out[before - 2] = '\0';
        char *longer = xasprintf("%s%s%s", out, name, at + 8);
        free(out);
        out = longer;
    }
    return out;
}

/* An object whose keys are all languages of the template: a text given per language. */
static bool is_translation(const json_t *v, char **tlangs, size_t tn)
{
    if (!json_is_object(v) || json_object_size(v) == 0)
        return false;
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)v, key, value)
    {
        if (!in_list(key, tlangs, tn) || !json_is_string(value))
            return false;
    }
    return true;
}

/* The same text in the languages asked for, in their order; a language the template lacks
 * gets its English placeholder (the first language's, if it has no English). */
static json_t *translate(const json_t *v, char **langs, size_t n)
{
    json_t *out = json_object();
    const json_t *fallback = json_object_get(v, "en");
    if (!fallback)
        fallback = json_object_iter_value(json_object_iter((json_t *)v));
    for (size_t i = 0; i < n; i++) {
        const json_t *t = json_object_get(v, langs[i]);
        json_object_set(out, langs[i], (json_t *)(t ? t : fallback));
    }
    return out;
}

struct city {
    const char *given;
    const struct calendar_place *place; /* NULL: a city the calendar does not know */
};

/* Walks the tree: the city into every string (in each text's own language), texts narrowed
 * to the languages asked for. */
static json_t *adapt(const json_t *v, const struct city *city, char **tlangs, size_t tn,
                     char **langs, size_t n)
{
    if (json_is_string(v)) {
        char *s = with_city(json_string_value(v), city->given, city->place, NULL);
        json_t *out = json_string(s);
        free(s);
        return out;
    }
    if (is_translation(v, tlangs, tn)) {
        json_t *out = translate(v, langs, n);
        const char *lang;
        json_t *text;
        json_object_foreach(out, lang, text)
        {
            char *s = with_city(json_string_value(text), city->given, city->place, lang);
            json_object_set_new(out, lang, json_string(s));
            free(s);
        }
        return out;
    }
    if (json_is_object(v)) {
        json_t *out = json_object();
        const char *key;
        json_t *value;
        json_object_foreach((json_t *)v, key, value)
        {
            json_object_set_new(out, key, adapt(value, city, tlangs, tn, langs, n));
        }
        return out;
    }
    if (json_is_array(v)) {
        json_t *out = json_array();
        size_t i;
        json_t *value;
        json_array_foreach(v, i, value)
        {
            json_array_append_new(out, adapt(value, city, tlangs, tn, langs, n));
        }
        return out;
    }
    return json_deep_copy(v);
}

/* Language buttons ("language:TAG") for languages not asked for go; those that stay take the
 * first places of the row, in the template's order, so no gap is left. One language: none. */
static void fit_language_buttons(json_t *buttons, char **langs, size_t n)
{
    if (!json_is_array(buttons))
        return;
    json_t *slots = json_array(); /* boxes of the language buttons, in order */
    size_t i;
    json_t *b;
    json_array_foreach(buttons, i, b)
    {
        const char *a = json_string_value(json_object_get(b, "action"));
        if (a && !strncmp(a, "language:", 9))
            json_array_append(slots, json_object_get(b, "box"));
    }
    size_t slot = 0;
    for (i = 0; i < json_array_size(buttons);) {
        b = json_array_get(buttons, i);
        const char *a = json_string_value(json_object_get(b, "action"));
        if (a && !strncmp(a, "language:", 9)) {
            if (n < 2 || !in_list(a + 9, langs, n)) {
                json_array_remove(buttons, i);
                continue;
            }
            json_object_set(b, "box", json_array_get(slots, slot++));
        }
        i++;
    }
    json_decref(slots);
}

/* A box [x, y, w, h] mirrored left to right. */
static void mirror_box(json_t *box)
{
    if (!json_is_array(box) || json_array_size(box) != 4)
        return;
    double x = json_number_value(json_array_get(box, 0));
    double w = json_number_value(json_array_get(box, 2));
    double mx = 1.0 - x - w;
    json_array_set_new(box, 0, json_real(mx < 0 ? 0 : (double)(long)(mx * 1e4 + 0.5) / 1e4));
}

/* The template is laid out for a right-to-left first language (Hebrew): text at the right,
 * pictures and codes at the left. For a left-to-right first language every box mirrors. */
static void mirror_all(json_t *v)
{
    if (json_is_object(v)) {
        const char *key;
        json_t *value;
        json_object_foreach(v, key, value)
        {
            if (!strcmp(key, "box"))
                mirror_box(value);
            else
                mirror_all(value);
        }
    } else if (json_is_array(v)) {
        size_t i;
        json_t *value;
        json_array_foreach(v, i, value)
        {
            mirror_all(value);
        }
    }
}

json_t *new_fit_template_item(const json_t *item, const json_t *template_langs, const char *city,
                              const json_t *langs)
{
    char *tlangs[NEW_MAX_LANGS], *want[NEW_MAX_LANGS];
    size_t tn = 0, n = 0, i;
    json_t *value;
    json_array_foreach(template_langs, i, value)
    {
        if (json_is_string(value) && tn < NEW_MAX_LANGS)
            tlangs[tn++] = (char *)json_string_value(value);
    }
    json_array_foreach(langs, i, value)
    {
        if (json_is_string(value) && n < NEW_MAX_LANGS)
            want[n++] = (char *)json_string_value(value);
    }
    if (!city || !city[0])
        city = "Our City"; /* as `kiosk new` without --city */
    struct city where = {city, calendar_place_find(city)};
    json_t *out = adapt(item, &where, tlangs, tn, want, n);
    fit_language_buttons(json_object_get(out, "buttons"), want, n);
    if (n && !lang_is_rtl(want[0]))
        mirror_all(out);
    return out;
}

/* Slides that need the calendar's place ("rest_days") go when the city is not one it knows. */
static size_t drop_rest_day_slides(json_t *slides)
{
    size_t dropped = 0;
    for (size_t i = 0; i < json_array_size(slides);) {
        json_t *sched = json_object_get(json_array_get(slides, i), "schedule");
        if (sched && json_object_get(sched, "rest_days")) {
            json_array_remove(slides, i);
            dropped++;
        } else {
            i++;
        }
    }
    return dropped;
}

/* ---- writing it the way a person would ---- */

static bool is_scalar(const json_t *v)
{
    return !json_is_object(v) && !json_is_array(v);
}

static char *scalar_text(const json_t *v)
{
    return json_dumps(v, JSON_ENCODE_ANY | JSON_REAL_PRECISION(6));
}

/* v on one line; NULL when it is longer than max bytes. */
static char *one_line(const json_t *v, size_t max)
{
    if (is_scalar(v))
        return scalar_text(v);
    bool array = json_is_array(v);
    char *out = xstrdup(array ? "[" : "{");
    size_t i = 0;
    const char *key;
    json_t *value;
    if (array) {
        json_array_foreach(v, i, value)
        {
            char *s = strlen(out) < max ? one_line(value, max) : NULL;
            if (!s) {
                free(out);
                return NULL;
            }
            char *longer = xasprintf("%s%s%s", out, i ? ", " : "", s);
            free(s);
            free(out);
            out = longer;
        }
    } else {
        json_object_foreach((json_t *)v, key, value)
        {
            char *s = strlen(out) < max ? one_line(value, max) : NULL;
            if (!s) {
                free(out);
                return NULL;
            }
            json_t *k = json_string(key);
            char *ks = scalar_text(k);
            char *longer = xasprintf("%s%s%s: %s", out, i++ ? ", " : "", ks, s);
            json_decref(k);
            free(ks);
            free(s);
            free(out);
            out = longer;
        }
    }
    char *closed = xasprintf("%s%s", out, array ? "]" : "}");
    free(out);
    if (strlen(closed) > max) {
        free(closed);
        return NULL;
    }
    return closed;
}

/* Indented JSON, short arrays and objects of plain values on one line ("box": [0.1, 0.2, ...]). */
static void write_value(FILE *f, const json_t *v, int indent, int used)
{
    /* A string is never split; containers go on one line when they fit in 100 columns. */
    char *line = one_line(v, used < 100 ? (size_t)(100 - used) : 0);
    if (line || is_scalar(v)) {
        if (!line)
            line = scalar_text(v);
        fputs(line, f);
        free(line);
        return;
    }
    bool array = json_is_array(v);
    fputs(array ? "[\n" : "{\n", f);
    size_t i = 0, n = array ? json_array_size(v) : json_object_size(v);
    const char *key;
    json_t *value;
    if (array) {
        json_array_foreach(v, i, value)
        {
            fprintf(f, "%*s", indent + 2, "");
            write_value(f, value, indent + 2, indent + 2);
            fputs(i + 1 < n ? ",\n" : "\n", f);
        }
    } else {
        json_object_foreach((json_t *)v, key, value)
        {
            json_t *k = json_string(key);
            char *ks = scalar_text(k);
            fprintf(f, "%*s%s: ", indent + 2, "", ks);
            write_value(f, value, indent + 2, indent + 4 + (int)strlen(ks));
            fputs(++i < n ? ",\n" : "\n", f);
            free(ks);
            json_decref(k);
        }
    }
    fprintf(f, "%*s%s", indent, "", array ? "]" : "}");
}

static bool copy_file(const char *from, const char *to)
{
    char *data = NULL, err[512];
    size_t len = 0;
    if (!file_read_all(from, NEW_MEDIA_MAX_BYTES, &data, &len, err, sizeof err)) {
        fprintf(stderr, "kiosk: new: %s\n", err);
        return false;
    }
    bool ok = file_write_atomic(to, data, len, err, sizeof err);
    if (!ok)
        fprintf(stderr, "kiosk: new: %s\n", err);
    free(data);
    return ok;
}

/* Copies the template's folders (media/, fonts/), one level deep, plain files only. */
static bool copy_folders(const char *from, const char *to)
{
    static const char *const folders[] = {"media", "fonts", NULL};
    for (size_t k = 0; folders[k]; k++) {
        char *src = file_join(from, folders[k]), *dst = file_join(to, folders[k]);
        DIR *d = opendir(src);
        bool ok = true;
        if (d) {
            ok = file_mkdir_p(dst);
            for (struct dirent *e; ok && (e = readdir(d));) {
                if (e->d_name[0] == '.')
                    continue;
                char *a = file_join(src, e->d_name), *b = file_join(dst, e->d_name);
                struct stat st;
                if (lstat(a, &st) == 0 && S_ISREG(st.st_mode))
                    ok = copy_file(a, b);
                free(a);
                free(b);
            }
            closedir(d);
        }
        free(src);
        free(dst);
        if (!ok)
            return false;
    }
    return true;
}

/* ---- the command ---- */

static bool parse_langs(const char *arg, char **langs, size_t *n)
{
    char *copy = xstrdup(arg), *save = NULL;
    bool ok = true;
    *n = 0;
    for (char *t = strtok_r(copy, ",", &save); t && ok; t = strtok_r(NULL, ",", &save)) {
        if (!lang_tag_valid(t) || *n == NEW_MAX_LANGS || in_list(t, langs, *n)) {
            fprintf(stderr,
                    "kiosk: new: --langs: \"%s\" is not a language tag, or is listed twice; "
                    "expected tags such as he,en,ar,ru (at most %d)\n",
                    t, NEW_MAX_LANGS);
            ok = false;
        } else {
            langs[(*n)++] = xstrdup(t);
        }
    }
    free(copy);
    if (ok && *n == 0) {
        fprintf(stderr, "kiosk: new: --langs: expected at least one language, such as he,en\n");
        ok = false;
    }
    if (!ok) { /* the caller keeps nothing of a refused list */
        for (size_t i = 0; i < *n; i++)
            free(langs[i]);
        *n = 0;
    }
    return ok;
}

static bool dir_is_empty_or_absent(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return true;
    bool empty = true;
    for (struct dirent *e; empty && (e = readdir(d));)
        empty = !strcmp(e->d_name, ".") || !strcmp(e->d_name, "..");
    closedir(d);
    return empty;
}

int cmd_new(int argc, char **argv)
{
    enum { OPT_CITY = 256, OPT_LANGS, OPT_TEMPLATE, OPT_HELP };
    static const struct option longopts[] = {
        {"city", required_argument, NULL, OPT_CITY},
        {"langs", required_argument, NULL, OPT_LANGS},
        {"template", required_argument, NULL, OPT_TEMPLATE},
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0},
    };
    const char *city = "Our City", *langs_arg = "he,en", *template = "city";
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_CITY:
            city = optarg;
            break;
        case OPT_LANGS:
            langs_arg = optarg;
            break;
        case OPT_TEMPLATE:
            template = optarg;
            break;
        case 'h':
        case OPT_HELP:
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    if (optind != argc - 1) {
        usage(stderr);
        return 2;
    }
    const char *dir = argv[optind];
    if (!city[0] || strchr(city, '"') || strchr(city, '\\') || strchr(city, '\n')) {
        fprintf(stderr, "kiosk: new: --city: expected the city's name, such as \"Ofakim\"\n");
        return 2;
    }
    char *langs[NEW_MAX_LANGS];
    size_t n = 0;
    if (!parse_langs(langs_arg, langs, &n))
        return 2;
    int status = 1;
    json_t *root = NULL, *out = NULL;
    char *from = file_join(new_templates_dir(), template);
    char *json_path = file_join(from, "playlist.json"), *text = NULL, err[512];
    size_t len = 0;
    if (!dir_is_empty_or_absent(dir)) {
        fprintf(stderr, "kiosk: new: %s is not empty; choose a new folder (nothing was changed)\n",
                dir);
        status = 2;
        goto out;
    }
    if (!file_read_all(json_path, NEW_TEMPLATE_MAX_BYTES, &text, &len, err, sizeof err)) {
        fprintf(stderr, "kiosk: new: --template: no template \"%s\" in %s (%s); expected one of:\n",
                template, new_templates_dir(), err);
        list_templates(stderr);
        status = 2;
        goto out;
    }
    json_error_t jerr;
    root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        fprintf(stderr, "kiosk: new: %s:%d:%d: %s\n", json_path, jerr.line, jerr.column, jerr.text);
        goto out;
    }
    /* The template's own languages tell a text from any other object. */
    char *tlangs[NEW_MAX_LANGS];
    size_t tn = 0;
    size_t i;
    json_t *value;
    json_array_foreach(json_object_get(root, "languages"), i, value)
    {
        if (json_is_string(value) && tn < NEW_MAX_LANGS)
            tlangs[tn++] = (char *)json_string_value(value);
    }
    const struct calendar_place *place = calendar_place_find(city);
    struct city where = {city, place};
    out = adapt(root, &where, tlangs, tn, langs, n);

    json_t *ls = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(ls, json_string(langs[i]));
    json_object_set_new(out, "languages", ls);
    if (n < 2)
        json_object_del(out, "cycle_languages");
    json_array_foreach(json_object_get(out, "slides"), i, value)
    {
        fit_language_buttons(json_object_get(value, "buttons"), langs, n);
    }
    json_array_foreach(json_object_get(out, "pages"), i, value)
    {
        fit_language_buttons(json_object_get(value, "buttons"), langs, n);
    }
    if (!place) {
        json_object_del(out, "place");
        size_t dropped = drop_rest_day_slides(json_object_get(out, "slides"));
        if (dropped)
            printf("note: the calendar does not know \"%s\", so the Shabbat greeting is left out; "
                   "add \"place\": {\"lat\": ..., \"lon\": ...} and a slide with "
                   "\"schedule\": {\"rest_days\": \"only\"} (docs/playlist.md, Schedules)\n",
                   city);
    }
    if (!lang_is_rtl(langs[0])) {
        mirror_all(json_object_get(out, "slides"));
        mirror_all(json_object_get(out, "pages"));
    }

    if (!file_mkdir_p(dir) || !copy_folders(from, dir)) {
        fprintf(stderr, "kiosk: new: cannot write into %s\n", dir);
        goto out;
    }
    char *target = file_join(dir, "playlist.json");
    char *buf = NULL;
    size_t buf_len = 0;
    FILE *mem = open_memstream(&buf, &buf_len);
    write_value(mem, out, 0, 0);
    fputc('\n', mem);
    fclose(mem);
    bool written = file_write_atomic(target, buf, buf_len, err, sizeof err);
    free(buf);
    if (!written) {
        fprintf(stderr, "kiosk: new: %s\n", err);
        free(target);
        goto out;
    }
    printf("%s\n", target);
    free(target);

    /* What kiosk check says, so the folder is known to play before anyone edits it. */
    struct diag_list diags = {0};
    struct text_engine *engine = text_engine_create(font_set_default_dir());
    struct playlist *pl = content_load(dir, NEW_MAX_IMAGE_PIXELS, engine,
                                       engine ? CONTENT_TEXT_STRICT : CONTENT_TEXT_SKIP, &diags);
    text_engine_destroy(engine);
    diag_print(&diags, stderr);
    if (pl) {
        printf("%s: \"%s\": %zu slides, %zu pages, OK\n"
               "Next: replace the pictures in %s/media and the placeholder texts in "
               "playlist.json, then\n  kiosk check %s\n  kiosk render %s --out approval --lang "
               "all --sheet\nand to put it on a stick: docs/playlist.md, \"Starting from a "
               "template\"\n",
               dir, pl->name, pl->slide_count, pl->page_count, dir, dir, dir);
        status = 0;
    }
    playlist_free(pl);
    diag_list_clear(&diags);
out:
    json_decref(out);
    json_decref(root);
    free(text);
    free(json_path);
    free(from);
    for (i = 0; i < n; i++)
        free(langs[i]);
    return status;
}
