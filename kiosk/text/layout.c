#define LOG_MODULE "layout"
#include "text/engine.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/lang.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "text/layout_build.h"

/* Decodes UTF-8; malformed sequences become U+FFFD one byte at a time. */
static size_t utf8_decode(const char *utf8, size_t len, uint32_t *out)
{
    const unsigned char *s = (const unsigned char *)utf8;
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        unsigned c = s[i];
        size_t k = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        uint32_t cp = k == 1 ? c : k == 2 ? c & 0x1F : k == 3 ? c & 0x0F : c & 0x07;
        bool ok = k > 0 && i + k <= len;
        for (size_t j = 1; ok && j < k; j++) {
            if ((s[i + j] & 0xC0) != 0x80)
                ok = false;
            else
                cp = (cp << 6) | (s[i + j] & 0x3F);
        }
        if (ok && ((k == 2 && cp < 0x80) || (k == 3 && cp < 0x800) || (k == 4 && cp < 0x10000) ||
                   cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000)))
            ok = false;
        out[n++] = ok ? cp : 0xFFFD;
        i += ok ? k : 1;
    }
    return n;
}

/* Line and paragraph separators, and every character of bidi class B: FriBidi 1.0.8 reads freed
 * memory when a paragraph it gets holds a B after an isolate opener ("\u2066\x1c "). */
static bool is_par_sep(uint32_t c)
{
    return c == '\n' || c == '\r' || c == 0x2029 || c == 0x2028 || c == 0x0B || c == 0x0C ||
           c == 0x85 || (c >= 0x1C && c <= 0x1E);
}

/* The end of the paragraph starting at cps[ps]: its separator, or n. */
static size_t paragraph_end(const uint32_t *cps, size_t n, size_t ps)
{
    while (ps < n && !is_par_sep(cps[ps]))
        ps++;
    return ps;
}

static size_t separator_length(const uint32_t *cps, size_t n, size_t i)
{
    return i == n ? 0 : (cps[i] == '\r' && i + 1 < n && cps[i + 1] == '\n') ? 2 : 1;
}

/* Content is untrusted: no sign or ticker needs more than TEXT_MAX_BYTES, and every step stays
 * linear below. Returns the length to lay out, cut at a character boundary. */
static size_t text_cut_length(const char *utf8, size_t len)
{
    if (len <= TEXT_MAX_BYTES)
        return len;
    len = TEXT_MAX_BYTES;
    while (len > 0 && ((unsigned char)utf8[len] & 0xC0) == 0x80)
        len--;
    return len;
}

size_t text_controls_neutralised(const char *utf8, size_t len)
{
    len = text_cut_length(utf8, len);
    uint32_t *cps = xmalloc((len + 1) * sizeof(*cps));
    size_t n = utf8_decode(utf8, len, cps), count = 0;
    for (size_t ps = 0; ps < n;) {
        size_t i = paragraph_end(cps, n, ps);
        count += text_bidi_limit_controls(cps + ps, i - ps, NULL);
        ps = i + separator_length(cps, n, i);
    }
    free(cps);
    return count;
}

/* Whitespace that rule L1 moves to the paragraph level at a line end, and that does not count
 * in the line's width. */
static bool is_trailing_space(uint32_t c)
{
    FriBidiCharType t = fribidi_get_bidi_type(c);
    return t == FRIBIDI_TYPE_WS || t == FRIBIDI_TYPE_SS;
}

static bool is_glue(uint32_t c)
{
    return c == 0x05F3 || c == 0x05F4 || c == 0x05BE || c == '\'' || c == '"';
}

static void scratch_reserve(struct layout_scratch *s, size_t n)
{
    if (n + 1 <= s->par_cap)
        return;
    size_t cap = n + n / 2 + 16;
    s->levels = xrealloc(s->levels, cap);
    s->breaks = xrealloc(s->breaks, cap);
    s->cluster_start = xrealloc(s->cluster_start, cap);
    s->line_levels = xrealloc(s->line_levels, cap);
    s->advance = xrealloc(s->advance, cap * sizeof(*s->advance));
    s->visual = xrealloc(s->visual, cap * sizeof(*s->visual));
    s->piece_of = xrealloc(s->piece_of, cap * sizeof(*s->piece_of));
    s->par_cap = cap;
}

