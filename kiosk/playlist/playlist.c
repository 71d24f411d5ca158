/* The model's destructors, beside the model (playlist.h): what a struct playlist owns, released
 * in one place. The parser calls the block destructors too, for parts it read before an error. */
#include <stdlib.h>

#include "playlist/playlist.h"
#include "sched/schedule.h"

void text_block_free(struct text_block *b)
{
    for (size_t i = 0; i < b->text_count; i++) {
        free(b->texts[i].lang);
        free(b->texts[i].text);
    }
    free(b->texts);
    free(b->id);
    free(b->path);
}

void image_block_free(struct image_block *b)
{
    free(b->path);
    free(b->image.src);
    free(b->image.path);
}

void qr_block_free(struct qr_block *q)
{
    free(q->path);
    free(q->data);
    text_block_free(&q->caption);
}

void button_free(struct button *b)
{
    free(b->id);
    free(b->path);
    text_block_free(&b->label);
}

void page_free(struct page *p)
{
    schedule_free(p->schedule);
    free(p->id);
    free(p->path);
    free(p->image.src);
    free(p->image.path);
    free(p->video.src);
    free(p->video.path);
    for (size_t i = 0; i < p->text_count; i++)
        text_block_free(&p->texts[i]);
    free(p->texts);
    for (size_t i = 0; i < p->image_count; i++)
        image_block_free(&p->images[i]);
    free(p->images);
    for (size_t i = 0; i < p->qr_count; i++)
        qr_block_free(&p->qrs[i]);
    free(p->qrs);
    for (size_t i = 0; i < p->button_count; i++)
        button_free(&p->buttons[i]);
    free(p->buttons);
    for (size_t i = 0; i < p->speech_count; i++) {
        free(p->speech[i].lang);
        free(p->speech[i].src);
        free(p->speech[i].path);
    }
    free(p->speech);
}

static void free_image(struct image_ref *image)
{
    free(image->src);
    free(image->path);
}

static void free_video(struct video_ref *video)
{
    free(video->src);
    free(video->path);
}

void playlist_free(struct playlist *pl)
{
    if (!pl)
        return;
    for (size_t i = 0; i < pl->slide_count; i++) {
        struct slide *s = &pl->slides[i];
        free(s->id);
        free_image(&s->image);
        free_video(&s->video);
        for (size_t j = 0; j < s->image_count; j++)
            image_block_free(&s->images[j]);
        free(s->images);
        for (size_t j = 0; j < s->text_count; j++)
            text_block_free(&s->texts[j]);
        free(s->texts);
        for (size_t j = 0; j < s->qr_count; j++)
            qr_block_free(&s->qrs[j]);
        free(s->qrs);
        for (size_t j = 0; j < s->button_count; j++)
            button_free(&s->buttons[j]);
        free(s->buttons);
        schedule_free(s->schedule);
    }
    free(pl->slides);
    for (size_t i = 0; i < pl->page_count; i++)
        page_free(&pl->pages[i]);
    free(pl->pages);
    for (size_t i = 0; i < pl->language_count; i++)
        free(pl->languages[i]);
    free(pl->languages);
    for (size_t i = 0; i < pl->font_count; i++) {
        free(pl->fonts[i].name);
        free(pl->fonts[i].regular);
        free(pl->fonts[i].bold);
    }
    free(pl->fonts);
    schedule_place_clear(&pl->place);
    free(pl->default_slide);
    schedule_free(pl->schedule);
    playlist_free(pl->emergency);
    free(pl->name);
    free(pl->file);
    free(pl->dir);
    free(pl);
}
