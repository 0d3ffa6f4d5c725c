"""report: a static review page; rendered in headless Chromium where it is installed."""

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from declutter.cli import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def page(tmp_path: Path) -> Path:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "dw.txt").write_bytes((ROOT / "corpus/dw.com/german-rail-strike.txt").read_bytes())
    (inputs / "tricky.txt").write_text("A <script>alert(1)</script> & headline here\n\n"
                                       + "The council met on Tuesday and agreed a plan for the parks. " * 4)
    (inputs / "empty.txt").write_text("")
    result = CliRunner().invoke(main, ["report", str(inputs), "-o", str(tmp_path / "report.html")])
    assert result.exit_code == 1  # the empty file failed, and is in the report
    return tmp_path / "report.html"


def test_report_strikes_dropped_lines_with_reasons(page: Path):
    html = page.read_text()
    assert "3 files, 1 failed" in html
    assert "<div class='line dropped' title='site rules: rules/dw.com.txt:20: boilerplate line'>" in html
    assert "<del>1. Skip to content</del>" in html
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert "failed: empty input" in html
    assert "<pre class='cleaned'>Commuters wait on a platform" in html


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium is not installed")
def test_report_renders_in_headless_chromium(page: Path, tmp_path: Path):
    image = pytest.importorskip("PIL.Image")
    shot = tmp_path / "shot.png"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1300,900",
                    f"--screenshot={shot}", page.as_uri()], check=True, capture_output=True, timeout=120)
    pixels = image.open(shot).convert("RGB")
    width, height = pixels.size

    def red(x: int, y: int) -> bool:
        r, g, b = pixels.getpixel((x, y))
        return r > 150 and g < 80 and b < 80

    # A struck-through line is a long horizontal run of red pixels (glyphs alone are not).
    longest = 0
    for y in range(height):
        run = 0
        for x in range(width):
            run = run + 1 if red(x, y) else 0
            longest = max(longest, run)
    assert longest >= 80
