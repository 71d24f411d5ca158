/* FFmpeg's libraries (libavformat, libavcodec, libavutil, libswscale, libswresample), opened on
 * the first clip instead of at start (base/dynlib.h says why).
 *
 * A file that calls FFmpeg includes FFmpeg's headers, then this one: every FFmpeg function it
 * calls is then a pointer of struct ffmpeg_lib, with the header's own type, so calls read and
 * are checked as usual. A function used without a line below fails the build at link time, as
 * the binary does not link FFmpeg. Before the first call, ffmpeg_lib_open() must have said yes
 * (video_probe() does it; the decoder and player only run on clips that passed a probe).
 *
 * On loading, two process-wide settings of libavutil are made: FFmpeg's own messages go into the
 * kiosk's log at debug level (a hostile clip cannot flood the journal), and no single
 * allocation of FFmpeg's may pass VIDEO_MAX_ALLOC_BYTES (media/video_probe.h).
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
#include <libavutil/display.h>
#include <libavutil/mem.h>
#include <libavutil/pixdesc.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>

/* The functions the kiosk calls, with the library of each. Inline functions of the headers
 * (av_q2d, av_inv_q) need no line. */
#define FFMPEG_FUNCTIONS(X)                                                                        \
    X(LIBAVUTIL, av_calloc)                                                                        \
    X(LIBAVUTIL, av_dict_free)                                                                     \
    X(LIBAVUTIL, av_dict_get)                                                                      \
    X(LIBAVUTIL, av_dict_set)                                                                      \
    X(LIBAVUTIL, av_display_rotation_get)                                                          \
    X(LIBAVUTIL, av_frame_alloc)                                                                   \
    X(LIBAVUTIL, av_frame_free)                                                                    \
    X(LIBAVUTIL, av_frame_move_ref)                                                                \
    X(LIBAVUTIL, av_frame_unref)                                                                   \
    X(LIBAVUTIL, av_free)                                                                          \
    X(LIBAVUTIL, av_freep)                                                                         \
    X(LIBAVUTIL, av_get_pix_fmt_name)                                                              \
    X(LIBAVUTIL, av_log_set_callback)                                                              \
    X(LIBAVUTIL, av_malloc)                                                                        \
    X(LIBAVUTIL, av_max_alloc)                                                                     \
    X(LIBAVUTIL, av_pix_fmt_desc_get)                                                              \
    X(LIBAVUTIL, av_strerror)                                                                      \
    X(LIBAVCODEC, av_packet_alloc)                                                                 \
    X(LIBAVCODEC, av_packet_free)                                                                  \
    X(LIBAVCODEC, av_packet_unref)                                                                 \
    X(LIBAVCODEC, avcodec_alloc_context3)                                                          \
    X(LIBAVCODEC, avcodec_find_decoder)                                                            \
    X(LIBAVCODEC, avcodec_find_decoder_by_name)                                                    \
    X(LIBAVCODEC, avcodec_flush_buffers)                                                           \
    X(LIBAVCODEC, avcodec_free_context)                                                            \
    X(LIBAVCODEC, avcodec_get_name)                                                                \
    X(LIBAVCODEC, avcodec_open2)                                                                   \
    X(LIBAVCODEC, avcodec_parameters_to_context)                                                   \
    X(LIBAVCODEC, avcodec_profile_name)                                                            \
    X(LIBAVCODEC, avcodec_receive_frame)                                                           \
    X(LIBAVCODEC, avcodec_send_packet)                                                             \
    X(LIBAVFORMAT, av_find_best_stream)                                                            \
    X(LIBAVFORMAT, av_read_frame)                                                                  \
    X(LIBAVFORMAT, av_seek_frame)                                                                  \
    X(LIBAVFORMAT, av_stream_get_side_data)                                                        \
    X(LIBAVFORMAT, avformat_alloc_context)                                                         \
    X(LIBAVFORMAT, avformat_close_input)                                                           \
    X(LIBAVFORMAT, avformat_find_stream_info)                                                      \
    X(LIBAVFORMAT, avformat_index_get_entries_count)                                               \
    X(LIBAVFORMAT, avformat_index_get_entry)                                                       \
    X(LIBAVFORMAT, avformat_open_input)                                                            \
    X(LIBAVFORMAT, avio_alloc_context)                                                             \
    X(LIBAVFORMAT, avio_context_free)                                                              \
    X(LIBAVFORMAT, avio_seek)                                                                      \
    X(LIBSWSCALE, sws_freeContext)                                                                 \
    X(LIBSWSCALE, sws_getCachedContext)                                                            \
    X(LIBSWSCALE, sws_getCoefficients)                                                             \
    X(LIBSWSCALE, sws_scale)                                                                       \
    X(LIBSWSCALE, sws_setColorspaceDetails)                                                        \
    X(LIBSWRESAMPLE, swr_alloc_set_opts2)                                                          \
    X(LIBSWRESAMPLE, swr_convert)                                                                  \
    X(LIBSWRESAMPLE, swr_free)                                                                     \
    X(LIBSWRESAMPLE, swr_get_out_samples)                                                          \
    X(LIBSWRESAMPLE, swr_init)

