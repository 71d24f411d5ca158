/* Files a playlist names (images today): the playlist folder is the boundary of its content.
 *
 * A kiosk receives the playlist folder and nothing else (`kiosk bundle` packs the folder, the
 * importer unpacks it), so a path that leads out of the folder works on the desk and breaks on
 * the kiosk, and on the kiosk it would show a file from elsewhere. The same rule therefore runs
 * everywhere the parser does: `kiosk check`, `kiosk bundle`, the importer's validation and the
 * player loading installed content. The path must stay inside the folder by its letters (no
 * absolute path, no ".." above it) and on disk (no link leading anywhere); its names must be
 * ones a bundle carries (kiosk/import/unpack.c, unpack_name_problem, refuses the others). */
#include "playlist/parse_internal.h"
#include "base/file.h"
#include "base/xmalloc.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* The folders a bundle holds at most (unpack.c's DEPTH_MAX). */
#define FILE_MAX_DEPTH 16

/* src without "." components and with ".." applied; NULL when ".." climbs above the folder.
 * Caller frees. */
static char *normalise(const char *src)
{
    size_t n = strlen(src), o = 0;
    char *out = xmalloc(n + 1);
    for (const char *p = src; *p;) {
        while (*p == '/')
            p++;
        const char *q = p;
        while (*q && *q != '/')
            q++;
        size_t len = (size_t)(q - p);
        if (len == 0 || (len == 1 && p[0] == '.')) {
        } else if (len == 2 && p[0] == '.' && p[1] == '.') {
            if (o == 0) {
                free(out);
                return NULL;
            }
            while (o > 0 && out[o - 1] != '/')
                o--;
            if (o > 0)
                o--; /* the slash before the removed name */
        } else {
            if (o > 0)
                out[o++] = '/';
            memcpy(out + o, p, len);
            o += len;
        }
        p = q;
    }
    out[o] = '\0';
    return out;
}

static const char HIDDEN[] = "hidden";

/* What a bundle would refuse in a normalised path's names, or NULL. The same characters as
 * unpack_name_problem accepts; hidden names because `kiosk bundle` leaves them out. */
static const char *name_problem(const char *path)
{
    int depth = 0;
    for (const char *p = path; *p;) {
        const char *slash = strchr(p, '/');
        size_t len = slash ? (size_t)(slash - p) : strlen(p);
        if (p[0] == '.')
            return HIDDEN;
        for (size_t i = 0; i < len; i++) {
            char ch = p[i];
            if (ch == ' ')
                return "a space";
            if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                  (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '-'))
                return "a character other than letters a-z, digits, '.', '_' and '-'";
        }
        if (len > NAME_MAX)
            return "a name over 255 bytes";
        if (++depth > FILE_MAX_DEPTH)
            return "more than 16 levels of folders";
        p += len;
        if (*p == '/')
            p++;
    }
    return NULL;
}

/* The name after the last '/'. */
static const char *last_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* The key being checked ("src"), for the fix's example. */
static const char *current_key(const struct parse_ctx *c)
{
    for (size_t i = c->depth; i > 0; i--)
        if (c->path[i - 1].key)
            return c->path[i - 1].key;
    return "src";
}

static void report_outside(struct parse_ctx *c, const char *src, const char *how)
{
    char *quoted = parse_quote(src);
    const char *name = last_name(src);
    if (!name[0])
        name = "the file";
    parse_error(c,
                "%s is outside the playlist folder (%s); a kiosk receives only the playlist "
                "folder, so every file the playlist uses must be inside it: copy %s into the "
                "playlist folder, e.g. media/%s, and write \"%s\": \"media/%s\"",
                quoted, how, name, name, current_key(c), name);
    free(quoted);
}

/* Files in the folder of `path` named like its last name in another letter case or with another
 * extension ("harbour.JPG", "harbour.png" for "harbour.jpg"), as "\"dir/a\" or \"dir/b\"";
 * NULL when there is none. Caller frees. */
