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
