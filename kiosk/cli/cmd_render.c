#define _DEFAULT_SOURCE
/* kiosk render DIR --out OUTDIR: every slide to PNG with no display at all (SDL's software
 * renderer on a memory surface), for approvals and for tests; with --renderer opengles2 through
 * the Pi's GLES2 renderer instead (a hidden window: needs a display), to test that path. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <SDL.h>

#include "access/relayout.h"
#include "app/config.h"
#include "app/content.h"
#include "base/file.h"
#include "base/lang.h"
#include "base/xmalloc.h"
#include "calendar/tz.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/headless.h"
#include "cli/render_emergency.h"
#include "media/loader.h"
#include "media/texture_cache.h"
#include "platform/display.h"
#include "render/compositor.h"
#include "render/fit.h"
#include "render/sheet.h"
#include "sched/schedule.h"
#include "text/glyph_atlas.h"
#include "text/layout.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: kiosk render DIR --out OUTDIR [--size WxH] [--transition-at P]\n"
            "                      [--lang TAG|all] [--sheet] [--time 'YYYY-MM-DD HH:MM']\n"
            "                      [--at 'YYYY-MM-DD HH:MM'] [--video-at SECONDS]\n"
            "                      [--accessible [--config FILE]] [--emergency-builtin]\n"
            "                      [--renderer NAME]\n"
            "  --size WxH          output size (default: the playlist's screen size)\n"
            "  --accessible        slides and pages as accessible mode shows them (larger\n"
            "                      text, high contrast, buttons in the reach zone of the\n"
            "                      mounting in --config FILE or /etc/kiosk/kiosk.conf)\n"
            "  --lang TAG          slides and pages in that language only\n"
            "  --lang all          slides and pages in every language (01-ID-LANG.png)\n"
            "                      (default: slides in the playlist's first language, pages\n"
            "                      in every language, page-ID-LANG.png)\n"
            "  --sheet             also a contact sheet per language (sheet-LANG.png): every\n"
            "                      slide and page, small and labelled, for approval in one\n"
            "                      look; every language unless --lang names one\n"
            "  --time 'YYYY-MM-DD HH:MM'  the local time clocks show (default: now)\n"
            "  --at 'YYYY-MM-DD HH:MM'    the kiosk at that moment: only the slides and\n"
            "                      pages whose schedules allow them then (else the default\n"
            "                      slide, or the built-in one as 00-built-in.png), clocks at\n"
            "                      it too\n"
            "  --video-at SECONDS  video slides and pages show their clip's frame at that\n"
            "                      second (default: the slide's start)\n"
            "  --transition-at P   also write the frame at progress P (0..1) of each\n"
            "                      transition, between each slide and the next\n"
            "  --emergency-builtin also the built-in emergency slide (emergency-built-in.png);\n"
            "                      the playlist's emergency slides are always written, in\n"
            "                      every language (emergency-NN-ID-LANG.png)\n"
            "  --renderer NAME     draw with that SDL renderer instead of the software one:\n"
            "                      opengles2 is the Raspberry Pi's (needs a display, e.g.\n"
            "                      Xvfb; Mesa's llvmpipe stands in for the GPU)\n");
}

/* Draws frame f and writes it (and adds it to the sheet when there is one); false when a picture
 * of the slide could not be loaded. */
static bool render_frame(struct headless *hd, const struct playlist *pl,
                         const struct sched_frame *f, const char *path, struct contact_sheet *sheet,
                         const char *label)
{
    const char *err = NULL;
    if (!headless_draw_frame(hd, pl, f, &err)) {
        size_t i = f->slide != SCHED_NONE ? f->slide : f->from;
        fprintf(stderr, "kiosk: render: slide \"%s\": %s\n", pl->slides[i].id,
                err ? err : "failed");
        return false;
    }
    if (!display_save_png(&hd->display, path))
        return false;
    printf("%s\n", path);
    return !sheet || sheet_add_frame(sheet, hd->display.renderer, hd->area, label);
}

