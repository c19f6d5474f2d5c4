"""docgen agenda / aging --scheduler: the same output as a local run, computed on Dask workers
(issue 17), the index kept by the client."""
from __future__ import annotations

import json
import os

import pytest

distributed = pytest.importorskip("distributed")

from click.testing import CliRunner  # noqa: E402
from pfkit import AS_OF, copy_examples  # noqa: E402
from test_index import _backdate  # noqa: E402

from docgen import agenda, aging  # noqa: E402
from docgen.cli import main  # noqa: E402
from docgen.portfolio import agenda_cluster  # noqa: E402
from docgen.portfolio.agenda import agenda_json  # noqa: E402
from docgen.portfolio.aging import to_json  # noqa: E402
from docgen.portfolio.batch import cluster as cluster_mod  # noqa: E402
from docgen.errors import DocgenError  # noqa: E402
from docgen.portfolio.synthetic import make_portfolio  # noqa: E402


@pytest.fixture
def cases(tmp_path):
    folder = copy_examples(tmp_path / "cases")
    make_portfolio(folder / "synthetic", 16, AS_OF)
    (folder / "broken").mkdir()
    (folder / "broken" / "case.yaml").write_text("reference: [unclosed\n", encoding="utf-8")
    _backdate(folder)
    return folder


def test_same_agenda_and_aging_as_a_local_run(cases, local_cluster, monkeypatch):
    monkeypatch.setattr(agenda_cluster, "CHUNKS_PER_THREAD", 3)      # several chunks per worker
    local = agenda(cases, AS_OF, index=False)
    remote = agenda(cases, AS_OF, scheduler=local_cluster)
    assert agenda_json(remote, AS_OF) == agenda_json(local, AS_OF)
    assert remote.stats.parsed == remote.stats.cases == 21 and remote.stats.index
    again = agenda(cases, AS_OF, scheduler=local_cluster)          # rows from the client's index
    assert agenda_json(again, AS_OF) == agenda_json(local, AS_OF)
    assert again.stats.reused == again.stats.cases and again.stats.reread == 0
    report = aging(cases, AS_OF, scheduler=local_cluster, assume_last_rate=True)
    assert to_json(report) == to_json(aging(cases, AS_OF, index=False, assume_last_rate=True))
    assert report.rows and report.errors

    # The command, with the scheduler in the environment and the portfolio given relatively.
    monkeypatch.chdir(cases.parent)
    runner = CliRunner()
    args = ["agenda", "cases", "--as-of", AS_OF.isoformat(), "--json"]
    plain = runner.invoke(main, [*args, "--no-index"])
    spread = runner.invoke(main, args, env={"DOCGEN_SCHEDULER": local_cluster})
    assert spread.exit_code == plain.exit_code == 0, spread.output
    assert json.loads(spread.stdout) == json.loads(plain.stdout)
    assert json.loads(plain.stdout)["items"][0]["case"].startswith("cases" + os.sep)


def test_a_worker_of_another_docgen_is_refused(cases, local_cluster, monkeypatch):
    real = cluster_mod.identity
    monkeypatch.setattr(cluster_mod, "identity", lambda context: {**real(context), "legal data": "other"})
    with pytest.raises(DocgenError, match="runs another legal data"):
        agenda(cases, AS_OF, scheduler=local_cluster)


def test_an_unreachable_scheduler_is_one_line_exit_2(cases):
    with socket_free_port() as port:
        result = CliRunner().invoke(main, ["aging", str(cases), "--as-of", AS_OF.isoformat(),
                                           "--scheduler", f"tcp://127.0.0.1:{port}"])
    assert result.exit_code == 2, result.output
    assert "cannot reach the Dask scheduler" in result.output and "Traceback" not in result.output


class socket_free_port:  # noqa: N801 - a context manager used like a function
    """A port nothing listens on, for the run of the block."""

    def __enter__(self) -> int:
        import socket

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        return self.sock.getsockname()[1]

    def __exit__(self, *exc: object) -> None:
        self.sock.close()
