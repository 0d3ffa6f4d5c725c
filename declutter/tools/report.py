"""`declutter report`: an offline folder to review a run, one page per file and an index.

The index lists every file with its kept and dropped lines, the share kept and the stage that
dropped most; it sorts by any column (click its heading), filters by name or site and by stage,
and starts with the failures, then the files that kept least. Each file's page shows every line
with its decision and reason, with buttons to show only the kept or only the dropped lines.
Pages are written as the files are cleaned, so a run of thousands keeps little in memory.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass
from html import escape
from pathlib import Path

from ..document import Document
from ..errors import DeclutterError
from ..run.outputs import check_writable, current_umask, shown, write_atomically

MARK = ".declutter-report"  # in every report folder: what a later report may replace

STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1400px;padding:1em 2em;color:#222}
h1{font-size:1.4em} .meta{color:#666;font-size:.9em} .totals{background:#f4f4f4;padding:.6em 1em;border-radius:6px}
table{border-collapse:collapse;width:100%} th{cursor:pointer;text-align:left;background:#eee;position:sticky;top:0}
td,th{padding:2px 6px;border-bottom:1px solid #eee;vertical-align:top}
td.n,th.n{text-align:right;color:#666} td.text{white-space:pre-wrap}
tr.kept td.text{border-left:3px solid #2a7}
tr.dropped td.text{color:#b00;border-left:3px solid #b00;background:#fff5f5}
tr.dropped del{text-decoration-thickness:2px} td.why{color:#555;font-size:.9em;width:30%}
tr.failed td{color:#b00} body.only-kept tr.dropped, body.only-dropped tr.kept{display:none}
button{margin-right:.4em} input,select{margin-right:1em}
"""

INDEX_SCRIPT = """
const rows=[...document.querySelectorAll('#files tbody tr')];
function show(){const q=document.getElementById('q').value.toLowerCase(),s=document.getElementById('stage').value;
 for(const r of rows){r.style.display=(r.dataset.key.includes(q)&&(!s||r.dataset.stage===s))?'':'none';}}
document.getElementById('q').oninput=show;document.getElementById('stage').onchange=show;
document.querySelectorAll('#files th').forEach((th,i)=>th.onclick=()=>{
 const up=th.dataset.up!=='1';th.dataset.up=up?'1':'0';const num=th.classList.contains('n');
 rows.sort((a,b)=>{const x=a.cells[i].dataset.v??a.cells[i].textContent,y=b.cells[i].dataset.v??b.cells[i].textContent;
  const c=num?(parseFloat(x)-parseFloat(y)):x.localeCompare(y);return up?c:-c;});
 const body=document.querySelector('#files tbody');rows.forEach(r=>body.appendChild(r));});
"""


@dataclass(frozen=True)
class Entry:
    """One input of the report: its name and either its cleaned document or why it failed."""

    name: str
    doc: Document | None = None
    error: str | None = None
    removed: tuple[str, ...] = ()  # for an HTML page: the page's text lines the extractor left out


@dataclass(frozen=True)
class Row:
    """What the index says of one file."""

    name: str
    page: str
    site: str
    kept: int
    dropped: int
    stage: str  # the stage that dropped most of its lines
    error: str | None = None

    @property
    def share(self) -> float:
        return self.kept / max(self.kept + self.dropped, 1)


def check_report_folder(folder: Path, force: bool = False) -> None:
    """Refuse a report folder that is a file, or a folder of the user's (not empty, not an earlier
    report) unless forced, or one that cannot be written; before anything is cleaned."""
    if folder.exists() and not folder.is_dir():
        raise DeclutterError(f"{shown(folder)} is a file: name a folder for the report")
    if folder.is_dir() and not force and not (folder / MARK).exists() and any(folder.iterdir()):
        raise DeclutterError(f"{shown(folder)} holds files that are not a declutter report: name a new or empty "
                             "folder (--force replaces it)")
    check_writable(folder.parent)


