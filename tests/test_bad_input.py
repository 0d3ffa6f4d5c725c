"""Any input, no crash, nothing lost: one batch holding every kind of bad file, plus good ones."""

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import declutter
from declutter.cli import main

PROSE = "The council met on Tuesday and agreed on a plan for the parks of the city, the mayor said. "
GOOD = "A headline for the story\n\n" + "\n\n".join(PROSE * 2 for _ in range(4)) + "\n"


def build(folder: Path) -> dict[str, str]:
    """Write the bad inputs; return {file name: expected message} (None: must be cleaned)."""
    folder.mkdir()
    expected: dict[str, str | None] = {}

    def put(name: str, data: bytes, message: str | None) -> None:
        (folder / name).write_bytes(data)
        expected[name] = message

    put("good one.txt", GOOD.encode(), None)
    put("ünïcode naмe.md", ("---\nurl: https://example.org/x\n---\n" + GOOD).encode(), None)
    put("empty.txt", b"", "empty input")
    put("blank.txt", b" \n\t \r\n", "empty input")
    put("nul.txt", b"text\x00\x00\x00more", "binary data (NUL bytes)")
    put("photo.html", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "binary data (a JPEG image)")
    put("paper.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary data (a PDF document)")
    put("utf16.txt", GOOD.encode("utf-16"), None)
    put("utf32.txt", GOOD.encode("utf-32"), None)
    put("cp1252.txt", (GOOD + "Prices rose 5 € and “quotes” café.\n").encode("cp1252"), None)
    put("latin1.txt", (GOOD + "Le café était fermé à Noël.\n").encode("latin-1"), None)
    put("oldmac.txt", GOOD.replace("\n", "\r").encode(), None)
    put("mixed.txt", GOOD.replace("\n\n", "\r\n\n").encode(), None)
    put("one-long-line.txt", (PROSE * 60_000).encode(), None)  # about 5.5 MB on one line
    put("deep.html", b"<html><body>" + b"<div>" * 5000 + f"<p>{PROSE * 3}</p>".encode()
        + b"</div>" * 5000 + b"</body></html>", None)
    put("unclosed.html", f"<html><body><article><p>{PROSE * 3}<p>{PROSE * 2}<b><i>".encode(), None)
    put("nobody.html", b"<html><head></head></html>", "no text found in the HTML page")
    (folder / "dangling.txt").symlink_to(folder / "missing.txt")
    expected["dangling.txt"] = "broken or looping symbolic link"
    (folder / "loop-a.txt").symlink_to(folder / "loop-b.txt")
    (folder / "loop-b.txt").symlink_to(folder / "loop-a.txt")
    expected["loop-a.txt"] = expected["loop-b.txt"] = "broken or looping symbolic link"
    (folder / os.fsdecode(b"latin1-name-caf\xe9.txt")).write_bytes(GOOD.encode())
    expected[os.fsdecode(b"latin1-name-caf\xe9.txt")] = None
    os.mkfifo(folder / "pipe.txt")
    expected["pipe.txt"] = "not a regular file"
    (folder / "sub").mkdir()
    (folder / "sub" / "back-up").symlink_to(folder, target_is_directory=True)  # a folder loop: not followed
    return expected


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in folder.rglob("*") if p.is_file() and not p.is_symlink()}


