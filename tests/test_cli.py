"""The CLI over folders: mirrored outputs, failures named, exit codes, inputs untouched."""

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from declutter.cli import main

GOOD = "A headline here\n\n" + "The council met on Tuesday and agreed on a plan for the parks of the city. " * 4 + "\n"


def make_inputs(tmp_path: Path) -> Path:
    src = tmp_path / "clips"
    (src / "sub dir").mkdir(parents=True)
    (src / "one.txt").write_text(GOOD, encoding="utf-8")
    (src / "sub dir" / "twö.md").write_text("---\nurl: https://example.org/a\n---\n" + GOOD, encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (src / "notes.pdf").write_bytes(b"%PDF")  # not a clipping extension: skipped
    return src


def snapshot(folder: Path) -> dict:
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_folder_run_mirrors_tree_names_failures_and_exits_non_zero(tmp_path):
    src = make_inputs(tmp_path)
    before = snapshot(src)
    result = CliRunner().invoke(main, ["clean", str(src), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert (tmp_path / "out" / "one.txt").read_text().startswith("A headline here")
    assert (tmp_path / "out" / "sub dir" / "twö.txt").exists()
    assert "empty.txt: empty input" in result.output
    assert "image.html: binary data (a PNG image" in result.output
    assert "4 files, 2 cleaned, 2 failed" in result.output
    assert "Traceback" not in result.output
    assert snapshot(src) == before
    assert not list((tmp_path / "out").rglob("*.part"))


def test_parallel_run_gives_the_same_outputs(tmp_path):
    src = make_inputs(tmp_path)
    runner = CliRunner()
    runner.invoke(main, ["clean", str(src), "-o", str(tmp_path / "a")])
    runner.invoke(main, ["clean", str(src), "-o", str(tmp_path / "b"), "-j", "2"])
    a, b = snapshot(tmp_path / "a"), snapshot(tmp_path / "b")
    assert [p.relative_to(tmp_path / "a") for p in a] == [p.relative_to(tmp_path / "b") for p in b]
    assert list(a.values()) == list(b.values())


def test_output_inside_input_is_refused(tmp_path):
    src = make_inputs(tmp_path)
    result = CliRunner().invoke(main, ["clean", str(src), "-o", str(src / "cleaned")])
    assert result.exit_code == 2 and "inside input folder" in result.output


def test_json_format_explains_blocks(tmp_path):
    src = make_inputs(tmp_path)
    CliRunner().invoke(main, ["clean", str(src / "one.txt"), "-o", str(tmp_path / "out"), "--format", "json"])
    data = json.loads((tmp_path / "out" / "one.json").read_text())
    assert data["text"].startswith("A headline here")
    assert all({"line", "kept", "stage", "reason"} <= set(b) for b in data["blocks"])


def test_stdin_to_stdout():
    result = subprocess.run([sys.executable, "-m", "declutter", "clean", "-"], input=GOOD.encode(),
                            capture_output=True, check=False)
    assert result.returncode == 0
    assert result.stdout.decode().startswith("A headline here")


def test_malformed_rule_folder_is_one_line_error(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "x.com.txt").write_text("text_drop: (\n")
    src = make_inputs(tmp_path)
    result = CliRunner().invoke(main, ["clean", str(src), "-o", str(tmp_path / "out"), "--rules", str(rules)])
    assert result.exit_code == 2
    assert "x.com.txt:1: bad regular expression" in result.output and "Traceback" not in result.output


def test_dangling_symlink_and_undecodable_bytes_are_named_and_batch_goes_on(tmp_path):
    src = tmp_path / "clips"
    src.mkdir()
    (src / "good.txt").write_text(GOOD, encoding="utf-8")
    (src / "gone.txt").symlink_to(src / "missing.txt")
    french = "Le conseil s'est réuni mardi et a adopté un plan pour les parcs. " * 3
    (src / "latin1.txt").write_bytes(french.encode("latin-1"))
    result = CliRunner().invoke(main, ["clean", str(src), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "gone.txt: broken or looping symbolic link" in result.output
    assert "réuni" in (tmp_path / "out" / "latin1.txt").read_text(encoding="utf-8")
    assert (tmp_path / "out" / "good.txt").exists()


def test_incremental_runs_skip_up_to_date_outputs(tmp_path):
    import os
    import time

    src = tmp_path / "clips"
    src.mkdir()
    for name in ("a.txt", "b.txt"):
        (src / name).write_text(GOOD, encoding="utf-8")
    runner = CliRunner()
    assert "2 cleaned" in runner.invoke(main, ["clean", str(src), "-o", str(tmp_path / "out")]).output
    again = runner.invoke(main, ["clean", str(src), "-o", str(tmp_path / "out")])
    assert "0 cleaned, 2 up to date" in again.output and again.exit_code == 0
    later = time.time() + 10
    os.utime(src / "a.txt", (later, later))
    assert "1 cleaned, 1 up to date" in runner.invoke(main, ["clean", str(src), "-o", str(tmp_path / "out")]).output
    forced = runner.invoke(main, ["clean", str(src), "-o", str(tmp_path / "out"), "--force"])
    assert "2 cleaned" in forced.output and "up to date" not in forced.output


def test_jsonl_is_one_record_per_input_in_one_file(tmp_path):
    src = make_inputs(tmp_path)
    result = CliRunner().invoke(main, ["clean", str(src), "-o", str(tmp_path / "all.jsonl"), "--format", "jsonl"])
    assert result.exit_code == 1  # the empty and the image file
    records = [json.loads(line) for line in (tmp_path / "all.jsonl").read_text().splitlines()]
    assert len(records) == 4
    good = next(r for r in records if r.get("text"))
    assert {"url", "site", "title", "language", "kept", "dropped", "removed"} <= set(good)
    assert sum(1 for r in records if "error" in r) == 2
    assert not list(tmp_path.glob(".all.jsonl.*"))


def test_markdown_format_keeps_markdown_and_paragraphs(tmp_path):
    clip = tmp_path / "clip.md"
    clip.write_text("---\ntitle: A story\nurl: https://example.org/a\n---\n# A story\n\nSkip to content\n\n"
                    + "**Bold** start of a paragraph that says what the council decided about the parks today.\n\n"
                    + "A second paragraph that explains why the decision matters to the people in the town.\n")
    result = CliRunner().invoke(main, ["clean", str(clip), "-o", str(tmp_path / "out"), "--format", "md"])
    assert result.exit_code == 0
    out = (tmp_path / "out" / "clip.md").read_text()
    assert out.startswith("---\ntitle: A story\nurl: https://example.org/a\n---\n# A story\n\n**Bold** start")
    assert "\n\nA second paragraph" in out and "Skip to content" not in out


def test_jsonl_to_stdout_from_inside_the_input_folder(tmp_path, monkeypatch):
    src = make_inputs(tmp_path)
    monkeypatch.chdir(src)
    result = subprocess.run([sys.executable, "-m", "declutter", "clean", ".", "-o", "-", "--format", "jsonl"],
                            capture_output=True, check=False)
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert result.returncode == 1 and len(records) == 4
    assert "failures are in the JSON lines on stdout" in result.stderr.decode()
    assert not list(src.glob("*failures*"))


def test_a_finished_parallel_run_lets_its_workers_end_on_their_own(tmp_path, monkeypatch):
    import multiprocessing
    from multiprocessing.process import BaseProcess

    from declutter.options import Options
    from declutter.run.batch import Job, run_batch

    ended = []
    for method in ("terminate", "kill"):
        original = getattr(BaseProcess, method)
        monkeypatch.setattr(BaseProcess, method, lambda process, _o=original: ended.append(1) or _o(process))

    for i in range(40):
        (tmp_path / f"{i}.txt").write_text(f"Headline {i}\n\nThe minister said the talks would go on.\n")
    jobs = [Job(str(tmp_path / f"{i}.txt"), str(tmp_path / f"{i}.out"), "txt", None, Options()) for i in range(40)]
    outcomes = list(run_batch(jobs, workers=2, timeout=60))
    assert len(outcomes) == 40 and all(o.ok for o in outcomes)
    assert not ended and multiprocessing.active_children() == []  # told to finish, and joined


def test_inputs_of_the_same_name_in_two_folders_get_two_outputs(tmp_path):
    for folder, words in (("d1", "harbour"), ("d2", "railway")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(GOOD.replace("parks", words), encoding="utf-8")
    out = tmp_path / "out"
    for _ in range(2):  # and a second run finds both up to date, neither lost
        result = CliRunner().invoke(main, ["clean", str(tmp_path / "d1" / "story.txt"),
                                           str(tmp_path / "d2" / "story.txt"), "-o", str(out)])
        assert result.exit_code == 0, result.output
    assert "harbour" in (out / "d1" / "story.txt").read_text() and "railway" in (out / "d2" / "story.txt").read_text()
    assert "2 up to date" in result.output
    args = ["clean", str(tmp_path / "d1"), str(tmp_path / "d2"), "-o", str(tmp_path / "o2")]
    folders = CliRunner().invoke(main, args)
    assert folders.exit_code == 0 and (tmp_path / "o2" / "d1" / "story.txt").exists()
    assert (tmp_path / "o2" / "d2" / "story.txt").exists()


def test_a_run_with_other_options_or_rules_is_not_up_to_date(tmp_path):
    src = tmp_path / "clips"
    src.mkdir()
    (src / "a.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    runner = CliRunner()
    assert "1 cleaned" in runner.invoke(main, ["clean", str(src), "-o", str(out)]).output
    assert "up to date" in runner.invoke(main, ["clean", str(src), "-o", str(out)]).output
    no_title = runner.invoke(main, ["clean", str(src), "-o", str(out), "--no-title"])
    assert "1 cleaned" in no_title.output and not (out / "a.txt").read_text().startswith("A headline")
    assert "1 cleaned" in runner.invoke(main, ["clean", str(src), "-o", str(out), "--url", "https://x.example/a"]).output
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "x.example.txt").write_text("text_drop: a headline here\n")
    assert "1 cleaned" in runner.invoke(main, ["clean", str(src), "-o", str(out), "--rules", str(rules)]).output
    assert "up to date" in runner.invoke(main, ["clean", str(src), "-o", str(out), "--rules", str(rules)]).output
    (rules / "x.example.txt").write_text("text_drop: nothing like it\n")  # the rules changed
    assert "1 cleaned" in runner.invoke(main, ["clean", str(src), "-o", str(out), "--rules", str(rules)]).output


def test_a_stale_failures_report_goes_when_nothing_fails(tmp_path):
    src = tmp_path / "clips"
    src.mkdir()
    (src / "a.txt").write_text(GOOD, encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["clean", str(src), "-o", str(out)]).exit_code == 1
    assert (out / "failures.jsonl").exists()
    (src / "empty.txt").unlink()
    assert CliRunner().invoke(main, ["clean", str(src), "-o", str(out)]).exit_code == 0
    assert not (out / "failures.jsonl").exists()


def test_one_input_without_output_folder_writes_stdout_and_several_are_refused_clearly(tmp_path):
    src = make_inputs(tmp_path)
    runner = CliRunner()
    alone = runner.invoke(main, ["clean", str(src / "one.txt")])
    assert alone.exit_code == 0 and alone.output.startswith("A headline here")
    dash = runner.invoke(main, ["clean", str(src / "one.txt"), "-o", "-", "--format", "json"])
    assert dash.exit_code == 0 and json.loads(dash.output)["text"].startswith("A headline here")
    assert not (Path.cwd() / "-").exists()
    folder = runner.invoke(main, ["clean", str(src)])
    assert folder.exit_code == 2 and "missing -o/--output" in folder.output
    several = runner.invoke(main, ["clean", str(src), "-o", "-"])
    assert several.exit_code == 2 and "-o - writes one input's txt to stdout" in several.output
    assert "Traceback" not in folder.output + several.output


def test_stdin_with_an_output_folder_writes_stdin_txt_there(tmp_path):
    result = CliRunner().invoke(main, ["clean", "-", "-o", str(tmp_path / "out")], input=GOOD)
    assert result.exit_code == 0
    assert (tmp_path / "out" / "stdin.txt").read_text(encoding="utf-8").startswith("A headline here")


def test_an_output_of_the_wrong_kind_is_a_one_line_error(tmp_path):
    src = make_inputs(tmp_path)
    (tmp_path / "a-file").write_text("keep me", encoding="utf-8")
    (tmp_path / "a-folder").mkdir()
    runner = CliRunner()
    file_as_folder = runner.invoke(main, ["clean", str(src), "-o", str(tmp_path / "a-file")])
    folder_as_file = runner.invoke(main, ["clean", str(src), "-o", str(tmp_path / "a-folder"), "--format", "jsonl"])
    assert file_as_folder.exit_code == 2 and "is a file" in file_as_folder.output
    assert folder_as_file.exit_code == 2 and "is a folder" in folder_as_file.output
    assert (tmp_path / "a-file").read_text(encoding="utf-8") == "keep me"
    assert "Traceback" not in file_as_folder.output + folder_as_file.output


def test_a_folder_without_clippings_is_a_warning_and_exit_1(tmp_path):
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(main, ["clean", str(tmp_path / "empty"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and "warning: no clippings found" in result.output


def test_quiet_prints_only_failures_and_verbose_each_file(tmp_path):
    src = make_inputs(tmp_path)
    quiet = CliRunner().invoke(main, ["clean", str(src), "-o", str(tmp_path / "q"), "-q"])
    assert quiet.exit_code == 1 and "failed: " in quiet.output and "files," not in quiet.output
    verbose = CliRunner().invoke(main, ["clean", str(src), "-o", str(tmp_path / "v"), "-v"])
    assert "one.txt: kept" in verbose.output and "4 files, 2 cleaned" in verbose.output


def test_a_text_clippings_json_title_is_its_headline(tmp_path):
    src = make_inputs(tmp_path)
    result = CliRunner().invoke(main, ["clean", str(src / "one.txt"), "--format", "json"])
    assert json.loads(result.output)["title"] == "A headline here"


def test_text_output_keeps_the_clippings_paragraph_breaks(tmp_path):
    body = "The council met on Tuesday and agreed on a plan for the parks of the city and its river banks."
    clip = tmp_path / "paras.txt"
    clip.write_text(f"A headline here\n\n{body}\n{body.replace('Tuesday', 'Monday')}\n\n"
                    f"{body.replace('parks', 'schools')}\n", encoding="utf-8")
    lines = CliRunner().invoke(main, ["clean", str(clip)]).output.splitlines()
    assert lines == ["A headline here", "", body, body.replace("Tuesday", "Monday"), "",
                     body.replace("parks", "schools")]


def test_the_progress_total_counts_what_the_run_will_clean(tmp_path):
    from declutter.run.outputs import count_inputs, walk

    src = make_inputs(tmp_path)
    (src / ".hidden").mkdir()
    (src / ".hidden" / "skip.txt").write_text(GOOD, encoding="utf-8")
    inputs = [src, src / "one.txt"]  # a file named twice is cleaned once
    assert count_inputs(inputs) == len(list(walk(inputs, tmp_path / "out", "txt"))) == 4


CLIPPED_MD = ("---\ntitle: \"Council backs the parks plan\"\nsource: https://news.example/parks\nauthor: Ann Lee\n"
              "created: 2024-05-20\ntags: [clippings]\n---\n# Council backs the parks plan\n\n" + GOOD.split("\n\n")[1])


def test_markdown_output_keeps_the_clippings_front_matter_as_written_unless_told(tmp_path):
    clip = tmp_path / "parks.md"
    clip.write_text(CLIPPED_MD, encoding="utf-8")
    kept = CliRunner().invoke(main, ["clean", str(clip), "--format", "md"]).output
    assert kept.startswith(CLIPPED_MD.split("# Council")[0]) and "# Council backs the parks plan" in kept
    left_out = CliRunner().invoke(main, ["clean", str(clip), "--format", "md", "--no-front-matter"]).output
    assert left_out.startswith("# Council backs the parks plan")


def test_with_metadata_starts_text_output_with_a_yaml_block_and_json_carries_author_and_date(tmp_path):
    import yaml

    clip = tmp_path / "parks.md"
    clip.write_text(CLIPPED_MD, encoding="utf-8")
    text = CliRunner().invoke(main, ["clean", str(clip), "--with-metadata"]).output
    header, body = text.split("---\n", 2)[1:]
    assert yaml.safe_load(header) == {"title": "Council backs the parks plan", "author": "Ann Lee",
                                      "date": "2024-05-20", "url": "https://news.example/parks",
                                      "site": "news.example", "host": "news.example", "language": "en",
                                      "tags": ["clippings"]}
    assert body.lstrip().startswith("Council backs the parks plan")
    page = tmp_path / "page.html"
    page.write_text("<html><head><meta property=\"og:title\" content=\"Parks plan: the council's vote\">"
                    "<meta name=\"author\" content=\"Ann Lee\"><meta property=\"article:published_time\" "
                    "content=\"2024-05-20T10:00:00Z\"></head><body><article><h1>Parks plan</h1>"
                    + "".join(f"<p>{line}</p>" for line in [GOOD.split("\n\n")[1]] * 3) + "</article></body></html>",
                    encoding="utf-8")
    record = json.loads(CliRunner().invoke(main, ["clean", str(page), "--format", "json"]).output)
    assert (record["title"], record["author"], record["date"]) == ("Parks plan: the council's vote", "Ann Lee",
                                                                   "2024-05-20T10:00:00Z")


def parks_page(tmp_path: Path, middle: str) -> Path:
    """An HTML page of the parks story: a paragraph, `middle` (told a paragraph, PROSE), another."""
    prose = GOOD.split("\n\n")[1].strip()
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Parks plan</title></head><body><article><h1>Parks plan</h1>"
                    f"<p>{prose}</p>{middle.replace('PROSE', prose.replace('Tuesday', 'Friday'))}"
                    f"<p>{prose.replace('Tuesday', 'Monday')}</p></article></body></html>", encoding="utf-8")
    return page


def test_markdown_output_of_an_html_page_has_its_headings_lists_links_and_emphasis(tmp_path):
    page = parks_page(tmp_path, "<h2>What changes</h2><p>The plan was <b>approved</b> after a "
                                "<a href='https://news.example/vote'>long vote</a> on Tuesday evening in the town "
                                "hall, with most members in favour.</p><ul><li>More trees along the river and the "
                                "canal</li><li>New benches in every park of the city</li></ul>")
    md = CliRunner().invoke(main, ["clean", str(page), "--format", "md"]).output
    assert "## What changes" in md and "**approved**" in md and "[long vote](https://news.example/vote)" in md
    assert "- More trees along the river and the canal" in md
    text = CliRunner().invoke(main, ["clean", str(page)]).output
    assert "What changes" in text and "##" not in text and "https://" not in text and "**" not in text


def test_markdown_output_of_an_html_page_has_its_images_above_their_captions_lazy_ones_too(tmp_path):
    page = parks_page(tmp_path, "<figure><img src='https://news.example/park.jpg' alt='The new park at dawn'>"
                                "<figcaption>The new park at dawn, seen from the bridge. Photo: Lee Kane"
                                "</figcaption></figure><p>PROSE</p><p><img src='https://news.example/1x1.gif' "
                                "data-original='https://news.example/map.png' alt='Map of the parks'></p>")
    lines = CliRunner().invoke(main, ["clean", str(page), "--format", "md"]).output.splitlines()
    image = lines.index("![The new park at dawn](https://news.example/park.jpg)")
    assert lines[image + 1] == "The new park at dawn, seen from the bridge. Photo: Lee Kane"
    assert "![Map of the parks](https://news.example/map.png)" in lines  # a lazily loaded image's real address
    text = CliRunner().invoke(main, ["clean", str(page)]).output
    assert "park.jpg" not in text and "Photo: Lee Kane" in text


def test_the_program_ends_through_run_with_its_status_and_its_outputs_whole(tmp_path):
    """`declutter` and `python -m declutter` end through cli.run (its exit skips the last garbage
    collections): the status is main()'s and what went to stdout and the output folder is whole."""
    from importlib.metadata import entry_points

    assert [e.value for e in entry_points(group="console_scripts", name="declutter")] == ["declutter.cli:run"]
    clip = tmp_path / "story.txt"
    clip.write_text(GOOD, encoding="utf-8")
    shown = subprocess.run([sys.executable, "-m", "declutter", "clean", str(clip), "-o", "-"],
                           capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0 and shown.stdout.rstrip().endswith("parks of the city.")
    (tmp_path / "empty.txt").write_bytes(b"")
    failed = subprocess.run([sys.executable, "-m", "declutter", "clean", str(clip), str(tmp_path / "empty.txt"),
                             "-o", str(tmp_path / "out")], capture_output=True, text=True, timeout=120)
    assert failed.returncode == 1 and "empty.txt" in failed.stderr
    assert (tmp_path / "out" / "story.txt").read_text(encoding="utf-8") == shown.stdout
