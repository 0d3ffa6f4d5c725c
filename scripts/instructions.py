"""Instructions per text clipping, counted by valgrind: a speed measure that a busy machine does
not disturb, for comparing two versions of declutter.

    python scripts/instructions.py ../shared/bench/clip [--documents 30]

Runs `declutter.clean` over the first N clippings (after warming up on one) under cachegrind,
once with N and once with none, and prints the difference divided by N. Needs valgrind.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path


def run(folder: Path, documents: int) -> None:
    import declutter
    from declutter.options import Options
    from declutter.pipeline import warm_up
    from declutter.rules import rule_book

    warm_up(rule_book(Options().rules))  # the book clean() uses (some versions keyed rule_book() apart)
    paths = sorted(p for p in folder.iterdir() if p.is_file())
    declutter.clean(paths[0].read_bytes(), kind="text")
    for path in paths[1:1 + documents]:
        try:
            declutter.clean(path.read_bytes(), kind="text")
        except declutter.DeclutterError:
            pass


def instructions(folder: Path, documents: int) -> int:
    out = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                          sys.executable, __file__, str(folder), "--run", str(documents)],
                         capture_output=True, text=True, check=True)
    return int(re.search(r"I\s+refs:\s+([\d,]+)", out.stderr).group(1).replace(",", ""))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="a folder of clippings")
    parser.add_argument("--documents", type=int, default=30)
    parser.add_argument("--run", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run is not None:
        run(args.folder, args.run)
        return 0
    if not shutil.which("valgrind"):
        raise SystemExit("valgrind is not installed")
    per_document = (instructions(args.folder, args.documents) - instructions(args.folder, 0)) / args.documents
    print(f"{per_document / 1e6:.1f} million instructions per clipping ({args.documents} clippings)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
