"""Where outputs go, and writing them safely: targets that cannot collide, atomic writes, a
manifest that says which outputs are up to date, the failures report.

Never lose a user's data: inputs are never written; every output is written through a
temporary file and renamed; two inputs never share an output; an output is up to date only
when it was made from the same input, with the same options, rules and declutter.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import secrets
import stat
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import DeclutterError
from ..options import MAX_INPUT_BYTES, Options
from ..stages.template import FolderPass, template_lines
from ..stages.write import SUFFIXES

INPUT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml"})
MANIFEST = ".declutter-manifest.json"
PARTIAL_NAME_BYTES = 200  # of an output's name, in its temporary file's name
PARTIAL_SUFFIX = ".declutter.part"  # ends every temporary output: only such files are removed as ours
PARTIAL_RANDOM = 8  # hex digits between a temporary output's name and its suffix
FAILURES = "failures.jsonl"


def shown(path: str | Path) -> str:
    """A path as it can be printed, whatever bytes its name holds."""
    return os.fsencode(path).decode("utf-8", errors="replace")


def check_output_dir(inputs: Iterable[Path], outdir: Path) -> None:
    """Refuse an output folder that is, or is inside, an input folder, and one that holds an input
    (a folder or a file): inputs are never written, and outputs never mix with them."""
    out = real_path(outdir)
    for source in inputs:
        if str(source) == "-":
            continue
        place = real_path(source)
        if source.is_dir() and (out == place or place in out.parents):
            raise DeclutterError(f"output folder {shown(outdir)} is inside input folder {shown(source)}: "
                                 "choose an output folder outside the inputs")
        if out in place.parents:
            raise DeclutterError(f"output folder {shown(outdir)} holds the input {shown(source)}: "
                                 "choose an output folder outside the inputs")


def real_path(path: Path) -> Path:
    """The path with its symbolic links followed (a loop stops where it starts, with no error)."""
    return Path(os.path.realpath(path))


def check_writable(folder: Path) -> None:
    """Make an output folder (and its parents) and make sure files can be written in it; a
    one-line error naming it, before anything is cleaned."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".declutter-probe.")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise DeclutterError(f"cannot write in {shown(folder)}: {exc.strerror or exc}; choose a folder "
                             "you can write to") from None


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
    for parent, group in _by_folder(files).items():  # files named as within their own folder
        for path, name in _named(group, suffix):
            mirrored[path] = parent.relative_to(root) / name
    return mirrored


def _by_folder(files: list[Path]) -> dict[Path, list[Path]]:
    """Files grouped by their folder, in order (one pass: 20,000 files named one by one are many)."""
    groups: dict[Path, list[Path]] = {}
    for path in files:
        groups.setdefault(path.parent, []).append(path)
    return groups


def _groups(inputs: list[Path], outdir: Path, fmt: str) -> Iterator[list[tuple[Path, Path]]]:
    """The input files with their outputs, one folder's group at a time (see walk)."""
    places, suffix, done = _places(inputs, SUFFIXES[fmt]), SUFFIXES[fmt], set()
    for group in _by_folder([p for p in inputs if not p.is_dir()]).values():
        done.update(group)
        yield [(path, outdir / places[path]) for path in group]
    for source in (p for p in inputs if p.is_dir()):
        for folder, found in _folders(source):
            paths = [p for p in found if p not in done]
            done.update(paths)
            into = outdir / places[source] / folder.relative_to(source)
            yield [(path, into / name) for path, name in _named(paths, suffix)]


def _absolute(inputs: Iterable[Path]) -> list[Path]:
    return list(dict.fromkeys(Path(os.path.abspath(p)) for p in inputs))