def test_every_bad_file_is_named_and_every_good_file_cleaned(tmp_path: Path):
    src = build(tmp_path / "clips")
    before = snapshot(tmp_path / "clips")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["clean", str(tmp_path / "clips"), "-o", str(out), "-j", "2"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    rows = map(json.loads, (out / "failures.jsonl").read_text().splitlines())
    report = {Path(r["path"]).name: r["error"] for r in rows}
    for name, message in src.items():
        if message is None:
            assert (out / name).with_suffix(".txt").read_text(encoding="utf-8").strip(), name
            assert name not in report
        else:
            assert f"{name}: {message}" in result.output
            assert message in report[name]
    assert snapshot(tmp_path / "clips") == before
    assert not [p for p in out.rglob("*") if p.name.endswith(".part")]
    assert "café" in (out / "cp1252.txt").read_text(encoding="utf-8")
    assert "Noël" in (out / "latin1.txt").read_text(encoding="utf-8")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file(tmp_path: Path):
    (tmp_path / "in").mkdir()
    locked = tmp_path / "in" / "locked.txt"
    locked.write_text(GOOD)
    locked.chmod(0)
    result = CliRunner().invoke(main, ["clean", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and "locked.txt: cannot read: Permission denied" in result.output


def test_timeout_reports_the_file_and_the_batch_goes_on(tmp_path: Path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "huge.txt").write_text((PROSE + "\n") * 40_000)
    (tmp_path / "in" / "small.txt").write_text(GOOD)
    result = CliRunner().invoke(main, ["clean", str(tmp_path / "in"), "-o", str(tmp_path / "out"),
                                       "--timeout", "0.2"])
    assert result.exit_code == 1
    assert "huge.txt: took longer than 0.2 s (the time limit, --timeout); skipped" in result.output
    assert (tmp_path / "out" / "small.txt").exists() and not (tmp_path / "out" / "huge.txt").exists()


def test_pathological_rule_is_bounded_and_named(tmp_path: Path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "global.txt").write_text("text_drop: (a|aa)+$\n")
    with pytest.raises(declutter.DeclutterError, match=r"global\.txt:1: pattern took over"):
        declutter.clean(GOOD + "a" * 40 + "b\n", rules=(rules,))


def test_same_stem_in_one_folder_gets_two_outputs(tmp_path: Path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD)
    (tmp_path / "in" / "a.md").write_text(GOOD.replace("headline", "title"))
    result = CliRunner().invoke(main, ["clean", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "out").glob("[!.]*")) == ["a.md.txt", "a.txt.txt"]


def test_output_equal_to_input_folder_is_refused(tmp_path: Path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD)
    result = CliRunner().invoke(main, ["clean", str(tmp_path / "in"), "-o", str(tmp_path / "in")])
    assert result.exit_code == 2 and "inside input folder" in result.output
    assert (tmp_path / "in" / "a.txt").read_text() == GOOD


def test_output_file_that_is_the_input_is_never_written(tmp_path: Path):
    (tmp_path / "a.txt").write_text(GOOD)
    result = CliRunner().invoke(main, ["clean", str(tmp_path / "a.txt"), "-o", str(tmp_path)])
    assert result.exit_code == 2 and "holds the input" in result.output
    assert (tmp_path / "a.txt").read_text() == GOOD


def test_interrupted_run_leaves_only_complete_outputs(tmp_path: Path):
    import signal
    import subprocess
    import sys
    import time

    (tmp_path / "in").mkdir()
    for i in range(3000):  # enough that a fast machine is still at work when the interrupt comes
        (tmp_path / "in" / f"{i:04}.txt").write_text(GOOD.replace("story", f"story {i}") + PROSE * (i % 7))
    command = [sys.executable, "-m", "declutter", "clean", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "2"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline and len(list((tmp_path / "out").glob("*.txt"))) < 5:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    stderr = process.communicate(timeout=60)[1].decode()
    assert process.returncode == 130 and "interrupted after" in stderr and "Traceback" not in stderr
    for output in (tmp_path / "out").glob("*.txt"):
        expected = declutter.clean((tmp_path / "in" / output.name).read_bytes()).splitlines()
        assert [line for line in output.read_text().splitlines() if line] == expected  # whole, paragraphs apart
    assert not list((tmp_path / "out").glob(".*.part"))


def test_a_30_mb_clipping_is_cleaned_and_one_of_too_many_lines_refused_in_one_line(tmp_path: Path):
    from declutter.options import MAX_LINES

    (tmp_path / "in").mkdir()
    page = "Menu\nHome\nWorld\n\n" + "\n\n".join(f"Paragraph {i}: {PROSE * 40}" for i in range(40)) + "\n\nFooter\n"
    big = (tmp_path / "in" / "big.txt")
    big.write_text(page * (30_000_000 // len(page) + 1))
    result = CliRunner().invoke(main, ["clean", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "Paragraph 39" in (tmp_path / "out" / "big.txt").read_text()
    (tmp_path / "in" / "long.txt").write_text(f"{PROSE}\n" * (MAX_LINES + 1))
    result = CliRunner().invoke(main, ["clean", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and f"long.txt: a clipping of {MAX_LINES + 1:,} lines, over the" in result.output


def test_an_output_that_cannot_be_written_is_a_named_failure(tmp_path: Path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD)
    (tmp_path / "in" / "b.txt").write_text(GOOD)
    (tmp_path / "out" / "a.txt").mkdir(parents=True)  # a folder where the output file should go
    result = CliRunner().invoke(main, ["clean", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "a.txt: cannot write" in result.output
    assert (tmp_path / "out" / "b.txt").is_file()


def test_thousands_of_blank_lines_of_spaces_before_a_rule_of_dashes_cost_no_time():
    """A page rendered to text leaves lines of spaces; the table check reads one line at a time
    (it once backtracked across them: minutes for a 30 kB page)."""
    body = "The council met on Tuesday and agreed on a plan for the parks of the city, the mayor said.\n" * 5
    clipping = "Home | News\n" + "   \n" * 3000 + "-" * 60 + "\n" + body
    result = declutter.extract(clipping, options=declutter.Options(timeout=10))
    assert "agreed on a plan" in result.text


def test_a_clipping_that_quotes_html_tags_is_read_as_text_and_keeps_them():
    clip = ("How to start a page\n\nEvery page begins with a <head> element that holds its title and metadata, "
            "and a body after it.\n\nThe <body> element then holds everything a reader sees on the page, from "
            "headings to paragraphs.\n")
    result = declutter.extract(clip)
    assert result.kind == "text"
    assert "begins with a <head> element" in result.text and "The <body> element then holds" in result.text
