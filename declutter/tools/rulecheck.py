"""`declutter rules check`: validate rule files and run their own tests."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import DeclutterError
from ..rules import RuleFile, RuleTest, parse_rule_file


@dataclass(frozen=True)
class Finding:
    """One line of the report: a file or test, and whether it passed."""

    status: str  # "ok", "fail", "skip", "warn"
    subject: str
    message: str = ""


def rule_files(folder: Path) -> list[Path]:
    names = ("license.txt", "readme.txt")
    return sorted(p for p in [*folder.glob("*.txt"), *folder.glob("lexicon/*.txt")] if p.name.lower() not in names)


# Prose of several shapes and languages: a drop or cut that matches every one drops any article.
PROSE_PROBES = (
    "The council met on Tuesday and agreed on a plan for the parks of the city, after a long debate.",
    "Der Rat hat am Dienstag nach langer Debatte einen Plan für die Parks der Stadt beschlossen.",
    "«Nous avons tout essayé», a-t-il déclaré à la presse jeudi soir, avant de quitter la salle.",
    "In 2024, 3.5 million people (about 12%) used the service at least once, the report said.",
)


def overreaching(rules: RuleFile) -> Iterator[tuple[str, str]]:
    """(file:line, why) of each drop or cut that would remove any line of prose: a rule that
    empties every article (`text_drop: .*`). The cleaning sets such a site's rules aside for a
    page they empty, with a warning; here it is a mistake."""
    for directive in ("text_drop", "text_box"):
        for pattern in rules.text[directive]:
            if all(pattern.matches(probe) for probe in PROSE_PROBES):
                yield pattern.where, (f"{directive} {pattern.source!r} matches any line of prose: it drops every "
                                      "article")
    for start, _ in rules.cuts:
        if all(start.matches(probe) for probe in PROSE_PROBES):
            yield start.where, f"text_cut starts at any line of prose ({start.source!r}): it cuts every article"


def unscannable(rules: RuleFile) -> Iterator[tuple[str, str]]:
    """(file:line, why) of each applied pattern that the page scan cannot take (a look-around, a
    back-reference, a brace that is no repeat count, …): with one of them, every line of a page is
    matched against the file's patterns one by one. The cleaning is the same, only slower."""
    from ..rules.files import APPLIED
    from ..rules.prefilter import LineScan, re2

    if re2 is None:
        return
    applied = [p for d in APPLIED for p in rules.text[d]] + [p for pair in rules.cuts for p in pair]
    if not applied or LineScan.of([p.source for p in applied]) is not None:
        return
    for pattern in applied:
        if LineScan.of([pattern.source]) is None:
            yield pattern.where, (f"{pattern.source[:60]!r} has no form the page scan can take: this file's "
                                  "patterns are tried on every line, one by one (slower; write a brace as \\{ "
                                  "or drop the look-around)")


def offline_pages(pages: Path | None) -> dict[str, Path]:
    """URL → saved HTML, from a folder with manifest.tsv (id, url) and html/<id>.html."""
    if pages is None or not (pages / "manifest.tsv").exists():
        return {}
    with open(pages / "manifest.tsv", encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        found = {row["url"]: pages / "html" / f"{row['id']}.html" for row in rows}
    return {url: path for url, path in found.items() if path.exists()}


def check_folder(folder: Path, pages: Path | None = None, *, installed: bool = False) -> Iterator[Finding]:
    """Parse every rule file of a folder, then run each file's tests with the folder's rules added.

    A test's clipping that is not there fails the test, except for the rules installed with
    declutter (installed=True), whose clippings live in a source checkout only: skipped then.
    """
    parsed: list[RuleFile] = []
    for path in rule_files(folder):
        try:
            rules = parse_rule_file(path)
        except DeclutterError as exc:
            yield Finding("fail", str(path), str(exc))
            continue
        parsed.append(rules)
        for problem in rules.problems:  # skipped when cleaning (with a warning), a mistake here
            where, _, why = problem.partition(": ")
            yield Finding("fail", where, why)
        for where, why in overreaching(rules):
            yield Finding("fail", where, why)
        for where, why in unscannable(rules):
            yield Finding("warn", where, why)
        yield Finding("ok" if not rules.problems else "fail", str(path),
                      f"{sum(rules.used.values())} directives used, {sum(rules.ignored.values())} ignored"
                      + (f", {len(rules.problems)} lines unreadable" if rules.problems else ""))
    saved = offline_pages(pages)
    for rules in parsed:
        for test in rules.tests:
            yield run_test(test, rules, folder, saved, installed=installed)


def run_test(test: RuleTest, rules: RuleFile, folder: Path, saved: dict[str, Path], *,
             installed: bool = False) -> Finding:
    """Clean the test's clipping (or saved page) as that site and check what it keeps."""
    import declutter

    if test.source.startswith(("http://", "https://")):
        page = saved.get(test.source)
        if page is None:
            return Finding("skip", test.where, f"no offline copy of {test.source}")
        content, url = page.read_bytes(), test.source
    else:
        clipping = Path(test.folder) / test.source
        if not clipping.is_file():
            return Finding("skip" if installed else "fail", test.where,
                           f"clipping {test.source} not found (paths are relative to the rule file)")
        content, url = clipping.read_bytes(), f"https://{rules.name.lstrip('.')}/"
    try:
        result = declutter.extract(content, url=url, rules=(folder,))
    except DeclutterError as exc:
        return Finding("fail", test.where, f"{test.source}: {exc}")
    kept = [b.bare for b in result.blocks if b.kept]
    problems = []
    for want in test.keeps:
        if isinstance(want, str):
            if " ".join(want.split()) not in " ".join(result.text.split()):
                problems.append(f"text lacks {want[:60]!r}")
        elif not any(want.matches(line) for line in kept):
            problems.append(f"no kept line matches {want.source!r} ({want.where})")
    for unwanted in test.drops:
        if not any(unwanted.matches(b.bare) for b in result.blocks):
            problems.append(f"{unwanted.source!r} matches no line of the clipping ({unwanted.where})")
        elif any(unwanted.matches(line) for line in kept):
            problems.append(f"a kept line matches {unwanted.source!r} ({unwanted.where})")
    if problems:
        return Finding("fail", test.where, f"{test.source}: " + "; ".join(problems))
    return Finding("ok", test.where, f"{test.source}: {len(test.keeps)} keeps, {len(test.drops)} drops")
