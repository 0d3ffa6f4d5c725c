"""Nothing of the user's is overwritten, and every user mistake is one line, never a traceback."""

import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import declutter
from declutter.cli import main

GOOD = "A headline here\n\n" + "The council met on Tuesday and agreed on a plan for the parks of the city. " * 4 + "\n"
UNWRITABLE = Path("/proc/declutter-test")  # no one may create anything here, root included
needs_proc = pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")


def run(*args: str):
    return CliRunner().invoke(main, [*map(str, args)])


def clips(folder: Path, *names: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text(GOOD, encoding="utf-8")
    return folder


def one_line_error(result, code: int = 2) -> str:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    return result.output


def test_a_users_own_file_in_the_output_folder_is_never_replaced_unless_forced(tmp_path):
    source = clips(tmp_path / "clips", "story.txt", "other.txt")
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "story.txt").write_text("my own notes")
    result = run("clean", source, "-o", notes)
    assert "story.txt" in one_line_error(result) and "not written by declutter" in result.output
    assert (notes / "story.txt").read_text() == "my own notes"
    assert not (notes / "other.txt").exists()  # refused before anything was written
    result = run("clean", source, "-o", notes, "--force")
    assert result.exit_code == 0 and (notes / "story.txt").read_text().startswith("A headline here")


def test_a_second_run_from_other_inputs_does_not_replace_the_first_runs_outputs(tmp_path):
    first, second = clips(tmp_path / "w" / "a", "story.txt"), clips(tmp_path / "w" / "b", "story.txt")
    (second / "story.txt").write_text(GOOD.replace("A headline here", "Another headline"))
    out = tmp_path / "out"
    assert run("clean", first, "-o", out).exit_code == 0
    result = run("clean", second, "-o", out)
    assert "made from" in one_line_error(result) and "a/story.txt" in result.output
    assert (out / "story.txt").read_text().startswith("A headline here")
    assert run("clean", first, "-o", out).exit_code == 0  # the same input again: its own output
    (first / "story.txt").write_text(GOOD.replace("parks", "roads"))
    assert run("clean", first, "-o", out).exit_code == 0 and "roads" in (out / "story.txt").read_text()


def test_an_output_folder_that_holds_an_input_is_refused_like_the_reverse(tmp_path):
    news = clips(tmp_path / "clips" / "news", "a.txt")
    before = sorted(p.name for p in (tmp_path / "clips").rglob("*"))
    result = run("clean", news, "-o", tmp_path / "clips")
    assert "holds the input" in one_line_error(result)
    assert sorted(p.name for p in (tmp_path / "clips").rglob("*")) == before


def test_outputs_of_an_older_manifest_stay_declutters(tmp_path):
    source = clips(tmp_path / "clips", "a.txt")
    out = tmp_path / "out"
    clips(out, "a.txt")
    (out / ".declutter-manifest.json").write_text(json.dumps({"declutter": "0.1.0", "outputs": {"a.txt": "0" * 64}}))
    assert run("clean", source, "-o", out).exit_code == 0
    entry = json.loads((out / ".declutter-manifest.json").read_text())["outputs"]["a.txt"]
    assert entry["source"] == str((source / "a.txt").absolute()) and entry["digest"]


def test_a_jsonl_file_or_failures_report_of_the_users_is_not_replaced(tmp_path):
    source = clips(tmp_path / "clips", "a.txt")
    mine = tmp_path / "mine.jsonl"
    mine.write_text("my own data\n")
    assert "mine.jsonl" in one_line_error(run("clean", source, "-o", mine, "--format", "jsonl"))
    assert mine.read_text() == "my own data\n"
    ours = tmp_path / "ours.jsonl"
    assert run("clean", source, "-o", ours, "--format", "jsonl").exit_code == 0
    assert run("clean", source, "-o", ours, "--format", "jsonl").exit_code == 0  # declutter's own: replaced
    report = tmp_path / "report.txt"
    report.write_text("my report\n")
    assert "report.txt" in one_line_error(run("clean", source, "-o", tmp_path / "out", "--failures", report))
    assert report.read_text() == "my report\n"


