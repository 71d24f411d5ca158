/* Reading the playlist's schedules (parse_schedule.c): "schedule" on the playlist, on slides and
 * on pages, "place" and "default_slide" at the top level. Internal to the parser, like
 * parse_internal.h. What a schedule means is sched/schedule.h; which slides may play and which
 * pages may open at a moment is sched/sched.h (sched_eligible_slides, sched_page_open).
 *
 * Order: parse_place() before the slides and pages (a schedule's rest-day condition needs the
 * place), parse_default_slide() after the slides (it names one). */
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
