#include "text/shape_cache.h"

#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"

/* Open addressing; when 3/4 full the cache starts over. Signage text is a bounded vocabulary, so
 * a whole-table reset is rare and simpler than LRU bookkeeping per word. */
#define SHAPE_CACHE_SLOTS 16384

struct shape_cache_slot {
    uint64_t hash; /* 0 = empty */
    uint32_t *cps;
    size_t len;
    font_id font;
    hb_script_t script;
    unsigned props;
    hb_language_t lang;
    struct text_shaped_glyph *glyphs;
    size_t count;
};

struct shape_cache {
    struct shape_cache_slot *slots;
    size_t used;
    uint64_t hits, misses;
};

static uint64_t key_hash(const struct shape_cache_key *k)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < k->len; i++)
        h = (h ^ k->cps[i]) * 0x100000001b3ull;
    h = (h ^ k->font) * 0x100000001b3ull;
    h = (h ^ (uint64_t)k->script) * 0x100000001b3ull;
    h = (h ^ (uint64_t)k->props) * 0x100000001b3ull;
    h = (h ^ (uint64_t)(uintptr_t)k->lang) * 0x100000001b3ull;
    return h ? h : 1;
}

struct shape_cache *shape_cache_create(void)
{
    struct shape_cache *c = xcalloc(1, sizeof(*c));
    c->slots = xcalloc(SHAPE_CACHE_SLOTS, sizeof(*c->slots));
    return c;
}

void shape_cache_clear(struct shape_cache *c)
{
    for (size_t i = 0; i < SHAPE_CACHE_SLOTS; i++) {
        if (c->slots[i].hash) {
            free(c->slots[i].cps);
            free(c->slots[i].glyphs);
        }
    }
    memset(c->slots, 0, SHAPE_CACHE_SLOTS * sizeof(*c->slots));
    c->used = 0;
}

void shape_cache_destroy(struct shape_cache *c)
{
    if (!c)
        return;
    shape_cache_clear(c);
    free(c->slots);
    free(c);
}

static bool slot_matches(const struct shape_cache_slot *s, uint64_t h,
                         const struct shape_cache_key *k)
{
    return s->hash == h && s->len == k->len && s->font == k->font && s->script == k->script &&
           s->props == k->props && s->lang == k->lang &&
           memcmp(s->cps, k->cps, k->len * sizeof(*k->cps)) == 0;
}

const struct text_shaped_glyph *shape_cache_find(struct shape_cache *c,
                                                 const struct shape_cache_key *k, size_t *count)
{
    uint64_t h = key_hash(k);
    for (size_t i = h & (SHAPE_CACHE_SLOTS - 1); c->slots[i].hash;
         i = (i + 1) & (SHAPE_CACHE_SLOTS - 1)) {
        if (slot_matches(&c->slots[i], h, k)) {
            c->hits++;
            *count = c->slots[i].count;
            return c->slots[i].glyphs;
        }
    }
    c->misses++;
    return NULL;
}

void shape_cache_insert(struct shape_cache *c, const struct shape_cache_key *k,
                        const struct text_shaped_glyph *glyphs, size_t count)
{
    if (c->used >= SHAPE_CACHE_SLOTS * 3 / 4)
        shape_cache_clear(c);
    uint64_t h = key_hash(k);
    size_t i = h & (SHAPE_CACHE_SLOTS - 1);
    while (c->slots[i].hash) {
        if (slot_matches(&c->slots[i], h, k))
            return;
        i = (i + 1) & (SHAPE_CACHE_SLOTS - 1);
    }
    struct shape_cache_slot *s = &c->slots[i];
    s->hash = h;
    s->cps = xmalloc((k->len ? k->len : 1) * sizeof(*s->cps));
    memcpy(s->cps, k->cps, k->len * sizeof(*s->cps));
    s->len = k->len;
    s->font = k->font;
    s->script = k->script;
    s->props = k->props;
    s->lang = k->lang;
    s->glyphs = xmalloc((count ? count : 1) * sizeof(*s->glyphs));
    memcpy(s->glyphs, glyphs, count * sizeof(*glyphs));
    s->count = count;
    c->used++;
}

void shape_cache_stats(const struct shape_cache *c, uint64_t *hits, uint64_t *misses)
{
    *hits = c->hits;
    *misses = c->misses;
}
