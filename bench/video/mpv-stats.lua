-- Loaded by bench/video/run.sh into mpv: on quit (the benchmark's SIGTERM), one line on stderr
-- with mpv's own frame counts. The counts are read twice a second while playing, because at
-- shutdown the playback state is already gone.
local last = {frame_drop = 0, decoder_drop = 0, vo_delayed = 0, mistimed = 0}
local function n(prop) return mp.get_property_number(prop) end
mp.add_periodic_timer(0.5, function()
    last.frame_drop = n("frame-drop-count") or last.frame_drop
    last.decoder_drop = n("decoder-frame-drop-count") or last.decoder_drop
    last.vo_delayed = n("vo-delayed-frame-count") or last.vo_delayed
    last.mistimed = n("mistimed-frame-count") or last.mistimed
end)
mp.register_event("shutdown", function()
    io.stderr:write(string.format(
        "mpv-stats: frame_drop=%d decoder_drop=%d vo_delayed=%d mistimed=%d\n",
        last.frame_drop, last.decoder_drop, last.vo_delayed, last.mistimed))
    io.stderr:flush()
end)
