/* The kiosk's subcommands. main.c picks one by its first argument; each returns the process exit
 * status (0 success, 1 the input has problems, 2 usage error). argv[0] is the subcommand name. */
#pragma once

int cmd_play(int argc, char **argv);     /* kiosk [play] DIR [--window WxH] ... */
int cmd_check(int argc, char **argv);    /* kiosk check DIR */
int cmd_render(int argc, char **argv);   /* kiosk render DIR --out OUTDIR [--size WxH] */
int cmd_layout(int argc, char **argv);   /* kiosk layout [options] -- TEXT (text/ engine) */
int cmd_bundle(int argc, char **argv);   /* kiosk bundle DIR --version N --group G --out OUTDIR */
int cmd_import(int argc, char **argv);   /* kiosk import PATH [--state DIR] [--keys DIR] ... */
int cmd_report(int argc, char **argv);   /* kiosk report FILE... [--from D] [--to D] [--csv] */
int cmd_schedule(int argc, char **argv); /* kiosk schedule DIR --from D --to D [--step MIN] */
int cmd_new(int argc, char **argv);      /* kiosk new DIR [--city NAME] [--langs he,en,ar] */
int cmd_export_proof(int argc, char **argv); /* kiosk export-proof RECORDS DEST (mount-stick) */
int cmd_emergency(int argc, char **argv);    /* kiosk emergency order|start|end|status */
int cmd_fleet(int argc, char **argv);        /* kiosk fleet DIR [--published DIR] [--csv] */
int cmd_studio(int argc, char **argv);       /* kiosk studio DIR [--port N] [--no-browser] */

/* The folder of `kiosk new`'s templates: $KIOSK_TEMPLATES_DIR, else the source tree's templates/,
 * else the installed ones. A static string. */
const char *new_templates_dir(void);

/* One slide or page of a template made to fit a playlist as `kiosk new` makes a whole one:
 * texts in the playlist's languages (a language the template lacks gets its English
 * placeholder), {{CITY}} as each language writes the city (NULL: "Our City"), language buttons
 * for the playlist's languages only, boxes mirrored for a left-to-right first language. Caller
 * owns the result. */
struct json_t;
struct json_t *new_fit_template_item(const struct json_t *item, const struct json_t *template_langs,
                                     const char *city, const struct json_t *langs);
