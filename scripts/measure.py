#!/usr/bin/env python3
"""margin against `less`, as a reader meets them: each opens the same generated essays in a
120x40 pseudo-terminal, and the script times

  - first frame: from launch until the essay's first words are on the screen;
  - scrolls: 200 single-line scrolls (`j`) sent at once, until the screen is still again;
  - end: then a jump to the end (`G`), until the screen shows the essay's last words;
  - end at once: in a second launch, `G` as soon as the first screen is up (margin may
    still be reading a long essay then);
  - memory: peak resident memory of the process (VmHWM, read before quitting), checked
    against margin's limit: three times the file, plus 10 MB (MB here are 2^20 bytes, as
    the kernel counts them).

The screen is kept by a terminal emulator (pyte), so "shows" means what a reader would see.
"Still again" is the last change before 150 ms without output, measured from the keys.
Each figure is the median of several runs; the ratio is margin / less.

    pip install pyte
    cargo build --release --example generate --bin margin
    python3 scripts/measure.py [--sizes 30K,300K,3M,30M] [--runs 5] [--shapes md,short,seed]

Essays come in shapes, each measured at every size:

  - md: Markdown with the rhythm of a long essay (paragraphs of 2 to 8 sentences);
  - txt: the same as plain text, a paragraph a line;
  - short: plain text of short paragraphs, a sentence or a fragment a line, headings as
    bare lines, readers' comments at the end: a pasted blog post, and a block per 50
    bytes or so, which is where per-block costs show;
  - html: a saved blog page (menu, sidebar, footer) around the md essay of that size,
    which margin reads as a web page and `less` shows as its source;
  - seed: the seed essay (a real blog post of that shape, kept in the shared folder beside
    the checkout, never in the repository) repeated to the size; skipped with a notice
    when it is not there.

Needs `less` on the PATH. Essays are generated into a temporary folder (30 MB at the most)
by examples/generate.rs, and margin runs with a fresh, empty data folder so that no saved
position or cache changes what it does. Exits with 1 when margin's peak memory passes its
limit on some essay.
"""
import argparse
import fcntl
import os
import pty
import queue
import re
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time

try:
    import pyte
except ImportError:
    sys.exit("this script needs pyte, a terminal emulator: pip install pyte")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = os.path.join(ROOT, "..", "shared", "seed", "000_fc49839cac4661f2.txt")
SHAPES = ("md", "txt", "short", "seed", "html")
MB = 1 << 20
QUIET = 0.15  # seconds of silence that mean "done drawing"
sys.setswitchinterval(0.0005)  # the reading thread gets the interpreter often


def parse_size(s):
    s = s.strip().upper()
    mult = {"K": 1_000, "M": 1_000_000}.get(s[-1], 1)
    return int(float(s.rstrip("KM")) * mult)


def spawn(argv, env):
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    return pid, fd


class Screen:
    """What the pseudo-terminal shows, kept by a terminal emulator (pyte).

    A thread reads the terminal as fast as the program writes, stamping each chunk with
    the time it arrived; the emulator (slow, in Python) catches up behind it. A figure is
    the arrival time of the chunk that completed what was waited for, so the emulator's
    own cost is not counted against the program."""

    def __init__(self, fd):
        self.fd = fd
        self.screen = pyte.Screen(120, 40)
        self.stream = pyte.ByteStream(self.screen)
        self.last_output = time.monotonic()
        self.chunks = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        while True:
            try:
                chunk = os.read(self.fd, 1 << 16)
            except OSError:
                chunk = b""
            self.chunks.put((time.monotonic(), chunk))
            if not chunk:
                return

    def pump(self, wait):
        """Feeds the emulator one chunk (waiting up to `wait` seconds for one); False at the
        end of output."""
        try:
            at, chunk = self.chunks.get(timeout=wait)
        except queue.Empty:
            return True
        if not chunk:
            return False
        self.last_output = at
        self.stream.feed(chunk)
        return True

    def text(self):
        """The screen's letters and digits, in order, without anything else (lines may wrap
        mid-word, and a reader's margins hold other marks)."""
        return letters("".join(self.screen.display))

    def wait_for(self, needle, start, limit=60.0):
        """Seconds from `start` until the output that put `needle` on the screen arrived,
        or None."""
        self.last_output = start
        while time.monotonic() - start < limit:
            if needle in self.text():
                return self.last_output - start
            if not self.pump(0.02):
                return None
        return None

    def settle(self, start, limit=60.0):
        """Reads until the screen is still for QUIET seconds; returns the time of the last
        change after `start`."""
        self.last_output = start
        while time.monotonic() - start < limit:
            before = self.last_output
            if not self.pump(QUIET) or self.last_output == before:
                break
        return self.last_output - start


