"""Records as a pandas DataFrame for data teams (pandas is the optional extra ``pandas``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from fengong.model import FIELDS, Task


def _pandas():
    try:
        import pandas
    except ImportError:
        raise ImportError("fengong.to_dataframe needs pandas: pip install 'fengong[pandas]'") \
            from None
    return pandas


def to_dataframe(records: Iterable[Task | dict]):
    """Given Task records (or their dicts), return a DataFrame with one column per record
    field, in the record's order; unit and warning columns hold Python lists."""
    pandas = _pandas()
    rows = [r.to_dict() if isinstance(r, Task) else dict(r) for r in records]
    extra = [k for row in rows for k in row if k not in FIELDS]
    return pandas.DataFrame(rows, columns=[*FIELDS, *dict.fromkeys(extra)])


def extract_dataframe(paths: Sequence[str], *, workers: int = 0, **options):
    """Given files, directories or globs, read them all (in worker processes) and return one
    DataFrame; files that failed are listed in ``frame.attrs["failures"]`` as
    (path, kind, message)."""
    import functools

    from fengong.batch import discover, run_batch
    from fengong.pipeline import records_of

    files = discover(paths).files
    records: list[dict] = []
    failures: list[tuple[str, str, str]] = []
    work = functools.partial(records_of, **options)
    for result in run_batch(files, work, workers=workers):
        if result.ok:
            records.extend(result.records or [])
        else:
            failures.append((result.path, result.error_kind or "", result.message or ""))
    frame = to_dataframe(records)
    frame.attrs["failures"] = failures
    return frame