def test_failures_naming_a_folder_is_one_line(tmp_path):
    source = clips(tmp_path / "clips", "a.txt")
    (tmp_path / "folder").mkdir()
    result = run("clean", source, "-o", tmp_path / "out", "--failures", tmp_path / "folder")
    assert "folder" in one_line_error(result)


@needs_proc
@pytest.mark.parametrize("args", [
    ["clean", "{src}", "-o", f"{UNWRITABLE}/out"],
    ["clean", "{src}", "-o", f"{UNWRITABLE}/all.jsonl", "--format", "jsonl"],
    ["clean", "{src}", "-o", "{tmp}/out", "--failures", f"{UNWRITABLE}/failures.jsonl"],
    ["clean", "-", "-o", f"{UNWRITABLE}/out"],
    ["report", "{src}", "-o", f"{UNWRITABLE}/review"],
    ["rules", "learn", "{src}", "--site", "example.com", "-o", f"{UNWRITABLE}/rules"],
], ids=["folder", "jsonl", "failures", "stdin", "report", "rules-learn"])
def test_an_output_that_cannot_be_written_is_one_line_naming_it(tmp_path, args):
    source = clips(tmp_path / "clips", "a.txt", "b.txt", "c.txt")
    argv = [a.format(src=source, tmp=tmp_path) for a in args]
    result = CliRunner().invoke(main, argv, input=GOOD)
    output = one_line_error(result)
    assert str(UNWRITABLE) in output and output.count("\n") <= 2, output


def test_report_refuses_a_folder_of_the_users_and_replaces_an_earlier_report(tmp_path):
    source = clips(tmp_path / "clips", "a.txt")
    review = tmp_path / "review"
    review.mkdir()
    (review / "index.html").write_text("my page")
    assert "not a declutter report" in one_line_error(run("report", source, "-o", review))
    assert (review / "index.html").read_text() == "my page"
    fresh = tmp_path / "fresh"
    assert run("report", source, "-o", fresh).exit_code == 0
    (source / "b.txt").write_text(GOOD)
    assert run("report", source, "-o", fresh).exit_code == 0
    assert "2 files" in (fresh / "index.html").read_text()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary folder left


def test_ctrl_c_during_report_exits_130_and_leaves_no_folder(tmp_path, monkeypatch):
    from declutter.tools import report

    source = clips(tmp_path / "clips", "a.txt", "b.txt")

    def interrupted(self, entry):
        raise KeyboardInterrupt
    monkeypatch.setattr(report.Report, "add", interrupted)
    result = run("report", source, "-o", tmp_path / "review")
    assert result.exit_code == 130 and "Aborted" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clips"]


@pytest.mark.parametrize("command", [["explain", "{src}"], ["eval", "{src}"], ["rules", "check", "{rules}"]])
def test_ctrl_c_exits_130_in_every_command(tmp_path, monkeypatch, command):
    from declutter import pipeline
    from declutter.tools import rulecheck

    source = clips(tmp_path / "clips", "a.txt")
    (source / "a.expected").write_text(GOOD)
    (tmp_path / "rules").mkdir()

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(pipeline, "decide", interrupted)
    monkeypatch.setattr(rulecheck, "rule_files", interrupted)
    result = run(*[a.format(src=source, rules=tmp_path / "rules") for a in command])
    assert result.exit_code == 130 and "Aborted" not in result.output


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node")
def test_readability_js_without_its_packages_is_a_usage_error_not_a_row_of_zeros(tmp_path, monkeypatch):
    from declutter.tools import peers

    script = tmp_path / "readability.cjs"
    script.write_text('require("jsdom");\n')
    monkeypatch.setattr(peers, "READABILITY_JS", script)
    monkeypatch.setenv("NODE_PATH", str(tmp_path))
    source = clips(tmp_path / "clips", "a.txt")
    (source / "a.expected").write_text(GOOD)
    result = run("eval", source, "--peers", "readability-js")
    assert "cannot find jsdom" in one_line_error(result) and "at Module" not in result.output