def peak_memory_mb(pid):
    """The process's peak resident memory (VmHWM), in MB."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def quit_program(pid, fd):
    os.write(fd, b"q")
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.read(fd, 1 << 16)
        except OSError:
            pass
        if os.waitpid(pid, os.WNOHANG)[0]:
            break
        time.sleep(0.02)
    else:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    os.close(fd)


def memory_limit_mb(size_bytes):
    """Peak memory margin may use on an essay of `size_bytes`: three times it, plus 10 MB."""
    return 3 * size_bytes / MB + 10


def write_essay(path, shape, size, generate, seed_path):
    """Writes an essay of `shape` and about `size` bytes to `path`."""
    if shape == "seed":
        with open(seed_path, "rb") as f:
            seed = f.read()
        with open(path, "wb") as f:
            f.write(seed * max(1, -(-size // len(seed))))
        return
    with open(path, "wb") as f:
        subprocess.run([generate, str(size), shape], stdout=f, check=True)


def one_run(argv, env, first, last, busy):
    """Launch to first frame, 200 scrolls, jump to end, peak memory. `busy` is text the
    program shows while it is still reading (waited out before the scrolls)."""
    result = {}
    start = time.monotonic()
    pid, fd = spawn(argv, env)
    screen = Screen(fd)
    result["first"] = screen.wait_for(first, start)
    if result["first"] is not None:
        # Let the first screen settle, and whatever is still being read arrive.
        while True:
            screen.settle(time.monotonic())
            if not busy or busy not in screen.text():
                break
        t = time.monotonic()
        os.write(fd, b"j" * 200)
        result["scroll"] = screen.settle(t)
        t = time.monotonic()
        os.write(fd, b"G")
        result["end"] = screen.wait_for(last, t)
        screen.settle(time.monotonic())
    result["rss_mb"] = peak_memory_mb(pid)
    quit_program(pid, fd)

    # The end at once: launch, and ask for the end as soon as the first screen is up. In
    # a data folder of its own: the first run's position (the end) must not be restored.
    env = dict(env, MARGIN_HOME=os.path.join(env["MARGIN_HOME"], "again"))
    start = time.monotonic()
    pid, fd = spawn(argv, env)
    screen = Screen(fd)
    if screen.wait_for(first, start) is not None:
        t = time.monotonic()
        os.write(fd, b"G")
        result["end_at_once"] = screen.wait_for(last, t)
        screen.settle(time.monotonic())
    quit_program(pid, fd)
    return result


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt_ms(v):
    return "—" if v is None else (f"{v * 1000:.0f} ms" if v < 10 else f"{v:.1f} s")


def fmt_ratio(a, b):
    if a is None or b is None or b == 0:
        return "—"
    return f"{a / b:.1f}x"


def letters(text):
    return "".join(c for c in text if c.isalnum())


def edge_words(text):
    """The first words of the essay's first paragraph and the last words of its last, as
    the screen shows them with whitespace taken out."""
    lines = [l for l in text.splitlines() if len(l.split()) >= 8]
    first = lines[0].lstrip("#> -*").split()[:4]
    last = lines[-1].rstrip("*").split()[-4:]
    return letters("".join(first)), letters("".join(last))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="30K,300K,3M,30M")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--shapes", default="md,short,seed",
                    help="comma-separated, from: " + ", ".join(SHAPES))
    ap.add_argument("--format", choices=["md", "txt"],
                    help="one generated shape only (the older spelling of --shapes)")
    ap.add_argument("--seed", default=SEED, help="the seed essay, for the seed shape")
    ap.add_argument("--margin", default=os.path.join(ROOT, "target", "release", "margin"))
    ap.add_argument("--generate", default=os.path.join(ROOT, "target", "release", "examples", "generate"))
    args = ap.parse_args()
    for tool in (args.margin, args.generate):
        if not os.path.exists(tool):
            sys.exit(f"{tool} is missing: cargo build --release --example generate --bin margin")
    if not shutil.which("less"):
        sys.exit("less is not on the PATH")
    shapes = [args.format] if args.format else [s.strip() for s in args.shapes.split(",")]
    for shape in shapes:
        if shape not in SHAPES:
            sys.exit(f"unknown shape {shape!r}: choose from {', '.join(SHAPES)}")
    if "seed" in shapes and not os.path.exists(args.seed):
        # Not part of CI: a missing seed is said, not failed on.
        print(f"the seed essay is not there ({os.path.relpath(args.seed, ROOT)}): "
              "the seed shape is skipped", file=sys.stderr)
        shapes.remove("seed")

    work = tempfile.mkdtemp(prefix="margin-measure-")
    rows = []
    over = []
    try:
        for shape, size_name in [(s, n) for s in shapes for n in args.sizes.split(",")]:
            size = parse_size(size_name)
            ext = {"md": "md", "html": "html"}.get(shape, "txt")
            path = os.path.join(work, f"essay-{shape}-{size_name}.{ext}")
            write_essay(path, shape, size, args.generate, args.seed)
            file_size = os.path.getsize(path)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            # A page's words are its paragraphs' without their tags.
            if shape == "html":
                text = re.sub(r"<[^>]+>", "\n", text)
            first, last = edge_words(text)
            results = {"margin": [], "less": []}
            for _ in range(args.runs):
                for name in ("less", "margin"):
                    home = tempfile.mkdtemp(dir=work)
                    # The outline closed, so the screen's text is the essay's alone.
                    os.makedirs(os.path.join(home, "margin"))
                    with open(os.path.join(home, "margin", "config.toml"), "w") as f:
                        f.write("sidebar = false\n")
                    env = dict(os.environ, TERM="xterm-256color", MARGIN_HOME=home,
                               XDG_CONFIG_HOME=home, LESS="", LESSOPEN="", LESSCLOSE="")
                    argv = [args.margin, path] if name == "margin" else ["less", path]
                    busy = "readingtherest" if name == "margin" else None
                    results[name].append(one_run(argv, env, first, last, busy))
            row = {"shape": shape, "size": size_name, "limit_mb": memory_limit_mb(file_size)}
            for name in results:
                for key in ("first", "scroll", "end", "end_at_once", "rss_mb"):
                    row[f"{name}_{key}"] = median([r.get(key) for r in results[name]])
            # Every run must keep within the limit, not just the median one.
            peaks = [r["rss_mb"] for r in results["margin"] if r.get("rss_mb") is not None]
            row["margin_rss_max"] = max(peaks) if peaks else None
            if row["margin_rss_max"] is not None and row["margin_rss_max"] > row["limit_mb"]:
                over.append(f"{shape} {size_name}")
            rows.append(row)
            print_row(row, header=len(rows) == 1)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if over:
        print(f"peak memory over 3x the file + 10 MB: {', '.join(over)}")
        sys.exit(1)
    print("peak memory within 3x the file + 10 MB on every essay")


def print_row(r, header):
    if header:
        print("| shape | size | first frame: less / margin / ratio "
              "| 200 scrolls: less / margin / ratio "
              "| jump to end: less / margin / ratio | end at once: less / margin / ratio "
              "| peak memory: less / margin (highest run) | margin's limit: 3x + 10 MB |")
        print("|---|---|---|---|---|---|---|---|")
    mem = lambda v: "—" if v is None else f"{v:.1f} MB"
    within = r["margin_rss_max"] is not None and r["margin_rss_max"] <= r["limit_mb"]
    print(f"| {r['shape']} | {r['size']} "
          f"| {fmt_ms(r['less_first'])} / {fmt_ms(r['margin_first'])} / {fmt_ratio(r['margin_first'], r['less_first'])} "
          f"| {fmt_ms(r['less_scroll'])} / {fmt_ms(r['margin_scroll'])} / {fmt_ratio(r['margin_scroll'], r['less_scroll'])} "
          f"| {fmt_ms(r['less_end'])} / {fmt_ms(r['margin_end'])} / {fmt_ratio(r['margin_end'], r['less_end'])} "
          f"| {fmt_ms(r['less_end_at_once'])} / {fmt_ms(r['margin_end_at_once'])} / {fmt_ratio(r['margin_end_at_once'], r['less_end_at_once'])} "
          f"| {mem(r['less_rss_mb'])} / {mem(r['margin_rss_mb'])} ({mem(r['margin_rss_max'])}) "
          f"| {mem(r['limit_mb'])}: {'within' if within else 'OVER'} |", flush=True)


if __name__ == "__main__":
    main()
