"""Stress run: hostile inputs, library threads, and runs stopped midway.

    python scripts/stress.py [--timeout 20]

1. Each hostile input (pathological markup, inputs at and over the memory bounds) is cleaned by
   `declutter clean FILE` in a process of its own: it must end within the time limit plus the
   workers' grace period, with a peak resident memory under 1 GB, cleaned or refused in one line.
2. Sixteen library threads in a fresh process, with a short time limit: no deadlock, and every
   text that is cleaned equals the sequential one.
3. A folder run stopped by SIGTERM, then by SIGKILL, and run again: the second run finishes the
   first's work and takes none of its outputs for a file of the user's.

Prints a Markdown table per part; exits 1 when any goal is missed.
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from declutter.options import MAX_LINES, MAX_TAGS
from declutter.run.batch import GRACE_S

MEMORY_GOAL_MB = 1024
WORDS = "the council met on Tuesday and agreed on a plan for the parks of the city"


def hostile_inputs() -> dict[str, bytes]:
    """Name → content: each once took minutes or gigabytes."""
    page = "<html><head><title>T</title></head><body>{}</body></html>"
    prose = f"<p>{WORDS.capitalize()}, after a long debate.</p>" * 20
    inputs = {
        "table-spaces.txt": "a | b\n" + " " * 300_000 + "x\n",
        "figcaptions.html": page.format("<figcaption>" * 20_000 + prose),
        "code-spans.md": "# Title\n\n" + "`a " * 40_000 + "\n",
        "link-addresses.md": "# Title\n\n" + "[a](" * 40_000 + "\n",
        "meta-tags.html": "<html><head>" + "<meta " * 30_000 + "</head><body>" + prose + "</body></html>",
        "comments-scripts.html": page.format("<!--" * 30_000 + "<script>" * 30_000 + prose),
        "headings.html": page.format("<h1 " * 60_000 + prose),
        "formulas.html": page.format("<math>" * 30_000 + prose),
        "canonical-links.html": page.format("<link " * 40_000 + prose),
        "front-matter-unclosed.md": "---\na: " + "b" * 1_100_000 + "\n" + f"{WORDS}.\n" * 10,
        "lines-at-the-limit.txt": f"{WORDS.capitalize()}.\n" * (MAX_LINES - 1),
        "lines-over-the-limit.txt": "A short line\n" * 1_000_000,
        "tags-at-the-limit.html": page.format(
            "".join(f"<div><p>Paragraph {i}: {WORDS}.</p><a href='/x{i}'>link {i}</a></div>"
                    for i in range(MAX_TAGS // 7))),
        "tags-over-the-limit.html": page.format("<b>x</b>" * MAX_TAGS),
        "stray-nuls.txt": f"Headline\n\n{WORDS}\x00 and more {WORDS}.\n",
    }
    return {name: text.encode("utf-8") for name, text in inputs.items()}


def part_hostile(folder: Path, timeout: float) -> bool:
    print(f"\n### Hostile inputs (--timeout {timeout:g}, grace {GRACE_S:g} s)\n")
    print("| input | MB | seconds | peak MB | exit | what it said |\n|---|---:|---:|---:|---:|---|")
    ok = True
    for name, content in hostile_inputs().items():
        path = folder / name
        path.write_bytes(content)
        # Each in a fresh interpreter whose children are measured apart: a helper process of its own.
        probe = [sys.executable, "-c", (
            "import resource, subprocess, sys\n"
            "run = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)\n"
            "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
            "print(f'{peak:.0f}', run.returncode, (run.stderr.strip().splitlines() or [''])[-1], sep='\\t')\n"),
            sys.executable, "-m", "declutter", "clean", str(path), "-o", str(folder / "out"), "--force",
            "--timeout", str(timeout)]
        started = time.monotonic()
        run = subprocess.run(probe, capture_output=True, text=True, timeout=timeout + GRACE_S + 120)
        seconds = time.monotonic() - started
        peak, status, said = (run.stdout.strip().split("\t") + ["", "", ""])[:3]
        good = seconds <= timeout + GRACE_S + 15 and float(peak or 0) < MEMORY_GOAL_MB and status in ("0", "1") \
            and "Traceback" not in run.stderr
        ok &= good
        print(f"| {name} | {len(content) / 1e6:.1f} | {seconds:.1f} | {peak} | {status} | "
              f"{said.replace('|', '/').split('; output in')[0][:80]}{'' if good else ' **MISSED**'} |")
    return ok


THREADS = """
import sys, threading
import declutter
page = ("<html><head><title>Parks plan agreed</title></head><body><article>"
        + "<p>The council met on Tuesday and agreed on a plan for the parks of the city.</p>" * 30
        + "</article></body></html>")
