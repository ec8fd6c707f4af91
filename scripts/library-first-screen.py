#!/usr/bin/env python3
"""Time from launching `margin` on a library of N generated essays until its first screen of
rows is drawn, in a 120x40 pseudo-terminal: with a cold cache (no essay read yet) and a warm
one (second launch). Prints the median of several runs of each.

    cargo build --release
    python3 scripts/library-first-screen.py [--essays 1000] [--runs 5]
"""
import argparse
import os
import pty
import random
import select
import shutil
import statistics
import struct
import fcntl
import termios
import tempfile
import time

WORDS = ("the a river of reading slow light garden letter winter map paper hand quiet "
         "house road window evening morning memory silence page margin voice field").split()


def essay(rng, n):
    title = " ".join(w.capitalize() for w in rng.sample(WORDS, 4))
    parts = [f"# {title} {n}\n"]
    for s in range(6):
        parts.append(f"\n## {' '.join(rng.sample(WORDS, 3)).capitalize()}\n")
        for _ in range(6):
            sentence = " ".join(rng.choice(WORDS) for _ in range(60))
            parts.append("\n" + sentence.capitalize() + ".\n")
    return "".join(parts)


def spawn(binary, env):
    """Starts margin in a 120x40 pseudo-terminal; returns (pid, fd)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(binary, [binary], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    return pid, fd


def stop(pid, fd):
    """Presses q, then makes sure margin is gone."""
    os.write(fd, b"q")
    time.sleep(0.3)
    try:
        os.kill(pid, 9)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)


def launch(binary, env, marker):
    """Seconds until the screen has drawn `marker` and the library's footer."""
    pid, fd = spawn(binary, env)
    start = time.monotonic()
    seen = b""
    elapsed = None
    while time.monotonic() - start < 30:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
            if marker in seen and b"Enter open" in seen:
                elapsed = time.monotonic() - start
                break
    stop(pid, fd)
    return elapsed


def warm_cache(binary, env, cache):
    """Runs margin until it has cached every essay of the library; returns the seconds."""
    pid, fd = spawn(binary, env)
    start = time.monotonic()
    while not os.path.exists(cache) and time.monotonic() - start < 120:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                os.read(fd, 65536)
            except OSError:
                break
    elapsed = time.monotonic() - start
    stop(pid, fd)
    return elapsed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--essays", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--binary", default="target/release/margin")
    args = ap.parse_args()
    rng = random.Random(7)
    work = tempfile.mkdtemp(prefix="margin-library-")
    lib = os.path.join(work, "library")
    os.makedirs(lib)
    for n in range(args.essays):
        with open(os.path.join(lib, f"essay-{n:04}.md"), "w") as f:
            f.write(essay(rng, n))
    size = sum(os.path.getsize(os.path.join(lib, f)) for f in os.listdir(lib))
    print(f"{args.essays} essays, {size / 1e6:.1f} MB, in a 120x40 pseudo-terminal")
    base = {"TERM": "xterm-256color", "PATH": os.environ.get("PATH", ""), "MARGIN_LIBRARY": lib}
    cold, warm, full = [], [], []
    for _ in range(args.runs):
        home = tempfile.mkdtemp(dir=work)
        env = dict(base, MARGIN_HOME=home, HOME=home)
        cold.append(launch(args.binary, env, b"Enter open"))
        # In a fresh data folder, one launch reads every essay in the background and
        # writes the cache; the next launch starts from it.
        home = tempfile.mkdtemp(dir=work)
        env = dict(base, MARGIN_HOME=home, HOME=home)
        full.append(warm_cache(args.binary, env, os.path.join(home, "library-cache.json")))
        warm.append(launch(args.binary, env, b"Enter open"))
    fmt = lambda xs: f"median {statistics.median(xs) * 1000:.0f} ms (runs: {', '.join(f'{x * 1000:.0f}' for x in xs)})"
    print(f"first screen, cold cache: {fmt(cold)}")
    print(f"first screen, warm cache: {fmt(warm)}")
    print(f"every title read and cached, from a cold start: {fmt(full)}")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
