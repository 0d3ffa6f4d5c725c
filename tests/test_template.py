"""Folder-level template detection: lines repeated across clippings of one folder."""

from pathlib import Path

import declutter
from declutter.options import TEMPLATE_MIN_FILES as MIN_FILES
from declutter.pipeline import clean_input
from declutter.stages.template import template_lines

APPEAL = "Dear reader, our newsroom relies on you to keep going, so please consider giving what you can."


def clipping(i: int) -> str:
    story = f"Story {i} tells how the harbour of town number {i} was rebuilt after the storm of last winter."
    return f"Headline {i}\n\n{story}\n\n{story.replace('tells', 'explains')}\n\n{APPEAL}\nMenu item\n"


def test_repeated_lines_are_template_in_any_language(tmp_path: Path):
    paths = []
    for i in range(MIN_FILES):
        paths.append(tmp_path / f"{i}.txt")
        paths[-1].write_text(clipping(i), encoding="utf-8")
    keys = template_lines(paths)
    lines = paths[0].read_text(encoding="utf-8").splitlines()
    assert lines.index(APPEAL) + 1 in keys[paths[0]]
    assert lines.index("Headline 0") + 1 not in keys[paths[0]]
    result = declutter.extract(paths[0].read_bytes())
    doc = clean_input(paths[0].read_bytes(), template_lines=keys[paths[0]]).doc
    assert APPEAL not in doc.text and "Story 0 tells" in doc.text
    assert next(b for b in doc.blocks if b.text == APPEAL).reason.stage == "template"
    assert result.text  # without the folder, the same file still cleans


def test_duplicate_files_count_once(tmp_path: Path):
    paths = []
    for i in range(MIN_FILES):
        paths.append(tmp_path / f"{i}.txt")
        paths[-1].write_text(clipping(0), encoding="utf-8")
    assert not template_lines(paths)[paths[0]]


def test_copies_of_one_article_are_not_template(tmp_path: Path):
    paths = []
    for i in range(MIN_FILES):
        paths.append(tmp_path / f"{i}.txt")
        paths[-1].write_text(clipping(0) + f"Clipped with tool {i}\n", encoding="utf-8")
    keys = template_lines(paths)
    assert "Story 0 tells" in clean_input(paths[0].read_bytes(), template_lines=keys[paths[0]]).doc.text


def test_a_credit_repeated_on_every_page_of_a_site_is_kept_with_its_caption(tmp_path: Path):
    """Captions come before the template: a site that credits every photo alike keeps the credit."""
    credit = "Photo: Harbour Gazette/Jane Photographer"
    paths = []
    for i in range(MIN_FILES + 1):
        story = f"Story {i} tells how the harbour of town number {i} was rebuilt after the storm of last winter."
        paths.append(tmp_path / f"{i}.txt")
        paths[-1].write_text(f"Menu item\nHeadline {i}\n\n{story}\n\nBoats in the harbour of town {i}\n{credit}\n\n"
                             f"{story.replace('tells', 'explains')}\n\n{APPEAL}\n", encoding="utf-8")
    keys = template_lines(paths)
    doc = clean_input(paths[0].read_bytes(), template_lines=keys[paths[0]]).doc
    assert credit in doc.text.splitlines() and "Boats in the harbour of town 0" in doc.text
    assert APPEAL not in doc.text and "Menu item" not in doc.text.splitlines()


def test_a_run_reads_the_next_folders_template_pass_between_this_folders_files(tmp_path: Path, monkeypatch):
    """Each file gets its own folder's template lines, and the next folder is read a share at a
    time as this one's files go out (the workers never wait for a whole folder's pre-pass)."""
    from declutter.run import outputs
    from declutter.stages import template

    folders = {name: [tmp_path / "in" / name / f"{i}.txt" for i in range(MIN_FILES + 3)] for name in ("a", "b", "c")}
    for name, paths in folders.items():
        paths[0].parent.mkdir(parents=True)
        for i, path in enumerate(paths):
            path.write_text(clipping(i) + f"Only in folder {name}\n" * (i % 2), encoding="utf-8")
    events: list[str] = []
    add = template.FolderPass.add
    monkeypatch.setattr(template.FolderPass, "add", lambda self, path: (events.append(f"read {path.parent.name}"),
                                                                        add(self, path))[1])
    expected = {p: k for paths in folders.values() for p, k in template_lines(paths).items()}
    events.clear()
    for path, _, keys in outputs.walk([tmp_path / "in"], tmp_path / "out", "txt"):
        events.append(f"yield {path.parent.name}")
        assert keys == expected[path] and keys  # the folder's own template lines
    first_b, last_a = events.index("read b"), len(events) - 1 - events[::-1].index("yield a")
    assert events.index("yield a") < first_b < last_a  # b read between a's files, not all before them
    assert events.count("read b") == len(folders["b"])
