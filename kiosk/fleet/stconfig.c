#define _GNU_SOURCE /* open_memstream */
#include "fleet/stconfig.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/file.h"
#include "base/xmalloc.h"

/* Like xmalloc's: out of memory is not a branch. */
static void out_of_memory(void)
{
    fprintf(stderr, "kiosk: fatal: out of memory writing the Syncthing configuration\n");
    abort();
}

/* Writes s with &, <, > and " escaped. */
static void put_xml(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&':
            fputs("&amp;", f);
            break;
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        default:
            fputc(*s, f);
        }
    }
}

/* fprintf with every %s argument XML-escaped: fmt holds only %s, which put_xml fills. */
static void put(FILE *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (const char *p = fmt; *p; p++) {
        if (p[0] == '%' && p[1] == 's') {
            put_xml(f, va_arg(ap, const char *));
            p++;
        } else {
            fputc(*p, f);
        }
    }
    va_end(ap);
}

static void put_device(FILE *f, const char *id, const char *name, const char *address)
{
    put(f,
        "    <device id=\"%s\" name=\"%s\" compression=\"metadata\" introducer=\"false\" "
        "skipIntroductionRemovals=\"false\" introducedBy=\"\">\n"
        "        <address>%s</address>\n"
        "        <paused>false</paused>\n"
        "        <autoAcceptFolders>false</autoAcceptFolders>\n"
        "    </device>\n",
        id, name, address ? address : "dynamic");
}

char *stconfig_xml(const struct stconfig *c)
{
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    if (!f)
        out_of_memory();
    fputs("<configuration version=\"36\">\n", f);
    for (size_t i = 0; i < c->folder_count; i++) {
        const struct stconfig_folder *d = &c->folders[i];
        put(f,
            "    <folder id=\"%s\" label=\"%s\" path=\"%s\" type=\"%s\" rescanIntervalS=\"60\" "
            "fsWatcherEnabled=\"true\" fsWatcherDelayS=\"1\" ignorePerms=\"true\" "
            "autoNormalize=\"true\">\n"
            "        <filesystemType>basic</filesystemType>\n"
            "        <device id=\"%s\" introducedBy=\"\"></device>\n",
            d->id, d->label, d->path, d->send_only ? "sendonly" : "receiveonly", c->own_id);
        for (size_t j = 0; j < d->device_count; j++)
            put(f, "        <device id=\"%s\" introducedBy=\"\"></device>\n", d->device_ids[j]);
        fputs("        <minDiskFree unit=\"%\">1</minDiskFree>\n"
              "        <markerName>.stfolder</markerName>\n"
              "    </folder>\n",
              f);
    }
    put_device(f, c->own_id, c->own_name, NULL);
    for (size_t i = 0; i < c->device_count; i++)
        put_device(f, c->devices[i].id, c->devices[i].name, c->devices[i].address);
    put(f,
        "    <gui enabled=\"true\" tls=\"false\" debugging=\"false\">\n"
        "        <address>%s</address>\n"
        "        <theme>default</theme>\n"
        "    </gui>\n"
        "    <options>\n"
        "        <listenAddress>%s</listenAddress>\n",
        c->gui_address ? c->gui_address : "127.0.0.1:8384", c->listen);
    fputs("        <globalAnnounceEnabled>false</globalAnnounceEnabled>\n"
          "        <localAnnounceEnabled>false</localAnnounceEnabled>\n"
          "        <relaysEnabled>false</relaysEnabled>\n"
          "        <natEnabled>false</natEnabled>\n"
          "        <urAccepted>-1</urAccepted>\n"
          "        <urSeen>3</urSeen>\n"
          "        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>\n"
          "        <crashReportingEnabled>false</crashReportingEnabled>\n"
          "        <startBrowser>false</startBrowser>\n"
          "        <announceLANAddresses>false</announceLANAddresses>\n"
          "        <stunServer></stunServer>\n"
          "        <setLowPriority>true</setLowPriority>\n"
          "    </options>\n"
          "</configuration>\n",
          f);
    if (fclose(f) != 0)
        out_of_memory();
    return text;
}

bool stconfig_write_ignores(const char *dir, char *err, size_t errlen)
{
    static const char text[] = "// Written by the kiosk (docs/fleet.md): temporary files of atomic "
                               "writes are never sent.\n*.tmp-*\n";
    char *path = file_join(dir, ".stignore");
    struct stat st;
    bool ok = lstat(path, &st) == 0 || file_write_atomic(path, text, strlen(text), err, errlen);
    free(path);
    return ok;
}

bool stconfig_write(const char *home, const struct stconfig *c, char *err, size_t errlen)
{
    err[0] = '\0';
    char *xml = stconfig_xml(c);
    char *path = file_join(home, "config.xml");
    bool ok = file_mkdir_p(home) && file_write_atomic(path, xml, strlen(xml), err, errlen);
    if (!ok && !err[0])
        snprintf(err, errlen, "cannot create %s", home);
    free(path);
    free(xml);
    return ok;
}
