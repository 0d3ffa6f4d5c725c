"""Speed and memory benchmark: declutter beside boilerpy3 and trafilatura, in one run.

    python scripts/bench.py ../shared/bench            # needs the `bench` extra

Measures documents per second of `declutter.clean` on text clippings (clip/) and HTML pages
(html/), with boilerpy3 and trafilatura on the same inputs (text given to them one <p> per
line), then the CLI's wall time with -j 1 and -j 2 over about 2,000 clippings (copies of clip/)
and its peak resident memory. Prints a Markdown table with the ratios.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import declutter
from declutter.evaluate import PEERS
from declutter.readers import decode


def rate(name: str, function, documents: list[bytes], repeat: int = 1) -> float:
    function(documents[0])  # warm up: imports, rules, model
    start = time.perf_counter()
    for _ in range(repeat):
        for document in documents:
            try:
                function(document)
            except declutter.DeclutterError:
                pass
    seconds = time.perf_counter() - start
    return repeat * len(documents) / seconds


def cli_run(folder: Path, jobs: int) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of `declutter clean folder -j jobs` in a fresh process."""
    out = Path(tempfile.mkdtemp(prefix="declutter-bench-out-"))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "declutter", "clean", str(folder), "-o", str(out), "-j", str(jobs),
                    "--force"], check=False, capture_output=True)
    seconds = time.perf_counter() - start
    shutil.rmtree(out)
    return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bench", type=Path, help="folder with clip/ and html/")
    parser.add_argument("--copies", type=int, default=11, help="copies of clip/ for the CLI run (11: ~2,000 files)")
    args = parser.parse_args()
    clips = [p.read_bytes() for p in sorted((args.bench / "clip").glob("*.txt"))]
    pages = [p.read_bytes() for p in sorted((args.bench / "html").glob("*.html"))]
    text_peers = {name: (lambda d, f=PEERS[name]: f(decode(d), False)) for name in ("boilerpy3-largest", "trafilatura")}
    html_peers = {name: (lambda d, f=PEERS[name]: f(decode(d), True)) for name in ("boilerpy3-article", "trafilatura")}
    rows = []
    ours = rate("declutter", lambda d: declutter.clean(d, kind="text"), clips)
    rows.append(("text clippings", "declutter", ours, None))
    for name, function in text_peers.items():
        theirs = rate(name, function, clips)
        rows.append(("text clippings", name, theirs, ours / theirs))
    ours_html = rate("declutter", lambda d: declutter.clean(d, kind="html"), pages)
    rows.append(("HTML pages", "declutter", ours_html, None))
    for name, function in html_peers.items():
        theirs = rate(name, function, pages)
        rows.append(("HTML pages", name, theirs, ours_html / theirs))

    with tempfile.TemporaryDirectory(prefix="declutter-bench-in-") as folder:
        folder = Path(folder)
        for copy in range(args.copies):
            target = folder / f"copy{copy:02}"
            target.mkdir()
            for path in (args.bench / "clip").glob("*.txt"):
                os.link(path, target / path.name) if hasattr(os, "link") else shutil.copy(path, target / path.name)
        files = args.copies * len(clips)
        one, rss_one = cli_run(folder, 1)
        two, rss_two = cli_run(folder, 2)

    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}\n")
    print("| inputs | system | docs/s | declutter / system |\n|---|---|---:|---:|")
    for kind, name, speed, ratio in rows:
        print(f"| {kind} | {name} | {speed:.1f} | {'' if ratio is None else f'{ratio:.2f}x'} |")
    print(f"\n| CLI over {files} clippings | wall time | docs/s | peak RSS |\n|---|---:|---:|---:|")
    print(f"| -j 1 | {one:.1f} s | {files / one:.0f} | {rss_one:.0f} MB |")
    print(f"| -j 2 | {two:.1f} s | {files / two:.0f} | {rss_two:.0f} MB |")
    print(f"\n-j 2 is {one / two:.2f}x faster than -j 1.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