static char *similar_names(const struct parse_ctx *c, const char *norm)
{
    const char *want = last_name(norm);
    size_t prefix = (size_t)(want - norm);
    const char *dot = strrchr(want, '.');
    size_t stem = dot && dot != want ? (size_t)(dot - want) : strlen(want);
    char *folder_rel = xstrndup(norm, prefix);
    char *folder = folder_rel[0] ? file_join(c->dir, folder_rel) : xstrdup(c->dir);
    /* Only names from inside the playlist folder: not through a link to elsewhere. */
    char *root = realpath(c->dir, NULL), *real = realpath(folder, NULL);
    size_t root_len = root ? strlen(root) : 0;
    bool inside = root && real && strncmp(real, root, root_len) == 0 &&
                  (real[root_len] == '\0' || real[root_len] == '/');
    free(root);
    free(real);
    DIR *d = inside ? opendir(folder) : NULL;
    char *found[3];
    size_t n = 0;
    struct dirent *de;
    while (d && n < 3 && (de = readdir(d))) {
        const char *name = de->d_name;
        if (name[0] == '.' || strcmp(name, want) == 0)
            continue;
        const char *ndot = strrchr(name, '.');
        size_t nstem = ndot && ndot != name ? (size_t)(ndot - name) : strlen(name);
        if (strcasecmp(name, want) == 0 ||
            (nstem == stem && strncasecmp(name, want, stem) == 0 && ndot))
            found[n++] = xstrdup(name);
    }
    if (d)
        closedir(d);
    /* readdir's order is the disk's: sort, so the message is the same everywhere */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && strcmp(found[j - 1], found[j]) > 0; j--) {
            char *t = found[j];
            found[j] = found[j - 1];
            found[j - 1] = t;
        }
    char *list = NULL;
    for (size_t i = 0; i < n; i++) {
        char *longer = xasprintf("%s%s\"%s%s\"", list ? list : "",
                                 i == 0 ? "" : (i + 1 == n ? " or " : ", "), folder_rel, found[i]);
        free(list);
        list = longer;
        free(found[i]);
    }
    free(folder);
    free(folder_rel);
    return list;
}

/* An absolute, normalised form of a path for messages, so a user sees where it ended up. */
static char *shown_path(const char *path)
{
    char *abs;
    if (path[0] == '/') {
        abs = xstrdup(path);
    } else {
        char *cwd = getcwd(NULL, 0);
        abs = file_join(cwd ? cwd : "/", path);
        free(cwd);
    }
    char *norm = normalise(abs);
    char *out = xasprintf("/%s", norm ? norm : "");
    free(norm);
    free(abs);
    return out;
}

char *parse_folder_file(struct parse_ctx *c, const char *src, const char *what)
{
    if (!src[0]) {
        parse_error(c,
                    "the path is empty; expected the %s file's path, relative to the "
                    "playlist folder",
                    what);
        return NULL;
    }
    if (src[0] == '/') {
        report_outside(c, src, "an absolute path");
        return NULL;
    }
    char *norm = normalise(src);
    if (!norm) {
        report_outside(c, src, "\"..\" leads out of it");
        return NULL;
    }
    char *path = NULL;
    const char *problem = name_problem(norm);
    if (!norm[0]) {
        parse_error(c, "%s is the playlist folder itself; expected the %s file's path", src, what);
        goto done;
    }
    if (problem == HIDDEN) {
        char *quoted = parse_quote(src);
        parse_error(c,
                    "%s is a hidden file (its name starts with '.'), which a bundle leaves "
                    "out: rename the file without the '.' and write its new name here",
                    quoted);
        free(quoted);
        goto done;
    }
    if (problem) {
        char *quoted = parse_quote(src);
        parse_error(c,
                    "%s has %s; a bundle for the kiosk carries only names of letters a-z, "
                    "digits, '.', '_' and '-': rename the file and write its new name here",
                    quoted, problem);
        free(quoted);
        goto done;
    }
    path = file_join(c->dir, norm);
    struct stat st;
    int rc = stat(path, &st), error = errno;
    if (rc != 0 || !S_ISREG(st.st_mode)) {
        char *shown = shown_path(path);
        if (rc != 0 && (error == ENOENT || error == ENOTDIR)) {
            char *similar = similar_names(c, norm);
            if (similar)
                parse_error(c,
                            "file not found: %s (resolved to %s); did you mean %s? The name "
                            "must match exactly, capitals and extension included",
                            src, shown, similar);
            else
                parse_error(c, "file not found: %s (resolved to %s)", src, shown);
            free(similar);
        } else if (rc == 0) {
            parse_error(c, "not a regular file: %s (resolved to %s)", src, shown);
        } else {
            parse_error(c, "cannot read %s (resolved to %s): %s", src, shown, strerror(error));
        }
        free(shown);
        free(path);
        path = NULL;
        goto done;
    }
    /* On disk: where the path really leads. Any link on the way is refused, as a bundle cannot
     * carry one; one that leads out of the folder is named as such. */
    char *root = realpath(c->dir, NULL), *real = realpath(path, NULL);
    char *expected = root ? file_join(root, norm) : NULL;
    size_t root_len = root ? strlen(root) : 0;
    if (!root || !real) {
        parse_error(c, "cannot read %s: %s", src, strerror(errno));
    } else if (strncmp(real, root, root_len) != 0 ||
               (real[root_len] != '/' && !(root_len == 1 && root[0] == '/'))) {
        char *how = xasprintf("a link leads to %s", real);
        report_outside(c, src, how);
        free(how);
    } else if (strcmp(real, expected) != 0) {
        char *quoted = parse_quote(src);
        parse_error(c,
                    "%s is reached through a link; a bundle for the kiosk carries only plain "
                    "files and folders: put the file itself at %s",
                    quoted, norm);
        free(quoted);
    } else {
        free(root);
        free(real);
        free(expected);
        goto done;
    }
    free(root);
    free(real);
    free(expected);
    free(path);
    path = NULL;
done:
    free(norm);
    return path;
}
