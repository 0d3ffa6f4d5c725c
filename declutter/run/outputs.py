"""Where outputs go, and writing them safely: targets that cannot collide, atomic writes, a
manifest that says which outputs are up to date, the failures report.

Never lose a user's data: inputs are never written; every output is written through a
temporary file and renamed; two inputs never share an output; an output is up to date only
when it was made from the same input, with the same options, rules and declutter.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from .. import __version__
from ..errors import DeclutterError
from ..options import MAX_INPUT_BYTES, Options
from ..stages.template import template_lines
from ..stages.write import SUFFIXES

INPUT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml"})
MANIFEST = ".declutter-manifest.json"
FAILURES = "failures.jsonl"


def shown(path: str | Path) -> str:
    """A path as it can be printed, whatever bytes its name holds."""
    return os.fsencode(path).decode("utf-8", errors="replace")


def check_output_dir(inputs: Iterable[Path], outdir: Path) -> None:
    """Refuse an output folder that is, or is inside, an input folder: inputs are never written."""
    out = outdir.resolve()
    for source in inputs:
        if source.is_dir():
            folder = source.resolve()
            if out == folder or folder in out.parents:
                raise DeclutterError(f"output folder {outdir} is inside input folder {source}: "
                                     "choose an output folder outside the inputs")


def check_output_kind(output: Path, fmt: str) -> None:
    """Refuse an output of the wrong kind: a file where the outputs' folder goes, a folder where
    --format jsonl writes its one file."""
    if fmt == "jsonl" and output.is_dir():
        raise DeclutterError(f"{output} is a folder: --format jsonl writes one file (name it, or '-' for stdout)")
    if fmt != "jsonl" and output.exists() and not output.is_dir():
        raise DeclutterError(f"output folder {output} is a file: name a folder (or '-' for stdout, with one input)")


def is_input(path: Path) -> bool:
    return path.suffix.lower() in INPUT_SUFFIXES and not path.name.startswith(".")


def common_root(inputs: Iterable[Path]) -> Path:
    """The deepest folder holding every input."""
    folders = [os.path.abspath(p) if p.is_dir() else os.path.dirname(os.path.abspath(p)) for p in inputs]
    return Path(os.path.commonpath(folders)) if folders else Path(".")


def _named(paths: list[Path], suffix: str) -> list[tuple[Path, str]]:
    """Each input of one folder with its output's name: the stem and the format's suffix, but
    `a.txt` and `a.md` side by side become `a.txt.txt` and `a.md.txt`."""
    stems = Counter(p.stem for p in paths)
    return [(p, p.stem + suffix if stems[p.stem] == 1 else p.name + suffix) for p in paths]


def _places(inputs: list[Path], suffix: str) -> dict[Path, Path]:
    """Where each input's outputs go, relative to the output folder.

    One folder: its tree. Several inputs: each under its own name (a folder as `NAME/…`, a
    file as its output's name), unless two would share a name (`d1/story.txt` and
    `d2/story.txt`); then every output mirrors its path relative to the folder holding them all.
    """
    files = [p for p in inputs if not p.is_dir()]
    names = {p: Path(name) for p, name in _named(files, suffix)}
    if len(inputs) == 1:
        return {inputs[0]: Path() if inputs[0].is_dir() else names[inputs[0]]}
    own = {p: names.get(p, Path(p.name)) for p in inputs}
    if len(set(own.values())) == len(own):
        return own
    root = common_root(inputs)
    mirrored = {p: p.relative_to(root) for p in inputs if p.is_dir()}
    for parent in dict.fromkeys(p.parent for p in files):  # files named as within their own folder
        for path, name in _named([p for p in files if p.parent == parent], suffix):
            mirrored[path] = parent.relative_to(root) / name
    return mirrored


def walk(inputs: Iterable[Path], outdir: Path, fmt: str) -> Iterator[tuple[Path, Path, frozenset[int]]]:
    """(input file, output file, template line numbers) lazily, one folder at a time.

    Outputs never share a name (see _places); an input named twice is cleaned once. The
    template lines of a file are the lines that repeat across the clippings of its folder (for
    files named one by one: across those named from the same folder).
    """
    inputs = list(dict.fromkeys(Path(os.path.abspath(p)) for p in inputs))
    places, suffix, done = _places(inputs, SUFFIXES[fmt]), SUFFIXES[fmt], set()
    files = [p for p in inputs if not p.is_dir()]
    for parent in dict.fromkeys(p.parent for p in files):
        group = [p for p in files if p.parent == parent]
        done.update(group)
        keys = template_lines(group)
        for path in group:
            yield path, outdir / places[path], keys[path]
    for source in (p for p in inputs if p.is_dir()):
        for folder, found in _folders(source):
            paths = [p for p in found if p not in done]
            done.update(paths)
            keys = template_lines(paths)
            for path, name in _named(paths, suffix):
                yield path, outdir / places[source] / folder.relative_to(source) / name, keys[path]


def _folders(source: Path) -> Iterator[tuple[Path, list[Path]]]:
    """Each folder under source (hidden ones aside) with its input files, in sorted order."""
    for folder, dirs, names in os.walk(source):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        yield Path(folder), [Path(folder, n) for n in sorted(names) if is_input(Path(n))]


def count_inputs(inputs: Iterable[Path]) -> int:
    """How many input files walk() yields, counted without reading any (a progress bar's total)."""
    inputs = list(dict.fromkeys(Path(os.path.abspath(p)) for p in inputs))
    found = {p for p in inputs if not p.is_dir()}
    for source in (p for p in inputs if p.is_dir()):
        for _, paths in _folders(source):
            found.update(paths)
    return len(found)


def read_input(path: Path) -> bytes:
    """The bytes of an input file, with errors a user can act on."""
    try:
        if not path.exists():
            if path.is_symlink():
                raise DeclutterError("broken or looping symbolic link")
            raise DeclutterError("file not found")
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise DeclutterError("not a regular file (a pipe, socket or device)")
        if info.st_size > MAX_INPUT_BYTES:
            raise DeclutterError(f"file larger than {MAX_INPUT_BYTES // 2**20} MB")
        return path.read_bytes()
    except OSError as exc:
        raise DeclutterError(f"cannot read: {exc.strerror or exc}") from None


@contextmanager
def atomic_output(target: Path) -> Iterator[TextIO]:
    """A text file written through a temporary file in the same folder and renamed into place when
    the block ends; if it ends with an exception (Ctrl-C included), the target is left untouched."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
        os.chmod(temp, 0o666 & ~_umask())  # mkstemp makes files private; outputs get the usual mode
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise


def write_atomically(target: Path, text: str) -> None:
    """Write a whole output at once: never a partial file."""
    with atomic_output(target) as handle:
        handle.write(text)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def remove_partial_files(outdir: Path) -> None:
    """Remove temporary files an interrupted run left under outdir (never a finished output)."""
    for path in outdir.rglob(".*.part"):
        try:
            path.unlink()
        except OSError:
            pass


def failure_record(source: str, error: str | None) -> str:
    """A failure as one JSON line: {"path": …, "error": …}."""
    return json.dumps({"path": shown(source), "error": error}, ensure_ascii=False) + "\n"


def run_key(options: Options, fmt: str) -> str:
    """What every output of a run depends on besides its input: the options that change outputs,
    the format, declutter's version, code and model, and every rule file in use."""
    from ..rules import builtin_rules_dir

    digest = hashlib.sha256(f"{__version__}\n{fmt}\n{options.key()}\n".encode())
    package = Path(__file__).resolve().parent.parent
    files = [*package.rglob("*.py"), *package.glob("model/*.json")]
    for folder in (builtin_rules_dir(), *map(Path, options.rules)):
        files += folder.rglob("*.txt")
    for path in sorted(files):
        try:
            digest.update(os.fsencode(path.name) + b"\0" + path.read_bytes())
        except OSError:
            continue
    return digest.hexdigest()


class Manifest:
    """Which outputs of a folder are up to date: per output, a digest of its input's identity
    (path, size, modification time), its template lines and the run's key."""

    def __init__(self, outdir: Path, key: str) -> None:
        self.path, self.key = outdir / MANIFEST, key
        try:
            self.entries: dict[str, str] = json.loads(self.path.read_text("utf-8")).get("outputs", {})
        except (OSError, ValueError, AttributeError):
            self.entries = {}
        self.changed = False

    def digest(self, source: Path, template: frozenset[int]) -> str:
        try:
            info = source.stat()
            identity = f"{os.path.abspath(source)}\n{info.st_size}\n{info.st_mtime_ns}"
        except OSError:
            identity = "unreadable"
        lines = ",".join(map(str, sorted(template)))
        return hashlib.sha256(f"{self.key}\n{identity}\n{lines}".encode("utf-8", "surrogateescape")).hexdigest()

    def up_to_date(self, source: Path, target: Path, template: frozenset[int]) -> bool:
        try:
            if not target.is_file() or target.samefile(source):
                return False  # never "up to date": processing refuses to overwrite the input
        except OSError:
            return False
        return self.entries.get(self._name(target)) == self.digest(source, template)

    def record(self, source: Path, target: Path, template: frozenset[int], ok: bool) -> None:
        name = self._name(target)
        if ok:
            self.entries[name] = self.digest(source, template)
        else:
            self.entries.pop(name, None)
        self.changed = True

    def save(self) -> None:
        if self.changed:
            write_atomically(self.path, json.dumps({"declutter": __version__, "outputs": self.entries},
                                                   indent=0, sort_keys=True) + "\n")

    def _name(self, target: Path) -> str:
        return str(target.relative_to(self.path.parent)) if target.is_relative_to(self.path.parent) else str(target)
