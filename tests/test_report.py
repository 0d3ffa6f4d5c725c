"""report: an offline review folder; rendered in headless Chromium where it is installed."""

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from declutter.cli import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "dw.txt").write_bytes((ROOT / "corpus/dw.com/german-rail-strike.txt").read_bytes())
    (inputs / "tricky.txt").write_text("A <script>alert(1)</script> & headline here\n\n"
                                       + "The council met on Tuesday and agreed a plan for the parks. " * 4)
    (inputs / "empty.txt").write_text("")
    result = CliRunner().invoke(main, ["report", str(inputs), "-o", str(tmp_path / "review")])
    assert result.exit_code == 1  # the empty file failed, and is in the report
    return tmp_path / "review"


def test_the_index_lists_every_file_failures_first_with_counts_and_stages(folder: Path):
    index = (folder / "index.html").read_text()
    assert "3 files, 1 failed" in index
    rows = index.split("<tbody>")[1].split("</tr>")
    assert "failed: empty input" in rows[0]  # failures first, then the files that kept least
    assert "dw.txt" in index and "<option>site rules</option>" in index
    assert "data-v=" in index and "querySelectorAll('#files th')" in index  # headings sort, by the page's script
    assert len(list((folder / "files").glob("*.html"))) == 3


def test_a_files_page_shows_every_lines_reason_and_escapes_the_input(folder: Path):
    pages = {p.read_text().split("<h1>")[1].split("</h1>")[0]: p.read_text() for p in (folder / "files").glob("*.html")}
    dw = next(text for name, text in pages.items() if name.endswith("dw.txt"))
    assert "<del>1. Skip to content</del>" in dw
    assert "dropped: site rules: rules/dw.com.txt:20: boilerplate line" in dw
    assert "kept only</button>" in dw and "dropped only</button>" in dw
    tricky = next(text for name, text in pages.items() if name.endswith("tricky.txt"))
    assert "&lt;script&gt;" in tricky and "<script>alert" not in tricky


def test_a_file_where_the_report_folder_goes_is_a_one_line_error(tmp_path: Path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("A headline\n\nSome text of the story here.\n")
    (tmp_path / "taken").write_text("keep")
    result = CliRunner().invoke(main, ["report", str(tmp_path / "in"), "-o", str(tmp_path / "taken")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert (tmp_path / "taken").read_text() == "keep"


def _screenshot(page: Path, tmp_path: Path, name: str):
    image = pytest.importorskip("PIL.Image")
    shot = tmp_path / f"{name}.png"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / ('profile-' + name)}", "--window-size=1300,900",
                    f"--screenshot={shot}", page.as_uri()], check=True, capture_output=True, timeout=120)
    return image.open(shot).convert("RGB")


def _longest_run(pixels, colour) -> int:
    width, height = pixels.size
    longest = 0
    for y in range(height):
        run = 0
        for x in range(width):
            run = run + 1 if colour(*pixels.getpixel((x, y))) else 0
            longest = max(longest, run)
    return longest


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium is not installed")
def test_the_report_renders_in_headless_chromium(folder: Path, tmp_path: Path):
    page = next(p for p in (folder / "files").glob("*.html") if "dw.txt</h1>" in p.read_text())
    # A struck-through dropped line is a long horizontal run of red pixels (glyphs alone are not).
    assert _longest_run(_screenshot(page, tmp_path, "file"), lambda r, g, b: r > 150 and g < 80 and b < 80) >= 80
    # The index's table: its heading row is a wide band of grey.
    grey = _longest_run(_screenshot(folder / "index.html", tmp_path, "index"),
                        lambda r, g, b: 225 < r < 245 and abs(r - g) < 4 and abs(g - b) < 4)
    assert grey >= 600


def test_an_html_pages_report_shows_what_the_extractor_left_out(tmp_path: Path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "page.html").write_bytes((ROOT / "corpus/html/harbour-cafe-reopens.html").read_bytes())
    result = CliRunner().invoke(main, ["report", str(inputs), "-o", str(tmp_path / "review")])
    assert result.exit_code == 0
    page = next((tmp_path / "review" / "files").glob("*.html")).read_text()
    left_out = page.split("Left out by the extractor")[1]
    assert "<del>Sport</del>" in left_out and "Three months after the January floods" not in left_out
