"""fengong: the task table of Chinese government notices as clean records.

>>> from fengong import extract_tasks
>>> tasks = extract_tasks("samples/seed.txt")          # doctest: +SKIP
>>> tasks[0].seq, tasks[0].lead_units                   # doctest: +SKIP
('1', ('市编办', '市安监局', '各县（区）政府'))
"""

from __future__ import annotations

from fengong.diff import TaskChange, diff_files, diff_tasks
from fengong.extract.errors import ExtractError
from fengong.frame import extract_dataframe, to_dataframe
from fengong.model import FIELDS, Task
from fengong.pipeline import extract_tasks

__version__ = "0.1.0"
__all__ = ["FIELDS", "ExtractError", "Task", "TaskChange", "__version__", "diff_files",
           "diff_tasks", "extract_dataframe", "extract_tasks", "to_dataframe"]
