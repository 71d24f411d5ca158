/* A page's recorded speech: "speech": {"he": "media/speech-he.ogg", ...}. Each file lies in the
 * playlist folder (parse_folder_file's rule) and is probed from its first bytes only: an Ogg
 * stream of Opus or Vorbis, at most SPEECH_MAX_BYTES. Decoding happens only in the player
 * (audio/speech.c, SDL2_mixer), of a file that passed this. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/xmalloc.h"
#include "playlist/parse_internal.h"

/* The first Ogg page holds the codec's identification header; 4 KiB always covers it. */
#define PROBE_BYTES 4096

/* Whether path is an Ogg Opus or Ogg Vorbis file within the size limit; why not in err. */
static bool probe_speech(const char *path, char *err, size_t errlen)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "cannot be read: %s", strerror(errno ? errno : EINVAL));
        return false;
    }
    if ((unsigned long long)st.st_size > SPEECH_MAX_BYTES) {
        snprintf(err, errlen, "is %.1f MiB; a speech file may have at most %u MiB",
                 (double)st.st_size / (1 << 20), SPEECH_MAX_BYTES >> 20);
        return false;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "cannot be opened: %s", strerror(errno));
        return false;
    }
    unsigned char buf[PROBE_BYTES];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    if (n < 28 || memcmp(buf, "OggS", 4) != 0) {
        snprintf(err, errlen,
                 "is not an Ogg file; expected speech recorded as Opus (.opus, .ogg) or Ogg "
                 "Vorbis (.ogg), e.g. made with: ffmpeg -i speech.wav -c:a libopus speech.ogg");
        return false;
    }
    /* The first page's segment table, then its first packet: the codec's identification. */
    size_t segments = buf[26], body = 27 + segments;
    if (body + 8 <= n &&
        (memcmp(buf + body, "OpusHead", 8) == 0 || memcmp(buf + body, "\x01vorbis", 7) == 0))
        return true;
    snprintf(err, errlen,
             "is an Ogg file but neither Opus nor Vorbis; expected speech encoded with Opus or "
             "Vorbis");
    return false;
}

void parse_speech(struct parse_ctx *c, const json_t *v, const struct playlist *pl, struct page *p)
{
    parse_push_key(c, "speech");
    if (!parse_expect(c, v, JSON_OBJECT,
                      "an object with a recording for each language, such as {\"he\": "
                      "\"media/speech-he.ogg\"}")) {
        parse_pop(c);
        return;
    }
    size_t n = json_object_size(v);
    p->speech = xcalloc(n ? n : 1, sizeof *p->speech);
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)v, key, value)
    {
        parse_push_key(c, key);
        size_t lang = 0;
        while (lang < pl->language_count && strcmp(pl->languages[lang], key) != 0)
            lang++;
        if (lang == pl->language_count) {
            char *quoted = parse_quote(key);
            parse_report(c, DIAG_ERROR, true,
                         "%s is not one of the playlist's languages; expected a recording for "
                         "one of them",
                         quoted);
            free(quoted);
        } else if (parse_expect(c, value, JSON_STRING,
                                "the path of an Ogg file, such as \"media/speech-he.ogg\"")) {
            const char *src = json_string_value(value);
            char *path = parse_folder_file(c, src, "speech");
            char err[300];
            if (path && !probe_speech(path, err, sizeof err)) {
                char *quoted = parse_quote(src);
                parse_error(c, "%s %s", quoted, err);
                free(quoted);
                free(path);
                path = NULL;
            }
            if (path) {
                struct speech_clip *s = &p->speech[p->speech_count++];
                s->lang = xstrdup(key);
                s->src = xstrdup(src);
                s->path = path;
            }
        }
        parse_pop(c);
    }
    parse_pop(c);
}
