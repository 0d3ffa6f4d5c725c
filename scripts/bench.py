"""Speed and memory benchmark: declutter beside boilerpy3 and trafilatura, in one run.

    python scripts/bench.py ../shared/bench            # needs the `eval` extra (boilerpy3): pip install -e '.[eval]'

Measures documents per second of `declutter.clean` on text clippings (clip/) and HTML pages
(html/), with boilerpy3 and trafilatura on the same inputs (text given to them one <p> per
line), then the CLI's wall time with -j 1 and -j 2 over about 2,000 clippings (copies of clip/)
and its peak resident memory, and the start-up of a one-file run of the CLI beside
trafilatura's (a clipping, and an HTML page). With --instructions, the instructions per text
clipping too (scripts/instructions.py, under valgrind: a measure the machine's noise does not
touch). Prints Markdown tables with the ratios and the goals.

Every measurement runs in a fresh process, so no system profits from another's warm caches:
each is warmed up on one document (declutter also loads its rules, model and stoplists, as the
CLI does once per run), then timed over one pass of the inputs in CPU seconds. Each measurement
is repeated --rounds times, interleaved, and the best round is kept: on a shared machine the
best round is the one least disturbed by others.

"declutter-warm" is a ceiling, not a goal: the same clippings timed on a second pass, when every
per-line answer (rules, features, word counts) is remembered, so only the pipeline's own work is left.
"declutter-pure" is declutter on its pure-Python kernels (DECLUTTER_PURE_PYTHON=1): what an
install without a C compiler runs, beside the compiled kernels in the same run.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from importlib import metadata
from pathlib import Path

SYSTEMS = {"text": ("declutter", "declutter-pure", "declutter-warm", "boilerpy3-largest", "trafilatura"),
           "html": ("declutter", "declutter-pure", "boilerpy3-article", "trafilatura")}
PURE = "declutter-pure"  # declutter on its pure-Python kernels (DECLUTTER_PURE_PYTHON=1)
FOLDERS = {"text": "clip", "html": "html"}
# The goals, as ratios of docs/s measured in the same run.
GOALS = [("text", "boilerpy3-largest", 2.0), ("text", "trafilatura", 3.0), ("html", "trafilatura", 1.0)]
JOBS_GOAL = 1.8
START_GOAL = 1.5  # a one-file run's wall time, at most this times trafilatura's CLI
RSS_GOAL_MB = 300
CLI_LIMIT_S = 600
START_UP_ROUNDS = 9  # one-file runs: a fifth of a second each, and one run moves by a third
BASELINE = " (baseline)"


def measure(system: str, kind: str, bench: Path) -> float:
    """docs/s of one system over one pass of the inputs, after a warm-up on the first."""
    import declutter
    from declutter.options import Options
    from declutter.pipeline import warm_up
    from declutter.rules import rule_book
    from declutter.stages.read import decode
    from declutter.tools.peers import PEERS

    documents = [p.read_bytes() for p in sorted((bench / FOLDERS[kind]).iterdir()) if p.is_file()]
    if system.startswith("declutter"):
        warm_up(rule_book(Options().rules))  # the book clean() uses (some versions keyed rule_book() apart)
        function = lambda d: declutter.clean(d, kind=kind)  # noqa: E731
        if system == "declutter-warm":  # a ceiling: every per-line answer is remembered from a first pass
            _each(function, documents)
    else:
        function = lambda d, peer=PEERS[system]: peer(decode(d), kind == "html")  # noqa: E731
    _each(function, documents[:1])
    start = time.process_time()
    _each(function, documents)
    return len(documents) / (time.process_time() - start)


def _each(function, documents: list[bytes]) -> None:
    """function over the documents; one it refuses (an empty clipping) is passed over."""
    from declutter import DeclutterError

    for document in documents:
        try:
            function(document)
        except DeclutterError:
            pass


def measured(system: str, kind: str, bench: Path, source: Path | None = None) -> float:
    """docs/s of one system, in a fresh process (declutter from the source tree given, if any)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(source or ""), os.environ.get("PYTHONPATH")])))
    if system == PURE:
        env["DECLUTTER_PURE_PYTHON"] = "1"
    out = subprocess.run([sys.executable, __file__, str(bench), "--measure", system.removesuffix(BASELINE), kind],
                         check=True, capture_output=True, text=True, env=env if source or system == PURE else None)
    return float(out.stdout.split()[-1])


