"""The resident LibreOffice of batch workers: restarted when it hangs or dies, the file in
progress failing alone; a profile of its own per worker; nothing left running."""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest

from fengong.batch import run_batch
from fengong.extract import office as office_module
from fengong.extract.errors import ExtractError
from fengong.extract.legacy import convert, soffice
from fengong.extract.office import ResidentOffice, current, resident, uno_python

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
DOC = (SAMPLES / "plan_b/legacy.doc").read_bytes()

pytestmark = pytest.mark.skipif(
    soffice() is None or uno_python() is None or not os.path.isdir("/proc"),
    reason="needs LibreOffice, its Python UNO (python3-uno) and /proc")


@pytest.fixture
def office():
    started = ResidentOffice(soffice(), uno_python())
    yield started
    started.close()


def _is_docx(data: bytes) -> bool:
    return data[:2] == b"PK" and b"word/document.xml" in data


def _gone(pid: int) -> bool:
    return not os.path.exists(f"/proc/{pid}") or "Z" in Path(f"/proc/{pid}/stat").read_text()


def test_converts_file_after_file_in_one_office(office):
    assert _is_docx(office.convert(DOC, ".doc", "docx", timeout=60))
    pid = office.office.pid
    assert _is_docx(office.convert(DOC, ".doc", "docx", timeout=60))
    assert office.office.pid == pid


def test_a_hung_office_is_restarted_and_only_its_file_fails(office):
    office.convert(DOC, ".doc", "docx", timeout=60)
    hung, profile = office.office.pid, office.profile
    os.kill(hung, signal.SIGSTOP)
    with pytest.raises(ExtractError, match="did not finish converting the file in 3 s"):
        office.convert(DOC, ".doc", "docx", timeout=3)
    assert _gone(hung)
    assert not profile.exists()
    assert _is_docx(office.convert(DOC, ".doc", "docx", timeout=60))
    assert office.office.pid != hung and office.profile != profile


