#define LOG_MODULE "speech"
#include "audio/speech.h"

#include <string.h>

#include <SDL.h>
#include <SDL_mixer.h>

#include "base/dynlib.h"
#include "base/log.h"
#include "base/xmalloc.h"

/* SDL2_mixer, opened on the first recording played (base/dynlib.h says why): its decoders bring
 * FluidSynth, libxmp and more, which a kiosk without accessible mode never needs. */
#define MIXER_SONAME "libSDL2_mixer-2.0.so.0"
#define MIXER_FUNCTIONS(X)                                                                         \
    X(Mix_CloseAudio)                                                                              \
    X(Mix_FreeMusic)                                                                               \
    X(Mix_HaltMusic)                                                                               \
    X(Mix_HookMusicFinished)                                                                       \
    X(Mix_Init)                                                                                    \
    X(Mix_LoadMUSType_RW)                                                                          \
    X(Mix_OpenAudio)                                                                               \
    X(Mix_PlayMusic)                                                                               \
    X(Mix_PlayingMusic)                                                                            \
    X(Mix_Quit)                                                                                    \
    X(Mix_VolumeMusic)

static struct {
#define MIXER_POINTER(name) __typeof__(&name) name;
    MIXER_FUNCTIONS(MIXER_POINTER)
#undef MIXER_POINTER
} mixer;

static const struct dynlib_symbol mixer_symbols[] = {
#define MIXER_SYMBOL(name) {MIXER_SONAME, #name, (void **)&mixer.name},
    MIXER_FUNCTIONS(MIXER_SYMBOL)
#undef MIXER_SYMBOL
};

/* Every Mix_ call below goes through the table; none is made before mixer_load() said yes. */
#define Mix_CloseAudio mixer.Mix_CloseAudio
#define Mix_FreeMusic mixer.Mix_FreeMusic
#define Mix_HaltMusic mixer.Mix_HaltMusic
#define Mix_HookMusicFinished mixer.Mix_HookMusicFinished
#define Mix_Init mixer.Mix_Init
#define Mix_LoadMUSType_RW mixer.Mix_LoadMUSType_RW
#define Mix_OpenAudio mixer.Mix_OpenAudio
#define Mix_PlayMusic mixer.Mix_PlayMusic
#define Mix_PlayingMusic mixer.Mix_PlayingMusic
#define Mix_Quit mixer.Mix_Quit
#define Mix_VolumeMusic mixer.Mix_VolumeMusic

struct speech {
    bool opened;      /* the audio device is open */
    bool failed;      /* opening it failed: not tried again */
    Mix_Music *music; /* the clip loaded; NULL: none */
};

/* SDL2_mixer's hook has no user data; one player per process. */
static uint32_t finished_event;

static void on_finished(void)
{
    /* The audio thread: only SDL_PushEvent is safe here. */
    if (finished_event) {
        SDL_Event ev = {.type = finished_event};
        SDL_PushEvent(&ev);
    }
}

struct speech *speech_create(uint32_t wake_event)
{
    struct speech *s = xcalloc(1, sizeof *s);
    finished_event = wake_event;
    return s;
}

static bool ensure_open(struct speech *s)
{
    if (s->opened || s->failed)
        return s->opened;
    /* The loop's thread only, so loading needs no lock. */
    static bool mixer_loaded;
    char why[256];
    if (!mixer_loaded && !dynlib_load(mixer_symbols, sizeof mixer_symbols / sizeof mixer_symbols[0],
                                      why, sizeof why)) {
        LOG_ERR("SDL2_mixer is missing (%s); recorded speech is not played", why);
        s->failed = true;
        return false;
    }
    mixer_loaded = true;
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        LOG_ERR("no audio: %s; recorded speech is not played", SDL_GetError());
        s->failed = true;
        return false;
    }
    int flags = Mix_Init(MIX_INIT_OGG | MIX_INIT_OPUS);
    if (!(flags & MIX_INIT_OGG) || !(flags & MIX_INIT_OPUS))
        LOG_WARN("SDL2_mixer lacks %s%s: %s", flags & MIX_INIT_OGG ? "" : "Vorbis ",
                 flags & MIX_INIT_OPUS ? "" : "Opus", Mix_GetError());
    /* 48 kHz is Opus's own rate; speech needs no more than a small buffer's latency. */
    if (Mix_OpenAudio(48000, AUDIO_S16SYS, 2, 2048) != 0) {
        LOG_ERR("the audio device cannot be opened: %s; recorded speech is not played",
                Mix_GetError());
        Mix_Quit();
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        s->failed = true;
        return false;
    }
    Mix_HookMusicFinished(on_finished);
    s->opened = true;
    return true;
}

void speech_stop(struct speech *s)
{
    if (!s->music)
        return;
    Mix_HaltMusic();
    Mix_FreeMusic(s->music);
    s->music = NULL;
}

void speech_set_volume(struct speech *s, int volume)
{
    if (s->opened)
        Mix_VolumeMusic(volume * MIX_MAX_VOLUME / 10);
}

bool speech_play(struct speech *s, const char *path, int volume)
{
    speech_stop(s);
    if (!ensure_open(s))
        return false;
    /* By its first page, not its name: SDL2_mixer takes any .ogg for Vorbis. */
    SDL_RWops *rw = SDL_RWFromFile(path, "rb");
    char head[36] = {0};
    Mix_MusicType type = MUS_OGG;
    if (rw && SDL_RWread(rw, head, 1, sizeof head) == sizeof head &&
        memcmp(head + 28, "OpusHead", 8) == 0)
        type = MUS_OPUS;
    if (rw)
        SDL_RWseek(rw, 0, RW_SEEK_SET);
    /* The music owns rw from here, also when loading fails. */
    s->music = rw ? Mix_LoadMUSType_RW(rw, type, 1) : NULL;
    if (!s->music) {
        LOG_ERR("%s: cannot be played: %s", path, Mix_GetError());
        return false;
    }
    speech_set_volume(s, volume);
    if (Mix_PlayMusic(s->music, 0) != 0) {
        LOG_ERR("%s: cannot be played: %s", path, Mix_GetError());
        speech_stop(s);
        return false;
    }
    LOG_INFO("playing %s", path);
    return true;
}

bool speech_playing(const struct speech *s)
{
    return s->music && Mix_PlayingMusic();
}

void speech_destroy(struct speech *s)
{
    if (!s)
        return;
    speech_stop(s);
    if (s->opened) {
        Mix_HookMusicFinished(NULL);
        Mix_CloseAudio();
        Mix_Quit();
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    }
    free(s);
}