def test_library_usage_errors_are_type_or_value_errors_not_internal_errors():
    with pytest.raises(TypeError, match="str or bytes, not NoneType"):
        declutter.clean(None)  # type: ignore[arg-type]
    assert declutter.clean(bytearray(GOOD.encode())).startswith("A headline here")
    with pytest.raises(TypeError, match=r"rules=\('my-rules',\)"):
        declutter.Options(rules="my-rules")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="title"):
        declutter.Options(title="no")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="timeout"):
        declutter.Options(timeout=-1)
    with pytest.raises(TypeError):
        declutter.Options(colour=True)  # type: ignore[call-arg]


def test_rules_check_names_a_misspelt_directive_its_line_and_the_nearest_one(tmp_path):
    (tmp_path / "news.example.txt").write_text("body: //article\nstrp: //aside\n")
    result = run("rules", "check", tmp_path)
    assert result.exit_code == 1
    assert "news.example.txt:2: unknown directive 'strp' (did you mean 'strip'?)" in result.output


def test_a_fivefilters_collection_with_unreadable_lines_runs_with_warnings_only(tmp_path):
    rules = tmp_path / "ftr"
    rules.mkdir()
    (rules / "news.example.txt").write_text("// the site's notes\nreplace_string(<a href=\")\">): <b>\n"
                                            "strip: //aside\nbody: //article\nstrp: //nav\n")
    (rules / "LICENSE.txt").write_text("These files are released to the public domain.\n")
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>T</title><link rel='canonical' href='https://news.example/a'></head><body>"
                    "<aside>Most read: something else entirely, a long teaser line of another story here</aside>"
                    f"<article><p>{GOOD.splitlines()[2]}</p></article></body></html>")
    result = run("explain", page, "--rules", rules)
    output = result.output  # stdout and stderr
    assert result.exit_code == 0
    assert output.count("declutter: warning:") == 1
    assert "news.example.txt:1: expected 'directive: value'" in output and "(and 1 more line of this file)" in output
    assert "news.example.txt:3: strip removed 'Most read" in output  # the XPath rule that removed text, named
    assert "news.example.txt:4: body selected" in output


def test_a_site_is_named_with_site_rules_off(tmp_path):
    result = declutter.extract(GOOD, url="https://www.dw.com/en/x/a-1",
                               options=declutter.Options(site_rules=False))
    assert result.site == "dw.com"


def test_what_an_output_depends_on_includes_every_file_of_the_rule_folders(tmp_path):
    from declutter.run.outputs import run_key

    rules = tmp_path / "rules"
    rules.mkdir()
    options = declutter.Options(rules=(rules,))
    before = run_key(options, "txt")
    (rules / "notes.yaml").write_text("a: 1\n")
    assert run_key(options, "txt") != before


def test_eval_reads_every_kind_of_input_that_clean_reads(tmp_path):
    from declutter.tools.evaluate import gold_pairs

    for suffix in (".txt", ".text", ".md", ".markdown", ".html", ".xhtml"):
        (tmp_path / f"a{suffix}").write_text(GOOD)
    for path in tmp_path.iterdir():
        path.with_suffix(".expected").write_text(GOOD)
    assert len(gold_pairs(tmp_path, None)) == 6


