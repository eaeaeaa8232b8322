"""The batch on Dask: a real scheduler and two workers as separate processes on 127.0.0.1."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from conftest import SAMPLES
from fengong.cli import main

pytest.importorskip("distributed")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listens on {port}")


@pytest.fixture
def cluster(tmp_path):
    """A scheduler and two single-threaded workers (no nanny: a killed worker stays dead)."""
    port = _free_port()
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    logs = open(tmp_path / "dask.log", "wb")  # noqa: SIM115 - closed below
    scheduler = subprocess.Popen(
        [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
         "--port", str(port), "--dashboard-address", ":0", "--no-show"],
        stdout=logs, stderr=logs, env=env)
    _wait_for_port(port)
    address = f"tcp://127.0.0.1:{port}"
    workers = [subprocess.Popen(
        [sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads", "1",
         "--no-nanny", "--host", "127.0.0.1", "--dashboard-address", ":0"],
        stdout=logs, stderr=logs, env=env) for _ in range(2)]
    from distributed import Client

    with Client(address) as client:
        client.wait_for_workers(2, timeout=60)
    yield address, workers
    for process in [*workers, scheduler]:
        process.kill()
        process.wait()
    logs.close()


@pytest.fixture
def mixed(tmp_path):
    root = tmp_path / "mixed"
    root.mkdir()
    names = ["tsv.txt", "word_table.docx", "ruled.pdf", "notice.html", "table.xlsx",
             "unruled.pdf", "lines.txt", "word_split.docx"]
    for copy in range(3):
        for name in names:
            shutil.copy(SAMPLES / "plan_b" / name, root / f"{copy}_{name}")
    (root / "broken.docx").write_bytes((SAMPLES / "plan_b/word_table.docx").read_bytes()[:3000])
    return root


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_cluster_output_is_identical_to_the_local_run(cluster, mixed, tmp_path):
    address, _ = cluster
    local, remote = tmp_path / "local.jsonl", tmp_path / "remote.jsonl"
    errors = tmp_path / "errors.csv"
    first = _run("extract", mixed, "-o", local, "-q")
    second = _run("extract", mixed, "-o", remote, "--scheduler", address, "--errors", errors,
                  "-q")
    assert first.exit_code == second.exit_code == 1
    assert remote.read_bytes() == local.read_bytes()
    assert len(local.read_text(encoding="utf-8").splitlines()) == 24 * 12
    assert "broken.docx,corrupt," in errors.read_text(encoding="utf-8-sig")


def test_a_worker_killed_mid_run_loses_no_file(cluster, mixed, tmp_path):
    address, workers = cluster
    local, remote = tmp_path / "local.jsonl", tmp_path / "remote.jsonl"
    _run("extract", mixed, "-o", local, "-q")
    command = [sys.executable, "-m", "fengong.cli", "extract", str(mixed), "-o", str(remote),
               "--scheduler", address, "--resume", "-q"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    progress = tmp_path / "remote.jsonl.progress"
    while time.monotonic() < deadline and (not progress.exists()
                                           or len(progress.read_text().splitlines()) < 3):
        time.sleep(0.05)
    workers[0].send_signal(signal.SIGKILL)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 1, stderr.decode()
    assert remote.read_bytes() == local.read_bytes()
    assert b"broken.docx" in stderr and b"crash" not in stderr


def test_parquet_output_and_dask_dataframe(mixed, tmp_path):
    import pyarrow.parquet as pq

    from fengong.dask import extract_frame

    out = tmp_path / "tasks.parquet"
    _run("extract", mixed, "-o", out, "-q")
    table = pq.read_table(out)
    assert table.num_rows == 24 * 12
    assert str(table.schema.field("lead_units").type) == "list<element: string>"
    parts = tmp_path / "parts"
    _run("extract", mixed, "-f", "parquet", "-o", f"{parts}/", "-q")
    assert pq.read_table(parts).num_rows == 24 * 12
    frame = extract_frame([str(mixed / "0_tsv.txt"), str(mixed / "0_notice.html")])
    computed = frame.compute(scheduler="synchronous")
    assert len(computed) == 24 and list(computed.columns[:3]) == ["task_id", "source", "seq"]
    assert json.dumps(computed.iloc[0]["other_units"], ensure_ascii=False) == \
        '["县政务服务中心", "县公安局", "县税务局"]'


def test_the_local_path_never_imports_dask(tmp_path):
    code = ("import sys; from fengong.cli import main\n"
            "try:\n    main(['extract', sys.argv[1], '-o', sys.argv[2], '-w', '1', '-q'])\n"
            "except SystemExit:\n    pass\n"
            "print('dask' in sys.modules or 'distributed' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(SAMPLES / "plan_b"),
                          str(tmp_path / "o.jsonl")], capture_output=True, text=True)
    assert out.stdout.strip().splitlines()[-1] == "False"
