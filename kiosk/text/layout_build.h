/* Inside the text engine: the layout itself, without the cache. layout.c builds it; engine.c's
 * text_layout_create and text_layout_get (through the cache) call it. */
#pragma once

#include <stddef.h>

#include "text/layout.h"

struct text_layout *layout_build(struct text_engine *e, const char *utf8, size_t len,
                                 const struct text_style *style, float width);