def walk(inputs: Iterable[Path], outdir: Path, fmt: str) -> Iterator[tuple[Path, Path, frozenset[int]]]:
    """(input file, output file, template line numbers) lazily, one folder at a time, the next
    folder's template pre-pass read a share at a time as this one's files are yielded.

    Outputs never share a name (see _places); an input named twice is cleaned once. The
    template lines of a file are the lines that repeat across the clippings of its folder (for
    files named one by one: across those named from the same folder).
    """
    groups = _groups(_absolute(inputs), outdir, fmt)
    group = next(groups, None)
    keys = template_lines([path for path, _ in group]) if group is not None else {}
    while group is not None:
        upcoming = next(groups, None)  # its pre-pass is read a share at a time between this group's
        folder, ahead = FolderPass(), iter([path for path, _ in upcoming or ()])  # jobs (workers never wait on it)
        share = -(-len(upcoming or ()) // max(1, len(group)))
        for path, target in group:
            yield path, target, keys[path]
            for later in islice(ahead, share):
                folder.add(later)
        for later in ahead:
            folder.add(later)
        group, keys = upcoming, folder.lines()


def targets(inputs: Iterable[Path], outdir: Path, fmt: str) -> Iterator[tuple[Path, Path]]:
    """(input file, output file) as walk() gives them, without reading any input."""
    for group in _groups(_absolute(inputs), outdir, fmt):
        yield from group


def _folders(source: Path) -> Iterator[tuple[Path, list[Path]]]:
    """Each folder under source (hidden ones aside) with its input files, in sorted order."""
    for folder, dirs, names in os.walk(source):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        yield Path(folder), [Path(folder, n) for n in sorted(names) if is_input(Path(n))]


def count_inputs(inputs: Iterable[Path]) -> int:
    """How many input files walk() yields, counted without reading any (a progress bar's total)."""
    inputs = _absolute(inputs)
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
def atomic_output(target: Path, *, binary: bool = False) -> Iterator[Any]:
    """A text file (binary: a file of bytes) written through a temporary file in the same folder
    and renamed into place when the block ends; if it ends with an exception (Ctrl-C included),
    the target is left untouched."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = _temporary(target)
    try:
        with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n")) as handle:
            yield handle
        os.chmod(temp, 0o666 & ~current_umask())  # mkstemp makes files private; outputs get the usual mode
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise


def write_atomically(target: Path, text: str | bytes) -> None:
    """Write a whole output (text, or bytes) at once: never a partial file."""
    with atomic_output(target, binary=isinstance(text, bytes)) as handle:
        handle.write(text)


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def remove_partial_files(outdir: Path) -> None:
    """Remove temporary files an interrupted run left under outdir (never a finished output, nor
    a file of the user's that happens to end in ".part": ours end in PARTIAL_SUFFIX)."""
    for path in outdir.rglob(f".*{PARTIAL_SUFFIX}"):
        try:
            path.unlink()
        except OSError:
            pass


def _temporary(target: Path) -> tuple[int, str]:
    """A new private file beside target, for it: "." + its name's start + PARTIAL_RANDOM random hex
    digits + PARTIAL_SUFFIX, so that one output's temporary files are told from another's."""
    start = f".{_partial_prefix(target.name)}"
    while True:
        temp = target.parent / f"{start}{secrets.token_hex(PARTIAL_RANDOM // 2)}{PARTIAL_SUFFIX}"
        try:
            return os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), str(temp)
        except FileExistsError:
            continue


def remove_partial(target: Path) -> None:
    """Remove the temporary files of one output (its writer was ended mid-write), and no other
    output's: "a.txt.old.txt"'s start with "a.txt." too, but not with it and the random digits alone."""
    pattern = f".{glob.escape(_partial_prefix(target.name))}{'[0-9a-f]' * PARTIAL_RANDOM}{PARTIAL_SUFFIX}"
    for path in target.parent.glob(pattern):
        try:
            path.unlink()
        except OSError:
            pass


def _partial_prefix(name: str) -> str:
    """The start of an output's temporary name: short enough that the whole stays within a file
    name's 255 bytes however long the output's own name is."""
    return os.fsdecode(os.fsencode(name)[:PARTIAL_NAME_BYTES]) + "."


def failure_record(source: str, error: str | None) -> str:
    """A failure as one JSON line: {"path": …, "error": …}."""
    return json.dumps({"path": shown(source), "error": error}, ensure_ascii=False) + "\n"


def run_key(options: Options, fmt: str) -> str:
    """What every output of a run depends on besides its input: the options that change outputs,
    the format, declutter's version, every file of the package (code, compiled extensions,
    model, data; not the C source Cython generates) and every file of the rule folders in use."""
    from ..rules import builtin_rules_dir

    digest = hashlib.sha256(f"{__version__}\n{fmt}\n{options.key()}\n".encode())
    package = Path(__file__).resolve().parent.parent
    files = [p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts
             and p.suffix != ".c"]  # (a compiled kernel's generated source: its library is what runs)
    for folder in (builtin_rules_dir(), *map(Path, options.rules)):
        files += (p for p in folder.rglob("*") if p.is_file())
    for path in sorted(files):
        try:
            digest.update(os.fsencode(path.name) + b"\0" + path.read_bytes())
        except OSError:
            continue
    return digest.hexdigest()


STDIN = "<stdin>"


def source_name(source: Path | str) -> str:
    """How the manifest names an output's input: its absolute path, or STDIN."""
    return STDIN if str(source) == STDIN else os.path.abspath(source)


class Manifest:
    """What declutter wrote in an output folder, and which of it is up to date: per output, the
    input it was made from and a digest of that input's identity (path, size, modification
    time), its template lines and the run's key (none when its last cleaning failed). A file
    of the folder that it does not list is not declutter's, and is never replaced unasked."""

    def __init__(self, outdir: Path, key: str) -> None:
        self.path, self.key = outdir / MANIFEST, key
        try:
            entries = json.loads(self.path.read_text("utf-8")).get("outputs", {})
        except (OSError, ValueError, AttributeError):
            entries = {}
        # an entry of an older manifest is a bare digest: declutter's output, of an input unknown
        self.entries: dict[str, dict[str, str | None]] = {
            name: entry if isinstance(entry, dict) else {"source": None, "digest": entry}
            for name, entry in entries.items()}
        self.changed = False

    def digest(self, source: Path, template: frozenset[int]) -> str:
        try:
            info = source.stat()
            identity = f"{os.path.abspath(source)}\n{info.st_size}\n{info.st_mtime_ns}"
        except OSError:
            identity = "unreadable"
        lines = ",".join(map(str, sorted(template)))
        return hashlib.sha256(f"{self.key}\n{identity}\n{lines}".encode("utf-8", "surrogateescape")).hexdigest()

    def up_to_date(self, source: Path, target: Path, digest: str) -> bool:
        """Whether the output was made from the input as it is now (its digest taken before it is read)."""
        try:
            if not target.is_file() or target.samefile(source):
                return False  # never "up to date": processing refuses to overwrite the input
        except OSError:
            return False
        entry = self.entries.get(self._name(target))
        return entry is not None and entry.get("digest") == digest

    def owner(self, target: Path) -> str | None:
        """What may replace an existing file of the folder: the input it was made from, "" for one
        of declutter's own files of an input unknown, None for a file that is not declutter's."""
        entry = self.entries.get(self._name(target))
        if entry is None:
            return None
        return entry.get("source") or ""

    def record(self, source: Path | str, target: Path, digest: str | None) -> None:
        """An output of an input: written (its input's digest, taken before it was read), or
        about to be written or failed (None). Either way the file, if any, is declutter's."""
        entry = {"source": source_name(source), "digest": digest}
        key = self._name(target)
        if self.entries.get(key) != entry:
            self.changed = True  # first: a save never misses an entry made (a stop may land in between)
            self.entries[key] = entry

    def claim(self, source: Path | str, target: Path) -> None:
        """An output this run may write, owned before it is written (a run killed on the way
        leaves no file that is declutter's but not in its manifest)."""
        key = self._name(target)
        entry = self.entries.get(key)
        if entry is None or entry.get("source") is None:
            self.record(source, target, entry.get("digest") if entry else None)

    def stale(self) -> list[tuple[str, str]]:
        """(output, input) of the outputs whose input no longer exists."""
        return [(name, source) for name, entry in self.entries.items()
                if (source := entry.get("source")) and source != STDIN and not os.path.lexists(source)
                and os.path.lexists(self.path.parent / name)]

    def forget(self, name: str) -> None:
        self.entries.pop(name, None)
        self.changed = True

    def save(self) -> None:
        if self.changed:
            write_atomically(self.path, json.dumps({"declutter": __version__, "outputs": self.entries},
                                                   indent=0, sort_keys=True) + "\n")
            self.changed = False

    def _name(self, target: Path) -> str:
        """The output's name in the manifest: its path within the folder (else the whole path).
        (On strings: a run asks this three times an output.)"""
        name, folder = str(target), str(self.path.parent)
        if folder == ".":  # every relative path lies within "."
            return name
        if name == folder:
            return "."
        prefix = folder if folder.endswith(os.sep) else folder + os.sep
        return name[len(prefix):] if name.startswith(prefix) else name
