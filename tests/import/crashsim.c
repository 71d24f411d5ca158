/* Crash states of a recorded run, for the power-cut test (crash_consistency.sh), in the manner
 * of the ALICE and CrashMonkey studies. faultinject.so (KIOSK_FI_LOG) records the file-system
 * operations a run makes under a folder; this tool lists the states that folder may be found in
 * after a power cut at any moment, and builds them.
 *
 *   crashsim states LOG             one line per crash state: a mask of '1' (the operation
 *                                   reached the disk) and '0' (lost), one character per
 *                                   operation up to the crash point; duplicates possible
 *   crashsim apply LOG ROOT OUT MASK [EXPECT]
 *                                   replays the operations MASK keeps onto OUT (a copy of the
 *                                   folder as it was before the run; ROOT is the folder's path
 *                                   in the log); with EXPECT, writes there the lines of the
 *                                   writes that were durable at the crash point and whose file
 *                                   was not removed on purpose (proof-of-play records)
 *
 * The persistence model, a deliberately pessimistic one (docs/reliability.md says so):
 *  - a write (or truncation) is durable once its file is fsynced (fdatasync counts);
 *  - creating, removing or linking a name in folder D, and renaming into D, is durable once D
 *    is fsynced (a rename is atomic: it happens whole or not at all);
 *  - before that, any operation may be lost; the file system does not keep their order.
 * For a crash after k operations the states listed are: nothing lost; every operation that was
 * not durable lost; each non-durable operation lost alone; and each prefix of the non-durable
 * operations kept (ordered persistence). Operations that depend on a lost one (a write into a
 * file whose creation was lost, a rename of a missing name) fail on replay and are skipped, as
 * they would be on the disk. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum op_kind {
    OP_CREATE,
    OP_WRITE,
    OP_TRUNC,
    OP_TRUNCATE,
    OP_FSYNC,
    OP_MKDIR,
    OP_RENAME,
    OP_SYMLINK,
    OP_UNLINK,
    OP_RMDIR
};

struct op {
    enum op_kind kind;
    char *a, *b;      /* paths (rename: from, to; symlink: target, link) */
    long long offset; /* write offset; truncate length */
    unsigned char *data;
    size_t len;
    int file; /* write: which file (by creation), for EXPECT */
};

static struct op *ops;
static size_t nops;

static void *xrealloc_or_die(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p) {
        perror("crashsim");
        exit(2);
    }
    return p;
}

static char *dup_word(char **p)
{
    char *s = *p;
    char *e = strchr(s, ' ');
    size_t n = e ? (size_t)(e - s) : strlen(s);
    char *w = strndup(s, n);
    *p = e ? e + 1 : s + n;
    return w;
}

static void load(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        exit(2);
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) > 0) {
        if (line[n - 1] == '\n')
            line[--n] = '\0';
        struct op o = {0};
        char *p = line;
        char *kind = dup_word(&p);
        if (!strcmp(kind, "create")) {
            o.kind = OP_CREATE;
            o.a = strdup(p);
        } else if (!strcmp(kind, "write")) {
            o.kind = OP_WRITE;
            o.a = dup_word(&p);
            char *offset = dup_word(&p), *len = dup_word(&p);
            o.offset = strtoll(offset, NULL, 10);
            o.len = strtoull(len, NULL, 10);
            free(offset);
            free(len);
            o.data = malloc(o.len + 1);
            for (size_t i = 0; i < o.len; i++) {
                unsigned v;
                sscanf(p + 2 * i, "%2x", &v);
                o.data[i] = (unsigned char)v;
            }
        } else if (!strcmp(kind, "trunc")) {
            o.kind = OP_TRUNC;
            o.a = strdup(p);
        } else if (!strcmp(kind, "truncate")) {
            o.kind = OP_TRUNCATE;
            o.a = dup_word(&p);
            o.offset = strtoll(p, NULL, 10);
        } else if (!strcmp(kind, "fsync")) {
            o.kind = OP_FSYNC;
            o.a = strdup(p);
        } else if (!strcmp(kind, "mkdir")) {
            o.kind = OP_MKDIR;
            o.a = strdup(p);
        } else if (!strcmp(kind, "rename")) {
            o.kind = OP_RENAME;
            o.a = dup_word(&p);
            o.b = strdup(p);
        } else if (!strcmp(kind, "symlink")) {
            o.kind = OP_SYMLINK;
            o.a = dup_word(&p);
            o.b = strdup(p);
        } else if (!strcmp(kind, "unlink")) {
            o.kind = OP_UNLINK;
            o.a = strdup(p);
        } else if (!strcmp(kind, "rmdir")) {
            o.kind = OP_RMDIR;
            o.a = strdup(p);
        } else {
            fprintf(stderr, "crashsim: %s: unknown operation %s\n", path, kind);
            exit(2);
        }
        free(kind);
        ops = xrealloc_or_die(ops, (nops + 1) * sizeof *ops);
        ops[nops++] = o;
    }
    free(line);
    fclose(f);
}