/* Draws interactive page `page` in language lang and writes it (and adds it to the sheet). */
static bool render_page(struct headless *hd, const struct playlist *pl, size_t page,
                        const char *lang, const char *path, struct contact_sheet *sheet)
{
    const struct page *p = &pl->pages[page];
    const char *shown_lang = hd->text.lang;
    headless_set_lang(hd, lang);
    const char *err = NULL;
    bool drawn = headless_draw_page(hd, pl, page, &err);
    headless_set_lang(hd, shown_lang);
    if (!drawn) {
        fprintf(stderr, "kiosk: render: page \"%s\": %s\n", p->id, err ? err : "failed");
        return false;
    }
    if (!display_save_png(&hd->display, path))
        return false;
    printf("%s\n", path);
    if (!sheet)
        return true;
    char *label = xasprintf("page %s", p->id);
    bool ok = sheet_add_frame(sheet, hd->display.renderer, hd->area, label);
    free(label);
    return ok;
}

/* The slides shown at local time `at` in the playlist's zone: the eligible ones, else the default
 * slide; marks them in shown[] and says which on stdout. Returns how many (0: the built-in). */
static size_t slides_at(const struct playlist *pl, const struct civil_time *at, bool *shown)
{
    struct schedule_env env;
    schedule_env_init(&env, pl->has_place ? &pl->place : NULL);
    time_t t, later;
    tz_from_civil(env.zone, at, &t, &later);
    printf("at %04d-%02d-%02d %02d:%02d %s:", at->year, at->month, at->day, at->hour, at->minute,
           env.place.tz);
    size_t count = sched_eligible_slides(pl, &env, t, shown); /* the player's rule */
    for (size_t i = 0, k = 0; i < pl->slide_count; i++)
        if (shown[i])
            printf("%s %s", k++ ? "," : " eligible:", pl->slides[i].id);
    size_t fallback = count ? SCHED_NONE : sched_default_slide(pl);
    if (fallback != SCHED_NONE) {
        shown[fallback] = true;
        count = 1;
        printf(" no slide eligible; the default slide %s", pl->default_slide);
    }
    printf("%s\n", count ? "" : " no slide eligible; the built-in slide");
    return count;
}

/* The pages that can be opened at local time `at` (their schedules; the player's rule). */
static void pages_at(const struct playlist *pl, const struct civil_time *at, bool *shown)
{
    struct schedule_env env;
    schedule_env_init(&env, pl->has_place ? &pl->place : NULL);
    time_t t, later;
    tz_from_civil(env.zone, at, &t, &later);
    for (size_t i = 0; i < pl->page_count; i++) {
        shown[i] = sched_page_open(pl, i, &env, t);
        if (shown[i])
            printf("page %s can be opened\n", pl->pages[i].id);
    }
}

/* Writes the slides marked in shown[] (and, with transition_at >= 0, the frame at that progress
 * of each transition) as NN-ID.png, or NN-ID-LANG.png when `lang_suffix` is given; adds each to
 * the sheet when there is one. The built-in slide when none is shown. False when any failed. */
static bool render_slides(struct headless *hd, const struct playlist *pl, const bool *shown,
                          size_t shown_count, double transition_at, const char *out,
                          const char *lang_suffix, struct contact_sheet *sheet)
{
    bool ok = true;
    char *tail = lang_suffix ? xasprintf("-%s", lang_suffix) : xstrdup("");
    if (shown_count == 0) {
        struct sched_frame f = {.slide = SCHED_NONE, .from = SCHED_NONE, .progress = 1.0};
        char *path = xasprintf("%s/00-built-in%s.png", out, tail);
        ok &= render_frame(hd, pl, &f, path, sheet, "built-in slide");
        free(path);
    }
    for (size_t i = 0; i < pl->slide_count; i++) {
        const struct slide *s = &pl->slides[i];
        if (!shown[i])
            continue;
        struct sched_frame f = {.slide = i, .from = SCHED_NONE, .progress = 1.0};
        char *path = xasprintf("%s/%02zu-%s%s.png", out, i + 1, s->id, tail);
        char *label = xasprintf("%02zu %s", i + 1, s->id);
        ok &= render_frame(hd, pl, &f, path, sheet, label);
        free(label);
        free(path);

        if (transition_at < 0 || shown_count < 2)
            continue;
        size_t j = (i + 1) % pl->slide_count;
        while (!shown[j])
            j = (j + 1) % pl->slide_count;
        const struct slide *n = &pl->slides[j];
        double tdur = n->transition.kind == TRANSITION_CUT ? 0 : n->transition.duration;
        struct sched_frame tf = {.slide = j,
                                 .from = i,
                                 .progress = transition_at,
                                 .elapsed = transition_at * tdur,
                                 .from_elapsed = s->duration + transition_at * tdur,
                                 .animating = true};
        if (tdur <= 0 || transition_at >= 1.0)
            tf.from = SCHED_NONE;
        path = xasprintf("%s/%02zu-%s--%s-at-%.2f%s.png", out, i + 1, s->id, n->id, transition_at,
                         tail);
        ok &= render_frame(hd, pl, &tf, path, NULL, NULL);
        free(path);
    }
    free(tail);
    return ok;
}

