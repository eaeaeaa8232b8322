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


def to_dataframe(records: Iterable[Task | dict], *, long: bool = False):
    """Given Task records (or their dicts), return a DataFrame with one column per record
    field, in the record's order, typed: dates as ``datetime64``, positions as ``Int64``,
    text as ``string``; unit and warning columns hold Python lists. ``long``: one row per
    task × unit × role (``fengong.output.long``), the form to group by unit."""
    from fengong.output.long import LONG_FIELDS, long_records

    pandas = _pandas()
    rows = [r.to_dict() if isinstance(r, Task) else dict(r) for r in records]
    if long:
        rows, fields = list(long_records(rows)), list(LONG_FIELDS)
    else:
        fields = [*FIELDS, *dict.fromkeys(k for row in rows for k in row if k not in FIELDS)]
    return typed(pandas.DataFrame(rows, columns=fields))


def typed(frame):
    """The frame's columns in the record's types (shared with the Dask frame)."""
    pandas = _pandas()
    from fengong.model import DATE_FIELDS
    from fengong.output.long import LONG_KINDS

    for name in frame.columns:
        kind = LONG_KINDS.get(name, "").rstrip("?")
        if name in DATE_FIELDS:
            frame[name] = pandas.to_datetime(frame[name], format="%Y-%m-%d",
                                             errors="coerce").astype("datetime64[ns]")
        elif kind == "int":
            frame[name] = frame[name].astype("Int64")
        elif kind == "bool":
            frame[name] = frame[name].astype("boolean")
        elif kind == "text":
            frame[name] = frame[name].astype("string")
    return frame


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