def cli_run(folder: Path, jobs: int, outputs: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB, the largest process: the CLI or a worker) of
    `declutter clean folder -j jobs` in a fresh process, into a new folder under outputs. The
    outputs stay until every run is done: files created just after as many were deleted cost a
    file system such as ext4 a search past the freed inodes, which the two workers of `-j 2`
    wait on together (a benchmark's cost, not a user's)."""
    out = Path(tempfile.mkdtemp(prefix="run-", dir=outputs))
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "declutter", "clean", str(folder), "-o", str(out),
                                "-j", str(jobs), "--force"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    watchdog = threading.Timer(CLI_LIMIT_S, process.kill)  # a hung run fails the benchmark, not hangs it
    watchdog.start()
    _, status, usage = os.wait4(process.pid, 0)
    watchdog.cancel()
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # 1: some inputs failed (an empty clipping), as they may
        raise SystemExit(f"declutter clean -j {jobs} failed (status {status})")
    return seconds, usage.ru_maxrss / 1024


def one_file_run(command: list[str], stdin: Path | None = None) -> float:
    """Wall seconds of one run of a command (a CLI on one file, or on stdin), its output thrown away."""
    start = time.perf_counter()
    with open(stdin or os.devnull, "rb") as given:
        subprocess.run(command, check=True, stdin=given, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=CLI_LIMIT_S)
    return time.perf_counter() - start


def start_up(bench: Path, rounds: int) -> dict[tuple[str, str], float]:
    """The best wall time of a one-file run, declutter's CLI and trafilatura's, on the first
    clipping and the first HTML page. trafilatura's CLI reads the page on stdin (its `-i` takes a
    list of URLs, not a page), a clipping as one <p> per line, as in the docs/s runs. declutter's
    modules are byte-compiled first, as an install does (an editable install run with
    PYTHONDONTWRITEBYTECODE compiles them on every run)."""
    import declutter
    from declutter.stages.read import decode
    from declutter.tools.peers import as_html

    compileall.compile_dir(Path(declutter.__file__).parent, quiet=1)
    trafilatura = shutil.which("trafilatura", path=str(Path(sys.executable).parent)) or shutil.which("trafilatura")
    times: dict[tuple[str, str], float] = {}
    with tempfile.TemporaryDirectory(prefix="declutter-bench-one-") as out, \
            tempfile.TemporaryDirectory(prefix="declutter-bench-page-") as pages:  # not declutter's output folder
        for kind, folder in FOLDERS.items():
            path = min(p for p in (bench / folder).iterdir() if p.is_file())
            page = path
            if kind == "text":
                page = Path(pages) / "clipping.html"
                page.write_text(as_html(decode(path.read_bytes())), "utf-8")
            commands = {"declutter": ([sys.executable, "-m", "declutter", "clean", str(path), "-o", out, "--force"],
                                      None)}
            if trafilatura:
                commands["trafilatura"] = ([trafilatura], page)
            for _ in range(rounds):
                for system, (command, stdin) in commands.items():
                    seconds = one_file_run(command, stdin)
                    times[kind, system] = min(times.get((kind, system), seconds), seconds)
    return times


def version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def compiled_kernels() -> bool:
    """Whether declutter runs on its compiled kernels here."""
    import declutter.kernels

    return declutter.kernels.COMPILED


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bench", type=Path, help="folder with clip/ and html/")
    parser.add_argument("--copies", type=int, default=11, help="copies of clip/ for the CLI run (11: ~2,000 files)")
    parser.add_argument("--rounds", type=int, default=3, help="repeats of every measurement; the best is kept")
    parser.add_argument("--baseline", type=Path, metavar="SOURCE",
                        help="also time declutter from this source tree (e.g. a `git worktree` of an earlier "
                             "commit), to compare versions in the same run")
    parser.add_argument("--instructions", action="store_true",
                        help="also count instructions per text clipping under valgrind (a few minutes)")
    parser.add_argument("--measure", nargs=2, metavar=("SYSTEM", "KIND"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(measure(args.measure[0], args.measure[1], args.bench))
        return 0

    speed: dict[tuple[str, str], float] = {}
    for _ in range(args.rounds):
        for kind, systems in SYSTEMS.items():
            for system in systems + (("declutter" + BASELINE,) if args.baseline else ()):
                source = args.baseline if system.endswith(BASELINE) else None
                speed[kind, system] = max(speed.get((kind, system), 0.0), measured(system, kind, args.bench, source))

    clips = [p for p in (args.bench / "clip").iterdir() if p.is_file()]
    with tempfile.TemporaryDirectory(prefix="declutter-bench-in-") as folder:
        folder = Path(folder)
        for copy in range(args.copies):
            target = folder / f"copy{copy:02}"
            target.mkdir()
            for path in clips:
                shutil.copy(path, target / path.name)
        files = args.copies * len(clips)
        runs: dict[int, list[tuple[float, float]]] = {1: [], 2: []}
        with tempfile.TemporaryDirectory(prefix="declutter-bench-out-") as outputs:
            for _ in range(args.rounds):
                for jobs in runs:
                    runs[jobs].append(cli_run(folder, jobs, Path(outputs)))
    wall = {jobs: min(s for s, _ in results) for jobs, results in runs.items()}
    start_rounds = max(args.rounds, START_UP_ROUNDS)
    starts = start_up(args.bench, start_rounds)
    rss = max(r for results in runs.values() for _, r in results)

    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"declutter {version('declutter')}, trafilatura {version('trafilatura')}, "
          f"boilerpy3 {version('boilerpy3')}. Best of {args.rounds} rounds "
          f"({start_rounds} for the one-file runs). "
          f"Compiled kernels: {'in use' if compiled_kernels() else 'not built'}.\n")
    print("| inputs | system | docs/s | declutter / system |\n|---|---|---:|---:|")
    for (kind, system), value in speed.items():
        ratio = "" if system.startswith("declutter") else f"{speed[kind, 'declutter'] / value:.2f}x"
        print(f"| {FOLDERS[kind]}/ ({kind}) | {system} | {value:.1f} | {ratio} |")
    print(f"\n| CLI over {files} clippings | wall time | docs/s |\n|---|---:|---:|")
    for jobs, seconds in wall.items():
        print(f"| -j {jobs} | {seconds:.1f} s | {files / seconds:.0f} |")
    print(f"\nPeak RSS of any one process (CLI or worker): {rss:.0f} MB.\n")
    print("| one-file run (start-up) | declutter | trafilatura CLI | declutter / trafilatura |\n|---|---:|---:|---:|")
    for kind in FOLDERS:
        theirs = starts.get((kind, "trafilatura"))
        ratio = f"{starts[kind, 'declutter'] / theirs:.2f}x" if theirs else "?"
        print(f"| {FOLDERS[kind]}/ ({kind}) | {starts[kind, 'declutter']:.2f} s | "
              f"{f'{theirs:.2f} s' if theirs else 'not installed'} | {ratio} |")
    if args.instructions:
        counted = subprocess.run([sys.executable, str(Path(__file__).with_name("instructions.py")),
                                  str(args.bench / "clip")], capture_output=True, text=True)
        print(f"\nInstructions: {(counted.stdout or counted.stderr).strip().splitlines()[-1]}")
    print()
    print("| goal | measured | met |\n|---|---:|---|")
    if args.baseline:
        for kind in SYSTEMS:
            value = speed[kind, "declutter"] / speed[kind, "declutter" + BASELINE]
            met = "yes" if value >= 1 else "no"
            print(f"| {kind}: declutter ≥ 1x the baseline ({args.baseline}) | {value:.2f}x | {met} |")
    rows = [(f"{kind}: declutter ≥ {goal:g}x {system}", speed[kind, "declutter"] / speed[kind, system], goal)
            for kind, system, goal in GOALS]
    rows.append((f"CLI: -j 2 ≥ {JOBS_GOAL:g}x faster than -j 1", wall[1] / wall[2], JOBS_GOAL))
    for label, value, goal in rows:
        print(f"| {label} | {value:.2f}x | {'yes' if value >= goal else 'no'} |")
    for kind in FOLDERS:
        if (kind, "trafilatura") in starts:
            value = starts[kind, "declutter"] / starts[kind, "trafilatura"]
            print(f"| start-up ({kind}): a one-file run ≤ {START_GOAL:g}x trafilatura's CLI | {value:.2f}x | "
                  f"{'yes' if value <= START_GOAL else 'no'} |")
    print(f"| CLI peak RSS < {RSS_GOAL_MB} MB | {rss:.0f} MB | {'yes' if rss < RSS_GOAL_MB else 'no'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
