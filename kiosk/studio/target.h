/* Which slide or page a request is about (?slide=I or ?page=ID, and ?lang=L), shared by the
 * preview and the boxes, which must agree on what they show. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "playlist/playlist.h"

struct studio_request;
struct render_ctx;

struct target {
    bool is_page;
    size_t slide;     /* index into slides, when !is_page */
    char page_id[65]; /* when is_page */
    size_t page;      /* resolved index into pages */
    char lang[16];    /* "" for the playlist's first language */
};

/* Reads the query; false with a plain reason. */
bool target_parse(const struct studio_request *rq, struct target *t, char *err, size_t errlen);
/* Finds the slide or page in pl and the language (pointing into pl); false with a reason. */
bool target_resolve(const struct playlist *pl, struct target *t, const char **lang, char *err,
                    size_t errlen);
/* On the drawing thread: draws the target of the saved playlist. False with an HTTP status and
 * a plain reason; *pl is the playlist drawn (the worker's, until its next job). */
bool target_draw(struct render_ctx *ctx, struct target *t, const struct playlist **pl, int *status,
                 char *err, size_t errlen);
