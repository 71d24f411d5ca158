/* compare_png EXPECTED ACTUAL [--max-mean M] [--max-bad F] [--diff OUT.png]
 *
 * Compares two PNGs of the same size channel by channel. A pixel is "bad" when any channel
 * differs by more than 48 (an edge moved, a colour is wrong); small differences (filtering,
 * rounding between library versions) only add to the mean. Fails when the mean absolute
 * difference exceeds M (default 2.0 levels) or the share of bad pixels exceeds F (default
 * 0.5%). Writes a diff image on failure, bad pixels in red, so a person can see what moved. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_image.h>

static SDL_Surface *load(const char *path)
{
    SDL_Surface *s = IMG_Load(path);
    if (!s) {
        fprintf(stderr, "compare_png: %s: %s\n", path, IMG_GetError());
        return NULL;
    }
    SDL_Surface *c = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGBA32, 0);
    SDL_FreeSurface(s);
    return c;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: compare_png EXPECTED ACTUAL [--max-mean M] [--max-bad F] "
                        "[--diff OUT.png]\n");
        return 2;
    }
    double max_mean = 2.0, max_bad = 0.005;
    const char *diff_path = NULL;
    for (int i = 3; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--max-mean"))
            max_mean = atof(argv[i + 1]);
        else if (!strcmp(argv[i], "--max-bad"))
            max_bad = atof(argv[i + 1]);
        else if (!strcmp(argv[i], "--diff"))
            diff_path = argv[i + 1];
    }
    SDL_Surface *a = load(argv[1]), *b = load(argv[2]);
    if (!a || !b)
        return 1;
    if (a->w != b->w || a->h != b->h) {
        fprintf(stderr, "compare_png: %s is %dx%d but %s is %dx%d\n", argv[1], a->w, a->h, argv[2],
                b->w, b->h);
        return 1;
    }
    SDL_Surface *d = SDL_CreateRGBSurfaceWithFormat(0, a->w, a->h, 32, SDL_PIXELFORMAT_RGBA32);
    double sum = 0;
    long bad = 0;
    for (int y = 0; y < a->h; y++) {
        const Uint8 *pa = (const Uint8 *)a->pixels + y * a->pitch;
        const Uint8 *pb = (const Uint8 *)b->pixels + y * b->pitch;
        Uint8 *pd = (Uint8 *)d->pixels + y * d->pitch;
        for (int x = 0; x < a->w; x++) {
            int worst = 0;
            for (int ch = 0; ch < 3; ch++) {
                int diff = abs(pa[4 * x + ch] - pb[4 * x + ch]);
                sum += diff;
                if (diff > worst)
                    worst = diff;
            }
            bool is_bad = worst > 48;
            bad += is_bad;
            Uint8 grey = (Uint8)((pa[4 * x] + pa[4 * x + 1] + pa[4 * x + 2]) / 6);
            pd[4 * x + 0] = is_bad ? 255 : grey;
            pd[4 * x + 1] = is_bad ? 0 : grey;
            pd[4 * x + 2] = is_bad ? 0 : grey;
            pd[4 * x + 3] = 255;
        }
    }
    double mean = sum / ((double)a->w * a->h * 3);
    double bad_share = (double)bad / ((double)a->w * a->h);
    bool ok = mean <= max_mean && bad_share <= max_bad;
    printf("%s: mean difference %.3f (limit %.3f), differing pixels %.3f%% (limit %.3f%%): %s\n",
           argv[2], mean, max_mean, bad_share * 100, max_bad * 100, ok ? "ok" : "DIFFERENT");
    if (!ok && diff_path)
        IMG_SavePNG(d, diff_path);
    SDL_FreeSurface(a);
    SDL_FreeSurface(b);
    SDL_FreeSurface(d);
    return ok ? 0 : 1;
}