void layout_scratch_finish(struct layout_scratch *s)
{
    free(s->cps);
    free(s->levels);
    free(s->breaks);
    free(s->cluster_start);
    free(s->line_levels);
    free(s->advance);
    free(s->visual);
    free(s->piece_of);
    free(s->tokens);
    free(s->items);
    free(s->item_glyph);
    free(s->glyphs);
    free(s->line_glyphs);
    free(s->word_glyphs);
    free(s->chunks);
}

static bool slice_safe(const struct text_shaped_glyph *g, size_t n, bool rtl, uint32_t a,
                       uint32_t z, uint32_t item_start, uint32_t item_end, size_t *first,
                       size_t *count);

/* Shapes an item through the engine's word cache (text/shape_cache.h). A word runs up to and
 * including the spaces after it. When every word is known the item costs lookups only;
 * otherwise the item is shaped whole (one HarfBuzz call, as without the cache) and each word
 * whose edges HarfBuzz calls safe to break is stored for next time. Glyphs are appended in the
 * item's visual order: for a right-to-left item the words go right to left. */
static void shape_item_by_words(struct text_engine *e, const uint32_t *p, size_t n,
                                const struct text_item *it, const char *lang, size_t *n_glyphs)
{
    struct layout_scratch *s = &e->s;
    hb_language_t hl = lang && *lang ? hb_language_from_string(lang, -1) : HB_LANGUAGE_INVALID;
    bool rtl = it->level & 1;
    size_t n_chunks = 0, total = 0;
    bool all_known = true;
    for (uint32_t a = it->start; a < it->end;) {
        uint32_t z = a;
        while (z < it->end && p[z] != ' ')
            z++;
        while (z < it->end && p[z] == ' ')
            z++;
        s->chunks = xgrow(s->chunks, &s->chunks_cap, n_chunks + 1, sizeof(*s->chunks));
        struct word_chunk *c = &s->chunks[n_chunks++];
        c->start = a;
        c->end = z;
        c->props = (rtl ? SHAPE_PROP_RTL : 0) | (a == 0 ? SHAPE_PROP_BOT : 0) |
                   (z == n ? SHAPE_PROP_EOT : 0);
        struct shape_cache_key key = {.cps = p + a,
                                      .len = z - a,
                                      .font = it->font,
                                      .script = it->script,
                                      .props = c->props,
                                      .lang = hl};
        /* no insert happens in this loop, so the cache's pointers stay valid */
        c->glyphs = all_known ? shape_cache_find(e->words, &key, &c->count) : NULL;
        all_known = all_known && c->glyphs;
        total += c->glyphs ? c->count : 0;
        a = z;
    }
    if (all_known) {
        s->glyphs = xgrow(s->glyphs, &s->glyphs_cap, *n_glyphs + total, sizeof(*s->glyphs));
        for (size_t k = 0; k < n_chunks; k++) {
            const struct word_chunk *c = &s->chunks[rtl ? n_chunks - 1 - k : k];
            for (size_t g = 0; g < c->count; g++) {
                s->glyphs[*n_glyphs + g] = c->glyphs[g];
                s->glyphs[*n_glyphs + g].cluster += c->start;
            }
            *n_glyphs += c->count;
        }
        return;
    }
    size_t first = *n_glyphs;
    text_shape_run(e->buf, e->fonts, p, n, it, it->start, it->end, lang, &s->glyphs, n_glyphs,
                   &s->glyphs_cap);
    /* No glyph yet in this layout (a run of controls alone): no buffer to point into. */
    const struct text_shaped_glyph *run = s->glyphs ? s->glyphs + first : NULL;
    size_t run_count = *n_glyphs - first;
    for (size_t k = 0; k < n_chunks; k++) {
        const struct word_chunk *c = &s->chunks[k];
        size_t from, count;
        if (!slice_safe(run, run_count, rtl, c->start, c->end, it->start, it->end, &from, &count))
            continue;
        s->word_glyphs = xgrow(s->word_glyphs, &s->word_glyphs_cap, count, sizeof(*s->glyphs));
        for (size_t g = 0; g < count; g++) {
            s->word_glyphs[g] = run[from + g];
            s->word_glyphs[g].cluster -= c->start;
        }
        struct shape_cache_key key = {.cps = p + c->start,
                                      .len = c->end - c->start,
                                      .font = it->font,
                                      .script = it->script,
                                      .props = c->props,
                                      .lang = hl};
        shape_cache_insert(e->words, &key, s->word_glyphs, count);
    }
}

