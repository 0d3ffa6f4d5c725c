"""Dask: a LocalCluster on loopback gives byte-identical outputs to the local CLI."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from declutter.cli import main

distributed = pytest.importorskip("distributed")
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as local:
        yield local


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_cli_on_a_cluster_matches_the_local_run(cluster, tmp_path: Path):
    rules = tmp_path / "my-rules"
    rules.mkdir()
    (rules / "example.org.txt").write_text("text_fingerprint: example org footer line\ntext_drop: buy our book\n")
    (ROOT / "corpus").exists()
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "e.txt").write_text("A headline of the example\n\n" + "The council met on Tuesday and agreed a plan. " * 5
                                 + "\n\nBuy our book\nExample org footer line\n")
    (extra / "empty.txt").write_text("")
    runner = CliRunner()
    args = [str(ROOT / "corpus"), str(extra), "--rules", str(rules)]
    local = runner.invoke(main, ["clean", *args, "-o", str(tmp_path / "local")])
    remote = runner.invoke(main, ["clean", *args, "-o", str(tmp_path / "remote"), "--scheduler",
                                  cluster.scheduler_address])
    assert local.exit_code == remote.exit_code == 1, remote.output  # empty.txt fails in both
    assert "empty.txt: empty input" in remote.output
    assert snapshot(tmp_path / "local") == snapshot(tmp_path / "remote")
    assert "Buy our book" not in (tmp_path / "remote" / "extra" / "e.txt").read_text()


def test_clean_bag(cluster):
    import dask.bag as db

    from declutter.run.cluster import clean_bag

    texts = [(ROOT / "corpus/dw.com/german-rail-strike.txt").read_text(), "", "\x89PNG\r\n\x1a\n\x00"]
    with distributed.Client(cluster.scheduler_address):
        result = clean_bag(db.from_sequence(texts, npartitions=2)).compute()
    assert result[0].startswith("Commuters wait on a platform") and result[1:] == [None, None]


def test_unreachable_scheduler_is_one_line(tmp_path: Path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Some text that is long enough to be cleaned by anyone at all.")
    result = CliRunner().invoke(main, ["clean", str(tmp_path / "in"), "-o", str(tmp_path / "out"),
                                       "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2 and "Dask scheduler tcp://127.0.0.1:1" in result.output