struct ffmpeg_lib {
#define FFMPEG_POINTER(lib, name) __typeof__(&name) name;
    FFMPEG_FUNCTIONS(FFMPEG_POINTER)
#undef FFMPEG_POINTER
};

extern struct ffmpeg_lib ffmpeg_lib;

/* Opens the libraries once (later calls return the first answer). False, with why
 * ("libavcodec.so.59: cannot open shared object file ..."), when they are not installed. */
bool ffmpeg_lib_open(char *why, size_t whylen);

/* The calls of the including file go through the table. */
#ifndef FFMPEG_LIB_LOADER
#define av_calloc ffmpeg_lib.av_calloc
#define av_dict_free ffmpeg_lib.av_dict_free
#define av_dict_get ffmpeg_lib.av_dict_get
#define av_dict_set ffmpeg_lib.av_dict_set
#define av_display_rotation_get ffmpeg_lib.av_display_rotation_get
#define av_frame_alloc ffmpeg_lib.av_frame_alloc
#define av_frame_free ffmpeg_lib.av_frame_free
#define av_frame_move_ref ffmpeg_lib.av_frame_move_ref
#define av_frame_unref ffmpeg_lib.av_frame_unref
#define av_free ffmpeg_lib.av_free
#define av_freep ffmpeg_lib.av_freep
#define av_get_pix_fmt_name ffmpeg_lib.av_get_pix_fmt_name
#define av_log_set_callback ffmpeg_lib.av_log_set_callback
#define av_malloc ffmpeg_lib.av_malloc
#define av_max_alloc ffmpeg_lib.av_max_alloc
#define av_pix_fmt_desc_get ffmpeg_lib.av_pix_fmt_desc_get
#define av_strerror ffmpeg_lib.av_strerror
#define av_packet_alloc ffmpeg_lib.av_packet_alloc
#define av_packet_free ffmpeg_lib.av_packet_free
#define av_packet_unref ffmpeg_lib.av_packet_unref
#define avcodec_alloc_context3 ffmpeg_lib.avcodec_alloc_context3
#define avcodec_find_decoder ffmpeg_lib.avcodec_find_decoder
#define avcodec_find_decoder_by_name ffmpeg_lib.avcodec_find_decoder_by_name
#define avcodec_flush_buffers ffmpeg_lib.avcodec_flush_buffers
#define avcodec_free_context ffmpeg_lib.avcodec_free_context
#define avcodec_get_name ffmpeg_lib.avcodec_get_name
#define avcodec_open2 ffmpeg_lib.avcodec_open2
#define avcodec_parameters_to_context ffmpeg_lib.avcodec_parameters_to_context
#define avcodec_profile_name ffmpeg_lib.avcodec_profile_name
#define avcodec_receive_frame ffmpeg_lib.avcodec_receive_frame
#define avcodec_send_packet ffmpeg_lib.avcodec_send_packet
#define av_find_best_stream ffmpeg_lib.av_find_best_stream
#define av_read_frame ffmpeg_lib.av_read_frame
#define av_seek_frame ffmpeg_lib.av_seek_frame
#define av_stream_get_side_data ffmpeg_lib.av_stream_get_side_data
#define avformat_alloc_context ffmpeg_lib.avformat_alloc_context
#define avformat_close_input ffmpeg_lib.avformat_close_input
#define avformat_find_stream_info ffmpeg_lib.avformat_find_stream_info
#define avformat_index_get_entries_count ffmpeg_lib.avformat_index_get_entries_count
#define avformat_index_get_entry ffmpeg_lib.avformat_index_get_entry
#define avformat_open_input ffmpeg_lib.avformat_open_input
#define avio_alloc_context ffmpeg_lib.avio_alloc_context
#define avio_context_free ffmpeg_lib.avio_context_free
#define avio_seek ffmpeg_lib.avio_seek
#define sws_freeContext ffmpeg_lib.sws_freeContext
#define sws_getCachedContext ffmpeg_lib.sws_getCachedContext
#define sws_getCoefficients ffmpeg_lib.sws_getCoefficients
#define sws_scale ffmpeg_lib.sws_scale
#define sws_setColorspaceDetails ffmpeg_lib.sws_setColorspaceDetails
#define swr_alloc_set_opts2 ffmpeg_lib.swr_alloc_set_opts2
#define swr_convert ffmpeg_lib.swr_convert
#define swr_free ffmpeg_lib.swr_free
#define swr_get_out_samples ffmpeg_lib.swr_get_out_samples
#define swr_init ffmpeg_lib.swr_init
#endif
