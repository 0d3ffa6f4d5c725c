"""Every entry point cleans an input through one function: same decisions, same failures."""

import json
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

import declutter
from declutter.cli import main
from declutter.pipeline import clean_input
from declutter.run.cluster import clean_texts

APPEAL = "Dear reader, our newsroom relies on you to keep going, so please consider giving what you can."
MASTHEAD = "The Harbour Gazette is printed in the old mill by the river every Thursday morning."
PROSE = "The council met on Tuesday and agreed on a plan for the parks of the city, the mayor said. "


def folder_with_template(tmp_path: Path) -> Path:
    src = tmp_path / "clips"
    src.mkdir()
    for i in range(4):
        opening = f"{PROSE * 2}".replace("Tuesday", f"day {i}")
        (src / f"{i}.txt").write_text(f"Harbour Gazette\nHeadline number {i} of the gazette\n\n{opening}\n\n"
                                      f"Story {i}: {PROSE}\n\n{MASTHEAD}\nGazette ferries timetable\n",
                                      encoding="utf-8")
    return src


def test_explain_shows_exactly_what_clean_decides_on_a_folder(tmp_path: Path):
    src = folder_with_template(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["clean", str(src), "-o", str(tmp_path / "out"), "--format", "json"]).exit_code == 0
    explained = runner.invoke(main, ["explain", str(src), "--width", "1000"]).output
    template_lines = 0
    for i in range(4):
        blocks = json.loads((tmp_path / "out" / f"{i}.json").read_text())["blocks"]
        section = explained.split(f"{i}.txt: site")[1].split(".txt: site")[0]
        for block in blocks:
            mark = "+" if block["kept"] else "-"
            assert f"{block['line']:5} {mark} {block['text']}\n" in section
            reason = ": ".join(p for p in (block["stage"], block["rule"], block["reason"]) if p)
            assert reason in section
            template_lines += block["stage"] == "template"
    assert template_lines >= 4  # the folder's template lines were seen by both


def test_an_unexpected_error_fails_one_document_not_the_partition(monkeypatch):
    from declutter.stages import headline

    def broken(doc, ctx):
        if any("boom" in b.text for b in doc.blocks):
            raise ValueError("a bug")

    monkeypatch.setattr(headline, "apply", broken)
    texts = clean_texts(["A headline here\n\n" + PROSE * 3, "boom\n\n" + PROSE * 3, ""])
    assert texts[0] and texts[1] is None and texts[2] is None
    cleaned = clean_input("boom\n\n" + PROSE * 3)
    assert cleaned.error == "internal error: ValueError: a bug" and isinstance(cleaned.failure, declutter.InternalError)


def test_the_time_limit_holds_in_a_worker_thread():
    huge = (PROSE + "\n") * 40_000
    found = {}

    def work() -> None:
        found["cleaned"] = clean_input(huge, options=declutter.Options(timeout=0.2))
        found["after"] = clean_input("A headline here\n\n" + PROSE * 3, options=declutter.Options(timeout=5))

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(60)
    assert not worker.is_alive()
    assert "took longer than 0.2 s" in found["cleaned"].error
    assert found["after"].doc is not None  # nothing left behind for the next input


def test_a_time_limit_that_fires_as_its_watcher_starts_leaves_nothing_behind(monkeypatch):
    import time

    from declutter import deadline

    start = threading.Thread.start

    def slow_start(self) -> None:  # a loaded machine: the limit is up before start() returns
        start(self)
        time.sleep(0.05)
    monkeypatch.setattr(deadline.threading.Thread, "start", slow_start)
    try:
        with deadline.time_limit(0.001):
            time.sleep(1)
    except deadline.TimeLimit:
        pass
    monkeypatch.undo()
    for _ in range(20):  # a watcher left running would raise in here, every 50 ms
        time.sleep(0.01)
    ok = clean_input("A headline here\n\n" + PROSE * 3, options=declutter.Options(timeout=None))
    assert ok.doc is not None


def test_the_time_limit_watcher_is_woken_only_for_a_limit_due_before_the_others(monkeypatch):
    """Inputs one after another leave the watcher asleep (no thread switch per input), and a
    shorter limit added under a longer one still fires on time."""
    import time

    from declutter import deadline

    monkeypatch.setattr(deadline, "_watcher", deadline._Watcher())
    woken = []
    notify = deadline._watcher.lock.notify
    monkeypatch.setattr(deadline._watcher.lock, "notify", lambda *a: (woken.append(1), notify(*a)))
    for _ in range(50):
        with deadline.time_limit(30):
            pass
    assert len(woken) == 1  # the first limit only
    start = time.monotonic()
    with pytest.raises(deadline.TimeLimit):
        with deadline.time_limit(30):
            with deadline.time_limit(0.05):
                time.sleep(0.01)
                while time.monotonic() - start < 5:
                    pass
    assert time.monotonic() - start < 2


def test_a_batch_with_a_tiny_time_limit_fails_each_file_on_one_line_and_does_not_hang(tmp_path):
    import subprocess
    import sys

    (tmp_path / "in").mkdir()
    for i in range(40):
        (tmp_path / "in" / f"{i:02}.txt").write_text("A headline here\n\n" + PROSE * (3 + i % 5), encoding="utf-8")
    command = [sys.executable, "-m", "declutter", "clean", str(tmp_path / "in"), "-o", str(tmp_path / "out"),
               "-j", "2", "--timeout", "0.001"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    failed = [line for line in done.stderr.splitlines() if line.startswith("declutter: failed:")]
    assert all("took longer than" in line for line in failed)
    assert "40 files" in done.stderr


def test_options_have_one_name_each_and_every_cleaning_command_takes_them():
    shared = {"--url", "--rules", "--no-title", "--no-site-rules", "--no-template", "--timeout"}
    for command in ("clean", "explain", "report", "eval"):
        names = {opt for param in main.commands[command].params for opt in getattr(param, "opts", [])}
        assert shared <= names, command


def test_front_matter_is_the_users_and_never_steers_the_pipeline():
    clip = ("---\ntitle: The harbour story\nextractor: trafilatura\nregion: [0, 1]\nsite: example.org\n---\n"
            "# The harbour story\n\nSkip to content\n\n" + PROSE * 3 + "\n\nMenu item one\n")
    cleaned = clean_input(clip, kind="markdown")
    doc = cleaned.doc
    assert doc.front_matter["extractor"] == "trafilatura" and doc.extractor is None
    assert not any(b.reason.stage == "extract" for b in doc.blocks)  # the fallback and rules decided
    assert "Skip to content" not in doc.text
