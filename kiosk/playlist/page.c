/* Pages as shown: mirroring, boxes, labels. See page.h. */
#include "playlist/page.h"
#include "base/lang.h"

#include <stdio.h>
#include <string.h>

size_t playlist_find_page(const struct playlist *pl, const char *id)
{
    for (size_t i = 0; id && i < pl->page_count; i++)
        if (pl->pages[i].id && strcmp(pl->pages[i].id, id) == 0)
            return i;
    return PLAYLIST_NO_PAGE;
}

bool page_mirrored(const struct playlist *pl, const struct page *page, const char *lang)
{
    if (!page || !page->mirror || !lang)
        return false;
    return lang_is_rtl(lang) != pl->rtl;
}

void page_box(const float box[4], bool mirrored, float out[4])
{
    float x = box[0], y = box[1], w = box[2], h = box[3];
    out[0] = mirrored ? 1.0f - x - w : x;
    out[1] = y;
    out[2] = w;
    out[3] = h;
    if (out[0] < 0)
        out[0] = 0; /* float rounding of a box that touches the edge */
}

void button_box_for(const struct playlist *pl, const struct page *page, const struct button *b,
                    const char *lang, float out[4])
{
    page_box(b->box, page_mirrored(pl, page, lang), out);
}

const char *button_label(const struct playlist *pl, const struct button *b, const char *lang,
                         const char **used_lang)
{
    return text_block_text(pl, &b->label, lang, used_lang);
}

const char *qr_caption(const struct playlist *pl, const struct qr_block *q, const char *lang,
                       const char **used_lang)
{
    if (!q->has_caption) {
        if (used_lang)
            *used_lang = NULL;
        return NULL;
    }
    return text_block_text(pl, &q->caption, lang, used_lang);
}

const char *button_action_text(const struct playlist *pl, const struct button *b, char *buf,
                               size_t size)
{
    switch (b->action) {
    case BUTTON_ACTION_PAGE:
        snprintf(buf, size, "page:%s",
                 b->target < pl->page_count && pl->pages[b->target].id ? pl->pages[b->target].id
                                                                       : "?");
        break;
    case BUTTON_ACTION_LANGUAGE:
        snprintf(buf, size, "language:%s",
                 b->target < pl->language_count ? pl->languages[b->target] : "?");
        break;
    case BUTTON_ACTION_BACK:
        snprintf(buf, size, "back");
        break;
    case BUTTON_ACTION_HOME:
        snprintf(buf, size, "home");
        break;
    case BUTTON_ACTION_NEXT:
        snprintf(buf, size, "next");
        break;
    case BUTTON_ACTION_PREV:
        snprintf(buf, size, "prev");
        break;
    }
    return buf;
}
