/* Fixtures the import tests cannot make with tar(1) alone: archives with links, devices,
 * FIFOs, "../" and absolute names, too many entries, or a header claiming a huge file; and a
 * PNG whose header claims 50000x50000 pixels (a decompression bomb for the image probe).
 *
 *   import_fixture tar KIND OUT.tar    KIND: dotdot absolute symlink hardlink device fifo
 *                                            many huge file-then-folder
 *   import_fixture bomb-png OUT.png */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>

static const char playlist[] =
    "{\"format\": 1, \"name\": \"evil\", \"screen\": {\"width\": 640, \"height\": 360},\n"
    " \"languages\": [\"en\"], \"slides\": [{\"id\": \"a\", \"background\": \"#102030\"}]}\n";

static void add(struct archive *a, const char *name, mode_t type, int64_t size, const char *data,
                const char *link, int hard)
{
    struct archive_entry *e = archive_entry_new();
    archive_entry_set_pathname(e, name);
    archive_entry_set_filetype(e, type);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_size(e, size);
    if (link && hard)
        archive_entry_set_hardlink(e, link);
    else if (link)
        archive_entry_set_symlink(e, link);
    if (type == AE_IFCHR)
        archive_entry_set_rdev(e, 0x0103);
    if (archive_write_header(a, e) != ARCHIVE_OK) {
        fprintf(stderr, "import_fixture: %s: %s\n", name, archive_error_string(a));
        exit(1);
    }
    if (data)
        archive_write_data(a, data, strlen(data));
    archive_entry_free(e);
}

/* Rewrites the header of "huge.bin" to claim 8 GB (the largest ustar octal size) without
 * the data: the importer must refuse it from the header alone, before reading any data. */
static int patch_huge(const char *path)
{
    FILE *f = fopen(path, "r+b");
    unsigned char h[512];
    long off = 0;
    while (f && fread(h, 512, 1, f) == 1) {
        if (!strcmp((char *)h, "huge.bin")) {
            memcpy(h + 124, "77777777777", 12);
            memset(h + 148, ' ', 8);
            unsigned sum = 0;
            for (int i = 0; i < 512; i++)
                sum += h[i];
            snprintf((char *)h + 148, 8, "%06o", sum);
            h[155] = ' ';
            fseek(f, off, SEEK_SET);
            fwrite(h, 512, 1, f);
            return fclose(f) == 0 ? 0 : 1;
        }
        off += 512;
    }
    fprintf(stderr, "import_fixture: %s: no huge.bin header\n", path);
    return 1;
}

static int make_tar(const char *kind, const char *out)
{
    struct archive *a = archive_write_new();
    archive_write_set_format_pax_restricted(a);
    if (archive_write_open_filename(a, out) != ARCHIVE_OK)
        return 1;
    add(a, "playlist.json", AE_IFREG, (int64_t)strlen(playlist), playlist, NULL, 0);
    if (!strcmp(kind, "dotdot"))
        add(a, "media/../../escape.txt", AE_IFREG, 2, "x\n", NULL, 0);
    else if (!strcmp(kind, "absolute"))
        add(a, "/tmp/kiosk-escape.txt", AE_IFREG, 2, "x\n", NULL, 0);
    else if (!strcmp(kind, "symlink"))
        add(a, "passwd", AE_IFLNK, 0, NULL, "/etc/passwd", 0);
    else if (!strcmp(kind, "hardlink"))
        add(a, "passwd", AE_IFREG, 0, NULL, "/etc/passwd", 1);
    else if (!strcmp(kind, "device"))
        add(a, "mem", AE_IFCHR, 0, NULL, NULL, 0);
    else if (!strcmp(kind, "fifo"))
        add(a, "pipe", AE_IFIFO, 0, NULL, NULL, 0);
    else if (!strcmp(kind, "many"))
        for (int i = 0; i < 10050; i++) {
            char name[32];
            snprintf(name, sizeof name, "f%05d.txt", i);
            add(a, name, AE_IFREG, 0, NULL, NULL, 0);
        }
    else if (!strcmp(kind, "file-then-folder")) {
        add(a, "media", AE_IFREG, 2, "x\n", NULL, 0);
        add(a, "media/y.txt", AE_IFREG, 2, "y\n", NULL, 0);
    } else if (!strcmp(kind, "huge"))
        add(a, "huge.bin", AE_IFREG, 0, NULL, NULL, 0); /* its size is patched below */
    else {
        fprintf(stderr, "import_fixture: unknown kind %s\n", kind);
        return 2;
    }
    archive_write_close(a);
    archive_write_free(a);
    return strcmp(kind, "huge") ? 0 : patch_huge(out);
}

static uint32_t crc32_of(const uint8_t *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
    }
    return c ^ 0xffffffffu;
}

static void be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static int make_bomb_png(const char *out)
{
    uint8_t png[8 + 25 + 12] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    uint8_t *ihdr = png + 8;
    be32(ihdr, 13);
    memcpy(ihdr + 4, "IHDR", 4);
    be32(ihdr + 8, 50000);
    be32(ihdr + 12, 50000);
    ihdr[16] = 8; /* depth */
    ihdr[17] = 6; /* RGBA */
    be32(ihdr + 21, crc32_of(ihdr + 4, 17));
    uint8_t *iend = ihdr + 25;
    be32(iend, 0);
    memcpy(iend + 4, "IEND", 4);
    be32(iend + 8, crc32_of(iend + 4, 4));
    FILE *f = fopen(out, "wb");
    if (!f || fwrite(png, sizeof png, 1, f) != 1 || fclose(f) != 0)
        return 1;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "tar"))
        return make_tar(argv[2], argv[3]);
    if (argc == 3 && !strcmp(argv[1], "bomb-png"))
        return make_bomb_png(argv[2]);
    fprintf(stderr, "usage: import_fixture tar KIND OUT | bomb-png OUT\n");
    return 2;
}
