/* Helpers shared by the proof-of-play tests: a fresh folder per test under the build tree,
 * records built from a few values, and reading a whole folder back. */
#pragma once

#define _GNU_SOURCE
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "proof/read.h"
#include "proof/record.h"
#include "proof/writer.h"

static inline const char *file_basename_of(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

/* TEST_TMP/name, emptied and created, written into buf. */
static inline const char *test_dir(char *buf, size_t cap, const char *name)
{
    snprintf(buf, cap, "%s/%s", TEST_TMP, name);
    nftw(buf, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    mkdir(TEST_TMP, 0755);
    mkdir(buf, 0755);
    return buf;
}

static inline struct proof_record test_record(const char *id, int64_t start_ms, int64_t duration_ms)
{
    return (struct proof_record){
        .kind = PROOF_KIND_SLIDE,
        .id = id,
        .content_version = 7,
        .group = "akko-lobby",
        .start_ms = start_ms,
        .duration_ms = duration_ms,
        .reached_by = PROOF_REACHED_LOOP,
        .lang = "he",
    };
}

/* Collected records of a read: ids (copied) and starts, in file order. */
struct collected {
    char **ids;
    int64_t *starts;
    size_t count, cap_ids, cap_starts;
    uint64_t problems;
    uint64_t last_problem_line;
    char last_problem[256];
};

static const char *collect_record(void *data, const struct proof_record *r)
{
    struct collected *c = data;
    if (c->count == c->cap_ids) {
        c->cap_ids = c->cap_ids ? 2 * c->cap_ids : 64;
        c->ids = realloc(c->ids, c->cap_ids * sizeof(*c->ids));
        c->starts = realloc(c->starts, c->cap_ids * sizeof(*c->starts));
    }
    c->ids[c->count] = strdup(r->id);
    c->starts[c->count++] = r->start_ms;
    return NULL;
}

static void collect_problem(void *data, const char *path, uint64_t line, const char *why)
{
    struct collected *c = data;
    c->problems++;
    c->last_problem_line = line;
    snprintf(c->last_problem, sizeof(c->last_problem), "%s:%llu: %s", file_basename_of(path),
             (unsigned long long)line, why);
}

static inline void collected_free(struct collected *c)
{
    for (size_t i = 0; i < c->count; i++)
        free(c->ids[i]);
    free(c->ids);
    free(c->starts);
    memset(c, 0, sizeof(*c));
}

/* Reads one file into c; returns proof_read_file's result. */
static inline bool read_into(const char *path, struct collected *c, struct proof_read_stats *st)
{
    struct proof_read_options o;
    proof_read_options_defaults(&o);
    o.on_record = collect_record;
    o.on_problem = collect_problem;
    o.data = c;
    return proof_read_file(path, &o, st);
}

/* Reads every record file of dir, oldest first. */
static inline void read_dir(const char *dir, struct collected *c, struct proof_read_stats *st)
{
    char **names = proof_files_list(dir, NULL);
    for (char **n = names; n && *n; n++) {
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", dir, *n);
        read_into(path, c, st);
    }
    proof_files_free(names);
}

static inline char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    size_t got = fread(buf, 1, (size_t)n, f);
    fclose(f);
    buf[got] = '\0';
    if (len)
        *len = got;
    return buf;
}

static inline void spit(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite(data, 1, len, f);
        fclose(f);
    }
}