/* The layout being built and the per-paragraph state the line builder needs. */
struct builder {
    struct text_engine *e;
    struct text_layout *out;
    size_t lines_cap, glyphs_cap;
    const uint32_t *para;
    size_t par_len, par_offset; /* paragraph in text indices */
    size_t n_items;
    size_t item_cursor; /* first item that may overlap the next line */
    float px_per_unit[FONT_MAX_FACES];
    float line_advance, ascent, descent;
    float y;
};

/* One item's glyphs as seen by one line: the paragraph's shaping when the item lies wholly on
 * the line, a reshaping of the part on the line otherwise (so a broken Arabic word gets its
 * final and initial forms at the break). */
struct piece {
    const struct text_shaped_glyph *glyphs;
    size_t count;
    size_t reshaped_first; /* index into line_glyphs when reshaped, else SIZE_MAX */
    bool rtl;
    font_id font;
};

/* Cluster of the j-th glyph in logical order: HarfBuzz's output is visual, so a right-to-left
 * run's clusters decrease along the array. */
static uint32_t logical_cluster(const struct text_shaped_glyph *g, size_t n, bool rtl, size_t j)
{
    return g[rtl ? n - 1 - j : j].cluster;
}

static size_t cluster_lower_bound(const struct text_shaped_glyph *g, size_t n, bool rtl, uint32_t c)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (logical_cluster(g, n, rtl, mid) < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static bool unsafe_at(const struct text_shaped_glyph *g, size_t n, bool rtl, size_t j, uint32_t c)
{
    for (; j < n && logical_cluster(g, n, rtl, j) == c; j++)
        if (g[rtl ? n - 1 - j : j].unsafe_to_break)
            return true;
    return false;
}

/* The glyphs of [a, z) inside an item's glyphs, when both cut points are safe to break.
 * Clusters are monotone, so the slice is contiguous and found by binary search (a long
 * paragraph in one run must not cost a scan of the run per line). */
static bool slice_safe(const struct text_shaped_glyph *g, size_t n, bool rtl, uint32_t a,
                       uint32_t z, uint32_t item_start, uint32_t item_end, size_t *first,
                       size_t *count)
{
    size_t ja = cluster_lower_bound(g, n, rtl, a), jz = cluster_lower_bound(g, n, rtl, z);
    if (ja >= jz)
        return false;
    if ((a > item_start && unsafe_at(g, n, rtl, ja, a)) ||
        (z < item_end && unsafe_at(g, n, rtl, jz, z)))
        return false;
    *first = rtl ? n - jz : ja;
    *count = jz - ja;
    return true;
}

static void emit_line(struct builder *b, size_t ls, size_t le, size_t sep_end)
{
    struct layout_scratch *s = &b->e->s;
    struct text_layout *L = b->out;
    L->lines = xgrow(L->lines, &b->lines_cap, L->n_lines + 1, sizeof(*L->lines));
    struct text_line *line = &L->lines[L->n_lines++];
    *line = (struct text_line){
        .start = (uint32_t)(b->par_offset + ls),
        .end = (uint32_t)(b->par_offset + sep_end),
        .rtl = b->e->bidi.rtl,
        .first_glyph = L->n_glyphs,
        .top = b->y,
        .baseline = b->y + (b->line_advance - (b->ascent + b->descent)) / 2 + b->ascent,
    };
    b->y += b->line_advance;
    if (ls >= le)
        return;

    /* Pieces: the items overlapping [ls, le). */
    struct piece pieces_small[16];
    struct piece *pieces = pieces_small;
    size_t n_pieces = 0, pieces_cap = 16;
    size_t line_glyph_count = 0;
    /* Reshaped pieces point into line_glyphs, which may move while growing: record offsets
     * first and fix the pointers afterwards. */
    /* Lines come in logical order: items before this line are never needed again. */
    while (b->item_cursor < b->n_items && s->items[b->item_cursor].end <= ls)
        b->item_cursor++;
    for (size_t k = b->item_cursor; k < b->n_items && s->items[k].start < le; k++) {
        const struct text_item *it = &s->items[k];
        if (n_pieces == pieces_cap) {
            struct piece *p = xmalloc(2 * pieces_cap * sizeof(*p));
            memcpy(p, pieces, n_pieces * sizeof(*p));
            /* Only a block of our own is freed: cppcheck 2.10 does not see the test and takes
             * pieces for pieces_small here. */
            if (pieces != pieces_small)
                // cppcheck-suppress autovarInvalidDeallocation
                free(pieces);
            pieces = p;
            pieces_cap *= 2;
        }
        struct piece *p = &pieces[n_pieces];
        p->rtl = it->level & 1;
        p->font = it->font;
        p->reshaped_first = SIZE_MAX;
        uint32_t a = it->start > ls ? it->start : (uint32_t)ls;
        uint32_t z = it->end < le ? it->end : (uint32_t)le;
        const struct text_shaped_glyph *ig = s->glyphs + s->item_glyph[k];
        size_t icount = s->item_glyph[k + 1] - s->item_glyph[k];
        size_t slice_first, slice_count;
        if (a == it->start && z == it->end) {
            p->glyphs = ig;
            p->count = icount;
        } else if (slice_safe(ig, icount, it->level & 1, a, z, it->start, it->end, &slice_first,
                              &slice_count)) {
            /* HarfBuzz says cutting here changes nothing: reuse the paragraph's shaping */
            p->glyphs = ig + slice_first;
            p->count = slice_count;
        } else {
            size_t first = line_glyph_count;
            p->count =
                text_shape_run(b->e->buf, b->e->fonts, b->para, b->par_len, it, a, z, L->style.lang,
                               &s->line_glyphs, &line_glyph_count, &s->line_glyphs_cap);
            p->glyphs = NULL;
            p->reshaped_first = first;
        }
        for (uint32_t i = a; i < z; i++)
            s->piece_of[i] = (uint32_t)n_pieces;
        n_pieces++;
    }
    /* A piece of ignorables only (direction controls) reshapes to no glyphs, and line_glyphs
     * may still be NULL then. */
    for (size_t k = 0; k < n_pieces; k++)
        if (pieces[k].reshaped_first != SIZE_MAX)
            pieces[k].glyphs = pieces[k].count ? s->line_glyphs + pieces[k].reshaped_first : NULL;

    size_t nv = text_bidi_reorder_line(&b->e->bidi, ls, le, s->visual, s->line_levels);

    size_t tws = le; /* start of trailing whitespace */
    while (tws > ls && is_trailing_space(b->para[tws - 1]))
        tws--;

    float pen = 0, ws_width = 0;
    size_t v = 0;
    while (v < nv) {
        uint32_t pi = s->piece_of[s->visual[v]];
        uint8_t level = s->line_levels[s->visual[v]];
        uint32_t lo = s->visual[v], hi = lo;
        size_t w = v + 1;
        while (w < nv && s->piece_of[s->visual[w]] == pi && s->line_levels[s->visual[w]] == level) {
            lo = s->visual[w] < lo ? s->visual[w] : lo;
            hi = s->visual[w] > hi ? s->visual[w] : hi;
            w++;
        }
        const struct piece *p = &pieces[pi];
        float scale = b->px_per_unit[p->font];
        bool forward = (bool)(level & 1) == p->rtl;
        for (size_t g = 0; g < p->count; g++) {
            const struct text_shaped_glyph *sg = &p->glyphs[forward ? g : p->count - 1 - g];
            if (sg->cluster < lo || sg->cluster > hi)
                continue;
            L->glyphs = xgrow(L->glyphs, &b->glyphs_cap, L->n_glyphs + 1, sizeof(*L->glyphs));
            float adv = (float)sg->x_advance * scale;
            L->glyphs[L->n_glyphs++] = (struct text_glyph){
                .cluster = (uint32_t)(b->par_offset + sg->cluster),
                .font = p->font,
                .glyph = sg->glyph,
                .x = pen + (float)sg->x_offset * scale,
                .y = -(float)sg->y_offset * scale,
                .advance = adv,
                .level = level,
            };
            pen += adv;
            if (sg->cluster >= tws)
                ws_width += adv;
        }
        v = w;
    }
    if (pieces != pieces_small)
        free(pieces);
    line->glyph_count = L->n_glyphs - line->first_glyph;
    line->width = pen - ws_width;
    /* Glyph x is relative to the content's left edge until alignment; after L1 the trailing
     * whitespace of a right-to-left line sits left of the content. */
    if (line->rtl)
        for (size_t g = line->first_glyph; g < L->n_glyphs; g++)
            L->glyphs[g].x -= ws_width;
}

/* Emits [ls, end) and checks it against the box: the fill measured logical advances from the
 * paragraph's shaping, and a run reshaped at an unsafe cut may come out wider. Then the line is
 * taken back and ends before its last segment instead (false); the caller refills from there. */
static bool emit_fitting(struct builder *b, size_t ls, size_t end, size_t sep_end, float width,
                         size_t last_seg)
{
    struct text_layout *L = b->out;
    size_t line = L->n_lines, first_glyph = L->n_glyphs;
    float y = b->y;
    emit_line(b, ls, end, sep_end);
    if (!(width > 0) || last_seg <= ls || L->lines[line].width <= width + 0.5f)
        return true;
    L->n_lines = line;
    L->n_glyphs = first_glyph;
    b->y = y;
    emit_line(b, ls, last_seg, last_seg);
    return false;
}

/* Greedy fill of one paragraph: each segment between break opportunities goes on the current
 * line if its content (without its trailing spaces) still fits. */
static void fill_lines(struct builder *b, float width, size_t sep_len)
{
    struct layout_scratch *s = &b->e->s;
    size_t n = b->par_len;
    if (n == 0) {
        emit_line(b, 0, 0, sep_len);
        return;
    }
    bool unbounded = !(width > 0);
    size_t ls = 0, last_seg = 0, i = 0; /* last_seg: start of the line's last segment */
    float cur = 0, cur_ws = 0;
    while (ls < n) {
        if (i >= n) {
            if (emit_fitting(b, ls, n, n + sep_len, width, last_seg))
                return;
            ls = i = last_seg;
            cur = cur_ws = 0;
            continue;
        }
        size_t j = i + 1;
        while (j < n && s->breaks[j] == TEXT_BREAK_NONE)
            j++;
        /* segment [i, j): content then trailing spaces */
        size_t ws = j;
        while (ws > i && is_trailing_space(b->para[ws - 1]))
            ws--;
        float wc = 0, wws = 0;
        for (size_t k = i; k < ws; k++)
            wc += s->advance[k];
        for (size_t k = ws; k < j; k++)
            wws += s->advance[k];
        if (!unbounded && ls < i && cur + cur_ws + wc > width) {
            if (emit_fitting(b, ls, i, i, width, last_seg))
                ls = last_seg = i;
            else
                ls = i = last_seg;
            cur = cur_ws = 0;
            continue; /* the segment at i starts the new line */
        }
        last_seg = i;
        if (!unbounded && ls == i && wc > width) {
            /* Emergency: the word alone is wider than the box; break between clusters. */
            b->out->word_broken = true;
            size_t k = i;
            float lw = 0;
            while (k < ws) {
                size_t c = k + 1;
                float cw = s->advance[k];
                /* not before a geresh, gershayim, maqaf or quote: they belong to the left part */
                while (c < ws && (!s->cluster_start[c] || is_glue(b->para[c])))
                    cw += s->advance[c++];
                if (lw > 0 && lw + cw > width) {
                    emit_line(b, ls, k, k);
                    ls = last_seg = k;
                    lw = 0;
                }
                lw += cw;
                k = c;
            }
            cur = lw;
            cur_ws = wws;
        } else if (wc > 0) {
            cur += cur_ws + wc;
            cur_ws = wws;
        } else {
            cur_ws += wws;
        }
        if (j < n && s->breaks[j] == TEXT_BREAK_MANDATORY) {
            if (emit_fitting(b, ls, j, j, width, last_seg))
                ls = last_seg = i = j;
            else
                ls = i = last_seg;
            cur = cur_ws = 0;
            continue;
        }
        i = j;
    }
}

static void layout_paragraph(struct builder *b, float width, size_t sep_len)
{
    struct text_engine *e = b->e;
    struct layout_scratch *s = &e->s;
    const struct text_style *st = &b->out->style;
    const uint32_t *p = b->para;
    size_t n = b->par_len;
    scratch_reserve(s, n);

    bool lang_rtl = st->lang && lang_is_rtl(st->lang);
    bool rtl = st->dir == TEXT_DIR_RTL ||
               (st->dir == TEXT_DIR_AUTO && text_bidi_first_strong_rtl(p, n, lang_rtl));
    size_t n_tokens = text_tokens_find(p, n, rtl, &s->tokens, &s->tokens_cap);
    if (!text_bidi_run(&e->bidi, p, n, rtl, s->tokens, n_tokens))
        for (size_t i = 0; i < n; i++)
            e->bidi.levels[e->bidi.text_to_aug[i]] = rtl;
    for (size_t i = 0; i < n; i++)
        s->levels[i] = text_bidi_level(&e->bidi, i);

    b->item_cursor = 0;
    b->n_items = text_itemize_in(e->fonts, st->family, st->weight, p, s->levels, n, &s->items,
                                 &s->items_cap);
    s->item_glyph =
        xgrow(s->item_glyph, &s->item_glyph_cap, b->n_items + 1, sizeof(*s->item_glyph));
    size_t n_glyphs = 0;
    memset(s->advance, 0, n * sizeof(*s->advance));
    memset(s->cluster_start, 0, n);
    for (size_t k = 0; k < b->n_items; k++) {
        const struct text_item *it = &s->items[k];
        s->item_glyph[k] = n_glyphs;
        size_t first = n_glyphs;
        if (e->words)
            shape_item_by_words(e, p, n, it, st->lang, &n_glyphs);
        else
            text_shape_run(e->buf, e->fonts, p, n, it, it->start, it->end, st->lang, &s->glyphs,
                           &n_glyphs, &s->glyphs_cap);
        float scale = b->px_per_unit[it->font];
        for (size_t g = first; g < n_glyphs; g++) {
            s->advance[s->glyphs[g].cluster] += (float)s->glyphs[g].x_advance * scale;
            s->cluster_start[s->glyphs[g].cluster] = 1;
        }
    }
    s->item_glyph[b->n_items] = n_glyphs;

    if (!text_breaker_run(e->breaker, p, n, true, s->breaks))
        for (size_t i = 1; i < n; i++)
            s->breaks[i] = p[i - 1] == ' ' ? TEXT_BREAK_ALLOWED : TEXT_BREAK_NONE;
    /* A phone number or a number written in groups is one word. */
    for (size_t t = 0; t < n_tokens; t++)
        if (s->tokens[t].kind == TEXT_TOKEN_PHONE || s->tokens[t].kind == TEXT_TOKEN_NUMBER)
            for (size_t i = s->tokens[t].start + 1; i < s->tokens[t].end; i++)
                s->breaks[i] = TEXT_BREAK_NONE;
    /* A break inside a glyph cluster moves to the cluster's start: HarfBuzz merges a removed
     * LRM into the glyph after it, and ICU may allow a break between the two; cut there, the
     * next line would shape that glyph again and draw it twice. */
    for (size_t k = 0; k < b->n_items; k++) {
        size_t cluster = SIZE_MAX;
        for (size_t i = s->items[k].start; i < s->items[k].end; i++) {
            if (s->cluster_start[i]) {
                cluster = i;
            } else if (cluster != SIZE_MAX && s->breaks[i] != TEXT_BREAK_NONE) {
                if (s->breaks[i] > s->breaks[cluster])
                    s->breaks[cluster] = s->breaks[i];
                s->breaks[i] = TEXT_BREAK_NONE;
            }
        }
    }
    fill_lines(b, width, sep_len);
}

struct text_layout *layout_build(struct text_engine *e, const char *utf8, size_t len,
                                 const struct text_style *style, float width)
{
    struct text_layout *L = xcalloc(1, sizeof(*L));
    L->refs = 1;
    L->style = *style;
    if (!(L->style.size > 0))
        L->style.size = 32;
    L->style.lang = style->lang ? xstrdup(style->lang) : NULL;

    struct layout_scratch *s = &e->s;
    if (len > TEXT_MAX_BYTES) {
        LOG_WARN("text of %zu bytes cut to %d", len, TEXT_MAX_BYTES);
        len = text_cut_length(utf8, len);
    }
    s->cps = xgrow(s->cps, &s->cps_cap, len + 1, sizeof(*s->cps));
    size_t n = utf8_decode(utf8, len, s->cps);
    L->n_codepoints = n;

    struct builder b = {.e = e, .out = L};
    for (unsigned f = 0; f < font_set_face_count(e->fonts); f++)
        b.px_per_unit[f] = L->style.size / (float)font_set_face(e->fonts, (font_id)f)->upem;
    const struct font_face *sans =
        font_set_face(e->fonts, font_set_metrics_face(e->fonts, style->family, style->weight));
    b.ascent = (float)sans->ascender * L->style.size / (float)sans->upem;
    b.descent = -(float)sans->descender * L->style.size / (float)sans->upem;
    b.line_advance =
        L->style.line_height > 0 ? L->style.line_height * L->style.size : b.ascent + b.descent;

    for (size_t ps = 0;;) {
        size_t i = paragraph_end(s->cps, n, ps);
        size_t sep = separator_length(s->cps, n, i);
        b.para = s->cps + ps;
        b.par_len = i - ps;
        b.par_offset = ps;
        layout_paragraph(&b, width, sep);
        if (ps == 0)
            L->rtl = L->lines[0].rtl;
        ps = i + sep;
        if (ps >= n)
            break; /* a text ending with a newline has no empty last line */
    }

    for (size_t k = 0; k < L->n_lines; k++)
        L->width = L->lines[k].width > L->width ? L->lines[k].width : L->width;
    L->box_width = width > 0 ? width : L->width;
    L->height = b.y;
    for (size_t k = 0; k < L->n_lines; k++) {
        struct text_line *line = &L->lines[k];
        float free_space = L->box_width - line->width;
        bool left = (style->align == TEXT_ALIGN_START) != line->rtl;
        line->x = style->align == TEXT_ALIGN_CENTER ? free_space / 2 : left ? 0 : free_space;
        for (size_t g = line->first_glyph; g < line->first_glyph + line->glyph_count; g++)
            L->glyphs[g].x += line->x;
    }
    return L;
}