def test_make_golden_writes_a_new_cases_expected_output_and_reasons(tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    try:
        import update_golden
    finally:
        sys.path.pop(0)
    clips(tmp_path / "example.com", "new-case.md")
    assert update_golden.cases(tmp_path) == [tmp_path / "example.com" / "new-case.md"]


def test_the_package_declares_its_license():
    from importlib import metadata

    root = Path(__file__).resolve().parent.parent
    assert (root / "LICENSE").read_text().startswith("MIT License") and (root / "CHANGELOG.md").exists()
    assert metadata.metadata("declutter")["License"] == "MIT" or os.environ.get("DECLUTTER_UNINSTALLED")


def test_the_fivefilters_sample_with_lines_it_cannot_read_cleans_benchmark_pages_with_warnings_only(shared, tmp_path):
    rules = tmp_path / "ftr"
    shutil.copytree(shared / "ftr-site-config-sample", rules)
    files = sorted(p for p in rules.glob("*.txt") if p.name != "LICENSE.txt")
    for path, broken in zip(files, ["// a comment line", "replace_string(<p class=\")\">): <p>", "strp: //aside"]):
        path.write_text(path.read_text() + "\n" + broken + "\n")
    pages = tmp_path / "pages"
    pages.mkdir()
    for page in sorted((shared / "bench" / "html").glob("*.html"))[:12]:
        shutil.copy(page, pages)
    result = run("clean", pages, "-o", tmp_path / "out", "--rules", rules)
    assert result.exit_code == 0, result.output
    assert "12 cleaned, 0 failed" in result.output and "Traceback" not in result.output


def test_the_default_failures_report_beside_a_jsonl_file_is_not_the_users_file(tmp_path):
    source = clips(tmp_path / "clips", "a.txt")
    mine = tmp_path / "all.failures.jsonl"
    mine.write_text("my own list of failures\n")
    result = run("clean", source, "-o", tmp_path / "all.jsonl", "--format", "jsonl")
    assert "all.failures.jsonl" in one_line_error(result) and not (tmp_path / "all.jsonl").exists()
    assert mine.read_text() == "my own list of failures\n"  # neither replaced nor removed as a stale report


def test_the_library_folder_run_stops_on_a_malformed_rule_file_before_writing_anything(tmp_path):
    from declutter.run.destinations import destination
    from declutter.run.folder import clean_paths

    source = clips(tmp_path / "clips", "a.txt")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "news.example.txt").write_text("text_drop: (unclosed\n")
    options = declutter.Options(rules=(tmp_path / "rules",))
    with pytest.raises(declutter.RuleError):
        clean_paths([source], destination(tmp_path / "out", "txt", options), options)
    assert not (tmp_path / "out").exists()


def test_an_output_completed_as_the_run_is_stopped_is_recorded_before_its_outcome_comes_back(tmp_path):
    from declutter.options import Options
    from declutter.run.destinations import destination

    source = tmp_path / "clips"
    source.mkdir()
    (source / "a.txt").write_text("Headline\n\nThe council met on Tuesday.\n")
    out = tmp_path / "out"
    to = destination(out, "txt", Options())
    to.claim([source])
    to.open()
    assert not to.up_to_date(source / "a.txt", out / "a.txt", frozenset())
    (out / "a.txt").write_text("Headline\n")  # a worker's atomic write, its outcome not yet received
    to.abort()
    entry = json.loads((out / ".declutter-manifest.json").read_text())["outputs"]["a.txt"]
    assert entry["digest"]
    again = destination(out, "txt", Options())
    assert again.up_to_date(source / "a.txt", out / "a.txt", frozenset())


def test_ending_one_writer_removes_its_own_temporary_file_only_whatever_its_name(tmp_path):
    from declutter.run.outputs import remove_partial

    ours = tmp_path / ".report[1].txt.0123abcd.declutter.part"
    others = [tmp_path / ".report1.txt.4567cdef.declutter.part",  # which "[1]" read as a pattern matched
              tmp_path / ".report[1].txt.old.txt.89ab0123.declutter.part"]  # "report[1].txt.old.txt"'s
    for path in (ours, *others):
        path.write_text("half")
    remove_partial(tmp_path / "report[1].txt")
    assert not ours.exists() and all(path.exists() for path in others)


