"""explain and rules check."""

from pathlib import Path

from click.testing import CliRunner

from declutter.cli import main

ROOT = Path(__file__).resolve().parent.parent
DW = ROOT / "corpus" / "dw.com" / "german-rail-strike.txt"


def test_explain_marks_every_line_with_its_reason():
    result = CliRunner().invoke(main, ["explain", str(DW)])
    assert result.exit_code == 0
    assert "site dw.com" in result.output
    assert "    1 - 1. Skip to content" in result.output
    assert "site rules: rules/dw.com.txt:20: boilerplate line" in result.output
    assert "+ German rail strike halts most long-distance trains" in result.output
    assert "\x1b[" not in result.output  # no colour when not a terminal


def test_explain_in_colour_on_a_terminal():
    result = CliRunner().invoke(main, ["explain", str(DW)], color=True)
    assert "\x1b[9m" in result.output or "\x1b[31m" in result.output


def test_explain_bad_file_is_one_line():
    result = CliRunner().invoke(main, ["explain", str(ROOT / "nope.txt")])
    assert result.exit_code == 2 and "no such file or folder" in result.output


def test_rules_check_passes_on_shipped_rules():
    result = CliRunner().invoke(main, ["rules", "check"])
    assert result.exit_code == 0, result.output
    assert "rules/dw.com.txt:28: ../corpus/dw.com/german-rail-strike.txt: 3 keeps" in result.output
    assert "0 skipped" in result.output  # from a source checkout, every clipping is there


def write_rules(folder: Path, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "example.org.txt").write_text(text, encoding="utf-8")
    return folder


def test_rules_check_fails_on_a_test_that_does_not_hold(tmp_path: Path):
    clip = tmp_path / "clip.txt"
    clip.write_text("A title here\n\n" + "A sentence of the article that says enough to be prose here. " * 3
                    + "\n\nSubscribe now\n", encoding="utf-8")
    rules = write_rules(tmp_path / "rules", f"text_drop: subscribe now\ntext_test: {clip}\n"
                        "text_test_keeps: a title here\ntext_test_drops: subscribe now\n"
                        "text_test_drops: never in the clipping\n")
    result = CliRunner().invoke(main, ["rules", "check", str(rules)])
    assert result.exit_code == 1
    assert "'never in the clipping' matches no line of the clipping" in result.output
    assert "0 failed" not in result.output


def test_rules_check_reports_syntax_errors_with_line(tmp_path: Path):
    rules = write_rules(tmp_path / "rules", "title: //h1\ntext_drop: (oops\n")
    result = CliRunner().invoke(main, ["rules", "check", str(rules)])
    assert result.exit_code == 1 and "example.org.txt:2: bad regular expression" in result.output


def test_rules_check_runs_ftr_tests_on_offline_pages(tmp_path: Path):
    pages = tmp_path / "pages"
    (pages / "html").mkdir(parents=True)
    (pages / "manifest.tsv").write_text("id\turl\np1\thttps://example.org/a\n")
    body = "".join(f"<p>Paragraph {i} of the story tells what the council decided about the parks.</p>"
                   for i in range(5))
    (pages / "html" / "p1.html").write_text(f"<html><body><article>{body}</article></body></html>")
    rules = write_rules(tmp_path / "rules", "test_url: https://example.org/a\ntest_contains: Paragraph 3 of the story\n"
                        "test_url: https://example.org/b\n")
    result = CliRunner().invoke(main, ["rules", "check", str(rules), "--pages", str(pages)])
    assert result.exit_code == 0, result.output
    assert "SKIP" in result.output and "no offline copy of https://example.org/b" in result.output
    (rules / "example.org.txt").write_text("test_url: https://example.org/a\ntest_contains: Not on the page\n")
    assert CliRunner().invoke(main, ["rules", "check", str(rules), "--pages", str(pages)]).exit_code == 1