int cmd_render(int argc, char **argv)
{
    enum {
        OPT_OUT = 256,
        OPT_SIZE,
        OPT_TRANSITION_AT,
        OPT_LANG,
        OPT_SHEET,
        OPT_TIME,
        OPT_AT,
        OPT_VIDEO_AT,
        OPT_ACCESSIBLE,
        OPT_CONFIG,
        OPT_EMERGENCY_BUILTIN,
        OPT_RENDERER,
        OPT_HELP
    };
    static const struct option longopts[] = {
        {"out", required_argument, NULL, OPT_OUT},
        {"size", required_argument, NULL, OPT_SIZE},
        {"transition-at", required_argument, NULL, OPT_TRANSITION_AT},
        {"lang", required_argument, NULL, OPT_LANG},
        {"sheet", no_argument, NULL, OPT_SHEET},
        {"time", required_argument, NULL, OPT_TIME},
        {"at", required_argument, NULL, OPT_AT},
        {"video-at", required_argument, NULL, OPT_VIDEO_AT},
        {"accessible", no_argument, NULL, OPT_ACCESSIBLE},
        {"config", required_argument, NULL, OPT_CONFIG},
        {"emergency-builtin", no_argument, NULL, OPT_EMERGENCY_BUILTIN},
        {"renderer", required_argument, NULL, OPT_RENDERER},
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0},
    };
    const char *out = NULL;
    int w = 0, h = 0;
    double at = -1, video_at = -1;
    const char *lang = NULL, *renderer = NULL;
    bool want_sheet = false;
    bool accessible = false;
    const char *config_path = NULL;
    time_t wall = time(NULL);
    /* --at: the moment as typed, read in the playlist's zone once the playlist is loaded. */
    bool has_at = false, has_time = false, emergency_builtin = false;
    struct civil_time at_civil, time_civil;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_OUT:
            out = optarg;
            break;
        case OPT_SIZE:
            if (!args_parse_size(optarg, &w, &h)) {
                fprintf(stderr,
                        "kiosk: --size: expected WIDTHxHEIGHT such as 1920x1080, found "
                        "\"%s\"\n",
                        optarg);
                return 2;
            }
            break;
        case OPT_TRANSITION_AT:
            if (!args_parse_double(optarg, 0.0, 1.0, &at)) {
                fprintf(stderr,
                        "kiosk: --transition-at: expected a number from 0 to 1, found "
                        "\"%s\"\n",
                        optarg);
                return 2;
            }
            break;
        case OPT_LANG:
            lang = optarg;
            break;
        case OPT_SHEET:
            want_sheet = true;
            break;
        case OPT_TIME:
            if (!args_parse_civil(optarg, false, &time_civil)) {
                fprintf(stderr,
                        "kiosk: --time: expected 'YYYY-MM-DD HH:MM' such as "
                        "'2027-04-22 19:30', found \"%s\"\n",
                        optarg);
                return 2;
            }
            has_time = true;
            break;
        case OPT_AT: {
            if (!args_parse_civil(optarg, false, &at_civil)) {
                fprintf(stderr,
                        "kiosk: --at: expected 'YYYY-MM-DD HH:MM' such as "
                        "'2027-04-22 19:30', found \"%s\"\n",
                        optarg);
                return 2;
            }
            has_at = true;
            break;
        }
        case OPT_VIDEO_AT:
            if (!args_parse_double(optarg, 0.0, PLAYLIST_MAX_DURATION, &video_at)) {
                fprintf(stderr,
                        "kiosk: --video-at: expected seconds from 0 to %.0f, found \"%s\"\n",
                        PLAYLIST_MAX_DURATION, optarg);
                return 2;
            }
            break;
        case OPT_EMERGENCY_BUILTIN:
            emergency_builtin = true;
            break;
        case OPT_ACCESSIBLE:
            accessible = true;
            break;
        case OPT_CONFIG:
            config_path = optarg;
            break;
        case OPT_RENDERER:
            renderer = optarg;
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
    if (optind != argc - 1 || !out) {
        usage(stderr);
        return 2;
    }
    const char *dir = args_content_dir(argv[optind]);

    struct config cfg;
    config_defaults(&cfg);
    config_load(&cfg, config_path ? config_path : CONFIG_DEFAULT_PATH, config_path == NULL);
    struct diag_list diags = {0};
    struct text_engine *engine = text_engine_create(font_set_default_dir());
    struct playlist *pl = content_load(dir, cfg.max_image_pixels, engine,
                                       engine ? CONTENT_TEXT_WARN : CONTENT_TEXT_SKIP, &diags);
    diag_print(&diags, stderr);
    diag_list_clear(&diags);
    if (!pl) {
        text_engine_destroy(engine);
        return 1;
    }
    /* The languages to write: one (--lang TAG), or all (--lang all, or a sheet without --lang). */
    bool all_langs = (lang && !strcmp(lang, "all")) || (!lang && want_sheet);
    bool lang_given = lang != NULL && !all_langs;
    if (all_langs) {
        lang = pl->languages[0];
    } else if (lang) {
        bool known = false;
        for (size_t i = 0; i < pl->language_count; i++)
            known |= !strcmp(pl->languages[i], lang);
        if (!known) {
            fprintf(stderr, "kiosk: render: --lang %s: the playlist's languages are", lang);
            for (size_t i = 0; i < pl->language_count; i++)
                fprintf(stderr, " %s", pl->languages[i]);
            fprintf(stderr, "; or \"all\"\n");
            text_engine_destroy(engine);
            playlist_free(pl);
            return 2;
        }
    } else {
        lang = pl->languages[0];
    }
    /* --at and --time are wall-clock times at the playlist's place, as its clocks and schedules
     * read them, whatever the zone of the machine rendering. */
    if (has_at || has_time) {
        struct schedule_env env;
        schedule_env_init(&env, pl->has_place ? &pl->place : NULL);
        time_t later;
        tz_from_civil(env.zone, has_at ? &at_civil : &time_civil, &wall, &later);
    }
    if (!file_mkdir_p(out)) {
        fprintf(stderr, "kiosk: render: cannot create the folder %s (is it a file?)\n", out);
        playlist_free(pl);
        return 1;
    }
    if (!w) {
        w = pl->width;
        h = pl->height;
    }

    struct headless hd;
    if (!headless_open(&hd, pl, w, h, cfg.max_image_pixels, cfg.texture_cache_size, engine, wall,
                       renderer)) {
        text_engine_destroy(engine);
        playlist_free(pl);
        SDL_Quit();
        return 1;
    }
    if (video_at >= 0)
        headless_set_video_at(&hd, video_at);

    /* Which slides to render: all, or with --at those the schedules allow at that moment. */
    bool *shown = xcalloc(pl->slide_count, sizeof(bool));
    size_t shown_count = 0;
    for (size_t i = 0; i < pl->slide_count; i++)
        shown[i] = true;
    shown_count = pl->slide_count;
    if (has_at)
        shown_count = slides_at(pl, &at_civil, shown);

    /* Pages too: with --at, those whose schedules let them open then. */
    bool *page_shown = xcalloc(pl->page_count ? pl->page_count : 1, sizeof(bool));
    for (size_t i = 0; i < pl->page_count; i++)
        page_shown[i] = true;
    if (has_at)
        pages_at(pl, &at_civil, page_shown);

    /* --accessible: accessible mode's copy of the content, with its controls. */
    struct playlist *access_pl = NULL;
    const struct playlist *drawn = pl;
    if (accessible) {
        struct reach_mounting m;
        struct reach_zone z;
        config_access_mounting(&cfg, &m);
        reach_zone_for(&m, pl->width, pl->height, &z);
        access_pl = access_playlist_build(pl, engine, &z, &diags);
        diag_print(&diags, stderr);
        diag_list_clear(&diags);
        drawn = access_pl;
        /* A long text shown in parts is cut at its box on purpose: no overflow outline. */
        hd.text.outline_overflow = false;
        compositor_set_text(hd.comp, &hd.text);
        hd.access = (struct view_access_scene){.button = true,
                                               .on = true,
                                               .volume = VIEW_VOLUME_DEFAULT,
                                               .zone_top = z.top,
                                               .zone_bottom = z.bottom};
    }

    int status = 0;
    for (size_t k = 0; k < pl->language_count; k++) {
        const char *l = pl->languages[k];
        /* Slides: in the one language asked for (default: the first), or in each. */
        bool slides_here = all_langs ? true : !strcmp(l, lang);
        bool pages_here = all_langs || !lang_given || !strcmp(l, lang);
        if (!slides_here && !pages_here)
            continue;
        struct contact_sheet *sheet = NULL;
        if (want_sheet && slides_here) {
            char *title = xasprintf("%s — %s", pl->name ? pl->name : dir, l);
            sheet = sheet_create(pl->width, pl->height, title, lang_is_rtl(l));
            free(title);
        }
        /* Slide file names carry the language only when several are written. */
        const char *suffix_lang = all_langs ? l : NULL;
        if (slides_here) {
            hd.access.parts = 1; /* slides are never in parts */
            hd.access.part = 0;
            headless_set_lang(&hd, l);
            if (!render_slides(&hd, drawn, shown, shown_count, at, out, suffix_lang, sheet))
                status = 1;
            /* A slide with more text than a screen in accessible mode: its further parts,
             * slide-ID-LANG-part2.png... */
            for (size_t i = 0; access_pl && i < pl->slide_count; i++) {
                size_t parts = shown[i] ? access_slide_parts(access_pl, i) : 1;
                hd.access.parts = parts;
                for (size_t part = 1; part < parts; part++) {
                    hd.access.part = part;
                    struct sched_frame f = {.slide = access_slide_part(access_pl, i, part),
                                            .from = SCHED_NONE,
                                            .progress = 1.0};
                    char *path =
                        xasprintf("%s/slide-%s-%s-part%zu.png", out, pl->slides[i].id, l, part + 1);
                    if (!render_frame(&hd, drawn, &f, path, sheet, pl->slides[i].id))
                        status = 1;
                    free(path);
                }
            }
            hd.access.parts = 1;
            hd.access.part = 0;
        }
        for (size_t i = 0; i < pl->page_count && pages_here; i++) {
            if (!page_shown[i])
                continue;
            char *path = xasprintf("%s/page-%s-%s.png", out, pl->pages[i].id, l);
            size_t parts = access_pl ? access_page_parts(access_pl, i) : 1;
            hd.access.parts = parts;
            hd.access.part = 0;
            if (!render_page(&hd, drawn, i, l, path, slides_here ? sheet : NULL))
                status = 1;
            free(path);
            /* A long page in accessible mode: each further part, page-ID-LANG-part2.png... */
            for (size_t part = 1; part < parts; part++) {
                hd.access.part = part;
                path = xasprintf("%s/page-%s-%s-part%zu.png", out, pl->pages[i].id, l, part + 1);
                if (!render_page(&hd, drawn, access_page_part(access_pl, i, part), l, path,
                                 slides_here ? sheet : NULL))
                    status = 1;
                free(path);
            }
        }
        if (sheet) {
            char *path = xasprintf("%s/sheet-%s.png", out, l);
            if (sheet_save(sheet, engine, path))
                printf("%s\n", path);
            else
                status = 1;
            free(path);
            sheet_destroy(sheet);
        }
    }
    free(page_shown);
    if (!render_emergency(&hd, pl, out, emergency_builtin))
        status = 1;

    free(shown);
    headless_close(&hd);
    access_playlist_free(access_pl);
    text_engine_destroy(engine);
    playlist_free(pl);
    SDL_Quit();
    return status;
}
