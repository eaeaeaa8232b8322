"""Archives past one machine: the batch on a Dask cluster (``pip install 'fengong[dask]'``).

The client lists the files, sends them to the workers in small batches, and yields the
results in the same order and shape as the local pool (``fengong.batch.run_batch``), so
output, progress, error report and ``--resume`` are the same code. Workers read the files by
path: a path all of them can see (a shared disk) or an fsspec URL (``s3://``, ``file://``).
A batch lost with a dying worker is retried once, file by file; a file that fails again is
reported as a crash. Nothing here is imported by the local path.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterator, Sequence

from fengong.batch import FileResult
from fengong.pipeline import records_of

BATCH_SIZE = 8
CONNECT_TIMEOUT = 10.0  # seconds to reach a remote scheduler


def read_one(path: str, options: dict) -> FileResult:
    """Read one file on a worker; any failure becomes the result's error (never raised).
    A Dask worker converts its .doc files through one LibreOffice kept for its life; a bag
    computed in the caller's own process converts them as a single file is."""
    from fengong.batch import failure_of

    if _in_worker():
        from fengong.extract.office import resident_for_life

        resident_for_life()
    start = time.perf_counter()
    try:
        if "://" in path:
            import fsspec

            with fsspec.open(path, "rb") as handle:
                data = handle.read()
            records = records_of(path, data=data, **options)
        else:
            records = records_of(path, **options)
        return FileResult(path, records, seconds=time.perf_counter() - start)
    except Exception as exc:  # one bad file must not stop the others
        kind, message = failure_of(exc)
        return FileResult(path, None, kind, message, time.perf_counter() - start)


def _in_worker() -> bool:
    try:
        from distributed import get_worker

        get_worker()
    except (ImportError, ValueError):
        return False
    return True


def read_batch(paths: Sequence[str], options: dict) -> list[FileResult]:
    return [read_one(path, options) for path in paths]


def connect(scheduler: str, workers: int = 0):
    """A Dask client: ``local`` starts a LocalCluster of worker processes, anything else is
    the address of a running scheduler (``tcp://host:8786``)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ImportError("running on Dask needs the dask extra: pip install 'fengong[dask]'") \
            from None
    if scheduler == "local":
        import os

        cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                               processes=True, dashboard_address=None)
        return Client(cluster)
    try:
        return Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        from fengong.archive import SchedulerError

        raise SchedulerError(f"cannot reach the Dask scheduler at {scheduler} within "
                             f"{CONNECT_TIMEOUT:g} s ({type(exc).__name__}); start it "
                             "(dask scheduler), check the address, or run without "
                             "--scheduler") from None


def run_distributed(paths: Sequence[str], options: dict, client,
                    batch_size: int = BATCH_SIZE) -> Iterator[FileResult]:
    """Yield each path's result in the order of ``paths``, read on the cluster."""
    from distributed import as_completed

    batches = [list(paths[i:i + batch_size]) for i in range(0, len(paths), batch_size)]
    index_of = {path: i for i, path in enumerate(paths)}
    futures = {client.submit(read_batch, batch, options, pure=False, retries=0): batch
               for batch in batches}
    done: dict[int, FileResult] = {}
    retried: set[str] = set()
    emitted = 0
    pending = as_completed(futures)
    for future in pending:
        batch = futures.pop(future)
        try:
            results = future.result()
        except Exception as exc:  # the worker died (KilledWorker) or the task broke
            for path in batch:
                if path in retried:
                    done[index_of[path]] = FileResult(
                        path, None, "crash", f"lost twice with its worker ({type(exc).__name__})")
                    continue
                retried.add(path)
                retry = client.submit(read_batch, [path], options, pure=False, retries=0)
                futures[retry] = [path]
                pending.add(retry)
            results = []
        for result in results:
            done[index_of[result.path]] = result
        while emitted in done:
            yield done.pop(emitted)
            emitted += 1


def runner(scheduler: str, workers: int = 0) -> Callable:
    """A batch runner for ``fengong.archive.extract_archive`` on a Dask cluster."""

    def run(paths: Sequence[str], options: dict) -> Iterator[FileResult]:
        client = connect(scheduler, workers)
        try:
            yield from run_distributed(paths, options, client)
        finally:
            cluster = client.cluster
            client.close()
            if cluster is not None and scheduler == "local":
                cluster.close()

    return run


def list_files(inputs: Sequence[str]) -> list[str]:
    """Local paths through ``fengong.batch.discover``; fsspec URLs listed with fsspec."""
    from fengong.batch import SUPPORTED, discover

    local = [i for i in inputs if "://" not in i]
    found = discover(local).files if local else []
    for url in (i for i in inputs if "://" in i):
        import fsspec

        fs, path = fsspec.core.url_to_fs(url)
        if fs.isdir(path):
            names = fs.find(path)
        elif any(ch in path for ch in "*?["):
            names = fs.glob(path)
        else:
            names = [path]
        found.extend(fs.unstrip_protocol(n) for n in sorted(names)
                     if n.rsplit(".", 1)[-1].lower() in {s[1:] for s in SUPPORTED})
    return found


def extract_bag(paths: Sequence[str], *, batch_size: int = BATCH_SIZE, **options):
    """A Dask Bag of task records (dicts) from files, directories, globs or fsspec URLs;
    failures are left out (run ``fengong extract`` for an error report)."""
    import dask.bag as db

    files = list_files(paths)
    bag = db.from_sequence(files, partition_size=batch_size)
    read = functools.partial(read_one, options=options)
    return bag.map(read).filter(lambda r: r.ok).map(lambda r: r.records).flatten()


def extract_frame(paths: Sequence[str], *, long: bool = False, **options):
    """A Dask DataFrame of task records, one column per record field, typed as
    ``fengong.to_dataframe`` types them (lists as objects); ``long``: one row per task ×
    unit × role, the frame to group by unit."""
    from fengong.frame import to_dataframe, typed
    from fengong.output.long import long_records

    meta = to_dataframe([], long=long)
    bag = extract_bag(paths, **options)
    if long:
        bag = bag.map_partitions(lambda part: list(long_records(part)))
    untyped = meta.astype(object)
    return bag.to_dataframe(meta=untyped).map_partitions(typed, meta=meta)