def test_rules_check_resolves_test_paths_against_the_rule_file_from_any_folder(tmp_path: Path, monkeypatch):
    (tmp_path / "clips").mkdir()
    (tmp_path / "clips" / "a.txt").write_text("A title here\n\n" + "A sentence of the article that says enough "
                                               "to be prose here. " * 3 + "\n\nSubscribe now\n", encoding="utf-8")
    rules = write_rules(tmp_path / "rules", "text_drop: subscribe now\ntext_test: ../clips/a.txt\n"
                        "text_test_drops: subscribe now\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    passed = CliRunner().invoke(main, ["rules", "check", str(rules)])
    assert passed.exit_code == 0 and "1 ok" not in passed.output and "0 failed, 0 skipped" in passed.output
    (tmp_path / "clips" / "a.txt").unlink()
    missing = CliRunner().invoke(main, ["rules", "check", str(rules)])
    assert missing.exit_code == 1 and "clipping ../clips/a.txt not found" in missing.output


def test_eval_peers_that_are_not_installed_are_a_one_line_error(monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "boilerpy3" else real(name, *a))
    result = CliRunner().invoke(main, ["eval", str(ROOT / "corpus"), "--peers", "boilerpy3-article,trafilatura"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "peer(s) not installed: boilerpy3-article (pip install 'declutter[eval]')" in result.output


def test_eval_reports_articles_lost_per_dataset_with_the_stage_that_removed_them(tmp_path: Path):
    prose = "The council met on Tuesday and agreed on a plan for the parks of the city, the mayor said. "
    (tmp_path / "clip").mkdir()
    (tmp_path / "gold").mkdir()
    rows = ["id\tdataset"]
    for i, dataset in enumerate(["news", "news", "blogs"]):
        body = f"Story {i}: " + prose * 3
        # the last one's article sits behind a generic drop rule, so its article is lost
        clip = f"A headline {i}\n\n{body}\n" if i < 2 else "Skip to content\n" + "Menu\n" * 3
        (tmp_path / "clip" / f"p{i}.txt").write_text(clip, encoding="utf-8")
        (tmp_path / "gold" / f"p{i}.txt").write_text(body if i < 2 else "Skip to content", encoding="utf-8")
        rows.append(f"p{i}\t{dataset}")
    (tmp_path / "manifest.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(tmp_path / "clip"), str(tmp_path / "gold"), "--no-title"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.split()[:3] == ["news", "declutter", "all"] and line.split()[-2] == "0" for line in lines)
    assert any(line.split()[:3] == ["blogs", "declutter", "all"] and line.split()[-2] == "1" for line in lines)
    assert any(line.startswith("mean ") for line in lines)
    assert "articles lost by declutter (token recall < 0.5): 1" in result.output
    assert "p2.txt  recall 0.00  removed mostly by generic rules (rules/lexicon/en.txt:" in result.output


def test_gold_texts_are_read_in_utf8_and_utf16_even_with_a_mangled_byte_order_mark(tmp_path: Path):
    from declutter.tools.evaluate import read_gold

    text = "Forgiving your enemies\n\nThe abbot asked his pupil — “how?”\n"
    (tmp_path / "a.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "b.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "c.txt").write_bytes("ÿþ".encode() + text.encode("utf-16-le"))
    assert [read_gold(tmp_path / name).strip() for name in ("a.txt", "b.txt", "c.txt")] == [text.strip()] * 3


def test_the_held_out_pages_are_every_nth_of_each_dataset_in_the_manifest_whichever_are_present(tmp_path: Path):
    from declutter.tools.evaluate import parts_of

    rows = ["id\tdataset"] + [f"a{i}\tnews" for i in range(10)] + [f"b{i}\tblogs" for i in range(5)]
    (tmp_path / "manifest.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    stems = [f"a{i}" for i in range(10)] + [f"b{i}" for i in range(5)]
    parts = dict(zip(stems, parts_of(stems, tmp_path / "clip", 5)))
    assert sorted(s for s, p in parts.items() if p == "held-out") == ["a4", "a9", "b4"]
    present = [s for s in stems if s not in ("a0", "a1")]  # two renderings missing: the rest keep their part
    assert dict(zip(present, parts_of(present, tmp_path / "clip", 5))) == {s: parts[s] for s in present}
    assert parts_of(["x0", "x1", "x2"], tmp_path / "none", 3) == ["dev", "dev", "held-out"]  # no manifest
