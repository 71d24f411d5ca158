"""Starts `kiosk studio` on a folder and talks to it, for the API tests (api_test.py).

The studio refuses to run as root, so when the tests run as root (CI containers) the server runs
as `nobody` through setpriv, on folders that user may write.
"""
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

SKIP = 77


class Failure(Exception):
    pass


def check(what, cond):
    if not cond:
        raise Failure(what)
    print(f"ok - {what}")


def as_user_prefix():
    """The command prefix that runs the studio as an ordinary user."""
    if os.geteuid() != 0:
        return []
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def give_away(path):
    """Lets the user the studio runs as write path (and everything under it)."""
    if os.geteuid() != 0:
        return
    for root, dirs, files in os.walk(path):
        os.chown(root, 65534, 65534)
        for name in files:
            os.chown(os.path.join(root, name), 65534, 65534, follow_symlinks=False)
        for name in dirs:
            os.chown(os.path.join(root, name), 65534, 65534, follow_symlinks=False)


def make_tmp():
    tmp = tempfile.mkdtemp(prefix="studio-test-")
    os.chmod(tmp, 0o755)
    give_away(tmp)
    return tmp


class Studio:
    """One running `kiosk studio DIR --port 0 --no-browser`."""

    def __init__(self, kiosk, folder, tmp, extra_env=None, args=()):
        self.folder = folder
        env = dict(os.environ)
        env.pop("DISPLAY", None)
        env.pop("WAYLAND_DISPLAY", None)
        env["HOME"] = tmp
        env["XDG_STATE_HOME"] = os.path.join(tmp, "state")
        env["TMPDIR"] = tmp
        env.update(extra_env or {})
        self.out_path = os.path.join(tmp, f"studio-{os.getpid()}-{time.time_ns()}.log")
        self.out = open(self.out_path, "w+")
        self.proc = subprocess.Popen(
            as_user_prefix() + [kiosk, "studio", folder, "--port", "0", "--no-browser", *args],
            stdout=subprocess.PIPE, stderr=self.out, env=env, text=True)
        # A new folder is made first, as `kiosk new` says on its lines before the link.
        for _ in range(40):
            line = self.proc.stdout.readline()
            m = re.search(r"http://127\.0\.0\.1:(\d+)/\?token=([0-9a-f]{64})", line)
            if m or not line:
                break
        if not m:
            self.proc.kill()
            self.out.seek(0)
            raise Failure(f"the studio did not print its link: {line!r} {self.out.read()!r}")
        self.port = int(m.group(1))
        self.token = m.group(2)
        self.first_line = line

    def stop(self):
        """SIGTERM, as systemd or Ctrl+C would; returns the exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stdout.close()
        self.out.close()
        if self.proc.returncode != 0:
            # A sanitizer's report, or a crash on the way out, fails the test that ran it.
            raise Failure(f"the studio exited with {self.proc.returncode}: {self.log()[-3000:]}")
        return self.proc.returncode

    def log(self):
        with open(self.out_path) as f:
            return f.read()

    def raw(self, method, path, body=None, headers=None, host=None, token=True, timeout=300):
        """One request with exactly these headers; returns (status, headers, body bytes)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        conn.putheader("Host", host if host is not None else f"127.0.0.1:{self.port}")
        if token is True:
            conn.putheader("X-Studio-Token", self.token)
        elif token:
            conn.putheader("X-Studio-Token", token)
        for k, v in (headers or {}).items():
            conn.putheader(k, v)
        if body is not None:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders()
        if body is not None:
            try:
                conn.send(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # refused before the body was read
        res = conn.getresponse()
        data = res.read()
        hdrs = {k.lower(): v for k, v in res.getheaders()}
        conn.close()
        return res.status, hdrs, data

    def json(self, method, path, value=None, **kw):
        body = json.dumps(value).encode() if value is not None else kw.pop("body", None)
        status, _, data = self.raw(method, path, body=body, **kw)
        try:
            return status, json.loads(data) if data else None
        except ValueError:
            raise Failure(f"{method} {path}: not JSON ({status}): {data[:200]!r}")


def copy_playlist(src, tmp, name="playlist"):
    dest = os.path.join(tmp, name)
    shutil.copytree(src, dest, symlinks=True)
    give_away(dest)
    return dest


def png_size(data):
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def main(tests, argv):
    """api_test.py KIOSK SOURCE_DIR TEST"""
    if len(argv) != 4 or argv[3] not in tests:
        print(f"usage: {argv[0]} KIOSK SOURCE_DIR {{{'|'.join(tests)}}}", file=sys.stderr)
        return 2
    if os.geteuid() == 0 and not shutil.which("setpriv"):
        print("SKIP: running as root and setpriv is missing")
        return SKIP
    kiosk, source = os.path.abspath(argv[1]), os.path.abspath(argv[2])
    if os.geteuid() == 0:
        probe = subprocess.run(as_user_prefix() + ["test", "-x", kiosk, "-a", "-r",
                                                   os.path.join(source, "fonts")])
        if probe.returncode != 0:
            print("SKIP: the user nobody cannot run the kiosk from this tree")
            return SKIP
    tmp = make_tmp()
    try:
        tests[argv[3]](kiosk, source, tmp)
    except Failure as e:
        print(f"FAIL: {e}")
        return 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0