static bool same_dir_of(const char *path, const char *dir)
{
    const char *slash = strrchr(path, '/');
    size_t n = slash ? (size_t)(slash - path) : 0;
    return strlen(dir) == n && !strncmp(path, dir, n);
}

/* The name operation i changes, in its folder: what an fsync of that folder makes durable. */
static const char *named(const struct op *o)
{
    switch (o->kind) {
    case OP_CREATE:
    case OP_MKDIR:
    case OP_UNLINK:
    case OP_RMDIR:
        return o->a;
    case OP_RENAME:
    case OP_SYMLINK:
        return o->b;
    default:
        return NULL;
    }
}

/* Operation i is on the disk when the crash comes after k operations. */
static bool durable(size_t i, size_t k)
{
    const struct op *o = &ops[i];
    if (o->kind == OP_FSYNC)
        return true;
    for (size_t j = i + 1; j < k; j++) {
        if (ops[j].kind != OP_FSYNC)
            continue;
        const char *synced = ops[j].a;
        if ((o->kind == OP_WRITE || o->kind == OP_TRUNC || o->kind == OP_TRUNCATE) &&
            !strcmp(o->a, synced))
            return true;
        const char *n = named(o);
        if (n && same_dir_of(n, synced))
            return true;
    }
    return false;
}

static void print_mask(size_t k, const bool *keep)
{
    for (size_t i = 0; i < k; i++)
        putchar(keep[i] ? '1' : '0');
    putchar('\n');
}

static int list_states(void)
{
    bool *keep = calloc(nops + 1, 1);
    size_t *loose = calloc(nops + 1, sizeof *loose);
    for (size_t k = 0; k <= nops; k++) {
        size_t nl = 0;
        for (size_t i = 0; i < k; i++)
            if (!durable(i, k))
                loose[nl++] = i;
        for (size_t i = 0; i < k; i++)
            keep[i] = true;
        print_mask(k, keep);               /* nothing lost */
        for (size_t p = 0; p <= nl; p++) { /* a prefix of the loose operations kept */
            for (size_t q = 0; q < nl; q++)
                keep[loose[q]] = q < p;
            print_mask(k, keep);
        }
        for (size_t q = 0; q < nl; q++) { /* one lost alone */
            for (size_t r = 0; r < nl; r++)
                keep[loose[r]] = r != q;
            print_mask(k, keep);
        }
    }
    free(keep);
    free(loose);
    return 0;
}

static char *remap(const char *path, const char *root, const char *out)
{
    size_t n = strlen(root);
    if (strncmp(path, root, n) != 0 || (path[n] != '/' && path[n] != '\0'))
        return strdup(path);
    char *r = malloc(strlen(out) + strlen(path + n) + 1);
    strcpy(r, out);
    strcat(r, path + n);
    return r;
}

/* File identities over the whole log: ops[i].file for writes, and for each unlink the file it
 * removed (-1 when none), so EXPECT leaves out records of files removed on purpose. */
static int *unlinked_file;

