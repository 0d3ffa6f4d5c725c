"""Golden tests: every clipping under corpus/ comes out exactly as its .expected file."""

import re
from pathlib import Path

import pytest

import declutter
from declutter.run.outputs import is_input
from declutter.tools.explain import decisions

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
CASES = sorted(p for p in CORPUS.rglob("*") if p.is_file() and is_input(p))


def test_every_case_has_its_expected_output_and_reasons():
    missing = [str(p.relative_to(CORPUS)) for p in CASES for suffix in (".expected", ".reasons")
               if not p.with_suffix(suffix).exists()]
    assert not missing, f"run `make golden` and review what it wrote: {missing}"


def test_every_rule_file_has_a_corpus_case():
    rules = Path(__file__).resolve().parent.parent / "rules"
    sites = {p.name[:-4].lstrip(".") for p in rules.glob("*.txt") if p.name != "global.txt"}
    covered = {p.parent.name for p in CASES}
    assert sites <= covered, f"rule files without a corpus case: {sites - covered}"


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_golden_without_url(case: Path):
    expected = case.with_suffix(".expected").read_text(encoding="utf-8")
    assert declutter.clean(case.read_bytes()) + "\n" == expected


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_golden_decisions_and_their_reasons(case: Path):
    """Each line's decision, stage and rule as pinned in NAME.reasons (`make golden` rewrites them)."""
    expected = case.with_suffix(".reasons").read_text(encoding="utf-8")
    assert decisions(declutter.extract(case.read_bytes()).blocks) == expected


def test_every_stage_a_reason_names_is_a_module_of_that_name():
    stages = {re.match(r"\s*\d+ [+-] ([^:|]+)", line).group(1).strip() for case in CASES
              for line in case.with_suffix(".reasons").read_text(encoding="utf-8").splitlines()}
    folder = Path(declutter.__file__).parent / "stages"
    assert {"site rules", "generic rules", "headline", "fallback"} <= stages
    assert all((folder / f"{stage.replace(' ', '_')}.py").is_file() for stage in stages), stages


@pytest.mark.parametrize("case", [c for c in CASES if c.suffix == ".txt"], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_output_is_an_ordered_subset_of_input_lines(case: Path):
    """Text mode never rewrites a word (Markdown lines lose their marks, HTML is extracted)."""
    source = [" ".join(line.split()) for line in case.read_text(encoding="utf-8").splitlines()]
    position = 0
    for line in declutter.clean(case.read_bytes()).splitlines():
        position = source.index(line, position) + 1
