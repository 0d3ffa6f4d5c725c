"""rules learn: rules written from six clippings of an invented site clean four others."""

from pathlib import Path

import pytest
from click.testing import CliRunner
from sitegen import clipping

import declutter
from declutter.cli import main
from declutter.options import Options
from declutter.tools.evaluate import token_score
from declutter.tools.learn import shape


def test_shape_generalises_numbers_and_dates():
    assert shape("Comments (12)") == shape("Comments (3)")
    assert shape("March 4, 2024") == shape("June 12, 2019")
    assert shape("Read more") != shape("Read less")


def learn_from(tmp_path: Path, clippings: int):
    """`rules learn` over that many invented clippings of one site, into tmp_path/rules."""
    train = tmp_path / "train"
    train.mkdir()
    for i in range(clippings):
        (train / f"{i}.txt").write_text(clipping(i)[0], encoding="utf-8")
    return CliRunner().invoke(main, ["rules", "learn", str(train), "--site", "harbourgazette.example",
                                     "-o", str(tmp_path / "rules")])


@pytest.fixture
def learned(tmp_path: Path) -> Path:
    result = learn_from(tmp_path, 6)
    assert result.exit_code == 0, result.output
    return tmp_path / "rules"


def test_learned_file_is_readable_and_loads(learned: Path):
    text = (learned / "harbourgazette.example.txt").read_text()
    assert text.startswith("# Rules for harbourgazette.example")
    assert "text_fingerprint:" in text and "text_start_after:" in text and "text_end_before:" in text
    assert "comments \\(\\d+\\)" in text
    check = CliRunner().invoke(main, ["rules", "check", str(learned)])
    assert check.exit_code == 0, check.output


def test_learned_rules_clean_new_clippings_without_url(learned: Path):
    scores = []
    for i in range(6, 10):
        text, gold = clipping(i)
        result = declutter.extract(text, rules=(learned,))
        assert result.site == "harbourgazette.example"
        assert "Photo: Harbour Gazette" in result.text.splitlines()  # a repeated credit is still a caption
        scores.append(token_score(result.text, gold).f1)
    assert sum(scores) / len(scores) >= 0.97, scores


def test_learn_needs_three_clippings(tmp_path: Path):
    (tmp_path / "few").mkdir()
    (tmp_path / "few" / "a.txt").write_text(clipping(1)[0])
    result = CliRunner().invoke(main, ["rules", "learn", str(tmp_path / "few"), "--site", "x.example",
                                       "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "need at least 3 clippings" in result.output


def test_a_folder_of_several_sites_is_refused_naming_them(tmp_path: Path):
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    for i, host in enumerate(["a.example", "a.example", "b.example"]):
        (mixed / f"{i}.md").write_text(f"---\nsource: https://{host}/story-{i}\n---\n" + clipping(i)[0],
                                       encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "learn", str(mixed), "--site", "a.example",
                                       "-o", str(tmp_path / "rules")])
    assert result.exit_code == 2 and "2 sites (a.example, b.example)" in result.output
    assert not (tmp_path / "rules").exists()


def test_an_end_marker_printed_above_one_article_does_not_cut_it(tmp_path: Path):
    result = learn_from(tmp_path, 4)
    assert result.exit_code == 0, result.output
    rules = (tmp_path / "rules" / "harbourgazette.example.txt").read_text()
    assert "text_end_before: keep the gazette independent" in rules
    page, article = clipping(7)
    standfirst = article.split("\n")[1]
    page = page.replace(standfirst, standfirst + "\nKeep the Gazette independent")  # a banner above the story
    url = "https://harbourgazette.example/a"
    text = declutter.clean(page, rules=(tmp_path / "rules",), url=url)
    without = declutter.clean(page, url=url, options=Options(site_rules=False))
    assert token_score(text, article).f1 >= token_score(without, article).f1
    assert all(line in text.splitlines() for line in article.splitlines()[3:])  # the paragraphs below it


def test_every_clipping_is_checked_with_rules_learned_from_the_others(tmp_path: Path):
    result = learn_from(tmp_path, 4)
    assert result.exit_code == 0
    assert all(f"{i}.txt:" in result.output and "no prose lost" in result.output for i in range(4))


def test_the_leave_one_out_measure_scores_each_page_with_and_without_learned_rules(tmp_path: Path):
    import subprocess
    import sys

    bench = tmp_path / "bench"
    (bench / "clip").mkdir(parents=True)
    (bench / "gold").mkdir()
    rows = ["id\turl\tdataset"]
    for i in range(5):
        page, article = clipping(i)
        (bench / "clip" / f"p{i}.txt").write_text(page, encoding="utf-8")
        (bench / "gold" / f"p{i}.txt").write_text(article, encoding="utf-8")
        rows.append(f"p{i}\thttps://www.harbourgazette.example/story-{i}\tinvented")
    (bench / "manifest.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    script = Path(__file__).resolve().parent.parent / "scripts" / "learn_leave_one_out.py"
    done = subprocess.run([sys.executable, str(script), str(bench), "--verbose"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("harbourgazette.example") == 5
    assert "5 pages:" in done.stdout
    assert "articles lost by the rules (recall under 0.5 with them only): 0" in done.stdout