static void track_files(void)
{
    struct name {
        char *path;
        int file;
    } *names = NULL;
    size_t nn = 0;
    int next = 0;
    unlinked_file = malloc((nops + 1) * sizeof *unlinked_file);
    for (size_t i = 0; i < nops; i++) {
        struct op *o = &ops[i];
        unlinked_file[i] = -1;
        const char *p = o->a;
        size_t at = nn;
        for (size_t j = 0; j < nn; j++)
            if (names[j].path && !strcmp(names[j].path, p))
                at = j;
        if (o->kind == OP_CREATE) {
            names = xrealloc_or_die(names, (nn + 1) * sizeof *names);
            if (at < nn)
                names[at].path = NULL;
            names[nn].path = o->a;
            names[nn++].file = next++;
        } else if (o->kind == OP_WRITE) {
            o->file = at < nn ? names[at].file : -1;
        } else if (o->kind == OP_UNLINK && at < nn) {
            unlinked_file[i] = names[at].file;
            names[at].path = NULL;
        } else if (o->kind == OP_RENAME && at < nn) {
            for (size_t j = 0; j < nn; j++)
                if (names[j].path && !strcmp(names[j].path, o->b))
                    names[j].path = NULL;
            names[at].path = o->b;
        }
    }
    free(names);
}

static int apply(const char *root, const char *out, const char *mask, const char *expect)
{
    size_t k = strlen(mask);
    if (k > nops) {
        fprintf(stderr, "crashsim: the mask is longer than the log\n");
        return 2;
    }
    track_files();
    for (size_t i = 0; i < k; i++) {
        if (mask[i] != '1')
            continue;
        struct op *o = &ops[i];
        char *a = o->a ? remap(o->a, root, out) : NULL;
        char *b = o->b ? remap(o->b, root, out) : NULL;
        int fd;
        switch (o->kind) {
        case OP_CREATE:
            fd = open(a, O_WRONLY | O_CREAT, 0644);
            if (fd >= 0)
                close(fd);
            break;
        case OP_WRITE:
            fd = open(a, O_WRONLY);
            if (fd >= 0) {
                if (pwrite(fd, o->data, o->len, o->offset) != (ssize_t)o->len)
                    fprintf(stderr, "crashsim: %s: short write on replay\n", a);
                close(fd);
            }
            break;
        case OP_TRUNC:
            (void)truncate(a, 0);
            break;
        case OP_TRUNCATE:
            (void)truncate(a, o->offset);
            break;
        case OP_FSYNC:
            break;
        case OP_MKDIR:
            (void)mkdir(a, 0755);
            break;
        case OP_RENAME:
            (void)rename(a, b);
            break;
        case OP_SYMLINK:
            (void)symlink(o->a, b);
            break; /* the target is kept as it was */
        case OP_UNLINK:
            (void)unlink(a);
            break;
        case OP_RMDIR:
            (void)rmdir(a);
            break;
        }
        free(a);
        free(b);
    }
    if (!expect)
        return 0;
    FILE *f = fopen(expect, "w");
    if (!f) {
        perror(expect);
        return 2;
    }
    for (size_t i = 0; i < k; i++) {
        const struct op *o = &ops[i];
        if (o->kind != OP_WRITE || !durable(i, k))
            continue;
        bool removed = false;
        for (size_t j = i + 1; j < k; j++)
            if (mask[j] == '1' && unlinked_file[j] >= 0 && unlinked_file[j] == o->file)
                removed = true;
        if (!removed)
            fwrite(o->data, 1, o->len, f);
    }
    fclose(f);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "states")) {
        load(argv[2]);
        return list_states();
    }
    if ((argc == 6 || argc == 7) && !strcmp(argv[1], "apply")) {
        load(argv[2]);
        return apply(argv[3], argv[4], argv[5], argc == 7 ? argv[6] : NULL);
    }
    fprintf(stderr, "usage: crashsim states LOG | crashsim apply LOG ROOT OUT MASK [EXPECT]\n");
    return 2;
}
