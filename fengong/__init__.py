"""fengong: the task table of Chinese government notices as clean records.

>>> from fengong import extract_tasks
>>> tasks = extract_tasks("samples/seed.txt")          # doctest: +SKIP
>>> tasks[0].seq, tasks[0].lead_units                   # doctest: +SKIP
('1', ('市编办', '市安监局', '各县（区）政府'))

The names below are imported on first use, so ``fengong --help`` and a worker that only
needs one of them do not pay for the readers, jieba and the dictionary.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"
_HOMES = {
    "ExtractError": "fengong.extract.errors",
    "TaskChange": "fengong.diff",
    "diff_files": "fengong.diff",
    "diff_tasks": "fengong.diff",
    "FIELDS": "fengong.model",
    "Task": "fengong.model",
    "extract_dataframe": "fengong.frame",
    "extract_tasks": "fengong.pipeline",
    "read_records": "fengong.output.read",
    "recheck": "fengong.normalize.recheck",
    "to_dataframe": "fengong.frame",
}
__all__ = ["FIELDS", "ExtractError", "Task", "TaskChange", "__version__", "diff_files",
           "diff_tasks", "extract_dataframe", "extract_tasks", "read_records", "recheck",
           "to_dataframe"]

if TYPE_CHECKING:
    from fengong.diff import TaskChange, diff_files, diff_tasks
    from fengong.extract.errors import ExtractError
    from fengong.frame import extract_dataframe, to_dataframe
    from fengong.model import FIELDS, Task
    from fengong.normalize.recheck import recheck
    from fengong.output.read import read_records
    from fengong.pipeline import extract_tasks


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'fengong' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