class Report:
    """A report folder being written: add() each file as it is cleaned, then finish(), which puts
    the whole folder in place at once (an earlier report there is replaced); abort() leaves
    nothing behind."""

    def __init__(self, folder: Path, title: str = "declutter report") -> None:
        self.target, self.title = folder, title
        self.rows: list[Row] = []
        folder.parent.mkdir(parents=True, exist_ok=True)
        self.folder = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.", suffix=".part"))
        (self.folder / "files").mkdir()

    def add(self, entry: Entry) -> None:
        page = f"files/{len(self.rows) + 1:05}.html"
        doc = entry.doc
        if doc is None:
            self.rows.append(Row(entry.name, page, "", 0, 0, "", entry.error or "failed"))
            write_atomically(self.folder / page, _head(entry.name) + f"<p class='meta'>failed: "
                             f"{escape(entry.error or '')}</p></body></html>\n")
            return
        stages = Counter(b.reason.stage for b in doc.blocks if not b.kept and b.reason)
        kept = sum(1 for b in doc.blocks if b.kept)
        self.rows.append(Row(entry.name, page, doc.site or "", kept, len(doc.blocks) - kept,
                             stages.most_common(1)[0][0] if stages else ""))
        write_atomically(self.folder / page, file_page(entry.name, doc, entry.removed))

    def finish(self) -> Path:
        """Write the index (failures first, then the files that kept least); its path."""
        rows = sorted(self.rows, key=lambda r: (r.error is None, r.share))
        stages = sorted({r.stage for r in rows if r.stage})
        failed = sum(1 for r in rows if r.error)
        kept, dropped = sum(r.kept for r in rows), sum(r.dropped for r in rows)
        parts = [_head(self.title),
                 f"<p class='totals'>{len(rows)} files, {failed} failed; lines kept {kept}, dropped {dropped}. "
                 "Click a heading to sort; a file's name opens its page.</p>",
                 "<p><input id='q' placeholder='filter by name or site'><select id='stage'>"
                 "<option value=''>any stage</option>"
                 + "".join(f"<option>{escape(s)}</option>" for s in stages) + "</select></p>",
                 "<table id='files'><thead><tr><th>file</th><th>site</th><th class='n'>kept</th>"
                 "<th class='n'>dropped</th><th class='n'>share kept</th><th>dropped most by</th></tr></thead><tbody>"]
        for r in rows:
            key = escape(f"{r.name} {r.site}".lower(), quote=True)
            status = f"failed: {escape(r.error)}" if r.error else escape(r.stage)
            parts.append(f"<tr class='{'failed' if r.error else 'ok'}' data-key='{key}' "
                         f"data-stage='{escape(r.stage, quote=True)}'><td><a href='{r.page}'>{escape(r.name)}</a></td>"
                         f"<td>{escape(r.site)}</td><td class='n'>{r.kept}</td><td class='n'>{r.dropped}</td>"
                         f"<td class='n' data-v='{r.share:.4f}'>{r.share:.0%}</td><td>{status}</td></tr>")
        parts.append(f"</tbody></table><script>{INDEX_SCRIPT}</script></body></html>\n")
        write_atomically(self.folder / "index.html", "".join(parts))
        (self.folder / MARK).write_text("a folder written by `declutter report`\n")
        self.folder.chmod(0o777 & ~current_umask())  # mkdtemp makes folders private; a report is shared as usual
        old = None
        if self.target.exists():
            old = self.folder.with_name(self.folder.name + ".old")
            self.target.rename(old)
        self.folder.rename(self.target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return self.target / "index.html"

    def abort(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)



def extractor_removed(page_text: str, doc: Document) -> tuple[str, ...]:
    """The lines of an HTML page's text rendering that no block holds: what the extractor left out."""
    held = {" ".join(b.text.split()) for b in doc.blocks}
    lines = (" ".join(line.split()) for line in page_text.splitlines())
    return tuple(line for line in lines if line and line not in held)


def file_page(name: str, doc: Document, removed: tuple[str, ...] = ()) -> str:
    """One file: every line with its decision and reason, and the buttons that filter them; for an
    HTML page, what the extractor left out, after them."""
    kept = sum(1 for b in doc.blocks if b.kept)
    parts = [_head(name), f"<p class='meta'><a href='../index.html'>index</a> · site {escape(doc.site or 'unknown')}, "
             f"language {escape(doc.language or 'unknown')}, {doc.kind}"
             + (f", extracted by {escape(doc.extractor)}" if doc.extractor else "")
             + f"; {kept} of {len(doc.blocks)} lines kept</p>",
             "<p><button onclick=\"document.body.className=''\">all lines</button>"
             "<button onclick=\"document.body.className='only-kept'\">kept only</button>"
             "<button onclick=\"document.body.className='only-dropped'\">dropped only</button></p>",
             "<table><thead><tr><th class='n'>line</th><th>text</th><th>why</th></tr></thead><tbody>"]
    for block in doc.blocks:
        reason = escape(str(block.reason) if block.reason else "undecided")
        text = escape(block.text)
        if block.kept:
            parts.append(f"<tr class='kept'><td class='n'>{block.line}</td><td class='text'>{text}</td>"
                         f"<td class='why'>kept: {reason}</td></tr>")
        else:
            parts.append(f"<tr class='dropped'><td class='n'>{block.line}</td><td class='text'><del>{text}</del></td>"
                         f"<td class='why'>dropped: {reason}</td></tr>")
    parts.append("</tbody></table>")
    if removed:
        parts.append(f"<h2>Left out by the extractor ({len(removed)} lines of the page's text)</h2>"
                     "<table><tbody>" + "".join(f"<tr class='dropped'><td class='text'><del>{escape(line)}</del></td>"
                                                "<td class='why'>dropped: not in the extracted content</td></tr>"
                                                for line in removed) + "</tbody></table>")
    parts.append("</body></html>\n")
    return "".join(parts)


def _head(title: str) -> str:
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{escape(title)}</title>"
            f"<style>{STYLE}</style></head><body><h1>{escape(title)}</h1>")