clipping = "Parks plan agreed\\n\\n" + "The council met on Tuesday and agreed a plan for the parks. " * 5
results = []
def work(index):
    kind, content = ("html", page) if index % 2 else ("text", clipping)
    try:
        results.append((kind, declutter.clean(content, options=declutter.Options(timeout=float(sys.argv[1])))))
    except declutter.InputError:
        results.append((kind, None))
threads = [threading.Thread(target=work, args=(i,)) for i in range(16)]
for t in threads: t.start()
for t in threads: t.join()
expected = {"html": declutter.clean(page, kind="html"), "text": declutter.clean(clipping)}
same = all(text == expected[kind] for kind, text in results if text is not None)
print(len(results), sum(text is not None for _, text in results), same)
"""


def part_threads() -> bool:
    print("\n### Sixteen library threads, a fresh process each\n")
    print("| time limit (s) | ended | cleaned | equal to sequential | seconds |\n|---:|---:|---:|---|---:|")
    ok = True
    for limit in ("0.05", "0.3", "5"):
        started = time.monotonic()
        try:
            run = subprocess.run([sys.executable, "-c", THREADS, limit], capture_output=True, text=True, timeout=300)
            ended, cleaned, same = run.stdout.split()
        except (subprocess.TimeoutExpired, ValueError):
            ended, cleaned, same = "deadlock", "-", "-"
        good = ended == "16" and same == "True"
        ok &= good
        print(f"| {limit} | {ended} | {cleaned} | {same} | {time.monotonic() - started:.1f} |")
    return ok


def part_kills(folder: Path) -> bool:
    print("\n### A run stopped midway, then run again\n")
    print("| stopped by | outputs when stopped | exit | second run | second run's exit |\n|---|---:|---:|---|---:|")
    source = folder / "many"
    source.mkdir()
    body = "\n\n".join(f"Paragraph {i}: {WORDS}." for i in range(300))
    for i in range(300):
        (source / f"{i:03}.txt").write_text(f"Headline number {i}\n\n{body}\n")
    ok = True
    for how in (signal.SIGTERM, signal.SIGKILL):
        out = folder / f"out-{how.name}"
        command = [sys.executable, "-m", "declutter", "clean", str(source), "-o", str(out), "-j", "2"]
        run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        while len(list(out.glob("*.txt"))) < 20 and run.poll() is None:
            time.sleep(0.05)
        run.send_signal(how)
        run.communicate(timeout=120)
        written = len(list(out.glob("*.txt")))
        again = subprocess.run(command, capture_output=True, text=True, timeout=600)
        summary = (again.stderr.strip().splitlines() or [""])[-1].split(";")[0]
        good = again.returncode == 0 and len(list(out.glob("*.txt"))) == 300
        ok &= good
        print(f"| {how.name} | {written} | {run.returncode} | {summary} | {again.returncode} |")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--timeout", type=float, default=20.0, help="the time limit given to each run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="declutter-stress-") as temp:
        folder = Path(temp)
        results = [part_hostile(folder, args.timeout), part_threads(), part_kills(folder)]
    print(f"\n{'all goals met' if all(results) else 'GOALS MISSED'}")
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
