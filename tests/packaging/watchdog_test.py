#!/usr/bin/env python3
"""The watchdog path, end to end through a fake systemd: a unix datagram socket named by
NOTIFY_SOCKET, as systemd provides it.

  watchdog_test.py loop PROGRAM      tests/packaging/service_loop (always available)
  watchdog_test.py kiosk KIOSK DIR   the real player with SDL's dummy driver; skipped (exit 77)
                                     while the binary has no sd_notify calls wired in

Checks: READY=1 comes once; WATCHDOG=1 follows at about WatchdogSec/2, never a gap of a whole
WatchdogSec; a stopped process (SIGSTOP, the picture of a hung loop) sends nothing more; it pings
again when continued. Without WATCHDOG_USEC, or when WATCHDOG_PID names another process, there
are no pings; without NOTIFY_SOCKET nothing breaks. A status text cannot forge assignments.
"""
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

SKIP = 77
WATCHDOG_USEC = 400_000  # pings every 200 ms
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)


def collect(sock, seconds):
    """Messages received within `seconds`, as (time, text) pairs."""
    end = time.monotonic() + seconds
    out = []
    while True:
        left = end - time.monotonic()
        if left <= 0:
            return out
        sock.settimeout(left)
        try:
            data = sock.recv(4096)
        except socket.timeout:
            return out
        out.append((time.monotonic(), data.decode(errors="replace")))


def start(cmd, sock_path, extra_env, watchdog_pid="self"):
    env = dict(os.environ)
    env.pop("NOTIFY_SOCKET", None)
    env.pop("WATCHDOG_USEC", None)
    env.pop("WATCHDOG_PID", None)
    env.update(extra_env)
    if sock_path:
        env["NOTIFY_SOCKET"] = sock_path
    # systemd sets WATCHDOG_PID to the main process; a shell that execs keeps its PID.
    pid_setup = 'WATCHDOG_PID=$$; export WATCHDOG_PID; ' if watchdog_pid == "self" else (
        f'WATCHDOG_PID={watchdog_pid}; export WATCHDOG_PID; ' if watchdog_pid else "")
    return subprocess.Popen(["sh", "-c", pid_setup + 'exec "$@"', "sh"] + cmd, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def stop(proc):
    proc.send_signal(signal.SIGCONT)
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def watchdog_cycle(cmd, sock, path, env, startup):
    proc = start(cmd, path, dict(env, WATCHDOG_USEC=str(WATCHDOG_USEC)))
    try:
        msgs = collect(sock, startup)
        texts = [m for _, m in msgs]
        check(texts.count("READY=1") == 1, f"READY=1 sent exactly once (got {texts[:6]}...)")
        if "READY=1" not in texts:
            return
        ready_at = next(t for t, m in msgs if m == "READY=1")
        pings = [t for t, m in msgs if m == "WATCHDOG=1" and t >= ready_at]
        msgs = collect(sock, 2.0)
        pings += [t for t, m in msgs if m == "WATCHDOG=1"]
        check(len(pings) >= 6, f"WATCHDOG=1 keeps coming while the loop runs ({len(pings)} pings)")
        gaps = [b - a for a, b in zip(pings, pings[1:])]
        if gaps:
            check(max(gaps) < WATCHDOG_USEC / 1e6,
                  f"no gap of a whole WatchdogSec between pings (max {max(gaps) * 1000:.0f} ms)")
            # On average every WatchdogSec/2; one gap may be short after a ping the scheduler
            # delayed on a busy machine, but never as short as a ping per frame.
            mean = (pings[-1] - pings[0]) / len(gaps)
            check(mean > WATCHDOG_USEC / 1e6 / 2 * 0.8,
                  f"pings no more often than WatchdogSec/2 (mean {mean * 1000:.0f} ms)")
            check(min(gaps) > WATCHDOG_USEC / 1e6 / 8,
                  f"no burst of pings (min gap {min(gaps) * 1000:.0f} ms)")

        proc.send_signal(signal.SIGSTOP)
        time.sleep(0.05)
        collect(sock, 0.05)  # a ping already in flight
        frozen = collect(sock, 3 * WATCHDOG_USEC / 1e6)
        check(not frozen, f"a stopped loop sends nothing ({len(frozen)} messages)")

        proc.send_signal(signal.SIGCONT)
        resumed = [m for _, m in collect(sock, WATCHDOG_USEC / 1e6)]
        check("WATCHDOG=1" in resumed, "pings resume when the loop runs again")
    finally:
        stop(proc)
    return proc


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("loop", "kiosk"):
        print(__doc__, file=sys.stderr)
        return 2
    mode = sys.argv[1]
    if mode == "kiosk":
        kiosk, content = sys.argv[2], sys.argv[3]
        with open(kiosk, "rb") as f:
            if b"WATCHDOG=1" not in f.read():
                print(f"SKIP: {kiosk} has no sd_notify calls yet (kiosk/platform/service.c is "
                      "not linked into the player's loop)")
                return SKIP
        cmd = [kiosk, "play", content, "--window", "320x240", "--no-watch"]
        env = {"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
        startup = 10.0
    else:
        cmd = [sys.argv[2]]
        env = {}
        startup = 1.0

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "notify")
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        sock.bind(path)

        watchdog_cycle(cmd, sock, path, env, startup)

        if mode == "loop":
            # STOPPING=1 on a clean stop.
            proc = start(cmd, path, {})
            collect(sock, 0.3)
            proc.terminate()
            proc.wait(10)
            texts = [m for _, m in collect(sock, 0.3)]
            check(texts == ["STOPPING=1"], f"STOPPING=1 on SIGTERM (got {texts})")

            # No WATCHDOG_USEC: systemd has no watchdog for us; ready, but no pings.
            proc = start(cmd, path, {})
            texts = [m for _, m in collect(sock, 1.0)]
            stop(proc)
            check(texts[:1] == ["READY=1"] and "WATCHDOG=1" not in texts,
                  f"no watchdog configured: READY=1 and no pings (got {texts[:4]})")

            # WATCHDOG_PID names another process: the watchdog is not ours to feed.
            proc = start(cmd, path, {"WATCHDOG_USEC": str(WATCHDOG_USEC)}, watchdog_pid="1")
            texts = [m for _, m in collect(sock, 1.0)]
            stop(proc)
            check("WATCHDOG=1" not in texts, f"WATCHDOG_PID of another process: no pings")

            # A status carrying content cannot start another assignment.
            proc = start(cmd + ["--status", "playing x\nWATCHDOG=1\nMAINPID=1"], path, {})
            texts = [m for _, m in collect(sock, 0.5)]
            stop(proc)
            status = [m for m in texts if m.startswith("STATUS=")]
            check(status == ["STATUS=playing x WATCHDOG=1 MAINPID=1"]
                  and not any(m.startswith(("WATCHDOG=", "MAINPID=")) for m in texts),
                  f"status text is one line, forging nothing (got {texts[:3]})")

            # Not under systemd at all: every call is a no-op and the program still works.
            proc = start(cmd, None, {"WATCHDOG_USEC": str(WATCHDOG_USEC)})
            time.sleep(0.3)
            proc.terminate()
            check(proc.wait(10) == 0, "without NOTIFY_SOCKET the loop runs and exits cleanly")
        sock.close()

    if failures:
        print(f"{len(failures)} check(s) failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