def test_an_interrupted_runs_cleanup_removes_its_own_temporary_files_not_the_users_part_files(tmp_path):
    """The output folder may be the user's own: a hidden ".part" file of theirs (a download, an
    editor's draft) is no temporary output of declutter's and stays."""
    from declutter.run.outputs import atomic_output, remove_partial_files

    users = [tmp_path / ".draft.part", tmp_path / "sub" / ".notes.md.part"]
    for path in users:
        path.parent.mkdir(exist_ok=True)
        path.write_text("mine")
    try:
        with atomic_output(tmp_path / "sub" / "a.txt") as handle:
            handle.write("half")
            assert list(tmp_path.rglob("*.declutter.part"))  # its temporary file, being written
            remove_partial_files(tmp_path)  # a stop while the output was being written
            assert not list(tmp_path.rglob("*.declutter.part"))
            raise KeyboardInterrupt
    except KeyboardInterrupt:
        pass
    assert all(path.read_text() == "mine" for path in users)
    assert not (tmp_path / "sub" / "a.txt").exists()


def test_saving_a_large_manifest_takes_a_small_share_of_a_run(tmp_path, monkeypatch):
    """Each save writes the manifest whole: where that is slow (a folder of many thousand files),
    the run saves less often rather than spend its time saving (it still saves on the way)."""
    import time
    import types

    from declutter.options import Options
    from declutter.run import destinations
    from declutter.run.batch import Outcome
    from declutter.run.destinations import SAVE_SHARE, Folder

    clock = [0.0]
    monkeypatch.setattr(destinations, "time", types.SimpleNamespace(monotonic=lambda: clock[0], time_ns=time.time_ns))
    folder = Folder(tmp_path / "out", "txt", Options())
    saves = []

    def slow_save() -> None:
        saves.append(clock[0])
        clock[0] += 1.0  # a second a save

    monkeypatch.setattr(folder.manifest, "save", slow_save)
    for number in range(20_000):  # 100 outputs a second: 200 s of work
        clock[0] += 0.01
        folder.take(Outcome(str(tmp_path / f"{number}.txt"), str(tmp_path / "out" / f"{number}.txt")), frozenset())
    assert len(saves) >= 5  # it still saves on the way
    assert len(saves) <= 1.2 * SAVE_SHARE * clock[0]  # … taking about SAVE_SHARE of the run at most


@pytest.mark.parametrize("folder", [".", "/", "/tmp/out", "out", "out/sub"])
def test_an_output_is_named_in_the_manifest_by_its_path_within_the_folder(folder):
    from declutter.run.outputs import MANIFEST, Manifest

    manifest = Manifest.__new__(Manifest)
    manifest.path = Path(folder) / MANIFEST
    for target in map(Path, ["a.txt", "/a.txt", "/tmp/out/a.txt", "/tmp/out/x/a.txt", "/tmp/outside.txt",
                             "out/a.txt", "out/sub/b/c.txt", "outx/a.txt", "a/../b.txt"]):
        within = target.is_relative_to(folder)
        assert manifest._name(target) == (str(target.relative_to(folder)) if within else str(target))


def test_an_output_whose_outcome_is_being_taken_as_the_run_stops_is_recorded(tmp_path, monkeypatch):
    """A stop signal lands at any instruction: one landing as an outcome is taken must not leave
    a written output out of the manifest (the next run would take it for a file of the user's)."""
    import json

    from declutter.options import Options
    from declutter.run.batch import Outcome
    from declutter.run.destinations import Folder

    source, out = tmp_path / "a.txt", tmp_path / "out"
    source.write_text("Headline here\n\nThe minister said the talks would go on.\n")
    folder = Folder(out, "txt", Options())
    folder.claim([source])
    folder.open()
    target = out / "a.txt"
    assert not folder.up_to_date(source, target, frozenset())  # the job is under way
    target.write_text("The minister said the talks would go on.\n")  # its worker wrote the output
    record = folder.manifest.record

    def stopped(*args, **kwargs):
        raise KeyboardInterrupt  # the signal, landing as the outcome is recorded
    monkeypatch.setattr(folder.manifest, "record", stopped)
    with pytest.raises(KeyboardInterrupt):
        folder.take(Outcome(str(source), str(target)), frozenset())
    monkeypatch.setattr(folder.manifest, "record", record)
    folder.abort()
    entries = json.loads((out / ".declutter-manifest.json").read_text())["outputs"]
    assert entries["a.txt"]["digest"]
