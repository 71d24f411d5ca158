/* The playlist's schedules (parse_schedule.c): "schedule" on slides (and pages), "place" and
 * "default_slide" at the top level. Internal to the parser, like parse_internal.h.
 *
 * Order: parse_place() before the slides (a schedule's rest-day condition needs the place),
 * parse_default_slide() after them (it names a slide).
 *
 * Pages: parse_schedule_member() reads a page's "schedule" the same way. To schedule pages, add
 * "schedule" to the page's keys, `struct schedule *schedule` to struct page (NULL: always),
 * `p->schedule = parse_schedule_member(c, v, pl);` in the page parser (parse_place() already runs
 * before the pages) and schedule_free() in page_free(); what a page outside its schedule does
 * (its buttons hidden? the page refused?) is the pages' decision. */
#pragma once

#include <jansson.h>

#include "playlist/parse_internal.h"
#include "sched/schedule.h"

/* root's "place", when present, into pl->place and pl->has_place. */
void parse_place(struct parse_ctx *c, const json_t *root, struct playlist *pl);

/* root's "default_slide", when present, into pl->default_slide; must name one of pl's slides. */
void parse_default_slide(struct parse_ctx *c, const json_t *root, struct playlist *pl);

/* The "schedule" member of obj (a slide or a page, at the current path). NULL when there is
 * none or it has an error (reported); else a schedule the caller owns (schedule_free()). */
struct schedule *parse_schedule_member(struct parse_ctx *c, const json_t *obj,
                                       const struct playlist *pl);