def test_a_killed_office_leaves_nothing_in_the_temporary_folder(tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    sockets = set(Path("/tmp").glob("OSL_PIPE_*"))
    started = ResidentOffice(soffice(), uno_python())
    started.convert(DOC, ".doc", "docx", timeout=60)
    os.kill(started.office.pid, signal.SIGSTOP)
    with pytest.raises(ExtractError, match="did not finish"):
        started.convert(DOC, ".doc", "docx", timeout=3)
    assert list(tmp_path.iterdir()) == []  # its profile and temporary files
    assert set(Path("/tmp").glob("OSL_PIPE_*")) <= sockets


def test_an_office_dying_mid_file_fails_that_file_and_is_restarted(office):
    office.convert(DOC, ".doc", "docx", timeout=60)
    dying = office.office.pid
    os.kill(dying, signal.SIGSTOP)  # the file is sent, then the office dies under it
    killer = threading.Timer(0.5, os.kill, (dying, signal.SIGKILL))
    killer.start()
    try:
        with pytest.raises(ExtractError, match="LibreOffice crashed converting the file"):
            office.convert(DOC, ".doc", "docx", timeout=60)
    finally:
        killer.join()
    assert _is_docx(office.convert(DOC, ".doc", "docx", timeout=60))
    assert office.office.pid != dying


def test_an_office_that_died_between_files_is_restarted_without_failing(office):
    office.convert(DOC, ".doc", "docx", timeout=60)
    os.kill(office.office.pid, signal.SIGKILL)
    office.office.wait()
    assert _is_docx(office.convert(DOC, ".doc", "docx", timeout=60))


def test_a_damaged_file_fails_alone_and_the_office_stays(office):
    office.convert(DOC, ".doc", "docx", timeout=60)
    pid = office.office.pid
    with pytest.raises(ExtractError, match="could not convert"):
        office.convert(DOC[:3000], ".doc", "docx", timeout=60)  # truncated
    assert _is_docx(office.convert(DOC, ".doc", "docx", timeout=60))
    assert office.office.pid == pid


def test_resident_is_only_for_its_block_and_ends_the_office():
    with resident():
        convert(DOC, ".doc")
        started = current()
        pids = [started.office.pid]
        profile = started.profile
    assert current() is None
    assert all(_gone(pid) for pid in pids)
    assert not profile.exists()


def _convert_and_tell(path: str) -> list[dict]:
    """A batch job: convert, then say which worker and profile did it (or hang the office
    first, for the file named 'hang')."""
    if Path(path).name == "hang":
        os.kill(current().office.pid, signal.SIGSTOP)
        convert(DOC, ".doc", timeout=3)
    convert(DOC, ".doc")
    office = current()
    return [{"worker": os.getpid(), "profile": str(office.profile),
             "office": office.office.pid}]


def test_two_workers_never_share_a_profile_and_leave_nothing_running(tmp_path):
    paths = [str(tmp_path / f"f{i}") for i in range(6)]
    results = list(run_batch(paths, _convert_and_tell, workers=2))
    assert all(r.ok for r in results), [r.message for r in results]
    profiles: dict[int, set[str]] = {}
    for r in results:
        profiles.setdefault(r.records[0]["worker"], set()).add(r.records[0]["profile"])
    assert len(profiles) == 2
    first, second = profiles.values()
    assert len(first) == len(second) == 1 and first != second  # one each, all files long
    assert not any(Path(p).exists() for p in first | second)
    assert not [p for p in Path("/tmp").glob("OSL_PIPE_*") for w in first | second
                if Path(w).parent.name in p.name]
    assert all(_gone(r.records[0]["office"]) for r in results)


def test_in_a_batch_a_hung_office_fails_only_its_file(tmp_path):
    paths = [str(tmp_path / name) for name in ("a", "hang", "b", "c")]
    results = list(run_batch(paths, _convert_and_tell, workers=1))
    assert [r.ok for r in results] == [True, False, True, True]
    assert "did not finish converting the file in 3 s" in results[1].message
    assert results[0].records[0]["office"] != results[2].records[0]["office"]


def test_one_file_keeps_the_one_shot_path(tmp_path):
    (result,) = run_batch([str(tmp_path / "one")], _uses_resident, workers=1)
    assert result.records == [{"resident": False}]


def _uses_resident(path: str) -> list[dict]:
    return [{"resident": current() is not None}]


def test_a_batch_with_no_legacy_file_starts_no_office(tmp_path):
    paths = [str(tmp_path / f"f{i}") for i in range(2)]
    assert [r.records for r in run_batch(paths, _office_started, workers=1)] == [
        [{"started": False}]] * 2


def _office_started(path: str) -> list[dict]:
    return [{"started": office_module._current is not None}]


def test_without_python_uno_conversions_take_the_one_shot_path(monkeypatch):
    monkeypatch.setattr(office_module, "uno_python", lambda: None)
    with resident():
        assert current() is None
        assert _is_docx(convert(DOC, ".doc"))


def test_the_bridge_needs_no_fengong():
    source = (Path(office_module.__file__).with_name("uno_bridge.py")).read_text()
    assert "fengong" not in source.split('"""', 2)[2]
    assert shutil.which(uno_python())


def _read_and_tell(path: str) -> tuple[bool, int, int | None]:
    """A Dask task: read a .doc through fengong's worker path; say which worker and which
    office did it."""
    from fengong.dask import read_one

    result = read_one(path, {})
    office = current()
    return result.ok, os.getpid(), office.office.pid if office else None


def test_a_dask_worker_keeps_one_office_for_its_life_and_it_ends_with_the_worker(tmp_path):
    pytest.importorskip("distributed")
    import sys

    import cloudpickle
    from distributed import Client, LocalCluster

    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    paths = []
    for i in range(4):
        paths.append(str(tmp_path / f"notice{i}.doc"))
        Path(paths[-1]).write_bytes(DOC)
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        told = client.gather([client.submit(_read_and_tell, p, pure=False) for p in paths])
    assert all(ok for ok, _, _ in told)
    assert len({worker for _, worker, _ in told}) == 1
    offices = {office for _, _, office in told}
    assert len(offices) == 1 and None not in offices  # one office, both threads, all files
    (office,) = offices
    deadline = time.monotonic() + 10
    while not _gone(office) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _gone(office)
    assert current() is None  # the caller's process started none
